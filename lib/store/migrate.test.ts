/**
 * Schema migrations: every earlier schema version has a fixture, tests/fixtures/db/vN.json,
 * a database of that version as its tables hold it (with `stores`, that version's Dexie
 * schema). Each is loaded into a Dexie that declares only that version, closed, then opened
 * with openAuditDb, which must upgrade every row.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  evidenceHash,
  getReportDetail,
  listReports,
  matchKeyOf,
  openAuditDb,
  progressOf,
  saveAudit,
  SCHEMA_VERSION,
  setReview,
  type CellEvidence,
} from './db';

const DIR = fileURLToPath(new URL('../../tests/fixtures/db/', import.meta.url));

interface Fixture {
  version: number;
  stores: Record<string, string>;
  tables: Record<string, Record<string, unknown>[]>;
}

const fixtures = readdirSync(DIR)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as Fixture);

/** A database of the fixture's version, in a fresh IndexedDB; returns its factory. */
async function loadFixture(fx: Fixture, name: string): Promise<IDBFactory> {
  const indexedDB = new IDBFactory();
  const old = new Dexie(name, { indexedDB, IDBKeyRange });
  old.version(fx.version).stores(fx.stores);
  await old.open();
  await old.transaction('rw', Object.keys(fx.tables), async () => {
    for (const [table, rows] of Object.entries(fx.tables)) await old.table(table).bulkAdd(rows);
  });
  expect(old.verno).toBe(fx.version);
  old.close();
  return indexedDB;
}

describe('schema', () => {
  it('has a fixture for every earlier version', () => {
    expect(fixtures.map((f) => f.version).sort()).toEqual(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1));
  });
});

// v1 rows (cells on the report, no matchKey) need the v2 upgrade; later fixtures are tested by their own upgrade's test (v2 → v3: lib/store/batches.test.ts)
describe.each(fixtures.filter((fx) => fx.version === 1).map((fx) => [fx.version, fx] as const))('upgrade from version %i', (_version, fx) => {
  type V1Report = { url: string; cells: CellEvidence; [k: string]: unknown };
  type V1Finding = { id: number; reportUrl: string; ruleId: string; cells: string[]; review: string; reviewNote: string | null; reviewedAt: string | null };
  const reports = fx.tables.reports as V1Report[];
  const oldFindings = fx.tables.findings as V1Finding[];

  it('upgrades every row: status current, matchKey, reviewReason null, reviews and evidence kept', async () => {
    const indexedDB = await loadFixture(fx, 'migrate');
    const db = openAuditDb('migrate', { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);

    const findings = await db.findings.orderBy('id').toArray();
    expect(findings).toHaveLength(oldFindings.length);
    for (const [i, f] of findings.entries()) {
      const old = oldFindings[i]!;
      const { cells: _c, ...rest } = old;
      expect(f).toMatchObject({ ...rest, cells: old.cells });
      expect(f.status).toBe('current');
      expect(f.matchKey).toBe(matchKeyOf(old.ruleId, old.cells));
      expect(f.reviewReason).toBeNull();
      expect([f.review, f.reviewNote, f.reviewedAt]).toEqual([old.review, old.reviewNote, old.reviewedAt]);
    }
    // the matchKey index works
    expect(await db.findings.where('matchKey').equals(findings[0]!.matchKey).count()).toBeGreaterThan(0);

    const rows = await db.reports.toArray();
    expect(rows).toHaveLength(reports.length);
    for (const old of reports) {
      const row = rows.find((r) => r.url === old.url)!;
      expect(row).not.toHaveProperty('cells');
      const { cells, ...rest } = old;
      expect(row).toMatchObject(rest);
      const mine = findings.filter((f) => f.reportUrl === old.url);
      expect(row.reviewProgress).toEqual(progressOf(mine));
      const detail = (await getReportDetail(db, old.url))!;
      expect(detail.report.cells).toEqual(cells);
      expect(await evidenceHash(detail.report.cells)).toBe(old.evidenceSha256);
      expect(detail.findings.map((f) => f.id)).toEqual(mine.map((f) => f.id));
    }
    expect((await listReports(db)).map((r) => r.url)).toEqual(
      [...reports].sort((a, b) => String(b.auditedAt).localeCompare(String(a.auditedAt))).map((r) => r.url),
    );
    db.close();
  });

  it('an upgraded database works: reviews survive the next audit, new reviews are stored', async () => {
    const indexedDB = await loadFixture(fx, 'migrate-use');
    const db = openAuditDb('migrate-use', { indexedDB, IDBKeyRange });
    const reviewed = oldFindings.find((f) => f.review !== 'open')!;
    const report = reports.find((r) => r.url === reviewed.reportUrl)!;
    const mine = oldFindings.filter((f) => f.reportUrl === report.url);
    // the same page audited again, with the reviewed finding's numbers changed
    const result = {
      schemaVersion: 1,
      tool: { name: 'report-auditor', version: '0.1.0' },
      source: report.url,
      auditedAt: '2026-12-01T00:00:00.000Z',
      detected: true,
      report: { title: report.title, year: report.year, entity: report.entity, format: report.format },
      cells: report.cells,
      findings: mine.map((f) => ({
        ruleId: f.ruleId,
        severity: (f as unknown as { severity: string }).severity,
        cells: f.cells,
        message: (f as unknown as { message: string }).message,
        ...(f.id === reviewed.id ? { expected: 1, actual: 2 } : {}),
      })),
    };
    await saveAudit(db, result, report.url);
    const after = (await getReportDetail(db, report.url))!.findings;
    expect(after.map((f) => f.id)).toEqual(mine.map((f) => f.id));
    expect(after.find((f) => f.id === reviewed.id)).toMatchObject({ review: reviewed.review, reviewNote: reviewed.reviewNote, expected: 1 });
    const open = after.find((f) => f.review === 'open')!;
    expect(await setReview(db, open.id, { state: 'dismissed', reason: '误报' })).toMatchObject({ review: 'dismissed', reviewReason: '误报' });
    expect((await getReportDetail(db, report.url))!.report.reviewProgress).toEqual(progressOf(await db.findings.where('reportUrl').equals(report.url).toArray()));
    db.close();
  });
});
