/**
 * PDF page content (text runs + ruling lines, lib/pdf/types.ts) → the engine's PageModel, so
 * that detection, template mapping and the rules run on a PDF exactly as on a web page.
 *
 * Tables: the report's tables are ruled grids (the template is a bordered table, and Word, WPS
 * and browsers draw each border), so a table is rebuilt from its ruling lines: the lines that
 * touch each other form one table; their distinct x and y positions form a grid; a grid cell
 * with no border between it and its neighbour is merged with it, which gives each cell its
 * rowspan and colspan as the source document had them. The text is then put into the cells by
 * position (each character by its centre), wrapped lines joined without a separator (as a
 * browser's textContent joins a cell's lines). A table broken over two pages is two tables, the
 * second usually repeating the header rows: the template mapping already joins split tables
 * and skips repeated header rows (the `split` markup of the HTML fixtures), so nothing more
 * is needed here.
 *
 * Text outside the tables: lines (characters on one baseline), joined into paragraphs when a
 * line runs to the right margin and the next one is not indented, in reading order with the
 * tables. The title candidates are the largest-type lines at the top of the first page.
 *
 * Characters are normalised where PDF fonts differ from the source text: Kangxi radicals
 * (U+2F00–U+2FD5, which Chromium's and some Word fonts map ideographs to: ⼆ for 二, ⾏ for 行)
 * become the ideographs. Full-width digits and other characters the rules check are kept.
 */
import type { Block, CellBox, PageModel, SourceCell, SourceRow, SourceTable } from '../types';
import { displayText } from '../normalise';
import type { PdfContent, PdfPageContent, Segment, TextRun } from './types';

/** Two coordinates closer than this (points) are the same line. */
const TOL = 2;
/** A border covers a cell edge when it runs along at least this share of it. */
const COVER = 0.6;

// ------------------------------------------------------------------ characters

/** One character, placed. */
interface Char {
  ch: string;
  /** Left and right edge. */
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
}

/** Kangxi radicals and CJK radicals that have a compatibility decomposition → the ideograph. */
export function fixRadicals(s: string): string {
  return /[\u2e80-\u2fdf]/.test(s) ? s.replace(/[\u2e80-\u2fdf]/g, (c) => c.normalize('NFKC')) : s;
}

/** Split runs into characters, each with its share of the run's width. */
function charsOf(runs: TextRun[]): Char[] {
  const out: Char[] = [];
  for (const r of runs) {
    if (!(r.size > 0) || !Number.isFinite(r.x) || !Number.isFinite(r.y)) continue;
    const chars = Array.from(fixRadicals(r.str));
    if (chars.length === 0) continue;
    const w = r.width / chars.length;
    chars.forEach((ch, i) => out.push({ ch, x0: r.x + w * i, x1: r.x + w * (i + 1), y: r.y, size: r.size }));
  }
  return out;
}

/** Vertical centre of a character's box (baseline minus about a third of the em). */
const midY = (c: Char) => c.y - c.size * 0.35;
const midX = (c: Char) => (c.x0 + c.x1) / 2;
const isSpace = (ch: string) => /^\s$/.test(ch);

interface Line {
  chars: Char[];
  y: number;
  x0: number;
  x1: number;
  size: number;
}

/** Group characters into lines (same baseline within a third of the type size), top to bottom, left to right. */
function linesOf(chars: Char[]): Line[] {
  const sorted = chars.slice().sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const c of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(c.y - last.y) <= Math.max(1, Math.min(c.size, last.size) * 0.35)) last.chars.push(c);
    else lines.push({ chars: [c], y: c.y, x0: 0, x1: 0, size: 0 });
  }
  for (const l of lines) {
    l.chars.sort((a, b) => a.x0 - b.x0);
    const ink = l.chars.filter((c) => !isSpace(c.ch));
    l.x0 = ink.length ? ink[0]!.x0 : l.chars[0]!.x0;
    l.x1 = ink.length ? ink[ink.length - 1]!.x1 : l.chars[l.chars.length - 1]!.x1;
    l.size = Math.max(...l.chars.map((c) => c.size));
  }
  return lines;
}

/** A line's text: spaces kept only between two characters (a space the PDF draws at a line's end is layout). */
function lineText(l: Line): string {
  let s = '';
  let pendingSpace = false;
  let prev: Char | null = null;
  for (const c of l.chars) {
    if (isSpace(c.ch)) {
      if (prev) pendingSpace = true;
      continue;
    }
    // a gap of more than half an em between two characters of a line reads as a space
    if (prev && (pendingSpace || c.x0 - prev.x1 > c.size * 0.5)) s += ' ';
    s += c.ch;
    pendingSpace = false;
    prev = c;
  }
  return s;
}

