/**
 * The in-page findings panel: counts by severity, the findings grouped by table, click to
 * reveal a cell, next/previous, and the highlight switch. Rendered by the auditor into a
 * shadow root, so no page style reaches in and none leaks out. A pure function of its
 * props: the auditor owns the state. Page text is only ever rendered as text.
 */
import type { ComponentChildren } from 'preact';
import type { Finding, Format, Severity } from '../../lib/types';
import { ReviewControls, type Review, type ReviewLabels, type ReviewUpdate } from '../review/ReviewControls';
import { countBySeverity } from '../../lib/counts';

export interface PanelLabels {
  title: string;
  error: string;
  warning: string;
  info: string;
  /** Labels beside the counts in the header. */
  counts: { error: string; warning: string; info: string };
  next: string;
  previous: string;
  highlights: string;
  minimise: string;
  expand: string;
  noFindings: string;
  expected: string;
  actual: string;
  pageLevel: string;
  tables: { T2: string; T3: string; T4: string };
  /** Heading of the cross-year findings' group (default 跨年比较). */
  crossYear?: string;
  notOnPage: string;
  position: (current: number, total: number) => string;
  save: { saving: string; saved: string; failed: string };
  /** The review controls of each finding. */
  review: ReviewLabels;
  /** Why the review controls are disabled (the audit is not stored). */
  reviewUnavailable: string;
}

export type SaveState = 'saving' | 'saved' | 'failed';

export interface PanelItem {
  finding: Finding;
  /** Index in PanelProps.items (navigation order). */
  index: number;
  ruleTitle: string;
  /** The first cell in an auditor's words, or null for page-level findings. */
  cellText: string | null;
  /** The cell is on the page and can be revealed. */
  onPage: boolean;
}

