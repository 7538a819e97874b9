/**
 * A streaming writer of .xlsx workbooks (SpreadsheetML in a zip), for the workbook's XLSX export.
 *
 * Why not a library: the export of everything (1,000 reports, 50,000 findings, 1.18 M cells)
 * has a 2 s budget in the browser, reading the store included. Measured on that workbook in
 * Node 20 (README, "Why these libraries"): write-excel-file 4.7 s, exceljs 7.4 s,
 * xlsx-js-style 7.5 s, xlsx-kaku 2.9 s, hucre 2.4 s. Each builds an object per cell before
 * writing and deflates 46 MB of XML at level 6 once everything is built. This writer turns
 * each row into XML as it comes, in the workbook's own few styles, and hands it to fflate's
 * zip at level 1 (a file about 15 % larger than level 6, in half the time; DeflatedEntry), so
 * a caller can feed it while it is still reading the store.
 *
 * What it writes is the subset of SpreadsheetML the export uses: shared strings, numbers,
 * dates (1900 system, numFmt 164+), bold, solid fills, wrapped text, merged cells across
 * columns, column widths and frozen top rows. lib/export/spreadsheetml.test.ts reads its
 * files back with read-excel-file and checks every part against the XML schema's order rules.
 */
import { Deflate, deflateSync, Zip, ZipPassThrough, type DeflateOptions, type FlateError } from 'fflate';

export type CellValue = string | number | Date;

/** A cell as the export describes it (the shape write-excel-file took, which this replaced). */
export interface CellObject {
  value?: CellValue | null;
  type?: StringConstructor | NumberConstructor | DateConstructor;
  fontWeight?: 'bold';
  /** '#RRGGBB' */
  backgroundColor?: string;
  wrap?: boolean;
  /** Merge this cell with the next columnSpan - 1 cells of its row. */
  columnSpan?: number;
  /** A number format for a Date or Number cell, e.g. 'yyyy-mm-dd hh:mm:ss'. */
  format?: string;
}
export type Cell = CellObject | null;
export type Row = Cell[];
export type SheetData = Row[];

export interface SheetOptions {
  /** Widths in characters, by column from A. */
  columns?: { width?: number }[];
  /** Rows frozen at the top. */
  stickyRowsCount?: number;
}

/** One sheet, whole (tests and small callers; the export streams its rows). */
export interface XlsxSheet extends SheetOptions {
  sheet: string;
  data: SheetData;
}

export type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface WorkbookOptions {
  font: { family: string; size: number };
  /** Where the zip entries go. Default: a LocalZip at level 1. */
  zip?: ZipTarget;
}

/** One zip entry being written. */
export interface ZipEntry {
  push(chunk: Uint8Array, final: boolean): void;
}

/**
 * Where a workbook's zip entries go: a LocalZip here, or another thread's (ZipPort in
 * components/workbook/export-worker.ts, so that deflating runs beside the writing).
 */
export interface ZipTarget {
  entry(path: string): ZipEntry;
  end(): void;
}

/**
 * A zip entry deflated with fflate, with as little garbage as fflate allows. A report sheet
 * (a few kB, pushed once) is deflated in one call: fflate's streaming Deflate would allocate
 * a 96 kB buffer first, and in a browser worker, where each large typed array is external
 * memory that the garbage collector answers for, a thousand such entries cost 0.3 s more
 * than the deflating itself (bench/workbook-browser.bench.ts). An entry pushed in chunks
 * (the findings sheet) streams. `mem` 0, a 4,096-entry hash table, compresses this XML as
 * well as fflate's default for its size, and faster.
 */
class DeflatedEntry extends ZipPassThrough {
  private stream: Deflate | null = null;

  constructor(
    path: string,
    private readonly options: DeflateOptions,
  ) {
    super(path);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    try {
      if (this.stream === null && final) {
        this.ondata(null, deflateSync(chunk, this.options), true);
        return;
      }
      this.stream ??= new Deflate(this.options, (data, last) => this.ondata(null, data, last));
      this.stream.push(chunk, final);
    } catch (e) {
      // fflate's own errors are FlateErrors; Zip passes the error on to LocalZip's callback
      this.ondata(e as FlateError, new Uint8Array(0), final);
    }
  }
}

