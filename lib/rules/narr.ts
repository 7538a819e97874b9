/**
 * H. Narrative against tables, and text against text (rules.md §H), plus T3-FEE-NARRATIVE
 * (§F, narrative tier). The text is read by lib/narrative.ts: sentences, clauses, figures
 * with their units, and the table quantities a clause names. Each finding about a sentence
 * carries `text` (the sentence and where it is) besides its cells (contract §3, optional field).
 *
 * False alarms are worse than misses: approximate figures are never compared, sentences about
 * hotlines, petitions and proposals are not applications, a clause naming an applicant type
 * counts a part, and a figure is compared only where its clause names the quantity.
 */
import type { AuditContext, CellId, Format, Rule, RuleFinding } from '../types';
import { C6, cellId } from '../template';
import { compact } from '../normalise';
import { defineRule, fmt, val } from './define';
import {
  RESULT_KEYS,
  aboutDisclosure,
  anchorOf,
  foldDigits,
  narrativeSentences,
  readFigures,
  shortQuote,
  splitClauses,
  t2Claims,
  t3Claims,
  t4Claims,
  type Claim,
  type Figure,
  type Sentence,
  type T2Claim,
  type T3Key,
} from '../narrative';

const BOTH = ['2019', '2021'] as const;
const t3 = (row: string, col: string): CellId => cellId('T3', row, col);
const t4 = (col: string): CellId => `T4:cases:${col}`;

// ------------------------------------------------------------------ table values

/** A table value behind a narrative figure: its value and the cells read. */
interface TableValue {
  value: number;
  /** 总计 cells of the rows involved (on the page, blank or not), then the applicant cells used for a blank 总计. */
  cells: CellId[];
  /** Some 总计 was blank: the value sums the applicant cells. */
  fromParts: boolean;
}

/**
 * rules.md `rowval(r)` summed over rows: `T3:r:total` if reported, else Σ* of its six applicant
 * cells. Null when no cell behind any of the rows is reported (not assessable).
 */
export function rowsValue(ctx: AuditContext, rows: readonly string[]): TableValue | null {
  let value = 0;
  let any = false;
  let fromParts = false;
  const totals: CellId[] = [];
  const parts: CellId[] = [];
  for (const r of rows) {
    const total = t3(r, 'total');
    if (ctx.cells.has(total)) totals.push(total);
    const tv = val(ctx, total);
    if (tv !== null) {
      value += tv;
      any = true;
      continue;
    }
    for (const c of C6) {
      const v = val(ctx, t3(r, c));
      if (v === null) continue;
      value += v;
      any = true;
      fromParts = true;
      parts.push(t3(r, c));
    }
  }
  return any ? { value, cells: [...totals, ...parts], fromParts } : null;
}

/** The T3 rows of a result group (`3.3` → 3.3.1…3.3.8; `3.6` → 3.6 or 3.6.1…3.6.3). */
function groupRows(ctx: AuditContext, group: string): string[] {
  const n: Record<string, number> = { '3.3': 8, '3.4': 3, '3.5': 5 };
  if (group === '3.6') return ctx.format === '2021' ? ['3.6.1', '3.6.2', '3.6.3'] : ['3.6'];
  return Array.from({ length: n[group]! }, (_, i) => `${group}.${i + 1}`);
}

/** The rows each narrative quantity stands for (alternatives: either may match). */
function t3Rows(ctx: AuditContext, key: T3Key): string[][] {
  switch (key) {
    case 'new':
      return [['1']];
    case 'handled':
      return [['1', '2'], ['3.7']];
    case 'carriedIn':
      return [['2']];
    case 'carriedOut':
      return [['4']];
    case 'answered':
      return [['3.7']];
    case 'openPartial':
      return [['3.1', '3.2']];
    case 'open':
      return [['3.1']];
    case 'partial':
      return [['3.2']];
    case 'refused':
      return [groupRows(ctx, '3.3')];
    case 'unable':
      return [groupRows(ctx, '3.4')];
    case 'notProcessed':
      return [groupRows(ctx, '3.5')];
    case 'other':
      return [groupRows(ctx, '3.6')];
  }
}

const T3_NAMES: Record<T3Key, string> = {
  new: '本年新收申请（一）',
  handled: '办理申请（一＋二，或（七）总计）',
  carriedIn: '上年结转申请（二）',
  carriedOut: '结转下年度继续办理（四）',
  answered: '办理结果总计（三（七））',
  openPartial: '予以公开＋部分公开',
  open: '予以公开',
  partial: '部分公开',
  refused: '不予公开（三（三）合计）',
  unable: '无法提供（三（四）合计）',
  notProcessed: '不予处理（三（五）合计）',
  other: '其他处理（三（六）合计）',
};

