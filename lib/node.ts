/**
 * Node entry of the engine (CLI, tests, benchmarks): bytes or text → DOM (happy-dom) or
 * text dump → the same auditPage() the extension runs in the page. Not bundled into the
 * extension.
 */
import { readFile, stat } from 'node:fs/promises';
import { Window } from 'happy-dom';
import type { AuditResult, PageModel } from './types';
import { auditPage, type AuditOptions, type AuditRun } from './audit';
import { pageFromDocument } from './page';
import { pageFromText } from './textdump';
import { decodeText } from './charset';
import { readBodyBytes } from './body-bytes';

/** Input that cannot be read or parsed: the CLI prints the message and exits 2. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
export const FETCH_TIMEOUT_MS = 20_000;

/** happy-dom without scripts, network, style computation or navigation: a parser and a DOM, nothing else. */
const WINDOW_SETTINGS = {
  disableJavaScriptEvaluation: true,
  disableJavaScriptFileLoading: true,
  disableCSSFileLoading: true,
  disableComputedStyleRendering: true,
  navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true, disableMainFrameNavigation: true },
};

/** A parsed document in its own happy-dom Window. The caller owns it and must close() it. */
export interface ParsedHtml {
  document: Document;
  /** Closes the Window: its document and every node parsed into it can then be collected. */
  close(): Promise<void>;
}

/**
 * Parse HTML in a fresh happy-dom Window. A Window keeps the documents parsed in it (≈ 200 MB
 * per MB of Word markup) until it is closed and the event loop has turned, so every parse gets
 * its own Window and the caller closes it (runHtml and pageFromHtml do).
 */
export function openHtml(html: string): ParsedHtml {
  const window = new Window({ settings: WINDOW_SETTINGS });
  let document: Document;
  try {
    document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  } catch (e) {
    void closeWindow(window);
    throw e;
  }
  return { document, close: () => closeWindow(window) };
}

function closeWindow(window: Window): Promise<void> {
  // closing never fails the audit: at worst the Window is collected later
  return window.happyDOM.close().catch(() => undefined);
}

/**
 * Parse HTML into a Document (tests). The document lives in its own happy-dom Window, which the
 * caller owns: pass the document to closeDocument() when done with it, or it stays in memory.
 * Prefer openHtml(), or runHtml()/pageFromHtml(), which close the Window themselves.
 */
export function parseHtml(html: string): Document {
  return openHtml(html).document;
}

/** Close the happy-dom Window of a document from parseHtml(). */
export function closeDocument(doc: Document): Promise<void> {
  const window = doc.defaultView as unknown as Window | null;
  return window?.happyDOM ? closeWindow(window) : Promise.resolve();
}

/** A stack overflow: happy-dom reads some trees recursively (textContent, its selector engine). */
function isStackOverflow(e: unknown): boolean {
  const err = e as { name?: string; message?: string } | null;
  return err?.name === 'RangeError' && /call stack/i.test(err.message ?? '');
}

export const NESTED_TOO_DEEPLY = 'the page is nested too deeply to read (maximum call stack size exceeded)';

/**
 * Parse `html` in its own Window, run `fn` on the document, start closing the Window. `fn` runs
 * synchronously, so the Window is closed in the background: its memory is freed once the
 * caller's event loop turns (the async entries, runPath and runUrl, await between inputs).
 * A stack overflow while parsing or reading the page (markup nested thousands deep) is an
 * InputError: the input's fault, not a bug.
 */
function withDocument<T>(html: string, source: string, fn: (doc: Document) => T): T {
  let parsed: ParsedHtml;
  try {
    parsed = openHtml(html);
  } catch (e) {
    if (isStackOverflow(e)) throw new InputError(NESTED_TOO_DEEPLY, source);
    throw e;
  }
  try {
    return fn(parsed.document);
  } catch (e) {
    if (isStackOverflow(e)) throw new InputError(NESTED_TOO_DEEPLY, source);
    throw e;
  } finally {
    void parsed.close();
  }
}