/** Zip entries deflated here with fflate; result() is the file. */
export class LocalZip implements ZipTarget {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private failure: Error | null = null;
  private ended = false;

  constructor(private readonly level: DeflateLevel = 1) {
    this.zip = new Zip((err, data) => {
      if (err) this.failure = err;
      else this.chunks.push(data);
    });
  }

  entry(path: string): ZipEntry {
    const f = new DeflatedEntry(path, { level: this.level, mem: 0 });
    this.zip.add(f);
    return {
      push: (chunk, final) => {
        f.push(chunk, final);
        if (this.failure) throw this.failure;
      },
    };
  }

  end(): void {
    this.zip.end();
    this.ended = true;
    if (this.failure) throw this.failure;
  }

  /** The zip file (after end()). */
  result(): Uint8Array<ArrayBuffer> {
    if (!this.ended) throw new Error('the zip is not ended');
    let size = 0;
    for (const c of this.chunks) size += c.length;
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
/** Excel's limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
export const MAX_CELL_CHARS = 32_767;

/** Characters XML 1.0 does not allow, and lone surrogates. */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text for XML content or a double-quoted attribute: escaped, characters XML forbids dropped. */
export function xmlText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

const LETTERS: string[] = [];
/** The column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  if (index < LETTERS.length) return LETTERS[index]!;
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
for (let i = 0; i < 128; i++) LETTERS.push(columnLetters(i));

/** Excel's serial date (1900 system, UTC), as write-excel-file and read-excel-file count it. */
export function dateSerial(d: Date): number {
  // one division of an exact integer: the nearest double, which readers turn back into the same millisecond
  return (d.getTime() + 25_569 * 86_400_000) / 86_400_000;
}

function argb(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return `FF${m[1]!.toUpperCase()}`;
}

interface Xf {
  bold: boolean;
  fillId: number;
  numFmtId: number;
  wrap: boolean;
}

/**
 * A workbook written as it goes. sheet() opens a sheet (sheets appear in the workbook in the
 * order they were opened; several may be open at once), its rows() write rows, end() closes
 * it; finish() writes the shared parts and ends the zip (a LocalZip's result() is the file).
 */
export class WorkbookWriter {
  private readonly zip: ZipTarget;
  private readonly font: WorkbookOptions['font'];
  private readonly encoder = new TextEncoder();
  private readonly sheetNames: string[] = [];
  private readonly strings = new Map<string, number>();
  private readonly sst: string[] = [];
  private sstCount = 0;
  private readonly styleIds = new Map<string, number>();
  private readonly xfs: Xf[] = [{ bold: false, fillId: 0, numFmtId: 0, wrap: false }];
  private readonly fills = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();
  private readonly open = new Set<SheetWriter>();
  private done = false;

  constructor(options: WorkbookOptions) {
    this.font = options.font;
    this.zip = options.zip ?? new LocalZip();
  }

  /** Open a sheet named `name` (a valid, unique sheet name: see xlsx.ts sheetName). */
  sheet(name: string, options: SheetOptions = {}): SheetWriter {
    if (this.done) throw new Error('the workbook is finished');
    this.sheetNames.push(name);
    const sheet = new SheetWriter(this, this.sheetNames.length, options);
    this.open.add(sheet);
    return sheet;
  }

  /** Write a whole sheet. */
  addSheet(s: XlsxSheet): void {
    const w = this.sheet(s.sheet, s);
    w.rows(s.data);
    w.end();
  }

  /** @internal a new zip entry */
  entry(path: string): ZipEntry {
    return this.zip.entry(path);
  }

  /** @internal */
  closed(sheet: SheetWriter): void {
    this.open.delete(sheet);
  }

  /** @internal the shared-string index of s */
  stringIndex(s: string): number {
    this.sstCount++;
    let i = this.strings.get(s);
    if (i === undefined) {
      i = this.sst.length;
      this.strings.set(s, i);
      this.sst.push(s);
    }
    return i;
  }

  /** @internal the cellXfs index of a cell's style (0: none) */
  styleOf(c: CellObject, date: boolean): number {
    const bold = c.fontWeight === 'bold';
    const fill = c.backgroundColor;
    const wrap = c.wrap === true;
    const format = c.format ?? (date ? 'yyyy-mm-dd' : undefined);
    if (!bold && fill === undefined && !wrap && format === undefined) return 0;
    const key = `${bold ? 1 : 0}|${fill ?? ''}|${wrap ? 1 : 0}|${format ?? ''}`;
    let id = this.styleIds.get(key);
    if (id === undefined) {
      let fillId = 0;
      if (fill !== undefined) {
        const rgb = argb(fill);
        fillId = this.fills.get(rgb) ?? this.fills.size + 2;
        this.fills.set(rgb, fillId);
      }
      let numFmtId = 0;
      if (format !== undefined) {
        numFmtId = this.numFmts.get(format) ?? this.numFmts.size + 164;
        this.numFmts.set(format, numFmtId);
      }
      id = this.xfs.length;
      this.xfs.push({ bold, fillId, numFmtId, wrap });
      this.styleIds.set(key, id);
    }
    return id;
  }

  /** Close any open sheet, write the shared parts and end the zip. */
  finish(): void {
    if (this.done) throw new Error('the workbook is finished');
    for (const s of [...this.open]) s.end();
    this.done = true;
    const n = this.sheetNames.length;
    const put = (path: string, xml: string) => {
      const f = this.entry(path);
      f.push(this.encoder.encode(XML_HEAD + xml), true);
    };
    put(
      'xl/sharedStrings.xml',
      `<sst xmlns="${MAIN_NS}" count="${this.sstCount}" uniqueCount="${this.sst.length}">${this.sst
        .map((s) => (/^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${xmlText(s)}</t></si>` : `<si><t>${xmlText(s)}</t></si>`))
        .join('')}</sst>`,
    );
    put('xl/styles.xml', this.stylesXml());
    const sheetIds = Array.from({ length: n }, (_, i) => i + 1);
    put(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheetIds
        .map((i) => `<sheet name="${xmlText(this.sheetNames[i - 1]!).replaceAll("'", '&apos;')}" sheetId="${i}" r:id="rId${i}"/>`)
        .join('')}</sheets></workbook>`,
    );
    put(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PKG_REL_NS}">${sheetIds
        .map((i) => `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`)
        .join('')}<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    );
    put('_rels/.rels', `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
    put(
      '[Content_Types].xml',
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>${sheetIds
        .map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${CT}.worksheet+xml"/>`)
        .join('')}<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/></Types>`,
    );
    this.zip.end();
  }

  private stylesXml(): string {
    const { family, size } = this.font;
    const name = xmlText(family);
    const fonts = [`<font><sz val="${size}"/><name val="${name}"/><family val="2"/></font>`, `<font><b/><sz val="${size}"/><name val="${name}"/><family val="2"/></font>`];
    const fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
    for (const rgb of this.fills.keys()) fills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`);
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    const xfs = this.xfs.map(({ bold, fillId, numFmtId, wrap }) => {
      const applied = `${numFmtId ? ' applyNumberFormat="1"' : ''}${bold ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${wrap ? ' applyAlignment="1"' : ''}`;
      const attrs = `numFmtId="${numFmtId}" fontId="${bold ? 1 : 0}" fillId="${fillId}" borderId="0" xfId="0"${applied}`;
      return wrap ? `<xf ${attrs}><alignment wrapText="1"/></xf>` : `<xf ${attrs}/>`;
    });
    return (
      `<styleSheet xmlns="${MAIN_NS}">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
      `<fills count="${fills.length}">${fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** Bytes of sheet XML per zip push: deflate then runs on large chunks. */
const CHUNK = 1 << 18;

/**
 * One sheet being written: rows() as often as needed, then end().
 *
 * A sheet's XML is all ASCII (the text of a cell lives in the shared strings), so it is
 * written straight into bytes: no strings to join, encode or collect.
 */
export class SheetWriter {
  private readonly file: ZipEntry;
  private buf = new Uint8Array(CHUNK >> 4);
  private n = 0;
  private rowCount = 0;
  private readonly merges: string[] = [];
  private ended = false;

  constructor(
    private readonly book: WorkbookWriter,
    index: number,
    options: SheetOptions,
  ) {
    this.file = book.entry(`xl/worksheets/sheet${index}.xml`);
    const sticky = options.stickyRowsCount ?? 0;
    const pane = sticky > 0 ? `<pane ySplit="${sticky}" topLeftCell="A${sticky + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>` : '';
    const view = `<sheetViews><sheetView${index === 1 ? ' tabSelected="1"' : ''} workbookViewId="0"${pane ? `>${pane}</sheetView>` : '/>'}</sheetViews>`;
    this.ascii(`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${view}<sheetFormatPr defaultRowHeight="15"/>${colsXml(options.columns ?? [])}<sheetData>`);
  }

  /** Write rows below the ones already written. */
  rows(rows: Iterable<Row>): this {
    if (this.ended) throw new Error('the sheet is ended');
    const book = this.book;
    for (const row of rows) {
      const r = ++this.rowCount;
      if (r > MAX_ROWS) throw new Error(`a sheet holds at most ${MAX_ROWS} rows`);
      if (row.length > MAX_COLUMNS) throw new Error(`a row holds at most ${MAX_COLUMNS} cells`);
      const rowNum = String(r);
      let opened = false;
      for (let k = 0; k < row.length; k++) {
        const c = row[k];
        if (c === null || c === undefined) continue;
        const letters = columnLetters(k);
        if (c.columnSpan !== undefined && c.columnSpan > 1) this.merges.push(`${letters}${rowNum}:${columnLetters(k + c.columnSpan - 1)}${rowNum}`);
        const v = c.value;
        const isDate = v instanceof Date;
        const style = book.styleOf(c, isDate);
        let value: string | null;
        let shared = false;
        if (v === undefined || v === null || v === '') value = null;
        else if (typeof v === 'number') {
          if (Number.isFinite(v)) value = String(v);
          else {
            value = String(book.stringIndex(String(v)));
            shared = true;
          }
        } else if (isDate) {
          const serial = dateSerial(v);
          value = Number.isFinite(serial) ? String(serial) : null;
        } else {
          value = String(book.stringIndex(v.length > MAX_CELL_CHARS ? v.slice(0, MAX_CELL_CHARS) : v));
          shared = true;
        }
        if (value === null && style === 0) continue;
        if (!opened) {
          this.ascii('<row r="');
          this.ascii(rowNum);
          this.ascii('">');
          opened = true;
        }
        this.ascii('<c r="');
        this.ascii(letters);
        this.ascii(rowNum);
        if (style !== 0) {
          this.ascii('" s="');
          this.ascii(String(style));
        }
        if (value === null) {
          this.ascii('"/>');
          continue;
        }
        this.ascii(shared ? '" t="s"><v>' : '"><v>');
        this.ascii(value);
        this.ascii('</v></c>');
      }
      if (opened) this.ascii('</row>');
    }
    return this;
  }

  /** Close the sheet (merged cells go after its rows). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const merges = this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    this.ascii(`</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
    this.file.push(this.buf.subarray(0, this.n), true);
    this.book.closed(this);
  }

  /** Append ASCII text (callers pass only ASCII). */
  private ascii(s: string): void {
    const len = s.length;
    if (this.n + len > this.buf.length) {
      if (this.buf.length < CHUNK && this.n + len <= CHUNK) {
        // a small sheet starts with a small buffer, doubled as it grows (a report sheet is
        // about 20 kB: allocating CHUNK for each would be 1,000 × 256 kB of garbage)
        const grown = new Uint8Array(Math.min(CHUNK, Math.max(this.buf.length * 2, this.n + len)));
        grown.set(this.buf.subarray(0, this.n));
        this.buf = grown;
      } else {
        // the chunk goes to the zip entry, which may keep it (or move it to another thread)
        this.file.push(this.buf.subarray(0, this.n), false);
        this.buf = new Uint8Array(Math.max(CHUNK, len));
        this.n = 0;
      }
    }
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) buf[n++] = s.charCodeAt(i);
    this.n = n;
  }
}

/** <cols>, consecutive columns of the same width in one <col>. */
function colsXml(columns: readonly { width?: number }[]): string {
  let xml = '';
  for (let i = 0; i < columns.length; ) {
    const w = columns[i]!.width;
    let j = i + 1;
    while (j < columns.length && columns[j]!.width === w) j++;
    if (w !== undefined) xml += `<col min="${i + 1}" max="${j}" width="${w}" customWidth="1"/>`;
    i = j;
  }
  return xml ? `<cols>${xml}</cols>` : '';
}
