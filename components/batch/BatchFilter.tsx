/**
 * The workbook's batch filter: a select of the batch audits; choosing one shows (and exports)
 * only the reports that batch stored. `workbook.html?batch=ID` opens with it chosen (the
 * popup's "open in the workbook"). Words come from the source (no i18n import: the workbook's
 * tests run without the extension's i18n).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { batchReportUrls, type BatchSummary } from '../../lib/store/batches';
import { summariseBatch } from '../../lib/store/batches';
import type { AuditDb } from '../../lib/store/db';

export interface BatchOption {
  id: string;
  label: string;
  createdAt: string;
  /** The reports the batch stored. */
  urls: string[];
  progress?: BatchSummary['progress'];
}

export interface BatchSource {
  list(): Promise<BatchOption[]>;
  labels: { filter: string; all: string };
}

/** The batches of a database, newest first. */
export function dbBatchSource(db: AuditDb, labels: BatchSource['labels']): BatchSource {
  return {
    labels,
    list: async () => {
      const rows = await db.batches.orderBy('createdAt').reverse().toArray();
      return rows.map((b) => ({ id: b.id, label: b.label, createdAt: b.createdAt, urls: batchReportUrls(b), progress: summariseBatch(b).progress }));
    },
  };
}

function initialBatch(): string | null {
  try {
    return new URLSearchParams(location.search).get('batch');
  } catch {
    return null;
  }
}

/** The rows of the chosen batch (all rows when none is chosen), and the select that chooses it. */
export function useBatchFilter<R extends { url: string }>(source: BatchSource | undefined, rows: R[] | null): { rows: R[] | null; element: preact.JSX.Element | null } {
  const [options, setOptions] = useState<BatchOption[]>([]);
  const [chosen, setChosen] = useState<string | null>(initialBatch);
  useEffect(() => {
    if (!source) return;
    void source.list().then(setOptions, () => setOptions([]));
  }, [source, rows]);
  const urls = useMemo(() => {
    const b = chosen === null ? undefined : options.find((o) => o.id === chosen);
    return b ? new Set(b.urls) : null;
  }, [chosen, options]);
  const shown = useMemo(() => (rows && urls ? rows.filter((r) => urls.has(r.url)) : rows), [rows, urls]);
  if (!source || options.length === 0) return { rows, element: null };
  const element = (
    <label class="batch-filter">
      {source.labels.filter}{' '}
      <select data-testid="workbook-batch" value={chosen ?? ''} onChange={(e) => setChosen((e.currentTarget as HTMLSelectElement).value || null)}>
        <option value="">{source.labels.all}</option>
        {options.map((o) => (
          <option value={o.id} key={o.id}>
            {o.label} · {o.createdAt.slice(0, 16).replace('T', ' ')} · {o.urls.length}
          </option>
        ))}
      </select>
    </label>
  );
  return { rows: shown, element };
}