export interface PanelProps {
  labels: PanelLabels;
  title: string | null;
  year: number | null;
  format: Format | null;
  /** Findings in navigation order (grouped: page, 表二, 表三, 表四). */
  items: PanelItem[];
  /** A page without template tables: the panel says why instead of listing nothing. */
  noTablesMessage: string | null;
  /** Shown after the findings list: the cross-year comparison (CrossYear.tsx). */
  extra?: ComponentChildren;
  /**
   * Shown in the 跨年比较 group, after its findings (the pairing: CrossYear.tsx embedded); the
   * group is shown with it even when it has no finding.
   */
  crossYear?: ComponentChildren;
  current: number;
  highlights: boolean;
  minimised: boolean;
  /** Whether the background has kept this audit (progress visible, nothing lost silently). */
  saveState: SaveState;
  onSelect(index: number): void;
  onNext(): void;
  onPrevious(): void;
  onToggleHighlights(on: boolean): void;
  onMinimise(minimised: boolean): void;
  /**
   * Review of each finding, by PanelItem.index; absent: the findings have no review controls.
   * `enabled` is false until the background has stored the audit (a finding must be stored
   * to be reviewed).
   */
  reviews?: {
    enabled: boolean;
    get(index: number): Review;
    error(index: number): string | null;
    onChange(index: number, update: ReviewUpdate): void;
  };
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
type Group = 'page' | 'T2' | 'T3' | 'T4' | 'cross-year';

export function groupOf(f: Finding): Group {
  // cross-year findings carry the two reports compared (only the background computes them)
  if (f.reports) return 'cross-year';
  const t = f.cells[0]?.slice(0, 2);
  return t === 'T2' || t === 'T3' || t === 'T4' ? t : 'page';
}

export function Panel(p: PanelProps) {
  const counts = countBySeverity(p.items.map((it) => it.finding));
  const groups: Group[] = ['page', 'T2', 'T3', 'T4', 'cross-year'];
  const heading = (g: Group) => (g === 'page' ? p.labels.pageLevel : g === 'cross-year' ? (p.labels.crossYear ?? '跨年比较') : p.labels.tables[g]);

  return (
    <section class={`panel${p.minimised ? ' minimised' : ''}`} data-testid="report-audit-panel" aria-label={p.labels.title} role="complementary">
      <header>
        <strong class="name">{p.labels.title}</strong>
        <span class="counts">
          {SEVERITIES.map((s) => (
            <span class={`count ${s}`} data-testid={`count-${s}`} title={p.labels.counts[s]} key={s}>
              <span class="dot" aria-hidden="true" />
              <span class="n">{counts[s]}</span>
              <span class="label">{p.labels.counts[s]}</span>
            </span>
          ))}
        </span>
        <button
          type="button"
          class="icon"
          data-testid="minimise-panel"
          aria-expanded={!p.minimised}
          title={p.minimised ? p.labels.expand : p.labels.minimise}
          onClick={() => p.onMinimise(!p.minimised)}
        >
          {p.minimised ? '▴' : '▾'}
        </button>
      </header>
      {!p.minimised && (
        <div class="body">
          {p.title && (
            <p class="report" data-testid="panel-report-title">
              {p.title}
              {p.format && <span class="format"> · {p.format}</span>}
            </p>
          )}
          <div class="toolbar">
            <button type="button" data-testid="prev-finding" onClick={p.onPrevious} disabled={p.items.length === 0}>
              ‹ {p.labels.previous}
            </button>
            <span class="position" data-testid="finding-position" aria-live="polite">
              {p.labels.position(p.current + 1, p.items.length)}
            </span>
            <button type="button" data-testid="next-finding" onClick={p.onNext} disabled={p.items.length === 0}>
              {p.labels.next} ›
            </button>
            <label class="switch">
              <input
                type="checkbox"
                role="switch"
                data-testid="toggle-highlights"
                checked={p.highlights}
                onChange={(e) => p.onToggleHighlights((e.currentTarget as HTMLInputElement).checked)}
              />
              {p.labels.highlights}
            </label>
          </div>
          <p class={`save ${p.saveState}`} data-testid="save-state" data-state={p.saveState} role="status">
            {p.labels.save[p.saveState]}
          </p>
          {p.noTablesMessage && (
            <p class="notice" data-testid="no-tables" role="status">
              {p.noTablesMessage}
            </p>
          )}
          {p.items.length === 0 && !p.noTablesMessage && <p class="notice">{p.labels.noFindings}</p>}
          <div class="list">
            {groups.map((g) => {
              const items = p.items.filter((it) => groupOf(it.finding) === g);
              const tail = g === 'cross-year' ? p.crossYear : null;
              if (items.length === 0 && !tail) return null;
              return (
                <div class="group" key={g} data-group={g}>
                  <h3>
                    {heading(g)} {items.length > 0 && <span class="muted">({items.length})</span>}
                  </h3>
                  {items.length > 0 && <ol>
                    {items.map((it) => (
                      <li key={it.index} class={p.reviews ? `review-${p.reviews.get(it.index).state}` : undefined} data-testid="finding">
                        <button
                          type="button"
                          class={`item ${it.finding.severity}${it.index === p.current ? ' current' : ''}`}
                          data-testid="finding-item"
                          data-rule={it.finding.ruleId}
                          data-cell={it.finding.cells[0] ?? ''}
                          aria-current={it.index === p.current ? 'true' : undefined}
                          onClick={() => p.onSelect(it.index)}
                        >
                          <span class="sev">{p.labels[it.finding.severity]}</span>
                          <span class="rule">{it.ruleTitle}</span>
                          {it.cellText && <span class="cell">{it.cellText}{it.onPage ? '' : ` (${p.labels.notOnPage})`}</span>}
                          {(it.finding.expected !== undefined || it.finding.actual !== undefined) && (
                            <span class="values">
                              {it.finding.expected !== undefined && `${p.labels.expected} ${it.finding.expected}`}
                              {it.finding.expected !== undefined && it.finding.actual !== undefined && ' · '}
                              {it.finding.actual !== undefined && `${p.labels.actual} ${it.finding.actual}`}
                            </span>
                          )}
                          <span class="msg">{it.finding.message}</span>
                        </button>
                        {p.reviews && (
                          <div class="item-review" title={p.reviews.enabled ? undefined : p.labels.reviewUnavailable}>
                            <ReviewControls
                              compact
                              review={p.reviews.get(it.index)}
                              labels={p.labels.review}
                              disabled={!p.reviews.enabled}
                              error={p.reviews.error(it.index)}
                              onChange={(u) => p.reviews!.onChange(it.index, u)}
                            />
                          </div>
                        )}
                      </li>
                    ))}
                  </ol>}
                  {tail}
                </div>
              );
            })}
          </div>
          {p.extra}
        </div>
      )}
    </section>
  );
}

/** A rectangle in viewport coordinates. */
export interface ViewRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface TooltipProps {
  labels: PanelLabels;
  items: { ruleTitle: string; finding: Finding }[];
  /** Viewport rectangle of the cell. */
  rect: { left: number; top: number; bottom: number; width: number };
  viewport: { width: number; height: number };
  /** The panel's box while it is shown: the tooltip goes beside it rather than over it when there is room. */
  avoid?: ViewRect | null;
}

/** Rough height of a tooltip, for choosing between below and above the cell. */
const TIP_HEIGHT = 160;

/**
 * Where the tooltip goes: under the cell (above it when there is no room below), inside the
 * viewport, and moved left of the panel when it would cover the panel and there is room there.
 */
export function placeTooltip(rect: TooltipProps['rect'], viewport: TooltipProps['viewport'], avoid?: ViewRect | null): { left: number; width: number; top?: number; bottom?: number } {
  const width = Math.min(360, viewport.width - 16);
  let left = Math.max(8, Math.min(rect.left, viewport.width - width - 8));
  const below = rect.bottom + 8 + TIP_HEIGHT < viewport.height;
  const top = below ? rect.bottom + 8 : rect.top - 8 - TIP_HEIGHT;
  if (avoid && left < avoid.right && left + width > avoid.left && top < avoid.bottom && top + TIP_HEIGHT > avoid.top && avoid.left - width - 8 >= 8) {
    left = avoid.left - width - 8;
  }
  return below ? { left, top: rect.bottom + 8, width } : { left, bottom: viewport.height - rect.top + 8, width };
}

/** The tooltip of a marked cell: rule title, expected, actual, message. */
export function Tooltip(p: TooltipProps) {
  const style = placeTooltip(p.rect, p.viewport, p.avoid);
  return (
    <div class="tooltip" role="tooltip" data-testid="finding-tooltip" style={style}>
      {p.items.map(({ ruleTitle, finding }, i) => (
        <div class={`tip ${finding.severity}`} key={i}>
          <div class="tip-title">
            <span class="sev">{p.labels[finding.severity]}</span> {ruleTitle} <span class="muted">{finding.ruleId}</span>
          </div>
          {(finding.expected !== undefined || finding.actual !== undefined) && (
            <div class="values">
              {finding.expected !== undefined && `${p.labels.expected} ${finding.expected}`}
              {finding.expected !== undefined && finding.actual !== undefined && ' · '}
              {finding.actual !== undefined && `${p.labels.actual} ${finding.actual}`}
            </div>
          )}
          <div class="msg">{finding.message}</div>
        </div>
      ))}
    </div>
  );
}
