import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { fixRadicals, gridTables, pageFromPdf } from './layout';
import { OPS_USED, segmentsOf } from './extract';
import type { PdfPageContent, Segment, TextRun } from './types';

/** The ruling lines of a grid: `rows` y positions, `cols` x positions, minus the borders listed in `open`. */
function grid(xs: number[], ys: number[], open: { v?: [number, number][]; h?: [number, number][] } = {}): Segment[] {
  const segs: Segment[] = [];
  // horizontal border under grid row r (at ys[r]) of column c, vertical border right of column c in row r
  for (let r = 0; r < ys.length; r++) {
    for (let c = 0; c + 1 < xs.length; c++) {
      if (open.h?.some(([rr, cc]) => rr === r && cc === c)) continue;
      segs.push({ x1: xs[c]!, y1: ys[r]!, x2: xs[c + 1]!, y2: ys[r]! });
    }
  }
  for (let c = 0; c < xs.length; c++) {
    for (let r = 0; r + 1 < ys.length; r++) {
      if (open.v?.some(([rr, cc]) => rr === r && cc === c)) continue;
      segs.push({ x1: xs[c]!, y1: ys[r]!, x2: xs[c]!, y2: ys[r + 1]! });
    }
  }
  return segs;
}

/** A text run centred in the box (x0..x1, y0..y1), 10 pt type. */
const text = (str: string, x0: number, y0: number, y1: number): TextRun => ({ str, x: x0 + 2, y: (y0 + y1) / 2 + 3.5, width: str.length * 10, size: 10 });

describe('gridTables', () => {
  it('rebuilds merged cells from the borders that are missing', () => {
    // 3 × 3 grid; the first column's rows 1–2 merged (no border at y=40 in column 0), row 0's columns 1–2 merged
    const segs = grid([0, 100, 200, 300], [0, 20, 40, 60], { h: [[2, 0]], v: [[0, 2]] });
    const [t] = gridTables(segs);
    expect(t!.rows.map((r) => r.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]))).toEqual([
      [[0, 0, 1, 1], [0, 1, 1, 2]],
      [[1, 0, 2, 1], [1, 1, 1, 1], [1, 2, 1, 1]],
      [[2, 1, 1, 1], [2, 2, 1, 1]],
    ]);
    expect(t!.rows[1]![0]!.box).toEqual({ x: 0, y: 20, width: 100, height: 40 });
  });

  it('treats borders drawn twice a hair apart as one, and ignores text boxes and lone lines', () => {
    const segs = [...grid([0, 100, 200], [0, 20, 40]), ...grid([0.5, 100.5, 200.5], [0.5, 20.5, 40.5]), { x1: 0, y1: 300, x2: 500, y2: 300 }];
    const tables = gridTables(segs);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.flat()).toHaveLength(4);
  });
});

