/**
 * C. Template conformance (rules.md §C): sections, tables, blocks, rows, labels, columns,
 * order, the T3 note and cell counts. The facts come from the template mapping
 * (lib/mapping.ts fills TableMapping) and the section analysis (ctx.sections); these rules
 * only turn them into findings, applying design note 8's suppression:
 * - DOC-ATTACHMENT-ONLY / DOC-IMAGE-TABLE conditions (./suppress.ts) make every rule on
 *   the affected tables, TPL-TABLE-MISSING included, not assessable;
 * - a missing table (TPL-TABLE-MISSING) has no row, column or cell findings;
 * - rows of a missing T2 block (TPL-SUBTABLE-MISSING) are not reported again;
 * - a row reported by TPL-ROW-MISSING gets no TPL-CELL-COUNT.
 * On an attachment-only page (the body is in the attachment: "nothing to audit") the
 * section rules stay silent too.
 */
import type { AuditContext, CellId, Format, Rule, RuleFinding, TableId, TableMapping } from '../types';
import { defineRule } from './define';
import { normaliseLabel } from '../normalise';
import { T2_BLOCKS, T3_GROUP_RESULT, T3_NOTE, T4_GROUPS, T4_OUTCOMES, T3_COLUMNS, templateRows } from '../template';
import { isAttachmentOnly, isTableSuppressed, TABLE_IDS, TABLE_SECTION } from './suppress';
import { NOT_APPLICATIONS } from '../narrative';

const BOTH = ['2019', '2021'] as const;

// ------------------------------------------------------------------ vocabulary

/** The six section headings of the template (report-format.md §3), section 1..6. */
export const SECTION_HEADINGS: readonly string[] = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Chinese numeral of 1..10 (the heading numerals), else the digits. */
export function numeral(n: number): string {
  return NUMERALS[n] ?? String(n);
}

const TABLE_NAMES: Record<TableId, string> = { T2: '表二', T3: '表三', T4: '表四' };
const TABLE_TITLES: Record<TableId, string> = {
  T2: '主动公开政府信息情况',
  T3: '收到和处理政府信息公开申请情况',
  T4: '政府信息公开行政复议、行政诉讼情况',
};

/** The format the tables were mapped with: the detected one, else the one the year calls for. */
function formatOf(ctx: AuditContext): Format {
  if (ctx.format) return ctx.format;
  return ctx.year !== null && ctx.year >= 2021 ? '2021' : '2019';
}

/** Shorten page text quoted in a message. */
function quote(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Cells that exist on the page (design note 1: absent cells are never listed). */
function existing(ctx: AuditContext, ids: readonly CellId[]): CellId[] {
  return ids.filter((id) => ctx.cells.has(id));
}

/** The table is there and readable: its row/column/cell rules are assessable. */
function assessable(ctx: AuditContext, table: TableId): boolean {
  return ctx.tables[table].found && !isTableSuppressed(ctx, table);
}

/** The found, readable tables with their mappings. */
function readableTables(ctx: AuditContext): TableMapping[] {
  return TABLE_IDS.filter((t) => assessable(ctx, t)).map((t) => ctx.tables[t]);
}

/** The T2 block ('一' … '九') a row key belongs to: data rows, `caption:X`, `header:X`. */
export function t2BlockOf(row: string, format: Format): string | null {
  const m = /^(?:caption|header):(.+)$/.exec(row);
  if (m) return m[1]!;
  for (const f of [format, format === '2019' ? '2021' : '2019'] as const) {
    const block = T2_BLOCKS[f].find((b) => b.rows.some((r) => r.key === row));
    if (block) return block.id;
  }
  return null;
}

/** A row of a T2 block already reported by TPL-SUBTABLE-MISSING. */
function inMissingBlock(ctx: AuditContext, m: TableMapping, row: string): boolean {
  if (m.table !== 'T2' || m.missingBlocks.length === 0) return false;
  const block = t2BlockOf(row, formatOf(ctx));
  return block !== null && m.missingBlocks.includes(block);
}

/** The template label of a data row, with its T3 group for item rows (`（三）不予公开 1.属于国家秘密`). */
function rowName(table: TableId, row: string, format: Format, fallback = ''): string {
  if (table === 'T4') return '数据行';
  const def = templateRows(table, format).find((r) => r.key === row);
  if (!def) return fallback || row;
  if (def.group && def.group !== T3_GROUP_RESULT) return `${def.group} ${def.label}`;
  return def.label;
}

/**
 * A column in an auditor's words: where (the T2 block, since one column key sits in several
 * blocks) and its label (`法律服务机构`, `未经复议直接起诉 / 结果维持`).
 */
function colName(table: TableId, col: string, expected: string, anyCell: CellId | undefined, format: Format): { where: string; label: string } {
  if (table === 'T4') {
    const [g, o] = col.split('.');
    const group = T4_GROUPS.find((x) => x.key === g);
    const outcome = T4_OUTCOMES.find((x) => x.key === o);
    return { where: '', label: `${group?.label ?? g} / ${outcome?.label ?? expected}` };
  }
  if (table === 'T3') return { where: '', label: T3_COLUMNS.find((c) => c.key === col)?.label ?? expected };
  const block = anyCell ? t2BlockOf(anyCell.split(':')[1] ?? '', format) : null;
  return { where: block ? `第二十条第（${block}）项` : '', label: expected };
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
/**
 * Errors before warnings (stable), as the result is sorted (contract §3), for the rules
 * that have two severities.
 */
function bySeverity(findings: RuleFinding[]): RuleFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity ?? 'error'] - SEVERITY_RANK[b.f.severity ?? 'error'] || a.i - b.i)
    .map((x) => x.f);
}

