/**
 * The in-page UI of one audited page: the highlighter on the page's cells, and the panel and
 * tooltip in a shadow root on a host element appended to <html>. Holds the UI state
 * (current finding, highlights on/off, minimised) and re-renders on change. Free of
 * extension APIs (the auditor entrypoint passes labels and wiring), tested in happy-dom.
 */
import { render } from 'preact';
import type { AuditResult, CellId, Finding, Format } from '../../lib/types';
import { Highlighter, type TooltipEvent } from '../../lib/highlight';
import { describeCell } from '../../lib/template';
import { Panel, Tooltip, groupOf, type PanelItem, type PanelLabels, type SaveState } from './Panel';
import { OPEN_REVIEW, isReviewReason, type Review, type ReviewUpdate } from '../review/ReviewControls';

export const HOST_ID = 'report-audit-panel-host';

export interface UIOptions {
  doc: Document;
  result: AuditResult;
  cells: ReadonlyMap<CellId, Element>;
  labels: PanelLabels;
  /** Rule title in the UI language. */
  ruleTitle(ruleId: string): string;
  /** Shown instead of an empty list when the page has no template table. */
  noTablesMessage: string | null;
  css: string;
  /** Highlights on at start (default true). */
  highlights?: boolean;
  /**
   * Store a finding's review (the auditor sends it to the background). Rejects with the
   * reason when it was not stored; the panel then shows the previous state and the reason.
   * Without it the findings have no review controls.
   */
  onReview?(finding: Finding, update: ReviewUpdate): Promise<void>;
}

/** A stored review as the background reports it with the audit-complete reply. */
export interface KnownReview {
  ruleId: string;
  /** The finding's first cell; null (or '') for a finding about the page as a whole. */
  cell: string | null;
  state: Review['state'];
  reason?: string | null;
  note?: string | null;
}

/** Findings are matched to their reviews by rule and first cell. */
export function reviewKey(ruleId: string, cell: string | null | undefined): string {
  return `${ruleId}\u0000${cell ?? ''}`;
}

export interface AuditorUI {
  readonly items: PanelItem[];
  readonly current: number;
  readonly highlights: boolean;
  next(): void;
  previous(): void;
  select(index: number): void;
  setHighlights(on: boolean): void;
  setSaveState(state: SaveState): void;
  /** The stored reviews (audit-complete reply): findings not listed are open. */
  setReviews(reviews: readonly KnownReview[]): void;
  /** The review shown on an item (by PanelItem.index). */
  reviewOf(index: number): Review;
  /** Remove the panel, the tooltip and every highlight. */
  destroy(): void;
}

const ORDER = { page: 0, T2: 1, T3: 2, T4: 3 } as const;

export function panelItems(findings: readonly Finding[], format: Format | null, cells: ReadonlyMap<CellId, Element>, ruleTitle: (id: string) => string): PanelItem[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[groupOf(a.f)] - ORDER[groupOf(b.f)] || a.i - b.i)
    .map(({ f }, index) => ({
      finding: f,
      index,
      ruleTitle: ruleTitle(f.ruleId),
      cellText: f.cells[0] ? describeCell(f.cells[0], format) : null,
      onPage: f.cells[0] ? cells.has(f.cells[0]) : false,
    }));
}

