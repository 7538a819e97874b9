/**
 * Narrative findings in Firefox ESR (puppeteer-core over WebDriver BiDi), on the real Shanghai
 * 2019 body served under a gov.cn host: the sentences the text gets wrong are painted from the
 * content script with the CSS Custom Highlight API (Firefox ≥ 140 has it, and `::highlight()`
 * is supported), hovering one shows its finding's tooltip, a click in the panel shows it too,
 * and switching highlights off leaves the page's DOM exactly as served. The fallback for
 * browsers where the API cannot paint (boxes over the sentence's client rectangles,
 * lib/textoverlay.ts) is run in the same Firefox page: the boxes cover the sentence and go
 * without a trace.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX, FIREFOX_EXT, requireBrowser, requireBuilt } from './browsers';
import { startServer, type FixtureServer } from './server';
import { expectedFor } from './expected';

const HOST = 'www.shanghai.gov.cn';
const PATH = '/fixtures/real/shanghai-2019-body.html';
const ADDON_ID = 'report-auditor@example.org';
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
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'intl.locale.requested': 'zh-CN',
    },
  });
  expect(await browser.installExtension(FIREFOX_EXT)).toBe(ADDON_ID);
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

async function open(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(server.url(HOST, PATH));
  const state = await waitFor(
    () => page.evaluate(() => document.getElementById('report-audit-panel-host')?.shadowRoot?.querySelector('[data-testid="save-state"]')?.getAttribute('data-state') ?? null),
    (s) => s === 'saved' || s === 'failed',
  );
  expect(state).toBe('saved');
  return page;
}

/** The texts of the ranges registered under the auditor's highlight names (page world: one registry per document). */
function highlighted(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    const reg = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    if (!reg) return out;
    for (const [name, h] of reg) if (name.startsWith('report-audit-')) out[name] = [...h].map((r) => r.toString().replace(/\s+/g, ''));
    return out;
  });
}

/** Text of the tooltip in the panel's shadow root, or null. */
function tooltip(page: Page): Promise<string | null> {
  return page.evaluate(() => document.getElementById('report-audit-panel-host')?.shadowRoot?.querySelector('[data-testid="finding-tooltip"]')?.textContent ?? null);
}

/** Viewport centre of the first line of a sentence, found by its opening words, scrolled into view. */
function sentencePoint(page: Page, words: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((w: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n as Text).data.indexOf(w);
      if (i < 0) continue;
      (n.parentElement as Element).scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      const box = r.getClientRects()[0]!;
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  }, words);
}