function quoteOf(s: Sentence): string {
  return `正文“${shortQuote(s.text)}”`;
}

// ------------------------------------------------------------------ NARR-T3-NUM

const narrT3 = defineRule(
  {
    id: 'NARR-T3-NUM',
    severity: 'error',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文数字与表三不符', en: 'Text figure differs from table 三' },
    description: {
      zh: '正文中写明的依申请公开数量（收到、办理、上年结转、结转下年度、答复、予以公开、部分公开、不予公开、无法提供、不予处理、其他处理 N件）应与表三一致。约数、信访、热线、提案等不比较。',
      en: 'Counts of applications the text states (received, handled, carried over, answered, and each result group) equal table 三. Approximate figures, hotline cases, petitions and proposals are not compared.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const c of t3Claims(ctx)) {
      const alts = t3Rows(ctx, c.key).map((rows) => rowsValue(ctx, rows));
      const known = alts.filter((a): a is TableValue => a !== null);
      if (known.length === 0) continue;
      const n = c.figure.value;
      if (known.some((a) => a.value === n)) continue;
      const first = known[0]!;
      const cells = [...new Set(known.flatMap((a) => a.cells))];
      const alt = known.length > 1 ? `（或 ${known.slice(1).map((a) => fmt(a.value)).join('、')}）` : '';
      out.push({
        cells,
        expected: first.value,
        actual: n,
        message: `${quoteOf(c.sentence)}写 ${fmt(n)} 件，表三${T3_NAMES[c.key]}为 ${fmt(first.value)}${alt}${first.fromParts ? '（总计栏空白，按申请人各栏合计）' : ''}`,
        text: anchorOf(c.sentence),
      });
    }
    return out;
  },
);

// ------------------------------------------------------------------ NARR-T4-NUM

const GROUPS = { review: '行政复议', directSuit: '未经复议直接起诉', suitAfterReview: '复议后起诉' } as const;
type Group = keyof typeof GROUPS;

/** Σ* of reported cells, or null when none is reported. */
function sumReported(ctx: AuditContext, ids: readonly CellId[]): { value: number; cells: CellId[] } | null {
  let value = 0;
  const cells: CellId[] = [];
  for (const id of ids) {
    const v = val(ctx, id);
    if (v === null) continue;
    value += v;
    cells.push(id);
  }
  return cells.length > 0 ? { value, cells } : null;
}

const UPHELD = /均获维持|全部维持|均维持|均被维持|全部获得维持|均予以维持|全部被维持/;
const NO_LOSS = /零败诉|无败诉|没有败诉|未出现败诉|未发生败诉/;

const narrT4 = defineRule(
  {
    id: 'NARR-T4-NUM',
    severity: 'error',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文复议诉讼情况与表四不符', en: 'Text on reviews and suits differs from table 四' },
    description: {
      zh: '正文写明的信息公开类行政复议、行政诉讼件数应等于表四总计；“均获维持”要求所述各组无纠正、其他结果和尚未审结，“零败诉”要求各组结果纠正为 0。',
      en: 'Review and lawsuit counts the text states equal table 四’s totals; “all upheld” requires no corrected, other or pending case in the groups named, “no case lost” no corrected case.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const c of t4Claims(ctx)) {
      const ids = c.key === 'review' ? [t4('review.total')] : [t4('directSuit.total'), t4('suitAfterReview.total')];
      const tv = sumReported(ctx, ids);
      if (!tv || tv.value === c.figure.value) continue;
      const name = c.key === 'review' ? '行政复议总计' : '行政诉讼总计（直接起诉＋复议后起诉）';
      out.push({
        cells: ids.filter((id) => ctx.cells.has(id)),
        expected: tv.value,
        actual: c.figure.value,
        message: `${quoteOf(c.sentence)}写 ${fmt(c.figure.value)} 件，表四${name}为 ${fmt(tv.value)}`,
        text: anchorOf(c.sentence),
      });
    }
    for (const s of narrativeSentences(ctx)) {
      if (!aboutDisclosure(s)) continue;
      if (UPHELD.test(s.text)) {
        const groups: Group[] = [];
        if (/复议/.test(s.text)) groups.push('review');
        if (/诉讼|起诉/.test(s.text)) groups.push('directSuit', 'suitAfterReview');
        const bad = groups.flatMap((g) => ['corrected', 'other', 'pending'].map((o) => t4(`${g}.${o}`))).filter((id) => (val(ctx, id) ?? 0) > 0);
        if (bad.length > 0) {
          out.push({
            cells: bad,
            message: `${quoteOf(s)}称均获维持，但表四 ${bad.map((id) => `${describeT4(id)} 为 ${fmt(val(ctx, id)!)}`).join('，')}`,
            text: anchorOf(s),
          });
        }
      }
      const loss = NO_LOSS.exec(s.text);
      if (loss) {
        const bad = (Object.keys(GROUPS) as Group[]).map((g) => t4(`${g}.corrected`)).filter((id) => (val(ctx, id) ?? 0) > 0);
        if (bad.length > 0) {
          out.push({
            cells: bad,
            message: `${quoteOf(s)}称${loss[0]}，但表四 ${bad.map((id) => `${describeT4(id)} 为 ${fmt(val(ctx, id)!)}`).join('，')}`,
            text: anchorOf(s),
          });
        }
      }
    }
    return out;
  },
);

