import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BatchItemError, decodePage, fetchPage, type FetchLike } from './batch-fetch';

const ENC = fileURLToPath(new URL('../tests/fixtures/encoding/', import.meta.url));
const gb2312 = new Uint8Array(readFileSync(ENC + '002.flat.gb2312.html'));
const undeclared = new Uint8Array(readFileSync(ENC + '002.flat.gbk-undeclared.html'));

const respond =
  (body: BodyInit | null, init: ResponseInit = {}): FetchLike =>
  async () =>
    new Response(body, init);

async function failure(p: Promise<unknown>): Promise<BatchItemError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BatchItemError) return e;
    throw e;
  }
  throw new Error('did not fail');
}

describe('decodePage', () => {
  it('reads a GB2312 page by its <meta charset>, and an undeclared GBK page as GB18030', () => {
    expect(decodePage(gb2312)).toContain('政府信息公开工作年度报告');
    expect(decodePage(undeclared)).toContain('政府信息公开工作年度报告');
  });

  it('the HTTP charset wins over the page; BOMs; binary content is a decode error', () => {
    const gbk = new Uint8Array([0xc4, 0xea, 0xb1, 0xa8]); // 年报 in GBK
    expect(decodePage(gbk, 'GB2312')).toBe('年报');
    expect(decodePage(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('A');
    expect(() => decodePage(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]))).toThrow(BatchItemError);
  });
});

describe('fetchPage', () => {
  it('decodes by the Content-Type charset', async () => {
    const page = await fetchPage('https://a.gov.cn/1.htm', { fetch: respond(gb2312, { headers: { 'content-type': 'text/html; charset=gb2312' } }) });
    expect(page.text).toContain('政府信息公开工作年度报告');
    expect(page.kind).toBe('html');
  });

  it('HTTP errors carry the status', async () => {
    const e = await failure(fetchPage('https://a.gov.cn/x.htm', { fetch: respond('nope', { status: 404, statusText: 'Not Found' }) }));
    expect([e.code, e.status, e.message]).toEqual(['http', 404, 'HTTP 404 Not Found']);
  });

  it('a PDF or Word answer is an attachment; an empty page is not a report; a large one is too large', async () => {
    expect((await failure(fetchPage('https://a.gov.cn/x', { fetch: respond('%PDF', { headers: { 'content-type': 'application/pdf' } }) }))).code).toBe('attachment');
    expect((await failure(fetchPage('https://a.gov.cn/x', { fetch: respond('x', { headers: { 'content-type': 'application/msword' } }) }))).code).toBe('attachment');
    expect((await failure(fetchPage('https://a.gov.cn/x', { fetch: respond('') }))).code).toBe('not-report');
    expect((await failure(fetchPage('https://a.gov.cn/x', { fetch: respond('x'.repeat(2000)), maxBytes: 1000 }))).code).toBe('too-large');
  });

  it('no answer within the timeout is a timeout; a refused connection is a network error', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect((await failure(fetchPage('https://a.gov.cn/x', { fetch: hang, timeoutMs: 20 }))).code).toBe('timeout');
    const refused: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    expect((await failure(fetchPage('https://a.gov.cn/x', { fetch: refused }))).code).toBe('network');
  });

  it('an abort from the batch (pause, cancel) is rethrown as such, not as a page failure', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const c = new AbortController();
    const p = fetchPage('https://a.gov.cn/x', { fetch: hang, signal: c.signal, timeoutMs: 10_000 });
    c.abort();
    await expect(p).rejects.not.toBeInstanceOf(BatchItemError);
  });
});
