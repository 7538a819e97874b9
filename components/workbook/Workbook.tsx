/**
 * The audit workbook (an extension page): every audited report in a sortable, filterable
 * table with a selection, export of the selection (or of everything) as CSV, XLSX or JSON,
 * import of a JSON export (merge, or replace after a confirmation), and one report's view at
 * `#report=<url>`. The table is indexed once per load; filtering and sorting work on that
 * index, and rows re-render only when their report or selection changes, so that a thousand
 * reports open and filter well within 300 ms. Text from pages is only ever rendered as text.
 */
import { Component } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { reviewLabels as makeReviewLabels } from '../review/labels';
import type { DetailFinding, ExportKind, ImportMode, WorkbookApi, WorkbookRow } from './api';
import type { Translate } from './i18n';
import { ReportDetailView } from './ReportDetail';
import { DEFAULT_SORT, FIRST_DIR, NO_FILTER, filterRows, indexRows, sortRows, yearsOf, type IndexedRow, type RowFilter, type Sort, type SortKey } from './rows';
import { useBatchFilter, type BatchSource } from '../batch/BatchFilter';
import { errorMessage } from '../../lib/error-message';

export interface WorkbookProps {
  api: WorkbookApi;
  t: Translate;
  /** Rule titles in the UI language. */
  ruleTitle(id: string): string;
  /** Save a file (the page: an object URL and <a download>). */
  download(blob: Blob, name: string): void;
  /** Batch audits, for the batch filter (components/batch/BatchFilter.tsx). */
  batches?: BatchSource;
}

type Route = { kind: 'list' } | { kind: 'report'; url: string };

export function parseRoute(hash: string): Route {
  const m = /^#report=(.+)$/.exec(hash);
  if (!m) return { kind: 'list' };
  try {
    return { kind: 'report', url: decodeURIComponent(m[1]!) };
  } catch {
    return { kind: 'list' };
  }
}

export const reportHref = (url: string): string => `#report=${encodeURIComponent(url)}`;

/** Performance marks for the benchmark and the e2e tests (DevTools shows them too). */
function measure(name: string, start: number): void {
  try {
    performance.measure(`report-auditor:${name}`, { start, end: performance.now() });
  } catch {
    /* no measure options */
  }
}

type Status = { kind: 'busy' | 'done' | 'error'; text: string } | null;

export function Workbook(p: WorkbookProps) {
  const { t, api } = p;
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [rows, setRows] = useState<WorkbookRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const reviewLabels = useMemo(() => makeReviewLabels(t), [t]);
  const batch = useBatchFilter(p.batches, rows);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const reload = useCallback(async () => {
    try {
      setRows(await api.list());
      setLoadError(null);
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  }, [api]);
  useEffect(() => void reload(), [reload]);

  // a review in the report view moves the list's progress without reading the store again
  const onReviewChanged = useCallback((url: string, before: DetailFinding, after: DetailFinding) => {
    if (before.status === 'resolved' || before.review === after.review) return;
    setRows((rs) =>
      rs?.map((r) => (r.url === url ? { ...r, review: { ...r.review, [before.review]: r.review[before.review] - 1, [after.review]: r.review[after.review] + 1 } } : r)) ?? rs,
    );
  }, []);

  useEffect(() => {
    document.title = route.kind === 'report' ? `${t('workbook.title')} · ${rows?.find((r) => r.url === route.url)?.entity ?? ''}` : t('workbook.title');
  }, [route, rows, t]);

  return (
    <main class="workbook">
      <h1>{t('workbook.title')}</h1>
      {loadError && (
        <p class="error" role="alert" data-testid="workbook-error">
          {t('workbook.loadFailed', [loadError])}
        </p>
      )}
      {/* the list stays mounted behind a report: its filter, sort and selection are kept */}
      <div hidden={route.kind !== 'list'}>
        {batch.element}
        <ReportList {...p} rows={batch.rows} reload={reload} />
      </div>
      {route.kind === 'report' && (
        <ReportDetailView api={api} t={t} reviewLabels={reviewLabels} url={route.url} ruleTitle={p.ruleTitle} onReviewChanged={onReviewChanged} />
      )}
    </main>
  );
}

interface ListProps extends WorkbookProps {
  rows: WorkbookRow[] | null;
  reload(): Promise<void>;
}

const COLUMNS: { key: SortKey; label: Parameters<Translate>[0]; num?: boolean }[] = [
  { key: 'entity', label: 'workbook.colEntity' },
  { key: 'year', label: 'workbook.colYear', num: true },
  { key: 'format', label: 'workbook.colFormat' },
  { key: 'errors', label: 'workbook.colErrors', num: true },
  { key: 'warnings', label: 'workbook.colWarnings', num: true },
  { key: 'progress', label: 'workbook.colProgress' },
  { key: 'auditedAt', label: 'workbook.colAuditedAt' },
  { key: 'site', label: 'workbook.colSite' },
];

/** Rows rendered around the viewport: the first rendered, one past the last. */
interface Window {
  start: number;
  end: number;
}
/** A row's height until one is measured (CSS keeps rows one height). */
const ROW_HEIGHT = 41;
/** Rows rendered above and below the viewport. */
const OVERSCAN = 30;
/** Rows rendered before anything is measured. */
const WINDOW_MIN = 80;

/**
 * The rows to render for a table body whose top is `top` px from the viewport's top, in a
 * viewport `height` px tall.
 */
export function rowWindow(top: number, height: number, rowHeight: number, count: number): Window {
  const first = Math.floor(Math.max(0, -top) / rowHeight);
  const shown = Math.ceil(height / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - OVERSCAN, count - shown - 2 * OVERSCAN));
  const end = Math.min(count, Math.max(first + shown + OVERSCAN, start + WINDOW_MIN));
  return { start, end };
}

