/**
 * The fallback of the sentence highlights (lib/texthighlight.ts) where the CSS Custom Highlight
 * API is missing or does not paint (Firefox before 140, older Chromium and Safari, a page that
 * broke `CSS.highlights`): translucent boxes over each range's client rectangles, drawn in a
 * container the caller owns (the auditor's shadow root), fixed to the viewport and placed again
 * when the page scrolls or the window is resized. The page's DOM is never touched: `remove()`
 * deletes the container and both listeners. Free of extension APIs; tested in happy-dom and
 * in Firefox (tests/e2e/firefox-narrative.e2e.ts).
 */
import type { Severity } from './types';

export const OVERLAY_ATTR = 'data-report-audit-overlay';

export interface OverlayColours {
  bg: string;
  line: string;
}

export interface OverlayRange {
  range: Range;
  severity: Severity;
}

export class RangeOverlay {
  private container: HTMLElement | null = null;
  private onChange: (() => void) | null = null;
  private frame = 0;

  constructor(
    private readonly doc: Document,
    /** Where the boxes go: a node that is rendered (the auditor's shadow root), never the page's body. */
    private readonly root: Node,
    private readonly ranges: readonly OverlayRange[],
    private readonly colours: Record<Severity, OverlayColours>,
  ) {}

  get active(): boolean {
    return this.container !== null;
  }

  /** The boxes drawn (one per client rectangle of each range). */
  get boxes(): HTMLElement[] {
    return this.container ? (Array.from(this.container.children) as HTMLElement[]) : [];
  }

  show(): void {
    if (this.container) return;
    const c = this.doc.createElement('div');
    c.setAttribute(OVERLAY_ATTR, '');
    // CSSOM, not a style attribute: a page's CSP (style-src) does not apply to it
    const s = c.style;
    s.setProperty('position', 'fixed');
    s.setProperty('inset', '0');
    s.setProperty('pointer-events', 'none');
    s.setProperty('z-index', '2147483646');
    s.setProperty('overflow', 'hidden');
    this.root.insertBefore(c, this.root.firstChild);
    this.container = c;
    this.place();
    const view = this.doc.defaultView;
    if (view) {
      this.onChange = () => {
        if (this.frame) return;
        this.frame = view.requestAnimationFrame(() => {
          this.frame = 0;
          this.place();
        });
      };
      view.addEventListener('scroll', this.onChange, { capture: true, passive: true });
      view.addEventListener('resize', this.onChange, { passive: true });
    }
  }

  /** Draw the boxes where the ranges are now. */
  place(): void {
    const c = this.container;
    if (!c) return;
    c.replaceChildren();
    for (const { range, severity } of this.ranges) {
      const colour = this.colours[severity];
      for (const r of Array.from(range.getClientRects())) {
        if (r.width <= 0 || r.height <= 0) continue;
        const box = this.doc.createElement('div');
        box.setAttribute('data-severity', severity);
        const s = box.style;
        s.setProperty('position', 'absolute');
        s.setProperty('left', `${r.left}px`);
        s.setProperty('top', `${r.top}px`);
        s.setProperty('width', `${r.width}px`);
        s.setProperty('height', `${r.height}px`);
        s.setProperty('background-color', colour.bg);
        s.setProperty('border-bottom', `2px solid ${colour.line}`);
        s.setProperty('box-sizing', 'border-box');
        c.appendChild(box);
      }
    }
  }

  remove(): void {
    const view = this.doc.defaultView;
    if (this.onChange) {
      view?.removeEventListener('scroll', this.onChange, { capture: true });
      view?.removeEventListener('resize', this.onChange);
    }
    this.onChange = null;
    if (this.frame) view?.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.container?.remove();
    this.container = null;
  }
}
