/**
 * Highlights of narrative findings on the audited page (rules.md §H): the sentence a finding
 * is about (Finding.text) is found again in the page's text and shown as a text range, without
 * touching the page's DOM:
 *
 * - the range is painted with the CSS Custom Highlight API (`CSS.highlights`, one highlight per
 *   severity); the `::highlight()` rules sit in a `<style>` the caller places inside its own
 *   host element, which is outside `<head>` and `<body>`; where the API is missing, throws or
 *   cannot paint (`::highlight()` not supported: Firefox before 140, older browsers), boxes are
 *   drawn over the sentence instead (lib/textoverlay.ts) in `overlayRoot` (the auditor's shadow
 *   root); without an `overlayRoot` (happy-dom tests) nothing is painted and the rest still works;
 * - hovering the sentence shows the same tooltip as a marked cell: one passive `mousemove`
 *   listener compares the pointer with the ranges' client rectangles;
 * - `remove()` deletes the highlights, the style and the listener: the page's DOM is exactly
 *   as before (no element is wrapped, no attribute is set).
 *
 * The sentence is searched whitespace-insensitively (the engine's display text collapses
 * whitespace runs), first in the block element the engine read it from, then in the content
 * root, then in the body. Free of extension APIs; tested in happy-dom.
 */
import type { Finding, Severity, TextAnchor } from './types';
import type { TooltipEvent } from './highlight';
import { RangeOverlay } from './textoverlay';

export const HIGHLIGHT_PREFIX = 'report-audit-';
const COLOURS: Record<Severity, { bg: string; line: string }> = {
  error: { bg: 'rgba(217, 48, 37, 0.18)', line: '#d93025' },
  warning: { bg: 'rgba(227, 116, 0, 0.18)', line: '#e37400' },
  info: { bg: 'rgba(26, 115, 232, 0.14)', line: '#1a73e8' },
};
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Elements whose text the engine never reads (lib/page.ts SKIP), nor the auditor's own UI. */
const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SELECT|TEXTAREA|BUTTON|SVG|OBJECT)$/i;
const BLOCK = /^(P|DIV|H[1-6]|LI|TD|TH|SECTION|ARTICLE|BLOCKQUOTE|PRE|CENTER|DD|DT|FIGCAPTION|CAPTION|BODY)$/i;
const WS = /[\s\u00a0\u3000\u2000-\u200b\ufeff]/;

/** Delete every whitespace character. */
function squash(s: string): string {
  let out = '';
  for (const ch of s) if (!WS.test(ch)) out += ch;
  return out;
}

/**
 * The range of `quote` in `scope`'s text, whitespace-insensitively, or null. `exclude` (the
 * auditor's host) is never searched.
 */
export function findTextRange(scope: Node, quote: string, exclude?: Element | null): Range | null {
  const needle = squash(quote);
  if (!needle) return null;
  const doc = scope.nodeType === 9 ? (scope as Document) : scope.ownerDocument;
  if (!doc) return null;
  const nodes: Text[] = [];
  const offsets: number[] = [];
  let hay = '';
  // iterative walk in document order (no recursion: deep pages)
  const stack: Node[] = [scope];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeType === 3) {
      const data = (n as Text).data;
      for (let i = 0; i < data.length; i++) {
        const ch = data[i]!;
        if (WS.test(ch)) continue;
        hay += ch;
        nodes.push(n as Text);
        offsets.push(i);
      }
      continue;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) continue;
    if (n.nodeType === 1 && (SKIP.test((n as Element).tagName) || n === exclude)) continue;
    const kids = n.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  const k = hay.indexOf(needle);
  if (k < 0) return null;
  const last = k + needle.length - 1;
  const range = doc.createRange();
  range.setStart(nodes[k]!, offsets[k]!);
  range.setEnd(nodes[last]!, offsets[last]! + 1);
  return range;
}

/** The nearest block-level ancestor of an element (or the element itself). */
function blockOf(el: Element): Element {
  let e: Element | null = el;
  while (e && !BLOCK.test(e.tagName)) e = e.parentElement;
  return e ?? el;
}

/** Where to look for a finding's sentence. */
export interface TextScope {
  /** The element a text block (PageModel.blocks index) was read from. */
  block(index: number): Element | undefined;
  /** The content root (PageModel.root). */
  root: Element | null;
  /** Never searched (the auditor's own host element). */
  exclude?: Element | null;
}

