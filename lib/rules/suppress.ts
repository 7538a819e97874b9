/**
 * Conditions that make a table unreadable, shared by the DOC and TPL families
 * (rules.md design note 8): DOC-ATTACHMENT-ONLY and DOC-IMAGE-TABLE suppress
 * TPL-TABLE-MISSING and every rule on the affected tables.
 *
 * The conditions are computed from the context exactly as rules.md defines the two DOC
 * rules, so that the TPL rules need not run after them:
 * - attachment only: no table identified by the report signatures (the mapping found none
 *   of T2/T3/T4), and the content links a `.pdf/.doc/.docx/.wps/.ofd/.xls/.xlsx` file or
 *   embeds a PDF viewer / flip-book;
 * - image table: the table was not identified, and under its section heading (二/三/四,
 *   up to the next section heading) an image stands where it would be.
 */
import type { AuditContext, TableId } from '../types';

export const TABLE_IDS: readonly TableId[] = ['T2', 'T3', 'T4'];

/** Template section (1..6) that carries each table. */
export const TABLE_SECTION: Readonly<Record<TableId, number>> = { T2: 2, T3: 3, T4: 4 };

/** A link to an attachment file (href or link text ending in one of the extensions). */
const ATTACHMENT_HREF = /\.(pdf|docx?|wps|ofd|xlsx?)(?:$|[?#])/i;
const ATTACHMENT_TEXT = /\.(pdf|docx?|wps|ofd|xlsx?)\s*$/i;

/** Whether a link points at an attachment file of the report body. */
export function isAttachmentLink(link: { href: string; text: string }): boolean {
  return ATTACHMENT_HREF.test(link.href.trim()) || ATTACHMENT_TEXT.test(link.text.trim());
}

/** No table of the report was identified by its signatures (T2, T3 and T4 all not found). */
export function hasNoReportTable(ctx: AuditContext): boolean {
  return TABLE_IDS.every((t) => !ctx.tables[t].found);
}

/** DOC-ATTACHMENT-ONLY's condition: no report table, and an attachment link or a viewer frame. */
export function isAttachmentOnly(ctx: AuditContext): boolean {
  if (!hasNoReportTable(ctx)) return false;
  return ctx.page.hasViewerFrame || ctx.page.links.some(isAttachmentLink);
}

/**
 * The block range `[start, end)` of a section: from its heading (exclusive) to the next
 * section heading in document order (exclusive), or null when the heading was not found.
 */
export function sectionRange(ctx: AuditContext, section: number): { start: number; end: number } | null {
  const own = ctx.sections.filter((h) => h.section === section).sort((a, b) => a.block - b.block)[0];
  if (!own) return null;
  let end = ctx.page.blocks.length;
  for (const h of ctx.sections) if (h.block > own.block && h.block < end) end = h.block;
  return { start: own.block + 1, end };
}

/** DOC-IMAGE-TABLE's condition for one table: not identified, and an image under its section heading. */
export function isImageTable(ctx: AuditContext, table: TableId): boolean {
  if (ctx.tables[table].found) return false;
  const range = sectionRange(ctx, TABLE_SECTION[table]);
  if (!range) return false;
  for (let i = range.start; i < range.end; i++) if (ctx.page.blocks[i]?.kind === 'image') return true;
  return false;
}

/** The tables whose rules are not assessable: all three on an attachment-only page, else the image tables. */
export function suppressedTables(ctx: AuditContext): Set<TableId> {
  if (isAttachmentOnly(ctx)) return new Set(TABLE_IDS);
  return new Set(TABLE_IDS.filter((t) => isImageTable(ctx, t)));
}

/** Whether every rule on this table is suppressed by DOC-ATTACHMENT-ONLY / DOC-IMAGE-TABLE. */
export function isTableSuppressed(ctx: AuditContext, table: TableId): boolean {
  return isAttachmentOnly(ctx) || isImageTable(ctx, table);
}
