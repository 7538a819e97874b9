/**
 * Cross-year checks in the command line: the inputs of one call are grouped by body
 * (lib/body.ts), ordered by year, and each report is compared with the same body's report of
 * the year before when that is among the inputs (lib/crossyear.ts, rules in lib/rules/xyear.ts).
 *
 * The findings join this year's result (`--json`: each carries `reports: {current, previous}`,
 * the two reports' `source`); the readable output prints one block per pairing after the pages,
 * naming both reports, why they were taken as one body's and what could be compared.
 * report-audit.ts feeds each run to `add()` as it is audited (only a compact YearReport is kept,
 * not the page) and calls `finish()` once.
 */
import { sortFindings, type AuditRun } from '../lib/audit';
import { consecutivePairs, runCrossYear, yearReportFromRun, yearReportFromResult, type CrossYearOutcome, type YearReport } from '../lib/crossyear';
import { rules as CROSS_YEAR_RULES } from '../lib/rules/xyear';
import type { AuditResult } from '../lib/types';
import { SEVERITY_ZH, clean, countFindings, countsLine, findingPlace, formatNumber, formatTable, type Counts } from './format';

const TITLES = new Map(CROSS_YEAR_RULES.map((r) => [r.meta.id, r.meta.title.zh]));

function ruleLabel(id: string): string {
  const t = TITLES.get(id);
  return t ? `${id} ${t}` : id;
}

export interface CrossYearSummary {
  outcomes: CrossYearOutcome[];
  /** Findings added to the results, by severity. */
  counts: Counts;
  /** The readable block (null when no two inputs are one body's consecutive years). */
  text: string | null;
}

export class CrossYearCollector {
  private readonly reports: YearReport[] = [];
  private readonly results = new Map<YearReport, AuditResult>();

  /** Keep what the cross-year rules need of a run (after its `source` is final). */
  add(run: AuditRun): void {
    const y = yearReportFromRun(run);
    if (!y) return;
    this.reports.push(y);
    this.results.set(y, run.result);
  }

  /** Keep a result audited elsewhere (the batch: its result and narrative text). */
  addResult(result: AuditResult, narrative: string | null): void {
    const y = yearReportFromResult(result, { narrative });
    if (!y) return;
    this.reports.push(y);
    this.results.set(y, result);
  }

  /** Run the cross-year rules on every consecutive pair; add the findings to this year's results. */
  finish(opts: { rowsPerRule?: number } = {}): CrossYearSummary {
    const outcomes = consecutivePairs(this.reports).map((p) => runCrossYear(p.current, p.previous, CROSS_YEAR_RULES));
    const counts: Counts = { error: 0, warning: 0, info: 0 };
    for (const o of outcomes) {
      const r = this.results.get(o.current);
      if (!r || o.findings.length === 0) continue;
      r.findings = sortFindings([...(r.findings ?? []), ...o.findings], r.report?.format ?? null);
      const c = countFindings(o.findings);
      counts.error += c.error;
      counts.warning += c.warning;
      counts.info += c.info;
    }
    return { outcomes, counts, text: outcomes.length === 0 ? null : formatCrossYear(outcomes, opts.rowsPerRule) };
  }
}

/** The readable block: per pairing, both reports, the match, the scope and the findings. */
export function formatCrossYear(outcomes: readonly CrossYearOutcome[], rowsPerRule = Infinity): string {
  const out: string[] = ['跨年比较 (cross-year)'];
  for (const o of outcomes) {
    const c = o.current;
    const p = o.previous;
    out.push('');
    out.push(`  ${clean(c.entity ?? '')} ${c.year} 年报告: ${clean(c.source)}`);
    out.push(`  与 ${p.year} 年报告比较: ${clean(p.source)}`);
    out.push(`    匹配  ${clean(o.match.reason)}`);
    out.push(`    范围  ${clean(o.note)}`);
    const shown = new Map<string, number>();
    const listed = o.findings.filter((f) => {
      const n = shown.get(f.ruleId) ?? 0;
      shown.set(f.ruleId, n + 1);
      return n < rowsPerRule;
    });
    if (listed.length > 0) {
      out.push('');
      const rows = listed.map((f) => [
        SEVERITY_ZH[f.severity],
        ruleLabel(f.ruleId),
        clean(findingPlace(f, c.format)),
        formatNumber(f.expected),
        formatNumber(f.actual),
        clean(f.message),
      ]);
      for (const l of formatTable(['级别', '规则', '单元格', '应为', '实为', '说明'], rows, ['left', 'left', 'left', 'right', 'right', 'left'])) out.push(`    ${l}`);
      if (listed.length < o.findings.length) out.push(`    未列出 ${o.findings.length - listed.length} 条（--all 列出全部）`);
    }
    out.push(`    ${countsLine(countFindings(o.findings))}`);
  }
  return out.join('\n');
}
