/**
 * Reading the narrative (rules.md §H): the report's text outside the tables, split into
 * sentences and clauses, with the figures they state (`14 件`, `两件`, `一百零五件`, `33.9%`,
 * `18651.06万元`) and the table quantities their clauses name (`收到…申请 N件` → 表三 一、新收).
 *
 * Pure functions over the AuditContext: no DOM. Sentences keep their place (block index and
 * offsets in the block's display text) so that a finding can be anchored to its sentence.
 *
 * What is never read as a claim (false alarms are worse than misses):
 * - approximate figures (`余`, `多`, `近`, `约`, `左右`, `以上`, `超过` …) are never compared;
 * - ordinals (`第3次`), figures inside other numbers, years;
 * - sentences about 信访, 热线, 提案, 议案, 建议, 留言, 咨询, 投诉 (unless they say 政府信息公开申请);
 * - clauses naming an applicant type or channel (自然人, 法人, 当面, 网上 …): they count a part, not the total.
 */
import type { AuditContext, TextAnchor } from './types';

// ------------------------------------------------------------------ numbers

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * Value of a Chinese numeral (`两`, `十二`, `二十`, `一百零五`, `三千二百`, `一万二千`, `〇`), else
 * null. Digit runs without a unit (`一二`, `二〇二〇`) are not counts: null.
 */
export function chineseNumeral(s: string): number | null {
  const chars = Array.from(s);
  if (chars.length === 0) return null;
  if (chars.length === 1 && chars[0]! in CN_DIGIT) return CN_DIGIT[chars[0]!]!;
  let total = 0; // completed 万 group
  let section = 0; // below 万
  let digit: number | null = null;
  let lastUnit = Infinity;
  let zero = false; // a 零 between units (一百零五)
  for (const ch of chars) {
    if (ch in CN_DIGIT) {
      const d = CN_DIGIT[ch]!;
      if (digit !== null) return null; // 一二, 二〇: digits without a unit between
      if (d === 0) zero = true;
      else digit = d;
      continue;
    }
    if (ch in CN_UNIT) {
      const u = CN_UNIT[ch]!;
      if (u >= lastUnit) return null; // 十百, 百百
      if (digit === null) {
        if (u === 10 && ((section === 0 && total === 0) || zero)) digit = 1; // 十二, 一百零十
        else return null;
      }
      section += digit * u;
      digit = null;
      lastUnit = u;
      zero = false;
      continue;
    }
    if (ch === '万') {
      if (total > 0) return null;
      total = (section + (digit ?? 0)) * 10000;
      if (total === 0) return null;
      section = 0;
      digit = null;
      lastUnit = Infinity;
      zero = false;
      continue;
    }
    return null;
  }
  return total + section + (digit ?? 0);
}

/** Count and amount units a figure may carry, longest first. */
const UNITS = ['人次', '件次', '万元', '亿元', '件', '条', '项', '次', '个', '篇', '期', '份', '册', '张', '家', '名', '人', '起', '宗', '批', '元', '%'] as const;
export type Unit = (typeof UNITS)[number];

export interface Figure {
  value: number;
  unit: Unit;
  /** Offsets of the figure (number through unit and any approximation word) in the text. */
  start: number;
  end: number;
  /** Offset of the number's first character. */
  numStart: number;
  /** `余`, `约`, `左右` … : never compared. */
  approx: boolean;
}

const NUM = '(\\d+(?:,\\d{3})*(?:\\.\\d+)?|[零〇○一二两三四五六七八九十百千万]+)';
const APPROX_BEFORE = /(约|近|超过|超|逾|将近|大约|不足|不到|多达|接近|几乎|数|几)\s*$/;
const FIGURE = new RegExp(`${NUM}\\s*(万|亿)?\\s*(余|多|来)?\\s*(${UNITS.join('|')})(\\s*(?:左右|以上|以下|多|余))?`, 'g');

