/**
 * The workbook's table as data: the rows the store lists, indexed once (search text, sort
 * keys, display strings) so that filtering and sorting a thousand reports on every keystroke
 * is a pass over plain fields. Pure functions, no DOM.
 */
import type { WorkbookRow } from './api';

export type SortKey = 'entity' | 'year' | 'format' | 'errors' | 'warnings' | 'progress' | 'auditedAt' | 'site';
export type SortDir = 'asc' | 'desc';
export interface Sort {
  key: SortKey;
  dir: SortDir;
}

/** Year and format selects: 'all', or a value; 'none' = not known (null). */
export interface RowFilter {
  text: string;
  year: 'all' | 'none' | number;
  format: 'all' | 'none' | '2019' | '2021';
  errorsOnly: boolean;
}

export const NO_FILTER: RowFilter = { text: '', year: 'all', format: 'all', errorsOnly: false };
export const DEFAULT_SORT: Sort = { key: 'auditedAt', dir: 'desc' };
/** The direction a column sorts in when first clicked: numbers and dates biggest first. */
export const FIRST_DIR: Record<SortKey, SortDir> = {
  entity: 'asc',
  year: 'desc',
  format: 'asc',
  errors: 'desc',
  warnings: 'desc',
  progress: 'asc',
  auditedAt: 'desc',
  site: 'asc',
};

export interface IndexedRow {
  row: WorkbookRow;
  /** Lower-cased entity, title, URL and site, for the text filter. */
  search: string;
  /** Entity, else title, else URL: what the first column shows. */
  name: string;
  /** Reviewed (confirmed + dismissed) and all current findings. */
  reviewed: number;
  total: number;
  /** reviewed / total, 1 when there is nothing to review. */
  progress: number;
  /** auditedAt as shown (local time, minutes). */
  auditedText: string;
  auditedMs: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-23 16:05 in local time. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function indexRow(row: WorkbookRow): IndexedRow {
  const { open, confirmed, dismissed } = row.review;
  const reviewed = confirmed + dismissed;
  const total = open + reviewed;
  const name = row.entity ?? row.title ?? row.url;
  return {
    row,
    search: [row.entity, row.title, row.url, row.site].filter(Boolean).join('\n').toLowerCase(),
    name,
    reviewed,
    total,
    progress: total === 0 ? 1 : reviewed / total,
    auditedText: formatTime(row.auditedAt),
    auditedMs: Date.parse(row.auditedAt) || 0,
  };
}

export const indexRows = (rows: readonly WorkbookRow[]): IndexedRow[] => rows.map(indexRow);

export function matches(r: IndexedRow, f: RowFilter, needles: readonly string[]): boolean {
  if (f.year !== 'all' && (f.year === 'none' ? r.row.year !== null : r.row.year !== f.year)) return false;
  if (f.format !== 'all' && (f.format === 'none' ? r.row.format !== null : r.row.format !== f.format)) return false;
  if (f.errorsOnly && r.row.counts.error === 0) return false;
  for (const n of needles) if (!r.search.includes(n)) return false;
  return true;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Compare by one key (nulls are handled by sortRows). */
function compareBy(key: SortKey): (a: IndexedRow, b: IndexedRow) => number {
  switch (key) {
    case 'entity':
      return (a, b) => collator.compare(a.name, b.name);
    case 'site':
      return (a, b) => collator.compare(a.row.site, b.row.site);
    case 'year':
      return (a, b) => a.row.year! - b.row.year!;
    case 'format':
      return (a, b) => collator.compare(a.row.format!, b.row.format!);
    case 'errors':
      return (a, b) => a.row.counts.error - b.row.counts.error;
    case 'warnings':
      return (a, b) => a.row.counts.warning - b.row.counts.warning;
    case 'progress':
      return (a, b) => a.progress - b.progress || a.total - b.total;
    case 'auditedAt':
      return (a, b) => a.auditedMs - b.auditedMs;
  }
}

/** An unknown year or format sorts last in either direction. */
function unknown(r: IndexedRow, key: SortKey): boolean {
  return (key === 'year' && r.row.year === null) || (key === 'format' && r.row.format === null);
}

/** Sorted (stable; unknown year or format last; ties by name, then URL). */
export function sortRows(rows: readonly IndexedRow[], sort: Sort): IndexedRow[] {
  const cmp = compareBy(sort.key);
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ua = unknown(a, sort.key);
    const ub = unknown(b, sort.key);
    const byKey = ua || ub ? Number(ua) - Number(ub) : sign * cmp(a, b);
    return byKey || collator.compare(a.name, b.name) || (a.row.url < b.row.url ? -1 : a.row.url > b.row.url ? 1 : 0);
  });
}

/** The rows the filter lets through, in their order. */
export function filterRows(rows: readonly IndexedRow[], f: RowFilter): IndexedRow[] {
  const needles = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => matches(r, f, needles));
}

export const visibleRows = (rows: readonly IndexedRow[], f: RowFilter, sort: Sort): IndexedRow[] => filterRows(sortRows(rows, sort), f);

/** The years present, newest first, and whether some report has none. */
export function yearsOf(rows: readonly IndexedRow[]): { years: number[]; unknown: boolean } {
  const set = new Set<number>();
  let unknown = false;
  for (const r of rows) {
    if (r.row.year === null) unknown = true;
    else set.add(r.row.year);
  }
  return { years: [...set].sort((a, b) => b - a), unknown };
}