// ------------------------------------------------------------------ narrative (TPL-TABLE-MISSING, Y = 2019)

const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
const COUNT = `(?:\\d+|${CN_NUM})\\s*`;

/** Sentences of the narrative, section headings excluded. */
function sentences(ctx: AuditContext): string[] {
  const headings = new Set(ctx.sections.map((h) => h.text.trim()));
  return ctx.narrative
    .filter((t) => !headings.has(t.trim()))
    .flatMap((t) => t.split(/[。；;！!？?\n]/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const T4_TEXT = [
  new RegExp(`(行政复议|行政诉讼|复议|诉讼)\\D{0,10}?${COUNT}(件|起|宗|例)`),
  /(未|没有|无)(发生|出现|收到|涉及|产生|被)?[^，,。；]{0,15}(行政复议|行政诉讼)/,
  /(行政复议|行政诉讼)[^，,。；]{0,12}(为零|为0|均为0|均为零|零件|0件)/,
];
const T2_KEYWORDS = '(规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|收费项目|集中采购|采购项目)';
const T2_TEXT = [
  new RegExp(`${T2_KEYWORDS}\\D{0,10}?${COUNT}(件|项|个|条|宗|次|万元|元)`),
  new RegExp(`(未|没有|无)(制定|制发|出台|印发|发布|实施|办理|作出)?[^，,。；]{0,10}${T2_KEYWORDS}`),
];

/** Clauses about 政府信息公开 applications (NARR-T3-NUM's skip list applied). */
function applicationClauses(text: string): string[] {
  return text
    .split(/[，,；;。（）()]/)
    .filter((c) => c.includes('申请'))
    .filter((c) => !NOT_APPLICATIONS.test(c) || c.includes('政府信息公开申请'));
}

/**
 * The narrative reports the content of a missing table instead (rules.md TPL-TABLE-MISSING:
 * e.g. 复议/诉讼 counts for T4): a count or an explicit "none" about the table's subject.
 */
export function narrativeReportsTable(ctx: AuditContext, table: TableId): boolean {
  for (const s of sentences(ctx)) {
    if (table === 'T4' && T4_TEXT.some((re) => re.test(s))) return true;
    if (table === 'T2' && T2_TEXT.some((re) => re.test(s))) return true;
    if (table === 'T3') {
      for (const c of applicationClauses(s)) {
        if (new RegExp(`${COUNT}件`).test(c) || /(未|没有)(收到|受理)/.test(c)) return true;
      }
    }
  }
  return false;
}

// ------------------------------------------------------------------ TPL-SECTIONS

const tplSections = defineRule(
  {
    id: 'TPL-SECTIONS',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '缺少章节标题', en: 'Section heading missing' },
    description: {
      zh: '年报应包含模板规定的六个章节标题（一、总体情况 … 六、其他需要报告的事项），允许公认的标题变体；每缺少一个标题报告一次。2019年度报告降为警告（60号文仅鼓励采用统一格式）。',
      en: 'The report must contain the six section headings of the template (一、总体情况 … 六、其他需要报告的事项), accepted variants allowed; one finding per missing heading. Downgraded to a warning for report year 2019 (the 2019 format was only encouraged).',
    },
  },
  (ctx) => {
    if (isAttachmentOnly(ctx)) return []; // the body is in the attachment: nothing to audit
    const found = new Set(ctx.sections.map((h) => h.section));
    const severity = ctx.year === 2019 ? 'warning' : 'error';
    const out: RuleFinding[] = [];
    SECTION_HEADINGS.forEach((heading, i) => {
      if (found.has(i + 1)) return;
      const note = severity === 'warning' ? '（2019年度报告，统一格式为鼓励采用）' : '';
      out.push({ severity, cells: [], message: `缺少第${numeral(i + 1)}部分标题“${heading}”${note}` });
    });
    return out;
  },
);

// ------------------------------------------------------------------ TPL-SECTION-ORDER

const tplSectionOrder = defineRule(
  {
    id: 'TPL-SECTION-ORDER',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '章节顺序或编号与模板不符', en: 'Sections out of order or renumbered' },
    description: {
      zh: '已找到的章节标题应按模板顺序出现并使用模板编号（一至六），表二、表三、表四应分别位于第二、三、四部分标题与下一个标题之间。每份报告最多报告一次，列出全部问题。',
      en: 'The section headings found must appear in template order with their template numerals (一 to 六), and tables 二/三/四 must lie between the headings of sections 二/三/四 and the next heading. At most one finding per report, listing every problem.',
    },
  },
  (ctx) => {
    if (isAttachmentOnly(ctx)) return [];
    const headings = [...ctx.sections].sort((a, b) => a.block - b.block);
    // first occurrence of each section, in document order
    const seen = new Set<number>();
    const firsts = headings.filter((h) => (seen.has(h.section) ? false : (seen.add(h.section), true)));
    const problems: string[] = [];

    const order = firsts.map((h) => h.section);
    if (order.some((s, i) => i > 0 && s < order[i - 1]!)) {
      problems.push(`标题顺序为${order.map((s) => `“${SECTION_HEADINGS[s - 1]!.slice(2)}”`).join('、')}，与模板顺序不一致`);
    }
    for (const h of firsts) {
      if (h.numeral !== null && h.numeral !== h.section) {
        problems.push(`“${quote(h.text)}”编号为“${numeral(h.numeral)}”，模板中为“${numeral(h.section)}”`);
      }
    }
    const misplaced: string[] = [];
    for (const t of TABLE_IDS) {
      const m = ctx.tables[t];
      if (!m.found || isTableSuppressed(ctx, t)) continue;
      const positions = m.parts
        .map((p) => ctx.page.blocks.findIndex((b) => b.kind === 'table' && b.table === p))
        .filter((i) => i >= 0);
      if (positions.length === 0) continue;
      const s = TABLE_SECTION[t];
      const own = firsts.find((h) => h.section === s);
      let lower: number;
      let upper: number;
      if (own) {
        lower = own.block;
        upper = Math.min(Infinity, ...headings.filter((h) => h.block > own.block).map((h) => h.block));
      } else {
        // no heading of its own: the table must sit after the earlier sections and before the later ones
        lower = Math.max(-1, ...firsts.filter((h) => h.section < s).map((h) => h.block));
        upper = Math.min(Infinity, ...firsts.filter((h) => h.section > s).map((h) => h.block));
      }
      if (positions.some((p) => p <= lower || p >= upper)) misplaced.push(`${TABLE_NAMES[t]}不在第${numeral(s)}部分内`);
    }
    problems.push(...misplaced);
    if (problems.length === 0) return [];
    return [{ cells: [], message: `章节结构与模板不符：${problems.join('；')}` }];
  },
);

// ------------------------------------------------------------------ TPL-TABLE-MISSING

const tplTableMissing = defineRule(
  {
    id: 'TPL-TABLE-MISSING',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '缺少统计表', en: 'Table missing' },
    description: {
      zh: '按特征标签未能找到表二、表三或表四（含拆分为多个部分的表），每缺一张表报告一次。2019年度报告如正文以文字说明了该表内容（如行政复议、行政诉讼件数），降为警告。附件形式发布或表格为图片时不评估。',
      en: 'Table 二, 三 or 四 was not identified by its signatures (joined table parts included); one finding per table. For report year 2019, downgraded to a warning when the narrative reports the content instead (e.g. 复议/诉讼 counts). Not assessable when the report is only an attachment or the table is an image.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const t of TABLE_IDS) {
      if (ctx.tables[t].found || isTableSuppressed(ctx, t)) continue;
      const name = `${TABLE_NAMES[t]}“${TABLE_TITLES[t]}”`;
      if (ctx.year === 2019 && narrativeReportsTable(ctx, t)) {
        out.push({ severity: 'warning', cells: [], message: `缺少${name}；正文以文字说明了相关情况（2019年度报告，统一格式为鼓励采用）` });
      } else {
        out.push({ severity: 'error', cells: [], message: `缺少${name}` });
      }
    }
    return bySeverity(out);
  },
);

