/**
 * In the workbook's report detail: the report was audited from an attachment — its kind, URL,
 * size and SHA-256 — with a link that opens it again in the attachment viewer (an extension
 * page beside the workbook: a relative link).
 */
import type { Translate } from '../workbook/i18n';
import { size } from './ViewerHeader';

export interface AttachmentSourceProps {
  t: Translate;
  /** The report's URL (the attachment's, for a report audited in the viewer). */
  url: string;
  attachment: { kind: 'pdf' | 'docx'; url?: string; sha256: string; bytes: number; pages?: number };
}

/** The viewer's address for an attachment, relative to an extension page. */
export const viewerHref = (src: string) => `viewer.html?src=${encodeURIComponent(src)}`;

export function AttachmentSource({ t, url, attachment: a }: AttachmentSourceProps) {
  const src = a.url ?? url;
  return (
    <p class="attachment muted" data-testid="detail-attachment" data-kind={a.kind}>
      <span>
        {t('viewer.fromAttachment')} ({a.kind.toUpperCase()}
        {a.pages !== undefined ? `, ${a.pages} p.` : ''}, {size(a.bytes)}):{' '}
      </span>
      <a href={src} target="_blank" rel="noopener noreferrer">
        {src}
      </a>{' '}
      <a href={viewerHref(src)} target="_blank" data-testid="reopen-attachment">
        {t('viewer.reopen')}
      </a>
      <span class="sha"> SHA-256 {a.sha256}</span>
    </p>
  );
}
