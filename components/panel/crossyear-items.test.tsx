// @vitest-environment happy-dom
/**
 * Cross-year findings as first-class panel items: seed 002 (2020) is the page, its 2019 report
 * (carrying 2 applications forward) is stored; the background's comparison arrives with the
 * audit-complete reply. Its findings are counted in the header (and ui.counts, the popup's
 * status), listed in the 跨年比较 group, navigated, their cells marked, and reviewed with the
 * same controls, the review stored by matchKey (rule id + first cell) and shown again after
 * the page is audited again — through the real store (fake-indexeddb).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditPage } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import { cellElements, MARKER } from '../../lib/highlight';
import { narrativeText, yearReportFromRun, type YearReport } from '../../lib/crossyear';
import { CrossYearViewSchema } from '../../lib/crossyear-view';
import { mutate } from '../../lib/rules/xyear.pairs';
import { ruleTitleOf } from '../../lib/rules/catalogue';
import type { AuditResultJson } from '../../lib/schema';
import { getReportDetail, matchKeyOf, openAuditDb, setReviewByKey, type AuditDb } from '../../lib/store/db';
import { saveAuditWithCrossYear } from '../../lib/store/crossyear';
import { HOST_ID, mountAuditorUI, type AuditorUI } from './controller';
import { loadDocument } from '../../tests/helpers/document';
import { CROSS_YEAR_LABELS, PANEL_LABELS } from '../../tests/helpers/panel-labels';


const PAGE_2020 = 'https://www.tongjiang-panel.gov.cn/nb/2020.htm';
const PAGE_2019 = 'https://www.tongjiang-panel.gov.cn/nb/2019.htm';
const SEED_HTML = readFileSync(join(import.meta.dirname, '../../tests/fixtures/seeds/002.word.html'), 'utf8');

let db: AuditDb;
let ui: AuditorUI | null = null;
beforeEach(() => {
  db = openAuditDb(`panel-xyear-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});
afterEach(() => {
  ui?.destroy();
  ui = null;
  db.close();
});

const asResult = (y: YearReport): AuditResultJson => ({
  schemaVersion: 1,
  tool: { name: 'report-auditor', version: '0.1.0' },
  source: y.source,
  auditedAt: '2026-01-01T00:00:00.000Z',
  detected: true,
  report: { title: y.title, year: y.year, entity: y.entity, format: y.format },
  cells: y.cells,
  findings: [],
});

/**
 * The auditor's round trip: audit the page (seed 002 as 2020), send it to the store with its
 * narrative, mount the panel, apply the reply (reviews, then the cross-year view) as
 * entrypoints/auditor.ts does. Reviews go to the store by matchKey as the background does.
 */
