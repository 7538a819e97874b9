/**
 * The XLSX workbook: sheet 问题清单 (one typed row per finding, as the CSV), then one sheet
 * per report laying out its tables 二, 三 and 四 from the evidence cells, in the template's
 * rows and columns, with the cells that findings point at filled by severity.
 *
 * findingsSheet(), reportSheet() and xlsxSheets() describe the sheets as plain data;
 * XlsxExport writes them with the streaming writer of spreadsheetml.ts, a batch of reports at
 * a time (the workbook page feeds it while it still reads the store); toXlsx() is the one-call
 * form.
 */
import {
  T3_GROUP_RESULT,
  T2_BLOCKS,
  T3_COLUMNS,
  T3_ROWS,
  T4_GROUPS,
  T4_OUTCOMES,
  cellId,
} from '../template';
import type { Format, Severity } from '../types';
import { exportRows, ROW_COLUMNS, ruleTitle, WHOLE_PAGE, type ExportRow } from './rows';
import { FORMAT_ZH, SEVERITY_ZH, type ExportDetail } from './types';
import { describeCell } from '../template';
import { countBySeverity } from '../counts';
import { WorkbookWriter, type Cell, type CellObject, type Row, type SheetData, type SheetWriter, type XlsxSheet, LocalZip, type DeflateLevel, type ZipTarget } from './spreadsheetml';

export type { Cell, CellObject, Row, SheetData, XlsxSheet } from './spreadsheetml';

/** The workbook's font. */
export const XLSX_FONT = { family: 'Microsoft YaHei', size: 11 };

export const FINDINGS_SHEET = '问题清单';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fill of a flagged cell, by the worst severity of the findings pointing at it. */
export const SEVERITY_FILL: Record<Severity, string> = { error: '#F4B6B6', warning: '#FFE08A', info: '#BDD7EE' };
const HEADER_FILL = '#E7E6E6';
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const INVALID_SHEET_CHARS = /[[\]:*?/\\\u0000-\u001f]/g;

/**
 * A valid, unique sheet name: at most 31 characters, none of [ ] : * ? / \, not starting or
 * ending with an apostrophe, not 'History', unique ignoring case (Excel's rules).
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(INVALID_SHEET_CHARS, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = base === '' ? '报告' : `${base} 1`;
  const fit = (s: string, suffix: string) => {
    const chars = Array.from(s);
    const room = 31 - suffix.length;
    return (chars.length > room ? chars.slice(0, room).join('').trimEnd().replace(/'+$/, '') : s) + suffix;
  };
  let name = fit(base, '');
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = fit(base, ` (${n})`);
  taken.add(name.toLowerCase());
  return name;
}

/** A text cell, null when there is no text. */
function text(value: string | null | undefined): Cell {
  return value === null || value === undefined || value === '' ? null : { value, type: String };
}

function isoToDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

const FINDINGS_COLUMNS = ROW_COLUMNS.map((c) => ({ width: c.width }));

/** Sheet 问题清单's header row. */
function findingsHeader(): Row {
  return ROW_COLUMNS.map((c) => ({ value: c.header, type: String, fontWeight: 'bold', backgroundColor: HEADER_FILL }));
}

/** One typed row of sheet 问题清单. */
function findingCells(r: ExportRow): Row {
  return ROW_COLUMNS.map((c): Cell => {
    const v = c.value(r);
    if (v === null) return null;
    if (c.kind === 'number') return { value: v as number, type: Number };
    if (c.kind === 'date') {
      const d = isoToDate(v as string);
      return d ? { value: d, type: Date, format: DATE_FORMAT } : null;
    }
    return { value: String(v), type: String };
  });
}

/** Sheet 问题清单: a header row, then one row per finding with typed cells. */
export function findingsSheet(details: readonly ExportDetail[]): XlsxSheet {
  return { sheet: FINDINGS_SHEET, data: [findingsHeader(), ...exportRows(details).map(findingCells)], columns: FINDINGS_COLUMNS, stickyRowsCount: 1 };
}

/** The format whose template lays out the report: its own, else guessed from its cells. */
function layoutFormat(d: ExportDetail): Format {
  if (d.report.format) return d.report.format;
  const ids = Object.keys(d.report.cells);
  return ids.some((id) => /^T2:[^:]+:(newlyMade|newlyPublished|totalPublished|previousCount|change|projects|amount)$/.test(id) || id.startsWith('T3:3.6:'))
    ? '2019'
    : '2021';
}

