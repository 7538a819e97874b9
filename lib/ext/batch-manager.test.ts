import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { newBatch, type BatchRecord } from '../batch';
import { rawPageFromDocument } from '../links';
import { auditHtml, closeDocument, parseHtml } from '../node';
import { getBatch, listBatches, runningBatches, saveBatch } from '../store/batches';
import { getReportDetail, openAuditDb, saveAudit, type AuditDb } from '../store/db';
import { BatchManager, columnLink, type BatchManagerDeps } from './batch-manager';
import type { AuditReply, ListReply } from './batch-messages';

const ROOT = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(fileURLToPath(new URL(p, ROOT)), 'utf8');
const SEED = read('tests/fixtures/seeds/002.word.html');
const LIST = read('tests/fixtures/lists/pingtan-zfxxgknb.html');
const LIST_URL = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/';
const NOW = new Date('2026-11-23T08:00:00Z');

function rawPage(html: string, url: string) {
  const doc = parseHtml(html);
  try {
    return { ...rawPageFromDocument(doc), url, title: doc.title };
  } finally {
    void closeDocument(doc);
  }
}

function setup(over: Partial<BatchManagerDeps> = {}) {
  const db: AuditDb = openAuditDb('mgr', { indexedDB: new IDBFactory(), IDBKeyRange });
  const audited: string[] = [];
  const busy: boolean[] = [];
  const deps: BatchManagerDeps = {
    saveBatch: (b) => saveBatch(db, b),
    getBatch: (id) => getBatch(db, id),
    listBatches: (limit) => listBatches(db, limit),
    runningBatches: () => runningBatches(db),
    saveResult: async (result, url) => {
      const out = await saveAudit(db, result, url);
      return out.stored ? out.url : url;
    },
    auditUrl: async (url): Promise<AuditReply> => {
      audited.push(url);
      if (url.endsWith('404.htm')) return { ok: false, code: 'http', status: 404, message: 'HTTP 404 Not Found' };
      if (url.endsWith('news.htm')) return { ok: true, result: auditHtml('<title>新闻</title><p>新闻</p>', { source: url, url, now: NOW }), reason: '不是年报' };
      return { ok: true, result: auditHtml(SEED, { source: url, url, now: NOW }) };
    },
    listLinks: async (): Promise<ListReply> => ({ ok: false, code: 'http', status: 404, message: 'HTTP 404' }),
    hasHostPermission: async (url) => /\.gov\.cn$/.test(new URL(url).hostname),
    tabPage: async () => rawPage(LIST, LIST_URL),
    busy: (on) => void busy.push(on),
    delayMs: 0,
    now: () => NOW.getTime(),
    ...over,
  };
  return { db, deps, audited, busy, manager: new BatchManager(deps) };
}

