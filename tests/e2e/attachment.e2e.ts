/**
 * Reports published as attachments, in the built extension in Chromium: a *.gov.cn report page
 * whose report is only an attachment → the panel offers to audit each attachment → the viewer
 * page draws the PDF's pages with a box over each flagged cell where the engine (in Node, on the
 * same file) puts it, the panel's counts, the tooltip, and the audit kept by the background
 * (shown in the workbook with its attachment); a DOCX rendered and marked like a web page; a
 * scanned PDF and a site without permission get their message.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium, newProfile } from './browsers';
import { startServer, type FixtureServer } from './server';
import { PATH_OF_SOURCE, ROOT, pathOf } from './expected';
import { docxToHtml, runAttachment } from '../../lib/attachments';
import { auditPage } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import { parseDoc } from '../helpers/pages';
import type { AuditResult, CellBox } from '../../lib/types';

/** The extension API used inside the service worker (sw.evaluate). */
declare const chrome: {
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> };
};

const HOST = 'www.example.gov.cn';
const PANEL = '[data-testid="report-audit-panel"]';
const PDF = '002-t3-rowsum-row3.7.pdf';
const DOCX = '002-t4-sum-review.docx';

let server: FixtureServer;
let context: BrowserContext;
let extensionId: string;

beforeAll(async () => {
  server = await startServer();
  ({ context, extensionId } = await launchChromium(newProfile()));
});

afterAll(async () => {
  await context?.close();
  await server?.close();
});

const fixtureUrl = (file: string, host = HOST) => server.url(host, `/fixtures/attachments/${file}`);
const viewerUrl = (src: string) => `chrome-extension://${extensionId}/viewer.html?src=${encodeURIComponent(src)}`;

/** What the CLI's engine finds in the same file fetched from the same URL. */
async function expectedOf(file: string, url: string): Promise<AuditResult> {
  const bytes = new Uint8Array(readFileSync(`${ROOT}tests/fixtures/attachments/${file}`));
  const kind = file.endsWith('.pdf') ? 'pdf' : 'docx';
  return (await runAttachment(bytes, { kind, source: url, url, attachmentUrl: url })).result;
}

function countsOf(r: AuditResult) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings ?? []) counts[f.severity]++;
  return counts;
}

/** First cell of each finding → its rule ids (what the highlighter marks). */
function markersOf(r: AuditResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of r.findings ?? []) {
    const c = f.cells[0];
    if (!c) continue;
    const list = (out[c] ??= []);
    if (!list.includes(f.ruleId)) list.push(f.ruleId);
  }
  for (const k of Object.keys(out)) out[k]!.sort();
  return out;
}

const count = (page: Page, s: string) => page.locator(`[data-testid="count-${s}"] .n`).textContent();

async function expectCounts(page: Page, r: AuditResult): Promise<void> {
  const c = countsOf(r);
  expect(await count(page, 'error')).toBe(String(c.error));
  expect(await count(page, 'warning')).toBe(String(c.warning));
  expect(await count(page, 'info')).toBe(String(c.info));
}