function describeT4(id: CellId): string {
  const col = id.split(':')[2]!;
  const [g, o] = col.split('.') as [Group, string];
  const outcome: Record<string, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' };
  return `${GROUPS[g]}${outcome[o] ?? o}`;
}

// ------------------------------------------------------------------ NARR-T2-NUM

const T2_COLUMN: Record<Format, Partial<Record<T2Claim['key'], string>>> = {
  '2019': { made: 'newlyMade', published: 'newlyPublished', licensing: 'decisions', penalties: 'decisions', enforcement: 'decisions' },
  '2021': { made: 'issued', repealed: 'repealed', inForce: 'inForce', licensing: 'decisions', penalties: 'decisions', enforcement: 'decisions', fees: 'feeAmount' },
};
const T2_NAMES: Record<string, string> = {
  regulations: '规章',
  normativeDocuments: '规范性文件',
  newlyMade: '本年新制作数量',
  newlyPublished: '本年新公开数量',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '处理决定数量',
  feeAmount: '本年收费金额（万元）',
  licensing: '行政许可',
  penalties: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
};

const narrT2 = defineRule(
  {
    id: 'NARR-T2-NUM',
    severity: 'warning',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文数字与表二不符', en: 'Text figure differs from table 二' },
    description: {
      zh: '正文写明的制定、公开、废止、现行有效规章和规范性文件件数，行政许可、处罚、强制决定件数和收费金额应与表二一致；总数后括号内有分项时只比较分项。',
      en: 'Counts of regulations and normative documents made, published, repealed or in force, of licensing, penalty and enforcement decisions, and fee amounts stated in the text equal table 二; a total followed by its breakdown in brackets is compared through its parts.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    if (!ctx.format) return out;
    for (const c of t2Claims(ctx)) {
      const col = T2_COLUMN[ctx.format][c.key];
      if (!col) continue;
      const row = c.doc ?? c.key;
      const id = cellId('T2', row, col);
      const v = val(ctx, id);
      if (v === null) continue;
      const tol = col === 'feeAmount' ? 0.01 : 0;
      if (Math.abs(v - c.figure.value) <= tol) continue;
      const unit = col === 'feeAmount' ? ' 万元' : ' 件';
      out.push({
        cells: [id],
        expected: v,
        actual: c.figure.value,
        message: `${quoteOf(c.sentence)}写 ${fmt(c.figure.value)}${unit}，表二${T2_NAMES[row]} ${T2_NAMES[col]}为 ${fmt(v)}`,
        text: anchorOf(c.sentence),
      });
    }
    return out;
  },
);

// ------------------------------------------------------------------ NARR-ZERO-CLAIM

const NEG = '(?<!未经)(?:未|没有|无)(?!法|正当|关|论|须|需)';

const ZERO_T3 = /(?:未|没有)(?:收到|受理|接到|发生)[^，,；;。]{0,24}?申请/;
const ZERO_REVIEW = new RegExp(`${NEG}(?:发生|出现|收到|接到)?[^，,；;。\\d]{0,16}?行政复议`);
const ZERO_SUIT = new RegExp(`${NEG}(?:发生|出现|收到|接到)?[^，,；;。\\d]{0,20}?行政诉讼`);
/** After the keyword: the negation is about an outcome, not about the cases. */
const OUTCOME = /被|败诉|纠正|撤销|纠错|确认违法|维持/;

const narrZero = defineRule(
  {
    id: 'NARR-ZERO-CLAIM',
    severity: 'error',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文称“没有”但表中不为 0', en: 'Text says “none” but the table is not 0' },
    description: {
      zh: '正文称未收到政府信息公开申请、未发生行政复议或行政诉讼，但表三“本年新收”或表四相应总计不为 0。',
      en: 'The text says no application was received, or no review or lawsuit arose, but table 三’s new applications or table 四’s totals are not 0.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const s of narrativeSentences(ctx)) {
      const t = foldDigits(s.text);
      for (const c of splitClauses(t)) {
        // a clause that states a non-zero count is not a claim of none
        if (readFigures(c.text).some((f) => f.value > 0 && f.unit !== '%')) continue;
        const hits: { what: string; cells: CellId[] }[] = [];
        if (ZERO_T3.test(c.text) && !/复议|诉讼/.test(c.text) && !/投诉|信访|咨询|建议|提案/.test(c.text)) {
          const tv = rowsValue(ctx, ['1']);
          if (tv && tv.value > 0) hits.push({ what: `表三本年新收申请为 ${fmt(tv.value)}`, cells: tv.cells.filter((id) => (val(ctx, id) ?? 0) > 0) });
        }
        const review = ZERO_REVIEW.exec(c.text);
        if (review && !OUTCOME.test(c.text.slice(review.index + review[0].length))) {
          const v = val(ctx, t4('review.total'));
          if (v !== null && v > 0) hits.push({ what: `表四行政复议总计为 ${fmt(v)}`, cells: [t4('review.total')] });
        }
        const suit = ZERO_SUIT.exec(c.text);
        if (suit && !OUTCOME.test(c.text.slice(suit.index + suit[0].length))) {
          const ids = [t4('directSuit.total'), t4('suitAfterReview.total')].filter((id) => (val(ctx, id) ?? 0) > 0);
          if (ids.length > 0) hits.push({ what: `表四行政诉讼总计为 ${ids.map((id) => fmt(val(ctx, id)!)).join(' + ')}`, cells: ids });
        }
        for (const h of hits) {
          out.push({ cells: h.cells, expected: 0, message: `${quoteOf(s)}称没有，但${h.what}`, text: anchorOf(s) });
        }
      }
    }
    return out;
  },
);

// ------------------------------------------------------------------ NARR-MISSING-YSQ

/** A paragraph's sub-heading: `（二）依申请公开方面`, the enumerated start up to its first ，or 。. */
const SUBHEADING = /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．])\s*([^，,。；;]*)/;

