/**
 * Toolbar popup: the current tab's audit status (asked of the tab's content scripts), a
 * button to audit a page the auditor does not run on by itself, and the recently audited
 * reports (from the background's store). Deliberately small: no engine imports, only
 * messages and schemas.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { AckSchema, RecentReportsReplySchema, type PageMessage, type PageStatus, type ReportSummary } from '../lib/messages';
import { queryTabStatus, type TabStatusDeps } from '../lib/ext/tab-status';
import { BatchSection } from './batch/BatchSection';
import { errorMessage } from '../lib/error-message';

const RECENT_LIMIT = 8;
const POLL_MS = 400;
const POLL_LIMIT_MS = 20_000;

const tabDeps: TabStatusDeps = {
  listFrames: async (tabId) => {
    const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => true });
    return results.map((r) => r.frameId);
  },
  askFrame: (tabId, frameId) => browser.tabs.sendMessage(tabId, { type: 'get-status' }, { frameId }),
};

function send(message: PageMessage): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

export function countsText(counts: { error: number; warning: number; info: number }): string {
  const parts = [i18n.t('popup.errors', counts.error), i18n.t('popup.warnings', counts.warning)];
  if (counts.info > 0) parts.push(i18n.t('popup.infos', counts.info));
  return parts.join(i18n.t('popup.listSeparator'));
}

type View =
  | { kind: 'checking' }
  | { kind: 'not-audited' }
  | { kind: 'status'; status: PageStatus };

const s = {
  main: { font: '13px/1.45 system-ui, sans-serif', padding: '12px', width: '320px', color: '#1a1a1a' },
  h1: { fontSize: '14px', margin: '0 0 8px' },
  h2: { fontSize: '12px', margin: '14px 0 6px', color: '#555', fontWeight: 600 },
  box: { border: '1px solid #ddd', borderRadius: '6px', padding: '8px 10px', background: '#fafafa' },
  muted: { color: '#666', margin: '4px 0 0' },
  error: { color: '#b3261e', fontWeight: 600 },
  warning: { color: '#8a5a00' },
  button: { marginTop: '8px', padding: '4px 10px', font: 'inherit', cursor: 'pointer' },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: { padding: '4px 0', borderBottom: '1px solid #eee' },
  link: { color: '#0b57d0', textDecoration: 'none', display: 'block' },
  footer: { marginTop: '10px', textAlign: 'right' as const },
} as const;

function StatusView({ view, canAudit, auditing, onAudit, auditError }: {
  view: View;
  canAudit: boolean;
  auditing: boolean;
  onAudit: () => void;
  auditError: string | null;
}) {
  let state: string = view.kind;
  let body;
  let offerAudit = false;
  if (view.kind === 'checking') {
    body = <p style={{ margin: 0 }}>{i18n.t('popup.checking')}</p>;
  } else if (view.kind === 'not-audited') {
    offerAudit = true;
    body = (
      <>
        <strong>{i18n.t('popup.notAudited')}</strong>
        <p style={s.muted}>{i18n.t('popup.notAuditedHint')}</p>
      </>
    );
  } else {
    const st = view.status;
    state = st.state;
    switch (st.state) {
      case 'not-report':
        offerAudit = true;
        body = (
          <>
            <p style={{ margin: 0 }}>{i18n.t('popup.notReport')}</p>
            <p style={s.muted}>{i18n.t('popup.notReportAuditAnyway')}</p>
          </>
        );
        break;
      case 'audited-not-report':
        body = <p style={{ margin: 0 }}>{i18n.t('popup.notReport')}</p>;
        break;
      case 'auditing':
        body = <p style={{ margin: 0 }}>{i18n.t('popup.auditing')}</p>;
        break;
      case 'failed':
        body = <p style={{ margin: 0, ...s.error }}>{i18n.t('popup.failed', [st.message])}</p>;
        break;
      case 'report':
        body = (
          <>
            <strong>{st.title ?? i18n.t('popup.untitled')}</strong>
            <p style={{ margin: '4px 0 0' }} data-testid="popup-counts">
              <span style={st.counts.error > 0 ? s.error : undefined}>{countsText(st.counts)}</span>
            </p>
            {st.noTables && <p style={{ ...s.muted, ...s.warning }}>{i18n.t('popup.noTables')}</p>}
          </>
        );
        break;
    }
  }
  return (
    <section style={s.box} data-testid="popup-status" data-state={state}>
      {body}
      {auditing && <p style={s.muted}>{i18n.t('popup.auditing')}</p>}
      {auditError && <p style={{ ...s.muted, ...s.error }}>{auditError}</p>}
      {offerAudit && canAudit && (
        <button type="button" style={s.button} data-testid="audit-this-page" disabled={auditing} onClick={onAudit}>
          {i18n.t('popup.auditThisPage')}
        </button>
      )}
    </section>
  );
}

/** Where a recent report opens: its page, or an attachment's report in the attachment viewer. */
export function reportHref(r: Pick<ReportSummary, 'url' | 'attachment'>, viewerPage = browser.runtime.getURL('/viewer.html')): string {
  return r.attachment ? `${viewerPage}?src=${encodeURIComponent(r.attachment.url)}` : r.url;
}

