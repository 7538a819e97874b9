// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { render } from 'preact';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditPage } from '../../lib/audit';
import { pageFromDocument } from '../../lib/page';
import type { AuditResultJson } from '../../lib/schema';
import { getReportDetail, openAuditDb, saveAudit, type AuditDb } from '../../lib/store/db';
import { zhTranslate } from '../../tests/helpers/i18n';
import { dbApi, type WorkbookApi } from './api';
import type { Translate } from './i18n';
import { Workbook } from './Workbook';

const A = 'https://www.a.gov.cn/xxgk/2020.htm';
const B = 'https://www.b.gov.cn/xxgk/2021.htm';
const C = 'https://zfxxgk.c.gov.cn/nb/2019.htm';
const REAL = 'https://www.example.gov.cn/fixtures/mutated/002-t3-rowsum-row1.html';

function result(source: string, report: NonNullable<AuditResultJson['report']>, findings: NonNullable<AuditResultJson['findings']>): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source,
    auditedAt: '2026-11-23T08:00:00.000Z',
    detected: true,
    report,
    cells: { 'T3:1:total': { raw: '21', value: 21 } },
    findings,
  };
}

const err = (n: number) => Array.from({ length: n }, (_, i) => ({ ruleId: 'T3-ROWSUM', severity: 'error' as const, cells: [`T3:${i + 1}:total`], message: `错误 ${i}` }));
const warn = (n: number) => Array.from({ length: n }, (_, i) => ({ ruleId: 'VAL-BLANK', severity: 'warning' as const, cells: [`T3:3.3.${i + 1}:natural`], message: `警告 ${i}` }));

let t: Translate;
let db: AuditDb;
let api: WorkbookApi;
let root: HTMLElement;
let downloads: { blob: Blob; name: string }[];
let clock = 0;
const now = () => new Date(Date.UTC(2026, 10, 23, 8, 0, clock++));

beforeAll(async () => {
  t = await zhTranslate();
});

