/**
 * The popup's "包括后续页（最多 N 页）" (issue 6): on a list page with a next page, read the
 * following pages in the background (lib/ext/list-pages-jobs.ts: next-page links, per-site delay,
 * cap, loop, failure), show the progress while they are read and then how many links were found
 * over how many pages, and audit them all as one batch. The reading runs on when the popup closes;
 * the reopened popup finds it by the list's URL.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { DEFAULT_LIST_PAGES, MAX_BATCH_LINKS, MAX_LIST_PAGES, clampPages } from '../../lib/list-pages';
import type { ListPagesView } from '../../lib/ext/list-pages-jobs';
import { errorMessage } from '../../lib/error-message';
import { failureReason } from './reasons';

const POLL_MS = 300;

const st = {
  box: { marginTop: '8px', paddingTop: '6px', borderTop: '1px dashed #ddd' },
  row: { display: 'flex', alignItems: 'center', gap: '6px', flexWrap: 'wrap' as const },
  button: { marginTop: '6px', marginRight: '6px', padding: '3px 9px', font: 'inherit', cursor: 'pointer' },
  input: { width: '4em', font: 'inherit', marginLeft: '4px' },
  label: { color: '#666', marginTop: '6px' },
  muted: { color: '#666', margin: '4px 0 0' },
  warn: { color: '#8a5a00', margin: '4px 0 0' },
  error: { color: '#b3261e', margin: '4px 0 0' },
} as const;

type JobReply = { ok: true; job: ListPagesView | null } | { ok: false; error: string };

function send<T>(message: unknown): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}

/** Why the reading stopped, when it is worth saying (null: the list simply ended). */
export function stopNote(job: ListPagesView): { text: string; warn: boolean } | null {
  switch (job.stop) {
    case 'cap':
      return { text: i18n.t('batch.pagesCap', [job.pagesRead]), warn: false };
    case 'links':
      return { text: i18n.t('batch.pagesLinksCap', [MAX_BATCH_LINKS]), warn: true };
    case 'loop':
      return { text: i18n.t('batch.pagesLoop'), warn: false };
    case 'aborted':
      return { text: i18n.t('batch.pagesAborted'), warn: false };
    case 'failed': {
      const f = job.failure;
      const reason = failureReason(f?.code);
      return { text: i18n.t('batch.pagesFailed', [f?.page ?? job.pagesRead + 1, reason, f?.message ?? '']), warn: true };
    }
    default:
      return null;
  }
}

export function ListPagesOffer(p: { tabId: number; url: string; onStarted: () => void }) {
  const [maxPages, setMaxPages] = useState(DEFAULT_LIST_PAGES);
  const [job, setJob] = useState<ListPagesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);

  async function poll(): Promise<ListPagesView | null> {
    try {
      const reply = await send<JobReply>({ type: 'batch-pages-get', url: p.url });
      if (!alive.current) return null;
      if (reply?.ok) {
        setJob(reply.job);
        return reply.job;
      }
    } catch {
      /* background restarting: next poll */
    }
    return null;
  }

  // a reading started before the popup was closed
  useEffect(() => {
    alive.current = true;
    void poll().then((j) => j && setMaxPages(j.maxPages));
    return () => {
      alive.current = false;
    };
  }, [p.url]);

  useEffect(() => {
    if (job?.status !== 'reading') return;
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => clearInterval(timer);
  }, [job?.status, p.url]);

  async function read() {
    setError(null);
    setBusy(true);
    try {
      const reply = await send<JobReply>({ type: 'batch-pages-start', tabId: p.tabId, maxPages: clampPages(maxPages) });
      if (!reply?.ok) setError(i18n.t('batch.startFailed', [reply?.error ?? 'no reply']));
      else setJob(reply.job);
    } catch (e) {
      setError(i18n.t('batch.startFailed', [errorMessage(e)]));
    } finally {
      setBusy(false);
    }
  }

  async function stop() {
    await send({ type: 'batch-pages-cancel', url: p.url }).catch(() => undefined);
    await poll();
  }

  async function grant(origins: string[]) {
    setError(null);
    const ok = await browser.permissions.request({ origins }).catch(() => false);
    if (ok && job) setJob({ ...job, denied: [] });
    else if (!ok) setError(i18n.t('batch.grantRefused'));
  }

  async function start() {
    if (!job?.reports?.length) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await send<{ ok: boolean; error?: string }>({ type: 'batch-start', label: (job.title || job.url).slice(0, 500), source: job.url, links: job.reports });
      if (!reply?.ok) setError(i18n.t('batch.startFailed', [reply?.error ?? 'no reply']));
      else {
        // the batch has the links now: the popup offers the reading again
        await send({ type: 'batch-pages-cancel', url: p.url }).catch(() => undefined);
        setJob(null);
        p.onStarted();
      }
    } catch (e) {
      setError(i18n.t('batch.startFailed', [errorMessage(e)]));
    } finally {
      setBusy(false);
    }
  }

  const n = clampPages(maxPages);
  return (
    <div style={st.box} data-testid="batch-pages" data-status={job?.status ?? 'idle'} data-pages={job?.pagesRead ?? 0} data-links={job?.links ?? 0} data-stop={job?.stop ?? ''}>
      {(job === null || job.status === 'done') && (
        <div style={st.row}>
          <button type="button" style={st.button} disabled={busy} data-testid="batch-pages-read" onClick={() => void read()}>
            {job === null ? i18n.t('batch.pagesInclude', [n]) : i18n.t('batch.pagesAgain')}
          </button>
          <label style={st.label}>
            {i18n.t('batch.pagesMax')}
            <input
              type="number"
              min={2}
              max={MAX_LIST_PAGES}
              step={1}
              value={maxPages}
              style={st.input}
              title={i18n.t('batch.pagesMax')}
              data-testid="batch-pages-max"
              onInput={(e) => {
                const v = Number((e.currentTarget as HTMLInputElement).value);
                if (Number.isFinite(v) && v > 0) setMaxPages(clampPages(v));
              }}
            />
          </label>
        </div>
      )}
      {job?.status === 'reading' && (
        <>
          <p style={st.muted} data-testid="batch-pages-progress">
            {i18n.t('batch.pagesReading', [job.pagesRead + 1, job.maxPages, job.links])}
          </p>
          <button type="button" style={st.button} data-testid="batch-pages-stop" onClick={() => void stop()}>
            {i18n.t('batch.pagesStop')}
          </button>
        </>
      )}
      {job?.status === 'done' && (
        <>
          <p style={st.muted} data-testid="batch-pages-found">
            {i18n.t('batch.pagesFound', [job.pagesRead, job.links, job.attachments])}
          </p>
          {(() => {
            const note = stopNote(job);
            return note && (
              <p style={note.warn ? st.warn : st.muted} data-testid="batch-pages-note">
                {note.text}
              </p>
            );
          })()}
          {(job.denied?.length ?? 0) > 0 && (
            <>
              <p style={st.warn}>{i18n.t('batch.denied', [job.denied!.join('、')])}</p>
              <button type="button" style={st.button} onClick={() => void grant(job.denied!)}>
                {i18n.t('batch.grant')}
              </button>
            </>
          )}
          {(job.reports?.length ?? 0) > 0 && (
            <button type="button" style={st.button} disabled={busy} data-testid="batch-audit-pages" onClick={() => void start()}>
              {i18n.t('batch.pagesAuditAll', [job.reports!.length, job.pagesRead])}
            </button>
          )}
        </>
      )}
      {error && <p style={st.error}>{error}</p>}
    </div>
  );
}
