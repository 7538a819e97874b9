/**
 * Whole tables as cell maps for rule fixtures, after the seeds: seed 002 (乐业镇 2020,
 * 2019 format, four applications from natural persons handled as 信访举报投诉类申请, every
 * other cell 0) and Pingtan 2024 (2021 format).
 */
import type { CellId, Format } from '../../lib/types';
import { templateCellIds } from '../../lib/template';

/** Every template cell of a table of the format, raw '0' unless overridden ('' = blank). */
export function tableCells(format: Format, table: 'T2' | 'T3' | 'T4', over: Record<CellId, string> = {}): Record<CellId, string> {
  const out: Record<CellId, string> = {};
  for (const id of templateCellIds(format)) if (id.startsWith(table + ':')) out[id] = '0';
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Seed 002's T3 (2019 format): 4 applications, all 信访举报投诉类. */
export const SEED002_T3: Record<CellId, string> = tableCells('2019', 'T3', {
  'T3:1:natural': '4',
  'T3:1:total': '4',
  'T3:3.5.1:natural': '4',
  'T3:3.5.1:total': '4',
  'T3:3.7:natural': '4',
  'T3:3.7:total': '4',
});

/** Pingtan 2024's T4: review 2+1+3+1 = 7, direct suits all 0, suits after review 13+2+4+0 = 19. */
export const PINGTAN_T4: Record<CellId, string> = tableCells('2021', 'T4', {
  'T4:cases:review.upheld': '2',
  'T4:cases:review.corrected': '1',
  'T4:cases:review.other': '3',
  'T4:cases:review.pending': '1',
  'T4:cases:review.total': '7',
  'T4:cases:suitAfterReview.upheld': '13',
  'T4:cases:suitAfterReview.corrected': '2',
  'T4:cases:suitAfterReview.other': '4',
  'T4:cases:suitAfterReview.pending': '0',
  'T4:cases:suitAfterReview.total': '19',
});

/** Replace some cells of a cell map. */
export const withCells = (base: Record<CellId, string>, over: Record<CellId, string>): Record<CellId, string> => ({ ...base, ...over });
