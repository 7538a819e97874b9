/**
 * Text dumps → PageModel, so that saved text extractions go through the same engine as
 * pages. Two dump families are read (seed-findings.md §0, corpus README):
 *  - seed dumps: tables as one cell per line (layout A: a TAB starts a cell, lines without
 *    a TAB continue it, an empty line ends a row) or one row per line (layout B: TAB-separated);
 *  - archive dumps: a `key: value` header block, a `==== 正文 ====` line, then the body.
 */
import type { Block, PageModel, SourceRow, SourceTable } from './types';
import { displayText } from './normalise';

const BODY_MARK = /^=+\s*正文\s*=+$/;

function cellsOf(texts: string[]): SourceRow {
  return { cells: texts.map((text) => ({ text, rowSpan: 1, colSpan: 1 })) };
}

/** Layout A: one cell per line. Returns the rows of one table region. */
function parseLayoutA(lines: string[]): SourceRow[] {
  const rows: SourceRow[] = [];
  let row: string[] = [];
  const endRow = () => {
    if (row.length) rows.push(cellsOf(row));
    row = [];
  };
  for (const line of lines) {
    if (line.trim() === '' && !line.includes('\t')) {
      endRow();
      continue;
    }
    const parts = line.split('\t');
    const head = parts[0]!;
    if (head !== '') {
      if (row.length) row[row.length - 1] += `\n${head}`;
      else row.push(head);
    }
    for (let i = 1; i < parts.length; i++) row.push(parts[i]!);
  }
  endRow();
  return rows;
}

/** Layout B: one row per line, TAB-separated. */
function parseLayoutB(lines: string[]): SourceRow[] {
  return lines.filter((l) => l.trim() !== '' || l.includes('\t')).map((l) => cellsOf(l.split('\t')));
}

/** Split text lines into narrative lines and table regions, and read the regions. */
function readBody(lines: string[]): { blocks: Block[]; tables: SourceTable[] } {
  const tabLines = lines.filter((l) => l.includes('\t'));
  const multiTab = tabLines.filter((l) => (l.match(/\t/g)?.length ?? 0) >= 2 && !/^\t[^\t]*$/.test(l)).length;
  const layoutB = tabLines.length > 0 && multiTab / tabLines.length > 0.3;
  const blocks: Block[] = [];
  const tables: SourceTable[] = [];
  let region: string[] | null = null;
  // whether the previous region line ended a row (empty line): a following line
  // without TAB is then narrative, not a continuation of a cell
  let afterBreak = false;
  const closeRegion = () => {
    if (!region) return;
    while (region.length && region[region.length - 1]!.trim() === '' && !region[region.length - 1]!.includes('\t')) region.pop();
    const rows = layoutB ? parseLayoutB(region) : parseLayoutA(region);
    if (rows.length) {
      tables.push({ rows });
      blocks.push({ kind: 'table', table: tables.length - 1 });
    }
    region = null;
  };
  for (const line of lines) {
    const hasTab = line.includes('\t');
    if (region) {
      if (hasTab) {
        region.push(line);
        afterBreak = false;
        continue;
      }
      if (line.trim() === '') {
        region.push(line);
        afterBreak = true;
        continue;
      }
      if (!layoutB && !afterBreak) {
        region.push(line); // continuation of a multi-line cell
        continue;
      }
      closeRegion();
    }
    if (hasTab) {
      region = [line];
      afterBreak = false;
      continue;
    }
    const text = displayText(line);
    if (text) blocks.push({ kind: 'text', text });
  }
  closeRegion();
  return { blocks, tables };
}

export function pageFromText(text: string, source: string): PageModel {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const dumpFields: Record<string, string> = {};
  let bodyLines = lines;
  const mark = lines.findIndex((l) => BODY_MARK.test(l.trim()));
  if (mark > 0 && mark < 40) {
    for (const l of lines.slice(0, mark)) {
      const m = /^([^:：]{1,12})[:：]\s*(.*)$/.exec(l.trim());
      if (m) dumpFields[m[1]!.trim()] = m[2]!.trim();
    }
    bodyLines = lines.slice(mark + 1);
  }
  const { blocks, tables } = readBody(bodyLines);
  const headingCandidates: string[] = [];
  for (const b of blocks) {
    if (headingCandidates.length >= 3) break;
    if (b.kind !== 'text') break;
    headingCandidates.push(b.text);
  }
  return {
    source,
    isFile: true,
    host: null,
    meta: {},
    htmlTitle: null,
    headingCandidates,
    dumpFields,
    blocks,
    tables,
    links: [],
    hasViewerFrame: false,
  };
}
