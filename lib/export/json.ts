/**
 * The extension's JSON export (contract §3): the audit results under `reports` (one
 * AuditResult per stored report: its current findings) and the auditors' reviews under
 * `reviews`, one entry per finding that was reviewed or is resolved. Resolved findings are
 * not part of any result, so their entries carry the finding itself; importing the file
 * (lib/export/import.ts) restores the store exactly. A report audited from a PDF/DOCX attachment
 * carries the file's evidence as the result's optional `attachment` (kind, URL, SHA-256, size, pages).
 */
import { z } from 'zod';
import { REVIEW_NOTE_MAX, ReviewReasonSchema, ReviewStateSchema, type ReviewReason, type ReviewState } from '../messages';
import { AuditResultSchema, CellIdSchema, FindingSchema, type AuditResultJson } from '../schema';
import type { AttachmentEvidence } from '../types';
import { TOOL } from '../version';
import type { ExportDetail, ExportFinding } from './types';

export const EXPORT_SCHEMA_VERSION = 1;

export const ReviewEntrySchema = z.object({
  /** The report's `source` in `reports` (its URL). */
  source: z.string().max(8_192),
  ruleId: FindingSchema.shape.ruleId,
  /** The finding's first cell; null for a finding about the page as a whole. */
  cell: CellIdSchema.nullable(),
  state: ReviewStateSchema,
  reason: ReviewReasonSchema.nullable(),
  note: z.string().max(REVIEW_NOTE_MAX).nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  /** 'resolved': the finding was no longer found by the report's latest audit. Default 'current'. */
  status: z.enum(['current', 'resolved']).optional(),
  /** The finding itself, for a resolved one (it is in no result). */
  finding: FindingSchema.optional(),
});
export type ReviewEntry = z.infer<typeof ReviewEntrySchema>;

export const ExportFileSchema = z
  .object({
    schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
    exportedAt: z.iso.datetime(),
    tool: z.object({ name: z.literal('report-auditor'), version: z.string() }),
    reports: z.array(AuditResultSchema),
    reviews: z.array(ReviewEntrySchema),
  })
  .superRefine((file, ctx) => {
    file.reports.forEach((r, i) => {
      if (!r.detected) ctx.addIssue({ code: 'custom', path: ['reports', i, 'detected'], message: 'an exported report is a detected report' });
    });
    const sources = new Set(file.reports.map((r) => r.source));
    if (sources.size !== file.reports.length) ctx.addIssue({ code: 'custom', path: ['reports'], message: 'two reports with the same source' });
    file.reviews.forEach((e, i) => {
      if (!sources.has(e.source)) ctx.addIssue({ code: 'custom', path: ['reviews', i, 'source'], message: 'a review of a report that is not in the file' });
      if (e.status === 'resolved') {
        if (!e.finding) ctx.addIssue({ code: 'custom', path: ['reviews', i, 'finding'], message: 'a resolved finding’s entry carries the finding' });
        else if (e.finding.ruleId !== e.ruleId || (e.finding.cells[0] ?? null) !== e.cell)
          ctx.addIssue({ code: 'custom', path: ['reviews', i, 'finding'], message: 'the finding does not match the entry’s rule and cell' });
      }
    });
  });
export type ExportFile = z.infer<typeof ExportFileSchema>;

export interface ExportRun {
  /** When the export was made. */
  exportedAt: Date | string;
  /** The exporting tool (default: this version). */
  tool?: { name: 'report-auditor'; version: string };
}

function contractFinding(f: ExportFinding): AuditResultJson['findings'] extends (infer T)[] | undefined ? T : never {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    cells: [...f.cells],
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    message: f.message,
    ...(f.reports ? { reports: { current: f.reports.current, previous: f.reports.previous } } : {}),
  };
}

