import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampSpan, MAX_COLSPAN, toGrid, originColumns } from './grid';
import type { SourceTable } from './types';

const table = (spec: [string, number?, number?][][]): SourceTable => ({
  rows: spec.map((r) => ({ cells: r.map(([text, rowSpan = 1, colSpan = 1]) => ({ text, rowSpan, colSpan })) })),
});

describe('toGrid', () => {
  it('expands the T3 header spans of the template (report-format.md §5.1)', () => {
    const g = toGrid(
      table([
        [['note', 3, 3], ['申请人情况', 1, 7]],
        [['自然人', 2], ['法人或其他组织', 1, 5], ['总计', 2]],
        [['商业企业'], ['科研机构'], ['社会公益组织'], ['法律服务机构'], ['其他']],
      ]),
    );
    expect(g.width).toBe(10);
    // row 3: the note covers columns 0-2, 自然人 column 3, the five orgs 4-8, 总计 9
    const row3 = g.slots[2]!.map((s) => (s ? `${s.row}.${s.cell}` : '-'));
    expect(row3).toEqual(['0.0', '0.0', '0.0', '1.0', '2.0', '2.1', '2.2', '2.3', '2.4', '1.2']);
    expect(originColumns(g, 2)).toEqual([4, 5, 6, 7, 8]);
  });

  it('clamps absurd spans: rowspan past the last row and huge colspans', () => {
    const g = toGrid(table([[['a', 9999, 9999], ['b']], [['c']]]));
    expect(g.slots.length).toBe(2);
    expect(g.width).toBe(MAX_COLSPAN + 1);
    expect(g.slots[1]![MAX_COLSPAN]!.cell).toBe(0); // c sits right of the spanning a
  });

  it('treats missing, zero, negative and NaN spans as 1', () => {
    expect([0, -3, Number.NaN, Infinity, 1.7].map((n) => clampSpan(n, 100))).toEqual([1, 1, 1, 1, 1]);
  });

  it('property: never throws, each cell has exactly one origin, and the grid stays bounded', () => {
    const span = fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constant(9999), fc.constant(Number.NaN));
    const arbTable = fc.array(fc.array(fc.tuple(fc.string({ maxLength: 3 }), span, span), { maxLength: 8 }), { maxLength: 15 });
    fc.assert(
      fc.property(arbTable, (spec) => {
        const t = table(spec as [string, number, number][][]);
        const g = toGrid(t);
        expect(g.slots.length).toBe(t.rows.length);
        const origins = new Map<string, number>();
        for (const line of g.slots) for (const s of line) if (s?.origin) origins.set(`${s.row}.${s.cell}`, (origins.get(`${s.row}.${s.cell}`) ?? 0) + 1);
        for (const n of origins.values()) expect(n).toBe(1);
        const cells = t.rows.reduce((n, r) => n + r.cells.length, 0);
        expect(g.width).toBeLessThanOrEqual(Math.max(0, cells) * MAX_COLSPAN + cells);
      }),
      { numRuns: 300 },
    );
  });
});