// ------------------------------------------------------------------ TPL-SUBTABLE-MISSING

const tplSubtableMissing = defineRule(
  {
    id: 'TPL-SUBTABLE-MISSING',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '表二缺少整块', en: 'Table 二 block missing' },
    description: {
      zh: '表二的某一块（第二十条第（一）（五）（六）（八）项，2019年格式另有（九）项）的数据行全部缺失。每块报告一次；该块的行不再由“缺少行”重复报告。',
      en: 'All data rows of a block of table 二 are absent (第二十条 items (一)(五)(六)(八), plus (九) in the 2019 format). One finding per block; its rows are not reported again as missing rows.',
    },
  },
  (ctx) => {
    if (!assessable(ctx, 'T2')) return [];
    const blocks = T2_BLOCKS[formatOf(ctx)];
    return ctx.tables.T2.missingBlocks.map((id) => {
      const block = blocks.find((b) => b.id === id);
      const what = block ? `${block.caption}（${block.rows.map((r) => r.label).join('、')}）` : `第二十条第（${id}）项`;
      return { cells: [], message: `表二缺少${what}整块内容` };
    });
  },
);

// ------------------------------------------------------------------ TPL-ROW-MISSING

const tplRowMissing = defineRule(
  {
    id: 'TPL-ROW-MISSING',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '缺少模板行', en: 'Template row missing' },
    description: {
      zh: '模板的数据行缺失，或存在但没有任何数值单元格（错误）；表二各块的标题行“第二十条第（…）项”或表头行“信息内容”缺失（警告）。已报告整块缺失的块内各行不再重复报告。',
      en: 'A data row of the template is absent, or present without any value cell (error); a T2 block caption `第二十条第（…）项` or its `信息内容` header row is absent (warning). Rows of a block already reported as missing are not repeated.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    const format = formatOf(ctx);
    for (const m of readableTables(ctx)) {
      for (const r of m.missingRows) {
        if (inMissingBlock(ctx, m, r.row)) continue;
        const name = TABLE_NAMES[m.table];
        if (r.kind === 'caption') {
          out.push({ severity: 'warning', cells: [], message: `${name}缺少标题行“${r.label}”` });
        } else if (r.kind === 'header') {
          const block = t2BlockOf(r.row, format);
          const where = block ? `第二十条第（${block}）项` : '';
          out.push({ severity: 'warning', cells: [], message: `${name}${where}缺少表头行“${r.label || '信息内容'}”` });
        } else {
          const label = rowName(m.table, r.row, format, r.label);
          out.push({
            severity: 'error',
            cells: [],
            message: r.present ? `${name}“${label}”行没有数值单元格` : `${name}缺少“${label}”行`,
          });
        }
      }
    }
    return bySeverity(out);
  },
);

