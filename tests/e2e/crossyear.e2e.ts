/**
 * Cross-year checks in Chromium: audit a body's 2019 report page, then its 2020 page on the same
 * *.gov.cn site. The background finds the stored 2019 report of the same body (entity and site),
 * runs the cross-year rules and the 2020 page's panel names the earlier year, shows the match and
 * the XYEAR-CARRY findings (2019 carried 2 applications forward, 2020 carries 0 over). Marking the
 * 2019 report "not the same body" drops the comparison; unmarking brings it back.
 *
 * Pages: tests/fixtures/crossyear/002-previous-year-carry.html (seed 002 made the 2019 report) and
 * tests/fixtures/seeds/002.word.html (seed 002, 2020), served by the fixture server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, newProfile } from './browsers';
import { startServer, type FixtureServer } from './server';
import { expectedFor } from './expected';

/** The service worker's extension API (evaluated there, not here). */
declare const chrome: { tabs: { query(q: { url: string }): Promise<{ id?: number }[]> } };

const HOST = 'www.tongjiang-e2e.gov.cn';
const PANEL = '[data-testid="report-audit-panel"]';
const tid = (id: string) => `[data-testid="${id}"]`;

let server: FixtureServer;
let context: BrowserContext;
let extensionId: string;
let url2019: string;
let url2020: string;