// ------------------------------------------------------------------ ruling lines → grids

interface HLine {
  y: number;
  x1: number;
  x2: number;
}
interface VLine {
  x: number;
  y1: number;
  y2: number;
}

/** Segments → merged horizontal and vertical lines (collinear pieces that touch or overlap are one line). */
export function mergeSegments(segments: Segment[]): { h: HLine[]; v: VLine[] } {
  const hs: HLine[] = [];
  const vs: VLine[] = [];
  for (const s of segments) {
    const dx = Math.abs(s.x2 - s.x1);
    const dy = Math.abs(s.y2 - s.y1);
    if (dy <= TOL / 2 && dx > TOL) hs.push({ y: (s.y1 + s.y2) / 2, x1: Math.min(s.x1, s.x2), x2: Math.max(s.x1, s.x2) });
    else if (dx <= TOL / 2 && dy > TOL) vs.push({ x: (s.x1 + s.x2) / 2, y1: Math.min(s.y1, s.y2), y2: Math.max(s.y1, s.y2) });
  }
  const mergeH = (list: HLine[]): HLine[] => {
    list.sort((a, b) => a.y - b.y || a.x1 - b.x1);
    const out: HLine[] = [];
    // lines at (nearly) the same y: bucket, then join overlapping x ranges
    let i = 0;
    while (i < list.length) {
      let j = i;
      while (j + 1 < list.length && list[j + 1]!.y - list[i]!.y <= TOL) j++;
      const group = list.slice(i, j + 1).sort((a, b) => a.x1 - b.x1);
      const y = group.reduce((n, l) => n + l.y, 0) / group.length;
      let cur: HLine | null = null;
      for (const l of group) {
        if (cur && l.x1 <= cur.x2 + TOL) cur.x2 = Math.max(cur.x2, l.x2);
        else {
          if (cur) out.push(cur);
          cur = { y, x1: l.x1, x2: l.x2 };
        }
      }
      if (cur) out.push(cur);
      i = j + 1;
    }
    return out;
  };
  const h = mergeH(hs);
  const v = mergeH(vs.map((l) => ({ y: l.x, x1: l.y1, x2: l.y2 }))).map((l) => ({ x: l.y, y1: l.x1, y2: l.x2 }));
  return { h, v };
}

