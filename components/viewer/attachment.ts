/**
 * The attachment viewer's work, free of extension APIs (tested in Node with the legacy pdf.js
 * and happy-dom): fetch the file with progress, recognise its type, and audit it with the
 * engine as the CLI does (lib/attachments.ts) — PDF through pdf.js → page model, DOCX through
 * mammoth → HTML → page model — giving the same result and evidence (`attachment`). The caller
 * passes pdf.js's document opener, the DOCX converter and the HTML parser of its environment.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { UNSUPPORTED, docxPageHtml, sniffAttachment, type AttachmentKind } from '../../lib/attachment-kind';
import { auditPage, type AuditRun } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import { auditPdfContent, flaggedBoxes, sha256Hex, withEvidence, type PdfAuditRun } from '../../lib/pdf/audit';
import { pdfContent } from '../../lib/pdf/extract';
import { PdfReadError } from '../../lib/pdf/types';
import type { AttachmentEvidence } from '../../lib/types';
import { readBodyBytes } from '../../lib/body-bytes';
import { originPattern as sitesOriginPattern } from '../../lib/ext/sites';
import { errorMessage } from '../../lib/error-message';

/** Why an attachment cannot be shown audited. `message` is the engine's (English), `kind` picks the UI's words. */
export type ViewerProblem =
  | 'bad-url'
  | 'permission'
  | 'fetch'
  | 'too-large'
  | 'not-attachment'
  | 'unsupported'
  | 'no-text'
  | 'encrypted'
  | 'invalid';

export class ViewerError extends Error {
  constructor(
    readonly problem: ViewerProblem,
    message: string,
    /** The attachment type, for 'unsupported'. */
    readonly kind: AttachmentKind | null = null,
  ) {
    super(message);
    this.name = 'ViewerError';
  }
}

export type Progress =
  | { stage: 'fetch'; loaded: number; total: number | null }
  | { stage: 'parse'; page: number; pages: number }
  | { stage: 'audit' };

/** Attachments larger than this are refused (a report is a few MB; this is not a file browser). */
export const MAX_BYTES = 100 * 1024 * 1024;

