/**
 * A PDF's pages in the viewer: one box per page at the page's size, a canvas drawn by pdf.js
 * only when the page comes near the viewport (IntersectionObserver), and over it one element
 * per flagged cell at the cell's box (`attachment.cellBoxes`: points from the page's top-left
 * corner, placed in percent of the page so they follow any zoom). Those elements stand for
 * the cells: the page highlighter (lib/highlight.ts) outlines them, shows the tooltip on hover
 * and focus, and scrolls to them, exactly as it does with a web page's table cells.
 * Free of extension APIs; the canvas drawing is injected (pdf.js in the viewer page).
 */
import type { CellBox, CellId } from '../../lib/types';

export interface PageSize {
  width: number;
  height: number;
}

/** Draw page `n` (1-based) into the canvas at `scale` CSS pixels per point times the device pixel ratio. */
export type DrawPage = (n: number, canvas: HTMLCanvasElement, scale: number) => Promise<void>;

export interface PdfPagesOptions {
  doc: Document;
  container: HTMLElement;
  sizes: readonly PageSize[];
  boxes: Readonly<Record<CellId, CellBox>>;
  draw: DrawPage;
  /** CSS pixels per PDF point (default 96/72: the page at 100 %). */
  scale?: number;
  /** Called after a page was drawn (or failed: error set). */
  onDrawn?(n: number, error?: unknown): void;
}

export interface PdfPages {
  /** The flagged cells' elements over the pages, for the highlighter. */
  cells: Map<CellId, Element>;
  pages: HTMLElement[];
  /** Draw page n now (if not yet drawn). */
  ensure(n: number): Promise<void>;
  destroy(): void;
}

const pct = (v: number, of: number) => `${((v / of) * 100).toFixed(4)}%`;

export function mountPdfPages(o: PdfPagesOptions): PdfPages {
  const { doc } = o;
  const scale = o.scale ?? 96 / 72;
  const ratio = doc.defaultView?.devicePixelRatio || 1;
  const pages: HTMLElement[] = [];
  const drawn = new Map<number, Promise<void>>();
  o.sizes.forEach((size, i) => {
    const page = doc.createElement('div');
    page.className = 'pdf-page';
    page.dataset.page = String(i + 1);
    page.setAttribute('data-testid', 'pdf-page');
    page.style.width = `${size.width * scale}px`;
    page.style.aspectRatio = `${size.width} / ${size.height}`;
    const canvas = doc.createElement('canvas');
    canvas.className = 'pdf-canvas';
    page.appendChild(canvas);
    pages.push(page);
    o.container.appendChild(page);
  });

  const cells = new Map<CellId, Element>();
  for (const [id, box] of Object.entries(o.boxes) as [CellId, CellBox][]) {
    const page = pages[box.page - 1];
    const size = o.sizes[box.page - 1];
    if (!page || !size) continue;
    const el = doc.createElement('div');
    el.className = 'cell-box';
    el.dataset.cell = id;
    el.style.left = pct(box.x, size.width);
    el.style.top = pct(box.y, size.height);
    el.style.width = pct(box.width, size.width);
    el.style.height = pct(box.height, size.height);
    page.appendChild(el);
    cells.set(id, el);
  }

  const ensure = (n: number): Promise<void> => {
    const known = drawn.get(n);
    if (known) return known;
    const page = pages[n - 1];
    const canvas = page?.querySelector('canvas');
    if (!page || !canvas) return Promise.resolve();
    const p = o.draw(n, canvas, scale * ratio).then(
      () => {
        page.dataset.drawn = 'true';
        o.onDrawn?.(n);
      },
      (e: unknown) => {
        page.dataset.drawn = 'failed';
        o.onDrawn?.(n, e);
      },
    );
    drawn.set(n, p);
    return p;
  };

  const View = doc.defaultView as (Window & { IntersectionObserver?: typeof IntersectionObserver }) | null;
  let observer: IntersectionObserver | null = null;
  if (View?.IntersectionObserver) {
    // a page is drawn when it comes within a screen of the viewport
    observer = new View.IntersectionObserver(
      (entries) => {
        for (const e of entries) if (e.isIntersecting) void ensure(Number((e.target as HTMLElement).dataset.page));
      },
      { rootMargin: '100% 0px' },
    );
    for (const p of pages) observer.observe(p);
  } else {
    // no observer (tests): draw every page
    pages.forEach((_, i) => void ensure(i + 1));
  }

  return {
    cells,
    pages,
    ensure,
    destroy() {
      observer?.disconnect();
      for (const p of pages) p.remove();
    },
  };
}
