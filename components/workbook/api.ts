/**
 * What the workbook reads and writes, as one interface: the page passes the store's functions
 * on its own database (dbApi), tests pass the same on fake-indexeddb. The workbook is an
 * extension page, in the background's origin, so it opens the Dexie database directly.
 */
import { getReportDetail, listReports, reportDetailBatches, setReview, type AuditDb } from '../../lib/store/db';
import { exportFileName } from '../../lib/export/filename';
import { ImportError, importJson } from '../../lib/export/import';
import type { ReviewReason, ReviewState } from '../../lib/messages';
import type { ReviewUpdate } from '../review/ReviewControls';
import type { ExportWorkerLike } from './export-worker';

type Severity = 'error' | 'warning' | 'info';

/** One report as the table lists it (no cells, no findings). */
export interface WorkbookRow {
  url: string;
  title: string | null;
  entity: string | null;
  year: number | null;
  format: '2019' | '2021' | null;
  /** The page's host name. */
  site: string;
  counts: Record<Severity, number>;
  /** Current findings by review state; resolved: findings no longer found. */
  review: { open: number; confirmed: number; dismissed: number; resolved: number };
  auditedAt: string;
}

export interface DetailFinding {
  id: number;
  ruleId: string;
  severity: Severity;
  cells: string[];
  expected?: number;
  actual?: number;
  message: string;
  review: ReviewState;
  reviewReason: ReviewReason | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  status: 'current' | 'resolved';
}

export interface ReportDetail {
  report: {
    url: string;
    title: string | null;
    entity: string | null;
    year: number | null;
    format: '2019' | '2021' | null;
    auditedAt: string;
    evidenceSha256?: string;
    /** Audited from a PDF/DOCX attachment (components/viewer/AttachmentSource.tsx). */
    attachment?: { kind: 'pdf' | 'docx'; url?: string; sha256: string; bytes: number; pages?: number };
    cells: Record<string, { raw: string; value: number | null }>;
  };
  findings: DetailFinding[];
}

export type ExportKind = 'csv' | 'xlsx' | 'json';
export type ImportMode = 'merge' | 'replace';

export interface WorkbookApi {
  /** Every stored report. */
  list(): Promise<WorkbookRow[]>;
  /** One report with its evidence and findings; null when it is not stored. */
  detail(url: string): Promise<ReportDetail | null>;
  /** Store a finding's review; rejects with the reason when it was not stored. */
  setReview(findingId: number, review: ReviewUpdate): Promise<void>;
  /** The export file of these reports. */
  exportFile(kind: ExportKind, urls: readonly string[]): Promise<{ blob: Blob; name: string }>;
  /**
   * Import an export file (JSON). Rejects with a message a person can act on, changing
   * nothing, when the file is not one.
   */
  importFile(text: string, mode: ImportMode): Promise<{ reports: number }>;
}

export interface DbApiOptions {
  now?: () => Date;
  /** The language of import errors (ImportError says why in zh and en). Default zh. */
  lang?: 'zh' | 'en';
  /** A new Worker running export.worker.ts: the exports are then made off the page's main thread (export-worker.ts). */
  exportWorker?: () => ExportWorkerLike;
}

/**
 * For the benchmark (bench/workbook-browser.bench.ts) and the e2e test: how much of an export is
 * the page reading the store, which it does only when it makes the file itself.
 */
function measureRead(start: number): void {
  try {
    performance.measure('report-auditor:export-read', { start, end: performance.now() });
  } catch {
    /* no measure options */
  }
}

/** The batches, measuring when the last one has been read. */
async function* measured<T>(batches: AsyncIterable<T>, start: number): AsyncGenerator<T> {
  yield* batches;
  measureRead(start);
}

/** The workbook's API on a database (the extension's own, or fake-indexeddb's in tests). */
export function dbApi(db: AuditDb, { now = () => new Date(), lang = 'zh', exportWorker }: DbApiOptions = {}): WorkbookApi {
  return {
    list: () => listReports(db),
    detail: async (url) => (await getReportDetail(db, url)) ?? null,
    setReview: async (id, review) => {
      await setReview(db, id, review);
    },
    exportFile: async (kind, urls) => {
      const start = performance.now();
      const date = now();
      const name = exportFileName(kind, date);
      // the exports' code loads on the first export, not with the page
      if (kind === 'xlsx') {
        // written a batch at a time while the next batch is read (export-worker.ts)
        const { xlsxInWorkers, writeBatches, XlsxBuild } = await import('./export-worker');
        const batches = () => measured(reportDetailBatches(db, urls), start);
        if (exportWorker) return { blob: await xlsxInWorkers(exportWorker, urls, batches), name };
        const reply = (await writeBatches(new XlsxBuild(), batches()))!;
        if (!reply.ok) throw new Error(reply.error);
        return { blob: reply.blob, name };
      }
      const [{ textInWorker }, { textExport }] = await Promise.all([import('./export-worker'), import('./text-export')]);
      const inPage = () => textExport(db, kind, urls, date, () => measureRead(start));
      return { blob: exportWorker ? await textInWorker(exportWorker, kind, urls, date, inPage) : await inPage(), name };
    },
    importFile: async (text, mode) => {
      try {
        const r = await importJson(db, text, mode);
        return { reports: r.reports };
      } catch (e) {
        if (e instanceof ImportError) throw new Error(lang === 'zh' ? e.zh : e.en);
        throw e;
      }
    },
  };
}
