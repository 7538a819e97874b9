/**
 * Messages of the batch audit (zod-validated like lib/messages.ts): extension pages (popup,
 * panel's requests through the popup, workbook) → background, and background ↔ the offscreen
 * document that fetches, parses and audits pages in Chrome (its service worker has no DOMParser).
 * Only extension pages may send them (background checks the sender).
 */
import { z } from 'zod';
import { FAILURE_CODES } from '../batch-fetch';
import { AuditResultSchema } from '../schema';
import { MAX_BATCH_LINKS, MAX_LIST_PAGES } from '../list-pages';

const Url = z.string().max(8_192);

export const BatchLinkSchema = z.object({
  url: Url,
  title: z.string().max(500).nullable(),
  year: z.number().int().nullable().optional(),
  kind: z.enum(['page', 'attachment']),
});
export type BatchLink = z.infer<typeof BatchLinkSchema>;

export const BatchMessageSchema = z.discriminatedUnion('type', [
  /** The report links (and next page) of a tab's page, read from its live DOM. */
  z.object({ type: z.literal('batch-page-links'), tabId: z.number().int().min(0) }),
  /** Links of a report page's body: its own links to earlier reports and its site's 年报 column (issue 5). */
  z.object({ type: z.literal('batch-chain-links'), tabId: z.number().int().min(0) }),
  z.object({
    type: z.literal('batch-start'),
    label: z.string().max(500),
    source: Url.nullable(),
    links: z.array(BatchLinkSchema).min(1).max(MAX_BATCH_LINKS),
    /** Defaults: 3 pages at once, 1 s between two requests to one site. */
    concurrency: z.number().int().min(1).max(8).optional(),
    delayMs: z.number().int().min(0).max(60_000).optional(),
  }),
  /** Read the list in a tab and the pages after it (next-page links), `maxPages` in all (issue 6, lib/ext/list-pages-jobs.ts). */
  z.object({ type: z.literal('batch-pages-start'), tabId: z.number().int().min(0), maxPages: z.number().int().min(1).max(MAX_LIST_PAGES) }),
  /** The reading of a list's pages as it stands (`url`: the list's first page). */
  z.object({ type: z.literal('batch-pages-get'), url: Url }),
  /** Stop reading a list's pages (the links found so far are kept), or forget a finished reading. */
  z.object({ type: z.literal('batch-pages-cancel'), url: Url }),
  z.object({ type: z.literal('batch-list'), limit: z.number().int().min(1).max(100).optional() }),
  z.object({ type: z.literal('batch-get'), id: z.string().max(64) }),
  z.object({ type: z.literal('batch-control'), id: z.string().max(64), action: z.enum(['pause', 'resume', 'cancel']) }),
]);
export type BatchMessage = z.infer<typeof BatchMessageSchema>;

export function isBatchMessage(m: unknown): boolean {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' && (m as { type: string }).type.startsWith('batch-');
}

// ------------------------------------------------------------------ offscreen document

export const OFFSCREEN_TARGET = 'report-auditor-offscreen';

export const OffscreenRequestSchema = z.discriminatedUnion('type', [
  z.object({ target: z.literal(OFFSCREEN_TARGET), type: z.literal('audit-url'), id: z.string().max(64), url: Url, timeoutMs: z.number().int().min(1) }),
  z.object({ target: z.literal(OFFSCREEN_TARGET), type: z.literal('abort'), id: z.string().max(64) }),
  /** Read a list page (fetch + parse) for its report links and next page. */
  z.object({ target: z.literal(OFFSCREEN_TARGET), type: z.literal('list-links'), url: Url, timeoutMs: z.number().int().min(1) }),
]);
export type OffscreenRequest = z.infer<typeof OffscreenRequestSchema>;

const FailureSchema = z.object({ ok: z.literal(false), code: z.enum(FAILURE_CODES as [string, ...string[]]), message: z.string(), status: z.number().int().optional(), aborted: z.boolean().optional() });

export const AuditReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: AuditResultSchema, reason: z.string().optional(), narrative: z.string().max(100_000).nullable().optional() }),
  FailureSchema,
]);
export type AuditReply = z.infer<typeof AuditReplySchema>;

export const ListReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), url: Url, title: z.string(), reports: z.array(BatchLinkSchema), nextPage: Url.nullable() }),
  FailureSchema,
]);
export type ListReply = z.infer<typeof ListReplySchema>;
