/**
 * Inline highlights on the audited page (contract §4). Free of extension APIs: tested in
 * happy-dom, run in the page by the auditor.
 *
 * - Each cell that is the first cell of at least one finding gets `data-report-audit` (the
 *   space-separated rule ids), an outline by severity (outline + box-shadow: no layout
 *   shift, never a border) and, when it is not focusable, `tabindex="0"`; hover or keyboard
 *   focus shows a tooltip (rendered by the caller in the extension's shadow root).
 * - While a finding is shown, its other cells light up faintly.
 * - `remove()` restores every attribute the highlighter touched to its original value
 *   (including absence) and removes every listener: the DOM is as before.
 * Page text is never parsed as HTML here; the tooltip gets plain data.
 */
import type { CellId, Finding, Severity } from './types';

export const MARKER = 'data-report-audit';

const COLOURS: Record<Severity, string> = { error: '#d93025', warning: '#e37400', info: '#1a73e8' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface TooltipEvent {
  /** The findings whose first cell this is. */
  findings: Finding[];
  /** The cell element (for positioning). */
  el: Element;
  /** Narrative findings (lib/texthighlight.ts): the sentence's range, positioned by instead of `el`. */
  range?: Range;
}

export interface HighlighterOptions {
  /** Called with the findings of a cell on hover/focus, and with null when it ends. */
  onTooltip?: (e: TooltipEvent | null) => void;
}

/** Original values of the attributes the highlighter changes on an element. */
interface Saved {
  style: string | null;
  tabindex: string | null;
  marker: string | null;
}

type HTMLish = Element & { style: CSSStyleDeclaration; focus?: (o?: FocusOptions) => void; scrollIntoView?: (o?: ScrollIntoViewOptions) => void };

export class Highlighter {
  private readonly saved = new Map<Element, Saved>();
  private readonly listeners: { el: Element; type: string; fn: EventListener }[] = [];
  /** First-cell element → its findings (sorted by severity). */
  private readonly byElement = new Map<Element, Finding[]>();
  private related: Element[] = [];
  private flashTimer: ReturnType<typeof setTimeout> | null = null;
  private on = false;

  constructor(
    private readonly findings: readonly Finding[],
    private readonly cells: ReadonlyMap<CellId, Element>,
    private readonly opts: HighlighterOptions = {},
  ) {
    for (const f of findings) {
      const first = f.cells[0];
      const el = first ? cells.get(first) : undefined;
      if (!el) continue;
      const list = this.byElement.get(el) ?? [];
      list.push(f);
      this.byElement.set(el, list);
    }
    for (const list of this.byElement.values()) list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  }

  get active(): boolean {
    return this.on;
  }

  /** The element a finding is anchored to (its first cell), when on the page. */
  elementOf(f: Finding): Element | undefined {
    const first = f.cells[0];
    return first ? this.cells.get(first) : undefined;
  }

  /** Number of marked cells. */
  get markedCount(): number {
    return this.byElement.size;
  }

  apply(): void {
    if (this.on) return;
    this.on = true;
    for (const [el, list] of this.byElement) {
      this.save(el);
      el.setAttribute(MARKER, [...new Set(list.map((f) => f.ruleId))].join(' '));
      this.paint(el, list[0]!.severity, 'strong');
      if (!isFocusable(el)) el.setAttribute('tabindex', '0');
      const show = () => this.show(el);
      const hide = () => this.hide();
      this.listen(el, 'mouseenter', show);
      this.listen(el, 'focus', show);
      this.listen(el, 'mouseleave', hide);
      this.listen(el, 'blur', hide);
    }
  }

  remove(): void {
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = null;
    this.opts.onTooltip?.(null);
    for (const { el, type, fn } of this.listeners) el.removeEventListener(type, fn);
    this.listeners.length = 0;
    for (const [el, s] of this.saved) {
      restore(el, 'style', s.style);
      restore(el, 'tabindex', s.tabindex);
      restore(el, MARKER, s.marker);
    }
    this.saved.clear();
    this.related = [];
    this.on = false;
  }

  /** Light up a finding's other cells faintly (null: none). */
  showRelated(f: Finding | null): void {
    for (const el of this.related) {
      if (this.byElement.has(el)) {
        this.paint(el, this.byElement.get(el)![0]!.severity, 'strong');
      } else {
        const s = this.saved.get(el);
        if (s) restore(el, 'style', s.style);
      }
    }
    this.related = [];
    if (!f || !this.on) return;
    for (const id of f.cells.slice(1)) {
      const el = this.cells.get(id);
      if (!el || el === this.elementOf(f)) continue;
      this.save(el);
      this.paint(el, f.severity, 'faint');
      this.related.push(el);
    }
  }

  /** Scroll to a finding's cell, focus it and flash it. Returns the element. */
  reveal(f: Finding): Element | undefined {
    const el = this.elementOf(f) as HTMLish | undefined;
    if (!el) return undefined;
    // instant, so that the tooltip is placed where the cell now is
    el.scrollIntoView?.({ block: 'center', inline: 'nearest' });
    if (this.on) {
      el.focus?.({ preventScroll: true });
      this.flash(el, f.severity);
    }
    this.showRelated(f);
    return el;
  }

  private show(el: Element): void {
    const list = this.byElement.get(el);
    if (!list) return;
    this.showRelated(list[0]!);
    this.opts.onTooltip?.({ findings: list, el });
  }

  private hide(): void {
    this.showRelated(null);
    this.opts.onTooltip?.(null);
  }

  private flash(el: HTMLish, severity: Severity): void {
    if (this.flashTimer) clearTimeout(this.flashTimer);
    el.style.setProperty('box-shadow', `0 0 0 6px ${COLOURS[severity]}66`, 'important');
    this.flashTimer = setTimeout(() => {
      this.flashTimer = null;
      if (this.on && this.byElement.has(el)) this.paint(el, this.byElement.get(el)![0]!.severity, 'strong');
    }, 900);
  }

  private paint(el: Element, severity: Severity, kind: 'strong' | 'faint'): void {
    const s = (el as HTMLish).style;
    if (!s) return;
    const c = COLOURS[severity];
    if (kind === 'strong') {
      s.setProperty('outline', `2px solid ${c}`, 'important');
      s.setProperty('outline-offset', '-2px', 'important');
      s.setProperty('box-shadow', `inset 0 0 0 9999px ${c}1f`, 'important');
    } else {
      s.setProperty('outline', `1px dashed ${c}`, 'important');
      s.setProperty('outline-offset', '-1px', 'important');
      s.setProperty('box-shadow', `inset 0 0 0 9999px ${c}14`, 'important');
    }
  }

  private save(el: Element): void {
    if (this.saved.has(el)) return;
    this.saved.set(el, { style: el.getAttribute('style'), tabindex: el.getAttribute('tabindex'), marker: el.getAttribute(MARKER) });
  }

  private listen(el: Element, type: string, fn: EventListener): void {
    el.addEventListener(type, fn);
    this.listeners.push({ el, type, fn });
  }
}

function restore(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function isFocusable(el: Element): boolean {
  return el.hasAttribute('tabindex') || /^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName);
}

/** The page elements of the mapped cells, by canonical id. */
export function cellElements(cells: ReadonlyMap<CellId, { el?: Element }>): Map<CellId, Element> {
  const out = new Map<CellId, Element>();
  for (const [id, c] of cells) if (c.el) out.set(id, c.el);
  return out;
}
