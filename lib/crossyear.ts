/**
 * Cross-year auditing (rules.md §J): one body's report of year Y against its report of Y−1.
 *
 * Everything here works on plain data — a report's year, format, body, site, extracted cells
 * and narrative text (`YearReport`) — so the CLI (two audit runs in memory) and the extension's
 * background (this year's result against the stored report of last year) run the same rules.
 * The rules themselves are in lib/rules/xyear.ts; this module holds their types, the pairing
 * of reports (lib/body.ts decides "same body"), the text similarity and the runner, which
 * stamps every finding with both reports' ids (`reports`, an optional field of the finding
 * JSON). Pure, no DOM, no extension API.
 */
import type { AuditRun } from './audit';
import { sortFindings } from './audit';
import { bodyName, matchBodies, siteOf, type BodyMatch } from './body';
import type { AuditResult, CellId, Finding, Format, RuleFinding, RuleMeta } from './types';

/** One report as the cross-year rules see it. */
export interface YearReport {
  /** The report's id: its URL, or the file path for CLI input (the result's `source`). */
  source: string;
  title: string | null;
  year: number | null;
  entity: string | null;
  /** '2019' | '2021'; null for a legacy (pre-2019) or unrecognised layout: only the text is comparable. */
  format: Format | null;
  /** The site it was published on (lib/body.ts siteOf), or null when unknown. */
  site: string | null;
  cells: Record<CellId, { raw: string; value: number | null }>;
  /** The narrative text (outside the tables), blocks joined by newlines; null when not kept. */
  narrative: string | null;
}

/** What a cross-year rule reads. */
export interface PairContext {
  current: YearReport;
  previous: YearReport;
  match: BodyMatch;
}

export interface CrossYearRule {
  meta: RuleMeta;
  /**
   * Also runs when a report has no recognised format (legacy, pre-2019): it compares the text
   * only. The others need both reports' tables.
   */
  textOnly?: boolean;
  check(pair: PairContext): RuleFinding[];
}

/** Both reports' ids, carried by every cross-year finding (optional field of the finding JSON). */
export interface ReportPair {
  current: string;
  previous: string;
}

export function defineCrossYearRule(meta: RuleMeta, check: (pair: PairContext) => RuleFinding[], textOnly = false): CrossYearRule {
  return textOnly ? { meta, textOnly, check } : { meta, check };
}

// ------------------------------------------------------------------ reports

/** The site of a page: the URL's host, else the `Url` meta tag, else a text dump's 原文链接. */
export function siteOfPage(source: string, meta: Record<string, string>, dumpFields: Record<string, string>): string | null {
  return siteOf(source) ?? siteOf(meta.Url ?? meta.url) ?? siteOf(dumpFields['原文链接']);
}

/** The narrative of an audit run as the cross-year rules compare it. */
export function narrativeText(narrative: readonly string[]): string {
  return narrative.join('\n');
}

/** A detected audit run as a YearReport (null for a page that is not a report). */
export function yearReportFromRun(run: AuditRun): YearReport | null {
  if (!run.context || !run.result.detected) return null;
  const page = run.context.page;
  return yearReportFromResult(run.result, { site: siteOfPage(page.source, page.meta, page.dumpFields), narrative: narrativeText(run.context.narrative) });
}

/** A detected audit result (e.g. as stored) as a YearReport. */
export function yearReportFromResult(r: AuditResult, extra: { site?: string | null; narrative?: string | null } = {}): YearReport | null {
  if (!r.detected || !r.report) return null;
  return {
    source: r.source,
    title: r.report.title,
    year: r.report.year,
    entity: r.report.entity,
    format: r.report.format,
    site: extra.site !== undefined ? extra.site : siteOf(r.source),
    cells: r.cells ?? {},
    narrative: extra.narrative ?? null,
  };
}

// ------------------------------------------------------------------ comparability

/**
 * Whether a cell can be compared between the two formats (rules.md XYEAR-FORMAT-CHANGE):
 * everything within one format; across 2019↔2021 only T3 outside （六） and T4 (T2's
 * 对外公开总数量 is not 现行有效件数); nothing when a report has no recognised format.
 */
export function comparableCell(id: CellId, current: Format | null, previous: Format | null): boolean {
  if (current === null || previous === null) return false;
  if (current === previous) return true;
  if (id.startsWith('T4:')) return true;
  return id.startsWith('T3:') && !/^T3:3\.6(\.|:)/.test(id);
}

/** What can be compared between the two reports, in zh-CN (for the CLI and the panel). */
export function comparisonScope(current: Format | null, previous: Format | null): string {
  if (current === null || previous === null) return '旧版或未识别格式：只比较正文，不比较表格';
  if (current === previous) return '比较表二、表三、表四和正文';
  return `格式不同（${previous} 年版 → ${current} 年版）：只比较表三（（六）其他处理除外）、表四和正文，表二不比较`;
}

// ------------------------------------------------------------------ text similarity

/** Shingle length in characters (Chinese text: 4-character shingles). */
export const SHINGLE = 4;
/** XYEAR-DUPLICATE: a narrative at least this similar to last year's repeats it. */
export const DUPLICATE_THRESHOLD = 0.9;
/** Texts shorter than this (normalised characters) are not compared: short texts match by chance. */
export const MIN_TEXT = 200;

/**
 * The text as compared: NFKC, whitespace and punctuation removed, every digit run replaced by
 * `#`, so that a report copied with its year and figures updated still counts as a copy.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/[0-9]+(?:\.[0-9]+)?/g, '#')
    .replace(/[〇一二三四五六七八九十]+(?=[年月日])/g, '#');
}

/** The set of k-character shingles of a comparable text. */
export function shingles(text: string, k = SHINGLE): Set<string> {
  const chars = Array.from(text);
  const out = new Set<string>();
  if (chars.length < k) {
    if (chars.length > 0) out.add(chars.join(''));
    return out;
  }
  for (let i = 0; i + k <= chars.length; i++) out.add(chars.slice(i, i + k).join(''));
  return out;
}

