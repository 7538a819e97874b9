/**
 * What the exports read: plain data, structurally what lib/store/db.ts getReportDetail
 * returns (a ReportDetail is an ExportDetail), so the workbook page, the CLI and Node tests
 * can all call the export functions. Free of Dexie and of extension APIs.
 */
import type { ReviewReason, ReviewState } from '../messages';
import type { AttachmentEvidence, Format, Severity } from '../types';

export type CellEvidence = Record<string, { raw: string; value: number | null }>;

export interface ExportReport {
  /** The page URL (the store's key). */
  url: string;
  title: string | null;
  entity: string | null;
  year: number | null;
  format: Format | null;
  /** When the result was stored. */
  auditedAt: string;
  cells: CellEvidence;
  /** The result's own metadata (stored reports have it). */
  source?: { tool: { name: 'report-auditor'; version: string }; auditedAt: string };
  /** Audited from a PDF/DOCX attachment: the file's evidence (the store keeps it without the cell boxes). */
  attachment?: AttachmentEvidence;
}

export interface ExportFinding {
  ruleId: string;
  severity: Severity;
  cells: readonly string[];
  expected?: number;
  actual?: number;
  message: string;
  /** Default 'current'. */
  status?: 'current' | 'resolved';
  /** Default 'open'. */
  review?: ReviewState;
  reviewReason?: ReviewReason | null;
  reviewNote?: string | null;
  reviewedAt?: string | null;
  /** Cross-year findings: the two reports compared (finding JSON `reports`). */
  reports?: { current: string; previous: string };
}

export interface ExportDetail {
  report: ExportReport;
  /** Current findings in the result's order, then the resolved ones. */
  findings: readonly ExportFinding[];
}

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
export const REVIEW_ZH: Record<ReviewState, string> = { open: '待复核', confirmed: '已确认', dismissed: '已排除' };
export const STATUS_ZH: Record<'current' | 'resolved', string> = { current: '当前', resolved: '已消除' };
export const FORMAT_ZH = (f: Format | null): string => (f ? `${f} 年版` : '旧版或未识别');
