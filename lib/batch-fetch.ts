/**
 * Fetching one page of a batch: HTTP, size and type checks, charset decoding (GBK/GB2312 by
 * the declared charset, through TextDecoder), with every failure classified for the batch's
 * per-item reason. No DOM and no Node API: the CLI (Node fetch), Chrome's offscreen document
 * and Firefox's background page all call it with their own fetch, then parse the text their
 * own way (happy-dom, DOMParser).
 */
import { decodeText } from './charset';
import { readBodyBytes } from './body-bytes';

/** Why an item of a batch failed (the batch shows and counts these). */
export type FailureCode =
  | 'timeout'
  | 'http'
  | 'network'
  | 'not-report'
  | 'attachment'
  | 'decode'
  | 'too-large'
  | 'permission'
  | 'error';

export const FAILURE_CODES: readonly FailureCode[] = ['timeout', 'http', 'network', 'not-report', 'attachment', 'decode', 'too-large', 'permission', 'error'];

/** zh-CN labels of the failure codes (the CLI and exports; the extension UI has its locale keys). */
export const FAILURE_ZH: Record<FailureCode, string> = {
  timeout: '超时',
  http: 'HTTP 错误',
  network: '网络错误',
  'not-report': '不是年报页面',
  attachment: '仅有附件',
  decode: '无法解码',
  'too-large': '页面过大',
  permission: '无权访问该网站',
  error: '内部错误',
};

export class BatchItemError extends Error {
  override name = 'BatchItemError';
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const PAGE_MAX_BYTES = 50 * 1024 * 1024;
export const PAGE_TIMEOUT_MS = 20_000;

/** A fetched page as text. */
export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  text: string;
  /** 'html', or 'text' for text/plain. */
  kind: 'html' | 'text';
}

export type FetchLike = (url: string, init: { signal: AbortSignal; redirect: 'follow'; headers?: Record<string, string>; credentials?: 'omit' }) => Promise<Response>;

export interface FetchPageOptions {
  fetch: FetchLike;
  /** Cancels the request (batch paused or cancelled). */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  headers?: Record<string, string>;
}

const ATTACHMENT_TYPE = /application\/(pdf|msword|vnd\.|ofd|zip|x-rar|octet-stream)|image\//i;

/** Bytes → text as lib/charset.ts reads them; binary content (NUL bytes) is a decode error. */
export function decodePage(bytes: Uint8Array, httpCharset?: string | null): string {
  return decodeText(bytes, httpCharset, () => new BatchItemError('decode', 'not a text page (binary content)'));
}

function isAbort(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

function readBody(res: Response, maxBytes: number): Promise<Uint8Array> {
  return readBodyBytes(res, maxBytes, () => new BatchItemError('too-large', `page too large (more than ${maxBytes} bytes)`));
}

/**
 * Fetch a page and decode it. Throws BatchItemError: 'timeout' (no page within timeoutMs),
 * 'http' (status ≥ 400, with the status), 'network', 'attachment' (a PDF, Word, OFD … file),
 * 'too-large', 'decode'. An abort through `signal` rethrows the AbortError (not a failure of
 * the page: the batch was paused or cancelled).
 */
export async function fetchPage(url: string, opts: FetchPageOptions): Promise<FetchedPage> {
  const timeoutMs = opts.timeoutMs ?? PAGE_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? PAGE_MAX_BYTES;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onAbort = () => timeout.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = () => {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new DOMException('aborted', 'AbortError');
  };
  try {
    stopped();
    let res: Response;
    try {
      res = await opts.fetch(url, { signal: timeout.signal, redirect: 'follow', credentials: 'omit', ...(opts.headers ? { headers: opts.headers } : {}) });
    } catch (e) {
      stopped();
      if (isAbort(e) || timeout.signal.aborted) throw new BatchItemError('timeout', `no answer within ${Math.round(timeoutMs / 1000)} s`);
      throw new BatchItemError('network', `cannot fetch: ${(e as Error)?.message ?? String(e)}`);
    }
    const discard = () => void res.body?.cancel().catch(() => undefined);
    if (opts.signal?.aborted) {
      discard();
      stopped();
    }
    if (!res.ok) {
      discard();
      throw new BatchItemError('http', `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);
    }
    const type = res.headers.get('content-type') ?? '';
    if (ATTACHMENT_TYPE.test(type)) {
      discard();
      throw new BatchItemError('attachment', `the link is a file (${type.split(';')[0]}), not a page`);
    }
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > maxBytes) {
      discard();
      throw new BatchItemError('too-large', `page too large (${length} bytes)`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBody(res, maxBytes);
    } catch (e) {
      if (e instanceof BatchItemError) throw e;
      stopped();
      if (isAbort(e) || timeout.signal.aborted) throw new BatchItemError('timeout', `the page had not fully arrived after ${Math.round(timeoutMs / 1000)} s`);
      throw new BatchItemError('network', 'the connection closed before the page had fully arrived');
    }
    if (bytes.length === 0) throw new BatchItemError('not-report', 'the page is empty');
    const charset = /charset=([^;]+)/i.exec(type)?.[1] ?? null;
    const text = decodePage(bytes, charset);
    return { url: res.url || url, text, kind: /text\/plain/i.test(type) ? 'text' : 'html' };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
