/**
 * The panel's offer on a report page whose report is an attachment (DOC-ATTACHMENT-ONLY):
 * each attachment link of the content with "审计附件 / audit the attachment", which opens the
 * extension's viewer (viewer.html?src=URL) in a new tab. Rendered inside the panel's shadow
 * root (UIOptions.extra); link text is only ever rendered as text.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { isAttachmentLink } from '../../lib/rules/suppress';
import { errorMessage } from '../../lib/error-message';

export interface AttachmentLink {
  /** Absolute http(s) URL. */
  href: string;
  /** The link's text, else the file name. */
  name: string;
}

/** The content's attachment links (as DOC-ATTACHMENT-ONLY counts them), absolute, http(s) only, each once. */
export function attachmentLinks(links: readonly { href: string; text: string }[], base: string): AttachmentLink[] {
  const out: AttachmentLink[] = [];
  const seen = new Set<string>();
  for (const l of links) {
    if (!isAttachmentLink(l)) continue;
    let u: URL;
    try {
      u = new URL(l.href.trim(), base);
    } catch {
      continue;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    u.hash = '';
    if (seen.has(u.href)) continue;
    seen.add(u.href);
    const file = decodeURIComponent(u.pathname.split('/').pop() ?? '') || u.href;
    out.push({ href: u.href, name: l.text.trim() || file });
  }
  return out;
}

export interface AttachmentOfferLabels {
  title: string;
  audit: string;
  /** Shown when opening failed: $1 the reason. */
  failed(reason: string): string;
}

export interface AttachmentOfferProps {
  links: readonly AttachmentLink[];
  labels: AttachmentOfferLabels;
  /** Open the viewer on this attachment (rejects with the reason). */
  onOpen(href: string): Promise<void>;
}

export function AttachmentOffer(p: AttachmentOfferProps) {
  const [error, setError] = useState<string | null>(null);
  if (p.links.length === 0) return null;
  return (
    <div class="attachments" data-testid="attachment-offer">
      <h3>{p.labels.title}</h3>
      <ul>
        {p.links.map((l) => (
          <li key={l.href}>
            <span class="attachment-name" title={l.href}>
              {l.name}
            </span>
            <button
              type="button"
              data-testid="audit-attachment"
              data-href={l.href}
              onClick={() => {
                setError(null);
                p.onOpen(l.href).catch((e: unknown) => setError(p.labels.failed(errorMessage(e))));
              }}
            >
              {p.labels.audit}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The offer as panel content (for callers without JSX). */
export function attachmentOffer(p: AttachmentOfferProps): ComponentChildren {
  return <AttachmentOffer {...p} />;
}
