/**
 * The viewer's header: the attachment's URL (a link to the original file), the progress while
 * it is downloaded, read ("page N of M") and audited, then what was shown — or why nothing
 * could be (the engine's message, in the UI's words with the engine's detail), with "allow this
 * site" when the host permission is missing. Text only, never HTML.
 */
import type { AttachmentKind } from '../../lib/attachment-kind';
import type { Progress, ViewerProblem } from './attachment';

/** The viewer's words (@wxt-dev/i18n keys under `viewer.`). */
export type ViewerT = (key: `viewer.${string}`, substitutions?: readonly (string | number)[]) => string;

export type ViewerStatus =
  | { state: 'fetching'; progress: null }
  | { state: 'working'; progress: Progress }
  | { state: 'done'; kind: 'pdf' | 'docx'; pages: number | null; detected: boolean }
  | { state: 'failed'; problem: ViewerProblem; kind: AttachmentKind | null; message: string; origin: string | null };

export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function progressText(t: ViewerT, p: Progress | null): string {
  if (!p) return t('viewer.fetching');
  switch (p.stage) {
    case 'fetch':
      return p.total ? t('viewer.fetchProgress', [size(p.loaded), size(p.total)]) : t('viewer.fetchLoaded', [size(p.loaded)]);
    case 'parse':
      return t('viewer.parsing', [p.page, p.pages]);
    case 'audit':
      return t('viewer.auditing');
  }
}

export function problemText(t: ViewerT, s: Extract<ViewerStatus, { state: 'failed' }>): string {
  switch (s.problem) {
    case 'bad-url':
      return t('viewer.problemBadUrl');
    case 'permission':
      return t('viewer.problemPermission', [s.origin ?? '']);
    case 'fetch':
      return t('viewer.problemFetch');
    case 'too-large':
      return t('viewer.problemTooLarge');
    case 'not-attachment':
      return t('viewer.problemNotAttachment');
    case 'unsupported':
      if (s.kind === 'doc') return t('viewer.problemDoc');
      if (s.kind === 'wps') return t('viewer.problemWps');
      if (s.kind === 'ofd') return t('viewer.problemOfd');
      return t('viewer.problemSheet');
    case 'no-text':
      return t('viewer.problemNoText');
    case 'encrypted':
      return t('viewer.problemEncrypted');
    case 'invalid':
      return t('viewer.problemInvalid');
  }
}

export interface ViewerHeaderProps {
  t: ViewerT;
  src: string | null;
  status: ViewerStatus;
  onAllow?: () => void;
}

export function ViewerHeader({ t, src, status, onAllow }: ViewerHeaderProps) {
  return (
    <header class="viewer-header">
      <h1>{t('viewer.title')}</h1>
      {src && (
        <p class="source">
          {t('viewer.source')}{' '}
          <a href={src} target="_blank" rel="noopener noreferrer" data-testid="viewer-source">
            {src}
          </a>
        </p>
      )}
      {(status.state === 'fetching' || status.state === 'working') && (
        <p class="status" role="status" aria-live="polite" data-testid="viewer-status" data-state="working">
          {progressText(t, status.progress)}
        </p>
      )}
      {status.state === 'done' && (
        <p class="status" role="status" data-testid="viewer-status" data-state={status.detected ? 'done' : 'not-report'}>
          {status.kind === 'pdf' ? t('viewer.donePdf', [status.pages ?? 0]) : t('viewer.doneDocx')}
          {!status.detected && ` ${t('viewer.notReport')}`}
        </p>
      )}
      {status.state === 'failed' && (
        <div class="problem" role="alert" data-testid="viewer-problem" data-problem={status.problem}>
          <p>{problemText(t, status)}</p>
          <p class="detail">{t('viewer.detail', [status.message])}</p>
          {status.problem === 'permission' && onAllow && (
            <button type="button" data-testid="viewer-allow" onClick={onAllow}>
              {t('viewer.allow')}
            </button>
          )}
        </div>
      )}
    </header>
  );
}
