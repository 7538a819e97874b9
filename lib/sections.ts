/**
 * Document analysis outside the tables: the six template section headings
 * (report-format.md §3), the narrative, the publication date and the signature at the end
 * of the report (rules.md §I).
 *
 * Headings: a text block whose normalised text, with its leading numeral (`一、`) stripped,
 * is a template heading or an accepted variant — either the whole (short) block, or the
 * start of the block followed by punctuation or a space (a heading run into its first
 * paragraph). Numbered look-alikes such as `一、提高政治站位，推进全面公开` are not headings;
 * a template heading under another numeral (`三、存在的主要问题及改进情况`) is, with that numeral.
 */
import type { AuditContext, Detection, PageModel, SectionHeading } from './types';
import { compact, normaliseLabel } from './normalise';
import { chineseNumeral } from './narrative';

// ------------------------------------------------------------------ headings

/** Heading texts (numeral stripped) accepted for each section 1..6, normalised. */
export const SECTION_VARIANTS: readonly (readonly string[])[] = [
  ['总体情况'],
  ['主动公开政府信息情况'],
  ['收到和处理政府信息公开申请情况'],
  [
    '政府信息公开行政复议、行政诉讼情况',
    // the 条例's wording (第五十条第三项), used by Shanghai 2019's preamble
    '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
    '因政府信息公开工作被申请行政复议、提起行政诉讼的情况',
  ],
  ['存在的主要问题及改进情况', '政府信息公开工作存在的主要问题及改进情况'],
  ['其他需要报告的事项'],
].map((vs) => vs.map((v) => normaliseLabel(v)));

/** Value of a heading ordinal: digits, or a Chinese numeral 1..99 (`三`, `十`, `十二`, `二十三`), else null. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  return /^[一二三四五六七八九十]+$/.test(s) ? chineseNumeral(s) : null;
}

/** Leading numeral of a heading in normalised text: `一、` `十二、` `一.` `1.` `第一部分`. */
const LEADING_NUMERAL = /^(?:第([一二三四五六七八九十]+)部分[、.:,]?|([一二三四五六七八九十]+|\d{1,2})[、.,](?!\d))/;

/** Characters that may follow a heading run into its paragraph. */
const BOUNDARY = /^[。.:：,，;；!！、]/;

export interface HeadingMatch {
  section: number;
  numeral: number | null;
  /** The heading as written (the whole block, or its start for a heading run into its paragraph). */
  heading: string;
  /** The paragraph text after a run-in heading ('' for a heading of its own). */
  rest: string;
}

/**
 * Whether a text block is (or starts with) a template section heading. `text` is the block's
 * display text; the match is made on the normalised text, and for a heading run into its
 * paragraph the original must show a boundary (punctuation or a space) right after it.
 */
export function matchHeading(text: string): HeadingMatch | null {
  const n = normaliseLabel(text);
  const m = LEADING_NUMERAL.exec(n);
  const numeral = m ? chineseNumber(m[1] ?? m[2] ?? '') : null;
  const rest = m ? n.slice(m[0].length) : n;
  for (let i = 0; i < SECTION_VARIANTS.length; i++) {
    for (const v of SECTION_VARIANTS[i]!) {
      if (rest === v) return { section: i + 1, numeral, heading: text.trim(), rest: '' };
      // run into the paragraph: only with a numeral, and only at a boundary
      if (!m || !rest.startsWith(v)) continue;
      const chars = Array.from(text);
      const cut = skipNormalised(chars, m[0].length + v.length);
      if (cut < chars.length && !isBoundary(chars[cut]!)) continue;
      return {
        section: i + 1,
        numeral,
        heading: chars.slice(0, cut).join('').trim(),
        rest: chars.slice(cut).join('').replace(/^[\s\u00a0\u3000。.:：,，;；!！、]+/, '').trim(),
      };
    }
  }
  return null;
}

/**
 * Index in `chars` (the original text) just after the first `count` characters of its
 * normalised form (whitespace deleted, NFKC: a character may expand, e.g. `㈠` → `(一)`).
 */
function skipNormalised(chars: readonly string[], count: number): number {
  let seen = 0;
  let i = 0;
  while (i < chars.length && seen < count) {
    seen += compact(chars[i]!).length;
    i++;
  }
  return i;
}

/** A boundary after a run-in heading: whitespace or punctuation. */
function isBoundary(ch: string): boolean {
  return /[\s\u00a0\u3000]/.test(ch) || BOUNDARY.test(ch.normalize('NFKC')) || BOUNDARY.test(ch);
}