export function mountAuditorUI(o: UIOptions): AuditorUI {
  const { doc } = o;
  doc.getElementById(HOST_ID)?.remove();
  const host = doc.createElement('div');
  host.id = HOST_ID;
  // the host itself carries no page-visible box; everything is fixed inside the shadow root
  host.setAttribute('style', 'all: initial; position: static;');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = o.css;
  shadow.appendChild(style);
  const panelRoot = doc.createElement('div');
  const tipRoot = doc.createElement('div');
  shadow.append(panelRoot, tipRoot);
  doc.documentElement.appendChild(host);

  const format = o.result.report?.format ?? null;
  const findings = o.result.findings ?? [];
  const items = panelItems(findings, format, o.cells, o.ruleTitle);
  let current = -1;
  let minimised = false;
  let highlights = false;
  let saveState: SaveState = 'saving';
  const reviews = new Map<number, Review>();
  const reviewErrors = new Map<number, string>();
  const reviewOf = (index: number): Review => reviews.get(index) ?? OPEN_REVIEW;
  const onReview = o.onReview;
  const changeReview = (index: number, u: ReviewUpdate) => {
    const it = items[index];
    if (!it || !onReview) return;
    const before = reviews.get(index);
    // shown at once; put back if the background does not keep it
    reviews.set(index, {
      state: u.state,
      reason: u.state === 'dismissed' ? (u.reason ?? before?.reason ?? null) : null,
      note: u.note ?? before?.note ?? '',
    });
    reviewErrors.delete(index);
    draw();
    onReview(it.finding, u).then(
      () => undefined,
      (e: unknown) => {
        if (before) reviews.set(index, before);
        else reviews.delete(index);
        reviewErrors.set(index, e instanceof Error ? e.message : String(e));
        draw();
      },
    );
  };
  const view = doc.defaultView;

  let shownTip: TooltipEvent | null = null;
  let frame = 0;
  // keep the tooltip on its cell while the page scrolls
  const onScroll = () => {
    if (!shownTip || frame || !view) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      renderTip(shownTip);
    });
  };
  view?.addEventListener('scroll', onScroll, { capture: true, passive: true });
  const renderTip = (e: TooltipEvent | null) => {
    shownTip = e;
    if (!e || !view) return render(null, tipRoot);
    const r = e.el.getBoundingClientRect();
    render(
      <Tooltip
        labels={o.labels}
        items={e.findings.map((f) => ({ finding: f, ruleTitle: o.ruleTitle(f.ruleId) }))}
        rect={{ left: r.left, top: r.top, bottom: r.bottom, width: r.width }}
        viewport={{ width: view.innerWidth, height: view.innerHeight }}
      />,
      tipRoot,
    );
  };
  const hl = new Highlighter(findings, o.cells, { onTooltip: renderTip });

  const ui: AuditorUI = {
    items,
    get current() {
      return current;
    },
    get highlights() {
      return highlights;
    },
    next: () => ui.select(items.length === 0 ? -1 : (current + 1) % items.length),
    previous: () => ui.select(items.length === 0 ? -1 : (current - 1 + items.length) % items.length),
    select(index) {
      current = index;
      const it = items[index];
      if (it) {
        const el = hl.reveal(it.finding);
        if (el && highlights) renderTip({ findings: [it.finding], el });
      }
      draw();
    },
    setHighlights(on) {
      highlights = on;
      if (on) hl.apply();
      else hl.remove();
      renderTip(null);
      draw();
    },
    setSaveState(state) {
      saveState = state;
      draw();
    },
    setReviews(known) {
      const byKey = new Map(known.map((r) => [reviewKey(r.ruleId, r.cell), r]));
      reviews.clear();
      for (const it of items) {
        const r = byKey.get(reviewKey(it.finding.ruleId, it.finding.cells[0]));
        if (r && r.state !== 'open') reviews.set(it.index, { state: r.state, reason: r.state === 'dismissed' && isReviewReason(r.reason) ? r.reason : null, note: r.note ?? '' });
        else if (r?.note) reviews.set(it.index, { ...OPEN_REVIEW, note: r.note });
      }
      draw();
    },
    reviewOf,
    destroy() {
      view?.removeEventListener('scroll', onScroll, { capture: true });
      if (frame) view?.cancelAnimationFrame(frame);
      hl.remove();
      render(null, tipRoot);
      render(null, panelRoot);
      host.remove();
    },
  };

  function draw(): void {
    render(
      <Panel
        labels={o.labels}
        title={o.result.report?.title ?? null}
        year={o.result.report?.year ?? null}
        format={format}
        items={items}
        noTablesMessage={o.noTablesMessage}
        current={current}
        highlights={highlights}
        minimised={minimised}
        saveState={saveState}
        onSelect={ui.select}
        onNext={ui.next}
        onPrevious={ui.previous}
        onToggleHighlights={ui.setHighlights}
        onMinimise={(m) => {
          minimised = m;
          draw();
        }}
        reviews={
          onReview
            ? { enabled: saveState === 'saved', get: reviewOf, error: (i) => reviewErrors.get(i) ?? null, onChange: changeReview }
            : undefined
        }
      />,
      panelRoot,
    );
  }

  ui.setHighlights(o.highlights ?? true);
  return ui;
}
