import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditResultJson } from '../schema';
import { ReportSummarySchema } from '../messages';
import {
  canonicalJson,
  evidenceHash,
  getReport,
  normaliseReportUrl,
  openAuditDb,
  recentReports,
  saveAudit,
  StoreError,
  type AuditDb,
} from './db';

const URL_A = 'https://www.example.gov.cn/xxgk/t20210305_80595.htm';
const URL_B = 'https://www.example.gov.cn/xxgk/t20220301_1.htm';

function result(over: Partial<AuditResultJson> = {}): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source: URL_A,
    auditedAt: '2026-11-23T08:00:00.000Z',
    detected: true,
    report: { title: '某某县2020年政府信息公开工作年度报告', year: 2020, entity: '某某县', format: '2019' },
    cells: {
      'T3:1:total': { raw: '21', value: 21 },
      'T3:3.3.1:legal': { raw: '', value: null },
    },
    findings: [
      {
        ruleId: 'T3-RESULT-SUM',
        severity: 'error',
        cells: ['T3:1:total'],
        expected: 26,
        actual: 20,
        message: '（七）总计 自然人 为 20，但各办理结果之和为 26',
      },
      { ruleId: 'DOC-MISSING-SECTION', severity: 'warning', cells: [], message: '缺少第五部分' },
      { ruleId: 'T2-BLANK', severity: 'info', cells: ['T3:3.3.1:legal'], message: '空白单元格' },
    ],
    ...over,
  };
}

let db: AuditDb;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 10, 23, 8, 0, clock++));

beforeEach(() => {
  db = openAuditDb('test', { indexedDB: new IDBFactory(), IDBKeyRange });
  clock = 0;
});
afterEach(() => db.close());

describe('saveAudit', () => {
  it('stores a detected report with its findings, counts and evidence hash', async () => {
    const out = await saveAudit(db, result(), URL_A + '#section2', now);
    expect(out).toMatchObject({ stored: true, url: URL_A, findings: 3, counts: { error: 1, warning: 1, info: 1 }, reviews: [] });
    const got = await getReport(db, URL_A);
    expect(got?.report).toMatchObject({
      url: URL_A,
      title: '某某县2020年政府信息公开工作年度报告',
      entity: '某某县',
      year: 2020,
      format: '2019',
      counts: { error: 1, warning: 1, info: 1 },
      cells: { 'T3:1:total': { raw: '21', value: 21 } },
      source: { schemaVersion: 1, source: URL_A, auditedAt: '2026-11-23T08:00:00.000Z' },
    });
    expect(got?.report.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(got?.findings.map((f) => f.ruleId)).toEqual(['T3-RESULT-SUM', 'DOC-MISSING-SECTION', 'T2-BLANK']);
    expect(got?.findings[0]).toMatchObject({
      reportUrl: URL_A,
      expected: 26,
      actual: 20,
      review: 'open',
      reviewReason: null,
      reviewNote: null,
      status: 'current',
      matchKey: 'T3-RESULT-SUM|T3:1:total',
    });
    expect(got?.findings[1]).toMatchObject({ matchKey: 'DOC-MISSING-SECTION|' });
    expect(got?.report.reviewProgress).toEqual({ open: 3, confirmed: 0, dismissed: 0, resolved: 0 });
    expect(got?.findings[1]).not.toHaveProperty('expected');
  });

  it('re-auditing the same URL updates the report; findings not found again are kept as resolved, no duplicates', async () => {
    await saveAudit(db, result(), URL_A, now);
    await saveAudit(db, result(), URL_B, now);
    const second = result({
      findings: [{ ruleId: 'T3-ROWSUM', severity: 'error', cells: ['T3:1:total'], message: '行合计不符' }],
    });
    await saveAudit(db, second, URL_A + '#again', now);
    expect(await db.reports.count()).toBe(2);
    expect(await db.findings.where('reportUrl').equals(URL_A).count()).toBe(4);
    expect(await db.findings.where('reportUrl').equals(URL_B).count()).toBe(3);
    const got = await getReport(db, URL_A);
    expect(got?.report.counts).toEqual({ error: 1, warning: 0, info: 0 });
    expect(got?.report.reviewProgress).toEqual({ open: 1, confirmed: 0, dismissed: 0, resolved: 3 });
    expect(got?.findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['T3-ROWSUM', 'current'],
      ['T3-RESULT-SUM', 'resolved'],
      ['DOC-MISSING-SECTION', 'resolved'],
      ['T2-BLANK', 'resolved'],
    ]);
    // the same audit again: the same rows, no more
    await saveAudit(db, second, URL_A, now);
    expect(await db.findings.where('reportUrl').equals(URL_A).count()).toBe(4);
  });

  it('does not store a page that is not a report', async () => {
    const out = await saveAudit(
      db,
      { schemaVersion: 1, tool: { name: 'report-auditor', version: '0.1.0' }, source: URL_A, auditedAt: '2026-11-23T08:00:00.000Z', detected: false },
      URL_A,
      now,
    );
    expect(out).toEqual({ stored: false, reason: 'not-detected' });
    expect(await db.reports.count()).toBe(0);
  });

  it('rejects invalid data and touches nothing', async () => {
    await saveAudit(db, result(), URL_A, now);
    const before = await getReport(db, URL_A);
    const bad: unknown[] = [
      null,
      'result',
      { ...result(), schemaVersion: 2 },
      { ...result(), cells: { 'not a cell id': { raw: '1', value: 1 } } },
      { ...result(), findings: [{ ruleId: 'T3-X', severity: 'fatal', cells: [], message: '' }] },
      { ...result(), report: undefined },
      { ...result(), detected: false },
      { ...result(), cells: { 'T3:1:total': { raw: 'x'.repeat(5_000), value: null } } },
    ];
    for (const b of bad) await expect(saveAudit(db, b, URL_A, now)).rejects.toBeInstanceOf(StoreError);
    await expect(saveAudit(db, result(), 'javascript:alert(1)', now)).rejects.toBeInstanceOf(StoreError);
    await expect(saveAudit(db, result(), 'not a url', now)).rejects.toBeInstanceOf(StoreError);
    expect(await db.reports.count()).toBe(1);
    expect(await getReport(db, URL_A)).toEqual(before);
  });

  it('computes the evidence hash itself, ignoring anything the page adds', async () => {
    const withExtra = result() as unknown as { evidenceSha256: string; cells: Record<string, object> };
    withExtra.evidenceSha256 = '0'.repeat(64);
    withExtra.cells['T3:1:total'] = { raw: '21', value: 21, note: 'extra' };
    await saveAudit(db, withExtra, URL_A, now);
    const got = await getReport(db, URL_A);
    expect(got?.report.evidenceSha256).toBe(await evidenceHash(result().cells!));
    expect(got?.report.cells['T3:1:total']).toEqual({ raw: '21', value: 21 });
  });
});

