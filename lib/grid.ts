/**
 * Table → grid with rowspan/colspan expanded (like axe-core's `to-grid`).
 * Spans are clamped: a rowspan never reaches past the table's last row, a colspan is
 * at most MAX_COLSPAN, so `rowspan="9999"` cannot blow up memory or time.
 */
import type { SourceTable } from './types';

export const MAX_COLSPAN = 100;
export const MAX_ROWSPAN = 1000;

export interface GridSlot {
  /** Row index of the source cell in the table. */
  row: number;
  /** Index of the source cell within its row. */
  cell: number;
  /** True on the slot where the cell starts (top-left of its span). */
  origin: boolean;
}

export interface Grid {
  /** slots[r][c]; undefined where no cell covers the position. */
  slots: (GridSlot | undefined)[][];
  width: number;
}

export function clampSpan(n: number, max: number): number {
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(Math.floor(n), max);
}

export function toGrid(table: SourceTable): Grid {
  const rows = table.rows.length;
  const slots: (GridSlot | undefined)[][] = Array.from({ length: rows }, () => []);
  let width = 0;
  for (let r = 0; r < rows; r++) {
    const line = slots[r]!;
    let c = 0;
    const cells = table.rows[r]!.cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      while (line[c] !== undefined) c++;
      const rs = Math.min(clampSpan(cell.rowSpan, MAX_ROWSPAN), rows - r);
      const cs = clampSpan(cell.colSpan, MAX_COLSPAN);
      for (let dr = 0; dr < rs; dr++) {
        const target = slots[r + dr]!;
        for (let dc = 0; dc < cs; dc++) {
          if (target[c + dc] === undefined) target[c + dc] = { row: r, cell: i, origin: dr === 0 && dc === 0 };
        }
      }
      c += cs;
      if (c > width) width = c;
    }
  }
  return { slots, width };
}

/** The grid column where each source cell of a row starts. */
export function originColumns(grid: Grid, row: number): number[] {
  const cols: number[] = [];
  const line = grid.slots[row] ?? [];
  for (let c = 0; c < line.length; c++) {
    const s = line[c];
    if (s && s.origin && s.row === row) cols[s.cell] = c;
  }
  return cols;
}