// ------------------------------------------------------------------ TPL-ROW-LABEL

const MATCH_WORDS: Record<string, string> = {
  whitelist: '已知的错写或变体',
  fuzzy: '字形相近',
  position: '按位置对应',
};

const tplRowLabel = defineRule(
  {
    id: 'TPL-ROW-LABEL',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '行标签与模板不符', en: 'Row label differs from the template' },
    description: {
      zh: '规范化后的行标签与模板不一致；该行仍按模板键对应并参与其他规则。改变含义的已知替换（住房→信访、收购→采购）为错误，其他差异（错别字、近似或按位置对应）为警告，需人工判断。',
      en: 'A row label differs from the template after normalisation; the row is still mapped to its canonical key and takes part in every other rule. Error for the known meaning-changing substitutions (住房→信访, 收购→采购); warning for every other difference (typo, near match, positional match), for a human to judge.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const m of readableTables(ctx)) {
      for (const li of m.labelIssues) {
        if (inMissingBlock(ctx, m, li.row)) continue;
        const name = TABLE_NAMES[m.table];
        const how = li.meaningChanged ? '，改变了含义' : `（${MATCH_WORDS[li.match] ?? '近似'}）`;
        out.push({
          severity: li.meaningChanged ? 'error' : 'warning',
          cells: existing(ctx, li.cells),
          message: `${name}行标签“${quote(li.found, 60)}”与模板“${li.expected}”不一致${how}；该行仍按模板行处理`,
        });
      }
    }
    return bySeverity(out);
  },
);

