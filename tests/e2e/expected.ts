/**
 * What the extension must show on a fixture page, computed by the engine in Node on the
 * same HTML: the marked cells (by their position in the page) and the counts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditPage } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import type { AuditResult } from '../../lib/types';
import { parseDoc } from '../helpers/pages';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A cell's position: table index / row index / cell index. Also evaluated in the browser. */
export function pathOf(el: Element): string {
  const doc = el.ownerDocument;
  const tr = el.parentElement!;
  const table = el.closest('table')!;
  const tables = Array.from(doc.querySelectorAll('table'));
  return [tables.indexOf(table as HTMLTableElement), Array.from(table.querySelectorAll('tr')).indexOf(tr as HTMLTableRowElement), Array.from(tr.children).indexOf(el)].join('/');
}

/** The same function as source, for page.evaluate (no closures). */
export const PATH_OF_SOURCE = `(${pathOf.toString()})`;

export interface Expected {
  result: AuditResult;
  /** path → marker value (space-separated rule ids, in first-seen order as a set). */
  markers: Record<string, string[]>;
  counts: { error: number; warning: number; info: number };
}

export function expectedFor(fixturePath: string, url: string): Expected {
  const doc = parseDoc(readFileSync(ROOT + fixturePath, 'utf8'));
  const run = auditPage(pageFromDocument(doc, { source: url }));
  const markers: Record<string, string[]> = {};
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of run.result.findings ?? []) {
    counts[f.severity]++;
    const el = f.cells[0] ? run.context?.cells.get(f.cells[0])?.el : undefined;
    if (!el) continue;
    const list = (markers[pathOf(el)] ??= []);
    if (!list.includes(f.ruleId)) list.push(f.ruleId);
  }
  for (const k of Object.keys(markers)) markers[k]!.sort();
  return { result: run.result, markers, counts };
}