/** The range of a text anchor: in its block's element, else the content root, else the body. */
export function locateAnchor(doc: Document, anchor: TextAnchor, scope: TextScope): Range | null {
  const tries: Node[] = [];
  const el = anchor.block !== undefined ? scope.block(anchor.block) : undefined;
  if (el) tries.push(blockOf(el));
  if (scope.root) tries.push(scope.root);
  if (doc.body) tries.push(doc.body);
  for (const t of tries) {
    const r = findTextRange(t, anchor.quote, scope.exclude);
    if (r) return r;
  }
  return null;
}

/** The parts of the Highlight API used here (present in Chromium ≥ 105, Firefox ≥ 140, Safari ≥ 17.2). */
interface HighlightRegistryLike {
  set(name: string, h: unknown): unknown;
  delete(name: string): boolean;
}
type HighlightCtor = new (...ranges: Range[]) => unknown;

function highlightApi(view: (Window & typeof globalThis) | null): { registry: HighlightRegistryLike; Highlight: HighlightCtor } | null {
  const w = view as unknown as { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: HighlightCtor } | null;
  const registry = w?.CSS?.highlights;
  const Highlight = w?.Highlight;
  return registry && typeof Highlight === 'function' ? { registry, Highlight } : null;
}

/** Whether the browser styles `::highlight()` (an API without the selector paints nothing). */
function paintsHighlights(view: (Window & typeof globalThis) | null): boolean {
  const supports = (view as unknown as { CSS?: { supports?: (s: string) => boolean } } | null)?.CSS?.supports;
  if (typeof supports !== 'function') return true;
  try {
    return supports.call(view!.CSS, 'selector(::highlight(report-audit-probe))');
  } catch {
    return true;
  }
}

export interface TextHighlighterOptions {
  /** Called with the findings of a sentence on hover, and with null when it ends. */
  onTooltip?: (e: TooltipEvent | null) => void;
  /** Where the `::highlight()` style goes while highlights are on (the auditor's host element). */
  styleHost?: Element | null;
  /**
   * Where the fallback boxes go when the Highlight API cannot paint (the auditor's shadow root:
   * rendered, and not the page's DOM); absent: no fallback.
   */
  overlayRoot?: Node | null;
  /** Use the boxes even where the Highlight API works (tests of the fallback). */
  forceOverlay?: boolean;
}

interface Located {
  range: Range;
  findings: Finding[];
}

export class TextHighlighter {
  private readonly located: Located[] = [];
  private readonly byFinding = new Map<Finding, Located>();
  private style: HTMLStyleElement | null = null;
  private overlay: RangeOverlay | null = null;
  private onMove: ((e: MouseEvent) => void) | null = null;
  private hovered: Located | null = null;
  private frame = 0;
  private on = false;

  constructor(
    private readonly doc: Document,
    findings: readonly Finding[],
    scope: TextScope,
    private readonly opts: TextHighlighterOptions = {},
  ) {
    const byQuote = new Map<string, Located>();
    for (const f of findings) {
      if (!f.text) continue;
      const k = `${f.text.block ?? ''}\u0000${f.text.start ?? ''}\u0000${f.text.quote}`;
      let loc = byQuote.get(k);
      if (!loc) {
        const range = locateAnchor(doc, f.text, scope);
        if (!range) continue;
        loc = { range, findings: [] };
        byQuote.set(k, loc);
        this.located.push(loc);
      }
      loc.findings.push(f);
      this.byFinding.set(f, loc);
    }
    for (const l of this.located) l.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  }

  get active(): boolean {
    return this.on;
  }

  /** How the sentences are shown while on: Highlight API, boxes over them (fallback), or not painted. */
  get mode(): 'highlight' | 'overlay' | 'none' {
    if (!this.on || this.located.length === 0) return 'none';
    if (this.overlay?.active) return 'overlay';
    return this.style || this.painted ? 'highlight' : 'none';
  }

  private painted = false;

  /** Number of sentences found on the page. */
  get count(): number {
    return this.located.length;
  }

  /** The range of a finding's sentence, when it was found. */
  rangeOf(f: Finding): Range | undefined {
    return this.byFinding.get(f)?.range;
  }

