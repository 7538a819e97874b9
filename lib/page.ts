/**
 * DOM → PageModel: metadata, title evidence, and the content as blocks (text outside
 * tables, data tables, images), read in one walk. Works on any standards DOM (the
 * browser's, happy-dom's) and uses no extension API.
 */
import type { Block, PageModel, SourceCell, SourceRow, SourceTable } from './types';
import { displayText } from './normalise';
import { clampSpan, MAX_COLSPAN, MAX_ROWSPAN } from './grid';

/** Article-body containers of common government CMSs (report-format.md §12.5). */
export const CONTENT_SELECTORS = [
  '.TRS_Editor',
  '.trs_editor',
  '.TRS_UEDITOR',
  '.article_content',
  '.article-content',
  '.articleContent',
  '#zoom',
  '#Zoom',
  '#zoomcon',
  '#ivs_content',
  '#webeditorview',
  '.Custom_UnionStyle',
  '.xxgk_content',
  '.zw-content',
  'div.xl-cont',
  'div.show-content',
  '#article',
  '#mainContent',
];

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'TEXTAREA', 'BUTTON', 'svg', 'SVG', 'OBJECT']);
const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'SECTION', 'ARTICLE', 'CENTER', 'BLOCKQUOTE',
  'PRE', 'HEADER', 'FOOTER', 'ADDRESS', 'DL', 'DT', 'DD', 'FIGURE', 'FIGCAPTION', 'HR', 'TR', 'TD', 'TH', 'CAPTION',
  'FORM', 'FIELDSET', 'MAIN', 'NAV', 'ASIDE', 'TBODY', 'THEAD', 'TFOOT',
]);
const ASCII_WS_EDGE = /^[ \t\n\r\f]+|[ \t\n\r\f]+$/g;
const ASCII_WS_RUN = /[ \t\n\r\f]+/g;
const MAX_DEPTH = 400;

/**
 * A cell's text: text nodes concatenated without separators (report-format.md §10). HTML
 * source formatting (ASCII whitespace runs) collapses as a browser renders it; visible
 * padding (NBSP, U+3000) is kept, so VAL-WHITESPACE still sees it.
 */
export function cellText(el: Element): string {
  const t = el.textContent ?? '';
  return t.replace(ASCII_WS_EDGE, '').replace(ASCII_WS_RUN, ' ');
}

function hasNestedTable(table: Element): boolean {
  return table.querySelector('table') !== null;
}

/** Convert a `<table>` (without nested tables) to rows of cells. */
export function sourceTable(table: Element): SourceTable {
  const rows: SourceRow[] = [];
  // rows of this table only (thead/tbody/tfoot or direct), not of nested tables
  const trs: Element[] = [];
  for (const child of Array.from(table.children)) {
    if (child.tagName === 'TR') trs.push(child);
    else if (child.tagName === 'TBODY' || child.tagName === 'THEAD' || child.tagName === 'TFOOT') {
      for (const tr of Array.from(child.children)) if (tr.tagName === 'TR') trs.push(tr);
    }
  }
  for (const tr of trs) {
    const cells: SourceCell[] = [];
    for (const td of Array.from(tr.children)) {
      if (td.tagName !== 'TD' && td.tagName !== 'TH') continue;
      cells.push({
        text: cellText(td),
        rowSpan: clampSpan(Number(td.getAttribute('rowspan') ?? 1), MAX_ROWSPAN),
        colSpan: clampSpan(Number(td.getAttribute('colspan') ?? 1), MAX_COLSPAN),
        el: td,
      });
    }
    rows.push({ cells, el: tr });
  }
  return { rows, el: table };
}

/** The element holding the article body. */
export function findContentRoot(doc: Document): Element | null {
  for (const sel of CONTENT_SELECTORS) {
    let found: Element | null = null;
    try {
      found = doc.querySelector(sel);
    } catch {
      found = null;
    }
    if (found && (found.textContent ?? '').trim().length > 20) return found;
  }
  return doc.body ?? doc.documentElement;
}

function isCentredBold(el: Element): boolean {
  const style = (el.getAttribute('style') ?? '').replace(/\s/g, '').toLowerCase();
  const align = (el.getAttribute('align') ?? '').toLowerCase();
  const centred = style.includes('text-align:center') || align === 'center';
  const bold = /font-weight:(bold|[6-9]00)/.test(style) || el.querySelector('b,strong') !== null;
  return centred && bold;
}