/** The stored report as a contract audit result (its current findings, in order). */
export function toAuditResult(d: ExportDetail): AuditResultJson {
  const { report } = d;
  return {
    schemaVersion: 1,
    tool: report.source ? { name: report.source.tool.name, version: report.source.tool.version } : { ...TOOL },
    source: report.url,
    auditedAt: report.source?.auditedAt ?? report.auditedAt,
    detected: true,
    report: { title: report.title, year: report.year, entity: report.entity, format: report.format },
    cells: Object.fromEntries(Object.entries(report.cells).map(([id, c]) => [id, { raw: c.raw, value: c.value }])),
    findings: d.findings.filter((f) => (f.status ?? 'current') === 'current').map(contractFinding),
    ...(report.attachment ? { attachment: attachmentEvidence(report.attachment) } : {}),
  };
}

/** The attachment's evidence as the result carries it (AttachmentEvidenceSchema); import stores it back. */
function attachmentEvidence(a: AttachmentEvidence): AttachmentEvidence {
  return {
    kind: a.kind,
    ...(a.url !== undefined ? { url: a.url } : {}),
    sha256: a.sha256,
    bytes: a.bytes,
    ...(a.pages !== undefined ? { pages: a.pages } : {}),
    ...(a.cellBoxes ? { cellBoxes: Object.fromEntries(Object.entries(a.cellBoxes).map(([id, b]) => [id, { ...b }])) } : {}),
  };
}

/** Whether a finding's entry goes into `reviews`: reviewed in any way, or resolved. */
function hasEntry(f: ExportFinding): boolean {
  return (
    (f.status ?? 'current') === 'resolved' ||
    (f.review ?? 'open') !== 'open' ||
    (f.reviewReason ?? null) !== null ||
    (f.reviewNote ?? null) !== null ||
    (f.reviewedAt ?? null) !== null
  );
}

/**
 * The review entries of a report, in its findings' order. Current findings that share a
 * matchKey (rule id + first cell) are listed all or none, so that the import can pair the
 * k-th entry of a key with the k-th finding of it.
 */
export function reviewEntries(d: ExportDetail): ReviewEntry[] {
  const isCurrent = (f: ExportFinding) => (f.status ?? 'current') === 'current';
  const keyOf = (f: ExportFinding) => `${f.ruleId}|${f.cells[0] ?? ''}`;
  const reviewedKeys = new Set(d.findings.filter((f) => isCurrent(f) && hasEntry(f)).map(keyOf));
  return d.findings.filter((f) => (isCurrent(f) ? reviewedKeys.has(keyOf(f)) : true)).map((f) => {
    const resolved = (f.status ?? 'current') === 'resolved';
    const state: ReviewState = f.review ?? 'open';
    const reason: ReviewReason | null = f.reviewReason ?? null;
    const entry: ReviewEntry = {
      source: d.report.url,
      ruleId: f.ruleId,
      cell: f.cells[0] ?? null,
      state,
      reason,
      note: f.reviewNote ?? null,
      reviewedAt: f.reviewedAt ?? null,
      status: resolved ? 'resolved' : 'current',
    };
    if (resolved) entry.finding = contractFinding(f);
    return entry;
  });
}

/** The export file as data, validated with ExportFileSchema (so also every result with AuditResultSchema). */
export function exportFile(details: readonly ExportDetail[], run: ExportRun): ExportFile {
  const exportedAt = typeof run.exportedAt === 'string' ? run.exportedAt : run.exportedAt.toISOString();
  const file = {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    exportedAt,
    tool: run.tool ?? { ...TOOL },
    reports: details.map(toAuditResult),
    reviews: details.flatMap(reviewEntries),
  };
  const parsed = ExportFileSchema.safeParse(file);
  if (!parsed.success) throw new Error(`the export does not validate: ${z.prettifyError(parsed.error).slice(0, 1_000)}`);
  return file as ExportFile;
}

/** The export file as JSON text (2-space indented, UTF-8 without BOM). */
export function toJson(details: readonly ExportDetail[], run: ExportRun): string {
  return JSON.stringify(exportFile(details, run), null, 2) + '\n';
}
