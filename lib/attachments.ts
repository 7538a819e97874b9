/**
 * Reports published as attachments (Node: CLI, tests, benchmarks). Recognises the file type
 * from its first bytes, its name and the HTTP Content-Type, then:
 *  - PDF: pdf.js (legacy build, for Node 20) reads the text layer and the ruling lines
 *    (lib/pdf/extract.ts), the tables are rebuilt into the engine's page model
 *    (lib/pdf/layout.ts) and audited as a web page is; the result carries the file's SHA-256
 *    and the page and box of every cell a finding names.
 *  - DOCX: mammoth converts it to HTML, which the normal pipeline audits.
 *  - DOC, WPS, OFD (and spreadsheets): not supported; the message says what to do.
 * Every failure to read an attachment is an InputError (the CLI prints it and exits 2).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AuditRun } from './audit';
import type { AttachmentEvidence } from './types';
import { InputError, runHtml, type SourceOptions } from './node';
import { auditPdfContent, flaggedBoxes, sha256Hex, withEvidence } from './pdf/audit';
import { pdfContent } from './pdf/extract';
import { PdfReadError } from './pdf/types';
import { UNSUPPORTED, docxPageHtml, type AttachmentKind } from './attachment-kind';

// the type sniffing and the unsupported types' messages are shared with the extension's viewer
export { sniffAttachment, looksLikeAttachment, type AttachmentKind } from './attachment-kind';

export interface AttachmentOptions extends SourceOptions {
  kind: AttachmentKind;
  /** The attachment's URL when it was fetched (kept as evidence). */
  attachmentUrl?: string;
}

// ------------------------------------------------------------------ pdf.js in Node

type PdfJs = typeof import('pdfjs-dist');
let pdfjsPromise: Promise<PdfJs> | null = null;

/** pdf.js, legacy build (the modern build needs Node 22 APIs); loaded on first use only. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfJs>;
  return pdfjsPromise;
}

/** pdf.js's packaged data folders (CJK CMaps, standard font metrics), as file URLs with a trailing slash. */
function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', standardFontDataUrl: join(root, 'standard_fonts') + '/' };
}

/** Open a PDF with pdf.js in Node: no eval, no system fonts, CMaps for CJK text. The caller destroys it. */
export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and detaches) the buffer it is given: pass a copy
    data: bytes.slice(),
    ...pdfjsData(),
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  return task.promise;
}

function pdfFailure(e: unknown): string {
  const err = e as { name?: string; message?: string } | null;
  if (e instanceof PdfReadError) return e.message;
  if (err?.name === 'PasswordException') return 'the PDF is encrypted with a password: it cannot be read';
  if (err?.name === 'InvalidPDFException') {
    const why = (err.message ?? 'invalid structure').replace(/\.$/, '');
    return `not a valid PDF file (${why.charAt(0).toLowerCase()}${why.slice(1)})`;
  }
  return `cannot read the PDF: ${err?.message ?? String(e)}`;
}

/** Read and audit a PDF. pdf.js failures (not a PDF, encrypted, damaged) are InputErrors; the audit's own are bugs. */
export async function runPdf(bytes: Uint8Array, opts: SourceOptions & { attachmentUrl?: string }): Promise<AuditRun> {
  const source = opts.url ?? opts.source;
  let content;
  let pages = 0;
  try {
    const doc = await openPdf(bytes);
    try {
      pages = doc.numPages;
      content = await pdfContent(doc);
    } finally {
      await doc.destroy();
    }
  } catch (e) {
    throw new InputError(pdfFailure(e), opts.source);
  }
  let run;
  try {
    run = auditPdfContent(content, { ...opts, source, isFile: !opts.url && !/^https?:/i.test(opts.source) });
  } catch (e) {
    if (e instanceof PdfReadError) throw new InputError(e.message, opts.source);
    throw e;
  }
  const evidence: AttachmentEvidence = {
    kind: 'pdf',
    sha256: await sha256Hex(bytes),
    bytes: bytes.length,
    pages,
    cellBoxes: flaggedBoxes(run),
  };
  if (opts.attachmentUrl) evidence.url = opts.attachmentUrl;
  const { layout: _layout, boxes: _boxes, ...plain } = run;
  return withEvidence(plain, evidence);
}

// ------------------------------------------------------------------ DOCX

/** DOCX → HTML (mammoth), wrapped as a page with the report title as its heading (lib/attachment-kind.ts docxPageHtml). */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  return docxPageHtml(value);
}

export async function runDocx(bytes: Uint8Array, opts: SourceOptions & { attachmentUrl?: string }): Promise<AuditRun> {
  let html: string;
  try {
    html = await docxToHtml(bytes);
  } catch (e) {
    throw new InputError(`cannot read the DOCX file: ${(e as Error)?.message ?? String(e)}`, opts.source);
  }
  const run = runHtml(html, opts);
  const evidence: AttachmentEvidence = { kind: 'docx', sha256: await sha256Hex(bytes), bytes: bytes.length };
  if (opts.attachmentUrl) evidence.url = opts.attachmentUrl;
  return withEvidence(run, evidence);
}

/** Audit an attachment of a known kind; unsupported kinds are an InputError saying what to do. */
export async function runAttachment(bytes: Uint8Array, opts: AttachmentOptions): Promise<AuditRun> {
  if (opts.kind === 'pdf') return runPdf(bytes, opts);
  if (opts.kind === 'docx') return runDocx(bytes, opts);
  throw new InputError(UNSUPPORTED[opts.kind], opts.source);
}
