/**
 * Batch audit in Chromium (build with REPORT_AUDIT_OUT=.output-batch): a locally served
 * `*.gov.cn` 年报 list with 30 report links (16 seed pages, 2 GB2312 pages, 4 broken links, 4
 * pages that are not reports, 4 PDF attachments). The popup offers "audit all 30"; the batch
 * runs in the background (offscreen document), survives closing the browser mid-batch (the
 * relaunched browser resumes it on the same profile), finishes with the right counts, and the
 * workbook shows the batch's reports under its batch filter.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, newProfile } from './browsers';
import { startBatchSite, type BatchSite } from '../helpers/batch-site';

/** The extension APIs used inside the extension's pages and service worker (evaluate). */
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number }[]> };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

const HOST = 'www.batch-demo.gov.cn';

interface Shown {
  id: string;
  status: string;
  done: number;
  failed: number;
  remaining: number;
}

async function progress(popup: Page): Promise<Shown | null> {
  const el = popup.locator('[data-testid="batch-progress"]').first();
  if ((await el.count()) === 0) return null;
  const a = async (n: string) => (await el.getAttribute(n)) ?? '';
  return { id: await a('data-batch'), status: await a('data-status'), done: Number(await a('data-done')), failed: Number(await a('data-failed')), remaining: Number(await a('data-remaining')) };
}

async function waitFor(popup: Page, pred: (p: Shown) => boolean, timeoutMs: number): Promise<Shown> {
  const until = Date.now() + timeoutMs;
  let last: Shown | null = null;
  while (Date.now() < until) {
    last = await progress(popup);
    if (last && pred(last)) return last;
    await popup.waitForTimeout(250);
  }
  throw new Error(`batch progress not reached; last: ${JSON.stringify(last)}`);
}

