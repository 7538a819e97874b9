/**
 * The in-page UI of one audited page: the highlighter on the page's cells, and the panel and
 * tooltip in a shadow root on a host element appended to <html>. Holds the UI state
 * (current finding, highlights on/off, minimised) and re-renders on change. Free of
 * extension APIs (the auditor entrypoint passes labels and wiring), tested in happy-dom.
 */
import { render, type ComponentChildren } from 'preact';
import type { AuditResult, CellId, Finding, Format, Severity } from '../../lib/types';
import { Highlighter, type TooltipEvent } from '../../lib/highlight';
import { TextHighlighter, type TextScope } from '../../lib/texthighlight';
import { describeCell } from '../../lib/template';
import { Panel, Tooltip, groupOf, type PanelItem, type PanelLabels, type SaveState } from './Panel';
import { OPEN_REVIEW, isReviewReason, type Review, type ReviewUpdate } from '../review/ReviewControls';
import { CrossYear, type CrossYearLabels } from './CrossYear';
import type { CrossYearView } from '../../lib/crossyear-view';
import { countBySeverity } from '../../lib/counts';
import { errorMessage } from '../../lib/error-message';

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
  /**
   * Where narrative findings' sentences (Finding.text) are searched: the page model's block
   * elements and content root (lib/texthighlight.ts). Without it, the body is searched.
   */
  text?: Omit<TextScope, 'exclude'>;
  /**
   * Cross-year checks (CrossYear.tsx): labels, and how to store "(not) the same body" for an
   * earlier report (rejects with the reason). The view arrives with the background's reply (setCrossYear).
   */
  crossYear?: { labels: CrossYearLabels; onSameBody?(previousUrl: string, same: boolean): Promise<void> };
  /** More in the panel after the findings: the "audit the attachment" offer (components/viewer/AttachmentOffer.tsx). */
  extra?: ComponentChildren;
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
  /** The page's findings, then the cross-year findings the background sent (setCrossYear). */
  readonly items: PanelItem[];
  /** The findings listed, by severity (the panel's header; the popup's status). */
  readonly counts: Record<Severity, number>;
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
  /**
   * The cross-year comparison the background made (audit-complete reply); null hides it. Its
   * findings join the items (group 跨年比较: counted, navigated, reviewed, their cells marked).
   */
  setCrossYear(view: CrossYearView | null): void;
  /** Remove the panel, the tooltip and every highlight. */
  destroy(): void;
}