describe('Firefox ESR: narrative findings on the Shanghai 2019 report', () => {
  it('paints the sentences with the Highlight API from the content script and lists the findings', async () => {
    const expected = expectedFor('tests/fixtures/real/shanghai-2019-body.html', server.url(HOST, PATH));
    const page = await open();
    expect(await page.evaluate(() => typeof Highlight === 'function' && CSS.supports('selector(::highlight(x))'))).toBe(true);
    const hl = await waitFor(() => highlighted(page), (h) => Object.keys(h).length === 2);
    expect(hl['report-audit-error']).toEqual(expect.arrayContaining(['予以公开及部分公开258件，占33.9%', '因本机关不掌握等原因无法提供265件，占32.9%']));
    expect(hl['report-audit-warning']).toEqual([expect.stringMatching(/^答复政府信息公开申请805件/)]);
    // no element wrapped, no box drawn: the Highlight API paints
    expect(await page.evaluate(() => document.body.querySelectorAll('mark, [data-report-audit-text]').length)).toBe(0);
    expect(await page.evaluate(() => document.getElementById('report-audit-panel-host')!.shadowRoot!.querySelectorAll('[data-report-audit-overlay]').length)).toBe(0);
    const items = await page.evaluate(() =>
      Array.from(document.getElementById('report-audit-panel-host')!.shadowRoot!.querySelectorAll('[data-testid="finding-item"]')).map((b) => b.getAttribute('data-rule')),
    );
    const narrative = (expected.result.findings ?? []).filter((f) => f.text).map((f) => f.ruleId).sort();
    expect(items.filter((r) => r!.startsWith('NARR-')).sort()).toEqual(narrative);
    await page.close();
  });

  it('hovering a sentence, or clicking its finding in the panel, shows the tooltip; switching off restores the DOM', async () => {
    const page = await open();
    await waitFor(() => highlighted(page), (h) => Object.keys(h).length === 2);
    const at = await sentencePoint(page, '信息公开类行政复议7件');
    expect(at).not.toBeNull();
    await page.mouse.move(at!.x, at!.y);
    expect(await waitFor(() => tooltip(page), (t) => !!t?.includes('NARR-T4-NUM'), 5_000)).toContain('均获维持');
    await page.mouse.move(5, 5);
    expect(await waitFor(() => tooltip(page), (t) => t === null, 5_000)).toBeNull();

    await page.evaluate(() =>
      (document.getElementById('report-audit-panel-host')!.shadowRoot!.querySelector('[data-testid="finding-item"][data-rule="NARR-BREAKDOWN"]') as HTMLElement).click(),
    );
    expect(await waitFor(() => tooltip(page), (t) => !!t?.includes('NARR-BREAKDOWN'), 5_000)).toContain('NARR-BREAKDOWN');

    await page.evaluate(() => (document.getElementById('report-audit-panel-host')!.shadowRoot!.querySelector('[data-testid="toggle-highlights"]') as HTMLElement).click());
    expect(await waitFor(() => highlighted(page), (h) => Object.keys(h).length === 0, 5_000)).toEqual({});
    const html = await (await fetch(server.url('127.0.0.1', PATH))).text();
    const same = await page.evaluate((source: string) => {
      const d = new DOMParser().parseFromString(source, 'text/html');
      return document.body.outerHTML === d.body.outerHTML && document.head.outerHTML === d.head.outerHTML;
    }, html);
    expect(same).toBe(true);
    await page.close();
  });

  it('the fallback boxes cover the sentence in Firefox and go without a trace', async () => {
    const { result } = expectedFor('tests/fixtures/real/shanghai-2019-body.html', server.url(HOST, PATH));
    const narrative = (result.findings ?? []).filter((f) => f.text);
    // lib/texthighlight.ts as one script for the page's world
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../../lib/texthighlight.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'ReportAuditText',
      target: 'firefox115',
    });
    const page = await open();
    // the extension's own highlights off: only the boxes below paint
    await page.evaluate(() => (document.getElementById('report-audit-panel-host')!.shadowRoot!.querySelector('[data-testid="toggle-highlights"]') as HTMLElement).click());
    await waitFor(() => highlighted(page), (h) => Object.keys(h).length === 0, 5_000);
    const before = await page.evaluate(() => document.body.outerHTML);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const check = await page.evaluate((findings: unknown[]) => {
      const api = (window as unknown as { ReportAuditText: typeof import('../../lib/texthighlight') }).ReportAuditText;
      const host = document.createElement('div');
      document.documentElement.appendChild(host);
      const shadow = host.attachShadow({ mode: 'open' });
      const th = new api.TextHighlighter(document, findings as never, { block: () => undefined, root: null, exclude: host }, { overlayRoot: shadow, forceOverlay: true });
      th.apply();
      const first = (findings as { text: unknown }[])[0]!;
      const range = th.rangeOf(first as never)!;
      (range.startContainer.parentElement as Element).scrollIntoView({ block: 'center' });
      return new Promise<Record<string, unknown>>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const boxes = Array.from(shadow.querySelectorAll('[data-report-audit-overlay] > div')) as HTMLElement[];
            const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
            // each line of the sentence has its box, where the line is now (after the scroll)
            const covered = rects.every((r) =>
              boxes.some((b) => {
                const x = b.getBoundingClientRect();
                return Math.abs(x.left - r.left) < 1 && Math.abs(x.top - r.top) < 1 && Math.abs(x.width - r.width) < 1;
              }),
            );
            // the box paints: it has a colour and the sentence is under it
            const box = boxes.find((b) => Math.abs(b.getBoundingClientRect().top - rects[0]!.top) < 1)!;
            const bg = getComputedStyle(box).backgroundColor;
            const r0 = rects[0]!;
            // pointer-events: none: the point over the sentence still reaches the page's text
            const under = document.elementFromPoint(r0.left + r0.width / 2, r0.top + r0.height / 2);
            const pointerReachesPage = !!under && (under.contains(range.startContainer) || range.commonAncestorContainer.contains(under));
            const mode = th.mode;
            const count = th.count;
            th.remove();
            const left = shadow.childNodes.length;
            host.remove();
            resolve({ mode, count, boxes: boxes.length, lines: rects.length, covered, bg, pointerReachesPage, left });
          }),
        ),
      );
    }, narrative);
    expect(check).toMatchObject({ mode: 'overlay', count: 4, covered: true, left: 0, pointerReachesPage: true });
    expect(check.boxes as number).toBeGreaterThanOrEqual(4);
    expect(check.bg).toMatch(/^rgba\(217, 48, 37, 0\.1\d*\)$/);
    // the page's DOM is as before
    expect(await page.evaluate(() => document.body.outerHTML)).toBe(before);
    await page.close();
  });
});
