/**
 * The cross-year part of the in-page panel: the same body's earlier reports the extension holds
 * (named by year, body and site, with why they were taken as the same body's), the comparison
 * with last year's report and its findings, and a "not the same body" switch per earlier report
 * for a wrong match. A pure function of its props (the controller holds the state); page text
 * is only rendered as text.
 */
import type { CrossYearView } from '../../lib/crossyear-view';
import type { Severity } from '../../lib/types';

export interface CrossYearLabels {
  title: string;
  /** No earlier report of this body is stored. */
  none: string;
  /** "可比较的往年报告：" followed by the years. */
  earlier: string;
  year: (year: number) => string;
  /** "与 2023 年报告比较:" */
  comparedWith: (year: number) => string;
  /** Y−1 is not stored: what to do. */
  noPrevious: (year: number) => string;
  /** Y−1 was marked as another body's. */
  rejected: string;
  notSameBody: string;
  noFindings: string;
  severity: Record<Severity, string>;
  expected: string;
  actual: string;
  listSeparator: string;
}

export interface CrossYearProps {
  view: CrossYearView;
  labels: CrossYearLabels;
  ruleTitle(ruleId: string): string;
  /** The cell in an auditor's words. */
  cellText(cellId: string): string;
  /** The auditor marks an earlier report as (not) this body's; absent: no switch. */
  onSameBody?(previousUrl: string, same: boolean): void;
  /** A switch change is being stored. */
  busy?: boolean;
  error?: string | null;
  /**
   * Inside the panel's 跨年比较 group, whose items list the findings (with their review
   * controls): no heading of its own and no second list of the findings.
   */
  embedded?: boolean;
}

export function CrossYear(p: CrossYearProps) {
  const { view, labels } = p;
  const years = [...new Set(view.earlier.filter((e) => !e.rejected).map((e) => e.year))];
  const prevYear = view.year === null ? null : view.year - 1;
  const prevRejected = view.compared === null && view.earlier.some((e) => e.year === prevYear && e.rejected);
  return (
    <div class={p.embedded ? 'cross-year' : 'group cross-year'} data-testid="cross-year" data-group={p.embedded ? undefined : 'cross-year'}>
      {!p.embedded && <h3>{labels.title}</h3>}
      {view.earlier.length === 0 ? (
        <p class="muted" data-testid="cross-year-none">
          {labels.none}
        </p>
      ) : (
        <p data-testid="cross-year-earlier">
          {labels.earlier}
          {years.map((y) => labels.year(y)).join(labels.listSeparator)}
        </p>
      )}
      {view.compared && (
        <div class="pair" data-testid="cross-year-pair" data-year={view.compared.year}>
          <p>
            {labels.comparedWith(view.compared.year)} <span class="url">{view.compared.url}</span>
          </p>
          <p class="muted" data-testid="cross-year-scope">
            {view.compared.note}
          </p>
          {view.compared.findings.length === 0 ? (
            <p class="notice">{labels.noFindings}</p>
          ) : p.embedded ? null : (
            <ol>
              {view.compared.findings.map((f, i) => (
                <li key={i} data-testid="cross-year-finding" data-rule={f.ruleId} data-cell={f.cells[0] ?? ''}>
                  <div class={`item ${f.severity}`}>
                    <span class="sev">{labels.severity[f.severity]}</span>
                    <span class="rule">{p.ruleTitle(f.ruleId)}</span>
                    {f.cells[0] && <span class="cell">{p.cellText(f.cells[0])}</span>}
                    {(f.expected !== undefined || f.actual !== undefined) && (
                      <span class="values">
                        {f.expected !== undefined && `${labels.expected} ${f.expected}`}
                        {f.expected !== undefined && f.actual !== undefined && ' · '}
                        {f.actual !== undefined && `${labels.actual} ${f.actual}`}
                      </span>
                    )}
                    <span class="msg">{f.message}</span>
                  </div>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      {!view.compared && prevYear !== null && (
        <p class="muted" data-testid="cross-year-no-previous">
          {prevRejected ? labels.rejected : labels.noPrevious(prevYear)}
        </p>
      )}
      {view.earlier.length > 0 && (
        <ul class="earlier">
          {view.earlier.map((e) => (
            <li key={e.url} data-testid="cross-year-match" data-year={e.year} data-rejected={e.rejected ? 'true' : 'false'}>
              <span class="year">{labels.year(e.year)}</span> <span>{e.entity ?? ''}</span>
              {e.site && <span class="muted"> · {e.site}</span>}
              <div class="muted reason">{e.reason}</div>
              {p.onSameBody && (
                <label class="switch">
                  <input
                    type="checkbox"
                    data-testid="not-same-body"
                    checked={e.rejected}
                    disabled={p.busy}
                    onChange={(ev) => p.onSameBody!(e.url, !(ev.currentTarget as HTMLInputElement).checked)}
                  />
                  {labels.notSameBody}
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
      {p.error && (
        <p class="xy-error" role="alert">
          {p.error}
        </p>
      )}
    </div>
  );
}
