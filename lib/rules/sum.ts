/**
 * Summation identities evaluated over reported values only (rules.md design note 3, the
 * XBRL calculation-linkbase treatment of missing facts):
 * - a side with no reported cell → not assessable (no finding; VAL-BLANK reports the blanks);
 * - |Σ*L − Σ*R| ≤ tolerance → pass;
 * - unequal and the smaller side holds a missing cell → warning (the blank could hold the gap);
 * - unequal otherwise → the rule's own severity.
 */
import type { AuditContext, CellId, Severity } from '../types';
import { AMOUNT_CELLS, describeCell } from '../template';
import { fmt } from './define';

export interface SideSum {
  /** Σ* over reported cells. */
  sum: number;
  /** Cells with a number. */
  reported: CellId[];
  /** Cells on the page without a number (blank, placeholder, text). */
  blank: CellId[];
  /** Cells not on the page at all (never listed in findings). */
  absent: CellId[];
}

export function sideSum(ctx: AuditContext, ids: readonly CellId[]): SideSum {
  const out: SideSum = { sum: 0, reported: [], blank: [], absent: [] };
  for (const id of ids) {
    const c = ctx.cells.get(id);
    if (!c) out.absent.push(id);
    else if (c.value === null) out.blank.push(id);
    else {
      out.sum += c.value;
      out.reported.push(id);
    }
  }
  // keep sums of amounts free of binary noise (0.1 + 0.2)
  out.sum = Math.round(out.sum * 100) / 100;
  return out;
}

export type IdentityOutcome =
  | { kind: 'not-assessable'; left: SideSum; right: SideSum }
  | { kind: 'pass'; left: SideSum; right: SideSum }
  | {
      kind: 'fail';
      left: SideSum;
      right: SideSum;
      /** Warning when the smaller side holds a missing cell, else the rule's severity. */
      severity: Severity;
      /** The missing cells on the smaller side that exist on the page (for the message). */
      gapBlanks: CellId[];
    };

/** Evaluate `Σ left = Σ right` per design note 3. */
export function identity(
  ctx: AuditContext,
  left: readonly CellId[],
  right: readonly CellId[],
  severity: Severity = 'error',
): IdentityOutcome {
  const l = sideSum(ctx, left);
  const r = sideSum(ctx, right);
  if (l.reported.length === 0 || r.reported.length === 0) return { kind: 'not-assessable', left: l, right: r };
  const tolerance = [...left, ...right].some((id) => AMOUNT_CELLS.has(id)) ? 0.01 + 1e-9 : 0;
  if (Math.abs(l.sum - r.sum) <= tolerance) return { kind: 'pass', left: l, right: r };
  const smaller = l.sum < r.sum ? l : r;
  const missing = smaller.blank.length + smaller.absent.length > 0;
  return { kind: 'fail', left: l, right: r, severity: missing ? 'warning' : severity, gapBlanks: smaller.blank };
}

/** The cells of a finding: those that exist on the page, in the given order, without repeats. */
export function present(ctx: AuditContext, ids: readonly CellId[]): CellId[] {
  const seen = new Set<CellId>();
  return ids.filter((id) => ctx.cells.has(id) && !seen.has(id) && (seen.add(id), true));
}

/** "a + b + c" of the reported values, blanks shown as 空白. */
export function terms(ctx: AuditContext, ids: readonly CellId[]): string {
  return ids
    .filter((id) => ctx.cells.has(id))
    .map((id) => {
      const v = ctx.cells.get(id)!.value;
      return v === null ? '空白' : fmt(v);
    })
    .join(' + ');
}

/** The message tail for a failure that may be explained by blanks. */
export function gapNote(ctx: AuditContext, o: Extract<IdentityOutcome, { kind: 'fail' }>): string {
  if (o.severity !== 'warning' || o.gapBlanks.length === 0) {
    if (o.severity === 'warning') return '；较小一侧有单元格缺失，差额可能在缺失处';
    return '';
  }
  const gap = fmt(Math.abs(o.left.sum - o.right.sum));
  const names = o.gapBlanks.slice(0, 3).map((id) => describeCell(id, ctx.format)).join('、');
  const more = o.gapBlanks.length > 3 ? ` 等 ${o.gapBlanks.length} 个单元格` : '';
  return `；相差 ${gap}，较小一侧有空白单元格（${names}${more}），差额可能在空白处`;
}
