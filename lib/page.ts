/**
 * DOM → PageModel: metadata, title evidence, and the content as blocks (text outside
 * tables, data tables, images), read in one walk. Works on any standards DOM (the
 * browser's, happy-dom's) and uses no extension API.
 *
 * The DOM is read with plain tree walks, never with selector queries: one pass over every
 * element of the document (scanDocument: meta, title, content-root and heading candidates,
 * viewer frames, paragraphs, links, tables holding tables), then one walk of the content
 * root (blocks and tables). In happy-dom each document-wide querySelector(All) walks the
 * whole tree with a recursive, allocation-heavy matcher (tens of milliseconds per selector on
 * a large page, and a stack overflow on very deep nesting), so the thirty-odd queries this
 * module used to make cost far more than reading the tables themselves. Both walks are
 * linear in the number of nodes, in the browser as in happy-dom.
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

/** Article heading elements, in order of preference (the first three of each count). */
export const HEADING_SELECTORS = ['.article_title', '.article-title', '.articleTitle', 'h1', '.title', 'h2'];
const HEADINGS_PER_SELECTOR = 3;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'TEXTAREA', 'BUTTON', 'svg', 'SVG', 'OBJECT']);
const BLOCK = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'SECTION', 'ARTICLE', 'CENTER', 'BLOCKQUOTE',
  'PRE', 'HEADER', 'FOOTER', 'ADDRESS', 'DL', 'DT', 'DD', 'FIGURE', 'FIGCAPTION', 'HR', 'TR', 'TD', 'TH', 'CAPTION',
  'FORM', 'FIELDSET', 'MAIN', 'NAV', 'ASIDE', 'TBODY', 'THEAD', 'TFOOT',
]);
const ASCII_WS_EDGE = /^[ \t\n\r\f]+|[ \t\n\r\f]+$/g;
const ASCII_WS_RUN = /[ \t\n\r\f]+/g;
const MAX_DEPTH = 400;
const VIEWER_SRC = /\.pdf|pdfjs|viewer|flip|basic-html|\.ofd/;
/** Links listed from the content root, at most. */
const MAX_LINKS = 500;
/** Paragraphs of the content root tried as a centred bold heading, at most. */
const HEADING_PARAGRAPHS = 8;

/**
 * Above this many child elements, children are read through the child list rather than the
 * sibling links: happy-dom's `nextSibling` searches the parent's child array, which makes a
 * sibling walk quadratic in the width of an element (a Word page with thousands of paragraphs
 * directly in one div).
 */
const WIDE = 32;

/** An element's child elements, in order. */
function childElements(el: Element): Element[] {
  if (el.childElementCount > WIDE) return Array.from(el.children);
  const out: Element[] = [];
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) out.push(c);
  return out;
}

