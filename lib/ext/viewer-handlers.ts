/**
 * The background's side of the attachment viewer (entrypoints/viewer/):
 *  - `open-viewer` (from the in-page panel's "审计附件" offer, the PDF-link router or an
 *    extension page): open viewer.html?src=URL in a new tab (tabs.create needs no permission);
 *  - the viewer page's audit, reviews and "same body" answers: the same ContentMessages the
 *    in-page auditor sends (audit-complete, set-review, set-same-body), stored through the same
 *    deps, so an attachment's audit is kept exactly like a page's. A content script's URL must
 *    be its frame's; the viewer is the extension's own page and names the attachment it
 *    audited instead: audit-complete must carry that attachment's evidence (result.attachment.url).
 * Free of extension APIs (deps injected), tested in Node.
 */
import { z } from 'zod';
import { AuditCompleteReplySchema, ContentMessageSchema } from '../messages';
import { matchKeyOf } from '../store/db';
import { urlKey, type BackgroundDeps, type Reply, type Sender } from './background-handlers';

/** The viewer page, relative to the extension's origin. */
export const VIEWER_PAGE = 'viewer.html';

const HttpUrl = z.string().max(8_192).regex(/^https?:\/\//i, 'an http(s) URL');

export const OpenViewerSchema = z.object({ type: z.literal('open-viewer'), src: HttpUrl });
export type OpenViewerMessage = z.infer<typeof OpenViewerSchema>;

/** The viewer's URL for an attachment. */
export function viewerUrl(extensionOrigin: string, src: string): string {
  return `${extensionOrigin}${VIEWER_PAGE}?src=${encodeURIComponent(src)}`;
}

export function isViewerPage(sender: Sender, deps: Pick<BackgroundDeps, 'extensionOrigin'>): boolean {
  if (typeof sender.url !== 'string') return false;
  const page = deps.extensionOrigin + VIEWER_PAGE;
  return sender.url === page || sender.url.startsWith(page + '?') || sender.url.startsWith(page + '#');
}

/**
 * A viewer message's reply, or null when the message is not one (the caller handles it as
 * before). Throws only what the store throws (the caller turns it into {ok:false}).
 */
export async function handleViewerMessage(message: unknown, sender: Sender, deps: BackgroundDeps): Promise<Reply | null> {
  const open = OpenViewerSchema.safeParse(message);
  if (open.success) {
    if (!deps.openViewer) return { ok: false, error: 'the attachment viewer is not available' };
    const src = urlKey(open.data.src);
    if (!src) return { ok: false, error: 'invalid attachment URL' };
    await deps.openViewer(viewerUrl(deps.extensionOrigin, src), sender.tab?.id);
    return { ok: true };
  }
  if (!isViewerPage(sender, deps)) return null;
  const parsed = ContentMessageSchema.safeParse(message);
  if (!parsed.success) return null;
  const msg = parsed.data;
  const key = /^https?:/i.test(msg.url) ? urlKey(msg.url) : null;
  if (!key) return { ok: false, error: 'the viewer names an http(s) attachment URL' };
  switch (msg.type) {
    case 'report-found':
      return { ok: false, error: 'not a viewer message' };
    case 'audit-complete': {
      const attachment = msg.result.attachment?.url;
      if (!attachment || urlKey(attachment) !== key) return { ok: false, error: 'the result is not this attachment’s audit' };
      if (deps.saveAuditWithCrossYear) {
        const saved = await deps.saveAuditWithCrossYear(msg.result, key, msg.narrative ?? null);
        return AuditCompleteReplySchema.parse({ ok: true, reviews: saved.reviews ?? [], crossYear: saved.crossYear }) as Reply;
      }
      const saved = await deps.saveAudit(msg.result, key);
      return AuditCompleteReplySchema.parse({ ok: true, reviews: saved.reviews ?? [] }) as Reply;
    }
    case 'set-review':
      await deps.setReviewByKey(key, matchKeyOf(msg.ruleId, msg.cell), msg.review);
      return { ok: true };
    case 'set-same-body':
      if (!deps.setSameBody) return { ok: false, error: 'cross-year checks are not available' };
      await deps.setSameBody(key, msg.previousUrl, msg.same);
      return { ok: true };
  }
}