const narrMissingYsq = defineRule(
  {
    id: 'NARR-MISSING-YSQ',
    severity: 'warning',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '总体情况未说明依申请公开', en: 'Overview is silent on applications' },
    description: {
      zh: '表三有收到或结转的申请，但“一、总体情况”既没有含“依申请”的小标题，也没有写明申请件数的句子。',
      en: 'Table 三 has applications, but section 一 has neither a sub-heading on 依申请 nor a sentence giving a count of applications.',
    },
  },
  (ctx) => {
    if (!ctx.sections.some((h) => h.section === 1)) return [];
    const rows = rowsValue(ctx, ['1', '2']);
    if (!rows || rows.value <= 0) return [];
    const sec1 = narrativeSentences(ctx).filter((s) => s.section === 1);
    const paraStarts = new Set<number>();
    for (const s of sec1) {
      const first = !paraStarts.has(s.para);
      paraStarts.add(s.para);
      if (first) {
        const h = SUBHEADING.exec(s.text);
        if (h && /依申请/.test(h[1]!)) return [];
      }
      if (/申请/.test(s.text) && readFigures(s.text).some((f) => f.unit === '件')) return [];
    }
    const total = t3('1', 'total');
    return [
      {
        cells: ctx.cells.has(total) ? [total] : [],
        message: `表三收到和结转的政府信息公开申请共 ${fmt(rows.value)} 件，但“一、总体情况”没有依申请公开的小标题，也没有写明申请件数`,
      },
    ];
  },
);

// ------------------------------------------------------------------ NARR-PERCENT

const PERCENT_LINK = /^\s*[，,、]?\s*(?:约)?占(?:比|全部|总数|总量|所有)?(?:[^\d，,。；;%]{0,8})?的?\s*$/;
const YOY = /同比|较去年|较上年|比去年|比上年|增长|下降|回落|减少|增加|上升|提高/;