/** A report's sheet: heading, tables 二, 三, 四 with flagged cells filled, then its current findings. */
export function reportSheet(d: ExportDetail, name: string): XlsxSheet {
  const { report } = d;
  const format = layoutFormat(d);
  const current = d.findings.filter((f) => (f.status ?? 'current') === 'current');
  const worst = new Map<string, Severity>();
  for (const f of current) {
    const id = f.cells[0];
    if (id === undefined) continue;
    const had = worst.get(id);
    if (had === undefined || RANK[f.severity] < RANK[had]) worst.set(id, f.severity);
  }
  const value = (id: string): Cell => {
    const c = report.cells[id];
    const fill = worst.get(id);
    if (fill === undefined) return !c ? null : c.value !== null ? { value: c.value, type: Number } : text(c.raw);
    const backgroundColor = SEVERITY_FILL[fill];
    if (!c || (c.value === null && c.raw === '')) return { backgroundColor };
    return c.value !== null ? { value: c.value, type: Number, backgroundColor } : { value: c.raw, type: String, backgroundColor };
  };
  const bold = (s: string, extra: Partial<CellObject> = {}): Cell => ({ value: s, type: String, fontWeight: 'bold', ...extra });
  const head = (s: string): Cell => ({ value: s, type: String, fontWeight: 'bold', backgroundColor: HEADER_FILL, wrap: true });
  const counts = countBySeverity(current);

  const data: SheetData = [
    [bold(report.title ?? report.url)],
    [bold('网址'), text(report.url)],
    [bold('机关'), text(report.entity), bold('年度'), report.year === null ? null : { value: report.year, type: Number }],
    [bold('格式'), text(FORMAT_ZH(report.format))],
    [bold('问题'), text(`错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}`)],
    [
      bold('标色'),
      { value: '错误', type: String, backgroundColor: SEVERITY_FILL.error },
      { value: '警告', type: String, backgroundColor: SEVERITY_FILL.warning },
      { value: '提示', type: String, backgroundColor: SEVERITY_FILL.info },
    ],
    [],
    [bold('表二 主动公开政府信息情况')],
  ];
  for (const block of T2_BLOCKS[format]) {
    data.push([head(`${block.caption} 信息内容`), ...block.header.map((c) => head(c.label))]);
    for (const row of block.rows) data.push([text(row.label), ...row.cols.map((c) => value(cellId('T2', row.key, c.key)))]);
  }
  data.push([], [bold('表三 收到和处理政府信息公开申请情况')]);
  data.push([head('申请人情况'), ...T3_COLUMNS.map((c) => head(c.label))]);
  for (const row of T3_ROWS[format]) {
    const label = row.group && row.group !== T3_GROUP_RESULT ? `${row.group} ${row.label}` : row.label;
    data.push([text(label), ...row.cols.map((c) => value(cellId('T3', row.key, c.key)))]);
  }
  data.push([], [bold('表四 政府信息公开行政复议、行政诉讼情况')]);
  data.push([null, ...T4_GROUPS.flatMap((g) => T4_OUTCOMES.map((_, i) => (i === 0 ? { ...(head(g.key === 'review' ? '行政复议' : `行政诉讼·${g.label}`) as CellObject), columnSpan: T4_OUTCOMES.length } : null)))]);
  data.push([head(''), ...T4_GROUPS.flatMap(() => T4_OUTCOMES.map((o) => head(o.label)))]);
  data.push([text('案件数'), ...T4_GROUPS.flatMap((g) => T4_OUTCOMES.map((o) => value(cellId('T4', 'cases', `${g.key}.${o.key}`))))]);

  if (current.length > 0) {
    data.push([], [bold('本报告的问题')], [head('级别'), head('规则'), head('单元格'), head('说明')]);
    for (const f of current) {
      const first = f.cells[0];
      data.push([
        { value: SEVERITY_ZH[f.severity], type: String, backgroundColor: SEVERITY_FILL[f.severity] },
        text(`${f.ruleId} ${ruleTitle(f.ruleId)}`),
        text(first === undefined ? WHOLE_PAGE : describeCell(first, report.format)),
        text(f.message),
      ]);
    }
  }
  return { sheet: name, data, columns: [{ width: 44 }, ...Array.from({ length: 15 }, () => ({ width: 12 }))] };
}

/** The name wanted for a report's sheet: its body and year. */
function wantedName(d: ExportDetail, i: number): string {
  const r = d.report;
  return [r.entity ?? r.title ?? `报告 ${i + 1}`, r.year === null ? '' : String(r.year)].join(' ');
}

/** Every sheet of the workbook, as plain data. */
export function xlsxSheets(details: readonly ExportDetail[]): XlsxSheet[] {
  const taken = new Set<string>([FINDINGS_SHEET.toLowerCase()]);
  return [findingsSheet(details), ...details.map((d, i) => reportSheet(d, sheetName(wantedName(d, i), taken)))];
}

/**
 * The workbook written a batch of reports at a time: add() as the reports are read, in the
 * order they are to appear, then finish(). The result is the same as toXlsx() of all of them.
 */
export class XlsxExport {
  private readonly book: WorkbookWriter;
  private readonly findings: SheetWriter;
  private readonly taken = new Set<string>([FINDINGS_SHEET.toLowerCase()]);
  private reports = 0;

  private readonly local: LocalZip | null;

  /** `zip`: where the entries go (default: deflated here at `level`, 1 unless given). */
  constructor(options: { zip?: ZipTarget; level?: DeflateLevel } = {}) {
    this.local = options.zip ? null : new LocalZip(options.level ?? 1);
    this.book = new WorkbookWriter({ font: XLSX_FONT, zip: options.zip ?? this.local! });
    this.findings = this.book.sheet(FINDINGS_SHEET, { columns: FINDINGS_COLUMNS, stickyRowsCount: 1 });
    this.findings.rows([findingsHeader()]);
  }

  add(details: readonly ExportDetail[]): this {
    for (const d of details) {
      this.findings.rows(exportRows([d]).map(findingCells));
      this.book.addSheet(reportSheet(d, sheetName(wantedName(d, this.reports), this.taken)));
      this.reports++;
    }
    return this;
  }

  /** End the workbook: the .xlsx file, or null when it went to another `zip` target. */
  finish(): Uint8Array<ArrayBuffer> | null {
    this.book.finish();
    return this.local ? this.local.result() : null;
  }
}

/** An .xlsx file's bytes as a Blob. */
export function xlsxBlob(bytes: Uint8Array<ArrayBuffer>): Blob {
  return new Blob([bytes], { type: XLSX_MIME });
}

/** The workbook as an .xlsx Blob. */
export async function toXlsx(details: readonly ExportDetail[]): Promise<Blob> {
  return xlsxBlob(new XlsxExport().add(details).finish()!);
}
