/**
 * pdf.js → PdfContent: each page's text layer (getTextContent) and ruling lines (the rectangles
 * and straight lines of getOperatorList, through the current transformation matrix), in the
 * page's viewport at scale 1 (top-left origin). Takes an open PDFDocumentProxy, so it runs
 * wherever pdf.js runs: in Node (lib/attachments.ts, legacy build) and in the extension's
 * viewer page. No OCR: a page without a text layer gives no runs.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { PdfContent, PdfPageContent, Segment, TextRun } from './types';

/**
 * pdf.js operator codes used here (pdfjs-dist `OPS`, stable across versions 2–4; checked against
 * the installed pdf.js by lib/pdf/pdf.test.ts). Kept as constants so that this module imports no
 * pdf.js code.
 */
export const OPS_USED = {
  save: 10,
  restore: 11,
  transform: 12,
  moveTo: 13,
  lineTo: 14,
  curveTo: 15,
  curveTo2: 16,
  curveTo3: 17,
  closePath: 18,
  rectangle: 19,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  constructPath: 91,
} as const;
const O = OPS_USED;

const FILLS = new Set<number>([O.fill, O.eoFill, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]);
const STROKES = new Set<number>([O.stroke, O.closeStroke, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke]);
/** A filled rectangle thinner than this (points) is a drawn line. */
const THIN = 3;

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  // pdf.js Util.transform: apply n, then m
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Ruling lines of one page, in viewport coordinates (`view`: the viewport's transform). */
export function segmentsOf(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, view: Matrix): Segment[] {
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case O.save:
        stack.push(ctm);
        break;
      case O.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case O.transform:
        ctm = multiply(ctm, args as unknown as Matrix);
        break;
      case O.paintFormXObjectBegin: {
        stack.push(ctm);
        const m = (args?.[0] ?? null) as Matrix | null;
        if (m && m.length === 6) ctm = multiply(ctm, m);
        break;
      }
      case O.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case O.constructPath: {
        const paint = fnArray[i + 1];
        const filled = paint !== undefined && FILLS.has(paint);
        const stroked = paint !== undefined && STROKES.has(paint);
        if (!filled && !stroked) break;
        const m = multiply(view, ctm);
        const ops = (args?.[0] ?? []) as number[];
        const coords = (args?.[1] ?? []) as number[];
        pathSegments(ops, coords, m, filled, stroked, out);
        break;
      }
    }
  }
  return out;
}

