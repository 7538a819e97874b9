/**
 * Typed messages across the extension's boundaries, each a zod schema. The page is
 * untrusted input: every message a content script sends is parsed with these schemas
 * before the background acts on it, and the background's answers are parsed by the
 * popup and pages too. Free of extension APIs (tests run it in Node).
 */
import { z } from 'zod';
import { AuditResultSchema, CellIdSchema } from './schema';
import { CrossYearViewSchema } from './crossyear-view';

const MAX_TEXT = 2_000;
const Url = z.string().max(8_192).regex(/^(https?|file):/i, 'an http(s) or file URL');

/** What the in-page auditor reports about its page (popup status). */
export const PageStatusSchema = z.discriminatedUnion('state', [
  /** The cheap detector ran and found no report. */
  z.object({ state: z.literal('not-report') }),
  /** A report was detected; the full auditor is being injected or is running. */
  z.object({ state: z.literal('auditing') }),
  z.object({
    state: z.literal('report'),
    title: z.string().max(MAX_TEXT).nullable(),
    year: z.number().int().nullable(),
    format: z.enum(['2019', '2021']).nullable(),
    counts: z.object({ error: z.number().int().min(0), warning: z.number().int().min(0), info: z.number().int().min(0) }),
    /** No template table on the page (attachment-only or image tables). */
    noTables: z.boolean(),
    highlights: z.boolean(),
  }),
  /** The full auditor ran and the page is not a report after all. */
  z.object({ state: z.literal('audited-not-report') }),
  z.object({ state: z.literal('failed'), message: z.string().max(MAX_TEXT) }),
]);
export type PageStatus = z.infer<typeof PageStatusSchema>;

/** An auditor's review of one finding (stored with the finding, lib/store/db.ts). */
export const ReviewStateSchema = z.enum(['open', 'confirmed', 'dismissed']);
export type ReviewState = z.infer<typeof ReviewStateSchema>;
/** Why a finding was dismissed (stored as these zh-CN values). */
export const ReviewReasonSchema = z.enum(['误报', '模板允许', '已更正', '其他']);
export type ReviewReason = z.infer<typeof ReviewReasonSchema>;
export const REVIEW_NOTE_MAX = 2_000;
/**
 * A review as a caller asks to store it. A dismissal needs a reason; the reason of any other
 * state is dropped. `note`: omitted keeps the stored note, '' or null clears it.
 */
export const ReviewInputSchema = z
  .object({
    state: ReviewStateSchema,
    reason: ReviewReasonSchema.nullable().optional(),
    note: z.string().max(REVIEW_NOTE_MAX).nullable().optional(),
  })
  .refine((r) => r.state !== 'dismissed' || (r.reason !== undefined && r.reason !== null), {
    message: 'a dismissal needs a reason',
    path: ['reason'],
  });
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** Content script → background. */
export const ContentMessageSchema = z.discriminatedUnion('type', [
  /** The cheap detector found a report: inject the full auditor into this frame. */
  z.object({ type: z.literal('report-found'), url: Url }),
  /** The full auditor finished: store the result (evidence = result.cells). */
  z.object({
    type: z.literal('audit-complete'),
    url: Url,
    result: AuditResultSchema,
    /** The narrative text (outside the tables), kept for the cross-year duplicate check (lib/store/crossyear.ts). */
    narrative: z.string().max(100_000).nullable().optional(),
  }),
  /** The auditor says an earlier report is (not) this body's: cross-year pairing (lib/store/crossyear.ts). Replies Ack. */
  z.object({ type: z.literal('set-same-body'), url: Url, previousUrl: Url, same: z.boolean() }),
  /**
   * The in-page panel reviewed a finding of this page, named by its rule and first cell (null:
   * a finding about the page as a whole). Replies Ack.
   */
  z.object({
    type: z.literal('set-review'),
    url: Url,
    ruleId: z.string().max(100).regex(/^[A-Z0-9]+(-[A-Z0-9]+)+$/),
    cell: CellIdSchema.max(200).nullable(),
    review: ReviewInputSchema,
  }),
]);
export type ContentMessage = z.infer<typeof ContentMessageSchema>;

/** Extension pages (popup, options, workbook) → background. */
export const PageMessageSchema = z.discriminatedUnion('type', [
  /** Audit the given tab on demand (activeTab + scripting). */
  z.object({ type: z.literal('audit-tab'), tabId: z.number().int().min(0) }),
  /** Recently audited reports, newest first. */
  z.object({ type: z.literal('recent-reports'), limit: z.number().int().min(1).max(500) }),
  /**
   * The options page changed the extra sites (optional host permissions): bring the
   * detector's dynamic content-script registration in line with them. Replies Ack.
   */
  z.object({ type: z.literal('sync-sites') }),
]);
export type PageMessage = z.infer<typeof PageMessageSchema>;

/** Background / popup → the in-page auditor (or the detector, for status). */
export const TabMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('get-status') }),
  z.object({ type: z.literal('navigate-finding'), direction: z.enum(['next', 'previous']) }),
  z.object({ type: z.literal('toggle-highlights'), on: z.boolean().optional() }),
]);
export type TabMessage = z.infer<typeof TabMessageSchema>;

/** A stored report as listed in the popup and workbook (no cells, no findings). */
export const ReportSummarySchema = z.object({
  url: Url,
  title: z.string().nullable(),
  entity: z.string().nullable(),
  year: z.number().int().nullable(),
  format: z.enum(['2019', '2021']).nullable(),
  auditedAt: z.iso.datetime(),
  counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  /** Audited from a PDF/DOCX attachment (the viewer): its kind and URL, to open it in the viewer again. */
  attachment: z.object({ kind: z.enum(['pdf', 'docx']), url: Url }).optional(),
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const RecentReportsReplySchema = z.object({ reports: z.array(ReportSummarySchema) });
export const AckSchema = z.object({ ok: z.boolean(), error: z.string().optional() });

/** A stored review of one of the page's findings, as the panel shows it. */
export const PanelReviewSchema = z.object({
  ruleId: z.string(),
  /** The finding's first cell; null for a finding about the page as a whole. */
  cell: z.string().nullable(),
  state: ReviewStateSchema,
  reason: ReviewReasonSchema.nullable(),
  note: z.string().nullable(),
});
export type PanelReview = z.infer<typeof PanelReviewSchema>;

/**
 * The background's reply to audit-complete: the stored reviews of the page's current findings
 * (only findings that were reviewed or carry a note are listed: the others are open; none for
 * a page that is not a report), or an error.
 */
export const AuditCompleteReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    reviews: z.array(PanelReviewSchema),
    /** Cross-year checks against the same body's stored earlier reports (absent: not run). */
    crossYear: CrossYearViewSchema.nullable().optional(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type AuditCompleteReply = z.infer<typeof AuditCompleteReplySchema>;
