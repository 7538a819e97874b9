// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPage } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import { cellElements, MARKER } from '../../lib/highlight';
import { RULES_BY_ID } from '../../lib/rules/index';
import { HOST_ID, mountAuditorUI, type AuditorUI } from './controller';
import { loadDocument } from '../../tests/helpers/document';
import { PANEL_LABELS } from '../../tests/helpers/panel-labels';


const fixture = (p: string) => readFileSync(join(import.meta.dirname, '../../tests/fixtures', p), 'utf8');

let ui: AuditorUI | null = null;
afterEach(() => {
  ui?.destroy();
  ui = null;
});

function load(html: string) {
  loadDocument(html);
  const run = auditPage(pageFromDocument(document, { source: 'https://www.example.gov.cn/a.htm' }));
  const cells = cellElements(run.context!.cells);
  return { run, cells };
}

function mount(html: string, noTablesMessage: string | null = null) {
  const { run, cells } = load(html);
  const before = document.documentElement.outerHTML;
  ui = mountAuditorUI({ doc: document, result: run.result, cells, labels: PANEL_LABELS, ruleTitle: (id) => RULES_BY_ID.get(id)!.meta.title.zh, noTablesMessage, css: '.panel{}' });
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

describe('review controls in the panel', () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));

  function mountWithReviews(onReview: (f: import('../../lib/types').Finding, u: import('../review/ReviewControls').ReviewUpdate) => Promise<void>) {
    const { run, cells } = load(fixture('mutated/002-t3-rowsum-row1.html'));
    ui = mountAuditorUI({ doc: document, result: run.result, cells, labels: PANEL_LABELS, ruleTitle: (id) => id, noTablesMessage: null, css: '', onReview });
    const shadow = document.getElementById(HOST_ID)!.shadowRoot!;
    const itemOf = (rule: string) => Array.from(shadow.querySelectorAll<HTMLElement>('[data-testid="finding"]')).find((li) => li.querySelector(`[data-testid="finding-item"][data-rule="${rule}"]`))!;
    const q = <E extends Element>(rule: string, id: string) => itemOf(rule).querySelector<E & Element>(`[data-testid="${id}"]`)!;
    return { run, shadow, itemOf, q };
  }

  it('has no review controls without a review handler (the panel as before)', () => {
    const { shadow } = mount(fixture('mutated/002-t3-rowsum-row1.html'));
    expect(shadow.querySelectorAll('[data-testid="review-state"]').length).toBe(0);
  });

  it('are disabled until the audit is stored, then show the stored states', async () => {
    const { q, shadow } = mountWithReviews(async () => undefined);
    expect(shadow.querySelectorAll('[data-testid="review-state"]').length).toBe(shadow.querySelectorAll('[data-testid="finding-item"]').length);
    expect(q<HTMLButtonElement>('T3-ROWSUM', 'review-confirm').disabled).toBe(true);
    ui!.setReviews([
      { ruleId: 'T3-ROWSUM', cell: 'T3:1:total', state: 'dismissed', reason: '模板允许', note: '见说明' },
      { ruleId: 'T3-BALANCE', cell: 'T3:nothing:here', state: 'confirmed', reason: null, note: null },
    ]);
    ui!.setSaveState('saved');
    expect(q<HTMLButtonElement>('T3-ROWSUM', 'review-confirm').disabled).toBe(false);
    const state = q('T3-ROWSUM', 'review-state');
    expect(state.textContent).toBe('已排除 · 模板允许');
    expect(state.getAttribute('data-state')).toBe('dismissed');
    // the note is shown because it has text
    await tick();
    expect(q<HTMLTextAreaElement>('T3-ROWSUM', 'review-note').value).toBe('见说明');
    // a review for another cell does not apply
    expect(q('T3-BALANCE', 'review-state').getAttribute('data-state')).toBe('open');
  });

  it('dismiss with a reason: shown at once, sent with the finding', async () => {
    const sent: unknown[] = [];
    const { q, run } = mountWithReviews(async (f, u) => {
      sent.push({ ruleId: f.ruleId, cell: f.cells[0], ...u });
    });
    ui!.setReviews([]);
    ui!.setSaveState('saved');
    const select = q<HTMLSelectElement>('T3-ROWSUM', 'review-reason');
    select.value = '已更正';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await tick();
    q<HTMLButtonElement>('T3-ROWSUM', 'review-dismiss').click();
    expect(q('T3-ROWSUM', 'review-state').textContent).toBe('已排除 · 已更正');
    expect(sent).toEqual([{ ruleId: 'T3-ROWSUM', cell: 'T3:1:total', state: 'dismissed', reason: '已更正', note: '' }]);
    const idx = ui!.items.findIndex((it) => it.finding.ruleId === 'T3-ROWSUM');
    expect(ui!.reviewOf(idx)).toEqual({ state: 'dismissed', reason: '已更正', note: '' });
    expect(run.result.findings!.length).toBe(ui!.items.length);
    // reopen, then confirm
    q<HTMLButtonElement>('T3-ROWSUM', 'review-reopen').click();
    expect(q('T3-ROWSUM', 'review-state').getAttribute('data-state')).toBe('open');
    q<HTMLButtonElement>('T3-ROWSUM', 'review-confirm').click();
    expect(q('T3-ROWSUM', 'review-state').textContent).toBe('已确认');
    expect(sent.slice(1)).toEqual([
      { ruleId: 'T3-ROWSUM', cell: 'T3:1:total', state: 'open', note: '' },
      { ruleId: 'T3-ROWSUM', cell: 'T3:1:total', state: 'confirmed', note: '' },
    ]);
  });

  it('a note is saved on blur', async () => {
    const sent: unknown[] = [];
    const { q } = mountWithReviews(async (_f, u) => void sent.push(u));
    ui!.setReviews([]);
    ui!.setSaveState('saved');
    q<HTMLButtonElement>('T3-ROWSUM', 'review-note-toggle').click();
    await tick();
    const note = q<HTMLTextAreaElement>('T3-ROWSUM', 'review-note');
    note.value = '已电话核实';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    note.dispatchEvent(new Event('blur'));
    expect(sent).toEqual([{ state: 'open', note: '已电话核实' }]);
    expect(ui!.reviewOf(ui!.items.findIndex((it) => it.finding.ruleId === 'T3-ROWSUM')).note).toBe('已电话核实');
  });

  it('a review the background refuses goes back and says why', async () => {
    const { q } = mountWithReviews(async () => {
      throw new Error('未能保存复核：url does not match');
    });
    ui!.setReviews([]);
    ui!.setSaveState('saved');
    q<HTMLButtonElement>('T3-ROWSUM', 'review-confirm').click();
    expect(q('T3-ROWSUM', 'review-state').getAttribute('data-state')).toBe('confirmed');
    await tick();
    expect(q('T3-ROWSUM', 'review-state').getAttribute('data-state')).toBe('open');
    expect(q('T3-ROWSUM', 'review-error').textContent).toContain('url does not match');
  });
});
