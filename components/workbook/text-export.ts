/**
 * The CSV and JSON exports of stored reports, as files: run in the export worker
 * (export-worker.ts), so the workbook page stays responsive while 50,000 findings are turned
 * into text, or in the page when no worker can run.
 */
import { toCsv } from '../../lib/export/csv';
import { toJson } from '../../lib/export/json';
import { exportRows } from '../../lib/export/rows';
import { allReportDetails, type AuditDb } from '../../lib/store/db';

export type TextKind = 'csv' | 'json';

export const TEXT_MIME: Record<TextKind, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
};

/**
 * The details of these reports, in this order. When they are every stored report (the workbook's
 * "export everything"), each table is read whole (one getAll each) and put in order here:
 * allReportDetails with a list of URLs finds their findings with an index anyOf, a cursor that
 * steps through every finding one callback at a time (bench/workbook-browser.bench.ts).
 */
async function readDetails(db: AuditDb, urls: readonly string[]) {
  if (urls.length > 0 && urls.length >= (await db.reports.count())) {
    const all = await allReportDetails(db);
    const byUrl = new Map(all.map((d) => [d.report.url, d]));
    const ordered = urls.map((u) => byUrl.get(u));
    if (ordered.every((d) => d !== undefined)) return ordered;
  }
  return allReportDetails(db, urls);
}

/** The export file of the stored reports `urls`, in that order; `read` is called once they are read. */
export async function textExport(db: AuditDb, kind: TextKind, urls: readonly string[], exportedAt: Date, read?: () => void): Promise<Blob> {
  const details = await readDetails(db, urls);
  read?.();
  if (kind === 'csv') return new Blob([toCsv(exportRows(details))], { type: TEXT_MIME.csv });
  return new Blob([toJson(details, { exportedAt })], { type: TEXT_MIME.json });
}