beforeEach(async () => {
  db = openAuditDb('workbook-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  clock = 0;
  await saveAudit(db, result(A, { title: '甲县2020年政府信息公开工作年度报告', year: 2020, entity: '甲县', format: '2019' }, [...err(2), ...warn(1)]), A, now);
  await saveAudit(db, result(B, { title: '乙市2021年政府信息公开工作年度报告', year: 2021, entity: '乙市', format: '2021' }, [...err(0), ...warn(3)]), B, now);
  await saveAudit(db, result(C, { title: '丙镇政府信息公开年报', year: null, entity: '丙镇', format: null }, err(5)), C, now);
  api = dbApi(db, { now: () => new Date(Date.UTC(2026, 10, 23, 9, 30)) });
  downloads = [];
  location.hash = '';
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  db.close();
});

async function until<T>(fn: () => T | null | undefined | false | Promise<T | null | undefined | false>, what = 'condition'): Promise<T> {
  const end = Date.now() + 3000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const $ = <E extends Element = HTMLElement>(id: string, within: ParentNode = root) => within.querySelector<E>(`[data-testid="${id}"]`);
const $$ = <E extends Element = HTMLElement>(id: string, within: ParentNode = root) => Array.from(within.querySelectorAll<E>(`[data-testid="${id}"]`));
const rows = () => $$('workbook-row');
const entities = () => rows().map((r) => r.querySelector('.entity a')!.textContent);
const tick = () => new Promise((r) => setTimeout(r, 0));

async function mount(): Promise<void> {
  render(<Workbook api={api} t={t} ruleTitle={(id) => `rule ${id}`} download={(blob, name) => downloads.push({ blob, name })} />, root);
  await until(() => rows().length > 0 || $('workbook-empty'), 'the list');
}

function setValue(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string, event: 'input' | 'change'): void {
  el.value = value;
  el.dispatchEvent(new Event(event, { bubbles: true }));
}

async function chooseFile(text: string, name = 'export.json'): Promise<void> {
  const input = $<HTMLInputElement>('import-file')!;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await tick();
}

describe('the workbook list', () => {
  it('lists every report with its entity, year, format, counts, review progress and site, newest first', async () => {
    await mount();
    expect(entities()).toEqual(['丙镇', '乙市', '甲县']);
    const a = rows().find((r) => r.dataset.url === A)!;
    const cells = Array.from(a.querySelectorAll('td')).map((td) => td.textContent);
    expect(cells.slice(1)).toEqual(['甲县甲县2020年政府信息公开工作年度报告', '2020', '2019', '2', '1', '0/3 已复核', expect.stringMatching(/^2026-11-23 \d\d:00$/), 'www.a.gov.cn']);
    expect($('workbook-count')!.textContent).toBe('显示 3 份，共 3 份报告');
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    await mount();
    $<HTMLButtonElement>('sort-errors')!.click();
    await tick();
    expect(entities()).toEqual(['丙镇', '甲县', '乙市']);
    expect($('sort-errors')!.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    $<HTMLButtonElement>('sort-errors')!.click();
    await tick();
    expect(entities()).toEqual(['乙市', '甲县', '丙镇']);
    $<HTMLButtonElement>('sort-year')!.click();
    await tick();
    // newest year first, the unknown year last
    expect(entities()).toEqual(['乙市', '甲县', '丙镇']);
    $<HTMLButtonElement>('sort-warnings')!.click();
    await tick();
    expect(entities()[0]).toBe('乙市');
    $<HTMLButtonElement>('sort-site')!.click();
    await tick();
    expect(rows().map((r) => r.querySelector('.site')!.textContent)).toEqual(['www.a.gov.cn', 'www.b.gov.cn', 'zfxxgk.c.gov.cn']);
  });

  it('filters by text, year, format and errors', async () => {
    await mount();
    setValue($<HTMLInputElement>('workbook-filter')!, '乙', 'input');
    await tick();
    expect(entities()).toEqual(['乙市']);
    expect($('workbook-count')!.textContent).toBe('显示 1 份，共 3 份报告');
    setValue($<HTMLInputElement>('workbook-filter')!, 'C.GOV', 'input');
    await tick();
    expect(entities()).toEqual(['丙镇']);
    setValue($<HTMLInputElement>('workbook-filter')!, '', 'input');
    setValue($<HTMLSelectElement>('workbook-year')!, '2020', 'change');
    await tick();
    expect(entities()).toEqual(['甲县']);
    setValue($<HTMLSelectElement>('workbook-year')!, 'all', 'change');
    setValue($<HTMLSelectElement>('workbook-format')!, 'none', 'change');
    await tick();
    expect(entities()).toEqual(['丙镇']);
    setValue($<HTMLSelectElement>('workbook-format')!, 'all', 'change');
    const errorsOnly = $<HTMLInputElement>('workbook-errors-only')!;
    errorsOnly.checked = true;
    errorsOnly.dispatchEvent(new Event('change', { bubbles: true }));
    await tick();
    expect(entities()).toEqual(['丙镇', '甲县']);
    setValue($<HTMLInputElement>('workbook-filter')!, '不存在', 'input');
    await tick();
    expect(rows()).toHaveLength(0);
    expect($('workbook-no-match')).not.toBeNull();
  });

  it('selects rows one by one or all shown, and exports the selection (all when none is selected)', async () => {
    await mount();
    expect($('export-scope')!.textContent).toBe('导出全部 3 份报告：');
    const check = (url: string) => rows().find((r) => r.dataset.url === url)!.querySelector<HTMLInputElement>('[data-testid="select-row"]')!;
    check(A).click();
    await tick();
    expect($('export-scope')!.textContent).toBe('导出已选的 1 份报告：');
    expect(rows().find((r) => r.dataset.url === A)!.classList.contains('selected')).toBe(true);
    // select all shown: only the filtered rows join the selection
    setValue($<HTMLInputElement>('workbook-filter')!, '乙', 'input');
    await tick();
    $<HTMLInputElement>('select-all')!.click();
    await tick();
    expect($('export-scope')!.textContent).toBe('导出已选的 2 份报告：');
    expect($<HTMLInputElement>('select-all')!.checked).toBe(true);
    $<HTMLButtonElement>('export-json')!.click();
    await until(() => downloads.length === 1, 'the download');
    const json = JSON.parse(await downloads[0]!.blob.text()) as { reports: { source: string }[] };
    expect(json.reports.map((r) => r.source).sort()).toEqual([A, B]);
    expect(downloads[0]!.name).toMatch(/\.json$/);
    // select all shown again unselects the shown ones
    $<HTMLInputElement>('select-all')!.click();
    await tick();
    expect($('export-scope')!.textContent).toBe('导出已选的 1 份报告：');
    $<HTMLButtonElement>('clear-selection')!.click();
    await tick();
    expect($('export-scope')!.textContent).toBe('导出全部 3 份报告：');
    $<HTMLButtonElement>('export-csv')!.click();
    await until(() => downloads.length === 2, 'the CSV');
    expect(downloads[1]!.name).toMatch(/\.csv$/);
    const csv = await downloads[1]!.blob.text();
    for (const u of [A, B, C]) expect(csv).toContain(u);
    $<HTMLButtonElement>('export-xlsx')!.click();
    await until(() => downloads.length === 3, 'the XLSX');
    expect(downloads[2]!.name).toMatch(/\.xlsx$/);
    // a zip file
    expect(new Uint8Array(await downloads[2]!.blob.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect($('workbook-status')!.dataset.state).toBe('done');
  });
});

describe('import', () => {
  it('says clearly what is wrong with a bad file, and changes nothing', async () => {
    await mount();
    await chooseFile('{"this is": not json', 'broken.json');
    const status = await until(() => $('workbook-status')?.dataset.state === 'error' && $('workbook-status'), 'the error');
    expect(status.textContent).toMatch(/^导入失败，现有记录没有任何改动。\S/);
    expect(status.getAttribute('role')).toBe('alert');
    expect(entities()).toEqual(['丙镇', '乙市', '甲县']);
    expect(await db.reports.count()).toBe(3);
  });

  it('merges an export; replace asks first and a cancel leaves everything as it was', async () => {
    await mount();
    // an export of 乙市 only
    const { blob } = await api.exportFile('json', [B]);
    const exported = await blob.text();
    await saveAudit(db, result('https://www.d.gov.cn/x.htm', { title: '丁区年报', year: 2022, entity: '丁区', format: '2021' }, []), 'https://www.d.gov.cn/x.htm', now);

    $<HTMLInputElement>('import-mode-replace')!.click();
    await tick();
    await chooseFile(exported, 'b.json');
    await until(() => $('import-confirm-box'), 'the confirmation');
    expect($('import-confirm-box')!.textContent).toContain('b.json');
    $<HTMLButtonElement>('import-cancel')!.click();
    await tick();
    expect($('import-confirm-box')).toBeNull();
    expect(await db.reports.count()).toBe(4);

    await chooseFile(exported, 'b.json');
    await until(() => $('import-confirm-box'), 'the confirmation');
    $<HTMLButtonElement>('import-confirm')!.click();
    await until(() => $('workbook-status')?.dataset.state === 'done', 'the import');
    expect(entities()).toEqual(['乙市']);
    expect(await db.reports.count()).toBe(1);

    // merge the same file back: nothing doubles
    $<HTMLInputElement>('import-mode-merge')!.click();
    await tick();
    await chooseFile(exported, 'b.json');
    await until(() => $('workbook-status')?.dataset.state === 'done' && $('workbook-status')!.textContent!.includes('b.json'), 'the merge');
    expect(entities()).toEqual(['乙市']);
  });
});

describe('a report', () => {
  const fixture = readFileSync(join(import.meta.dirname, '../../tests/fixtures/mutated/002-t3-rowsum-row1.html'), 'utf8');

  beforeEach(async () => {
    const doc = new DOMParser().parseFromString(fixture, 'text/html');
    const run = auditPage(pageFromDocument(doc, { source: REAL }));
    await saveAudit(db, JSON.parse(JSON.stringify(run.result)), REAL, now);
  });

  async function open(url: string) {
    await mount();
    rows().find((r) => r.dataset.url === url)!.querySelector<HTMLAnchorElement>('[data-testid="open-report"]')!.click();
    // happy-dom follows the fragment link and fires hashchange
    await until(() => $('report-detail'), 'the report');
  }

  it('rebuilds the tables from the evidence with the flagged cells marked, and lists the findings', async () => {
    await open(REAL);
    expect(location.hash).toBe(`#report=${encodeURIComponent(REAL)}`);
    expect($('detail-title')!.textContent).toContain('乐业镇');
    const cell = root.querySelector<HTMLElement>('[data-cell="T3:1:total"]')!;
    expect(cell.textContent).toBe('5');
    expect(cell.classList.contains('flag')).toBe(true);
    expect(cell.dataset.severity).toBe('error');
    const detail = (await getReportDetail(db, REAL))!;
    expect($$('detail-finding')).toHaveLength(detail.findings.length);
    const rowsum = $$('detail-finding').find((f) => f.dataset.rule === 'T3-ROWSUM')!;
    expect(rowsum.textContent).toContain('应为 4');
    expect(rowsum.textContent).toContain('rule T3-ROWSUM');
    // the list is kept behind the report
    expect(root.querySelector('[data-testid="workbook-table"]')!.closest('[hidden]')).not.toBeNull();
  });

  it('review controls: dismiss with a reason, a note, reopen, confirm; stored at once and the list follows', async () => {
    await open(REAL);
    const item = () => $$('detail-finding').find((f) => f.dataset.rule === 'T3-ROWSUM')!;
    const stored = async () => (await getReportDetail(db, REAL))!.findings.find((f) => f.ruleId === 'T3-ROWSUM')!;
    setValue($<HTMLSelectElement>('review-reason', item())!, '模板允许', 'change');
    await tick();
    $<HTMLButtonElement>('review-dismiss', item())!.click();
    await tick();
    expect($('review-state', item())!.textContent).toBe('已排除 · 模板允许');
    await until(() => stored().then((f) => f.review === 'dismissed'), 'the store');
    await expect(stored()).resolves.toMatchObject({ review: 'dismissed', reviewReason: '模板允许' });

    const note = $<HTMLTextAreaElement>('review-note', item())!;
    setValue(note, '模板说明允许空白', 'input');
    await tick();
    $<HTMLButtonElement>('review-note-save', item())!.click();
    await new Promise((r) => setTimeout(r, 50));
    await expect(stored()).resolves.toMatchObject({ review: 'dismissed', reviewReason: '模板允许', reviewNote: '模板说明允许空白' });

    $<HTMLButtonElement>('review-reopen', item())!.click();
    await tick();
    expect($('review-state', item())!.dataset.state).toBe('open');
    $<HTMLButtonElement>('review-confirm', item())!.click();
    await tick();
    expect($('review-state', item())!.textContent).toBe('已确认');
    await new Promise((r) => setTimeout(r, 50));
    await expect(stored()).resolves.toMatchObject({ review: 'confirmed', reviewNote: '模板说明允许空白' });

    // back to the list: the progress counts the confirmed finding
    $<HTMLAnchorElement>('detail-back')!.click();
    await until(() => !$('report-detail'), 'the list');
    const total = (await getReportDetail(db, REAL))!.findings.filter((f) => f.status === 'current').length;
    const progress = rows().find((r) => r.dataset.url === REAL)!.querySelector('[data-testid="row-progress"]')!;
    expect(progress.textContent).toBe(`1/${total} 已复核`);
  });

  it('a review the store refuses goes back and says why', async () => {
    api = { ...dbApi(db), setReview: () => Promise.reject(new Error('no finding 999')) };
    await open(REAL);
    const item = () => $$('detail-finding').find((f) => f.dataset.rule === 'T3-ROWSUM')!;
    $<HTMLButtonElement>('review-confirm', item())!.click();
    await until(() => $('review-error', item()), 'the error');
    expect($('review-error', item())!.textContent).toBe('未能保存复核：no finding 999');
    expect($('review-state', item())!.dataset.state).toBe('open');
  });

  it('a report that is not stored says so', async () => {
    location.hash = `#report=${encodeURIComponent('https://www.nowhere.gov.cn/x.htm')}`;
    await mount();
    await until(() => $('detail-not-found'), 'the message');
    expect($('detail-not-found')!.textContent).toBe('没有这份报告的审计记录。');
  });
});