/** Full-width digits, percent, comma and point folded to ASCII (same length: offsets hold). */
export function foldDigits(text: string): string {
  return text.replace(/[０-９％，．]/g, (ch) => {
    if (ch === '％') return '%';
    if (ch === '，' || ch === '．') return ch; // keep: a Chinese comma separates clauses
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
}

/** The figures stated in a text, in order. */
export function readFigures(text: string): Figure[] {
  const t = foldDigits(text);
  const out: Figure[] = [];
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(t); m; m = FIGURE.exec(t)) {
    const [whole, num, mult, approxMid, unitRaw, approxAfter] = m;
    const start = m.index;
    const before = t.slice(Math.max(0, start - 4), start);
    // part of a longer number, an ordinal, a date or a code
    if (/[\d.A-Za-z]$/.test(before) || /第\s*$/.test(before)) continue;
    let unit = unitRaw as Unit;
    let value: number | null;
    const ascii = /^\d/.test(num!);
    if (ascii) value = Number(num!.replace(/,/g, ''));
    else {
      // a Chinese run directly after other hanzi may be a word (`统一件`): accept only clean numerals
      value = chineseNumeral(num!);
    }
    if (value === null || !Number.isFinite(value)) continue;
    if (mult === '万' && unit === '元') unit = '万元';
    else if (mult === '亿' && unit === '元') unit = '亿元';
    else if (mult === '万') value *= 10000;
    else if (mult === '亿') value *= 100000000;
    // `一次性`, `一件事`: a Chinese 一 glued to a unit that starts a word is not a count
    if (!ascii && value === 1 && /^[一]$/.test(num!) && /^[性事些样般]/.test(t.slice(start + whole.length))) continue;
    const approx = !!approxMid || !!approxAfter || APPROX_BEFORE.test(t.slice(Math.max(0, start - 4), start));
    out.push({ value, unit, start, end: start + whole.length, numStart: start, approx });
  }
  return out;
}

// ------------------------------------------------------------------ sentences and clauses

export interface Sentence {
  /** The sentence as written (display text), without its closing punctuation. */
  text: string;
  /** Index of the text block in `ctx.page.blocks`, or null when unknown. */
  block: number | null;
  /** Offsets of the sentence in the block's text (or in its narrative paragraph when block is null). */
  start: number;
  end: number;
  /** Template section 1…6 the sentence lies in; 0 before the first section heading (preamble). */
  section: number;
  /** Index of the paragraph in `ctx.narrative`. */
  para: number;
}

export interface Clause {
  text: string;
  /** Offset in the sentence. */
  start: number;
  /** Inside brackets（…）. */
  bracketed: boolean;
}

const SENTENCE_END = /[。！？!?；;]/;

/** Split a paragraph into sentences at 。！？；, with their offsets. */
export function splitSentences(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let from = 0;
  const push = (a: number, b: number) => {
    let s = a;
    let e = b;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_END.test(text[i]!)) {
      push(from, i);
      from = i + 1;
    }
  }
  push(from, text.length);
  return out;
}

/** Split a sentence into clauses at ，,（）() (rules.md §H), noting bracketed ones. */
export function splitClauses(sentence: string): Clause[] {
  const out: Clause[] = [];
  let depth = 0;
  let from = 0;
  const push = (a: number, b: number, bracketed: boolean) => {
    if (b > a && sentence.slice(a, b).trim()) out.push({ text: sentence.slice(a, b), start: a, bracketed });
  };
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i]!;
    if (ch === '（' || ch === '(') {
      push(from, i, depth > 0);
      depth++;
      from = i + 1;
    } else if (ch === '）' || ch === ')') {
      push(from, i, depth > 0);
      depth = Math.max(0, depth - 1);
      from = i + 1;
    } else if (ch === '，' || ch === ',' && !/\d/.test(sentence[i + 1] ?? '')) {
      push(from, i, depth > 0);
      from = i + 1;
    }
  }
  push(from, sentence.length, depth > 0);
  return out;
}

/** Each narrative paragraph with the page block it comes from (a run-in heading's rest ends its block). */
export function narrativeParagraphs(ctx: AuditContext): { text: string; block: number | null; offset: number }[] {
  const blocks = ctx.page.blocks;
  const out: { text: string; block: number | null; offset: number }[] = [];
  let p = 0;
  for (const n of ctx.narrative) {
    let hit: { block: number; offset: number } | null = null;
    for (let i = p; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind !== 'text') continue;
      if (b.text === n) {
        hit = { block: i, offset: 0 };
        break;
      }
      const k = b.text.lastIndexOf(n);
      if (k > 0 && k + n.length === b.text.length) {
        hit = { block: i, offset: k };
        break;
      }
    }
    if (hit) {
      out.push({ text: n, ...hit });
      p = hit.block + 1;
    } else out.push({ text: n, block: null, offset: 0 });
  }
  return out;
}

/** Section of a block: the last section heading at or before it; 0 before any. */
function sectionOf(ctx: AuditContext, block: number | null): number {
  if (block === null) return 0;
  let best = -1;
  let section = 0;
  for (const h of ctx.sections) {
    if (h.block <= block && h.block > best) {
      best = h.block;
      section = h.section;
    }
  }
  return section;
}

const cache = new WeakMap<AuditContext, Sentence[]>();