describe('pageFromPdf', () => {
  const page = (number: number, runs: TextRun[], segments: Segment[]): PdfPageContent => ({ number, width: 595, height: 842, runs, segments });

  it('puts text into cells by position, joins wrapped lines, and keeps each cell’s page and box', () => {
    const xs = [50, 250, 350];
    const ys = [100, 140, 170];
    const runs = [
      text('信息内容', 50, 100, 120),
      { str: '本年新', x: 252, y: 113, width: 30, size: 10 },
      { str: '制作数量', x: 252, y: 127, width: 40, size: 10 },
      text('规章', 50, 140, 170),
      text('３', 250, 140, 170),
    ];
    const { page: model } = pageFromPdf({ pages: [page(1, runs, grid(xs, ys))], title: null }, { source: 'x.pdf' });
    expect(model.tables).toHaveLength(1);
    expect(model.tables[0]!.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['信息内容', '本年新制作数量'],
      ['规章', '３'],
    ]);
    expect(model.tables[0]!.rows[1]!.cells[1]!.box).toEqual({ page: 1, x: 250, y: 140, width: 100, height: 30 });
    expect(model.isFile).toBe(true);
  });

  it('joins a table continued on the next page: repeated header rows dropped, a cut merged cell extended', () => {
    const xs = [50, 150, 250, 350];
    // page 1: header row + two rows whose first cell is merged down to the page's end
    const p1 = page(
      1,
      [text('表头', 50, 100, 120), text('列一', 150, 100, 120), text('列二', 250, 100, 120), text('三、分组', 50, 120, 160), text('甲', 150, 120, 140), text('1', 250, 120, 140), text('乙', 150, 140, 160), text('2', 250, 140, 160)],
      grid(xs, [100, 120, 140, 160], { h: [[2, 0]] }),
    );
    // page 2: the header repeated, then the merged cell's rest (empty) and one more row; a page number under it
    const p2 = page(
      2,
      [text('表头', 50, 50, 70), text('列一', 150, 50, 70), text('列二', 250, 50, 70), text('丙', 150, 70, 90), text('3', 250, 70, 90), text('- 2 -', 280, 800, 812)],
      grid(xs, [50, 70, 90]),
    );
    const { page: model } = pageFromPdf({ pages: [p1, p2], title: null }, { source: 'https://www.example.gov.cn/a.pdf' });
    expect(model.tables).toHaveLength(1);
    const rows = model.tables[0]!.rows.map((r) => r.cells.map((c) => `${c.text}${c.rowSpan > 1 ? `^${c.rowSpan}` : ''}`));
    expect(rows).toEqual([
      ['表头', '列一', '列二'],
      ['三、分组^3', '甲', '1'],
      ['乙', '2'],
      ['丙', '3'],
    ]);
    expect(model.blocks.filter((b) => b.kind === 'text')).toEqual([]);
    expect(model.host).toBe('www.example.gov.cn');
  });

  it('reads paragraphs outside tables, joins a paragraph broken by a page break, and takes the largest type as the title', () => {
    const line = (str: string, x: number, y: number, size = 10): TextRun => ({ str, x, y, width: str.length * size, size });
    const p1 = page(1, [line('某某局2023年政府信息公开', 100, 60, 20), line('工作年度报告', 100, 85, 20), line('一、总体情况', 50, 120), line('本机关'.repeat(15), 70, 140), line(`${'继续'.repeat(23)}了`, 50, 155)], []);
    const p2 = page(2, [line('完成。', 50, 60), line('二、主动公开政府信息情况', 50, 80)], []);
    const { page: model } = pageFromPdf({ pages: [p1, p2], title: 'Microsoft Word - 年报.docx' }, { source: 'a.pdf' });
    expect(model.headingCandidates).toEqual(['某某局2023年政府信息公开工作年度报告']);
    expect(model.blocks.map((b) => (b.kind === 'text' ? b.text : b.kind))).toEqual([
      '某某局2023年政府信息公开工作年度报告',
      '一、总体情况',
      `${'本机关'.repeat(15)}${'继续'.repeat(23)}了完成。`,
      '二、主动公开政府信息情况',
    ]);
    expect(model.htmlTitle).toBe('Microsoft Word - 年报.docx');
  });

  it('maps the Kangxi radicals PDF fonts use back to ideographs, and keeps full-width digits', () => {
    expect(fixRadicals('⼆⾏政⼀')).toBe('二行政一');
    expect(fixRadicals('１２')).toBe('１２');
  });
});

describe('segmentsOf', () => {
  it('uses pdf.js’s operator codes', () => {
    for (const [name, code] of Object.entries(OPS_USED)) expect((pdfjs.OPS as Record<string, number>)[name], name).toBe(code);
  });

  it('reads thin filled rectangles and stroked lines as ruling lines, through the transformation matrix', () => {
    const O = OPS_USED;
    const fn = [O.save, O.transform, O.constructPath, O.fill, O.constructPath, O.stroke, O.constructPath, O.fill, O.restore];
    const args = [
      null,
      [0.5, 0, 0, 0.5, 10, 0],
      [[O.rectangle], [0, 0, 200, 1]], // thin bar → horizontal line from (10,0) to (110,0) in page space
      null,
      [[O.moveTo, O.lineTo], [0, 0, 0, 100]], // stroked vertical line
      null,
      [[O.rectangle], [0, 0, 100, 100]], // a filled square: a shape, not a border
      null,
      null,
    ];
    const view: [number, number, number, number, number, number] = [1, 0, 0, -1, 0, 842];
    const segs = segmentsOf(fn, args, view);
    expect(segs).toEqual([
      { x1: 10, y1: 841.75, x2: 110, y2: 841.75 },
      { x1: 10, y1: 842, x2: 10, y2: 792 },
    ]);
  });
});