  /** The findings of a sentence (all findings anchored to the same sentence). */
  findingsAt(f: Finding): Finding[] {
    return this.byFinding.get(f)?.findings ?? [];
  }

  apply(): void {
    if (this.on) return;
    this.on = true;
    const view = this.doc.defaultView;
    const api = this.opts.forceOverlay || !paintsHighlights(view) ? null : highlightApi(view);
    this.painted = false;
    if (api && this.located.length > 0) {
      let failed = false;
      for (const sev of ['error', 'warning', 'info'] as const) {
        const ranges = this.located.filter((l) => l.findings[0]!.severity === sev).map((l) => l.range);
        if (ranges.length === 0) continue;
        try {
          api.registry.set(HIGHLIGHT_PREFIX + sev, new api.Highlight(...ranges));
        } catch {
          /* a page that replaced CSS.highlights: the boxes below instead */
          failed = true;
        }
      }
      this.painted = !failed;
      if (failed) this.deleteHighlights();
      if (this.painted && this.opts.styleHost) {
        const style = this.doc.createElement('style');
        style.textContent = (['error', 'warning', 'info'] as const)
          .map((s) => `::highlight(${HIGHLIGHT_PREFIX}${s}){background-color:${COLOURS[s].bg};text-decoration:underline wavy ${COLOURS[s].line};text-decoration-skip-ink:none;}`)
          .join('\n');
        this.opts.styleHost.appendChild(style);
        this.style = style;
      }
    }
    if (!this.painted && this.opts.overlayRoot && this.located.length > 0) {
      // no Highlight API, or it cannot paint: boxes over the sentences, in the auditor's shadow root
      this.overlay = new RangeOverlay(
        this.doc,
        this.opts.overlayRoot,
        this.located.map((l) => ({ range: l.range, severity: l.findings[0]!.severity })),
        COLOURS,
      );
      this.overlay.show();
    }
    if (view && this.located.length > 0) {
      this.onMove = (e: MouseEvent) => {
        if (this.frame) return;
        const x = e.clientX;
        const y = e.clientY;
        this.frame = view.requestAnimationFrame(() => {
          this.frame = 0;
          this.hover(x, y);
        });
      };
      view.addEventListener('mousemove', this.onMove, { capture: true, passive: true });
    }
  }

  remove(): void {
    const view = this.doc.defaultView;
    if (this.onMove) view?.removeEventListener('mousemove', this.onMove, { capture: true });
    this.onMove = null;
    if (this.frame) view?.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.deleteHighlights();
    this.painted = false;
    this.overlay?.remove();
    this.overlay = null;
    this.style?.remove();
    this.style = null;
    if (this.hovered) this.opts.onTooltip?.(null);
    this.hovered = null;
    this.on = false;
  }

  private deleteHighlights(): void {
    const api = highlightApi(this.doc.defaultView);
    if (!api) return;
    for (const sev of ['error', 'warning', 'info']) {
      try {
        api.registry.delete(HIGHLIGHT_PREFIX + sev);
      } catch {
        /* see apply() */
      }
    }
  }

  /** Scroll a finding's sentence into view; returns its range (undefined when not found). */
  reveal(f: Finding): Range | undefined {
    const range = this.rangeOf(f);
    if (!range) return undefined;
    const node = range.startContainer;
    const el = (node.nodeType === 1 ? node : node.parentElement) as (Element & { scrollIntoView?: (o?: ScrollIntoViewOptions) => void }) | null;
    el?.scrollIntoView?.({ block: 'center', inline: 'nearest' });
    return range;
  }

  /** The element that holds a range (for a tooltip event). */
  static container(range: Range): Element {
    const n = range.commonAncestorContainer;
    return (n.nodeType === 1 ? n : n.parentElement) as Element;
  }

  /** Pointer at (x, y): show the tooltip of the sentence under it, or hide the one shown. */
  hover(x: number, y: number): void {
    if (!this.on) return;
    const hit = this.located.find((l) => Array.from(l.range.getClientRects()).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) ?? null;
    if (hit === this.hovered) return;
    this.hovered = hit;
    this.opts.onTooltip?.(hit ? { findings: hit.findings, el: TextHighlighter.container(hit.range), range: hit.range } : null);
  }
}
