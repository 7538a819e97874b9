export type ExportKind = 'csv' | 'xlsx' | 'json';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The download's file name, dated with the local calendar day:
 * report-audit-findings-2026-11-23.csv / .xlsx, report-audit-export-2026-11-23.json.
 */
export function exportFileName(kind: ExportKind, date: Date = new Date()): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return kind === 'json' ? `report-audit-export-${day}.json` : `report-audit-findings-${day}.${kind}`;
}