// ------------------------------------------------------------------ dates

const CN_DATE_DIGITS: Record<string, string> = {
  〇: '0', '○': '0', 零: '0', O: '0', o: '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

/** `2021`, `二〇二一` → 2021. */
function yearNumber(s: string): number | null {
  if (/^\d{4}$/.test(s)) return Number(s);
  const d = Array.from(s).map((ch) => CN_DATE_DIGITS[ch] ?? '').join('');
  return d.length === 4 ? Number(d) : null;
}

/** `1`, `01`, `十二`, `二十五` → number. */
function smallNumber(s: string): number | null {
  if (/^\d{1,2}$/.test(s)) return Number(s);
  return chineseNumber(s);
}

/** ISO date when y-m-d is a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const CN_NUM = '[〇○OoＯ零一二三四五六七八九十]';
/** A date written `2021年1月25日`, `二〇二一年一月二十五日`, `2021-01-25`, `2021/1/25`, `2021.01.25`. */
export const DATE_SOURCE = `(?:(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日|(${CN_NUM}{4})\\s*年\\s*(${CN_NUM}{1,3})\\s*月\\s*(${CN_NUM}{1,3})\\s*日|(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2}))`;

/** Parse the first date in a text: raw text as written and ISO date (null when invalid). */
export function findDate(text: string): { raw: string; iso: string | null; index: number } | null {
  const re = new RegExp(DATE_SOURCE);
  const m = re.exec(text.normalize('NFKC'));
  if (!m) return null;
  let y: number | null;
  let mo: number | null;
  let d: number | null;
  if (m[1]) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else if (m[4]) {
    y = yearNumber(m[4]);
    mo = smallNumber(m[5]!);
    d = smallNumber(m[6]!);
  } else {
    y = Number(m[7]);
    mo = Number(m[8]);
    d = Number(m[9]);
  }
  const iso = y !== null && mo !== null && d !== null ? isoDate(y, mo, d) : null;
  return { raw: m[0], iso, index: m.index };
}

/** Normalise a publication date (`2025-03-10 15:35`, `2020年1月31日`) to ISO, else null. */
export function toIsoDate(text: string | null | undefined): string | null {
  if (!text) return null;
  return findDate(text)?.iso ?? null;
}

const PUB_LINE = /(?:发布日期|发布时间)\s*[:：]\s*/;
const PUB_LABEL = /^(?:发布日期|发布时间)[:：]?$/;

/**
 * Publication date: meta PubDate, a `发布日期：`/`发布时间：` line, the 发布日期 of a 索引号 metadata
 * table, a dump's `发布时间` field.
 */
export function publicationDate(page: PageModel): string | null {
  for (const [k, v] of Object.entries(page.meta)) {
    if (/^(pubdate|publishdate)$/i.test(k)) {
      const iso = toIsoDate(v);
      if (iso) return iso;
    }
  }
  for (const b of page.blocks) {
    if (b.kind !== 'text') continue;
    const m = PUB_LINE.exec(b.text);
    if (!m) continue;
    const after = b.text.slice(m.index + m[0].length);
    const d = findDate(after);
    if (d && d.index === 0 && d.iso) return d.iso;
  }
  // a 索引号 metadata table (report-format.md §12.4): `发布日期 | 2020-01-31` or `发布日期：2020-01-31`
  for (const t of page.tables) {
    for (const r of t.rows) {
      for (let i = 0; i < r.cells.length; i++) {
        if (!r.cells[i]!.text.includes('发')) continue; // both patterns start with 发布
        const text = r.cells[i]!.text.trim();
        let iso: string | null = null;
        if (PUB_LABEL.test(text.replace(/\s+/g, ''))) {
          const next = r.cells[i + 1]?.text ?? '';
          const d = findDate(next);
          iso = d && next.trim().normalize('NFKC').startsWith(d.raw) ? d.iso : null;
        } else {
          const m = PUB_LINE.exec(text);
          const d = m && m.index === 0 ? findDate(text.slice(m[0].length)) : null;
          iso = d && d.index === 0 ? d.iso : null;
        }
        if (iso) return iso;
      }
    }
  }
  for (const key of ['发布时间', '发布日期']) {
    const iso = toIsoDate(page.dumpFields[key]);
    if (iso) return iso;
  }
  return null;
}

// ------------------------------------------------------------------ signature

/** A line that is only a date (the signature date). */
const DATE_ONLY = new RegExp(`^\\s*${DATE_SOURCE}\\s*$`);
/** A line that is a body name followed by a date (`韩庄镇人民政府 2021年1月25日`). */
const NAME_AND_DATE = new RegExp(`^\\s*(\\S.{1,38}?)\\s*${DATE_SOURCE}\\s*$`);
/** Suffixes of a body's name (the signature line). */
const BODY_SUFFIX = /(人民政府|政府|办事处|委员会|管委会|办公室|办公厅|局|委|厅|中心|院|署|部|所|站|队|镇|乡|街道|区|县|市)$/;

function isBodyName(text: string): boolean {
  const c = compact(text);
  if (c.length < 2 || c.length > 40) return false;
  if (/[。，,；;：:！!？?、]/.test(c)) return false;
  return BODY_SUFFIX.test(c);
}

/**
 * The signature at the end of the report: among the last text blocks, a date-only line
 * (with the body name on the line before it, when that is a short name) or a `name date` line.
 */
export function findSignature(page: PageModel, exclude: ReadonlySet<number> = new Set()): AuditContext['signature'] {
  const texts: { i: number; text: string }[] = [];
  page.blocks.forEach((b, i) => {
    if (b.kind === 'text' && !exclude.has(i)) texts.push({ i, text: b.text });
  });
  const tail = texts.slice(-4);
  for (let k = tail.length - 1; k >= 0; k--) {
    const t = tail[k]!;
    if (DATE_ONLY.test(t.text.normalize('NFKC'))) {
      const d = findDate(t.text)!;
      const prev = tail[k - 1];
      const entity = prev && isBodyName(prev.text) ? compact(prev.text) : null;
      return { entity, date: d.iso, rawDate: d.raw.trim() };
    }
    const nd = NAME_AND_DATE.exec(t.text.normalize('NFKC'));
    if (nd && isBodyName(nd[1]!)) {
      const d = findDate(t.text)!;
      return { entity: compact(nd[1]!), date: d.iso, rawDate: d.raw.trim() };
    }
  }
  // a body name closing the report without a date
  const last = tail[tail.length - 1];
  if (last && isBodyName(last.text)) return { entity: compact(last.text), date: null, rawDate: null };
  return null;
}

// ------------------------------------------------------------------ title and metadata lines

/** Leading text blocks that make up the title (before any heading or table), as block indices. */
function titleBlocks(page: PageModel, detection: Detection): Set<number> {
  const out = new Set<number>();
  if (!detection.title) return out;
  const title = compact(detection.title);
  if (!title) return out;
  let consumed = '';
  for (let i = 0; i < Math.min(page.blocks.length, 4); i++) {
    const b = page.blocks[i]!;
    if (b.kind !== 'text') break;
    const c = compact(b.text);
    if (!c || (out.size === 0 && isMetaLine(b.text))) continue;
    if (!title.startsWith(consumed + c)) break;
    out.add(i);
    consumed += c;
    if (consumed === title) break;
  }
  // a partial match that never completed the title is not the title
  if (consumed !== title) return new Set();
  return out;
}

/** Metadata lines in the body (发布日期：…, 来源：…): not narrative. */
const META_LINE = /^(发布日期|发布时间|发文日期|成文日期|来源|信息来源|发布机构|索引号|浏览次数|点击数)\s*[:：]/;

function isMetaLine(text: string): boolean {
  return text.length <= 80 && META_LINE.test(text.trim());
}

// ------------------------------------------------------------------ analysis

export interface DocumentAnalysis {
  sections: SectionHeading[];
  narrative: string[];
  pubDate: string | null;
  signature: AuditContext['signature'];
}

export function analyseDocument(page: PageModel, detection: Detection): DocumentAnalysis {
  const titles = titleBlocks(page, detection);
  const sections: SectionHeading[] = [];
  const narrative: string[] = [];
  page.blocks.forEach((b, i) => {
    if (b.kind !== 'text' || titles.has(i)) return;
    const h = matchHeading(b.text);
    if (h) {
      sections.push({ section: h.section, numeral: h.numeral, text: h.heading, block: i });
      // a heading run into its paragraph: the rest of the block is narrative
      if (h.rest) narrative.push(h.rest);
      return;
    }
    if (isMetaLine(b.text)) return;
    narrative.push(b.text);
  });
  return {
    sections,
    narrative,
    pubDate: publicationDate(page),
    signature: findSignature(page, titles),
  };
}