const narrPercent = defineRule(
  {
    id: 'NARR-PERCENT',
    severity: 'warning',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文百分比与件数不符', en: 'Stated share does not match the counts' },
    description: {
      zh: '“N件，占P%”中的 P 应在 0.1 个百分点内等于 N 或表中同类数值除以所述总数（答复总数，或表三（七）总计）；同比增减不检查。',
      en: 'In “N cases, P%”, P is within 0.1 point of N, or the table value of the same category, over the stated total (answered, or 表三 （七）总计); year-on-year figures are skipped.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    const claims = t3Claims(ctx);
    for (const c of claims) {
      if (!RESULT_KEYS.includes(c.key)) continue;
      const t = foldDigits(c.sentence.text);
      const figs = readFigures(t);
      const at = figs.findIndex((f) => f.start === c.clause.start + c.figure.start);
      const pct = at >= 0 ? figs[at + 1] : undefined;
      if (!pct || pct.unit !== '%' || pct.approx) continue;
      const own = figs[at]!;
      if (!PERCENT_LINK.test(t.slice(own.end, pct.start))) continue;
      const pctClause = splitClauses(t).find((x) => x.start <= pct.start && pct.start < x.start + x.text.length);
      if (pctClause && YOY.test(pctClause.text)) continue;
      // base: the stated 答复 (else 办理) total of the paragraph, else 表三（七）总计
      const stated = claims.find((x) => x.sentence.para === c.sentence.para && x.key === 'answered') ?? claims.find((x) => x.sentence.para === c.sentence.para && x.key === 'handled');
      const baseCell = rowsValue(ctx, ['3.7']);
      const base = stated?.figure.value ?? baseCell?.value ?? null;
      if (!base) continue;
      const table = t3Rows(ctx, c.key).map((rows) => rowsValue(ctx, rows))[0] ?? null;
      const decimals = (/\.(\d+)/.exec(t.slice(pct.numStart, pct.end))?.[1] ?? '').length;
      const tol = Math.max(0.1, decimals === 0 ? 0.5 : 0);
      const shares = [100 * c.figure.value / base, ...(table ? [100 * table.value / base] : [])];
      if (shares.some((x) => Math.abs(x - pct.value) <= tol + 1e-9)) continue;
      const round1 = (x: number) => Math.round(x * 10) / 10;
      const totals = table ? table.cells.filter((id) => id.endsWith(':total')) : [];
      const baseId = t3('3.7', 'total');
      const cells = [...new Set([...totals, ...(ctx.cells.has(baseId) ? [baseId] : [])])];
      out.push({
        cells,
        expected: round1(shares[shares.length - 1]!),
        actual: pct.value,
        message: `${quoteOf(c.sentence)}写占 ${fmt(pct.value)}%，但 ${fmt(c.figure.value)}/${fmt(base)} = ${round1(shares[0]!)}%${table ? `，按表三 ${fmt(table.value)}/${fmt(base)} = ${round1(shares[1]!)}%` : ''}${stated ? '（以正文所述总数为分母）' : '（以表三（七）总计为分母）'}`,
        text: anchorOf(c.sentence),
      });
    }
    return out;
  },
);

// ------------------------------------------------------------------ NARR-BREAKDOWN

const TOTAL_WORD = /(?:共计|合计|总计|累计|(?<!公)共(?![同享建识性产]))\s*[^\d，,。；;、]{0,8}$/;
const BREAKDOWN_WORD = /其中|包括/;

function sum(figs: readonly Figure[]): number {
  return Math.round(figs.reduce((a, f) => a + f.value, 0) * 100) / 100;
}

/** Figures outside brackets (a bracket holds a sub-breakdown). */
function unbracketed(text: string, figs: readonly Figure[]): Figure[] {
  const ranges: [number, number][] = [];
  const re = /[（(][^（）()]*[）)]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) ranges.push([m.index, m.index + m[0].length]);
  return figs.filter((f) => !ranges.some(([a, b]) => f.start >= a && f.end <= b));
}

const COUNT_UNITS = new Set(['人次', '件次', '件', '条', '项', '次', '个', '篇', '期', '份', '册', '张', '家', '名', '人', '起', '宗', '批']);