describe('batch audit (Chromium)', () => {
  let site: BatchSite;
  let context: BrowserContext | null = null;
  const profile = newProfile();

  beforeAll(async () => {
    site = await startBatchSite({ reports: 16, gbk: 2, broken: 4, notReports: 4, attachments: 4 });
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await site.close();
  });

  it('offers "audit all 30" on the list page, runs the batch, resumes it after a browser restart, with the right counts', async () => {
    expect(site.links).toHaveLength(30);
    // a slow site, so that the browser can be closed in the middle of the batch
    site.setDelay(400);
    let session = await launchChromium(profile);
    context = session.context;
    const page = await context.newPage();
    await page.goto(site.listUrl(HOST));
    const sw = context.serviceWorkers()[0]!;
    const tabId = await sw.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url());
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
    const button = popup.locator('[data-testid="batch-audit-all"]');
    await button.waitFor({ timeout: 15_000 });
    expect(await button.textContent()).toBe('审计全部 30 份');
    expect(await popup.locator('[data-testid="batch-offer"]').textContent()).toContain('此页有 30 个年报链接（其中 4 个仅有附件）');
    await button.click();

    const mid = await waitFor(popup, (p) => p.done + p.failed >= 8 && p.remaining > 10, 60_000);
    expect(mid.status).toBe('running');
    // the popup closes; the batch goes on in the background
    await popup.close();
    await page.waitForTimeout(800);
    const beforeClose = [...site.hits.entries()].filter(([p]) => !p.includes('index')).reduce((n, [, c]) => n + c, 0);
    // the browser is closed before the 26 fetchable pages were all asked for
    expect(beforeClose).toBeGreaterThan(4);
    expect(beforeClose).toBeLessThan(26);

    // close the browser mid-batch and relaunch it on the same profile
    await context.close();
    context = null;
    site.setDelay(0);
    session = await launchChromium(profile);
    context = session.context;
    const again = await context.newPage();
    await again.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const done = await waitFor(again, (p) => p.status === 'done', 90_000);
    expect(done.id).toBe(mid.id);
    // 16 seeds + 2 GB2312 pages are reports; 4 × 404, 4 not reports, 4 attachments fail
    expect([done.done, done.failed, done.remaining]).toEqual([18, 12, 0]);
    const box = again.locator(`[data-testid="batch-progress"][data-batch="${done.id}"]`);
    const text = (await box.textContent()) ?? '';
    expect(text).toContain('HTTP 错误 4');
    expect(text).toContain('不是年报 4');
    expect(text).toContain('仅有附件 4');
    // attachments are never fetched; pages finished before the restart are not fetched again
    expect(site.hits.get('/nb/a0.pdf')).toBeUndefined();
    const reportFetches = [...site.hits.entries()].filter(([p]) => /^\/nb\/(r|gbk)\d+\.html$/.test(p)).reduce((n, [, c]) => n + c, 0);
    expect(reportFetches).toBeGreaterThanOrEqual(18);
    // again at most: the 3 running at the restart, and as many whose last state write the abrupt close lost
    expect(reportFetches).toBeLessThanOrEqual(18 + 6);

    // the workbook shows the batch: its 18 reports under the batch filter
    const workbook = await context.newPage();
    await workbook.goto(`chrome-extension://${session.extensionId}/workbook.html?batch=${encodeURIComponent(done.id)}`);
    await workbook.locator('[data-testid="workbook-batch"]').waitFor({ timeout: 15_000 });
    await expect.poll(async () => workbook.locator('tr[data-testid="workbook-row"]').count(), { timeout: 15_000 }).toBe(18);
    expect(await workbook.locator('[data-testid="workbook-batch"]').inputValue()).toBe(done.id);
    expect(await workbook.locator('[data-testid="export-scope"]').textContent()).toContain('18');
  }, 240_000);

  it('on a report page, finds the body’s earlier reports in its site’s 年报 column and audits them (completing the chain)', async () => {
    // www.pingtan.gov.cn as archived: the 2024 report (tests/fixtures/real), its 年报 column
    // (tests/fixtures/lists), and three of the earlier reports it lists (seed pages stand in)
    const read = (p: string) => readFileSync(fileURLToPath(new URL(`../../${p}`, import.meta.url)));
    const base = '/zwgk/zfxxgk/zfxxgknb/';
    const pages: Record<string, Buffer> = {
      [`${base}202503/t20250310_97791.htm`]: read('tests/fixtures/real/pingtan-2024.html'),
      [base]: read('tests/fixtures/lists/pingtan-zfxxgknb.html'),
      [`${base}202403/t20240308_87885.htm`]: read('tests/fixtures/seeds/000.flat.html'),
      [`${base}202302/t20230220_80629.htm`]: read('tests/fixtures/seeds/001.word.html'),
      [`${base}202202/t20220208_80613.htm`]: read('tests/fixtures/seeds/003.split.html'),
    };
    const server = createServer((req, res) => {
      const body = pages[new URL(req.url ?? '/', 'http://x').pathname];
      if (body) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      await context?.close().catch(() => undefined);
      const session = await launchChromium(newProfile());
      context = session.context;
      const page = await context.newPage();
      await page.goto(`http://www.pingtan.gov.cn:${port}${base}202503/t20250310_97791.htm`);
      // the auditor runs by itself on the report
      await page.waitForFunction(() => !!document.getElementById('report-audit-panel-host'), undefined, { timeout: 20_000 });
      const sw = context.serviceWorkers()[0]!;
      const tabId = await sw.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url());
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
      await popup.locator('[data-testid="batch-find-earlier"]').click({ timeout: 20_000 });
      const offer = popup.locator('[data-testid="batch-earlier"]');
      await offer.waitFor({ timeout: 20_000 });
      // 2023 … 2016 of 平潭综合实验区 (the 2025 report is later, the 2024 one is this page)
      expect(await offer.textContent()).toContain('本单位往年年报 8 份');
      await popup.locator('[data-testid="batch-audit-earlier"]').click();
      const done = await waitFor(popup, (p) => p.status === 'done', 60_000);
      // the three served pages are stored; the five others are not on this stand-in site (404)
      expect([done.done, done.failed]).toEqual([3, 5]);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 120_000);
});