const ORDER = { page: 0, T2: 1, T3: 2, T4: 3, 'cross-year': 4 } as const;

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
  const pageItems = panelItems(findings, format, o.cells, o.ruleTitle);
  let items = pageItems;
  /** The stored reviews last received (applied again when the cross-year items arrive). */
  let known: readonly KnownReview[] = [];
  let current = -1;
  let minimised = false;
  let highlights = false;
  let saveState: SaveState = 'saving';
  let crossYear: CrossYearView | null = null;
  let crossYearBusy = false;
  let crossYearError: string | null = null;
  const sameBody = (previousUrl: string, same: boolean) => {
    const store = o.crossYear?.onSameBody;
    if (!store) return;
    crossYearBusy = true;
    crossYearError = null;
    draw();
    store(previousUrl, same).then(
      () => {
        crossYearBusy = false;
        draw();
      },
      (e: unknown) => {
        crossYearBusy = false;
        crossYearError = errorMessage(e);
        draw();
      },
    );
  };
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
        reviewErrors.set(index, errorMessage(e));
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
  /** The panel's box on the screen, or null while it is not laid out. */
  const panelBox = (): DOMRect | null => {
    const box = (panelRoot.firstElementChild as HTMLElement | null)?.getBoundingClientRect();
    return box && box.width > 0 ? box : null;
  };
  /**
   * A revealed cell or sentence is scrolled to the middle of the window; when the panel (fixed
   * at the bottom right) then covers it, scroll on until it sits above the panel.
   */
  const clearOfPanel = (target: Element | Range) => {
    const box = panelBox();
    if (!box || !view) return;
    const r = target.getBoundingClientRect();
    const covered = r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;
    const room = box.top - 16; // the height above the panel
    if (covered && r.height < room) view.scrollBy({ top: r.top - Math.max(16, (room - r.height) / 2), behavior: 'instant' });
  };
  const renderTip = (e: TooltipEvent | null) => {
    shownTip = e;
    if (!e || !view) return render(null, tipRoot);
    const r = (e.range ?? e.el).getBoundingClientRect();
    const box = panelBox();
    render(
      <Tooltip
        avoid={box ? { left: box.left, top: box.top, right: box.right, bottom: box.bottom } : null}
        labels={o.labels}
        items={e.findings.map((f) => ({ finding: f, ruleTitle: o.ruleTitle(f.ruleId) }))}
        rect={{ left: r.left, top: r.top, bottom: r.bottom, width: r.width }}
        viewport={{ width: view.innerWidth, height: view.innerHeight }}
      />,
      tipRoot,
    );
  };
  let hl = new Highlighter(findings, o.cells, { onTooltip: renderTip });
  // narrative findings: their sentences as text ranges (no element wrapped), the same tooltip
  const th = new TextHighlighter(doc, findings, { block: () => undefined, root: null, ...o.text, exclude: host }, { onTooltip: renderTip, styleHost: host, overlayRoot: shadow });

  /** Show the stored reviews on the items from `from` on. */
  const applyKnown = (from: number) => {
    const byKey = new Map(known.map((r) => [reviewKey(r.ruleId, r.cell), r]));
    for (const it of items.slice(from)) {
      reviews.delete(it.index);
      const r = byKey.get(reviewKey(it.finding.ruleId, it.finding.cells[0]));
      if (r && r.state !== 'open') reviews.set(it.index, { state: r.state, reason: r.state === 'dismissed' && isReviewReason(r.reason) ? r.reason : null, note: r.note ?? '' });
      else if (r?.note) reviews.set(it.index, { ...OPEN_REVIEW, note: r.note });
    }
  };

  const ui: AuditorUI = {
    get items() {
      return items;
    },
    get counts() {
      return countBySeverity(items.map((it) => it.finding));
    },
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
      const range = it ? th.reveal(it.finding) : undefined;
      if (it && range) {
        // a narrative finding: to its sentence, its cells lit faintly
        hl.showRelated(it.finding);
        clearOfPanel(range);
        if (highlights) renderTip({ findings: [it.finding], el: TextHighlighter.container(range), range });
      } else if (it) {
        const el = hl.reveal(it.finding);
        if (el) clearOfPanel(el);
        if (el && highlights) renderTip({ findings: [it.finding], el });
      }
      draw();
    },
    setHighlights(on) {
      highlights = on;
      if (on) {
        hl.apply();
        th.apply();
      } else {
        hl.remove();
        th.remove();
      }
      renderTip(null);
      draw();
    },
    setSaveState(state) {
      saveState = state;
      draw();
    },
    setReviews(list) {
      known = [...list];
      reviews.clear();
      applyKnown(0);
      draw();
    },
    reviewOf,
    setCrossYear(view) {
      crossYear = view;
      const cross = view?.compared?.findings ?? [];
      items = [
        ...pageItems,
        ...cross.map((f, i) => ({
          finding: f,
          index: pageItems.length + i,
          ruleTitle: o.ruleTitle(f.ruleId),
          cellText: f.cells[0] ? describeCell(f.cells[0], format) : null,
          onPage: f.cells[0] ? o.cells.has(f.cells[0]) : false,
        })),
      ];
      for (const i of [...reviews.keys(), ...reviewErrors.keys()]) {
        if (i >= pageItems.length) {
          reviews.delete(i);
          reviewErrors.delete(i);
        }
      }
      applyKnown(pageItems.length);
      if (current >= items.length) current = -1;
      // their cells are marked like the page's own findings' (the markers are set again)
      if (highlights) hl.remove();
      hl = new Highlighter([...findings, ...cross], o.cells, { onTooltip: renderTip });
      if (highlights) hl.apply();
      draw();
    },
    destroy() {
      view?.removeEventListener('scroll', onScroll, { capture: true });
      if (frame) view?.cancelAnimationFrame(frame);
      hl.remove();
      th.remove();
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
        extra={o.extra}
        crossYear={
          // the pairing, in the 跨年比较 group after its findings (the findings are items)
          crossYear && o.crossYear ? (
            <CrossYear
              embedded
              view={crossYear}
              labels={o.crossYear.labels}
              ruleTitle={o.ruleTitle}
              cellText={(id) => describeCell(id, format)}
              onSameBody={o.crossYear.onSameBody ? sameBody : undefined}
              busy={crossYearBusy}
              error={crossYearError}
            />
          ) : null
        }
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
