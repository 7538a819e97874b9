/**
 * The DOM path of the batch audit (Chrome's offscreen document, Firefox's background page),
 * here with happy-dom's DOMParser standing in for the browser's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../batch-fetch';
import { auditUrlInDom, listLinksInDom, type DomEnv } from './page-audit';

const read = (p: string) => readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)));
const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
afterAll(() => window.happyDOM.close());

const site: Record<string, { status?: number; type: string; body: Buffer }> = {
  'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/': { type: 'text/html; charset=utf-8', body: read('tests/fixtures/lists/pingtan-zfxxgknb.html') },
  'https://www.a.gov.cn/nb/gbk.htm': { type: 'text/html', body: read('tests/fixtures/encoding/002.flat.gb2312.html') },
  'https://www.a.gov.cn/nb/2024.htm': { type: 'text/html; charset=utf-8', body: read('tests/fixtures/real/pingtan-2024.html') },
  'https://www.a.gov.cn/nb/dump.txt': { type: 'text/plain; charset=utf-8', body: read('tests/fixtures/real/pingtan-2016.txt') },
  'https://www.a.gov.cn/nb/list.htm': { type: 'text/html; charset=utf-8', body: read('tests/e2e/pages/not-a-report.html') },
};
const fetch: FetchLike = async (url) => {
  const r = site[url];
  return r ? new Response(new Uint8Array(r.body), { status: r.status ?? 200, headers: { 'content-type': r.type } }) : new Response('not found', { status: 404, statusText: 'Not Found' });
};
const env: DomEnv = {
  fetch,
  parse: (html) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document,
  timeoutMs: 5_000,
  now: () => new Date('2026-11-23T08:00:00Z'),
};

describe('auditUrlInDom', () => {
  it('audits the real Pingtan 2024 page: no error, no warning', async () => {
    const reply = await auditUrlInDom('https://www.a.gov.cn/nb/2024.htm', env);
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.result.report).toMatchObject({ year: 2024, format: '2021' });
    expect(reply.result.findings!.filter((f) => f.severity !== 'info')).toEqual([]);
    // the narrative goes with the result, for the background's cross-year text comparison
    expect(reply.narrative).toContain('平潭综合实验区');
    expect(reply.narrative!.length).toBeGreaterThan(500);
  });

  it('decodes a GB2312 page by its <meta charset>', async () => {
    const reply = await auditUrlInDom('https://www.a.gov.cn/nb/gbk.htm', env);
    expect(reply.ok && reply.result.report?.title).toBe('同江市乐业镇2020年政府信息公开工作年度报告');
  });

  it('audits a text/plain page as a text dump (legacy report)', async () => {
    const reply = await auditUrlInDom('https://www.a.gov.cn/nb/dump.txt', env);
    expect(reply.ok && reply.result.detected).toBe(true);
  });

  it('a list page is not a report (with the reason); a 404 is an HTTP failure', async () => {
    const list = await auditUrlInDom('https://www.a.gov.cn/nb/list.htm', env);
    expect(list.ok && list.result.detected).toBe(false);
    expect(list.ok && list.reason).toBeTruthy();
    expect(list.ok && list.narrative).toBeNull();
    expect(await auditUrlInDom('https://www.a.gov.cn/nb/gone.htm', env)).toEqual({ ok: false, code: 'http', status: 404, message: 'HTTP 404 Not Found' });
  });

  it('an aborted request says so (the batch was paused or cancelled)', async () => {
    const c = new AbortController();
    c.abort();
    expect(await auditUrlInDom('https://www.a.gov.cn/nb/2024.htm', { ...env, signal: c.signal })).toMatchObject({ ok: false, aborted: true });
  });
});

describe('listLinksInDom', () => {
  it('reads the real Pingtan column', async () => {
    const reply = await listLinksInDom('https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/', env);
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.title).toBe('政府信息公开年报_政府信息公开_平潭综合实验区党工委管委会');
    expect(reply.reports).toHaveLength(10);
  });
});
