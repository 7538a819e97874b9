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