function ReportList(p: ListProps) {
  const { t } = p;
  const [filter, setFilter] = useState<RowFilter>(NO_FILTER);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<Status>(null);
  const [mode, setMode] = useState<ImportMode>('merge');
  const [pendingReplace, setPendingReplace] = useState<{ name: string; text: string } | null>(null);
  const filterStart = useRef<number | null>(null);
  const sortStart = useRef<number | null>(null);
  const opened = useRef(false);
  const tbody = useRef<HTMLTableSectionElement>(null);
  const rowHeight = useRef(ROW_HEIGHT);
  const [win, setWin] = useState<Window>({ start: 0, end: WINDOW_MIN });

  const indexed = useMemo(() => (p.rows ? indexRows(p.rows) : []), [p.rows]);
  const sorted = useMemo(() => sortRows(indexed, sort), [indexed, sort]);
  const visible = useMemo(() => filterRows(sorted, filter), [sorted, filter]);
  const years = useMemo(() => yearsOf(indexed), [indexed]);
  const known = useMemo(() => new Set(indexed.map((r) => r.row.url)), [indexed]);
  // the selection holds only stored reports (an import may have removed some)
  const chosen = useMemo(() => [...selected].filter((u) => known.has(u)), [selected, known]);

  useLayoutEffect(() => {
    if (!p.rows) return;
    // force style and layout so that the figure includes them
    void document.body?.offsetHeight;
    if (!opened.current) {
      opened.current = true;
      measure('workbook-open', 0);
    }
    if (filterStart.current !== null) {
      measure('workbook-filter', filterStart.current);
      filterStart.current = null;
    }
    if (sortStart.current !== null) {
      measure('workbook-sort', sortStart.current);
      sortStart.current = null;
    }
  }, [visible, p.rows]);

  // Only the rows in and near the viewport are in the DOM (spacers stand for the others), so
  // opening, filtering and sorting cost the same for ten reports or ten thousand.
  const place = useCallback(() => {
    const el = tbody.current;
    const first = el?.querySelector<HTMLElement>('tr[data-testid="workbook-row"]');
    if (first && first.offsetHeight > 0) rowHeight.current = first.offsetHeight;
    const next = rowWindow(el ? el.getBoundingClientRect().top : 0, window.innerHeight || 800, rowHeight.current, visibleCount.current);
    setWin((w) => (w.start === next.start && w.end === next.end ? w : next));
  }, []);
  const visibleCount = useRef(0);
  visibleCount.current = visible.length;
  useLayoutEffect(place, [visible, place]);
  useEffect(() => {
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        place();
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [place]);

  const updateFilter = (change: Partial<RowFilter>) => {
    filterStart.current = performance.now();
    setFilter((f) => ({ ...f, ...change }));
  };
  const toggle = useCallback((url: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(url);
      else next.delete(url);
      return next;
    });
  }, []);
  const allShown = visible.length > 0 && visible.every((r) => selected.has(r.row.url));
  const someShown = !allShown && visible.some((r) => selected.has(r.row.url));
  const toggleAllShown = () =>
    setSelected((s) => {
      const next = new Set(s);
      for (const r of visible) {
        if (allShown) next.delete(r.row.url);
        else next.add(r.row.url);
      }
      return next;
    });
  const sortBy = (key: SortKey) => {
    sortStart.current = performance.now();
    setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: FIRST_DIR[key] }));
  };

  const busy = status?.kind === 'busy';
  const exportUrls = chosen.length > 0 ? chosen : indexed.map((r) => r.row.url);
  async function doExport(kind: ExportKind) {
    const start = performance.now();
    setStatus({ kind: 'busy', text: t('workbook.exporting') });
    try {
      const { blob, name } = await p.api.exportFile(kind, exportUrls);
      p.download(blob, name);
      measure(`workbook-export-${kind}`, start);
      setStatus({ kind: 'done', text: t('workbook.exported', [name]) });
    } catch (e) {
      setStatus({ kind: 'error', text: t('workbook.exportFailed', [errorMessage(e)]) });
    }
  }

  async function runImport(name: string, text: string, m: ImportMode) {
    setPendingReplace(null);
    setStatus({ kind: 'busy', text: t('workbook.importing') });
    try {
      const r = await p.api.importFile(text, m);
      await p.reload();
      setStatus({ kind: 'done', text: t('workbook.imported', [name, r.reports]) });
    } catch (e) {
      setStatus({ kind: 'error', text: t('workbook.importFailed', [errorMessage(e)]) });
    }
  }
  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    // the same file can be chosen again
    input.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setStatus({ kind: 'error', text: t('workbook.importFailed', [errorMessage(e)]) });
      return;
    }
    if (mode === 'replace') {
      setStatus(null);
      setPendingReplace({ name: file.name, text });
    } else await runImport(file.name, text, 'merge');
  }

  const total = indexed.length;
  return (
    <>
      <section class="tools" aria-label={t('workbook.filter')}>
        <input
          type="search"
          class="filter"
          data-testid="workbook-filter"
          aria-label={t('workbook.filter')}
          placeholder={t('workbook.filterPlaceholder')}
          value={filter.text}
          onInput={(e) => updateFilter({ text: (e.currentTarget as HTMLInputElement).value })}
        />
        <select
          data-testid="workbook-year"
          aria-label={t('workbook.colYear')}
          value={String(filter.year)}
          onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            updateFilter({ year: v === 'all' || v === 'none' ? v : Number(v) });
          }}
        >
          <option value="all">{t('workbook.allYears')}</option>
          {years.years.map((y) => (
            <option value={String(y)} key={y}>
              {y}
            </option>
          ))}
          {years.unknown && <option value="none">{t('workbook.unknown')}</option>}
        </select>
        <select
          data-testid="workbook-format"
          aria-label={t('workbook.colFormat')}
          value={filter.format}
          onChange={(e) => updateFilter({ format: (e.currentTarget as HTMLSelectElement).value as RowFilter['format'] })}
        >
          <option value="all">{t('workbook.allFormats')}</option>
          <option value="2019">2019</option>
          <option value="2021">2021</option>
          <option value="none">{t('workbook.formatUnknown')}</option>
        </select>
        <label class="check">
          <input type="checkbox" data-testid="workbook-errors-only" checked={filter.errorsOnly} onChange={(e) => updateFilter({ errorsOnly: (e.currentTarget as HTMLInputElement).checked })} />
          {t('workbook.onlyErrors')}
        </label>
        <span class="muted count" data-testid="workbook-count">
          {t('workbook.shown', [visible.length, total])}
        </span>
      </section>

      <section class="actions">
        <div class="export">
          <span data-testid="export-scope">{chosen.length > 0 ? t('workbook.exportSelected', [chosen.length]) : t('workbook.exportAll', [total])}</span>
          {(['csv', 'xlsx', 'json'] as const).map((k) => (
            <button type="button" key={k} data-testid={`export-${k}`} disabled={busy || total === 0} onClick={() => void doExport(k)}>
              {k.toUpperCase()}
            </button>
          ))}
          {chosen.length > 0 && (
            <button type="button" class="link" data-testid="clear-selection" onClick={() => setSelected(new Set())}>
              {t('workbook.clearSelection')}
            </button>
          )}
        </div>
        <div class="import">
          <span>{t('workbook.importTitle')}</span>
          <label class="check">
            <input type="radio" name="import-mode" data-testid="import-mode-merge" checked={mode === 'merge'} onChange={() => setMode('merge')} />
            {t('workbook.importMerge')}
          </label>
          <label class="check">
            <input type="radio" name="import-mode" data-testid="import-mode-replace" checked={mode === 'replace'} onChange={() => setMode('replace')} />
            {t('workbook.importReplace')}
          </label>
          <label class="file">
            <span>{t('workbook.importChoose')}</span>
            <input
              type="file"
              accept=".json,application/json"
              data-testid="import-file"
              disabled={busy}
              onChange={(e) => void onFile(e.currentTarget as HTMLInputElement)}
            />
          </label>
        </div>
        {pendingReplace && (
          <div class="confirm" role="alertdialog" data-testid="import-confirm-box">
            <p>{t('workbook.importConfirmReplace', [total, pendingReplace.name])}</p>
            <button type="button" class="danger" data-testid="import-confirm" onClick={() => void runImport(pendingReplace.name, pendingReplace.text, 'replace')}>
              {t('workbook.importConfirm')}
            </button>
            <button type="button" data-testid="import-cancel" onClick={() => setPendingReplace(null)}>
              {t('workbook.importCancel')}
            </button>
          </div>
        )}
        {status && (
          <p class={`status ${status.kind}`} data-testid="workbook-status" data-state={status.kind} role={status.kind === 'error' ? 'alert' : 'status'}>
            {status.text}
          </p>
        )}
      </section>

      {p.rows === null ? (
        <p class="muted" data-testid="workbook-loading">
          {t('workbook.loading')}
        </p>
      ) : total === 0 ? (
        <p class="muted" data-testid="workbook-empty">
          {t('workbook.empty')}
        </p>
      ) : (
        <table class="reports" data-testid="workbook-table">
          <colgroup>
            <col class="c-sel" />
            {COLUMNS.map((c) => (
              <col key={c.key} class={`c-${c.key}`} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th class="sel">
                <input
                  type="checkbox"
                  data-testid="select-all"
                  aria-label={t('workbook.selectAllShown')}
                  title={t('workbook.selectAllShown')}
                  checked={allShown}
                  indeterminate={someShown}
                  onChange={toggleAllShown}
                />
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  class={c.num ? 'num' : undefined}
                  aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button type="button" data-testid={`sort-${c.key}`} onClick={() => sortBy(c.key)}>
                    {t(c.label)}
                    <span class="arrow" aria-hidden="true">
                      {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={tbody}>
            {win.start > 0 && <tr class="spacer" aria-hidden="true" style={{ height: `${win.start * rowHeight.current}px` }} />}
            {visible.slice(win.start, win.end).map((r) => (
              <Row key={r.row.url} item={r} selected={selected.has(r.row.url)} onToggle={toggle} t={t} />
            ))}
            {win.end < visible.length && <tr class="spacer" aria-hidden="true" style={{ height: `${(visible.length - win.end) * rowHeight.current}px` }} />}
          </tbody>
        </table>
      )}
      {p.rows !== null && total > 0 && visible.length === 0 && (
        <p class="muted" data-testid="workbook-no-match">
          {t('workbook.noMatch')}
        </p>
      )}
    </>
  );
}

interface RowProps {
  item: IndexedRow;
  selected: boolean;
  onToggle(url: string, on: boolean): void;
  t: Translate;
}

/** One report's row; re-renders only when its report or its selection changes. */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return next.item !== this.props.item || next.selected !== this.props.selected || next.t !== this.props.t;
  }

  override render() {
    const { item, selected, t } = this.props;
    const r = item.row;
    return (
      <tr data-testid="workbook-row" data-url={r.url} class={selected ? 'selected' : undefined}>
        <td class="sel">
          <input type="checkbox" data-testid="select-row" aria-label={t('workbook.selectRow')} checked={selected} onChange={(e) => this.props.onToggle(r.url, (e.currentTarget as HTMLInputElement).checked)} />
        </td>
        <td class="entity">
          <a href={reportHref(r.url)} data-testid="open-report" title={r.title ?? r.url}>
            {item.name}
          </a>
          {r.title && r.title !== item.name && <span class="sub">{r.title}</span>}
        </td>
        <td class="num">{r.year ?? '—'}</td>
        <td>{r.format ?? '—'}</td>
        <td class={`num${r.counts.error > 0 ? ' has-errors' : ''}`} data-testid="row-errors">
          {r.counts.error}
        </td>
        <td class="num" data-testid="row-warnings">
          {r.counts.warning}
        </td>
        <td class="progress" data-testid="row-progress" data-reviewed={item.reviewed} data-total={item.total}>
          {item.total === 0 ? '—' : t('workbook.progress', [item.reviewed, item.total])}
          {item.total > 0 && <span class="bar" style={{ '--p': `${Math.round(item.progress * 100)}%` }} aria-hidden="true" />}
        </td>
        <td class="time">{item.auditedText}</td>
        <td class="site">{r.site}</td>
      </tr>
    );
  }
}
