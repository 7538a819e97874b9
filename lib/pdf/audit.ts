/**
 * Audit a PDF's content with the same engine as a web page: PdfContent → PageModel
 * (./layout.ts) → auditPage(). Pure engine code (no Node, no pdf.js): used by the CLI through
 * lib/attachments.ts and by the extension's viewer page.
 */
import type { AttachmentEvidence, CellBox, CellId } from '../types';
import { auditPage, type AuditOptions, type AuditRun } from '../audit';
import { pageFromPdf, type PdfLayout } from './layout';
import { PdfReadError, type PdfContent } from './types';

/** Fewer characters than this in the whole text layer: a scanned PDF (images of pages). */
export const MIN_TEXT_CHARS = 20;

export const NO_TEXT_MESSAGE =
  'the PDF has no text layer (a scanned document?): its tables cannot be read without OCR, which report-audit does not do';

export interface PdfAuditRun extends AuditRun {
  layout: PdfLayout;
  /** Every mapped cell's page and box. */
  boxes: Map<CellId, CellBox>;
}

/** Audit the content of a PDF. Throws PdfReadError('no-text') for a PDF without a text layer. */
export function auditPdfContent(content: PdfContent, opts: AuditOptions & { source: string; isFile?: boolean }): PdfAuditRun {
  const layout = pageFromPdf(content, { source: opts.source, isFile: opts.isFile });
  if (layout.chars < MIN_TEXT_CHARS) throw new PdfReadError('no-text', NO_TEXT_MESSAGE);
  const run = auditPage(layout.page, opts);
  const boxes = new Map<CellId, CellBox>();
  for (const [id, c] of run.context?.cells ?? []) if (c.box) boxes.set(id, c.box);
  return { ...run, layout, boxes };
}

/** The boxes of the cells the findings name (each cell once), for the result's evidence. */
export function flaggedBoxes(run: AuditRun & { boxes: Map<CellId, CellBox> }): Record<CellId, CellBox> {
  const out: Record<CellId, CellBox> = {};
  for (const f of run.result.findings ?? []) {
    for (const id of f.cells) {
      const b = run.boxes.get(id);
      if (b && !(id in out)) out[id] = b;
    }
  }
  return out;
}

/** SHA-256 of bytes as lower-case hex (Web Crypto: Node ≥ 20 and browsers). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Attach the attachment's evidence to a run's result (the optional `attachment` field, contract §3 addendum). */
export function withEvidence(run: AuditRun, evidence: AttachmentEvidence): AuditRun {
  if (run.result.detected) run.result.attachment = evidence;
  else run.result.attachment = { ...evidence, cellBoxes: undefined };
  if (run.result.attachment.cellBoxes === undefined) delete run.result.attachment.cellBoxes;
  return run;
}