/** A per-context memo: several rules read the same claims of one audit. */
function cached<T>(memo: WeakMap<AuditContext, T>, ctx: AuditContext, make: () => T): T {
  let v = memo.get(ctx);
  if (v === undefined) {
    v = make();
    memo.set(ctx, v);
  }
  return v;
}

/** The narrative's sentences, in document order (cached per context). */
export function narrativeSentences(ctx: AuditContext): Sentence[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: Sentence[] = [];
  narrativeParagraphs(ctx).forEach((p, para) => {
    const section = sectionOf(ctx, p.block);
    for (const s of splitSentences(p.text)) {
      out.push({ text: s.text, block: p.block, start: p.offset + s.start, end: p.offset + s.end, section, para });
    }
  });
  cache.set(ctx, out);
  return out;
}

export const MAX_QUOTE = 500;

/** The anchor of a finding about a sentence (Finding.text). */
export function anchorOf(s: Sentence): TextAnchor {
  // a sentence runs at most this long in a finding (text dumps may hold pages without a full stop)
  const a: TextAnchor = { quote: s.text.length > MAX_QUOTE ? s.text.slice(0, MAX_QUOTE) : s.text };
  if (s.block !== null) {
    a.block = s.block;
    a.start = s.start;
    a.end = s.end;
  }
  return a;
}

/** Shorten a quote for a message. */
export function shortQuote(text: string, max = 40): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

// ------------------------------------------------------------------ claims about table 三

/** Table 三 quantities a clause can name (rules.md NARR-T3-NUM), in the order they are tried. */
export type T3Key =
  | 'new'
  | 'handled'
  | 'carriedIn'
  | 'carriedOut'
  | 'answered'
  | 'openPartial'
  | 'open'
  | 'partial'
  | 'refused'
  | 'unable'
  | 'notProcessed'
  | 'other';

export const RESULT_KEYS: readonly T3Key[] = ['openPartial', 'open', 'partial', 'refused', 'unable', 'notProcessed', 'other'];

interface T3Pattern {
  key: T3Key;
  re: RegExp;
  /** The clause must mention 申请 itself. */
  needsApplication: boolean;
}

const T3_PATTERNS: T3Pattern[] = [
  { key: 'new', re: /收到|受理|新收|接收|接到/, needsApplication: true },
  { key: 'handled', re: /办理/, needsApplication: true },
  { key: 'carriedIn', re: /上一?年度?(?:结转|转结)|由上年度?结转/, needsApplication: false },
  { key: 'carriedOut', re: /结转(?:至|到|入)?下一?年度?|顺延(?:至|到)下一?年度?|转入下一?年度?/, needsApplication: false },
  { key: 'answered', re: /答复|办结/, needsApplication: true },
  { key: 'openPartial', re: /(?:予以|同意)公开(?:及|和|、|与|或)部分公开/, needsApplication: false },
  { key: 'open', re: /(?:予以|同意)公开/, needsApplication: false },
  { key: 'partial', re: /部分公开/, needsApplication: false },
  { key: 'refused', re: /不予公开/, needsApplication: false },
  { key: 'unable', re: /无法提供/, needsApplication: false },
  { key: 'notProcessed', re: /不予处理/, needsApplication: false },
  { key: 'other', re: /其他处理/, needsApplication: false },
];

/** Sentences about these are not about information-disclosure applications (rules.md §H). */
/** Counts that are not 政府信息公开 applications (petitions, hotlines, proposals …): shared with TPL-TABLE-MISSING. */
export const NOT_APPLICATIONS = /信访|上访|热线|提案|议案|建议|留言|咨询|投诉|来信|来访|12345/;
/** A clause naming an applicant type or a channel counts a part of the applications. */
const QUALIFIED = /自然人|法人|其他组织|商业企业|科研机构|公益组织|法律服务机构|当面|网上|网络|信函|传真|电子邮件|邮寄|电话|现场|窗口/;

export interface Claim<K extends string = string> {
  key: K;
  figure: Figure;
  sentence: Sentence;
  /** The clause the claim was read from. */
  clause: Clause;
}

/** Nearest unclaimed figure of the given units to a keyword in a clause: following preferred, else preceding. */
function nearest(figs: Figure[], used: Set<Figure>, kwStart: number, kwEnd: number, units: readonly Unit[]): Figure | null {
  const ok = figs.filter((f) => units.includes(f.unit) && !used.has(f));
  const after = ok.filter((f) => f.start >= kwEnd).sort((a, b) => a.start - b.start)[0];
  if (after) return after;
  return ok.filter((f) => f.end <= kwStart).sort((a, b) => b.end - a.end)[0] ?? null;
}

