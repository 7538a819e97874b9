// @vitest-environment happy-dom
/**
 * The panel's cross-year part (CrossYear.tsx through the controller): seed 002 (2020) mounted,
 * then the background's view arrives: the earlier year is named, the pairing and its findings
 * shown, a "not the same body" switch per earlier report; a wrong match can be rejected and a
 * failure to store it is shown. Page text (entity, message) is only ever text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPage } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import { cellElements } from '../../lib/highlight';
import { runCrossYear, yearReportFromRun } from '../../lib/crossyear';
import { CrossYearViewSchema, type CrossYearView } from '../../lib/crossyear-view';
import { rules } from '../../lib/rules/xyear';
import { mutate } from '../../lib/rules/xyear.pairs';
import { HOST_ID, mountAuditorUI, type AuditorUI } from './controller';
import { loadDocument } from '../../tests/helpers/document';
import { CROSS_YEAR_LABELS, PANEL_LABELS } from '../../tests/helpers/panel-labels';


const PAGE_2020 = 'https://www.tongjiang-test.gov.cn/nb/2020.htm';
const PAGE_2019 = 'https://www.tongjiang-test.gov.cn/nb/2019.htm';

let ui: AuditorUI | null = null;
afterEach(() => {
  ui?.destroy();
  ui = null;
});

/** Seed 002 as the page, and the view the background would send (2019 carried 2 forward). */
function setup(onSameBody?: (url: string, same: boolean) => Promise<void>) {
  const html = readFileSync(join(import.meta.dirname, '../../tests/fixtures/seeds/002.word.html'), 'utf8');
  loadDocument(html);
  const run = auditPage(pageFromDocument(document, { source: PAGE_2020 }));
  const current = yearReportFromRun(run)!;
  const previous = mutate(current, { year: 2019, source: PAGE_2019, entity: '同江市乐业镇<img src=x onerror=alert(1)>人民政府', cells: { 'T3:4:natural': '2', 'T3:4:total': '2' } });
  const out = runCrossYear(current, previous, rules, { sameBody: true });
  const view: CrossYearView = CrossYearViewSchema.parse({
    entity: current.entity,
    site: current.site,
    year: 2020,
    earlier: [{ url: PAGE_2019, year: 2019, title: previous.title, entity: previous.entity, site: 'tongjiang-test.gov.cn', format: '2019', reason: out.match.reason, basis: 'name-and-site', rejected: false }],
    compared: { url: PAGE_2019, year: 2019, note: out.note, findings: out.findings },
  });
  ui = mountAuditorUI({
    doc: document,
    result: run.result,
    cells: cellElements(run.context!.cells),
    labels: PANEL_LABELS,
    ruleTitle: (id) => rules.find((r) => r.meta.id === id)?.meta.title.zh ?? id,
    noTablesMessage: null,
    css: '',
    crossYear: { labels: CROSS_YEAR_LABELS, onSameBody },
  });
  const shadow = document.getElementById(HOST_ID)!.shadowRoot!;
  return { ui, view, shadow };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the cross-year part of the panel', () => {
  it('is absent until the background answers, then names the earlier year, the pairing and the findings', () => {
    const { ui, view, shadow } = setup();
    expect(shadow.querySelector('[data-testid="cross-year"]')).toBeNull();
    ui.setCrossYear(view);
    expect(shadow.querySelector('[data-testid="cross-year-earlier"]')!.textContent).toBe('可比较的往年报告：2019 年');
    expect(shadow.querySelector('[data-testid="cross-year-pair"]')!.textContent).toContain(`与 2019 年报告比较: ${PAGE_2019}`);
    // the findings are the panel's items of its 跨年比较 group (listed once, with review controls)
    const items = Array.from(shadow.querySelectorAll('[data-group="cross-year"] [data-testid="finding-item"]'));
    // the 2019 copy also has the same text: XYEAR-DUPLICATE
    expect(items.map((i) => i.getAttribute('data-rule'))).toEqual(['XYEAR-CARRY', 'XYEAR-CARRY', 'XYEAR-DUPLICATE']);
    expect(shadow.querySelectorAll('[data-testid="cross-year-finding"]')).toHaveLength(0);
    expect(items[0]!.textContent).toContain('表三 二、上年结转政府信息公开申请数量 / 自然人');
    expect(items[0]!.textContent).toContain('应为 2');
    expect(items[0]!.textContent).toContain('实为 0');
    // page text is text: the entity's markup is not parsed
    const match = shadow.querySelector('[data-testid="cross-year-match"]')!;
    expect(match.querySelector('img')).toBeNull();
    expect(match.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(match.textContent).toContain(view.earlier[0]!.reason);
  });

  it('says so when there is nothing to compare with', () => {
    const { ui, shadow } = setup();
    ui.setCrossYear({ entity: '同江市乐业镇', site: 'tongjiang-test.gov.cn', year: 2020, earlier: [], compared: null });
    expect(shadow.querySelector('[data-testid="cross-year-none"]')!.textContent).toBe('没有往年报告');
    expect(shadow.querySelector('[data-testid="cross-year-no-previous"]')!.textContent).toBe('没有 2019 年的报告');
  });

  it('"not the same body" calls the store with the earlier report, and shows why it failed', async () => {
    const calls: [string, boolean][] = [];
    const { ui, view, shadow } = setup(async (url, same) => {
      calls.push([url, same]);
      throw new Error('后台未响应');
    });
    ui.setCrossYear(view);
    const box = shadow.querySelector<HTMLInputElement>('[data-testid="not-same-body"]')!;
    expect(box.checked).toBe(false);
    box.click();
    expect(calls).toEqual([[PAGE_2019, false]]);
    await flush();
    expect(shadow.querySelector('[data-testid="cross-year"] [role="alert"]')!.textContent).toBe('后台未响应');
  });

  it('without a store there is no switch', () => {
    const { ui, view, shadow } = setup();
    ui.setCrossYear(view);
    expect(shadow.querySelector('[data-testid="not-same-body"]')).toBeNull();
  });
});
