import { describe, expect, it } from 'vitest';
import { BatchItemError } from './batch-fetch';
import { BatchRunner, batchId, batchProgress, newBatch, resumable, type AuditedPage, type BatchDeps, type BatchRecord } from './batch';
import type { AuditResultJson } from './schema';

const NOW = new Date('2026-11-23T08:00:00Z');

function result(url: string, detected = true, severities: ('error' | 'warning' | 'info')[] = []): AuditResultJson {
  const base = { schemaVersion: 1 as const, tool: { name: 'report-auditor' as const, version: '0.1.0' }, source: url, auditedAt: NOW.toISOString() };
  if (!detected) return { ...base, detected: false };
  return {
    ...base,
    detected: true,
    report: { title: '某某县2023年政府信息公开工作年度报告', year: 2023, entity: '某某县', format: '2021' },
    cells: {},
    findings: severities.map((severity, i) => ({ ruleId: 'T3-ROWSUM', severity, cells: [], message: `m${i}` })),
  };
}

interface Deferred {
  url: string;
  resolve(p: AuditedPage): void;
  reject(e: unknown): void;
  signal: AbortSignal;
}

/** Deps with a virtual clock; audits wait until the test settles them (or answer at once with `auto`). */
function harness(auto?: (url: string) => AuditedPage | Error) {
  let clock = NOW.getTime();
  const pending: Deferred[] = [];
  const started: { url: string; at: number }[] = [];
  const saved: { batchId: string; url: string }[] = [];
  const records: BatchRecord[] = [];
  let maxRunning = 0;
  let running = 0;
  const deps: BatchDeps = {
    audit: (url, signal) => {
      started.push({ url, at: clock });
      running++;
      maxRunning = Math.max(maxRunning, running);
      const done = <T>(p: Promise<T>) => p.finally(() => running--);
      if (auto) {
        const out = auto(url);
        return done(out instanceof Error ? Promise.reject(out) : Promise.resolve(out));
      }
      return done(
        new Promise<AuditedPage>((resolve, reject) => {
          pending.push({ url, resolve, reject, signal });
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
        }),
      );
    },
    saveResult: async (id, r) => {
      saved.push({ batchId: id, url: r.source });
      return { key: r.source };
    },
    saveBatch: async (b) => {
      records.push(structuredClone(b));
    },
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
      await Promise.resolve();
    },
  };
  const flush = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  };
  return { deps, pending, started, saved, records, flush, maxRunning: () => maxRunning, last: () => records.at(-1)! };
}

const links = (n: number, host = (i: number) => `www.h${i % 2}.gov.cn`) =>
  Array.from({ length: n }, (_, i) => ({ url: `https://${host(i)}/nb/${i}.htm`, title: `某某${i}2023年政府信息公开工作年度报告` }));

describe('newBatch', () => {
  it('queues each link once, bounds the concurrency, done at once when empty', () => {
    const b = newBatch({ id: 'b1', label: 'L', links: [...links(3), { url: 'https://www.h0.gov.cn/nb/0.htm#x' }], concurrency: 99, now: NOW });
    expect(b.items.map((i) => i.state)).toEqual(['queued', 'queued', 'queued']);
    expect(b.concurrency).toBe(8);
    expect(b.status).toBe('running');
    expect(newBatch({ id: 'b2', label: 'L', links: [], now: NOW }).status).toBe('done');
  });

  it('batchId is unique per call and sortable by time', () => {
    let r = 0;
    const rand = () => (r += 0.1);
    expect(batchId(NOW, rand)).not.toBe(batchId(NOW, rand));
    expect(batchId(new Date(NOW.getTime() + 1000), () => 0) > batchId(NOW, () => 0)).toBe(true);
  });
});