async function until(f: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await f()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

describe('BatchManager', () => {
  it('reads a tab’s report links (the real Pingtan column) and the sites that are not granted', async () => {
    const { manager } = setup({ hasHostPermission: async (url) => !url.includes('/202503/') && !url.includes('pingtan') });
    const reply = await manager.handle({ type: 'batch-page-links', tabId: 3 });
    expect(reply).toMatchObject({ ok: true, url: LIST_URL, title: '政府信息公开年报_政府信息公开_平潭综合实验区党工委管委会', nextPage: null });
    if (!('reports' in reply)) throw new Error('no links');
    expect(reply.reports).toHaveLength(10);
    expect(reply.denied).toEqual(['https://www.pingtan.gov.cn/*']);
  });

  it('runs a batch to the end: reports stored, failures with their reason, other sites refused without a request', async () => {
    const { manager, db, audited, busy } = setup();
    const links = [
      { url: 'https://www.a.gov.cn/nb/1.htm', title: 'A', kind: 'page' as const },
      { url: 'https://www.a.gov.cn/nb/404.htm', title: 'B', kind: 'page' as const },
      { url: 'https://www.a.gov.cn/nb/news.htm', title: 'C', kind: 'page' as const },
      { url: 'https://www.a.gov.cn/nb/d.pdf', title: 'D', kind: 'attachment' as const },
      { url: 'https://www.example.com/nb/e.htm', title: 'E', kind: 'page' as const },
    ];
    const start = await manager.handle({ type: 'batch-start', label: '列表', source: 'https://www.a.gov.cn/nb/', links });
    if (!('id' in start)) throw new Error(JSON.stringify(start));
    await until(async () => (await getBatch(db, start.id))?.status === 'done');
    const b = (await getBatch(db, start.id))!;
    expect(b.items.map((i) => [i.state, i.failure?.code ?? null])).toEqual([
      ['done', null],
      ['failed', 'http'],
      ['failed', 'not-report'],
      ['failed', 'attachment'],
      ['failed', 'permission'],
    ]);
    expect(b.items[4]!.failure!.message).toContain('options page');
    expect(audited).toEqual(['https://www.a.gov.cn/nb/1.htm', 'https://www.a.gov.cn/nb/404.htm', 'https://www.a.gov.cn/nb/news.htm']);
    expect((await getReportDetail(db, 'https://www.a.gov.cn/nb/1.htm'))?.report.title).toBe('同江市乐业镇2020年政府信息公开工作年度报告');
    expect(busy.at(-1)).toBe(false);
    const list = await manager.handle({ type: 'batch-list' });
    expect(list).toMatchObject({ ok: true, batches: [{ id: start.id, status: 'done', progress: { total: 5, done: 1, failed: 4 } }] });
  });

  it('resumes a batch that was running when the browser stopped; a paused one waits for resume', async () => {
    const { manager, db, audited } = setup();
    const running: BatchRecord = newBatch({ id: 'r', label: 'R', links: [{ url: 'https://www.a.gov.cn/1.htm' }, { url: 'https://www.a.gov.cn/2.htm' }], delayMs: 0, now: NOW });
    running.items[0] = { ...running.items[0]!, state: 'done', reportUrl: running.items[0]!.url, counts: { error: 0, warning: 0, info: 0 } };
    running.items[1] = { ...running.items[1]!, state: 'running' };
    const paused: BatchRecord = { ...newBatch({ id: 'p', label: 'P', links: [{ url: 'https://www.a.gov.cn/3.htm' }], delayMs: 0, now: NOW }), status: 'paused' };
    await saveBatch(db, running);
    await saveBatch(db, paused);
    expect(await manager.resumeAll()).toBe(1);
    await until(async () => (await getBatch(db, 'r'))?.status === 'done');
    expect(audited).toEqual(['https://www.a.gov.cn/2.htm']);
    expect((await getBatch(db, 'p'))!.status).toBe('paused');
    expect(await manager.handle({ type: 'batch-control', id: 'p', action: 'resume' })).toEqual({ ok: true });
    await until(async () => (await getBatch(db, 'p'))?.status === 'done');
    expect(audited).toContain('https://www.a.gov.cn/3.htm');
    expect(await manager.handle({ type: 'batch-control', id: 'nope', action: 'pause' })).toMatchObject({ ok: false });
  });

  it('pause and cancel from the popup', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { manager, db } = setup({
      auditUrl: async (url, signal) => {
        await Promise.race([gate, new Promise((r) => signal.addEventListener('abort', r))]);
        return { ok: true, result: auditHtml(SEED, { source: url, url, now: NOW }) };
      },
    });
    const links = Array.from({ length: 6 }, (_, i) => ({ url: `https://h${i}.gov.cn/nb.htm`, title: null, kind: 'page' as const }));
    const start = await manager.handle({ type: 'batch-start', label: 'X', source: null, links });
    if (!('id' in start)) throw new Error('not started');
    await manager.handle({ type: 'batch-control', id: start.id, action: 'pause' });
    release();
    await until(async () => (await getBatch(db, start.id))?.status === 'paused' && (await getBatch(db, start.id))!.items.every((i) => i.state !== 'running'));
    const paused = (await getBatch(db, start.id))!;
    expect(paused.items.filter((i) => i.state === 'done')).toHaveLength(3);
    expect(paused.items.filter((i) => i.state === 'queued')).toHaveLength(3);
    expect(await manager.handle({ type: 'batch-control', id: start.id, action: 'cancel' })).toEqual({ ok: true });
    expect((await getBatch(db, start.id))!.status).toBe('cancelled');
  });

  it('rejects malformed messages', async () => {
    const { manager } = setup();
    expect(await manager.handle({ type: 'batch-start', label: 'x', source: null, links: [] })).toEqual({ ok: false, error: 'invalid batch message' });
    expect(await manager.handle({ type: 'batch-control', id: 'x', action: 'explode' })).toEqual({ ok: false, error: 'invalid batch message' });
  });
});

