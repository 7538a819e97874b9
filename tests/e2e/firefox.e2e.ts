/**
 * The built extension in Debian's Firefox ESR (headless), driven by puppeteer-core 24 over
 * WebDriver BiDi: installed with browser.installExtension, it audits a fixture page served
 * under a *.gov.cn host name (network.dns.forceResolve), marks the cells, and keeps the
 * finding (read back through the extension's popup page).
 */
import { randomUUID } from 'node:crypto';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX, FIREFOX_EXT, requireBrowser, requireBuilt } from './browsers';
import { startServer, type FixtureServer } from './server';
import { PATH_OF_SOURCE, expectedFor } from './expected';

const HOST = 'www.example.gov.cn';
const ADDON_ID = 'report-auditor@example.org';
/** The extension's internal UUID, fixed through a pref so that the test can open its pages. */
const UUID = randomUUID();

let server: FixtureServer;
let browser: Browser;

beforeAll(async () => {
  requireBuilt(FIREFOX_EXT);
  requireBrowser(FIREFOX);
  server = await startServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'intl.locale.requested': 'zh-CN',
    },
  });
  const id = await browser.installExtension(FIREFOX_EXT);
  expect(id).toBe(ADDON_ID);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function waitFor<T>(f: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  let v = await f();
  while (!ok(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    v = await f();
  }
  return v;
}

describe('Firefox ESR: a report page on a gov.cn site', () => {
  const path = '/fixtures/mutated/002-t3-rowsum-row1.html';
  let page: Page;

  it('audits the page and marks the cells the engine flags', async () => {
    const expected = expectedFor('tests/fixtures/mutated/002-t3-rowsum-row1.html', server.url(HOST, path));
    page = await browser.newPage();
    await page.goto(server.url(HOST, path));
    const markers = await waitFor(
      () =>
        page.evaluate((src: string) => {
          const pathOf = (0, eval)(src) as (el: Element) => string;
          const out: Record<string, string[]> = {};
          for (const el of Array.from(document.querySelectorAll('[data-report-audit]'))) out[pathOf(el)] = el.getAttribute('data-report-audit')!.split(' ').sort();
          return out;
        }, PATH_OF_SOURCE),
      (m) => Object.keys(m).length > 0,
    );
    expect(markers).toEqual(expected.markers);
    expect(Object.values(markers).flat()).toContain('T3-ROWSUM');
    expect(await page.evaluate(() => !!document.getElementById('report-audit-panel-host'))).toBe(true);
  });

  it('keeps the report and its findings in the extension’s database', async () => {
    // the background acknowledges only after its IndexedDB transaction has committed; the
    // panel shows that acknowledgement (Firefox does not let WebDriver open extension pages)
    const state = await waitFor(
      () => page.evaluate(() => document.getElementById('report-audit-panel-host')?.shadowRoot?.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') ?? null),
      (s) => s === 'saved' || s === 'failed',
    );
    expect(state).toBe('saved');
    await page.close();
  });

  it('leaves a page that is not a report alone', async () => {
    const p = await browser.newPage();
    await p.goto(server.url(HOST, '/pages/not-a-report.html'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await p.evaluate(() => document.querySelectorAll('[data-report-audit]').length + (document.getElementById('report-audit-panel-host') ? 1 : 0))).toBe(0);
    await p.close();
  });
});