describe('BatchRunner', () => {
  it('never runs more than `concurrency` audits at once and finishes every item', async () => {
    const h = harness((url) => ({ result: result(url, true, ['error', 'info']) }));
    const b = newBatch({ id: 'b', label: 'L', links: links(12, (i) => `www.h${i}.gov.cn`), concurrency: 3, delayMs: 0, now: NOW });
    const out = await new BatchRunner(b, h.deps).run();
    expect(out.status).toBe('done');
    expect(h.maxRunning()).toBeLessThanOrEqual(3);
    expect(h.maxRunning()).toBeGreaterThan(1);
    expect(batchProgress(out)).toMatchObject({ total: 12, done: 12, failed: 0, queued: 0, running: 0, findings: { error: 12, warning: 0, info: 12 } });
    expect(h.saved).toHaveLength(12);
    expect(new Set(h.saved.map((s) => s.batchId))).toEqual(new Set(['b']));
    // the last persisted record is the final state
    expect(h.last()).toEqual(out);
  });

  it('spaces requests to one host by delayMs (polite), other hosts are not held back', async () => {
    const h = harness((url) => ({ result: result(url) }));
    const b = newBatch({ id: 'b', label: 'L', links: links(6), concurrency: 3, delayMs: 1_000, now: NOW });
    await new BatchRunner(b, h.deps).run();
    for (const host of ['www.h0.gov.cn', 'www.h1.gov.cn']) {
      const times = h.started.filter((s) => s.url.includes(host)).map((s) => s.at);
      expect(times).toHaveLength(3);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1_000);
    }
    // the first request to each host went out at once
    expect(h.started.slice(0, 2).map((s) => s.at)).toEqual([NOW.getTime(), NOW.getTime()]);
  });

  it('classifies failures: HTTP status, timeout, not a report (with the reason), attachment without a request, other errors', async () => {
    const h = harness((url) => {
      if (url.endsWith('/404.htm')) return new BatchItemError('http', 'HTTP 404 Not Found', 404);
      if (url.endsWith('/slow.htm')) return new BatchItemError('timeout', 'no answer within 20 s');
      if (url.endsWith('/gbk.htm')) return new BatchItemError('decode', 'not a text page (binary content)');
      if (url.endsWith('/news.htm')) return { result: result(url, false), reason: '标题不是年报标题' };
      if (url.endsWith('/bug.htm')) return new Error('boom');
      return { result: result(url, true, ['warning']) };
    });
    const names = ['ok.htm', '404.htm', 'slow.htm', 'gbk.htm', 'news.htm', 'bug.htm', 'r.pdf'];
    const b = newBatch({
      id: 'b',
      label: 'L',
      links: names.map((n) => ({ url: `https://www.a.gov.cn/${n}`, kind: n.endsWith('.pdf') ? ('attachment' as const) : ('page' as const) })),
      delayMs: 0,
      now: NOW,
    });
    const out = await new BatchRunner(b, h.deps).run();
    const by = Object.fromEntries(out.items.map((i) => [i.url.split('/').pop(), i]));
    expect(by['ok.htm']).toMatchObject({ state: 'done', counts: { error: 0, warning: 1, info: 0 }, reportUrl: 'https://www.a.gov.cn/ok.htm' });
    expect(by['404.htm']).toMatchObject({ state: 'failed', failure: { code: 'http', status: 404 } });
    expect(by['slow.htm']!.failure?.code).toBe('timeout');
    expect(by['gbk.htm']!.failure?.code).toBe('decode');
    expect(by['news.htm']!.failure).toEqual({ code: 'not-report', message: '标题不是年报标题' });
    expect(by['bug.htm']!.failure).toEqual({ code: 'error', message: 'boom' });
    expect(by['r.pdf']!.failure?.code).toBe('attachment');
    expect(h.started.map((s) => s.url)).not.toContain('https://www.a.gov.cn/r.pdf');
    expect(batchProgress(out)).toMatchObject({ done: 1, failed: 6, reasons: { http: 1, timeout: 1, decode: 1, 'not-report': 1, error: 1, attachment: 1 } });
    expect(h.saved.map((s) => s.url)).toEqual(['https://www.a.gov.cn/ok.htm']);
  });

  it('failures that crossed a message boundary keep their code', async () => {
    const h = harness(() => Object.assign(new Error('HTTP 503'), { code: 'http', status: 503 }));
    const out = await new BatchRunner(newBatch({ id: 'b', label: 'L', links: links(1), now: NOW }), h.deps).run();
    expect(out.items[0]!.failure).toEqual({ code: 'http', message: 'HTTP 503', status: 503 });
  });

  it('pause lets running items finish and starts no new one; resume finishes the batch', async () => {
    const h = harness();
    const runner = new BatchRunner(newBatch({ id: 'b', label: 'L', links: links(6, (i) => `h${i}.gov.cn`), concurrency: 2, delayMs: 0, now: NOW }), h.deps);
    const first = runner.run();
    await h.flush();
    expect(h.pending).toHaveLength(2);
    await runner.pause();
    for (const p of h.pending.splice(0)) p.resolve({ result: result(p.url) });
    const paused = await first;
    expect(paused.status).toBe('paused');
    expect(batchProgress(paused)).toMatchObject({ done: 2, queued: 4, running: 0 });
    expect(h.started).toHaveLength(2);
    expect(h.last().status).toBe('paused');

    const second = runner.resume();
    for (let round = 0; round < 4 && h.started.length < 6; round++) {
      await h.flush();
      for (const p of h.pending.splice(0)) p.resolve({ result: result(p.url) });
    }
    const done = await second;
    expect(done.status).toBe('done');
    expect(batchProgress(done)).toMatchObject({ done: 6, failed: 0 });
  });

  it('cancel aborts running requests: their items go back to the queue, the batch stops for good', async () => {
    const h = harness();
    const runner = new BatchRunner(newBatch({ id: 'b', label: 'L', links: links(5, (i) => `h${i}.gov.cn`), concurrency: 3, delayMs: 0, now: NOW }), h.deps);
    const run = runner.run();
    await h.flush();
    h.pending[0]!.resolve({ result: result(h.pending[0]!.url) });
    await h.flush();
    await runner.cancel();
    const out = await run;
    expect(out.status).toBe('cancelled');
    expect(h.pending.slice(1).every((p) => p.signal.aborted)).toBe(true);
    expect(batchProgress(out)).toMatchObject({ done: 1, failed: 0, running: 0, queued: 4 });
    expect(await runner.resume()).toMatchObject({ status: 'cancelled' });
    expect(h.last().status).toBe('cancelled');
  });

  it('resumes from the persisted record after a restart: running items run again, done ones are not redone', async () => {
    const h = harness();
    const runner = new BatchRunner(newBatch({ id: 'b', label: 'L', links: links(4, (i) => `h${i}.gov.cn`), concurrency: 2, delayMs: 0, now: NOW }), h.deps);
    void runner.run();
    await h.flush();
    h.pending[0]!.resolve({ result: result(h.pending[0]!.url) });
    await h.flush();
    // the browser closes here: the last saved record is all that is left
    const stored = structuredClone(h.last());
    expect(batchProgress(stored)).toMatchObject({ done: 1, running: 2, queued: 1 });
    expect(batchProgress(resumable(stored))).toMatchObject({ done: 1, running: 0, queued: 3 });

    const h2 = harness((url) => ({ result: result(url) }));
    const out = await new BatchRunner(stored, h2.deps).run();
    expect(out.status).toBe('done');
    expect(h2.started.map((s) => s.url).sort()).toEqual(stored.items.filter((i) => i.state !== 'done').map((i) => i.url).sort());
    expect(batchProgress(out)).toMatchObject({ done: 4 });
  });
});