describe('Chromium: reports published as attachments', () => {
  let viewer: Page;
  let expected: AuditResult;
  const src = () => fixtureUrl(PDF);

  it('the panel of an attachment-only report page offers to audit each attachment', async () => {
    const page = await context.newPage();
    await page.goto(server.url(HOST, '/pages/attachment-report.html'));
    await page.waitForSelector(PANEL, { timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid="finding-item"][data-rule="DOC-ATTACHMENT-ONLY"]').count()).toBe(1);
    const offers = page.locator('[data-testid="audit-attachment"]');
    expect(await offers.evaluateAll((els) => els.map((e) => e.getAttribute('data-href')))).toEqual([
      fixtureUrl(PDF),
      fixtureUrl(DOCX),
      fixtureUrl('scanned.pdf'),
    ]);
    // the offer opens the viewer on the PDF in a new tab
    const opened = context.waitForEvent('page', { timeout: 15_000 });
    await offers.first().click();
    viewer = await opened;
    await viewer.waitForURL(viewerUrl(src()));
    await page.close();
  });

  it('the viewer shows its progress, then the pages with a box over each flagged cell where the engine puts it', async () => {
    expected = await expectedOf(PDF, src());
    const boxes = expected.attachment!.cellBoxes!;
    expect(Object.keys(boxes).length).toBeGreaterThan(0);
    await viewer.waitForSelector('[data-testid="viewer-status"][data-state="done"]', { timeout: 30_000 });
    expect(await viewer.locator('[data-testid="viewer-status"]').textContent()).toContain(`共 ${expected.attachment!.pages} 页`);
    expect(await viewer.locator('[data-testid="pdf-page"]').count()).toBe(expected.attachment!.pages);
    await viewer.waitForSelector(PANEL, { timeout: 20_000 });

    // the marked boxes: the cells the findings name first, with their rule ids
    const marked = await viewer.evaluate(() => {
      const out: Record<string, string[]> = {};
      for (const el of Array.from(document.querySelectorAll('.cell-box[data-report-audit]')))
        out[(el as HTMLElement).dataset.cell!] = el.getAttribute('data-report-audit')!.split(' ').sort();
      return out;
    });
    expect(marked).toEqual(markersOf(expected));

    // each box sits at its cell's place on its page (points → the page's CSS pixels)
    const sizes = await viewer.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="pdf-page"]')).map((p) => {
        const r = p.getBoundingClientRect();
        return { width: r.width, height: r.height };
      }),
    );
    for (const [id, box] of Object.entries(boxes) as [string, CellBox][]) {
      const got = await viewer.evaluate((cell) => {
        const el = document.querySelector(`.cell-box[data-cell="${cell}"]`)!;
        const page = el.closest('[data-testid="pdf-page"]') as HTMLElement;
        const r = el.getBoundingClientRect();
        const p = page.getBoundingClientRect();
        return { page: Number(page.dataset.page), x: r.left - p.left, y: r.top - p.top, width: r.width, height: r.height };
      }, id);
      const k = sizes[box.page - 1]!.width / (await pageWidthPt(box.page));
      expect(got.page).toBe(box.page);
      expect(Math.abs(got.x - box.x * k)).toBeLessThan(1);
      expect(Math.abs(got.y - box.y * k)).toBeLessThan(1);
      expect(Math.abs(got.width - box.width * k)).toBeLessThan(1);
      expect(Math.abs(got.height - box.height * k)).toBeLessThan(1);
    }
    await expectCounts(viewer, expected);
  });

  /** The width in points of a page of the fixture (pdf.js in Node). */
  async function pageWidthPt(n: number): Promise<number> {
    const { openPdf } = await import('../../lib/attachments');
    const doc = await openPdf(new Uint8Array(readFileSync(`${ROOT}tests/fixtures/attachments/${PDF}`)));
    try {
      return (await doc.getPage(n)).getViewport({ scale: 1 }).width;
    } finally {
      await doc.destroy();
    }
  }

  it('the page under a flagged cell is drawn, and the cell’s tooltip gives the rule, expected and actual', async () => {
    const f = (expected.findings ?? []).find((x) => x.ruleId === 'T3-ROWSUM')!;
    expect(f).toBeTruthy();
    await viewer.locator(`[data-testid="finding-item"][data-rule="T3-ROWSUM"][data-cell="${f.cells[0]}"]`).click();
    const box = viewer.locator(`.cell-box[data-cell="${f.cells[0]}"]`);
    const page = box.locator('xpath=ancestor::*[@data-testid="pdf-page"]');
    await expect.poll(() => page.getAttribute('data-drawn'), { timeout: 15_000 }).toBe('true');
    // the canvas holds the drawn page: some pixels are not white
    const inked = await page.evaluate((p) => {
      const c = p.querySelector('canvas')!;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return { width: c.width, dark };
    });
    expect(inked.width).toBeGreaterThan(100);
    expect(inked.dark).toBeGreaterThan(1000);
    await box.hover();
    const tooltip = viewer.locator('[data-testid="finding-tooltip"]');
    await expect.poll(() => tooltip.textContent()).toContain('T3-ROWSUM');
    expect(await tooltip.textContent()).toContain(`应为 ${f.expected}`);
    expect(await tooltip.textContent()).toContain(`实为 ${f.actual}`);
    await viewer.screenshot({ path: `${ROOT}docs/screenshots/attachment-viewer.png` });
  });

  it('the keyboard commands reach the viewer tab (next finding, highlights off and on)', async () => {
    await viewer.bringToFront();
    const sw = context.serviceWorkers()[0]!;
    const position = () => viewer.locator('[data-testid="finding-position"]').textContent();
    const boxes = () => viewer.locator('.cell-box[data-report-audit]').count();
    const marked = await boxes();
    expect(marked).toBeGreaterThan(0);
    // the commands API's accelerators are not delivered to a headless browser: the test sends
    // what the background's command handler sends (to the active tab), from the background itself
    const send = (message: unknown) =>
      sw.evaluate(async (m) => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return chrome.tabs.sendMessage(tab!.id!, m);
      }, message);
    const before = await position();
    expect(await send({ type: 'navigate-finding', direction: 'next' })).toEqual({ ok: true });
    await expect.poll(position).not.toBe(before);
    const after = await position();
    await send({ type: 'navigate-finding', direction: 'previous' });
    await expect.poll(position).toBe(before);
    expect(after).not.toBe(before);
    await send({ type: 'toggle-highlights' });
    await expect.poll(boxes).toBe(0);
    await send({ type: 'toggle-highlights' });
    await expect.poll(boxes).toBe(marked);
  });

  it('the audit is kept like a page’s: saved, reviewable, and in the workbook with its attachment', async () => {
    await expect.poll(() => viewer.locator('[data-testid="save-state"]').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    // a review in the viewer's panel, as on a page
    const item = viewer.locator('[data-testid="finding"]', { has: viewer.locator('[data-testid="finding-item"][data-rule="T3-ROWSUM"]') }).first();
    await item.locator('[data-testid="review-reason"]').selectOption('误报');
    await item.locator('[data-testid="review-dismiss"]').click();
    expect(await item.locator('[data-testid="review-state"]').textContent()).toBe('已排除 · 误报');
    // the popup lists it among the recent reports
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect.poll(() => popup.locator('body').textContent(), { timeout: 15_000 }).toContain(expected.report!.title!);
    // … and opens it in the viewer, not as the raw file
    const recent = popup.locator('[data-testid="recent-report"][data-attachment="pdf"] a');
    expect(await recent.count()).toBe(1);
    expect(await recent.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(viewerUrl(src()));
    await popup.close();
    const wb = await context.newPage();
    await wb.goto(`chrome-extension://${extensionId}/workbook.html`);
    const row = wb.locator(`[data-testid="workbook-row"][data-url="${src()}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.locator('[data-testid="open-report"]').click();
    await wb.waitForSelector('[data-testid="report-detail"]');
    const dismissed = wb.locator('[data-testid="detail-finding"][data-rule="T3-ROWSUM"]').first();
    expect(await dismissed.locator('[data-testid="review-state"]').getAttribute('data-state')).toBe('dismissed');
    expect(await wb.locator('[data-testid="detail-finding"]').count()).toBe(expected.findings!.length);
    const reopen = wb.locator('[data-testid="reopen-attachment"]');
    expect(await reopen.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(viewerUrl(src()));
    expect(await wb.locator('[data-testid="detail-attachment"]').getAttribute('data-kind')).toBe('pdf');
    // the link opens the viewer again on the same file
    const opened = context.waitForEvent('page', { timeout: 15_000 });
    await reopen.click();
    const again = await opened;
    await again.waitForSelector('[data-testid="viewer-status"][data-state="done"]', { timeout: 30_000 });
    await again.close();
    await wb.close();
    await viewer.close();
  });

  it('a DOCX is shown as a page, its cells marked as on a web page', async () => {
    const url = fixtureUrl(DOCX);
    const result = await expectedOf(DOCX, url);
    // where the marks must be: the engine on the same HTML in Node, cells by their table position
    const doc = parseDoc(await docxToHtml(new Uint8Array(readFileSync(`${ROOT}tests/fixtures/attachments/${DOCX}`))));
    const run = auditPage(pageFromDocument(doc, { source: url }));
    const want: Record<string, string[]> = {};
    for (const f of run.result.findings ?? []) {
      const el = f.cells[0] ? run.context?.cells.get(f.cells[0])?.el : undefined;
      if (!el) continue;
      const list = (want[pathOf(el)] ??= []);
      if (!list.includes(f.ruleId)) list.push(f.ruleId);
    }
    for (const k of Object.keys(want)) want[k]!.sort();
    expect(Object.keys(want).length).toBeGreaterThan(0);

    const page = await context.newPage();
    await page.goto(viewerUrl(url));
    await page.waitForSelector('[data-testid="viewer-status"][data-state="done"]', { timeout: 30_000 });
    await page.waitForSelector(PANEL);
    const got = await page.evaluate((s) => {
      const pathOf = (0, eval)(s) as (el: Element) => string;
      const out: Record<string, string[]> = {};
      for (const el of Array.from(document.querySelectorAll('[data-report-audit]'))) out[pathOf(el)] = el.getAttribute('data-report-audit')!.split(' ').sort();
      return out;
    }, PATH_OF_SOURCE);
    expect(got).toEqual(want);
    await expectCounts(page, result);
    await expect.poll(() => page.locator('[data-testid="save-state"]').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    await page.close();
  });

  it('a scanned PDF gets the engine’s message, and nothing is audited', async () => {
    const page = await context.newPage();
    await page.goto(viewerUrl(fixtureUrl('scanned.pdf')));
    const problem = page.locator('[data-testid="viewer-problem"]');
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.getAttribute('data-problem')).toBe('no-text');
    expect(await problem.textContent()).toContain('没有文字层');
    expect(await problem.textContent()).toContain('no text layer');
    expect(await page.locator(PANEL).count()).toBe(0);
    await page.close();
  });

  it('with the option on, a click on a PDF link on a gov.cn page opens it in the viewer; off, it does not', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const toggle = options.locator('[data-testid="route-attachments"]');
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    // the switch is disabled until the registration has answered
    await expect.poll(async () => (await toggle.isEnabled()) && (await toggle.isChecked())).toBe(true);
    // the state is the registration: read back after a reload
    await options.reload();
    await expect.poll(() => options.locator('[data-testid="route-attachments"]').isChecked()).toBe(true);

    const page = await context.newPage();
    const pageUrl = server.url(HOST, '/pages/attachment-report.html');
    await page.goto(pageUrl);
    await page.waitForSelector(PANEL, { timeout: 20_000 });
    const opened = context.waitForEvent('page', { timeout: 15_000 });
    await page.locator('a[href$="002-t3-rowsum-row3.7.pdf"]').click();
    const viewer = await opened;
    await viewer.waitForURL(viewerUrl(src()));
    await viewer.waitForSelector('[data-testid="viewer-status"][data-state="done"]', { timeout: 30_000 });
    expect(page.url()).toBe(pageUrl);
    await viewer.close();
    await page.close();

    const again = options.locator('[data-testid="route-attachments"]');
    await again.uncheck();
    await expect.poll(async () => (await again.isEnabled()) && !(await again.isChecked())).toBe(true);
    const sw = context.serviceWorkers()[0]!;
    const ids = await sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
    expect(ids).not.toContain('report-auditor-attachment-links');
    await options.close();
  });

  it('an attachment on a site without permission says so and offers to allow it', async () => {
    const page = await context.newPage();
    await page.goto(viewerUrl(fixtureUrl(PDF, 'www.example.org')));
    const problem = page.locator('[data-testid="viewer-problem"]');
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.getAttribute('data-problem')).toBe('permission');
    expect(await problem.textContent()).toContain('www.example.org');
    expect(await page.locator('[data-testid="viewer-allow"]').count()).toBe(1);
    await page.close();
  });
});