async function auditAndMount(): Promise<{ ui: AuditorUI; shadow: ShadowRoot; pageFindings: number }> {
  ui?.destroy();
  loadDocument(SEED_HTML);
  const run = auditPage(pageFromDocument(document, { source: PAGE_2020 }));
  const narrative = narrativeText(run.context!.narrative);
  if (!(await db.reports.get(PAGE_2019))) {
    const previous = mutate(yearReportFromRun(run)!, { year: 2019, source: PAGE_2019, cells: { 'T3:4:natural': '2', 'T3:4:total': '2' } });
    await saveAuditWithCrossYear(db, asResult(previous), PAGE_2019, narrative.replaceAll('2020', '2019'));
  }
  ui = mountAuditorUI({
    doc: document,
    result: run.result,
    cells: cellElements(run.context!.cells),
    labels: PANEL_LABELS,
    ruleTitle: (id) => ruleTitleOf(id),
    noTablesMessage: null,
    css: '',
    onReview: async (f, review) => {
      await setReviewByKey(db, PAGE_2020, matchKeyOf(f.ruleId, f.cells[0] ?? null), review);
    },
    crossYear: { labels: CROSS_YEAR_LABELS },
  });
  const reply = await saveAuditWithCrossYear(db, run.result, PAGE_2020, narrative);
  expect(reply.saved.stored).toBe(true);
  ui.setReviews(reply.saved.stored ? reply.saved.reviews : []);
  ui.setCrossYear(CrossYearViewSchema.parse(reply.crossYear));
  ui.setSaveState('saved');
  return { ui, shadow: document.getElementById(HOST_ID)!.shadowRoot!, pageFindings: run.result.findings!.length };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const crossItems = (shadow: ShadowRoot) => Array.from(shadow.querySelectorAll<HTMLElement>('[data-group="cross-year"] [data-testid="finding"]'));
const count = (shadow: ShadowRoot, s: string) => Number(shadow.querySelector(`[data-testid="count-${s}"] .n`)!.textContent);

describe('cross-year findings in the panel', () => {
  it('are counted in the header and in ui.counts (the popup’s status), and listed under 跨年比较', async () => {
    const { ui, shadow, pageFindings } = await auditAndMount();
    const page = { error: 0, warning: 0, info: 0 };
    for (const it of ui.items.slice(0, pageFindings)) page[it.finding.severity]++;
    const cross = ui.items.slice(pageFindings).map((it) => it.finding);
    expect(cross.map((f) => [f.ruleId, f.cells[0] ?? null])).toEqual([
      ['XYEAR-CARRY', 'T3:2:natural'],
      ['XYEAR-CARRY', 'T3:2:total'],
      ['XYEAR-DUPLICATE', null],
    ]);
    expect(ui.counts).toEqual({ error: page.error + 2, warning: page.warning + 1, info: page.info });
    for (const s of ['error', 'warning', 'info'] as const) expect(count(shadow, s)).toBe(ui.counts[s]);
    expect(shadow.querySelector('[data-testid="finding-position"]')!.textContent).toBe(`0/${pageFindings + 3}`);

    const group = shadow.querySelector('[data-group="cross-year"]')!;
    expect(group.querySelector('h3')!.textContent).toBe('跨年比较 (3)');
    const first = crossItems(shadow)[0]!;
    expect(first.textContent).toContain(ruleTitleOf('XYEAR-CARRY'));
    expect(first.textContent).toContain('表三 二、上年结转政府信息公开申请数量 / 自然人');
    expect(first.textContent).toContain('应为 2');
    // the pairing follows the findings in the same group, without a second list
    expect(group.querySelector('[data-testid="cross-year-pair"]')!.textContent).toContain(`与 2019 年报告比较: ${PAGE_2019}`);
    expect(shadow.querySelectorAll('[data-testid="cross-year-finding"]')).toHaveLength(0);
    expect(shadow.querySelectorAll('[data-group="cross-year"]')).toHaveLength(1);
  });

  it('mark their cells, are reached by next/previous, and go with the highlights switch', async () => {
    const { ui, pageFindings } = await auditAndMount();
    const cell = () => Array.from(document.querySelectorAll(`[${MARKER}]`)).find((el) => el.getAttribute(MARKER)!.split(' ').includes('XYEAR-CARRY'));
    expect(cell()).toBeDefined();
    ui.select(pageFindings - 1);
    ui.next();
    expect(ui.current).toBe(pageFindings);
    expect(ui.items[ui.current]!.finding.ruleId).toBe('XYEAR-CARRY');
    expect(document.activeElement).toBe(cell());
    ui.select(ui.items.length - 1);
    ui.next();
    expect(ui.current).toBe(0);
    ui.setHighlights(false);
    expect(document.querySelectorAll(`[${MARKER}]`)).toHaveLength(0);
    ui.setHighlights(true);
    expect(cell()).toBeDefined();
    // no comparison any more: back to the page's own findings
    ui.setCrossYear(null);
    expect(ui.items).toHaveLength(pageFindings);
    expect(cell()).toBeUndefined();
  });

  it('are reviewed with the same controls; the review is stored by matchKey and shown after a re-audit', async () => {
    const first = await auditAndMount();
    const item = crossItems(first.shadow)[0]!;
    const q = <E extends Element>(id: string) => item.querySelector<E & Element>(`[data-testid="${id}"]`)!;
    const select = q<HTMLSelectElement>('review-reason');
    select.value = '已更正';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await tick();
    q<HTMLButtonElement>('review-dismiss').click();
    await tick();
    await tick();
    expect(q('review-error')).toBeNull();
    const stored = (await getReportDetail(db, PAGE_2020))!.findings.filter((f) => f.matchKey === matchKeyOf('XYEAR-CARRY', ['T3:2:natural']));
    expect(stored.map((f) => [f.review, f.reviewReason])).toEqual([['dismissed', '已更正']]);
    // XYEAR-DUPLICATE has no cell: its matchKey is the rule id and ''
    const dup = crossItems(first.shadow)[2]!;
    dup.querySelector<HTMLButtonElement>('[data-testid="review-confirm"]')!.click();
    await tick();
    await tick();
    expect((await getReportDetail(db, PAGE_2020))!.findings.find((f) => f.ruleId === 'XYEAR-DUPLICATE')!.review).toBe('confirmed');

    // the page audited again (reload): the reviews come back with the reply
    const again = await auditAndMount();
    const states = crossItems(again.shadow).map((li) => li.querySelector('[data-testid="review-state"]')!.getAttribute('data-state'));
    expect(states).toEqual(['dismissed', 'open', 'confirmed']);
    expect(crossItems(again.shadow)[0]!.querySelector('[data-testid="review-state"]')!.textContent).toBe('已排除 · 已更正');
  });
});