const narrBreakdown = defineRule(
  {
    id: 'NARR-BREAKDOWN',
    severity: 'warning',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文总数与分项之和不符', en: 'Stated total differs from its stated parts' },
    description: {
      zh: '“共N件，其中a件、b件…”或“a项，b项，共计N项”中分项之和应等于总数（单位不同时比较分项个数）；正文给出全部六类办理结果件数时，其和应等于所述答复总数。',
      en: 'In “N in all, of which a, b…” or “a, b, N in all” the parts add up to the total (with a different unit, their number does); when the text gives all six result groups after an answered total, they add up to it.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const s of narrativeSentences(ctx)) {
      const t = foldDigits(s.text);
      const figs = unbracketed(t, readFigures(t)).filter((f) => COUNT_UNITS.has(f.unit));
      if (figs.length < 3) continue;
      for (let i = 0; i < figs.length; i++) {
        const total = figs[i]!;
        const lead = t.slice(Math.max(0, total.start - 12), total.start);
        if (!TOTAL_WORD.test(lead)) continue;
        // A: 共N件，其中a件、b件… (up to the next 其中 or the end of the sentence)
        const rest = t.slice(total.end);
        const bw = BREAKDOWN_WORD.exec(rest);
        const nextTotal = figs.slice(i + 1).find((f) => TOTAL_WORD.test(t.slice(Math.max(0, f.start - 12), f.start)));
        if (bw && (!nextTotal || total.end + bw.index < nextTotal.start) && !/[，,。]/.test(rest.slice(0, bw.index).replace(/^[，,]/, ''))) {
          const from = total.end + bw.index + bw[0].length;
          const again = BREAKDOWN_WORD.exec(t.slice(from));
          const to = again ? from + again.index : t.length;
          const parts = figs.filter((f) => f.start >= from && f.end <= to);
          const check = judge(total, parts);
          if (check) out.push(finding(s, check));
          continue;
        }
        // B: a件，b件，共计N件 (parts before the total in the sentence, after any earlier total)
        {
          const prevTotal = figs.slice(0, i).reverse().find((f) => TOTAL_WORD.test(t.slice(Math.max(0, f.start - 12), f.start)));
          const parts = figs.slice(0, i).filter((f) => f.unit === total.unit && (!prevTotal || f.start > prevTotal.end));
          if (parts.length < 2 || BREAKDOWN_WORD.test(t.slice(parts[0]!.start, total.start))) continue;
          // the total must close the list: only a separator and the total word between the last part and it
          const between = t.slice(parts[parts.length - 1]!.end, total.start);
          if (!/^[^\d。；;]*[，,、][^\d，,、]{0,10}$/.test(between)) continue;
          const check = judge(total, parts);
          if (check) out.push(finding(s, check));
        }
      }
    }
    // C: all six result groups after a stated 答复 total, in the same paragraph
    const claims = t3Claims(ctx);
    for (const a of claims.filter((c) => c.key === 'answered')) {
      const after = claims.filter((c) => c.sentence.para === a.sentence.para && RESULT_KEYS.includes(c.key) && (c.sentence.start > a.sentence.start || (c.sentence.start === a.sentence.start && c.clause.start > a.clause.start)));
      const first = new Map<T3Key, Claim<T3Key>>();
      for (const c of after) if (!first.has(c.key)) first.set(c.key, c);
      const hasOpen = first.has('openPartial') || (first.has('open') && first.has('partial'));
      const groups: T3Key[] = first.has('openPartial') ? ['openPartial'] : ['open', 'partial'];
      groups.push('refused', 'unable', 'notProcessed', 'other');
      if (!hasOpen || !groups.every((k) => first.has(k))) continue;
      const parts = groups.map((k) => first.get(k)!.figure.value);
      const total = parts.reduce((x, y) => x + y, 0);
      if (total === a.figure.value) continue;
      out.push({
        cells: [],
        expected: a.figure.value,
        actual: total,
        message: `${quoteOf(a.sentence)}答复 ${fmt(a.figure.value)} 件，但正文所列全部办理结果 ${parts.map(fmt).join(' + ')} = ${fmt(total)}`,
        text: anchorOf(a.sentence),
      });
    }
    return out;
  },
);

interface Judged {
  total: Figure;
  parts: Figure[];
  got: number;
  byCount: boolean;
}

/** Σ parts of the total's unit = total; a total in 项 over parts in another unit: the number of parts. */
function judge(total: Figure, parts: Figure[]): Judged | null {
  if (total.approx || parts.some((p) => p.approx)) return null;
  const same = parts.filter((p) => p.unit === total.unit);
  if (same.length >= 2) {
    const got = sum(same);
    return got === total.value ? null : { total, parts: same, got, byCount: false };
  }
  if (total.unit === '项' && parts.length >= 2 && parts.every((p) => p.unit === parts[0]!.unit)) {
    return parts.length === total.value ? null : { total, parts, got: parts.length, byCount: true };
  }
  return null;
}