function RecentList({ reports }: { reports: ReportSummary[] | null }) {
  if (reports === null) return null;
  if (reports.length === 0) return <p style={s.muted}>{i18n.t('popup.recentEmpty')}</p>;
  const open = (url: string) => (e: Event) => {
    e.preventDefault();
    void browser.tabs.create({ url }).then(() => window.close());
  };
  return (
    <ul style={s.list}>
      {reports.map((r) => (
        <li key={r.url} style={s.item} data-testid="recent-report" data-attachment={r.attachment?.kind}>
          <a href={reportHref(r)} style={s.link} title={r.attachment?.url ?? r.url} onClick={open(reportHref(r))}>
            {r.title ?? r.entity ?? i18n.t('popup.untitled')}
          </a>
          <span style={{ color: r.counts.error > 0 ? '#b3261e' : '#666', fontSize: '12px' }}>{countsText(r.counts)}</span>
        </li>
      ))}
    </ul>
  );
}

export function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [view, setView] = useState<View>({ kind: 'checking' });
  const [recent, setRecent] = useState<ReportSummary[] | null>(null);
  const [auditing, setAuditing] = useState(false);
  const [auditError, setAuditError] = useState<string | null>(null);
  const alive = useRef(true);

  const refreshStatus = useCallback(async (id: number): Promise<View> => {
    const status = await queryTabStatus(id, tabDeps);
    const next: View = status === null ? { kind: 'not-audited' } : { kind: 'status', status };
    if (alive.current) setView(next);
    return next;
  }, []);

  const refreshRecent = useCallback(async () => {
    try {
      const reply = RecentReportsReplySchema.safeParse(await send({ type: 'recent-reports', limit: RECENT_LIMIT }));
      if (alive.current) setRecent(reply.success ? reply.data.reports : []);
    } catch {
      if (alive.current) setRecent([]);
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    void (async () => {
      // `popup.html?tab=ID` shows another tab's status (the e2e tests open the popup as a page)
      const asked = Number(new URLSearchParams(location.search).get('tab') ?? NaN);
      const [tab] = Number.isInteger(asked) && asked >= 0 ? [{ id: asked }] : await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) {
        setView({ kind: 'not-audited' });
        return;
      }
      setTabId(tab.id);
      const first = await refreshStatus(tab.id);
      // A report still being audited: keep asking for a while.
      if (first.kind === 'status' && first.status.state === 'auditing') await poll(tab.id);
    })();
    void refreshRecent();
    return () => {
      alive.current = false;
    };
  }, []);

  async function poll(id: number): Promise<void> {
    const until = Date.now() + POLL_LIMIT_MS;
    while (alive.current && Date.now() < until) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const v = await refreshStatus(id);
      if (v.kind === 'status' && v.status.state !== 'auditing' && v.status.state !== 'not-report') return;
    }
    if (alive.current) setAuditError(i18n.t('popup.stillAuditing'));
  }

  async function auditThisPage() {
    if (tabId === null) return;
    setAuditing(true);
    setAuditError(null);
    try {
      const ack = AckSchema.safeParse(await send({ type: 'audit-tab', tabId }));
      if (!ack.success || !ack.data.ok) {
        const why = ack.success ? (ack.data.error ?? '') : 'no reply';
        setAuditError(i18n.t('popup.auditRequestFailed', [why]));
        return;
      }
      await poll(tabId);
      await refreshRecent();
    } catch (e) {
      setAuditError(i18n.t('popup.auditRequestFailed', [errorMessage(e)]));
    } finally {
      if (alive.current) setAuditing(false);
    }
  }

  return (
    <main style={s.main}>
      <h1 style={s.h1}>{i18n.t('extName')}</h1>
      <StatusView
        view={view}
        canAudit={tabId !== null}
        auditing={auditing}
        onAudit={() => void auditThisPage()}
        auditError={auditError}
      />
      <BatchSection tabId={tabId} isReport={view.kind === 'status' && view.status.state === 'report'} />
      <h2 style={s.h2}>{i18n.t('popup.recentTitle')}</h2>
      <RecentList reports={recent} />
      <p style={s.footer}>
        <a
          href={browser.runtime.getURL('/workbook.html')}
          style={{ ...s.link, display: 'inline', marginRight: '12px' }}
          data-testid="open-workbook"
          onClick={(e) => {
            e.preventDefault();
            void browser.tabs.create({ url: browser.runtime.getURL('/workbook.html') }).then(() => window.close());
          }}
        >
          {i18n.t('workbook.open')}
        </a>
        <a
          href="#"
          style={{ ...s.link, display: 'inline' }}
          onClick={(e) => {
            e.preventDefault();
            void browser.runtime.openOptionsPage();
          }}
        >
          {i18n.t('popup.settings')}
        </a>
      </p>
    </main>
  );
}