/**
 * The table-三 claims of the narrative. A sentence about something other than applications
 * is skipped; within a sentence, a clause naming an applicant type or channel and everything
 * after it is skipped; result counts after `其中` following a 收到 total are skipped (they
 * break down the new applications only). Approximate figures claim their keyword but are
 * dropped, so that they are never compared.
 */
export function t3Claims(ctx: AuditContext): Claim<T3Key>[] {
  return cached(t3ClaimsCache, ctx, () => readT3Claims(ctx));
}
const t3ClaimsCache = new WeakMap<AuditContext, Claim<T3Key>[]>();

function readT3Claims(ctx: AuditContext): Claim<T3Key>[] {
  const out: Claim<T3Key>[] = [];
  for (const s of narrativeSentences(ctx)) {
    const t = foldDigits(s.text);
    if (!/件/.test(t)) continue;
    if (NOT_APPLICATIONS.test(t) && !/政府信息公开申请/.test(t)) continue;
    const paraApplication = /申请/.test(ctx.narrative[s.para] ?? '');
    let sawNew = false;
    let afterBreakdown = false;
    for (const c of splitClauses(t)) {
      if (QUALIFIED.test(c.text)) break;
      if (/其中/.test(c.text) && sawNew) afterBreakdown = true;
      const figs = readFigures(c.text).filter((f) => f.unit === '件');
      if (figs.length === 0) continue;
      const used = new Set<Figure>();
      for (const p of T3_PATTERNS) {
        const m = p.re.exec(c.text);
        if (!m) continue;
        if (p.needsApplication && !/申请/.test(c.text)) continue;
        if (!p.needsApplication && !paraApplication) continue;
        if (RESULT_KEYS.includes(p.key) && afterBreakdown) continue;
        const f = nearest(figs, used, m.index, m.index + m[0].length, ['件']);
        if (!f) continue;
        used.add(f);
        if (p.key === 'new') sawNew = true;
        if (f.approx) continue;
        out.push({ key: p.key, figure: f, sentence: s, clause: c });
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ claims about table 四

export type T4Key = 'review' | 'suit';

/** Whether a sentence is about information-disclosure cases (its own words, or section 四). */
export function aboutDisclosure(s: Sentence): boolean {
  return s.section === 4 || /信息公开|依申请/.test(s.text);
}

/**
 * 行政复议 N件 and (行政)诉讼 N件 (rules.md NARR-T4-NUM): at most 10 characters between the
 * keyword and the figure, none of them a digit or the other keyword.
 */
export function t4Claims(ctx: AuditContext): Claim<T4Key>[] {
  return cached(t4ClaimsCache, ctx, () => readT4Claims(ctx));
}
const t4ClaimsCache = new WeakMap<AuditContext, Claim<T4Key>[]>();

function readT4Claims(ctx: AuditContext): Claim<T4Key>[] {
  const out: Claim<T4Key>[] = [];
  for (const s of narrativeSentences(ctx)) {
    const t = foldDigits(s.text);
    if (!/复议|诉讼/.test(t) || !aboutDisclosure(s)) continue;
    for (const c of splitClauses(t)) {
      const figs = readFigures(c.text).filter((f) => f.unit === '件');
      for (const [key, re, other] of [
        ['review', /行政复议|复议/g, /诉讼|起诉/],
        ['suit', /(?:行政)?诉讼/g, /复议/],
      ] as const) {
        re.lastIndex = 0;
        const m = re.exec(c.text);
        if (!m) continue;
        const end = m.index + m[0].length;
        const f = figs.find((x) => x.start >= end && x.start - end <= 10);
        if (!f) continue;
        const gap = c.text.slice(end, f.start);
        if (/\d/.test(gap) || other.test(gap)) continue;
        // `复议和…诉讼共3件`: one count for both kinds, read as neither
        const before = c.text.slice(0, m.index);
        const lastOther = before.lastIndexOf('复议');
        if (key === 'suit' && lastOther >= 0 && !figs.some((x) => x.start > lastOther && x.end <= m.index)) continue;
        if (f.approx) continue;
        out.push({ key, figure: f, sentence: s, clause: c });
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ claims about table 二

export type T2Key = 'made' | 'published' | 'repealed' | 'inForce' | 'licensing' | 'penalties' | 'enforcement' | 'fees';
export type T2Doc = 'regulations' | 'normativeDocuments' | null;

export interface T2Claim extends Claim<T2Key> {
  /** The document kind for made/published/repealed/inForce. */
  doc: T2Doc;
}

/** A document kind in a sub-clause: 规章 (not 部门规章) or (行政)规范性文件 (not 部门/党内规范性文件). */
function docKind(text: string): { doc: T2Doc; index: number; end: number } | null {
  const reg = /(?<!部门)规章(?!制度)/.exec(text);
  const nd = /(?<!部门|党内|内部|其他)(?:行政)?规范性文件/.exec(text);
  if (reg && nd) return null; // both named: ambiguous
  if (reg) return { doc: 'regulations', index: reg.index, end: reg.index + reg[0].length };
  if (nd) return { doc: 'normativeDocuments', index: nd.index, end: nd.index + nd[0].length };
  return null;
}

const VERBS: [T2Key, RegExp][] = [
  ['made', /(?:新)?(?:制定|制发|出台|印发)/],
  ['repealed', /废止/],
  ['inForce', /现行有效/],
  ['published', /公开/],
];

/**
 * Counts of 规章/规范性文件, 行政许可/处罚/强制 decisions and 收费 (rules.md NARR-T2-NUM). A
 * clause is split further at 、; a sub-clause naming a document kind and a count without a
 * verb takes the verb of the sub-clause before it when that one was a claim (`主动公开规章13件，
 * 行政规范性文件60件`). A total followed by a bracketed breakdown is compared through its parts only.
 */
export function t2Claims(ctx: AuditContext): T2Claim[] {
  return cached(t2ClaimsCache, ctx, () => readT2Claims(ctx));
}
const t2ClaimsCache = new WeakMap<AuditContext, T2Claim[]>();

function readT2Claims(ctx: AuditContext): T2Claim[] {
  const out: T2Claim[] = [];
  for (const s of narrativeSentences(ctx)) {
    const t = foldDigits(s.text);
    if (!/规章|规范性文件|行政许可|行政处罚|行政强制|收费/.test(t)) continue;
    const clauses = splitClauses(t);
    let carry: T2Key | null = null;
    for (let ci = 0; ci < clauses.length; ci++) {
      const c = clauses[ci]!;
      const parts = c.text.split(/[、]/);
      let offset = 0;
      for (const part of parts) {
        const partStart = offset;
        offset += part.length + 1;
        const figs = readFigures(part);
        const count = figs.find((f) => f.unit === '件');
        const kind = docKind(part);
        // a total followed by its breakdown in brackets: only the parts are compared
        const next = clauses[ci + 1];
        const breakdownFollows = !!next?.bracketed && part === parts[parts.length - 1] && /含|其中|包括/.test(next.text);
        if (kind && count) {
          let key: T2Key | null = null;
          for (const [k, re] of VERBS) if (re.test(part)) {
            key = k;
            break;
          }
          if (!key && carry && part.trimStart().search(/(?:政府|市政府|区政府|县政府)?(?:规章|(?:行政)?规范性文件)/) === 0) key = carry;
          carry = key;
          if (!key || /等/.test(part.slice(kind.end, count.start)) || breakdownFollows) continue;
          if (count.approx) continue;
          out.push({ key, doc: kind.doc, figure: shift(count, c.start + partStart), sentence: s, clause: c });
          continue;
        }
        // inside a bracketed breakdown: `含新制定5件,修改4件,废止4件`
        if (!kind && count && c.bracketed) {
          const prev = clauses.slice(0, ci).reverse().find((x) => !x.bracketed);
          const k = prev ? docKind(prev.text) : null;
          if (k) {
            for (const [key, re] of VERBS) {
              if (key === 'published' || !re.test(part)) continue;
              if (!count.approx) out.push({ key, doc: k.doc, figure: shift(count, c.start + partStart), sentence: s, clause: c });
              break;
            }
          }
          continue;
        }
        carry = kind ? carry : null;
        // decisions: 行政许可/处罚/强制 N件 (not applications, not items)
        const dec = /行政(许可|处罚|强制)/.exec(part);
        if (dec && count && !/申请|事项|清单/.test(part) && !count.approx) {
          const key: T2Key = dec[1] === '许可' ? 'licensing' : dec[1] === '处罚' ? 'penalties' : 'enforcement';
          if (count.start > dec.index) out.push({ key, doc: null, figure: shift(count, c.start + partStart), sentence: s, clause: c });
          continue;
        }
        // fees: 收费 N万元 (never 信息处理费)
        const fee = /收费/.exec(part);
        const amount = figs.find((f) => f.unit === '万元');
        if (fee && amount && !/处理费/.test(t) && !amount.approx && amount.start > fee.index) {
          out.push({ key: 'fees', doc: null, figure: shift(amount, c.start + partStart), sentence: s, clause: c });
        }
      }
    }
  }
  return out;
}

function shift(f: Figure, by: number): Figure {
  return { ...f, start: f.start + by, end: f.end + by, numStart: f.numStart + by };
}