/** The viewer's `src`: an absolute http(s) URL, without its fragment. */
export function attachmentUrl(src: string | null): string {
  if (!src) throw new ViewerError('bad-url', 'no attachment URL (viewer.html?src=URL)');
  let u: URL;
  try {
    u = new URL(src);
  } catch {
    throw new ViewerError('bad-url', `not a URL: ${src.slice(0, 200)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ViewerError('bad-url', `not an http(s) URL: ${src.slice(0, 200)}`);
  u.hash = '';
  return u.href;
}

/** The host permission pattern that covers a URL (permissions.contains / request). */
export function originPattern(url: string): string {
  return sitesOriginPattern(url) ?? url;
}

export interface Fetched {
  bytes: Uint8Array;
  contentType: string;
}

/** Fetch the attachment, reporting the bytes read; HTTP errors, network failures and oversize files are ViewerErrors. */
export async function fetchAttachment(
  url: string,
  onProgress: (p: Progress) => void,
  fetchFn: typeof fetch = fetch,
  maxBytes = MAX_BYTES,
): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetchFn(url, { credentials: 'include', redirect: 'follow' });
  } catch (e) {
    throw new ViewerError('fetch', `cannot fetch ${url}: ${errorMessage(e)}`);
  }
  if (!res.ok) throw new ViewerError('fetch', `cannot fetch ${url}: HTTP ${res.status}`);
  const contentType = res.headers.get('content-type') ?? '';
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(declared) && declared > 0 ? declared : null;
  if (total !== null && total > maxBytes) throw new ViewerError('too-large', `the file is ${total} bytes, more than ${maxBytes}`);
  onProgress({ stage: 'fetch', loaded: 0, total });
  const bytes = await readBodyBytes(
    res,
    maxBytes,
    () => new ViewerError('too-large', `the file is more than ${maxBytes} bytes`),
    (loaded) => onProgress({ stage: 'fetch', loaded, total }),
  );
  return { bytes, contentType };
}

/** The attachment's type; a page or an unknown file, and the types the engine does not read, are ViewerErrors. */
export function attachmentKind(f: Fetched, url: string): 'pdf' | 'docx' {
  const kind = sniffAttachment(f.bytes, new URL(url).pathname, f.contentType);
  if (kind === 'pdf' || kind === 'docx') return kind;
  if (kind) throw new ViewerError('unsupported', UNSUPPORTED[kind], kind);
  throw new ViewerError('not-attachment', 'the file is not a PDF or DOCX document (a web page? open it and audit it as a page)');
}

/** pdf.js's failures in the words of the CLI (lib/attachments.ts). */
export function pdfProblem(e: unknown): ViewerError {
  const err = e as { name?: string; message?: string } | null;
  if (e instanceof ViewerError) return e;
  if (e instanceof PdfReadError) return new ViewerError(e.problem, e.message);
  if (err?.name === 'PasswordException') return new ViewerError('encrypted', 'the PDF is encrypted with a password: it cannot be read');
  if (err?.name === 'InvalidPDFException') {
    const why = (err.message ?? 'invalid structure').replace(/\.$/, '');
    return new ViewerError('invalid', `not a valid PDF file (${why.charAt(0).toLowerCase()}${why.slice(1)})`);
  }
  return new ViewerError('invalid', `cannot read the PDF: ${err?.message ?? String(e)}`);
}

export interface PdfAudit {
  run: PdfAuditRun;
  /** The open document (kept for drawing the pages; the caller destroys it). */
  doc: PDFDocumentProxy;
  /** Each page's size in points (scale 1), page 1 first. */
  sizes: { width: number; height: number }[];
}

/**
 * Audit a PDF: read every page's text and borders (progress "page N of M"), rebuild the tables,
 * run the engine. The result carries the evidence the CLI gives (`attachment`: kind, url,
 * sha256, bytes, pages, cellBoxes).
 */
export async function auditPdf(
  bytes: Uint8Array,
  url: string,
  open: (bytes: Uint8Array) => Promise<PDFDocumentProxy>,
  onProgress: (p: Progress) => void,
): Promise<PdfAudit> {
  const sha256 = await sha256Hex(bytes);
  let doc: PDFDocumentProxy;
  try {
    doc = await open(bytes);
  } catch (e) {
    throw pdfProblem(e);
  }
  try {
    const content = await pdfContent(doc, { onPage: (page, pages) => onProgress({ stage: 'parse', page, pages }) });
    onProgress({ stage: 'audit' });
    const run = auditPdfContent(content, { source: url });
    const evidence: AttachmentEvidence = { kind: 'pdf', url, sha256, bytes: bytes.length, pages: doc.numPages, cellBoxes: flaggedBoxes(run) };
    withEvidence(run, evidence);
    return { run, doc, sizes: content.pages.map((p) => ({ width: p.width, height: p.height })) };
  } catch (e) {
    await doc.destroy();
    throw pdfProblem(e);
  }
}

/** Attributes whose URL may run code or leave the viewer unasked. */
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href'];

/**
 * Make mammoth's document safe to show in the extension page: no script, style, frame or form
 * elements, no event-handler attributes, links only to http(s)/mailto/fragments, images only
 * as data: URLs (mammoth embeds a DOCX's images so).
 */
export function sanitiseDocx(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('script, style, link, meta[http-equiv], iframe, frame, object, embed, form, base'))) el.remove();
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) el.removeAttribute(a.name);
      else if (URL_ATTRS.includes(name)) {
        const v = a.value.trim();
        const ok = el.tagName === 'IMG' ? /^data:image\//i.test(v) : /^(https?:|mailto:|#)/i.test(v);
        if (!ok) el.removeAttribute(a.name);
      }
    }
  }
}

export interface DocxAudit {
  run: AuditRun;
  /** The converted document (sanitised); the run's cells are its elements. */
  doc: Document;
}

/** Audit a DOCX: mammoth's HTML → a document → the page pipeline (the cells stay the document's elements, for highlighting). */
export async function auditDocx(
  bytes: Uint8Array,
  url: string,
  convert: (bytes: Uint8Array) => Promise<string>,
  parse: (html: string) => Document,
  onProgress: (p: Progress) => void,
): Promise<DocxAudit> {
  const sha256 = await sha256Hex(bytes);
  let html: string;
  try {
    html = docxPageHtml(await convert(bytes));
  } catch (e) {
    throw new ViewerError('invalid', `cannot read the DOCX file: ${errorMessage(e)}`);
  }
  const doc = parse(html);
  sanitiseDocx(doc);
  onProgress({ stage: 'audit' });
  const run = auditPage(pageFromDocument(doc, { source: url }));
  withEvidence(run, { kind: 'docx', url, sha256, bytes: bytes.length });
  return { run, doc };
}