/**
 * Drop the DOM references (`el`, `root`) a page model and its mapped cells carry for
 * highlighting: nothing in Node highlights, and each of them would keep the whole closed
 * document (hundreds of MB for a large page) alive for as long as the caller keeps the result.
 */
function detachPage(page: PageModel): PageModel {
  delete page.root;
  for (const b of page.blocks) delete b.el;
  for (const t of page.tables) {
    delete t.el;
    for (const r of t.rows) {
      delete r.el;
      for (const c of r.cells) delete c.el;
    }
  }
  return page;
}

function detachRun(run: AuditRun): AuditRun {
  if (run.context) {
    detachPage(run.context.page);
    for (const c of run.context.cells.values()) delete c.el;
  }
  return run;
}

export interface SourceOptions extends AuditOptions {
  /** The page's URL or the file path, reported as `source`. */
  source: string;
  /** The page's own URL when known (overrides a file source for host and URL evidence). */
  url?: string;
}

function pageOf(doc: Document, opts: SourceOptions): PageModel {
  const source = opts.url ?? opts.source;
  return pageFromDocument(doc, { source, isFile: !opts.url && !/^https?:/i.test(opts.source) });
}

/** The page model of an HTML text, without DOM references (its Window is closed). */
export function pageFromHtml(html: string, opts: SourceOptions): PageModel {
  return withDocument(html, opts.source, (doc) => detachPage(pageOf(doc, opts)));
}

/** Audit an HTML text. The run carries no DOM references: the page's Window is closed after the audit. */
export function runHtml(html: string, opts: SourceOptions): AuditRun {
  return withDocument(html, opts.source, (doc) => detachRun(auditPage(pageOf(doc, opts), opts)));
}

export function auditHtml(html: string, opts: SourceOptions): AuditResult {
  return runHtml(html, opts).result;
}

export function runText(text: string, opts: SourceOptions): AuditRun {
  return auditPage(pageFromText(text, opts.source), opts);
}

export function auditText(text: string, opts: SourceOptions): AuditResult {
  return runText(text, opts).result;
}

// ------------------------------------------------------------------ decoding

/**
 * Bytes → text, honouring a BOM, the HTTP charset, then `<meta charset>`; undeclared
 * bytes that are not valid UTF-8 are read as GB18030 (lib/charset.ts).
 */
export function decodeBytes(bytes: Uint8Array, source: string, httpCharset?: string | null): string {
  return decodeText(bytes, httpCharset, () => new InputError('not a text or HTML file (binary content)', source));
}

function looksLikeHtml(text: string, name: string): boolean {
  if (/\.(s?html?|xhtml|htm|jsp|php|aspx?)$/i.test(name)) return true;
  if (/\.txt$/i.test(name)) return false;
  return /^\s*(<!doctype|<html|<head|<body|<meta|<div|<p[\s>]|<table|<!--)/i.test(text);
}

/** Audit bytes from a file or a response. */
export function runBytes(bytes: Uint8Array, opts: SourceOptions & { name?: string; httpCharset?: string | null }): AuditRun {
  if (bytes.length > MAX_INPUT_BYTES) throw new InputError(`input too large (${bytes.length} bytes; at most ${MAX_INPUT_BYTES})`, opts.source);
  const text = decodeBytes(bytes, opts.source, opts.httpCharset);
  return looksLikeHtml(text, opts.name ?? opts.source) ? runHtml(text, opts) : runText(text, opts);
}