// ------------------------------------------------------------------ TPL-COL-LABEL

const tplColLabel = defineRule(
  {
    id: 'TPL-COL-LABEL',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '列标题与模板不符', en: 'Column header differs from the template' },
    description: {
      zh: '列标题缺失、不完整（被截断）或与模板不同，每列报告一次，单元格为该列在表中第一数据行的单元格；已知变体（如“现行有效件数（历史累计）”）为警告。未找到表头行时不评估。',
      en: 'A column header is missing, truncated or different; one finding per column, anchored to that column\'s cell in the first data row. Known variants (e.g. `现行有效件数（历史累计）`) are warnings. Not assessable when the header rows were not found.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    const format = formatOf(ctx);
    for (const m of readableTables(ctx)) {
      if (!m.headerFound) continue;
      for (const ci of m.colIssues) {
        const { where, label: col } = colName(m.table, ci.col, ci.expected, ci.cells[0], format);
        const name = `${TABLE_NAMES[m.table]}${where}`;
        const found = ci.found ?? '';
        let message: string;
        if (ci.kind === 'missing') message = `${name}缺少列标题“${col}”`;
        else if (ci.kind === 'truncated') message = `${name}列标题“${found}”不完整，模板为“${col}”`;
        else if (ci.kind === 'variant') message = `${name}列标题“${found}”是模板“${col}”的变体`;
        else message = `${name}列标题“${found}”与模板“${col}”不一致`;
        out.push({
          severity: ci.kind === 'variant' ? 'warning' : 'error',
          cells: existing(ctx, ci.cells).slice(0, 1),
          message,
        });
      }
    }
    return bySeverity(out);
  },
);

// ------------------------------------------------------------------ TPL-EXTRA-ROW-COL

const tplExtraRowCol = defineRule(
  {
    id: 'TPL-EXTRA-ROW-COL',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '模板之外的行或列', en: 'Row or column not in the template' },
    description: {
      zh: '表中有模板没有的带标签行或列（如“小计”“合计”、“法人或其他组织小计”列、带数值的“（三）不予公开”行）。它们不参与模板求和，由小计规则检查；额外单元格没有规范编号。',
      en: 'A labelled row or column the template does not have (`小计`, `合计`, a `法人或其他组织小计` column, a `（三）不予公开` row carrying values). It is kept out of the template sums and checked by T3-SUBTOTAL; extra cells have no canonical id.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const m of readableTables(ctx)) {
      for (const e of m.extras) {
        const kind = e.kind === 'row' ? '行' : '列';
        const label = e.label ? `“${quote(e.label)}”` : '（无标题）';
        out.push({ cells: [], message: `${TABLE_NAMES[m.table]}有模板之外的${kind}${label}，未计入模板各项合计` });
      }
    }
    return out;
  },
);

// ------------------------------------------------------------------ TPL-ROW-ORDER

