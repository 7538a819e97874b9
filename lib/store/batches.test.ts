/**
 * Batches in the store, and the v2 → v3 upgrade (tests/fixtures/db/v2.json, loaded into a
 * Dexie that declares only version 2, then opened with openAuditDb).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { newBatch, type BatchRecord } from '../batch';
import { auditHtml } from '../node';
import { batchDetails, batchReportUrls, getBatch, listBatches, runningBatches, saveBatch } from './batches';
import { getReportDetail, listReports, openAuditDb, saveAudit, SCHEMA_VERSION, StoreError } from './db';

const FIXTURE = JSON.parse(readFileSync(fileURLToPath(new URL('../../tests/fixtures/db/v2.json', import.meta.url)), 'utf8')) as {
  version: number;
  stores: Record<string, string>;
  tables: Record<string, Record<string, unknown>[]>;
};
const SEED = readFileSync(fileURLToPath(new URL('../../tests/fixtures/seeds/002.word.html', import.meta.url)), 'utf8');
const NOW = new Date('2026-11-23T08:00:00Z');

function freshDb(name: string) {
  return openAuditDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

describe('upgrade from version 2', () => {
  it('keeps every row of every table and adds an empty batches table', async () => {
    const indexedDB = new IDBFactory();
    const old = new Dexie('v2', { indexedDB, IDBKeyRange });
    old.version(2).stores(FIXTURE.stores);
    await old.open();
    await old.transaction('rw', Object.keys(FIXTURE.tables), async () => {
      for (const [table, rows] of Object.entries(FIXTURE.tables)) await old.table(table).bulkAdd(rows);
    });
    old.close();

    const db = openAuditDb('v2', { indexedDB, IDBKeyRange });
    await db.open();
    expect(SCHEMA_VERSION).toBe(3);
    expect(db.verno).toBe(3);
    const byUrl = (rows: readonly object[]) => [...rows].sort((a, b) => String((a as { url: string }).url).localeCompare(String((b as { url: string }).url)));
    expect(byUrl(await db.reports.toArray())).toEqual(byUrl(FIXTURE.tables.reports!));
    expect(byUrl(await db.evidence.toArray())).toEqual(byUrl(FIXTURE.tables.evidence!));
    expect(await db.findings.orderBy('id').toArray()).toEqual(FIXTURE.tables.findings);
    expect(await db.batches.count()).toBe(0);
    expect((await listReports(db)).length).toBe(FIXTURE.tables.reports!.length);

    // a batch can be stored in the upgraded database
    const b = newBatch({ id: 'b1', label: '年报栏目', links: [{ url: String(FIXTURE.tables.reports![0]!.url) }], now: NOW });
    await saveBatch(db, b);
    expect(await getBatch(db, 'b1')).toEqual(b);
    db.close();
  });
});

describe('batches', () => {
  it('lists newest first with progress; finds the running ones', async () => {
    const db = freshDb('list');
    const a = newBatch({ id: 'a', label: 'A', links: [{ url: 'https://a.gov.cn/1.htm' }], now: NOW });
    const b: BatchRecord = {
      ...newBatch({ id: 'b', label: 'B', links: [{ url: 'https://a.gov.cn/2.htm' }, { url: 'https://a.gov.cn/3.htm' }], now: new Date(NOW.getTime() + 1000) }),
      status: 'paused',
    };
    b.items[0] = { ...b.items[0]!, state: 'failed', failure: { code: 'http', status: 404, message: 'HTTP 404' } };
    await saveBatch(db, a);
    await saveBatch(db, b);
    const list = await listBatches(db);
    expect(list.map((s) => s.id)).toEqual(['b', 'a']);
    expect(list[0]!.progress).toMatchObject({ total: 2, failed: 1, queued: 1, reasons: { http: 1 } });
    expect((await runningBatches(db)).map((r) => r.id)).toEqual(['a']);
    db.close();
  });

  it('rejects a malformed record, storing nothing', async () => {
    const db = freshDb('bad');
    const b = newBatch({ id: 'x', label: 'X', links: [{ url: 'https://a.gov.cn/1.htm' }], now: NOW });
    await expect(saveBatch(db, { ...b, status: 'exploded' as never })).rejects.toBeInstanceOf(StoreError);
    expect(await db.batches.count()).toBe(0);
    db.close();
  });

  it("a batch's details are the stored reports of its done items, for the exports", async () => {
    const db = freshDb('details');
    const url = 'https://www.example.gov.cn/nb/002.htm';
    const result = auditHtml(SEED, { source: url, url, now: NOW });
    await saveAudit(db, result, url);
    const b = newBatch({ id: 'd', label: 'D', links: [{ url }, { url: 'https://www.example.gov.cn/nb/404.htm' }], now: NOW });
    b.items[0] = { ...b.items[0]!, state: 'done', reportUrl: url, counts: { error: 0, warning: 1, info: 2 } };
    b.items[1] = { ...b.items[1]!, state: 'failed', failure: { code: 'http', status: 404, message: 'HTTP 404' } };
    await saveBatch(db, b);
    expect(batchReportUrls(b)).toEqual([url]);
    const details = await batchDetails(db, 'd');
    expect(details.map((d) => d.report.url)).toEqual([url]);
    expect(details[0]).toEqual(await getReportDetail(db, url));
    db.close();
  });
});