function finding(s: Sentence, j: Judged): RuleFinding {
  const list = j.parts.map((p) => fmt(p.value)).join(' + ');
  return {
    cells: [],
    expected: j.total.value,
    actual: j.got,
    message: j.byCount
      ? `${quoteOf(s)}共 ${fmt(j.total.value)}${j.total.unit}，但列出 ${j.parts.length} 项`
      : `${quoteOf(s)}共 ${fmt(j.total.value)}${j.total.unit}，但分项 ${list} = ${fmt(j.got)}`,
    text: anchorOf(s),
  };
}

// ------------------------------------------------------------------ NARR-PLACEHOLDER

const PLACEHOLDERS: [RegExp, string][] = [
  [/截[至止]前(?=[，,、\s]|$)/, '日期缺失（截至前）'],
  [/(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])/, '占位符 XX'],
  [/[×✕]{2,}/, '占位符 ××'],
  [/某某/, '占位符 某某'],
  [/[（(]\s*单位名称\s*[）)]/, '占位符（单位名称）'],
  [/[_＿]{2,}/, '下划线空位'],
  [/(?:公开|发布|收到|受理|办理|答复|制定|制发|共计|累计|合计|共|信息|申请|文件)\s+(?:件|条|项|次|篇)(?=[，。；、,.;）)]|$)/, '数字空缺'],
];

const narrPlaceholder = defineRule(
  {
    id: 'NARR-PLACEHOLDER',
    severity: 'warning',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文有模板残留或空缺', en: 'Template leftover or empty slot in the text' },
    description: {
      zh: '正文中有“截至前”“XX”“××”“某某”“（单位名称）”、连续下划线，或计数词后只有单位没有数字（“公开信息  条”）。',
      en: 'The text holds “截至前”, “XX”, “××”, “某某”, “（单位名称）”, runs of underscores, or a count word followed by a unit with no number.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const s of narrativeSentences(ctx)) {
      const what = PLACEHOLDERS.filter(([re]) => re.test(s.text)).map(([, w]) => w);
      if (what.length === 0) continue;
      out.push({ cells: [], message: `${quoteOf(s)}有${what.join('、')}`, text: anchorOf(s) });
    }
    return out;
  },
);

// ------------------------------------------------------------------ NARR-ENTITY-MISMATCH

/** The kind of township body the entity names: 乡, 镇 or 街道; null for other bodies. */
export function townshipKind(entity: string | null): '乡' | '镇' | '街道' | null {
  if (!entity) return null;
  const e = compact(entity).replace(/(?:人民政府|政府|党委|党工委|办事处|管委会|委员会)+$/, '');
  if (/街道$/.test(e)) return '街道';
  if (/乡$/.test(e)) return '乡';
  if (/镇$/.test(e)) return '镇';
  return null;
}

const OTHER_KIND: Record<'乡' | '镇' | '街道', RegExp> = {
  乡: /(?:全|我|本)(?:镇|街道)/,
  镇: /(?:全|我|本)(?:乡(?![镇村亲土本里愁贤])|街道)/,
  街道: /(?:全|我|本)(?:镇|乡(?![镇村亲土本里愁贤]))/,
};

const narrEntity = defineRule(
  {
    id: 'NARR-ENTITY-MISMATCH',
    severity: 'warning',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文所称机关类型与报告机关不符', en: 'Text speaks of another kind of body' },
    description: {
      zh: '乡的报告写“全镇/我镇/本镇”，镇的报告写“全乡/我乡/本乡”，或街道的报告写镇、乡：多为套用其他报告的残留。',
      en: 'A 乡 report says 全镇/我镇/本镇, a 镇 report 全乡/我乡/本乡, or a 街道 report speaks of a 镇 or 乡: usually copied from another report.',
    },
  },
  (ctx) => {
    const kind = townshipKind(ctx.detection.entity);
    if (!kind) return [];
    const out: RuleFinding[] = [];
    for (const s of narrativeSentences(ctx)) {
      const m = OTHER_KIND[kind].exec(s.text);
      if (!m) continue;
      out.push({ cells: [], message: `报告机关为${kind}（${ctx.detection.entity}），${quoteOf(s)}却称“${m[0]}”`, text: anchorOf(s) });
    }
    return out;
  },
);

// ------------------------------------------------------------------ NARR-INTERNAL

const PROPOSAL = /(提案|议案|建议)/;

