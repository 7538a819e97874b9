/**
 * Following a list's pages in the extension's batch audit (issue 6), in Chromium (build with
 * REPORT_AUDIT_OUT=.output-pager): a locally served `*.gov.cn` 年报 column spread over 3 pages
 * (createPageHTML pager, 5 links a page: 9 report pages, 2 broken links, 1 page that is not a
 * report, 2 PDF attachments). The popup offers "审计全部 5 份" for the page in the tab and
 * "包括后续页（最多 5 页）"; asked for at most 2 pages, it stops at the cap and says so; at most
 * 5, the background reads pages 2 and 3 (not page 1 again: the tab has it), shows its progress,
 * then "在 3 页中找到 14 份年报，其中 2 份仅有附件", and the batch audits the links of all pages.
 * (Not in Firefox: WebDriver may not open its extension pages, so its popup cannot be driven.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, newProfile } from './browsers';
import { startBatchSite, type BatchSite } from '../helpers/batch-site';

/** The extension APIs used inside the service worker (evaluate). */
declare const chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } };

const HOST = 'www.pages-demo.gov.cn';

describe('batch audit over a list’s following pages (Chromium)', () => {
  let site: BatchSite;
  let context: BrowserContext | null = null;

  beforeAll(async () => {
    site = await startBatchSite({ reports: 9, broken: 2, notReports: 1, attachments: 2, perPage: 5 });
  });
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await site.close();
  });

  it('offers the following pages, reads them in the background with progress, and audits the links of all 3 pages', async () => {
    expect(site.links).toHaveLength(14);
    const session = await launchChromium(newProfile());
    context = session.context;
    const page = await context.newPage();
    await page.goto(site.listUrl(HOST));
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const tabId = await sw.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url());
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);

    // the page in the tab: its 5 links, and the offer to include the following pages
    const auditPage = popup.locator('[data-testid="batch-audit-all"]');
    await auditPage.waitFor({ timeout: 15_000 });
    expect(await auditPage.textContent()).toBe('审计全部 5 份');
    const read = popup.locator('[data-testid="batch-pages-read"]');
    expect(await read.textContent()).toBe('包括后续页（最多 5 页）');
    expect(await popup.locator('[data-testid="batch-pages-max"]').inputValue()).toBe('5');
    // nothing after the tab's page was asked for yet
    expect(site.hits.get('/nb/index_1.html')).toBeUndefined();

    // at most 2 pages: the cap is reached with a page left
    await popup.locator('[data-testid="batch-pages-max"]').fill('2');
    expect(await read.textContent()).toBe('包括后续页（最多 2 页）');
    await read.click();
    const found = popup.locator('[data-testid="batch-pages-found"]');
    await found.waitFor({ timeout: 20_000 });
    expect(await found.textContent()).toBe('在 2 页中找到 10 份年报，其中 2 份仅有附件。');
    expect(await popup.locator('[data-testid="batch-pages-note"]').textContent()).toBe('已读满 2 页，后面还有页面未读。');
    expect(site.hits.get('/nb/index_2.html')).toBeUndefined();

    // at most 5: read again, the whole list
    await popup.locator('[data-testid="batch-pages-max"]').fill('5');
    await popup.locator('[data-testid="batch-pages-read"]').click();
    // pages 2 and 3 are read one per second (the per-site delay): the progress shows meanwhile
    const progress = popup.locator('[data-testid="batch-pages-progress"]');
    await progress.waitFor({ timeout: 5_000 });
    expect(await progress.textContent()).toMatch(/^正在读取第 [23] 页（最多 5 页），已找到 \d+ 份年报/);
    await expect.poll(async () => found.textContent(), { timeout: 20_000, interval: 250 }).toBe('在 3 页中找到 14 份年报，其中 2 份仅有附件。');
    // the list ended on page 3: no note about a cap, loop or failure
    expect(await popup.locator('[data-testid="batch-pages-note"]').count()).toBe(0);
    expect(await popup.locator('[data-testid="batch-pages"]').getAttribute('data-stop')).toBe('end');
    // page 1 came from the tab (loaded once, by the tab); page 2 fetched by each reading, page 3 once
    expect([site.hits.get('/nb/index.html'), site.hits.get('/nb/index_1.html'), site.hits.get('/nb/index_2.html')]).toEqual([1, 2, 1]);
    expect(site.hits.get('/nb/index_3.html')).toBeUndefined();

    const auditAll = popup.locator('[data-testid="batch-audit-pages"]');
    expect(await auditAll.textContent()).toBe('审计这 3 页的全部 14 份');
    await auditAll.click();

    // the batch of all three pages' links runs to the end
    const box = popup.locator('[data-testid="batch-progress"]').first();
    await expect.poll(async () => box.getAttribute('data-status'), { timeout: 90_000, interval: 500 }).toBe('done');
    const count = async (name: string) => Number(await box.getAttribute(name));
    // 9 reports done; 2 × 404, 1 not a report, 2 attachments failed
    expect([await count('data-done'), await count('data-failed'), await count('data-remaining')]).toEqual([9, 5, 0]);
    const text = (await box.textContent()) ?? '';
    expect(text).toContain('HTTP 错误 2');
    expect(text).toContain('不是年报 1');
    expect(text).toContain('仅有附件 2');
    // every report page of the 3 list pages was fetched, the last page's ones included
    for (const l of site.links.filter((x) => x.expect === 'done')) expect(site.hits.get(l.path), l.path).toBe(1);
    expect(site.hits.get('/nb/a1.pdf')).toBeUndefined();
    // the offer to read the following pages is back, for another batch
    await popup.locator('[data-testid="batch-pages-read"]').waitFor({ timeout: 5_000 });
  }, 180_000);
});
