// @vitest-environment happy-dom
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newBatch } from '../../lib/batch';
import type { AuditResultJson } from '../../lib/schema';
import { saveBatch } from '../../lib/store/batches';
import { openAuditDb, saveAudit, type AuditDb } from '../../lib/store/db';
import { zhTranslate } from '../../tests/helpers/i18n';
import { dbApi } from '../workbook/api';
import { Workbook } from '../workbook/Workbook';
import { dbBatchSource } from './BatchFilter';

const URLS = ['https://www.a.gov.cn/nb/1.htm', 'https://www.a.gov.cn/nb/2.htm', 'https://www.b.gov.cn/nb/3.htm'];
const NOW = new Date('2026-11-23T08:00:00Z');

function result(source: string, entity: string): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source,
    auditedAt: NOW.toISOString(),
    detected: true,
    report: { title: `${entity}2023年政府信息公开工作年度报告`, year: 2023, entity, format: '2021' },
    cells: { 'T3:1:total': { raw: '1', value: 1 } },
    findings: [{ ruleId: 'T3-ROWSUM', severity: 'error', cells: ['T3:1:total'], message: '错误' }],
  };
}

let db: AuditDb;
let root: HTMLElement;

beforeEach(async () => {
  db = openAuditDb('batch-filter', { indexedDB: new IDBFactory(), IDBKeyRange });
  for (const [i, url] of URLS.entries()) await saveAudit(db, result(url, `单位${i + 1}`), url);
  // a batch that stored the first two reports (the third failed)
  const b = newBatch({ id: 'b1', label: '某某县年报栏目', links: URLS.map((url) => ({ url })), now: NOW });
  b.items = b.items.map((it, i) =>
    i < 2 ? { ...it, state: 'done', reportUrl: it.url, counts: { error: 1, warning: 0, info: 0 } } : { ...it, state: 'failed', failure: { code: 'http', status: 404, message: 'HTTP 404' } },
  );
  b.status = 'done';
  await saveBatch(db, b);
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  db.close();
  history.replaceState(null, '', '/');
});

async function until<T>(fn: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

const rowUrls = () => Array.from(root.querySelectorAll('tr[data-testid="workbook-row"] .entity a')).map((a) => a.textContent);

describe('the workbook’s batch filter', () => {
  it('lists the batches; choosing one shows and exports only its reports', async () => {
    const t = await zhTranslate();
    const exported: string[][] = [];
    const api = dbApi(db);
    const spy = { ...api, exportFile: async (kind: 'csv' | 'xlsx' | 'json', urls: readonly string[]) => (exported.push([...urls]), api.exportFile(kind, urls)) };
    render(<Workbook api={spy} t={t} ruleTitle={(id) => id} download={() => undefined} batches={dbBatchSource(db, { filter: '批次', all: '全部批次' })} />, root);
    const select = await until(() => root.querySelector<HTMLSelectElement>('[data-testid="workbook-batch"]'));
    await until(() => rowUrls().length === 3);
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['全部批次', '某某县年报栏目 · 2026-11-23 08:00 · 2']);
    select.value = 'b1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => rowUrls().length === 2);
    expect(rowUrls().sort()).toEqual(['单位1', '单位2']);
    root.querySelector<HTMLButtonElement>('[data-testid="export-json"]')!.click();
    await until(() => exported.length === 1);
    expect([...exported[0]!].sort()).toEqual(URLS.slice(0, 2));
  });

  it('opens with the batch of ?batch=ID chosen (the popup’s link)', async () => {
    history.replaceState(null, '', '/workbook.html?batch=b1');
    const t = await zhTranslate();
    render(<Workbook api={dbApi(db)} t={t} ruleTitle={(id) => id} download={() => undefined} batches={dbBatchSource(db, { filter: '批次', all: '全部批次' })} />, root);
    await until(() => root.querySelector('[data-testid="workbook-batch"]'));
    await until(() => rowUrls().length === 2);
    expect(root.querySelector<HTMLSelectElement>('[data-testid="workbook-batch"]')!.value).toBe('b1');
  });
});
