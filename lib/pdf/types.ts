/**
 * What the PDF reader takes from each page (lib/pdf/extract.ts, through pdf.js) and what the
 * layout step (lib/pdf/layout.ts) turns into the engine's PageModel. Coordinates are PDF points
 * in the page's viewport at scale 1: origin at the top-left corner, y downwards, as a page is
 * drawn on screen. Plain data, no pdf.js types: the layout is tested without a PDF.
 */

/** A run of text from the text layer (one pdf.js text item). */
export interface TextRun {
  str: string;
  /** Left end of the baseline. */
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** Advance width of the run. */
  width: number;
  /** Font size (the em square's height). */
  size: number;
}

/** An axis-aligned ruling line (a table border), from the page's drawing operators. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPageContent {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  segments: Segment[];
}

export interface PdfContent {
  pages: PdfPageContent[];
  /** The document's Title entry, when set. */
  title: string | null;
}

/** Why a PDF cannot be audited. */
export type PdfProblem = 'no-text' | 'invalid' | 'encrypted';

export class PdfReadError extends Error {
  constructor(
    readonly problem: PdfProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}