/** Sorted positions with those closer than TOL merged (their mean). */
function cluster(values: number[]): number[] {
  const sorted = values.slice().sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[0]! > TOL) {
      out.push(group.reduce((a, b) => a + b, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((a, b) => a + b, 0) / group.length);
  return out;
}

/** A table rebuilt from its ruling lines: cells with spans and boxes, in rows. */
export interface GridTable {
  /** Grid line positions. */
  xs: number[];
  ys: number[];
  /** Per grid row: the cells that start in it, left to right. */
  rows: GridCell[][];
  /** Grid cell (row, col) → the cell covering it. */
  owner: (GridCell | null)[][];
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: { x: number; y: number; width: number; height: number };
  chars: Char[];
}

/** Whether some line of `lines` lies at `at` and covers at least COVER of [from, to]. */
function covered(lines: { at: number; a: number; b: number }[], at: number, from: number, to: number): boolean {
  const need = (to - from) * COVER;
  let sum = 0;
  for (const l of lines) {
    if (Math.abs(l.at - at) > TOL) continue;
    sum += Math.max(0, Math.min(l.b, to) - Math.max(l.a, from));
    if (sum >= need) return true;
  }
  return false;
}

/** The tables a page's ruling lines form: connected groups of lines with at least 2 × 2 grid cells. */
export function gridTables(segments: Segment[]): GridTable[] {
  const { h, v } = mergeSegments(segments);
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < h.length; i++) {
    const a = h[i]!;
    for (let j = 0; j < v.length; j++) {
      const b = v[j]!;
      if (b.x >= a.x1 - TOL && b.x <= a.x2 + TOL && a.y >= b.y1 - TOL && a.y <= b.y2 + TOL) parent[find(i)] = find(h.length + j);
    }
  }
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { h: [], v: [] }));
    if (i < h.length) g.h.push(h[i]!);
    else g.v.push(v[i - h.length]!);
  }
  const tables: GridTable[] = [];
  for (const g of groups.values()) {
    if (g.h.length < 1 || g.v.length < 2) continue;
    const left = Math.min(...g.h.map((l) => l.x1), ...g.v.map((l) => l.x));
    const right = Math.max(...g.h.map((l) => l.x2), ...g.v.map((l) => l.x));
    const top = Math.min(...g.v.map((l) => l.y1), ...g.h.map((l) => l.y));
    const bottom = Math.max(...g.v.map((l) => l.y2), ...g.h.map((l) => l.y));
    const xs = cluster([left, right, ...g.v.map((l) => l.x)]);
    const ys = cluster([top, bottom, ...g.h.map((l) => l.y)]);
    // at least two columns; one row is enough (the last row of a table, carried over to the next page)
    if (xs.length < 3 || ys.length < 2) continue;
    const vl = g.v.map((l) => ({ at: l.x, a: l.y1, b: l.y2 }));
    const hl = g.h.map((l) => ({ at: l.y, a: l.x1, b: l.x2 }));
    const R = ys.length - 1;
    const C = xs.length - 1;
    // border to the right of grid cell (r, c) / below it; the table's outline always counts
    const rightBorder = (r: number, c: number) => c === C - 1 || covered(vl, xs[c + 1]!, ys[r]!, ys[r + 1]!);
    const lowerBorder = (r: number, c: number) => r === R - 1 || covered(hl, ys[r + 1]!, xs[c]!, xs[c + 1]!);
    const owner: (GridCell | null)[][] = Array.from({ length: R }, () => Array<GridCell | null>(C).fill(null));
    const rows: GridCell[][] = Array.from({ length: R }, () => []);
    for (let r = 0; r < R; r++) {
      for (let c = 0; c < C; c++) {
        if (owner[r]![c]) continue;
        let cs = 1;
        while (c + cs < C && !rightBorder(r, c + cs - 1) && !owner[r]![c + cs]) cs++;
        let rs = 1;
        const open = (rr: number) => {
          for (let k = c; k < c + cs; k++) if (lowerBorder(rr, k) || owner[rr + 1]?.[k]) return false;
          return true;
        };
        while (r + rs < R && open(r + rs - 1)) rs++;
        const cell: GridCell = {
          row: r,
          col: c,
          rowSpan: rs,
          colSpan: cs,
          box: { x: xs[c]!, y: ys[r]!, width: xs[c + cs]! - xs[c]!, height: ys[r + rs]! - ys[r]! },
          chars: [],
        };
        for (let rr = r; rr < r + rs; rr++) for (let k = c; k < c + cs; k++) owner[rr]![k] = cell;
        rows[r]!.push(cell);
      }
    }
    tables.push({ xs, ys, rows, owner, top, bottom, left, right });
  }
  return tables.sort((a, b) => a.top - b.top || a.left - b.left);
}

