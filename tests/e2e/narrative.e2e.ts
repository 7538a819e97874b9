/**
 * Narrative findings in Chromium (rules.md §H): the real Shanghai 2019 body, whose text
 * contradicts its tables ("予以公开及部分公开258件" vs 275, "行政复议7件，诉讼9件，均获维持" with
 * cases pending …), served under a gov.cn host. The sentences are highlighted as text ranges
 * (CSS Custom Highlight API, no element wrapped), hovering one shows the finding's tooltip,
 * the panel lists the findings and a click scrolls to the sentence; switching highlights off
 * leaves the page DOM exactly as served.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, newProfile } from './browsers';
import { startServer, type FixtureServer } from './server';
import { ROOT, expectedFor } from './expected';

const HOST = 'www.shanghai.gov.cn';
const PATH = '/fixtures/real/shanghai-2019-body.html';
const PANEL = '[data-testid="report-audit-panel"]';
const TOOLTIP = '[data-testid="finding-tooltip"]';

let server: FixtureServer;
let context: BrowserContext;

beforeAll(async () => {
  server = await startServer();
  ({ context } = await launchChromium(newProfile()));
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

async function open(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url(HOST, PATH));
  await page.waitForSelector(PANEL, { timeout: 20_000 });
  return page;
}

/** The texts of the ranges registered under the auditor's highlight names (read from the page's own world). */
function highlighted(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    if (!reg) return out;
    for (const [name, h] of reg) if (name.startsWith('report-audit-')) out[name] = [...h].map((r) => r.toString().replace(/\s+/g, ''));
    return out;
  });
}

/** Viewport centre of the first line of a sentence, found by its opening words (page world). */
function sentencePoint(page: Page, words: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((w) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const box = r.getClientRects()[0]!;
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  }, words);
}

describe('Chromium: narrative findings on the Shanghai 2019 report', () => {
  it('lists them in the panel with the engine’s counts', async () => {
    const expected = expectedFor('tests/fixtures/real/shanghai-2019-body.html', server.url(HOST, PATH));
    const narrative = (expected.result.findings ?? []).filter((f) => f.text);
    expect(narrative.map((f) => f.ruleId).sort()).toEqual(['NARR-BREAKDOWN', 'NARR-PERCENT', 'NARR-T3-NUM', 'NARR-T3-NUM', 'NARR-T4-NUM']);
    const page = await open();
    for (const s of ['error', 'warning', 'info'] as const) {
      expect(await page.locator(`[data-testid="count-${s}"] .n`).textContent()).toBe(String(expected.counts[s]));
    }
    expect(await page.locator('[data-testid="finding-item"][data-rule="NARR-T3-NUM"]').count()).toBe(2);
    expect(await page.locator('[data-testid="finding-item"][data-rule="NARR-BREAKDOWN"]').count()).toBe(1);
    await page.close();
  });

  it('highlights the sentences as text ranges and shows the tooltip on hover and on click', async () => {
    const page = await open();
    await expect.poll(() => highlighted(page)).toEqual({
      'report-audit-error': expect.arrayContaining(['予以公开及部分公开258件，占33.9%', '因本机关不掌握等原因无法提供265件，占32.9%', expect.stringMatching(/^信息公开类行政复议7件，诉讼9件，均获维持/)]),
      'report-audit-warning': [expect.stringMatching(/^答复政府信息公开申请805件/)],
    });
    // the page's own DOM carries no wrapper: the sentence is still one text node
    expect(await page.evaluate(() => document.body.querySelectorAll('mark, [data-report-audit-text]').length)).toBe(0);

    // hover the sentence → the tooltip of its finding
    const at = (await sentencePoint(page, '信息公开类行政复议7件'))!;
    expect(at).not.toBeNull();
    await page.mouse.move(at.x, at.y);
    const tooltip = page.locator(TOOLTIP);
    await expect.poll(() => tooltip.textContent(), { timeout: 5_000 }).toContain('NARR-T4-NUM');
    expect(await tooltip.textContent()).toContain('均获维持');
    await page.mouse.move(5, 5);
    await expect.poll(() => tooltip.count()).toBe(0);

    // click in the panel → scrolled to the sentence, tooltip there
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator('[data-testid="finding-item"][data-rule="NARR-BREAKDOWN"]').click();
    await expect.poll(() => tooltip.textContent()).toContain('NARR-BREAKDOWN');
    const visible = await page.evaluate(() => {
      const reg = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const r = [...reg.get('report-audit-warning')!][0]!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(visible).toBe(true);
    mkdirSync(ROOT + 'docs/screenshots/', { recursive: true });
    await page.screenshot({ path: ROOT + 'docs/screenshots/narrative-sentence.png' });
    await page.close();
  });

  it('switching the highlights off removes the sentence highlights and leaves the DOM exactly as served', async () => {
    const page = await open();
    await expect.poll(async () => Object.keys(await highlighted(page)).length).toBeGreaterThan(0);
    await page.locator('[data-testid="toggle-highlights"]').click();
    await expect.poll(() => highlighted(page)).toEqual({});
    await expect.poll(() => page.locator('[data-report-audit]').count()).toBe(0);
    const body = await page.evaluate(() => document.body.outerHTML);
    const head = await page.evaluate(() => document.head.outerHTML);
    const html = await (await fetch(server.url('127.0.0.1', PATH))).text();
    const reference = await context.newPage();
    const parsed = await reference.evaluate((h) => {
      const d = new DOMParser().parseFromString(h, 'text/html');
      return { body: d.body.outerHTML, head: d.head.outerHTML };
    }, html);
    expect(body).toBe(parsed.body);
    expect(head).toBe(parsed.head);
    // the host keeps no style of the highlights
    expect(await page.evaluate(() => document.getElementById('report-audit-panel-host')?.querySelectorAll(':scope > style').length)).toBe(0);
    // and back on
    await page.locator('[data-testid="toggle-highlights"]').click();
    await expect.poll(async () => Object.keys(await highlighted(page)).length).toBeGreaterThan(0);
    await reference.close();
    await page.close();
  });
});
