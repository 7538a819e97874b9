/**
 * The full auditor, injected by the background into a frame where the detector found a
 * report (or on the auditor's request): runs the engine on the live DOM, marks the cells,
 * shows the panel, sends the result to the background to keep, and answers the popup and
 * the keyboard commands. A second injection re-audits. Whatever happens, the page keeps
 * working: every step is guarded.
 */
import '../lib/ext/zod-jitless';
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { i18n } from '#i18n';
import css from '../assets/panel.css?inline';
import { auditPage } from '../lib/audit';
import { pageFromDocument } from '../lib/page';
import { cellElements } from '../lib/highlight';
import { RULES_BY_ID } from '../lib/rules/index';
import { AckSchema, AuditCompleteReplySchema, TabMessageSchema, type ContentMessage, type PageStatus } from '../lib/messages';
import type { AuditRun } from '../lib/audit';
import { mountAuditorUI, type AuditorUI } from '../components/panel/controller';
import type { PanelLabels } from '../components/panel/Panel';
import { reviewLabels } from '../components/review/labels';
import { t } from '../components/translate';

const AUDITOR = Symbol.for('report-auditor.auditor');

interface AuditorState {
  status: PageStatus;
  ui: AuditorUI | null;
  rerun(): void;
}

function labels(): PanelLabels {
  return {
    title: i18n.t('panel.title'),
    error: i18n.t('panel.error'),
    warning: i18n.t('panel.warning'),
    info: i18n.t('panel.info'),
    counts: { error: i18n.t('panel.errors'), warning: i18n.t('panel.warnings'), info: i18n.t('panel.infos') },
    next: i18n.t('panel.next'),
    previous: i18n.t('panel.previous'),
    highlights: i18n.t('panel.highlights'),
    minimise: i18n.t('panel.minimise'),
    expand: i18n.t('panel.expand'),
    noFindings: i18n.t('panel.noFindings'),
    expected: i18n.t('panel.expected'),
    actual: i18n.t('panel.actual'),
    pageLevel: i18n.t('panel.pageLevel'),
    tables: { T2: i18n.t('panel.table2'), T3: i18n.t('panel.table3'), T4: i18n.t('panel.table4') },
    notOnPage: i18n.t('panel.notOnPage'),
    position: (c, t) => i18n.t('panel.position', [c > 0 ? String(c) : '–', String(t)]),
    save: { saving: i18n.t('panel.saving'), saved: i18n.t('panel.saved'), failed: i18n.t('panel.saveFailed') },
    review: reviewLabels(t),
    reviewUnavailable: i18n.t('panel.reviewUnavailable'),
  };
}

function noTablesMessage(run: AuditRun): string | null {
  const ids = new Set((run.result.findings ?? []).map((f) => f.ruleId));
  if (ids.has('DOC-ATTACHMENT-ONLY')) return i18n.t('panel.attachmentOnly');
  if (ids.has('DOC-IMAGE-TABLE')) return i18n.t('panel.imageTables');
  const t = run.context?.tables;
  if (t && !t.T2.found && !t.T3.found && !t.T4.found) return i18n.t('panel.noTables');
  return null;
}

function audit(state: AuditorState): void {
  state.ui?.destroy();
  state.ui = null;
  const start = performance.now();
  const run = auditPage(pageFromDocument(document, { source: location.href }));
  if (!run.result.detected) {
    state.status = { state: 'audited-not-report' };
    return;
  }
  const findings = run.result.findings ?? [];
  const zh = browser.i18n.getUILanguage().toLowerCase().startsWith('zh');
  const ui = mountAuditorUI({
    doc: document,
    result: run.result,
    cells: cellElements(run.context?.cells ?? new Map()),
    labels: labels(),
    ruleTitle: (id) => {
      const meta = RULES_BY_ID.get(id)?.meta;
      return meta ? meta.title[zh ? 'zh' : 'en'] : id;
    },
    noTablesMessage: noTablesMessage(run),
    css,
    // a review goes to the background, which checks it and stores it with the finding
    onReview: async (finding, review) => {
      const message: ContentMessage = { type: 'set-review', url: location.href, ruleId: finding.ruleId, cell: finding.cells[0] ?? null, review };
      const ack = AckSchema.safeParse(await browser.runtime.sendMessage(message));
      if (!ack.success) throw new Error(i18n.t('review.failed', ['no reply']));
      if (!ack.data.ok) throw new Error(i18n.t('review.failed', [ack.data.error ?? '']));
    },
  });
  state.ui = ui;
  const t = run.context?.tables;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  state.status = {
    state: 'report',
    title: run.result.report?.title ?? null,
    year: run.result.report?.year ?? null,
    format: run.result.report?.format ?? null,
    counts,
    noTables: !!t && !t.T2.found && !t.T3.found && !t.T4.found,
    highlights: ui.highlights,
  };
  try {
    performance.measure('report-auditor:audit', { start });
  } catch {
    /* no measure options */
  }
  browser.runtime.sendMessage({ type: 'audit-complete', url: location.href, result: run.result }).then(
    (reply: unknown) => {
      // the stored reviews of these findings come back with the acknowledgement
      const stored = AuditCompleteReplySchema.safeParse(reply);
      if (stored.success && stored.data.ok) {
        ui.setReviews(stored.data.reviews ?? []);
        ui.setSaveState('saved');
      } else ui.setSaveState('failed');
    },
    // the background may be restarting; the page's audit stands, and the panel says it was not kept
    () => ui.setSaveState('failed'),
  );
}

function status(state: AuditorState): PageStatus {
  if (state.status.state === 'report' && state.ui) return { ...state.status, highlights: state.ui.highlights };
  return state.status;
}

export default defineUnlistedScript(() => {
  const w = window as unknown as Record<symbol, AuditorState | undefined>;
  const existing = w[AUDITOR];
  if (existing) {
    existing.rerun();
    return;
  }
  const state: AuditorState = {
    status: { state: 'auditing' },
    ui: null,
    rerun: () => {
      try {
        audit(state);
      } catch (e) {
        state.status = { state: 'failed', message: String(e instanceof Error ? e.message : e).slice(0, 500) };
      }
    },
  };
  w[AUDITOR] = state;

  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (r: unknown) => void) => {
    const m = TabMessageSchema.safeParse(message);
    if (!m.success) return undefined;
    const ui = state.ui;
    switch (m.data.type) {
      case 'get-status':
        sendResponse(status(state));
        break;
      case 'navigate-finding':
        if (ui) (m.data.direction === 'next' ? ui.next : ui.previous)();
        sendResponse({ ok: !!ui });
        break;
      case 'toggle-highlights':
        if (ui) ui.setHighlights(m.data.on ?? !ui.highlights);
        sendResponse({ ok: !!ui });
        break;
    }
    return undefined;
  });

  state.rerun();
});