describe('completing the chain (earlier reports of the body)', () => {
  const reportUrl = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm';
  const page = rawPage(read('tests/fixtures/real/pingtan-2024.html'), reportUrl);

  it('finds the 年报 column link on the real Pingtan 2024 page', () => {
    expect(columnLink(page)).toBe('https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/');
  });

  it('lists the earlier reports of the same body from the column, newest first', async () => {
    const listed: string[] = [];
    const { manager } = setup({
      tabPage: async () => page,
      listLinks: async (url) => {
        listed.push(url);
        const raw = rawPage(LIST, url);
        const { findLinks } = await import('../links');
        return { ok: true, url, title: raw.title, reports: findLinks(raw, url).reports, nextPage: null };
      },
    });
    const reply = await manager.handle({ type: 'batch-chain-links', tabId: 1 });
    if (!('reports' in reply)) throw new Error(JSON.stringify(reply));
    expect(listed).toEqual(['https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/']);
    expect(reply.reports.map((r) => r.year)).toEqual([2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016]);
    expect(reply.reports[0]!.url).toBe('https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202403/t20240308_87885.htm');
  });
});

describe('following a list’s pages (issue 6: 包括后续页)', () => {
  const base = 'https://www.demo.gov.cn/nb/';
  const pageUrl = (p: number) => `${base}${p === 0 ? 'index' : `index_${p}`}.html`;
  /** A TRS list page: 3 report links, one PDF, the pinned report again on every page, a createPageHTML pager. */
  const listHtml = (p: number, count: number) => `<!DOCTYPE html><html><head><title>政府信息公开年报_某某县</title></head><body><ul>
<li><a href="./pinned.html">某某县人民政府2023年政府信息公开工作年度报告</a></li>
${[0, 1, 2].map((i) => `<li><a href="./r${p}_${i}.html">某某县第${p * 3 + i + 1}单位2023年政府信息公开工作年度报告</a></li>`).join('')}
<li><a href="./a${p}.pdf">某某县第${p + 1}乡2023年政府信息公开工作年度报告</a></li></ul>
<script>var countPage = ${count};createPageHTML(countPage, ${p}, "index", "html");</script></body></html>`;

  function pagedSetup(count: number, over: { fail?: Record<string, ListReply>; gate?: Promise<void> } = {}) {
    const requested: string[] = [];
    const sleeps: number[] = [];
    // a fake clock that the sleeps advance (the batch runner waits out the per-site delay by it)
    let clock = NOW.getTime();
    const t = setup({
      delayMs: 700,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      tabPage: async () => rawPage(listHtml(0, count), pageUrl(0)),
      listLinks: async (url): Promise<ListReply> => {
        requested.push(url);
        if (over.gate && url === pageUrl(2)) await over.gate;
        if (over.fail?.[url]) return over.fail[url]!;
        const p = Number(/index_(\d+)/.exec(url)?.[1] ?? 0);
        if (p >= count) return { ok: false, code: 'http', status: 404, message: 'HTTP 404' };
        const raw = rawPage(listHtml(p, count), url);
        const { findLinks } = await import('../links');
        return { ok: true, url, title: raw.title, ...findLinks(raw, url) };
      },
    });
    return { ...t, requested, sleeps };
  }

  it('reads the following pages in the background with the per-site delay, then a batch audits the links of all pages', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { manager, db, requested, sleeps } = pagedSetup(3, { gate });
    const first = await manager.handle({ type: 'batch-page-links', tabId: 1 });
    expect(first).toMatchObject({ ok: true, nextPage: pageUrl(1) });
    const started = await manager.handle({ type: 'batch-pages-start', tabId: 1, maxPages: 5 });
    expect(started).toMatchObject({ ok: true, job: { url: pageUrl(0), status: 'reading', maxPages: 5 } });
    // while page 3 is on its way: progress over the pages read
    await until(async () => requested.length === 2);
    const mid = await manager.handle({ type: 'batch-pages-get', url: `${pageUrl(0)}#top` });
    expect(mid).toMatchObject({ ok: true, job: { status: 'reading', pagesRead: 2, links: 1 + 2 * 4, attachments: 2, reading: pageUrl(2) } });
    release();
    await manager.listPages.settled(pageUrl(0));
    const done = await manager.handle({ type: 'batch-pages-get', url: pageUrl(0) });
    if (!('job' in done) || !done.job) throw new Error(JSON.stringify(done));
    expect(done.job).toMatchObject({ status: 'done', stop: 'end', pagesRead: 3, links: 13, attachments: 3, denied: [], title: '政府信息公开年报_某某县' });
    // page 1 comes from the tab; pages 2 and 3 fetched, the per-site delay before each
    expect(requested).toEqual([pageUrl(1), pageUrl(2)]);
    expect([...sleeps]).toEqual([700, 700]);
    const reports = done.job.reports!;
    expect(new Set(reports.map((r) => r.url)).size).toBe(13);
    expect(reports.filter((r) => r.url.endsWith('pinned.html'))).toHaveLength(1);

    const batch = await manager.handle({ type: 'batch-start', label: done.job.title, source: done.job.url, links: reports });
    if (!('id' in batch)) throw new Error(JSON.stringify(batch));
    await until(async () => (await getBatch(db, batch.id))?.status === 'done');
    const b = (await getBatch(db, batch.id))!;
    expect(b.items).toHaveLength(13);
    expect(b.items.filter((i) => i.state === 'done')).toHaveLength(10);
    expect(b.items.filter((i) => i.failure?.code === 'attachment')).toHaveLength(3);
  });

  it('stops at the cap, and on a page that cannot be read (reported, the links so far kept)', async () => {
    const capped = pagedSetup(6);
    await capped.manager.handle({ type: 'batch-pages-start', tabId: 1, maxPages: 2 });
    await capped.manager.listPages.settled(pageUrl(0));
    expect(capped.manager.listPages.get(pageUrl(0))).toMatchObject({ status: 'done', stop: 'cap', pagesRead: 2, links: 9, nextPage: pageUrl(2) });
    expect(capped.requested).toEqual([pageUrl(1)]);

    const failing = pagedSetup(5, { fail: { [pageUrl(2)]: { ok: false, code: 'permission', message: 'the extension may not read https://www.demo.gov.cn/*' } } });
    await failing.manager.handle({ type: 'batch-pages-start', tabId: 1, maxPages: 5 });
    await failing.manager.listPages.settled(pageUrl(0));
    const job = failing.manager.listPages.get(pageUrl(0))!;
    expect(job).toMatchObject({ status: 'done', stop: 'failed', pagesRead: 2, links: 9, failure: { page: 3, url: pageUrl(2), code: 'permission' } });
    expect(job.reports).toHaveLength(9);
    expect(failing.requested).toEqual([pageUrl(1), pageUrl(2)]);
  });

  it('cancel stops the reading and keeps what was found; bad requests are refused', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { manager, requested } = pagedSetup(8, { gate });
    await manager.handle({ type: 'batch-pages-start', tabId: 1, maxPages: 8 });
    await until(async () => requested.length === 2);
    expect(await manager.handle({ type: 'batch-pages-cancel', url: pageUrl(0) })).toEqual({ ok: true });
    release();
    await manager.listPages.settled(pageUrl(0));
    expect(manager.listPages.get(pageUrl(0))).toMatchObject({ status: 'done', stop: 'aborted', pagesRead: 2, links: 9 });
    expect(requested).toHaveLength(2);
    // a finished reading is forgotten on cancel
    expect(await manager.handle({ type: 'batch-pages-cancel', url: pageUrl(0) })).toEqual({ ok: true });
    expect(await manager.handle({ type: 'batch-pages-get', url: pageUrl(0) })).toEqual({ ok: true, job: null });
    expect(await manager.handle({ type: 'batch-pages-cancel', url: pageUrl(0) })).toMatchObject({ ok: false });
    expect(await manager.handle({ type: 'batch-pages-start', tabId: 1, maxPages: 51 })).toEqual({ ok: false, error: 'invalid batch message' });
    expect(await manager.handle({ type: 'batch-pages-start', tabId: 1, maxPages: 0 })).toEqual({ ok: false, error: 'invalid batch message' });
  });
});