function headingCandidates(doc: Document, root: Element | null): string[] {
  const out: string[] = [];
  const add = (t: string | null | undefined) => {
    const s = displayText(t ?? '');
    if (s && s.length < 200 && !out.includes(s)) out.push(s);
  };
  for (const sel of ['.article_title', '.article-title', '.articleTitle', 'h1', '.title', 'h2']) {
    let els: Element[] = [];
    try {
      els = Array.from(doc.querySelectorAll(sel)).slice(0, 3);
    } catch {
      els = [];
    }
    for (const el of els) add(el.textContent);
  }
  const scope = root ?? doc.body;
  if (scope) {
    const ps = Array.from(scope.querySelectorAll('p')).slice(0, 8);
    for (const p of ps) if (isCentredBold(p)) add(p.textContent);
  }
  return out;
}

interface WalkState {
  blocks: Block[];
  tables: SourceTable[];
  line: string;
  lineEl: Element | undefined;
  hasViewerFrame: boolean;
}

function flush(st: WalkState): void {
  const text = displayText(st.line);
  if (text) st.blocks.push(st.lineEl ? { kind: 'text', text, el: st.lineEl } : { kind: 'text', text });
  st.line = '';
  st.lineEl = undefined;
}

function walk(node: Node, st: WalkState, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      st.line += child.nodeValue ?? '';
      if (!st.lineEl && child.parentElement) st.lineEl = child.parentElement;
      continue;
    }
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'TABLE' && !hasNestedTable(el)) {
      flush(st);
      st.tables.push(sourceTable(el));
      st.blocks.push({ kind: 'table', table: st.tables.length - 1, el });
      continue;
    }
    if (tag === 'IMG') {
      flush(st);
      st.blocks.push({ kind: 'image', src: el.getAttribute('src') ?? '', el });
      continue;
    }
    if (tag === 'IFRAME' || tag === 'EMBED') {
      const src = (el.getAttribute('src') ?? '').toLowerCase();
      if (/\.pdf|pdfjs|viewer|flip|basic-html|\.ofd/.test(src)) st.hasViewerFrame = true;
      continue;
    }
    if (tag === 'BR') {
      flush(st);
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) flush(st);
    walk(el, st, depth + 1);
    if (block) flush(st);
  }
}

export interface PageOptions {
  /** The page's URL (browser) or file path (CLI). */
  source: string;
  /** File input: DOC-MIRROR-DOMAIN and URL evidence do not apply. */
  isFile?: boolean;
}

export function pageFromDocument(doc: Document, opts: PageOptions): PageModel {
  const meta: Record<string, string> = {};
  for (const m of Array.from(doc.querySelectorAll('meta[name]'))) {
    const name = m.getAttribute('name');
    if (name && !(name in meta)) meta[name] = m.getAttribute('content') ?? '';
  }
  const root = findContentRoot(doc);
  const st: WalkState = { blocks: [], tables: [], line: '', lineEl: undefined, hasViewerFrame: false };
  if (root) walk(root, st, 0);
  flush(st);
  // a viewer frame may sit outside the article body (全真版 tab)
  if (!st.hasViewerFrame) {
    for (const f of Array.from(doc.querySelectorAll('iframe[src],embed[src],object[data]'))) {
      const src = (f.getAttribute('src') ?? f.getAttribute('data') ?? '').toLowerCase();
      if (/\.pdf|pdfjs|viewer|flip|basic-html|\.ofd/.test(src)) st.hasViewerFrame = true;
    }
  }
  const links: { href: string; text: string }[] = [];
  if (root) {
    for (const a of Array.from(root.querySelectorAll('a[href]')).slice(0, 500)) {
      links.push({ href: a.getAttribute('href') ?? '', text: displayText(a.textContent ?? '') });
    }
  }
  let host: string | null = null;
  const isFile = opts.isFile ?? !/^https?:/i.test(opts.source);
  if (!isFile) {
    try {
      host = new URL(opts.source).hostname;
    } catch {
      host = null;
    }
  }
  const titleEl = doc.querySelector('title');
  return {
    source: opts.source,
    isFile,
    host,
    meta,
    htmlTitle: titleEl ? displayText(titleEl.textContent ?? '') || null : null,
    headingCandidates: headingCandidates(doc, root),
    dumpFields: {},
    blocks: st.blocks,
    tables: st.tables,
    links,
    hasViewerFrame: st.hasViewerFrame,
    root: root ?? undefined,
  };
}