/** Positions (in `seq`) of a longest strictly increasing subsequence. */
function longestIncreasing(seq: readonly number[]): Set<number> {
  const tails: number[] = []; // index into seq of the smallest tail of each length
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

const tplRowOrder = defineRule(
  {
    id: 'TPL-ROW-ORDER',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '行顺序与模板不符', en: 'Rows out of template order' },
    description: {
      zh: '已对应的行应按模板顺序排列。每张表最多报告一次，单元格为第一个顺序错乱行的数值单元格。',
      en: 'Mapped rows must follow the template order within their table. At most one finding per table, anchored to the value cells of the first out-of-order row.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    const format = formatOf(ctx);
    for (const m of readableTables(ctx)) {
      const defs = templateRows(m.table, format);
      const index = new Map(defs.map((d, i) => [d.key, i]));
      const seen = new Set<string>();
      const rows = m.rowOrder.filter((k) => index.has(k) && (seen.has(k) ? false : (seen.add(k), true)));
      const seq = rows.map((k) => index.get(k)!);
      const keep = longestIncreasing(seq);
      const moved = rows.filter((_, i) => !keep.has(i));
      if (moved.length === 0) continue;
      const first = moved[0]!;
      const def = defs[index.get(first)!]!;
      const ids = def.cols.map((c) => `${m.table}:${first}:${c.key}`);
      const names = moved.slice(0, 3).map((k) => `“${rowName(m.table, k, format)}”`).join('、');
      const more = moved.length > 3 ? `等${moved.length}行` : '';
      out.push({ cells: existing(ctx, ids), message: `${TABLE_NAMES[m.table]}行顺序与模板不一致：${names}${more}不在模板位置` });
    }
    return out;
  },
);

// ------------------------------------------------------------------ TPL-NOTE

const NOTE = normaliseLabel(T3_NOTE);

const tplNote = defineRule(
  {
    id: 'TPL-NOTE',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '表三勾稽关系说明缺失或被改动', en: 'Table 三 note missing or altered' },
    description: {
      zh: '表三左上角的说明“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”规范化后应与模板一致。',
      en: 'The top-left note of table 三, `（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）`, must equal the template\'s after normalisation.',
    },
  },
  (ctx) => {
    if (!assessable(ctx, 'T3')) return [];
    const note = ctx.tables.T3.note;
    if (note === null || note === undefined || note === '') {
      return [{ cells: [], message: `表三左上角缺少勾稽关系说明“${T3_NOTE}”` }];
    }
    if (normaliseLabel(note) !== NOTE) {
      return [{ cells: [], message: `表三左上角的勾稽关系说明“${quote(note, 60)}”与模板“${T3_NOTE}”不一致` }];
    }
    return [];
  },
);

// ------------------------------------------------------------------ TPL-CELL-COUNT

const tplCellCount = defineRule(
  {
    id: 'TPL-CELL-COUNT',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '数据行单元格数量不符', en: 'Wrong number of value cells in a row' },
    description: {
      zh: '数据行有数值单元格，但（去掉两端多余的空单元格后）数量与模板不同：表三7个，表四15个，表二2019年格式（一）（五）（六）项3个、（八）（九）项2个，2021年格式（一）项3个、其余1个。该行不予对应，其单元格视为缺失。',
      en: 'A data row has value cells, but (after dropping empty surplus cells at the ends) not as many as the template: T3 7, T4 15, T2 2019 (一)(五)(六) 3 and (八)(九) 2, T2 2021 (一) 3 and 1 elsewhere. The row is not mapped; its cells are missing.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    const format = formatOf(ctx);
    for (const m of readableTables(ctx)) {
      const missing = new Set(m.missingRows.map((r) => r.row));
      for (const ci of m.cellCountIssues) {
        if (ci.found === 0 || missing.has(ci.row) || inMissingBlock(ctx, m, ci.row)) continue;
        const label = rowName(m.table, ci.row, format, ci.label);
        out.push({
          cells: [],
          expected: ci.expected,
          actual: ci.found,
          message: `${TABLE_NAMES[m.table]}“${label}”行有${ci.found}个数值单元格，模板为${ci.expected}个；该行未予对应`,
        });
      }
    }
    return out;
  },
);

export const rules: Rule[] = [
  tplSections,
  tplSectionOrder,
  tplTableMissing,
  tplSubtableMissing,
  tplRowMissing,
  tplRowLabel,
  tplColLabel,
  tplExtraRowCol,
  tplRowOrder,
  tplNote,
  tplCellCount,
];
