// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPage } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import { cellElements, MARKER } from '../../lib/highlight';
import { RULES_BY_ID } from '../../lib/rules/index';
import { HOST_ID, mountAuditorUI, type AuditorUI } from './controller';
import type { PanelLabels } from './Panel';

const LABELS: PanelLabels = {
  title: '年报审计',
  error: '错误',
  warning: '警告',
  info: '提示',
  counts: { error: '错误', warning: '警告', info: '提示' },
  next: '下一处',
  previous: '上一处',
  highlights: '显示标注',
  minimise: '收起',
  expand: '展开',
  noFindings: '未发现问题',
  expected: '应为',
  actual: '实为',
  pageLevel: '全文',
  tables: { T2: '表二', T3: '表三', T4: '表四' },
  notOnPage: '页面上没有此单元格',
  position: (c, t) => `${c}/${t}`,
  save: { saving: '正在保存', saved: '已保存', failed: '未能保存' },
};

const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../../tests/fixtures', p), 'utf8');

let ui: AuditorUI | null = null;
afterEach(() => {
  ui?.destroy();
  ui = null;
});

function load(html: string) {
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  const run = auditPage(pageFromDocument(document, { source: 'https://www.example.gov.cn/a.htm' }));
  const cells = cellElements(run.context!.cells);
  return { run, cells };
}

function mount(html: string, noTablesMessage: string | null = null) {
  const { run, cells } = load(html);
  const before = document.documentElement.outerHTML;
  ui = mountAuditorUI({ doc: document, result: run.result, cells, labels: LABELS, ruleTitle: (id) => RULES_BY_ID.get(id)!.meta.title.zh, noTablesMessage, css: '.panel{}' });
  const shadow = document.getElementById(HOST_ID)!.shadowRoot!;
  return { run, cells, shadow, before };
}

describe('the in-page findings panel', () => {
  it('shows counts by severity and the findings grouped by table', () => {
    const { run, shadow } = mount(fixture('mutated/002-t3-rowsum-row1.html'));
    const count = (s: string) => shadow.querySelector(`[data-testid="count-${s}"] .n`)!.textContent;
    const f = run.result.findings!;
    expect(count('error')).toBe(String(f.filter((x) => x.severity === 'error').length));
    expect(count('warning')).toBe(String(f.filter((x) => x.severity === 'warning').length));
    expect(count('info')).toBe(String(f.filter((x) => x.severity === 'info').length));
    const groups = Array.from(shadow.querySelectorAll('[data-group]')).map((g) => g.getAttribute('data-group'));
    expect(groups).toEqual(expect.arrayContaining(['T3']));
    const items = Array.from(shadow.querySelectorAll('[data-testid="finding-item"]'));
    expect(items).toHaveLength(f.length);
    const rowsum = items.find((i) => i.getAttribute('data-rule') === 'T3-ROWSUM')!;
    expect(rowsum.textContent).toContain('表三 一、本年新收政府信息公开申请数量 / 总计');
    expect(rowsum.textContent).toContain('应为 4');
    expect(rowsum.textContent).toContain('实为 5');
  });

  it('click, next and previous reveal the cell; the switch removes every trace and restores it', () => {
    const { cells, shadow, before } = mount(fixture('mutated/002-t3-rowsum-row1.html'));
    expect(document.querySelectorAll(`[${MARKER}]`).length).toBeGreaterThan(0);
    const rowsum = Array.from(shadow.querySelectorAll<HTMLButtonElement>('[data-testid="finding-item"]')).find((i) => i.dataset.rule === 'T3-ROWSUM')!;
    rowsum.click();
    expect(document.activeElement).toBe(cells.get('T3:1:total'));
    expect(shadow.querySelector('[data-testid="finding-tooltip"]')!.textContent).toContain('T3-ROWSUM');
    const pos = () => shadow.querySelector('[data-testid="finding-position"]')!.textContent;
    const at = pos();
    shadow.querySelector<HTMLButtonElement>('[data-testid="next-finding"]')!.click();
    expect(pos()).not.toBe(at);
    shadow.querySelector<HTMLButtonElement>('[data-testid="prev-finding"]')!.click();
    expect(pos()).toBe(at);

    const toggle = shadow.querySelector<HTMLInputElement>('[data-testid="toggle-highlights"]')!;
    toggle.click();
    expect(ui!.highlights).toBe(false);
    expect(document.querySelectorAll(`[${MARKER}]`).length).toBe(0);
    // the page's DOM is as before, apart from the panel host
    const host = document.getElementById(HOST_ID)!;
    host.remove();
    expect(document.documentElement.outerHTML).toBe(before);
    document.documentElement.appendChild(host);
    shadow.querySelector<HTMLInputElement>('[data-testid="toggle-highlights"]')!.click();
    expect(document.querySelectorAll(`[${MARKER}]`).length).toBeGreaterThan(0);
    ui!.destroy();
    ui = null;
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('shows whether the audit was kept', () => {
    const { shadow } = mount(fixture('mutated/002-t3-rowsum-row1.html'));
    const state = () => shadow.querySelector('[data-testid="save-state"]')!;
    expect(state().textContent).toBe('正在保存');
    ui!.setSaveState('saved');
    expect(state().textContent).toBe('已保存');
    ui!.setSaveState('failed');
    expect(state().getAttribute('data-state')).toBe('failed');
  });

  it('says why a page without template tables has no findings list', () => {
    const { shadow } = mount('<title>红星镇2020年政府信息公开工作年度报告</title><div class="article"><p>红星镇2020年政府信息公开工作年度报告</p><a href="/a.pdf">年报.pdf</a></div>', '本页年报以附件形式发布');
    expect(shadow.querySelector('[data-testid="no-tables"]')!.textContent).toBe('本页年报以附件形式发布');
  });

  it('shows markup in the page text as text, and runs nothing', () => {
    const { shadow } = mount(fixture('mutated/002-label-img-injection.html'));
    expect(shadow.querySelectorAll('img').length).toBe(0);
    expect(document.querySelectorAll('img[src="x"]').length).toBe(0);
    const text = shadow.textContent ?? '';
    expect(text.length).toBeGreaterThan(0);
  });
});