describe('evidence hash', () => {
  it('is stable: the same cells in any key order give the same hash', async () => {
    const a = { 'T3:1:total': { raw: '21', value: 21 }, 'T2:1:made': { raw: '', value: null } };
    const b = { 'T2:1:made': { value: null, raw: '' }, 'T3:1:total': { value: 21, raw: '21' } };
    expect(await evidenceHash(a)).toBe(await evidenceHash(b));
    expect(await evidenceHash(a)).toBe(await evidenceHash(structuredClone(a)));
  });

  it('changes when any cell changes', async () => {
    const base = { 'T3:1:total': { raw: '21', value: 21 }, 'T2:1:made': { raw: '', value: null } };
    const h = await evidenceHash(base);
    expect(await evidenceHash({ ...base, 'T3:1:total': { raw: '21', value: 22 } })).not.toBe(h);
    expect(await evidenceHash({ ...base, 'T3:1:total': { raw: '２１', value: 21 } })).not.toBe(h);
    expect(await evidenceHash({ ...base, 'T2:1:made': { raw: '0', value: 0 } })).not.toBe(h);
    expect(await evidenceHash({ 'T3:1:total': { raw: '21', value: 21 } })).not.toBe(h);
  });

  it('is the SHA-256 of the canonical JSON', async () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    // SHA-256("{}")
    expect(await evidenceHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('the stored hash changes after a re-audit with a changed cell', async () => {
    await saveAudit(db, result(), URL_A, now);
    const h1 = (await getReport(db, URL_A))!.report.evidenceSha256;
    await saveAudit(db, result(), URL_A, now);
    expect((await getReport(db, URL_A))!.report.evidenceSha256).toBe(h1);
    const changed = result({ cells: { ...result().cells, 'T3:1:total': { raw: '22', value: 22 } } });
    await saveAudit(db, changed, URL_A, now);
    expect((await getReport(db, URL_A))!.report.evidenceSha256).not.toBe(h1);
  });
});

describe('recentReports and getReport', () => {
  it('lists the newest first, limited, as valid summaries', async () => {
    await saveAudit(db, result(), URL_A, now);
    await saveAudit(db, result(), URL_B, now);
    const list = await recentReports(db, 10);
    expect(list.map((r) => r.url)).toEqual([URL_B, URL_A]);
    for (const r of list) expect(ReportSummarySchema.safeParse(r).success).toBe(true);
    expect(await recentReports(db, 1)).toHaveLength(1);
    await saveAudit(db, result(), URL_A, now);
    expect((await recentReports(db, 10)).map((r) => r.url)).toEqual([URL_A, URL_B]);
  });

  it('a report audited from an attachment is listed with its kind and URL (the popup opens it in the viewer)', async () => {
    const pdf = 'https://www.example.gov.cn/nb/2023.pdf';
    const attachment = { kind: 'pdf' as const, url: pdf, sha256: 'a'.repeat(64), bytes: 1234, pages: 3 };
    await saveAudit(db, result({ source: pdf, attachment }), pdf, now);
    await saveAudit(db, result(), URL_A, now);
    const [page, file] = await recentReports(db, 10);
    expect(page!.attachment).toBeUndefined();
    expect(file).toMatchObject({ url: pdf, attachment: { kind: 'pdf', url: pdf } });
    expect(ReportSummarySchema.safeParse(file).success).toBe(true);
  });

  it('finds a report by URL ignoring the fragment; unknown URL gives undefined', async () => {
    await saveAudit(db, result(), URL_A, now);
    expect((await getReport(db, URL_A + '#x'))?.report.url).toBe(URL_A);
    expect(await getReport(db, URL_B)).toBeUndefined();
  });

  it('normalises URLs by dropping only the fragment', () => {
    expect(normaliseReportUrl('https://a.gov.cn/p?q=1#h')).toBe('https://a.gov.cn/p?q=1');
    expect(() => normaliseReportUrl('chrome://extensions')).toThrow(StoreError);
  });
});
