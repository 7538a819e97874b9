/**
 * One flat row per finding, the common ground of the CSV and the XLSX findings sheet.
 */
import type { ReviewReason, ReviewState } from '../messages';
import { ruleTitleOf } from '../rules/catalogue';
import { describeCell } from '../template';
import type { Format, Severity } from '../types';
import { REVIEW_ZH, SEVERITY_ZH, STATUS_ZH, type ExportDetail } from './types';

export interface ExportRow {
  reportTitle: string | null;
  url: string;
  entity: string | null;
  year: number | null;
  ruleId: string;
  /** The rule's zh title (the rule id when the rule is unknown to this version). */
  ruleTitle: string;
  severity: Severity;
  /** The finding's first cell in words ("表三 （七）总计 / 自然人"), （全页） for the page as a whole. */
  cell: string;
  /** The first cell's canonical id ('' for the page as a whole). */
  cellId: string;
  expected: number | null;
  actual: number | null;
  message: string;
  status: 'current' | 'resolved';
  review: ReviewState;
  reason: ReviewReason | null;
  note: string | null;
  reviewedAt: string | null;
  /** When the report was stored (ISO). */
  auditedAt: string;
}

export const WHOLE_PAGE = '（全页）';

export function ruleTitle(ruleId: string): string {
  // the cross-year rules too (lib/rules/catalogue.ts): they are not in the runner's registry
  return ruleTitleOf(ruleId, 'zh');
}

const described = new Map<string, string>();

/** The cell in words (describeCell, memoised), （全页） for no cell. */
export function cellWords(cellId: string | undefined, format: Format | null): string {
  if (cellId === undefined || cellId === '') return WHOLE_PAGE;
  const key = `${format ?? ''}|${cellId}`;
  let words = described.get(key);
  if (words === undefined) {
    words = describeCell(cellId, format);
    if (described.size < 10_000) described.set(key, words);
  }
  return words;
}

/** One row per finding of every report (current and resolved), reports in the given order. */
export function exportRows(details: readonly ExportDetail[]): ExportRow[] {
  const titles = new Map<string, string>();
  const rows: ExportRow[] = [];
  for (const { report, findings } of details) {
    for (const f of findings) {
      const cellId = f.cells[0] ?? '';
      const cell = cellWords(cellId, report.format);
      let title = titles.get(f.ruleId);
      if (title === undefined) titles.set(f.ruleId, (title = ruleTitle(f.ruleId)));
      rows.push({
        reportTitle: report.title,
        url: report.url,
        entity: report.entity,
        year: report.year,
        ruleId: f.ruleId,
        ruleTitle: title,
        severity: f.severity,
        cell,
        cellId,
        expected: f.expected ?? null,
        actual: f.actual ?? null,
        message: f.message,
        status: f.status ?? 'current',
        review: f.review ?? 'open',
        reason: f.reviewReason ?? null,
        note: f.reviewNote ?? null,
        reviewedAt: f.reviewedAt ?? null,
        auditedAt: report.auditedAt,
      });
    }
  }
  return rows;
}

/** The columns of the findings list (CSV and the XLSX sheet 问题清单), in order. */
export interface RowColumn {
  header: string;
  kind: 'text' | 'number' | 'date';
  width: number;
  value(row: ExportRow): string | number | null;
}

export const ROW_COLUMNS: readonly RowColumn[] = [
  { header: '报告标题', kind: 'text', width: 36, value: (r) => r.reportTitle },
  { header: '网址', kind: 'text', width: 40, value: (r) => r.url },
  { header: '机关', kind: 'text', width: 16, value: (r) => r.entity },
  { header: '年度', kind: 'number', width: 6, value: (r) => r.year },
  { header: '规则', kind: 'text', width: 18, value: (r) => r.ruleId },
  { header: '规则名称', kind: 'text', width: 28, value: (r) => r.ruleTitle },
  { header: '级别', kind: 'text', width: 6, value: (r) => SEVERITY_ZH[r.severity] },
  { header: '单元格', kind: 'text', width: 30, value: (r) => r.cell },
  { header: '单元格 ID', kind: 'text', width: 22, value: (r) => r.cellId },
  { header: '应为', kind: 'number', width: 8, value: (r) => r.expected },
  { header: '实为', kind: 'number', width: 8, value: (r) => r.actual },
  { header: '说明', kind: 'text', width: 60, value: (r) => r.message },
  { header: '状态', kind: 'text', width: 8, value: (r) => STATUS_ZH[r.status] },
  { header: '复核', kind: 'text', width: 8, value: (r) => REVIEW_ZH[r.review] },
  { header: '排除理由', kind: 'text', width: 10, value: (r) => r.reason },
  { header: '备注', kind: 'text', width: 30, value: (r) => r.note },
  { header: '复核时间', kind: 'date', width: 20, value: (r) => r.reviewedAt },
  { header: '审计时间', kind: 'date', width: 20, value: (r) => r.auditedAt },
];
