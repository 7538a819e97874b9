import type { AuditContext, CellId, MappedCell, Rule, RuleFinding, RuleMeta } from '../types';

/** A rule is data (meta) plus one pure function (check). */
export function defineRule(meta: RuleMeta, check: (ctx: AuditContext) => RuleFinding[]): Rule {
  return { meta, check };
}

/** The reported value of a cell: a number, or null when the cell is absent, blank or not a number. */
export function val(ctx: AuditContext, id: CellId): number | null {
  return ctx.cells.get(id)?.value ?? null;
}

/** The cell when it exists on the page (blank or not). */
export function cell(ctx: AuditContext, id: CellId): MappedCell | undefined {
  return ctx.cells.get(id);
}

/** Format a number for messages (amounts keep two decimals when needed). */
export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