beforeAll(async () => {
  server = await startServer();
  ({ context, extensionId } = await launchChromium(newProfile()));
  url2019 = server.url(HOST, '/fixtures/crossyear/002-previous-year-carry.html');
  url2020 = server.url(HOST, '/fixtures/seeds/002.word.html');
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector(PANEL, { timeout: 20_000 });
  await expect.poll(() => page.locator(tid('save-state')).getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
  return page;
}

// cross-year findings are panel items of the 跨年比较 group (with review controls)
const CROSS = '[data-group="cross-year"]';
const carry = (page: Page) => page.locator(`${CROSS} ${tid('finding-item')}[data-rule="XYEAR-CARRY"]`);

describe('cross-year checks in the panel', () => {
  it('year N−1 first: nothing to compare with yet', async () => {
    const page = await open(url2019);
    await expect.poll(() => page.locator(tid('cross-year-none')).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator(`${CROSS} ${tid('finding-item')}`).count()).toBe(0);
    await page.close();
  });

  it('year N: the panel names 2019, shows the match (entity + site) and the XYEAR-CARRY findings', async () => {
    const page = await open(url2020);
    await expect.poll(() => carry(page).count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator(tid('cross-year-earlier')).textContent()).toContain('2019 年');
    const pair = await page.locator(tid('cross-year-pair')).textContent();
    expect(pair).toContain('与 2019 年报告比较:');
    expect(pair).toContain(url2019);
    expect(await carry(page).first().getAttribute('data-cell')).toBe('T3:2:natural');
    expect(await carry(page).first().textContent()).toContain('上年结转（自然人）为 0，但上年（2019 年）报告的“结转下年度继续办理”（自然人）为 2');
    const match = page.locator(`${tid('cross-year-match')}[data-year="2019"]`);
    expect(await match.textContent()).toContain('同江市乐业镇');
    expect(await match.textContent()).toContain('同一网站（tongjiang-e2e.gov.cn）');
    expect(await match.getAttribute('data-rejected')).toBe('false');
    if (process.env.XYEAR_SCREENSHOT) {
      await page.locator(tid('cross-year')).scrollIntoViewIfNeeded();
      await page.screenshot({ path: process.env.XYEAR_SCREENSHOT });
    }
    await page.close();
  });

  it('"not the same body" drops the comparison, and undoing it brings it back', async () => {
    const page = await open(url2020);
    await expect.poll(() => carry(page).count(), { timeout: 10_000 }).toBe(2);
    await page.locator(`${tid('cross-year-match')}[data-year="2019"] ${tid('not-same-body')}`).click();
    // the background keeps the decision and the page is audited again without the comparison
    await expect
      .poll(() => page.locator(`${tid('cross-year-match')}[data-year="2019"]`).getAttribute('data-rejected'), { timeout: 15_000 })
      .toBe('true');
    expect(await carry(page).count()).toBe(0);
    expect(await page.locator(tid('cross-year-no-previous')).textContent()).toContain('不是同一机关');

    // the decision is kept: a fresh visit does not compare either
    const again = await open(url2020);
    await expect.poll(() => again.locator(`${tid('cross-year-match')}[data-year="2019"]`).getAttribute('data-rejected'), { timeout: 10_000 }).toBe('true');
    expect(await carry(again).count()).toBe(0);
    await again.locator(`${tid('cross-year-match')}[data-year="2019"] ${tid('not-same-body')}`).click();
    await expect.poll(() => carry(again).count(), { timeout: 15_000 }).toBe(2);
    await again.close();
    await page.close();
  });

  it('the header and the popup count the cross-year findings, and a review of one persists after a reload', async () => {
    const page = await open(url2020);
    await expect.poll(() => carry(page).count(), { timeout: 10_000 }).toBe(2);
    // the header: the engine's findings on this page plus the cross-year ones
    const own = expectedFor('tests/fixtures/seeds/002.word.html', url2020).counts;
    const cross = { error: 0, warning: 0, info: 0 };
    for (const cls of await page.locator(`${CROSS} ${tid('finding-item')}`).evaluateAll((els) => els.map((e) => e.className))) {
      for (const s of ['error', 'warning', 'info'] as const) if (cls.split(' ').includes(s)) cross[s]++;
    }
    expect(cross.error).toBe(2);
    const total = { error: own.error + cross.error, warning: own.warning + cross.warning, info: own.info + cross.info };
    for (const s of ['error', 'warning', 'info'] as const) {
      expect(await page.locator(`${tid(`count-${s}`)} .n`).textContent()).toBe(String(total[s]));
    }
    expect(await page.locator(`${CROSS} h3`).first().textContent()).toContain(`跨年比较 (${cross.error + cross.warning + cross.info})`);

    // the popup's status of this tab says the same
    const tabId = await context.serviceWorkers()[0]!.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, page.url());
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator(tid('popup-status')).textContent(), { timeout: 15_000 }).toContain(`${total.error} 个错误、${total.warning} 个警告`);
    await popup.close();

    // dismiss the first XYEAR-CARRY finding with a reason, as for any finding
    const item = page.locator(`${CROSS} ${tid('finding')}`).filter({ has: page.locator(`${tid('finding-item')}[data-rule="XYEAR-CARRY"][data-cell="T3:2:natural"]`) });
    await item.locator(tid('review-reason')).selectOption('已更正');
    await item.locator(tid('review-dismiss')).click();
    await expect.poll(() => item.locator(tid('review-state')).getAttribute('data-state')).toBe('dismissed');
    await expect.poll(() => item.locator(tid('review-error')).count()).toBe(0);

    // reload: audited again, the background replies with the stored review (matchKey = rule + first cell)
    await page.reload();
    await page.waitForSelector(PANEL, { timeout: 20_000 });
    await expect.poll(() => page.locator(tid('save-state')).getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    await expect.poll(() => carry(page).count(), { timeout: 10_000 }).toBe(2);
    const again = page.locator(`${CROSS} ${tid('finding')}`).filter({ has: page.locator(`${tid('finding-item')}[data-rule="XYEAR-CARRY"][data-cell="T3:2:natural"]`) });
    await expect.poll(() => again.locator(tid('review-state')).getAttribute('data-state'), { timeout: 10_000 }).toBe('dismissed');
    expect(await again.locator(tid('review-state')).textContent()).toContain('已更正');
    // the other one is still open
    const other = page.locator(`${CROSS} ${tid('finding')}`).filter({ has: page.locator(`${tid('finding-item')}[data-rule="XYEAR-CARRY"][data-cell="T3:2:total"]`) });
    expect(await other.locator(tid('review-state')).getAttribute('data-state')).toBe('open');
    await page.close();
  });
});

describe('cross-year checks when the earlier year is audited last', () => {
  it('auditing 2019 after 2020 updates the stored 2020 report’s findings without auditing 2020 again; the workbook names them', async () => {
    const { context: ctx, extensionId: id } = await launchChromium(newProfile());
    try {
      const visit = async (url: string) => {
        const page = await ctx.newPage();
        await page.goto(url);
        await page.waitForSelector(PANEL, { timeout: 20_000 });
        await expect.poll(() => page.locator(tid('save-state')).getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
        await page.close();
      };
      const recent2020 = async () => {
        const popup = await ctx.newPage();
        await popup.goto(`chrome-extension://${id}/popup.html`);
        const row = popup.locator(tid('recent-report')).filter({ hasText: '2020年' });
        await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
        const text = (await row.textContent()) ?? '';
        await popup.close();
        return text;
      };
      const own = expectedFor('tests/fixtures/seeds/002.word.html', url2020).counts;
      await visit(url2020);
      expect(await recent2020()).toContain(`${own.error} 个错误`);
      await visit(url2019);
      // the background compared the stored 2020 report with the 2019 one just stored: 2 XYEAR-CARRY errors more
      expect(await recent2020()).toContain(`${own.error + 2} 个错误`);
      // the workbook names the cross-year rule by its title (lib/rules/catalogue.ts), not by its id
      const wb = await ctx.newPage();
      await wb.goto(`chrome-extension://${id}/workbook.html#report=${encodeURIComponent(url2020)}`);
      const finding = wb.locator(`${tid('detail-finding')}[data-rule="XYEAR-CARRY"]`).first();
      await expect.poll(() => finding.locator('.rule').textContent(), { timeout: 10_000 }).toBe('上年结转与上年报告的结转下年度不符');
      await wb.close();
    } finally {
      await ctx.close();
    }
  });
});
