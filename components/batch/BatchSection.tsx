/**
 * The popup's batch audit: on a list page, "audit all N" the page's report links (and, with a
 * next page, the following pages' links: ListPagesOffer.tsx); on a report
 * page, find and audit the body's earlier reports (its own links and its site's 年报 column);
 * and the batches' progress (done / failed with reason / remaining) with pause, resume and
 * cancel. The batches run in the background, so the progress survives closing the popup: it is
 * read again (polled) whenever the popup is open.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { BatchLink } from '../../lib/ext/batch-messages';
import type { BatchSummary } from '../../lib/store/batches';
import { ListPagesOffer } from './ListPagesOffer';
import { failureReason } from './reasons';
import { errorMessage } from '../../lib/error-message';

const POLL_MS = 1_000;

type LinksReply = { ok: true; url: string; title: string; reports: BatchLink[]; nextPage: string | null; denied: string[] } | { ok: false; error: string };

const tr = i18n.t as unknown as (key: string, subs?: (string | number)[]) => string;

export function reasonsText(reasons: BatchSummary['progress']['reasons']): string {
  return Object.entries(reasons)
    .map(([code, n]) => `${failureReason(code)} ${n}`)
    .join(i18n.t('popup.listSeparator'));
}

const st = {
  box: { border: '1px solid #ddd', borderRadius: '6px', padding: '8px 10px', background: '#fafafa', marginTop: '6px' },
  h2: { fontSize: '12px', margin: '14px 0 6px', color: '#555', fontWeight: 600 },
  button: { marginTop: '6px', marginRight: '6px', padding: '3px 9px', font: 'inherit', cursor: 'pointer' },
  muted: { color: '#666', margin: '4px 0 0' },
  warn: { color: '#8a5a00', margin: '4px 0 0' },
  error: { color: '#b3261e', margin: '4px 0 0' },
  label: { fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' as const },
  link: { color: '#0b57d0', textDecoration: 'none' },
} as const;

function send<T>(message: unknown): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}

function Offer(p: { tabId: number; reply: LinksReply | null; kind: 'list' | 'chain'; onStarted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [denied, setDenied] = useState<string[]>([]);
  useEffect(() => setDenied(p.reply?.ok ? p.reply.denied : []), [p.reply]);
  const r = p.reply;
  if (!r) return null;
  if (!r.ok) return <p style={st.error}>{i18n.t('batch.startFailed', [r.error])}</p>;
  const pages = r.reports.filter((l) => l.kind === 'page').length;
  const attachments = r.reports.length - pages;
  if (p.kind === 'list' && r.reports.length === 0) return null;
  if (p.kind === 'chain' && r.reports.length === 0) return <p style={st.muted} data-testid="batch-earlier-none">{i18n.t('batch.earlierNone')}</p>;

  async function grant() {
    setError(null);
    // a user gesture in an extension page may ask for host permissions
    const ok = await browser.permissions.request({ origins: denied }).catch(() => false);
    if (ok) setDenied([]);
    else setError(i18n.t('batch.grantRefused'));
  }

  async function start() {
    if (!r || !r.ok) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await send<{ ok: boolean; id?: string; error?: string }>({ type: 'batch-start', label: (r.title || r.url).slice(0, 500), source: r.url, links: r.reports });
      if (!reply?.ok) setError(i18n.t('batch.startFailed', [reply?.error ?? 'no reply']));
      else p.onStarted();
    } catch (e) {
      setError(i18n.t('batch.startFailed', [errorMessage(e)]));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid={p.kind === 'list' ? 'batch-offer' : 'batch-earlier'}>
      <p style={st.muted}>{p.kind === 'list' ? i18n.t('batch.found', [r.reports.length, attachments]) : i18n.t('batch.earlierFound', [r.reports.length])}</p>
      {denied.length > 0 && (
        <>
          <p style={st.warn} data-testid="batch-denied">
            {i18n.t('batch.denied', [denied.join('、')])}
          </p>
          <button type="button" style={st.button} onClick={() => void grant()}>
            {i18n.t('batch.grant')}
          </button>
        </>
      )}
      <button type="button" style={st.button} disabled={busy} data-testid={p.kind === 'list' ? 'batch-audit-all' : 'batch-audit-earlier'} onClick={() => void start()}>
        {p.kind === 'list' ? i18n.t('batch.auditAll', [r.reports.length]) : i18n.t('batch.auditEarlier', [r.reports.length])}
      </button>
      {p.kind === 'list' && r.nextPage && <ListPagesOffer tabId={p.tabId} url={r.url} onStarted={p.onStarted} />}
      {error && <p style={st.error}>{error}</p>}
    </div>
  );
}

export function BatchProgressView({ b, onControl }: { b: BatchSummary; onControl: (action: 'pause' | 'resume' | 'cancel') => void }) {
  const p = b.progress;
  const remaining = p.queued + p.running;
  const statusKey = `batch.${b.status}`;
  const workbook = `${browser.runtime.getURL('/workbook.html')}?batch=${encodeURIComponent(b.id)}`;
  return (
    <div style={st.box} data-testid="batch-progress" data-batch={b.id} data-status={b.status} data-done={p.done} data-failed={p.failed} data-remaining={remaining}>
      <div style={st.label} title={b.label}>
        {b.label}
      </div>
      <p style={st.muted}>
        {tr(statusKey)} · {i18n.t('batch.progress', [p.done, p.failed, remaining, p.total])}
      </p>
      {p.failed > 0 && <p style={st.warn}>{i18n.t('batch.reasons', [reasonsText(p.reasons)])}</p>}
      {p.done > 0 && <p style={st.muted}>{i18n.t('batch.findings', [p.findings.error, p.findings.warning, p.findings.info])}</p>}
      {b.status === 'running' && (
        <button type="button" style={st.button} data-testid="batch-pause" onClick={() => onControl('pause')}>
          {i18n.t('batch.pause')}
        </button>
      )}
      {b.status === 'paused' && (
        <button type="button" style={st.button} data-testid="batch-resume" onClick={() => onControl('resume')}>
          {i18n.t('batch.resume')}
        </button>
      )}
      {(b.status === 'running' || b.status === 'paused') && (
        <button type="button" style={st.button} data-testid="batch-cancel" onClick={() => onControl('cancel')}>
          {i18n.t('batch.cancel')}
        </button>
      )}
      {p.done > 0 && (
        <a
          href={workbook}
          style={st.link}
          data-testid="batch-open-workbook"
          onClick={(e) => {
            e.preventDefault();
            void browser.tabs.create({ url: workbook });
          }}
        >
          {i18n.t('batch.openInWorkbook')}
        </a>
      )}
    </div>
  );
}

/** The popup's batch section for the tab `tabId` (null: no tab); `isReport`: the tab shows an audited report. */
export function BatchSection({ tabId, isReport }: { tabId: number | null; isReport: boolean }) {
  const [links, setLinks] = useState<LinksReply | null>(null);
  const [earlier, setEarlier] = useState<LinksReply | null>(null);
  const [finding, setFinding] = useState(false);
  const [batches, setBatches] = useState<BatchSummary[]>([]);
  const alive = useRef(true);

  async function refresh() {
    try {
      const reply = await send<{ ok: boolean; batches?: BatchSummary[] }>({ type: 'batch-list', limit: 5 });
      if (alive.current && reply?.ok && reply.batches) setBatches(reply.batches);
    } catch {
      /* background restarting: next poll */
    }
  }

  useEffect(() => {
    alive.current = true;
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => {
      alive.current = false;
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (tabId === null) return;
    void send<LinksReply>({ type: 'batch-page-links', tabId })
      .then((r) => alive.current && setLinks(r ?? null))
      .catch(() => undefined);
  }, [tabId]);

  async function findEarlier() {
    if (tabId === null) return;
    setFinding(true);
    try {
      setEarlier(await send<LinksReply>({ type: 'batch-chain-links', tabId }));
    } catch (e) {
      setEarlier({ ok: false, error: errorMessage(e) });
    } finally {
      setFinding(false);
    }
  }

  async function control(id: string, action: 'pause' | 'resume' | 'cancel') {
    await send({ type: 'batch-control', id, action }).catch(() => undefined);
    await refresh();
  }

  const hasLinks = links?.ok === true && links.reports.length > 0;
  const shown = batches.filter((b, i) => b.status === 'running' || b.status === 'paused' || i === 0);
  if (!hasLinks && !isReport && shown.length === 0) return null;
  return (
    <section data-testid="batch-section">
      <h2 style={st.h2}>{i18n.t('batch.title')}</h2>
      {tabId !== null && <Offer tabId={tabId} reply={links} kind="list" onStarted={() => void refresh()} />}
      {tabId !== null && isReport && (
        <>
          {earlier === null && (
            <button type="button" style={st.button} disabled={finding} data-testid="batch-find-earlier" onClick={() => void findEarlier()}>
              {finding ? i18n.t('batch.finding') : i18n.t('batch.findEarlier')}
            </button>
          )}
          <Offer tabId={tabId} reply={earlier} kind="chain" onStarted={() => void refresh()} />
        </>
      )}
      {shown.map((b) => (
        <BatchProgressView key={b.id} b={b} onControl={(a) => void control(b.id, a)} />
      ))}
    </section>
  );
}
