/**
 * Human-readable CLI output: per page the source, the report's title, year, format and
 * entity, then a table of findings (severity, rule, cell in an auditor's words, expected,
 * actual, message) and a summary line. Columns are aligned by terminal display width:
 * CJK and full-width characters take two columns.
 *
 * Everything here is pure (strings in, string out) so that it is tested without a terminal.
 */
import type { AuditResult, Finding, Format, Severity } from '../lib/types';
import { describeCell } from '../lib/template';
import { RULE_META_BY_ID } from '../lib/rules/catalogue';
import { countBySeverity, type Counts } from '../lib/counts';

// ------------------------------------------------------------------ display width

/** East Asian Wide and Fullwidth ranges (Unicode UAX #11), the ones a report can contain. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation (、。「」〇 U+3000)
  [0x3041, 0x33ff], // kana, bopomofo, Hangul compatibility, kanbun, CJK strokes, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // full-width ASCII variants （）：０１２
  [0xffe0, 0xffe6], // full-width signs ￥
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd], // CJK extensions B–F
  [0x30000, 0x3fffd], // CJK extension G…
];

const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f\u2060-\u2064\ufeff]/u;

function isWide(cp: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = WIDE[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Columns a string takes in a terminal: wide/full-width characters 2, combining marks and controls 0. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ZERO_WIDTH.test(ch)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/**
 * Page text made safe for a terminal: control characters (ANSI escapes included), bidi
 * overrides and line breaks become spaces, whitespace runs collapse. A page cannot move the
 * cursor, recolour the terminal or break a table row.
 */
export function clean(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type Align = 'left' | 'right';

/**
 * A plain-text table: columns separated by two spaces, a header row and a rule of dashes.
 * The last column is not padded and its rule is as wide as its header (long messages run on
 * instead of widening every row).
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const n = header.length;
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === n - 1 ? c : align[i] === 'right' ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === n - 1 ? displayWidth(header[i]!) : w));
  return [line(header), line(rule), ...rows.map(line)];
}

// ------------------------------------------------------------------ labels

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const NOT_A_REPORT = '不是年报页面 (not an annual report page)';
const UNKNOWN = '（未识别）';
const WHOLE_PAGE = '（全页）';

export function formatLabel(format: Format | null, legacy = false): string {
  if (format) return `${format} 年版`;
  return legacy ? '旧版（2019 年以前的格式）' : UNKNOWN;
}

/** A number as in the report: integers plain, amounts with at most two decimals, no separators. */
export function formatNumber(n: number | undefined): string {
  if (n === undefined) return '';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Characters of a narrative finding's sentence shown in the 单元格 column and under the row. */
const SENTENCE_CHARS = 16;
const QUOTE_CHARS = 120;

function shorten(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** The cell a finding points at, in an auditor's words (表三 （七）总计 / 自然人), or （全页）. */
export function findingPlace(f: Finding, format: Format | null): string {
  const first = f.cells[0];
  // a narrative finding about a sentence: the sentence, shortened
  if (first === undefined && f.text) return `正文“${shorten(f.text.quote, SENTENCE_CHARS)}”`;
  if (first === undefined) return WHOLE_PAGE;
  try {
    return describeCell(first, format);
  } catch {
    return first;
  }
}

export function ruleLabel(ruleId: string): string {
  const title = RULE_META_BY_ID.get(ruleId)?.title.zh;
  return title ? `${ruleId} ${title}` : ruleId;
}

export type { Counts };

export function countFindings(findings: readonly Finding[]): Counts {
  return countBySeverity(findings);
}

export function countsLine(c: Counts): string {
  const total = c.error + c.warning + c.info;
  if (total === 0) return '未发现问题 (no findings)';
  return `共 ${total} 条：错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}

// ------------------------------------------------------------------ a page

export interface PageExtras {
  /** The page uses a pre-2019 table format (Detection.legacy). */
  legacy?: boolean;
  /** Why the page is not a report (Detection.reason). */
  reason?: string;
  /**
   * At most this many rows per rule (default {@link ROWS_PER_RULE}); the rest are counted
   * under the table. Infinity lists every finding (`--all`).
   */
  rowsPerRule?: number;
}

/** A page with 135 blank cells would otherwise print 135 VAL-BLANK rows. */
export const ROWS_PER_RULE = 5;

/** One audited page as lines of text (no trailing newline). */
export function formatResult(r: AuditResult, extras: PageExtras = {}): string {
  const out: string[] = [clean(r.source)];
  if (!r.detected || !r.report) {
    out.push(`  ${NOT_A_REPORT}`);
    if (extras.reason) out.push(`  原因：${clean(extras.reason)}`);
    return out.join('\n');
  }
  const { title, year, entity, format } = r.report;
  const fields: [string, string][] = [
    ['标题', title ? clean(title) : UNKNOWN],
    ['年度', year !== null ? String(year) : UNKNOWN],
    ['格式', formatLabel(format, extras.legacy)],
    ['机关', entity ? clean(entity) : UNKNOWN],
  ];
  for (const [k, v] of fields) out.push(`  ${k}  ${v}`);
  const findings = r.findings ?? [];
  const limit = extras.rowsPerRule ?? ROWS_PER_RULE;
  const shownPerRule = new Map<string, number>();
  const hidden = new Map<string, number>();
  const listed = findings.filter((f) => {
    const n = shownPerRule.get(f.ruleId) ?? 0;
    if (n >= limit) {
      hidden.set(f.ruleId, (hidden.get(f.ruleId) ?? 0) + 1);
      return false;
    }
    shownPerRule.set(f.ruleId, n + 1);
    return true;
  });
  if (listed.length > 0) {
    out.push('');
    const rows = listed.map((f) => [
      SEVERITY_ZH[f.severity],
      ruleLabel(f.ruleId),
      clean(findingPlace(f, format)),
      formatNumber(f.expected),
      formatNumber(f.actual),
      // narrative findings (rules.md §H) end with the sentence they are about
      clean(f.text && !f.message.includes(f.text.quote) ? `${f.message} 原文：“${shorten(f.text.quote, QUOTE_CHARS)}”` : f.message),
    ]);
    const table = formatTable(['级别', '规则', '单元格', '应为', '实为', '说明'], rows, ['left', 'left', 'left', 'right', 'right', 'left']);
    for (const l of table) out.push(`  ${l}`);
  }
  if (hidden.size > 0) {
    const list = [...hidden].map(([id, n]) => `${id} 另 ${n} 条`).join('，');
    out.push(`  未列出：${list}（--all 列出全部）`);
  }
  out.push(`  ${countsLine(countFindings(findings))}`);
  return out.join('\n');
}

/** The closing line over several inputs. */
export function formatTotals(t: { reports: number; notReports: number; unreadable: number; counts: Counts }): string {
  const inputs = t.reports + t.notReports + t.unreadable;
  const parts = [`${inputs} 个输入`, `${t.reports} 份年报`];
  if (t.notReports) parts.push(`${t.notReports} 个不是年报`);
  if (t.unreadable) parts.push(`${t.unreadable} 个无法读取`);
  const c = t.counts;
  return `合计：${parts.join('，')}；错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}`;
}