function pathSegments(ops: number[], coords: number[], m: Matrix, filled: boolean, stroked: boolean, out: Segment[]): void {
  let j = 0;
  let cur: [number, number] | null = null;
  let start: [number, number] | null = null;
  // the current subpath's points in page space (a filled thin polygon is a border: Chromium draws
  // inset/outset borders as trapezoids)
  let poly: [number, number][] = [];
  const line = (a: [number, number], b: [number, number]) => {
    const p = apply(m, a[0], a[1]);
    const q = apply(m, b[0], b[1]);
    out.push({ x1: p[0], y1: p[1], x2: q[0], y2: q[1] });
  };
  const bar = (x0: number, y0: number, x1: number, y1: number) => {
    if (x1 - x0 <= y1 - y0) out.push({ x1: (x0 + x1) / 2, y1: y0, x2: (x0 + x1) / 2, y2: y1 });
    else out.push({ x1: x0, y1: (y0 + y1) / 2, x2: x1, y2: (y0 + y1) / 2 });
  };
  const endPoly = () => {
    if (filled && poly.length >= 3) {
      const xs = poly.map((p) => p[0]);
      const ys = poly.map((p) => p[1]);
      const x0 = Math.min(...xs);
      const x1 = Math.max(...xs);
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      if (x1 - x0 <= THIN || y1 - y0 <= THIN) bar(x0, y0, x1, y1);
    }
    poly = [];
  };
  for (const op of ops) {
    switch (op) {
      case O.rectangle: {
        endPoly();
        const [x, y, w, h] = coords.slice(j, j + 4) as [number, number, number, number];
        j += 4;
        const p = apply(m, x, y);
        const q = apply(m, x + w, y + h);
        const x0 = Math.min(p[0], q[0]);
        const x1 = Math.max(p[0], q[0]);
        const y0 = Math.min(p[1], q[1]);
        const y1 = Math.max(p[1], q[1]);
        if (filled && (x1 - x0 <= THIN || y1 - y0 <= THIN)) {
          // a thin filled bar: a border drawn as a rectangle (Chromium, Word)
          bar(x0, y0, x1, y1);
        } else if (stroked) {
          out.push({ x1: x0, y1: y0, x2: x1, y2: y0 }, { x1: x0, y1: y1, x2: x1, y2: y1 });
          out.push({ x1: x0, y1: y0, x2: x0, y2: y1 }, { x1: x1, y1: y0, x2: x1, y2: y1 });
        }
        cur = start = [x, y];
        break;
      }
      case O.moveTo:
        endPoly();
        cur = start = [coords[j]!, coords[j + 1]!];
        poly.push(apply(m, cur[0], cur[1]));
        j += 2;
        break;
      case O.lineTo: {
        const p: [number, number] = [coords[j]!, coords[j + 1]!];
        j += 2;
        if (cur && stroked) line(cur, p);
        poly.push(apply(m, p[0], p[1]));
        cur = p;
        break;
      }
      case O.curveTo:
        cur = [coords[j + 4]!, coords[j + 5]!];
        poly = []; // curved: not a border
        j += 6;
        break;
      case O.curveTo2:
      case O.curveTo3:
        cur = [coords[j + 2]!, coords[j + 3]!];
        poly = [];
        j += 4;
        break;
      case O.closePath:
        if (cur && start && stroked) line(cur, start);
        cur = start;
        break;
    }
  }
  endPoly();
}

/** A page's text runs in viewport coordinates. */
export async function runsOf(page: PDFPageProxy, view: Matrix): Promise<TextRun[]> {
  const tc = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of tc.items) {
    if (!('str' in item) || item.str === '') continue;
    const t = item.transform as number[];
    const size = Math.hypot(t[2]!, t[3]!);
    // horizontal text only (the tables and body of a report); vertical runs are left out
    if (Math.abs(t[1]!) > 1e-3 * Math.abs(t[0]!) || size === 0) continue;
    const m = multiply(view, t as Matrix);
    const [x, y] = apply(m, 0, 0);
    const [x2] = apply(view, t[4]! + item.width, t[5]!);
    const scale = Math.hypot(view[0], view[1]);
    runs.push({ str: item.str, x: Math.min(x, x2), y, width: Math.abs(x2 - x), size: size * scale });
  }
  return runs;
}

export async function pageContent(page: PDFPageProxy): Promise<PdfPageContent> {
  const vp = page.getViewport({ scale: 1 });
  const view = vp.transform as Matrix;
  const runs = await runsOf(page, view);
  const ops = await page.getOperatorList();
  const segments = segmentsOf(ops.fnArray, ops.argsArray, view);
  return { number: page.pageNumber, width: vp.width, height: vp.height, runs, segments };
}

/** Every page of an open document (pages read one at a time; each page's resources are released after it). */
export async function pdfContent(
  doc: PDFDocumentProxy,
  // onPage: progress (the extension's viewer shows "page N of M" while it reads)
  opts: { maxPages?: number; onPage?(page: number, pages: number): void } = {},
): Promise<PdfContent> {
  const pages: PdfPageContent[] = [];
  const n = Math.min(doc.numPages, opts.maxPages ?? Infinity);
  for (let i = 1; i <= n; i++) {
    opts.onPage?.(i, n);
    const page = await doc.getPage(i);
    try {
      pages.push(await pageContent(page));
    } finally {
      page.cleanup();
    }
  }
  let title: string | null = null;
  try {
    const meta = await doc.getMetadata();
    const t = (meta.info as { Title?: unknown } | undefined)?.Title;
    if (typeof t === 'string' && t.trim()) title = t.trim();
  } catch {
    title = null;
  }
  return { pages, title };
}
