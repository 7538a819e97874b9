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

let window: Window | null = null;
function parser(): DOMParser {
  window ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true, disableMainFrameNavigation: true },
    },
  });
  return new window.DOMParser() as unknown as DOMParser;
}

export function parseHtml(html: string): Document {
  return parser().parseFromString(html, 'text/html');
}

export interface SourceOptions extends AuditOptions {
  /** The page's URL or the file path, reported as `source`. */
  source: string;
  /** The page's own URL when known (overrides a file source for host and URL evidence). */
  url?: string;
}

export function pageFromHtml(html: string, opts: SourceOptions): PageModel {
  const doc = parseHtml(html);
  const source = opts.url ?? opts.source;
  return pageFromDocument(doc, { source, isFile: !opts.url && !/^https?:/i.test(opts.source) });
}

export function runHtml(html: string, opts: SourceOptions): AuditRun {
  return auditPage(pageFromHtml(html, opts), opts);
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

const ENCODING_ALIASES: Record<string, string> = { gb2312: 'gbk', 'x-gbk': 'gbk', gb_2312: 'gbk', 'gb2312-80': 'gbk', utf8: 'utf-8' };

function decoderFor(label: string | null | undefined): TextDecoder | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  try {
    return new TextDecoder(ENCODING_ALIASES[l] ?? l);
  } catch {
    return null;
  }
}

/** Charset declared in `<meta charset>` or `<meta http-equiv=content-type>` within the first 4 KB. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)/i.exec(head);
  return m ? m[1]! : null;
}

/**
 * Bytes → text, honouring a BOM, the HTTP charset, then `<meta charset>`; undeclared
 * bytes that are not valid UTF-8 are read as GB18030 (a superset of GBK/GB2312).
 */
export function decodeBytes(bytes: Uint8Array, source: string, httpCharset?: string | null): string {
  if (bytes.length === 0) return '';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const probe = bytes.subarray(0, 8192);
  let nul = 0;
  for (const b of probe) if (b === 0) nul++;
  if (nul > 0) throw new InputError('not a text or HTML file (binary content)', source);
  const declared = decoderFor(httpCharset) ?? decoderFor(sniffMetaCharset(bytes));
  if (declared) return declared.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
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
  return runBytes(bytes, { ...opts, source: path, name: path });
}

export async function auditPath(path: string, opts: AuditOptions = {}): Promise<AuditResult> {
  return (await runPath(path, opts)).result;
}

export async function runUrl(url: string, opts: AuditOptions & { timeoutMs?: number } = {}): Promise<AuditRun> {
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(opts.timeoutMs ?? FETCH_TIMEOUT_MS),
      headers: { 'user-agent': 'report-auditor/0.1 (+https://github.com/)', accept: 'text/html,text/plain;q=0.9,*/*;q=0.5' },
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const why =
      err.name === 'TimeoutError' || err.name === 'AbortError'
        ? `no answer within ${Math.round((opts.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000)} s`
        : (err.cause?.code ?? err.message);
    throw new InputError(`cannot fetch URL: ${why}`, url);
  }
  if (!res.ok) throw new InputError(`cannot fetch URL: HTTP ${res.status} ${res.statusText}`.trim(), url);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_INPUT_BYTES) throw new InputError(`page too large (${length} bytes)`, url);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const charset = /charset=([^;]+)/i.exec(type)?.[1] ?? null;
  if (/application\/(pdf|msword|vnd\.)|image\//i.test(type)) throw new InputError(`not an HTML page (${type.split(';')[0]})`, url);
  return runBytes(bytes, { ...opts, source: res.url || url, url: res.url || url, name: /text\/plain/i.test(type) ? 'page.txt' : 'page.html', httpCharset: charset });
}