/** Index of the interval of sorted `edges` holding `v`, or -1. */
function slot(edges: number[], v: number): number {
  if (v < edges[0]! || v > edges[edges.length - 1]!) return -1;
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A cell's text: its lines, top to bottom, joined without a separator; ASCII whitespace collapsed as cellText does. */
function cellTextOf(chars: Char[]): string {
  if (chars.length === 0) return '';
  return linesOf(chars)
    .map(lineText)
    .join('')
    .replace(/^[ \t\n\r\f]+|[ \t\n\r\f]+$/g, '')
    .replace(/[ \t\n\r\f]+/g, ' ');
}

// ------------------------------------------------------------------ text blocks

interface Paragraph {
  text: string;
  y: number;
  size: number;
  page: number;
  /** The first line starts at the left margin (a paragraph continued from the previous page does). */
  flush: boolean;
  /** The last line runs to the right margin (the paragraph may go on, on the next page). */
  full: boolean;
}

/** Lines outside tables → paragraphs: a line that reaches the right margin continues into a following, unindented line. */
function paragraphsOf(lines: Line[], page: number, left: number, right: number): Paragraph[] {
  const bodySize = median(lines.map((l) => l.size));
  const out: Paragraph[] = [];
  let cur: { lines: Line[] } | null = null;
  const close = () => {
    if (!cur) return;
    const text = cur.lines.map(lineText).join('');
    const first = cur.lines[0]!;
    const last = cur.lines[cur.lines.length - 1]!;
    out.push({ text, y: first.y, size: first.size, page, flush: first.x0 <= left + first.size, full: last.x1 >= right - last.size * 1.5 });
    cur = null;
  };
  for (const l of lines) {
    const prev: Line | undefined = cur ? (cur as { lines: Line[] }).lines[(cur as { lines: Line[] }).lines.length - 1] : undefined;
    const sameSize = prev !== undefined && Math.abs(l.size - prev.size) < 0.5;
    const joins =
      prev !== undefined &&
      sameSize &&
      l.y - prev.y <= prev.size * 2.2 &&
      // body text: the line above runs to the right margin and this one is not indented
      ((prev.x1 >= right - prev.size * 1.5 && l.x0 <= left + l.size * 1.0) ||
        // a title in larger type set over several (centred) lines
        (bodySize > 0 && l.size > bodySize + 0.5 && l.y - prev.y <= prev.size * 1.8));
    if (!joins) close();
    if (!cur) cur = { lines: [] };
    (cur as { lines: Line[] }).lines.push(l);
  }
  close();
  return out;
}

// ------------------------------------------------------------------ the page model

/** Where each source cell of the model sits: the same objects as in PageModel.tables. */
export interface PdfLayout {
  page: PageModel;
  /** Pages read. */
  pages: number;
  /** Characters in the text layer (0: a scanned PDF). */
  chars: number;
}

export interface PdfPageOptions {
  /** The attachment's URL, or the file path. */
  source: string;
  isFile?: boolean;
}

/** A table as read from one page, before fragments broken by a page break are joined. */
interface Fragment {
  page: number;
  rows: SourceRow[];
  left: number;
  right: number;
  /** Lowest cell bottom. */
  bottom: number;
}

type PageItem = { y: number; para: Paragraph } | { y: number; frag: Fragment };

/** A grid → rows of source cells; grid rows where no cell starts, or only empty ones, are dropped. */
function fragmentOf(g: GridTable, page: number): Fragment | null {
  const rows: SourceRow[] = g.rows.map((cells) => ({
    cells: cells.map((cell): SourceCell => {
      const box: CellBox = { page, ...roundBox(cell.box) };
      return { text: cellTextOf(cell.chars), rowSpan: cell.rowSpan, colSpan: cell.colSpan, box };
    }),
  }));
  // a dropped row is the rest of a cell a page break cut, or the space under the last border: the spans across it shrink
  const drop = rows.map((row) => row.cells.every((c) => c.text === ''));
  g.rows.forEach((_cells, r) => {
    if (!drop[r]) return;
    for (const above of g.rows.slice(0, r)) {
      above.forEach((cell, i) => {
        const src = rows[cell.row]!.cells[i]!;
        if (cell.row + cell.rowSpan > r && src.rowSpan > 1) src.rowSpan--;
      });
    }
  });
  const kept = rows.filter((_r, i) => !drop[i]);
  if (kept.length === 0) return null;
  return { page, rows: kept, left: g.left, right: g.right, bottom: g.bottom };
}

/** A page number line: `3`, `- 3 -`, `— 3 —`, `第 3 页`, `3 / 12`, `第3页 共12页`. */
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d+\s*[-—–]|\d+|\d+\s*\/\s*\d+|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?)\s*$/;

const rowText = (r: SourceRow) => r.cells.map((c) => c.text.replace(/\s+/g, '')).join('|');

/**
 * Join a table continued on the next page: its repeated header rows (the first rows of the
 * continuation that repeat the first rows of the table) are dropped, and an empty cell at the top
 * of the continuation under a cell that reaches the bottom of the previous part (a merged cell the
 * break cut) extends that cell instead.
 */
function joinFragments(a: Fragment, b: Fragment): void {
  let k = 0;
  while (k < b.rows.length - 1 && k < a.rows.length && k < 6 && rowText(b.rows[k]!) === rowText(a.rows[k]!)) k++;
  const rest = b.rows.slice(k);
  const first = rest[0];
  if (first) {
    const reaching = a.rows.flatMap((r) => r.cells).filter((c) => c.box && c.box.y + c.box.height >= a.bottom - TOL);
    // only the empty cells before the row's first text: merged label cells (a blank value cell is a cell of its own)
    const lead = first.cells.findIndex((c) => c.text !== '');
    first.cells = first.cells.filter((c, i) => {
      if (c.text !== '' || !c.box || (lead >= 0 && i > lead)) return true;
      const above = reaching.find((u) => Math.abs(u.box!.x - c.box!.x) <= TOL && Math.abs(u.box!.width - c.box!.width) <= TOL);
      if (!above) return true;
      above.rowSpan += c.rowSpan;
      return false;
    });
  }
  a.rows.push(...rest);
  a.bottom = b.bottom;
}