/** An element's child nodes, in order. */
function childNodes(el: Element): Node[] {
  if (el.childElementCount > WIDE) return Array.from(el.childNodes);
  const out: Node[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/**
 * A cell's text: text nodes concatenated without separators (report-format.md §10). HTML
 * source formatting (ASCII whitespace runs) collapses as a browser renders it; visible
 * padding (NBSP, U+3000) is kept, so VAL-WHITESPACE still sees it.
 */
export function cellText(el: Element): string {
  const t = el.textContent ?? '';
  return t.replace(ASCII_WS_EDGE, '').replace(ASCII_WS_RUN, ' ');
}

/** Convert a `<table>` (without nested tables) to rows of cells. */
export function sourceTable(table: Element): SourceTable {
  const rows: SourceRow[] = [];
  // rows of this table only (thead/tbody/tfoot or direct), not of nested tables
  const trs: Element[] = [];
  for (const child of childElements(table)) {
    if (child.tagName === 'TR') trs.push(child);
    else if (child.tagName === 'TBODY' || child.tagName === 'THEAD' || child.tagName === 'TFOOT') {
      for (const tr of childElements(child)) if (tr.tagName === 'TR') trs.push(tr);
    }
  }
  for (const tr of trs) {
    const cells: SourceCell[] = [];
    for (const td of childElements(tr)) {
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

// ------------------------------------------------------------------ the document pass

/** A selector of the form `tag`, `.class`, `#id` or `tag.class`: all CONTENT_SELECTORS and HEADING_SELECTORS are. */
interface SimpleSelector {
  tag: string | null;
  cls: string | null;
  id: string | null;
}

function parseSimple(sel: string): SimpleSelector {
  const m = /^([a-zA-Z][a-zA-Z0-9]*)?(?:([.#])([\w-]+))?$/.exec(sel);
  if (!m || (!m[1] && !m[2])) throw new Error(`page.ts: unsupported selector ${sel}`);
  return { tag: m[1]?.toLowerCase() ?? null, cls: m[2] === '.' ? m[3]! : null, id: m[2] === '#' ? m[3]! : null };
}

/**
 * CONTENT_SELECTORS then HEADING_SELECTORS, indexed by the id, class or tag they need. `slot`
 * numbers the selectors in that order. In quirks mode (no doctype, as on many government
 * sites) browsers match class and id selectors ASCII case-insensitively; the quirks index
 * is keyed in lower case and looked up with lower-cased names, so that the walk picks what
 * `querySelector` would. (happy-dom has no quirks mode: `compatMode` is undefined there.)
 */
interface SelectorIndex {
  byId: Map<string, number[]>;
  byClass: Map<string, number[]>;
  byTag: Map<string, number[]>;
  sels: SimpleSelector[];
  lower: boolean;
}

function buildIndex(lower: boolean): SelectorIndex {
  const sels = [...CONTENT_SELECTORS, ...HEADING_SELECTORS].map(parseSimple);
  const idx: SelectorIndex = { byId: new Map(), byClass: new Map(), byTag: new Map(), sels, lower };
  const add = (map: Map<string, number[]>, key: string, slot: number) => {
    const k = lower ? key.toLowerCase() : key;
    const list = map.get(k);
    if (list) list.push(slot);
    else map.set(k, [slot]);
  };
  sels.forEach((s, slot) => {
    if (s.id !== null) add(idx.byId, s.id, slot);
    else if (s.cls !== null) add(idx.byClass, s.cls, slot);
    else add(idx.byTag, s.tag!, slot);
  });
  return idx;
}

let standardIndex: SelectorIndex | null = null;
let quirksIndex: SelectorIndex | null = null;
function selectorIndex(quirks: boolean): SelectorIndex {
  if (quirks) return (quirksIndex ??= buildIndex(true));
  return (standardIndex ??= buildIndex(false));
}

const CLASS_SEP = /[ \t\n\f\r]+/;

/** What pageFromDocument needs from the whole document, in document order. */
interface DocScan {
  meta: Record<string, string>;
  title: Element | null;
  /** Per selector slot (CONTENT_SELECTORS, then HEADING_SELECTORS): the matching elements, the first one or three. */
  matches: Element[][];
  /** Every `p`. */
  paragraphs: Element[];
  /** Every `a[href]`. */
  links: Element[];
  /** Tables that hold a table. */
  outerTables: Set<Element>;
  /** An `iframe[src]`, `embed[src]` or `object[data]` showing a PDF/OFD viewer or flip book. */
  viewerFrame: boolean;
}

/**
 * One pass over every element of the document (iterative: no depth limit, no recursion),
 * gathering what `querySelector(All)` used to find: `meta[name]`, `title`, the first match of
 * each content selector, the first three of each heading selector, viewer frames, `p`,
 * `a[href]`, and which tables hold another table.
 */
function scanDocument(doc: Document): DocScan {
  const idx = selectorIndex((doc as { compatMode?: string }).compatMode === 'BackCompat');
  const nContent = CONTENT_SELECTORS.length;
  const scan: DocScan = {
    meta: {},
    title: null,
    matches: idx.sels.map(() => []),
    paragraphs: [],
    links: [],
    outerTables: new Set(),
    viewerFrame: false,
  };
  const take = (slots: number[] | undefined, el: Element, tag: string) => {
    if (!slots) return;
    for (const slot of slots) {
      const want = idx.sels[slot]!.tag;
      if (want !== null && want !== tag) continue;
      const list = scan.matches[slot]!;
      // a class named twice (class="title title") is still one element
      if (list.length < (slot < nContent ? 1 : HEADINGS_PER_SELECTOR) && list[list.length - 1] !== el) list.push(el);
    }
  };
  const start = doc.documentElement;
  if (!start) return scan;
  // depth-first, document order: children pushed in reverse
  const stack: Element[] = [start];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const tag = el.localName;
    switch (tag) {
      case 'meta': {
        const name = el.getAttribute('name');
        if (name && !(name in scan.meta)) scan.meta[name] = el.getAttribute('content') ?? '';
        break;
      }
      case 'title':
        scan.title ??= el;
        break;
      case 'p':
        scan.paragraphs.push(el);
        break;
      case 'a':
        if (el.getAttribute('href') !== null) scan.links.push(el);
        break;
      case 'table': {
        // the nearest enclosing table holds a table (and so, in turn, do the tables around it)
        let up = el.parentElement;
        while (up && up.localName !== 'table') up = up.parentElement;
        if (up) scan.outerTables.add(up);
        break;
      }
      case 'iframe':
      case 'embed':
      case 'object': {
        const attr = tag === 'object' ? 'data' : 'src';
        if (!scan.viewerFrame && el.getAttribute(attr) !== null) {
          const src = (el.getAttribute('src') ?? el.getAttribute('data') ?? '').toLowerCase();
          if (VIEWER_SRC.test(src)) scan.viewerFrame = true;
        }
        break;
      }
    }
    take(idx.byTag.get(tag), el, tag);
    const id = el.getAttribute('id');
    if (id !== null) take(idx.byId.get(idx.lower ? id.toLowerCase() : id), el, tag);
    const cls = el.getAttribute('class');
    if (cls) {
      if (CLASS_SEP.test(cls)) {
        for (const token of cls.split(CLASS_SEP)) if (token) take(idx.byClass.get(idx.lower ? token.toLowerCase() : token), el, tag);
      } else {
        take(idx.byClass.get(idx.lower ? cls.toLowerCase() : cls), el, tag);
      }
    }
    const n = el.childElementCount;
    if (n === 0) continue;
    if (n > WIDE) {
      const kids = Array.from(el.children);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    } else {
      for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
    }
  }
  return scan;
}

/** Whether the element's text, trimmed, is longer than `min` characters (`textContent.trim().length > min`, read only as far as needed). */
function textLongerThan(el: Element, min: number): boolean {
  let first = -1; // offset of the first non-whitespace character
  let offset = 0;
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      if (first < 0) {
        const i = t.search(/\S/);
        if (i >= 0) first = offset + i;
      }
      if (first >= 0) {
        const last = t.search(/\S\s*$/);
        if (last >= 0 && offset + last - first >= min) return true;
      }
      offset += t.length;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const kids = childNodes(node as Element);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return false;
}

function contentRoot(doc: Document, scan: DocScan): Element | null {
  for (let slot = 0; slot < CONTENT_SELECTORS.length; slot++) {
    const found = scan.matches[slot]![0];
    if (found && textLongerThan(found, 20)) return found;
  }
  return doc.body ?? doc.documentElement;
}

/** The element holding the article body. */
export function findContentRoot(doc: Document): Element | null {
  return contentRoot(doc, scanDocument(doc));
}

/** Whether `el` has a `b` or `strong` descendant. */
function hasBold(el: Element): boolean {
  const stack = childElements(el);
  while (stack.length > 0) {
    const e = stack.pop()!;
    const tag = e.localName;
    if (tag === 'b' || tag === 'strong') return true;
    if (e.childElementCount > 0) stack.push(...childElements(e));
  }
  return false;
}

function isCentredBold(el: Element): boolean {
  const style = (el.getAttribute('style') ?? '').replace(/\s/g, '').toLowerCase();
  const align = (el.getAttribute('align') ?? '').toLowerCase();
  const centred = style.includes('text-align:center') || align === 'center';
  if (!centred) return false;
  return /font-weight:(bold|[6-9]00)/.test(style) || hasBold(el);
}

/** Strict descendants of `scope` among `els` (document order), at most `max`. */
function within(scope: Element, els: Element[], max: number): Element[] {
  const out: Element[] = [];
  for (const el of els) {
    if (out.length >= max) break;
    if (el !== scope && scope.contains(el)) out.push(el);
  }
  return out;
}

function headingCandidates(doc: Document, root: Element | null, scan: DocScan): string[] {
  const out: string[] = [];
  const add = (t: string | null | undefined) => {
    const s = displayText(t ?? '');
    if (s && s.length < 200 && !out.includes(s)) out.push(s);
  };
  for (let i = 0; i < HEADING_SELECTORS.length; i++) {
    for (const el of scan.matches[CONTENT_SELECTORS.length + i]!) add(el.textContent);
  }
  const scope = root ?? doc.body;
  if (scope) {
    for (const p of within(scope, scan.paragraphs, HEADING_PARAGRAPHS)) if (isCentredBold(p)) add(p.textContent);
  }
  return out;
}

// ------------------------------------------------------------------ the content walk

interface WalkState {
  blocks: Block[];
  tables: SourceTable[];
  line: string;
  lineEl: Element | undefined;
  hasViewerFrame: boolean;
  /** Tables that hold a table: walked into, not read as data tables. */
  outerTables: Set<Element>;
}

function flush(st: WalkState): void {
  const text = displayText(st.line);
  if (text) st.blocks.push(st.lineEl ? { kind: 'text', text, el: st.lineEl } : { kind: 'text', text });
  st.line = '';
  st.lineEl = undefined;
}

function walk(node: Element, st: WalkState, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (node.childElementCount > WIDE) {
    for (const child of Array.from(node.childNodes)) visit(node, child, st, depth);
  } else {
    for (let child = node.firstChild; child; child = child.nextSibling) visit(node, child, st, depth);
  }
}

function visit(parent: Element, child: Node, st: WalkState, depth: number): void {
  if (child.nodeType === 3) {
    st.line += child.nodeValue ?? '';
    st.lineEl ??= parent;
    return;
  }
  if (child.nodeType !== 1) return;
  const el = child as Element;
  const tag = el.tagName.toUpperCase();
  if (SKIP.has(tag)) return;
  if (tag === 'TABLE' && !st.outerTables.has(el)) {
    flush(st);
    st.tables.push(sourceTable(el));
    st.blocks.push({ kind: 'table', table: st.tables.length - 1, el });
    return;
  }
  if (tag === 'IMG') {
    flush(st);
    st.blocks.push({ kind: 'image', src: el.getAttribute('src') ?? '', el });
    return;
  }
  if (tag === 'IFRAME' || tag === 'EMBED') {
    const src = (el.getAttribute('src') ?? '').toLowerCase();
    if (VIEWER_SRC.test(src)) st.hasViewerFrame = true;
    return;
  }
  if (tag === 'BR') {
    flush(st);
    return;
  }
  const block = BLOCK.has(tag);
  if (block) flush(st);
  walk(el, st, depth + 1);
  if (block) flush(st);
}

export interface PageOptions {
  /** The page's URL (browser) or file path (CLI). */
  source: string;
  /** File input: DOC-MIRROR-DOMAIN and URL evidence do not apply. */
  isFile?: boolean;
}

export function pageFromDocument(doc: Document, opts: PageOptions): PageModel {
  const scan = scanDocument(doc);
  const root = contentRoot(doc, scan);
  const st: WalkState = { blocks: [], tables: [], line: '', lineEl: undefined, hasViewerFrame: false, outerTables: scan.outerTables };
  if (root) walk(root, st, 0);
  flush(st);
  // a viewer frame may sit outside the article body (全真版 tab)
  if (scan.viewerFrame) st.hasViewerFrame = true;
  const links: { href: string; text: string }[] = [];
  if (root) {
    for (const a of within(root, scan.links, MAX_LINKS)) {
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
  return {
    source: opts.source,
    isFile,
    host,
    meta: scan.meta,
    htmlTitle: scan.title ? displayText(scan.title.textContent ?? '') || null : null,
    headingCandidates: headingCandidates(doc, root, scan),
    dumpFields: {},
    blocks: st.blocks,
    tables: st.tables,
    links,
    hasViewerFrame: st.hasViewerFrame,
    root: root ?? undefined,
  };
}
