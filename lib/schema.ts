/**
 * zod schemas of the audit result (contract §3, schemaVersion 1). The extension's
 * messages and import files reuse them: everything crossing a trust boundary is parsed.
 */
import { z } from 'zod';

export const CellIdSchema = z.string().regex(/^T[234]:[A-Za-z0-9.]+:[A-Za-z0-9.]+$/, 'cell id TABLE:ROW:COLUMN');
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export const FormatSchema = z.enum(['2019', '2021']);

export const FindingSchema = z.object({
  ruleId: z.string().regex(/^[A-Z0-9]+(-[A-Z0-9]+)+$/),
  severity: SeveritySchema,
  cells: z.array(CellIdSchema),
  expected: z.number().optional(),
  actual: z.number().optional(),
  message: z.string(),
  /** Cross-year findings (rules.md §J): the ids (`source`) of the report of year Y and of Y−1 it compares. Optional, added to contract §3. */
  reports: z.object({ current: z.string(), previous: z.string() }).optional(),
  /**
   * Narrative findings (rules.md §H): the sentence the finding is about — its text (`quote`) and, when
   * known, its text block and offsets in that block's display text. Optional, added to contract §3.
   */
  text: z
    .object({
      quote: z.string().max(2000),
      block: z.number().int().min(0).optional(),
      start: z.number().int().min(0).optional(),
      end: z.number().int().min(0).optional(),
    })
    .optional(),
});

export const CellEntrySchema = z.object({ raw: z.string(), value: z.number().nullable() });

export const ReportInfoSchema = z.object({
  title: z.string().nullable(),
  year: z.number().int().nullable(),
  entity: z.string().nullable(),
  format: FormatSchema.nullable(),
});

export const CellBoxSchema = z.object({
  page: z.number().int().min(1),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
});

/** Optional evidence of an audited PDF/DOCX attachment (contract §3 addendum). */
export const AttachmentEvidenceSchema = z.object({
  kind: z.enum(['pdf', 'docx']),
  url: z.string().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
  pages: z.number().int().min(0).optional(),
  cellBoxes: z.record(CellIdSchema, CellBoxSchema).optional(),
});

export const AuditResultSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal('report-auditor'), version: z.string() }),
    source: z.string(),
    auditedAt: z.iso.datetime(),
    detected: z.boolean(),
    report: ReportInfoSchema.optional(),
    cells: z.record(CellIdSchema, CellEntrySchema).optional(),
    findings: z.array(FindingSchema).optional(),
    attachment: AttachmentEvidenceSchema.optional(),
  })
  .refine((r) => !r.detected || (r.report !== undefined && r.cells !== undefined && r.findings !== undefined), {
    message: 'a detected report carries report, cells and findings',
  })
  .refine((r) => r.detected || (r.report === undefined && r.cells === undefined && r.findings === undefined), {
    message: 'a page that is not a report carries no report, cells or findings',
  });

export const AuditResultListSchema = z.array(AuditResultSchema);

export type AuditResultJson = z.infer<typeof AuditResultSchema>;
