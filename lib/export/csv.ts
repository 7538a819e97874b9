/**
 * The findings list as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads the
 * Chinese text as UTF-8), CRLF line endings, and text that Excel would run as a formula
 * (starting with = + - @, a tab or a CR) escaped with a leading apostrophe by papaparse's
 * escapeFormulae. Numbers (年度, 应为, 实为) stay numbers.
 */
import Papa from 'papaparse';
import { ROW_COLUMNS, type ExportRow } from './rows';

export const CSV_BOM = '\uFEFF';

/**
 * Text that Excel would run as a formula. papaparse's own pattern (escapeFormulae: true) is
 * /^[=+\-@\t\r].*$/, which misses text with a line break (`.` stops at \n).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(rows: readonly ExportRow[]): string {
  const data = rows.map((r) => ROW_COLUMNS.map((c) => c.value(r)));
  const csv = Papa.unparse(
    { fields: ROW_COLUMNS.map((c) => c.header), data },
    { escapeFormulae: FORMULA_START, newline: '\r\n', quotes: false, header: true },
  );
  return CSV_BOM + csv.replace(/(\r\n)+$/, '') + '\r\n';
}
