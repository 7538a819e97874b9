import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FetchLike } from './batch-fetch';
import { listLinksInDom } from './ext/page-audit';
import { closeDocument, parseHtml } from './node';
import { followListPages, MAX_LIST_PAGES, pageKey, type ListPagesProgress } from './list-pages';

/**
 * The pager over a fake fetch: list pages read as the extension reads them (lib/ext/page-audit.ts
 * `listLinksInDom`: fetch, charset decoding, DOM parse, lib/links.ts) from a fake 年报 column.
 */

const BASE = 'https://www.demo.gov.cn/zwgk/nb/';
const PINTAN = readFileSync(fileURLToPath(new URL('../tests/fixtures/lists/pingtan-zfxxgknb.html', import.meta.url)), 'utf8');

const title = (page: number, i: number) => `某某县第${page * 10 + i + 1}单位2023年政府信息公开工作年度报告`;

/** A TRS list page (createPageHTML pager) with `n` report links and a pinned report repeated on every page. */
function trsPage(page: number, count: number, n = 4): string {
  const items = Array.from({ length: n }, (_, i) => `<li><a href="./${page}_${i}.html" title="${title(page, i)}">${title(page, i)}</a></li>`).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_某某县人民政府</title></head><body>
<ul class="top"><li><a href="./pinned.html">某某县人民政府2023年政府信息公开工作年度报告</a></li></ul>
<ul class="list">${items}
<li><a href="./a${page}.pdf">某某县第${page + 1}乡2023年政府信息公开工作年度报告</a></li></ul>
<a href="/jd/1.html">《某某县2023年政府信息公开工作年度报告》解读</a>
<script>var currentPage = ${page};var countPage = ${count};createPageHTML(countPage, currentPage, "index", "html");</script>
</body></html>`;
}

/** A list page with a 下一页 link to `next` (null: none). */
function anchorPage(page: number, next: string | null): string {
  const items = Array.from({ length: 3 }, (_, i) => `<li><a href="/p${page}/${i}.htm">${title(page, i)}</a></li>`).join('');
  return `<!DOCTYPE html><html><head><title>第${page + 1}页</title></head><body><ul>${items}</ul>${next ? `<a href="${next}">下一页</a>` : ''}</body></html>`;
}

interface FakeSite {
  fetch: FetchLike;
  requested: string[];
}

function fakeSite(pages: Record<string, string | number | { redirect: string }>): FakeSite {
  const requested: string[] = [];
  const fetch: FetchLike = async (url) => {
    requested.push(url);
    let answer = pages[url];
    let final = url;
    if (answer !== undefined && typeof answer === 'object') {
      final = answer.redirect;
      answer = pages[final];
    }
    if (answer === undefined) throw new TypeError('fetch failed');
    const res = typeof answer === 'number' ? new Response('error', { status: answer }) : new Response(answer as string, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    Object.defineProperty(res, 'url', { value: final });
    return res;
  };
  return { fetch, requested };
}

const docs: Document[] = [];
afterEach(async () => {
  await Promise.all(docs.splice(0).map((d) => closeDocument(d)));
});

function reader(site: FakeSite) {
  return (url: string, signal?: AbortSignal) =>
    listLinksInDom(url, {
      fetch: site.fetch,
      parse: (html) => {
        const doc = parseHtml(html);
        docs.push(doc);
        return doc;
      },
      timeoutMs: 5_000,
      signal,
    });
}

function trsSite(count: number): Record<string, string> {
  const pages: Record<string, string> = {};
  for (let p = 0; p < count; p++) pages[`${BASE}${p === 0 ? 'index' : `index_${p}`}.html`] = trsPage(p, count);
  return pages;
}

describe('followListPages', () => {
  it('reads every page of a TRS list, de-duplicating links across pages, waiting the per-site delay between requests', async () => {
    const site = fakeSite(trsSite(3));
    const sleeps: number[] = [];
    const progress: ListPagesProgress[] = [];
    const out = await followListPages(`${BASE}index.html`, {
      read: reader(site),
      maxPages: 5,
      delayMs: 1_000,
      sleep: async (ms) => void sleeps.push(ms),
      onProgress: (p) => progress.push(p),
    });
    expect(out.stop).toBe('end');
    expect(out.pagesRead).toEqual([`${BASE}index.html`, `${BASE}index_1.html`, `${BASE}index_2.html`]);
    expect(site.requested).toEqual(out.pagesRead);
    expect(out.label).toBe('政府信息公开年报_某某县人民政府');
    // the pinned report once, 4 pages' links each, the PDFs as attachments; 解读 left out
    expect(out.links).toHaveLength(1 + 3 * 4 + 3);
    expect(out.links.filter((l) => l.url === `${BASE}pinned.html`)).toHaveLength(1);
    expect(out.links.filter((l) => l.kind === 'attachment').map((l) => l.url)).toEqual([0, 1, 2].map((p) => `${BASE}a${p}.pdf`));
    expect(out.links.some((l) => l.url.includes('/jd/'))).toBe(false);
    expect(out.links.find((l) => l.url === `${BASE}2_3.html`)?.title).toBe(title(2, 3));
    expect(sleeps).toEqual([1_000, 1_000]);
    // progress: before each request, after each page; the last one says the walk is over
    expect(progress.filter((p) => p.reading !== null).map((p) => p.reading)).toEqual(out.pagesRead);
    expect(progress.at(-1)).toEqual({ pagesRead: out.pagesRead, links: 16, attachments: 3, reading: null });
    expect(out.nextPage).toBeNull();
  });

  it('stops at the cap and returns the next page it did not read; the cap is MAX_LIST_PAGES at most', async () => {
    const site = fakeSite(trsSite(4));
    const two = await followListPages(`${BASE}index.html`, { read: reader(site), maxPages: 2, delayMs: 0 });
    expect(two.stop).toBe('cap');
    expect(two.pagesRead).toHaveLength(2);
    expect(two.nextPage).toBe(`${BASE}index_2.html`);
    expect(site.requested).toHaveLength(2);
    expect(two.links).toHaveLength(1 + 2 * 5);

    const long = fakeSite(trsSite(MAX_LIST_PAGES + 10));
    const capped = await followListPages(`${BASE}index.html`, { read: reader(long), maxPages: 1_000, delayMs: 0 });
    expect(capped.stop).toBe('cap');
    expect(long.requested).toHaveLength(MAX_LIST_PAGES);
    expect(capped.nextPage).toBe(`${BASE}index_${MAX_LIST_PAGES}.html`);
  });

  it('stops on a next-page link back to a page already read (also through index.html and a redirect)', async () => {
    const base = 'https://www.demo.gov.cn/';
    // page 3's 下一页 points to the column's folder, which is page 1 (index.html)
    const back = fakeSite({ [`${base}l/index.html`]: anchorPage(0, '/l/2.htm'), [`${base}l/2.htm`]: anchorPage(1, '/l/3.htm'), [`${base}l/3.htm`]: anchorPage(2, '/l/') });
    const out = await followListPages(`${base}l/index.html`, { read: reader(back), maxPages: 50, delayMs: 0 });
    expect(out.stop).toBe('loop');
    expect(out.pagesRead).toHaveLength(3);
    expect(back.requested).toHaveLength(3);
    expect(out.links).toHaveLength(9);

    // page 2 redirects to page 1, whose 下一页 is page 2 again
    const redirect = fakeSite({ [`${base}m/1.htm`]: anchorPage(0, '/m/2.htm'), [`${base}m/2.htm`]: { redirect: `${base}m/1.htm` } });
    const out2 = await followListPages(`${base}m/1.htm`, { read: reader(redirect), maxPages: 50, delayMs: 0 });
    expect(out2.stop).toBe('loop');
    expect(redirect.requested).toEqual([`${base}m/1.htm`, `${base}m/2.htm`]);
    expect(out2.pagesRead).toEqual([`${base}m/1.htm`, `${base}m/2.htm`]);
    expect(out2.links).toHaveLength(3);
  });

  it('a page that fails mid-way is reported; the links found so far are kept and no page after it is asked for', async () => {
    const pages: Record<string, string | number> = trsSite(4);
    pages[`${BASE}index_2.html`] = 500;
    const site = fakeSite(pages);
    const out = await followListPages(`${BASE}index.html`, { read: reader(site), maxPages: 10, delayMs: 0 });
    expect(out.stop).toBe('failed');
    expect(out.failure).toEqual({ url: `${BASE}index_2.html`, page: 3, code: 'http', status: 500, message: 'HTTP 500' });
    expect(out.pagesRead).toHaveLength(2);
    expect(out.links).toHaveLength(1 + 2 * 5);
    expect(site.requested).toHaveLength(3);

    // a network failure on the first page: nothing read
    const none = await followListPages('https://www.nowhere.gov.cn/nb/', { read: reader(fakeSite({})), maxPages: 3, delayMs: 0 });
    expect(none).toMatchObject({ stop: 'failed', pagesRead: [], links: [], failure: { page: 1, code: 'network' } });
    // a reader that throws is a failure too
    const thrown = await followListPages(`${BASE}index.html`, { read: async () => Promise.reject(new Error('boom')), maxPages: 3, delayMs: 0 });
    expect(thrown).toMatchObject({ stop: 'failed', failure: { page: 1, message: 'boom' } });
  });

  it('starts from a page already read (the tab’s live DOM) without requesting it', async () => {
    const site = fakeSite(trsSite(3));
    const first = await reader(site)(`${BASE}index.html`);
    if (!first.ok) throw new Error(first.message);
    site.requested.length = 0;
    const out = await followListPages(`${BASE}index.html`, { read: reader(site), first, maxPages: 3, delayMs: 0 });
    expect(out.stop).toBe('end');
    expect(site.requested).toEqual([`${BASE}index_1.html`, `${BASE}index_2.html`]);
    expect(out.links).toHaveLength(16);
  });

  it('a real column without a pager is one page', async () => {
    const url = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/';
    const site = fakeSite({ [url]: PINTAN });
    const out = await followListPages(url, { read: reader(site), maxPages: 5, delayMs: 0 });
    expect(out).toMatchObject({ stop: 'end', pagesRead: [url], nextPage: null, label: '政府信息公开年报_政府信息公开_平潭综合实验区党工委管委会' });
    expect(out.links).toHaveLength(10);
  });

  it('stops when the batch would hold too many links', async () => {
    const site = fakeSite(trsSite(5));
    const out = await followListPages(`${BASE}index.html`, { read: reader(site), maxPages: 5, maxLinks: 8, delayMs: 0 });
    expect(out.stop).toBe('links');
    expect(out.links).toHaveLength(8);
    expect(out.nextPage).toBe(`${BASE}index_2.html`);
    expect(site.requested).toHaveLength(2);
  });

  it('stops when aborted, keeping what was found', async () => {
    const site = fakeSite(trsSite(5));
    const controller = new AbortController();
    const out = await followListPages(`${BASE}index.html`, {
      read: reader(site),
      maxPages: 5,
      delayMs: 1_000,
      signal: controller.signal,
      sleep: async () => controller.abort(),
    });
    expect(out.stop).toBe('aborted');
    expect(out.pagesRead).toHaveLength(1);
    expect(out.links).toHaveLength(6);
    expect(site.requested).toHaveLength(1);
  });
});

describe('pageKey', () => {
  it('takes a folder and its index page as one page, keeps query strings apart', () => {
    expect(pageKey('https://a.gov.cn/nb/index.html#top')).toBe('https://a.gov.cn/nb/');
    expect(pageKey('https://a.gov.cn/nb/index.shtml')).toBe('https://a.gov.cn/nb/');
    expect(pageKey('https://a.gov.cn/nb/index_1.html')).toBe('https://a.gov.cn/nb/index_1.html');
    expect(pageKey('https://a.gov.cn/nb/list.jsp?page=2')).not.toBe(pageKey('https://a.gov.cn/nb/list.jsp?page=3'));
  });
});