export interface Similarity {
  /** |A ∩ B| / |A ∪ B| of the shingle sets (0…1). */
  jaccard: number;
  /** |A ∩ B| / |A|: how much of this year's text is in last year's (0…1). */
  containment: number;
  /** Comparable characters of each text. */
  length: { current: number; previous: number };
}

/** Shingled Jaccard similarity of two texts (exact, not estimated: reports are a few thousand characters). */
export function textSimilarity(current: string, previous: string, k = SHINGLE): Similarity {
  const a = comparableText(current);
  const b = comparableText(previous);
  const sa = shingles(a, k);
  const sb = shingles(b, k);
  let inter = 0;
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  for (const s of small) if (large.has(s)) inter++;
  const union = sa.size + sb.size - inter;
  return {
    jaccard: union === 0 ? 0 : inter / union,
    containment: sa.size === 0 ? 0 : inter / sa.size,
    length: { current: Array.from(a).length, previous: Array.from(b).length },
  };
}

// ------------------------------------------------------------------ pairing and running

export interface CrossYearOutcome {
  current: YearReport;
  previous: YearReport;
  match: BodyMatch;
  /** The reports are the same body's, Y−1 and Y: the rules ran. */
  assessed: boolean;
  /** Why not assessed, or what was compared (zh-CN). */
  note: string;
  /** Cross-year findings, each with `reports` set, sorted as the audit sorts findings. */
  findings: Finding[];
}

export interface CrossYearOptions {
  rules?: readonly CrossYearRule[];
  /** An auditor's decision on the pairing (the extension's "not the same body" toggle) overrides the name match. */
  sameBody?: boolean;
}

function applies(rule: CrossYearRule, c: YearReport, p: YearReport): boolean {
  if (c.format === null || p.format === null) return rule.textOnly === true;
  return rule.meta.formats.includes(c.format);
}

/**
 * Run the cross-year rules on this year's report against last year's. Nothing runs when the
 * bodies differ (lib/body.ts), when the auditor said they differ, or when `previous` is not the
 * report of the year before.
 */
export function runCrossYear(current: YearReport, previous: YearReport, rules: readonly CrossYearRule[], opts: CrossYearOptions = {}): CrossYearOutcome {
  const match = matchBodies({ entity: current.entity, site: current.site }, { entity: previous.entity, site: previous.site });
  const base = { current, previous, match, findings: [] as Finding[] };
  if (opts.sameBody === false) return { ...base, assessed: false, note: '审核人员已标记为不是同一机关，不比较' };
  if (!match.same && opts.sameBody !== true) return { ...base, assessed: false, note: match.reason };
  if (current.year === null || previous.year === null || previous.year !== current.year - 1) {
    return { ...base, assessed: false, note: `不是相邻年度（${previous.year ?? '?'} 年与 ${current.year ?? '?'} 年），不比较` };
  }
  const pair: PairContext = { current, previous, match };
  const reports: ReportPair = { current: current.source, previous: previous.source };
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!applies(rule, current, previous)) continue;
    for (const rf of rule.check(pair)) {
      const f: Finding = { ruleId: rule.meta.id, severity: rf.severity ?? rule.meta.severity, cells: rf.cells, message: rf.message };
      if (rf.expected !== undefined) f.expected = rf.expected;
      if (rf.actual !== undefined) f.actual = rf.actual;
      f.reports = { ...reports };
      findings.push(f);
    }
  }
  return {
    ...base,
    assessed: true,
    note: comparisonScope(current.format, previous.format),
    findings: sortFindings(findings, current.format),
  };
}

export interface BodyGroup {
  /** The reports of one body, by year (oldest first); reports without a year are left out. */
  reports: YearReport[];
}

/**
 * Group reports by body (lib/body.ts: same key, sites not contradicting) and order each group by
 * year. A report joins the first group whose reports all match it; one of an unknown body or
 * year stays alone.
 */
export function groupByBody(reports: readonly YearReport[]): BodyGroup[] {
  const groups: YearReport[][] = [];
  // only reports with the same body key can match: bucket by key first (a batch has thousands of inputs)
  const byKey = new Map<string, YearReport[][]>();
  for (const r of reports) {
    if (r.year === null || !r.entity) continue;
    const key = bodyName(r.entity).key;
    let buckets = byKey.get(key);
    if (!buckets) byKey.set(key, (buckets = []));
    const g = buckets.find((list) =>
      list.every((o) => matchBodies({ entity: r.entity, site: r.site }, { entity: o.entity, site: o.site }).same),
    );
    if (g) g.push(r);
    else {
      const list = [r];
      buckets.push(list);
      groups.push(list);
    }
  }
  return groups.map((list) => ({ reports: [...list].sort((a, b) => a.year! - b.year!) }));
}

/**
 * The consecutive-year pairs of each body among `reports`: (Y−1, Y) for every Y that has a
 * Y−1 report of the same body. When a body has two reports of one year (the same report saved
 * twice, or a re-post), each is compared with the last of the year before.
 */
export function consecutivePairs(reports: readonly YearReport[]): { current: YearReport; previous: YearReport }[] {
  const out: { current: YearReport; previous: YearReport }[] = [];
  for (const g of groupByBody(reports)) {
    for (const cur of g.reports) {
      const prevs = g.reports.filter((p) => p.year === cur.year! - 1);
      const prev = prevs[prevs.length - 1];
      if (prev) out.push({ current: cur, previous: prev });
    }
  }
  return out;
}