/** Build the engine's page model from the pages of a PDF. */
export function pageFromPdf(content: PdfContent, opts: PdfPageOptions): PdfLayout {
  let nChars = 0;
  let title: string[] = [];
  const pages: PageItem[][] = [];
  for (const pg of content.pages) {
    const chars = charsOf(pg.runs);
    nChars += chars.filter((c) => !isSpace(c.ch)).length;
    const grids = gridTables(pg.segments);
    const free: Char[] = [];
    for (const c of chars) {
      const x = midX(c);
      const y = midY(c);
      let placed = false;
      for (const g of grids) {
        if (y < g.top || y > g.bottom || x < g.left || x > g.right) continue;
        const r = slot(g.ys, y);
        const k = slot(g.xs, x);
        const cell = r >= 0 && k >= 0 ? g.owner[r]![k] : null;
        if (cell) {
          cell.chars.push(c);
          placed = true;
        }
        break;
      }
      if (!placed) free.push(c);
    }
    // text lines outside the tables, as paragraphs
    const lines = linesOf(free).filter((l) => l.chars.some((c) => !isSpace(c.ch)));
    const left = lines.length ? Math.min(...lines.map((l) => l.x0)) : 0;
    const right = lines.length ? Math.max(...lines.map((l) => l.x1)) : pg.width;
    if (pg.number === content.pages[0]!.number) title = titleLines(lines);
    const items: PageItem[] = paragraphsOf(lines, pg.number, left, right).map((p) => ({ y: p.y - p.size, para: p }));
    for (const g of grids) {
      const frag = fragmentOf(g, pg.number);
      if (frag) items.push({ y: g.top, frag });
    }
    // reading order: paragraphs and tables by their top
    pages.push(items.sort((a, b) => a.y - b.y));
  }
  const blocks: Block[] = [];
  const tables: SourceTable[] = [];
  // a table that is the last block of its page, which the first block of the next page may continue
  let open: Fragment | null = null;
  // the previous page ended with a paragraph whose last line is full
  let openPara = false;
  for (const items of pages) {
    // page numbers are print furniture: a web page has none, and they do not separate a table from its continuation
    const kept = items.filter((it) => !('para' in it && PAGE_NUMBER.test(it.para.text)));
    kept.forEach((it, i) => {
      if ('para' in it) {
        const text = displayText(it.para.text);
        // a paragraph broken by the page break: the previous page ended in a full line, this one starts flush left
        const prevBlock = blocks[blocks.length - 1];
        if (i === 0 && openPara && it.para.flush && prevBlock?.kind === 'text') prevBlock.text = displayText(prevBlock.text + it.para.text);
        else if (text) blocks.push({ kind: 'text', text });
        openPara = i === kept.length - 1 && it.para.full;
        open = null;
        return;
      }
      openPara = false;
      const frag = it.frag;
      let cur: Fragment = frag;
      const prev = open as Fragment | null;
      if (i === 0 && prev && Math.abs(prev.left - frag.left) <= 3 && Math.abs(prev.right - frag.right) <= 3) {
        joinFragments(prev, frag);
        cur = prev;
      } else {
        tables.push({ rows: frag.rows });
        blocks.push({ kind: 'table', table: tables.length - 1 });
      }
      open = i === kept.length - 1 ? cur : null;
    });
  }
  const isFile = opts.isFile ?? !/^https?:/i.test(opts.source);
  let host: string | null = null;
  if (!isFile) {
    try {
      host = new URL(opts.source).hostname;
    } catch {
      host = null;
    }
  }
  const headingCandidates: string[] = [];
  const joined = displayText(title.join(''));
  if (joined && joined.length < 200) headingCandidates.push(joined);
  const docTitle = content.title ? displayText(fixRadicals(content.title)) : '';
  const page: PageModel = {
    source: opts.source,
    isFile,
    host,
    meta: {},
    htmlTitle: docTitle || null,
    headingCandidates,
    dumpFields: {},
    blocks,
    tables,
    links: [],
    hasViewerFrame: false,
  };
  return { page, pages: content.pages.length, chars: nChars };
}

function roundBox(b: { x: number; y: number; width: number; height: number }) {
  const r = (n: number) => Math.round(n * 10) / 10;
  return { x: r(b.x), y: r(b.y), width: r(b.width), height: r(b.height) };
}

/** The title: the largest-type lines among the first lines of the first page (consecutive ones joined). */
function titleLines(lines: Line[]): string[] {
  const head = lines.slice(0, 8);
  if (head.length === 0) return [];
  const body = median(lines.map((l) => l.size));
  const max = Math.max(...head.map((l) => l.size));
  if (max <= body + 0.5) return [lineText(head[0]!)];
  const out: string[] = [];
  let started = false;
  for (const l of head) {
    if (Math.abs(l.size - max) < 0.5) {
      out.push(lineText(l));
      started = true;
    } else if (started) break;
  }
  return out;
}

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : 0;
}
