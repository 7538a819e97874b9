/**
 * The in-page auditor's "审计附件" offer (extension code): on a page the engine found to be
 * attachment-only, the attachment links with a button that asks the background to open the
 * viewer on each (lib/ext/viewer-handlers.ts `open-viewer`).
 */
import { browser } from 'wxt/browser';
import type { ComponentChildren } from 'preact';
import { i18n } from '#i18n';
import type { AuditRun } from '../../lib/audit';
import { AckSchema } from '../../lib/messages';
import type { OpenViewerMessage } from '../../lib/ext/viewer-handlers';
import { attachmentLinks, attachmentOffer } from './AttachmentOffer';

export async function openViewer(src: string): Promise<void> {
  const message: OpenViewerMessage = { type: 'open-viewer', src };
  const ack = AckSchema.safeParse(await browser.runtime.sendMessage(message));
  if (!ack.success) throw new Error('no reply');
  if (!ack.data.ok) throw new Error(ack.data.error ?? '');
}

/** The offer for the panel, or undefined when the page is not attachment-only or links no attachment. */
export function attachmentExtra(run: AuditRun, pageUrl: string): ComponentChildren | undefined {
  if (!(run.result.findings ?? []).some((f) => f.ruleId === 'DOC-ATTACHMENT-ONLY')) return undefined;
  const links = attachmentLinks(run.context?.page.links ?? [], pageUrl);
  if (links.length === 0) return undefined;
  return attachmentOffer({
    links,
    labels: {
      title: i18n.t('viewer.offerTitle'),
      audit: i18n.t('viewer.offerAudit'),
      failed: (reason) => i18n.t('viewer.offerFailed', [reason]),
    },
    onOpen: openViewer,
  });
}