/** The proposal counts of a section's first sentence that gives any: `提案2件`, `议案0件，…建议和意见7件`. */
function proposalCounts(ctx: AuditContext, section: number): { sentence: Sentence; counts: { word: string; value: number }[] } | null {
  for (const s of narrativeSentences(ctx)) {
    if (s.section !== section) continue;
    const t = foldDigits(s.text);
    const counts: { word: string; value: number }[] = [];
    for (const c of splitClauses(t)) {
      const m = PROPOSAL.exec(c.text);
      if (!m) continue;
      const f = readFigures(c.text).find((x) => x.unit === '件' && x.start >= m.index);
      if (!f || f.approx) continue;
      counts.push({ word: m[1]!, value: f.value });
    }
    if (counts.length > 0) return { sentence: s, counts };
  }
  return null;
}

const narrInternal = defineRule(
  {
    id: 'NARR-INTERNAL',
    severity: 'warning',
    formats: BOTH,
    tier: 'narrative',
    title: { zh: '正文前后数字不一致（提示）', en: 'Two statements in the text disagree (hint)' },
    description: {
      zh: '同一事项在正文中两次给出不同数字：提案、议案、建议件数在“一”与“六”中不同，或同一申请数量（收到、上年结转、结转下年度、答复）前后写法不同。需人工核对。',
      en: 'The text counts the same thing twice with different numbers: proposals in section 一 and 六, or the same application count (received, carried over, answered) in two places. Needs a human.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    // the same application quantity stated twice
    const seen = new Map<T3Key, Claim<T3Key>>();
    for (const c of t3Claims(ctx)) {
      if (!['new', 'carriedIn', 'carriedOut', 'answered'].includes(c.key)) continue;
      const before = seen.get(c.key);
      if (!before) {
        seen.set(c.key, c);
        continue;
      }
      if (before.figure.value === c.figure.value || before.sentence === c.sentence) continue;
      out.push({
        cells: [],
        expected: before.figure.value,
        actual: c.figure.value,
        message: `${T3_NAMES[c.key]}前文写 ${fmt(before.figure.value)} 件（“${shortQuote(before.sentence.text, 30)}”），此处写 ${fmt(c.figure.value)} 件（“${shortQuote(c.sentence.text, 30)}”），请人工核对`,
        text: anchorOf(c.sentence),
      });
    }
    // proposals in 一 vs 六
    const one = proposalCounts(ctx, 1);
    const six = proposalCounts(ctx, 6);
    if (one && six) {
      const a = one.counts.reduce((x, y) => x + y.value, 0);
      const b = six.counts.reduce((x, y) => x + y.value, 0);
      if (a !== b) {
        const list = (cs: { word: string; value: number }[]) => cs.map((c) => `${c.word}${fmt(c.value)}件`).join('、');
        out.push({
          cells: [],
          expected: a,
          actual: b,
          message: `“一”写${list(one.counts)}（“${shortQuote(one.sentence.text, 30)}”），“六”写${list(six.counts)}（“${shortQuote(six.sentence.text, 30)}”），请人工核对是否为同一事项`,
          text: anchorOf(six.sentence),
        });
      }
    }
    return out;
  },
);

// ------------------------------------------------------------------ T3-FEE-NARRATIVE

const t3FeeNarrative = defineRule(
  {
    id: 'T3-FEE-NARRATIVE',
    severity: 'warning',
    formats: ['2021'],
    tier: 'narrative',
    title: { zh: '发出收费通知但“六”未说明信息处理费', en: 'Fee notices issued, section 六 silent on fees' },
    description: {
      zh: '表三（六）2“出具收费通知”大于 0 时，“六、其他需要报告的事项”应说明信息处理费的收取情况（国办函〔2020〕109号）。',
      en: 'When 表三 （六）2 (fee notices issued) is above 0, section 六 reports on 信息处理费 (国办函〔2020〕109号).',
    },
  },
  (ctx) => {
    if (!ctx.sections.some((h) => h.section === 6)) return [];
    const tv = rowsValue(ctx, ['3.6.2']);
    if (!tv || tv.value <= 0) return [];
    const six = narrativeSentences(ctx).filter((s) => s.section === 6);
    if (six.some((s) => /信息处理费/.test(s.text))) return [];
    return [
      {
        cells: tv.cells,
        message: `表三（六）其他处理 2.出具收费通知为 ${fmt(tv.value)} 件，但“六、其他需要报告的事项”未说明信息处理费收取情况`,
      },
    ];
  },
);

export const rules: Rule[] = [narrT3, narrT4, narrT2, narrZero, narrMissingYsq, narrPercent, narrBreakdown, narrPlaceholder, narrEntity, narrInternal, t3FeeNarrative];
