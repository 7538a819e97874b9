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
import { RULE_META_BY_ID } from '../lib/rules/catalogue';
import { narrativeText } from '../lib/crossyear';
import { AckSchema, AuditCompleteReplySchema, TabMessageSchema, type ContentMessage, type PageStatus } from '../lib/messages';
import { mountAuditorUI, type AuditorUI } from '../components/panel/controller';
import { crossYearLabels, noTablesMessage, panelLabels as labels } from '../components/panel/ext-labels';
import { attachmentExtra } from '../components/viewer/offer';
import { countBySeverity } from '../lib/counts';

const AUDITOR = Symbol.for('report-auditor.auditor');

interface AuditorState {
  status: PageStatus;
  ui: AuditorUI | null;
  rerun(): void;
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
    // narrative findings: their sentences are searched in the blocks the engine read them from
    text: { block: (i) => run.context?.page.blocks[i]?.el, root: run.context?.page.root ?? null },
    labels: labels(),
    ruleTitle: (id) => {
      // every rule's metadata, the cross-year rules' included (lib/rules/catalogue.ts)
      const meta = RULE_META_BY_ID.get(id);
      return meta ? meta.title[zh ? 'zh' : 'en'] : id;
    },
    noTablesMessage: noTablesMessage(run),
    // a report published as an attachment: offer to audit each attachment in the viewer
    extra: attachmentExtra(run, location.href),
    css,
    // a review goes to the background, which checks it and stores it with the finding
    onReview: async (finding, review) => {
      const message: ContentMessage = { type: 'set-review', url: location.href, ruleId: finding.ruleId, cell: finding.cells[0] ?? null, review };
      const ack = AckSchema.safeParse(await browser.runtime.sendMessage(message));
      if (!ack.success) throw new Error(i18n.t('review.failed', ['no reply']));
      if (!ack.data.ok) throw new Error(i18n.t('review.failed', [ack.data.error ?? '']));
    },
    // cross-year: "not the same body" is stored by the background, then the page is audited again
    crossYear: {
      labels: crossYearLabels(),
      onSameBody: async (previousUrl, same) => {
        const message: ContentMessage = { type: 'set-same-body', url: location.href, previousUrl, same };
        const ack = AckSchema.safeParse(await browser.runtime.sendMessage(message));
        if (!ack.success || !ack.data.ok) throw new Error(i18n.t('crossYear.failed', [ack.success ? (ack.data.error ?? '') : 'no reply']));
        state.rerun();
      },
    },
  });
  state.ui = ui;
  const t = run.context?.tables;
  const counts = countBySeverity(findings);
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
  const narrative = run.context ? narrativeText(run.context.narrative).slice(0, 100_000) : null;
  browser.runtime.sendMessage({ type: 'audit-complete', url: location.href, result: run.result, narrative }).then(
    (reply: unknown) => {
      // the stored reviews of these findings come back with the acknowledgement
      const stored = AuditCompleteReplySchema.safeParse(reply);
      if (stored.success && stored.data.ok) {
        ui.setReviews(stored.data.reviews ?? []);
        ui.setCrossYear(stored.data.crossYear ?? null);
        ui.setSaveState('saved');
      } else ui.setSaveState('failed');
    },
    // the background may be restarting; the page's audit stands, and the panel says it was not kept
    () => ui.setSaveState('failed'),
  );
}

function status(state: AuditorState): PageStatus {
  // the counts include the cross-year findings the background sent (ui.counts)
  if (state.status.state === 'report' && state.ui) return { ...state.status, highlights: state.ui.highlights, counts: state.ui.counts };
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