export async function runPath(path: string, opts: AuditOptions = {}): Promise<AuditRun> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new InputError(`cannot read file: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, path);
  }
  if (info.isDirectory()) throw new InputError('is a directory, not a page', path);
  if (info.size > MAX_INPUT_BYTES) throw new InputError(`file too large (${info.size} bytes; at most ${MAX_INPUT_BYTES})`, path);
  const bytes = new Uint8Array(await readFile(path));
  // a PDF / Word / OFD attachment (lib/attachments.ts, loaded only then: it brings pdf.js and mammoth)
  const { sniffAttachment, runAttachment } = await import('./attachments');
  const kind = sniffAttachment(bytes, path);
  if (kind) return runAttachment(bytes, { ...opts, source: path, kind });
  return runBytes(bytes, { ...opts, source: path, name: path });
}

export async function auditPath(path: string, opts: AuditOptions = {}): Promise<AuditResult> {
  return (await runPath(path, opts)).result;
}

/** Seconds for a message: a timeout under one second reads "1 s", never "0 s". */
function seconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000));
}

/** Why reading a URL failed, as the end of a "cannot fetch URL: …" message. */
function fetchFailure(e: unknown, timeoutMs: number, stage: 'answer' | 'body'): string {
  const err = e as (Error & { cause?: { code?: string; message?: string } }) | null;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return stage === 'answer' ? `no answer within ${seconds(timeoutMs)} s` : `the page had not fully arrived after ${seconds(timeoutMs)} s`;
  }
  if (stage === 'body' && (err?.name === 'TypeError' || err?.cause?.code)) {
    // undici: TypeError "terminated", cause "other side closed" (UND_ERR_SOCKET), ECONNRESET …
    return 'the connection closed before the page had fully arrived';
  }
  return err?.cause?.code ?? err?.message ?? String(e);
}

/** The response body, at most MAX_INPUT_BYTES; every failure (timeout, reset, too large) is an InputError. */
async function readBody(res: Response, url: string, timeoutMs: number): Promise<Uint8Array> {
  try {
    return await readBodyBytes(res, MAX_INPUT_BYTES, () => new InputError(`page too large (more than ${MAX_INPUT_BYTES} bytes)`, url));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot fetch URL: ${fetchFailure(e, timeoutMs, 'body')}`, url);
  }
}

/**
 * Fetch and audit a URL. Every failure to get the page — no answer, an HTTP error, a body that
 * stalls or is cut off, an empty or oversized body, a PDF or image — is an InputError.
 */
export async function runUrl(url: string, opts: AuditOptions & { timeoutMs?: number } = {}): Promise<AuditRun> {
  const timeoutMs = opts.timeoutMs ?? FETCH_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'report-auditor/0.1 (+https://github.com/)', accept: 'text/html,text/plain;q=0.9,*/*;q=0.5' },
    });
  } catch (e) {
    throw new InputError(`cannot fetch URL: ${fetchFailure(e, timeoutMs, 'answer')}`, url);
  }
  const discard = () => void res.body?.cancel().catch(() => undefined);
  if (!res.ok) {
    discard();
    throw new InputError(`cannot fetch URL: HTTP ${res.status} ${res.statusText}`.trim(), url);
  }
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_INPUT_BYTES) {
    discard();
    throw new InputError(`page too large (${length} bytes)`, url);
  }
  const type = res.headers.get('content-type') ?? '';
  if (/image\//i.test(type)) {
    discard();
    throw new InputError(`not an HTML page (${type.split(';')[0]})`, url);
  }
  const bytes = await readBody(res, url, timeoutMs);
  if (bytes.length === 0) throw new InputError('the page is empty', url);
  // a PDF / Word / OFD attachment, by its first bytes, its URL or its Content-Type (lib/attachments.ts)
  const { sniffAttachment, looksLikeAttachment, runAttachment } = await import('./attachments');
  const final = res.url || url;
  const path = new URL(final).pathname;
  // the bytes decide (a `.doc` URL that serves HTML is a page); an attachment Content-Type whose bytes are not one is read as announced
  const kind = sniffAttachment(bytes, path, type) ?? (looksLikeAttachment(type) ? sniffAttachment(null, path, type) : null);
  if (kind) return runAttachment(bytes, { ...opts, source: final, url: final, kind, attachmentUrl: final });
  if (/application\/(pdf|msword|vnd\.)/i.test(type)) throw new InputError(`not an HTML page (${type.split(';')[0]})`, url);
  const charset = /charset=([^;]+)/i.exec(type)?.[1] ?? null;
  return runBytes(bytes, { ...opts, source: res.url || url, url: res.url || url, name: /text\/plain/i.test(type) ? 'page.txt' : 'page.html', httpCharset: charset });
}
