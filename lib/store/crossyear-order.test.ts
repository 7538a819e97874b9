/**
 * Cross-year checks whatever the order of the audits (fake-indexeddb): when the report of year
 * Y−1 is stored after Y's, Y's cross-year findings are computed again from its stored cells and
 * narrative (refreshFollowingYear), its other findings and reviews stay, and reviews of the
 * cross-year findings follow them by matchKey when Y−1 is audited again.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mutate, real, SEED } from '../rules/xyear.pairs';
import type { YearReport } from '../crossyear';
import type { AuditResultJson } from '../schema';
import { getReportDetail, matchKeyOf, openAuditDb, setReviewByKey, type AuditDb } from './db';
import { refreshFollowingYear, saveAuditWithCrossYear, setSameBody } from './crossyear';

let db: AuditDb;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++));
beforeEach(() => {
  db = openAuditDb(`xyear-order-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});
afterEach(() => db.close());

const HOST = 'http://www.tongjiang-order.gov.cn/nb';
const U2019 = `${HOST}/2019.htm`;
const U2020 = `${HOST}/2020.htm`;
const BLANK = { ruleId: 'VAL-BLANK', severity: 'warning' as const, cells: ['T4:cases:review.total'], message: '空白单元格' };

function result(y: YearReport, findings: AuditResultJson['findings'] = []): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source: y.source,
    auditedAt: '2026-01-01T00:00:00.000Z',
    detected: true,
    report: { title: y.title, year: y.year, entity: y.entity, format: y.format },
    cells: y.cells,
    findings,
  };
}

// seed 002 (2020, carries 0 over) and its 2019 report carrying `carried` applications forward
const y2020 = real(SEED.s002);
const y2019 = (carried: number) =>
  mutate(y2020, { year: 2019, cells: { 'T3:2:natural': '2', 'T3:2:total': '2', 'T3:4:natural': String(carried), 'T3:4:total': String(carried) } });
const narr2019 = y2020.narrative!.replaceAll('2020', '2019');

const save = (y: YearReport, url: string, narrative: string | null, findings: AuditResultJson['findings'] = []) =>
  saveAuditWithCrossYear(db, result(y, findings), url, narrative, now);

async function carryOf(url: string) {
  const d = (await getReportDetail(db, url))!;
  return { d, carry: d.findings.filter((f) => f.ruleId === 'XYEAR-CARRY') };
}

describe('Y−1 audited after Y', () => {
  it('updates Y’s stored cross-year findings, keeps its other findings, audit time and evidence', async () => {
    const first = await save(y2020, U2020, y2020.narrative, [BLANK]);
    expect(first.crossYear!.compared).toBeNull();
    await setReviewByKey(db, U2020, matchKeyOf('VAL-BLANK', BLANK.cells), { state: 'confirmed' });
    const before = (await getReportDetail(db, U2020))!;
    expect(before.findings.map((f) => f.ruleId)).toEqual(['VAL-BLANK']);

    const later = await save(y2019(2), U2019, narr2019);
    expect(later.following).toEqual([U2020]);
    const { d, carry } = await carryOf(U2020);
    expect(carry.map((f) => [f.cells[0], f.expected, f.actual, f.status])).toEqual([
      ['T3:2:natural', 2, 0, 'current'],
      ['T3:2:total', 2, 0, 'current'],
    ]);
    expect(carry[0]!.reports).toEqual({ current: U2020, previous: U2019 });
    // the page's own finding and its review are untouched
    expect(d.findings.find((f) => f.ruleId === 'VAL-BLANK')).toMatchObject({ id: before.findings[0]!.id, status: 'current', review: 'confirmed' });
    expect(d.report.counts.error).toBe(2);
    expect(d.report.auditedAt).toBe(before.report.auditedAt);
    expect(d.report.evidenceSha256).toBe(before.report.evidenceSha256);
    expect(d.report.cells).toEqual(before.report.cells);
    // the same as auditing them in the usual order
    const again = await save(y2020, U2020, y2020.narrative, [BLANK]);
    expect(again.crossYear!.compared!.findings.map((f) => [f.ruleId, f.cells[0] ?? null, f.expected ?? null])).toEqual(
      (await carryOf(U2020)).d.findings.filter((f) => f.status === 'current' && f.ruleId !== 'VAL-BLANK').map((f) => [f.ruleId, f.cells[0] ?? null, f.expected ?? null]),
    );
  });

  it('keeps reviews by matchKey when Y−1 changes, and resolves a finding Y−1 no longer causes', async () => {
    await save(y2019(2), U2019, narr2019);
    await save(y2020, U2020, y2020.narrative);
    await setReviewByKey(db, U2020, matchKeyOf('XYEAR-CARRY', ['T3:2:natural']), { state: 'dismissed', reason: '已更正', note: '上年报告已更正' });

    // Y−1 re-audited with another carry-forward: the finding changes, its review stays
    await save(y2019(3), U2019, narr2019);
    let { d, carry } = await carryOf(U2020);
    const natural = carry.find((f) => f.cells[0] === 'T3:2:natural')!;
    expect(natural).toMatchObject({ expected: 3, status: 'current', review: 'dismissed', reviewReason: '已更正', reviewNote: '上年报告已更正' });
    expect(d.report.reviewProgress).toMatchObject({ dismissed: 1 });

    // Y−1 now carries 0 forward, as Y says: no carry finding any more, kept as resolved with its review
    await save(y2019(0), U2019, narr2019);
    ({ d, carry } = await carryOf(U2020));
    expect(carry.every((f) => f.status === 'resolved')).toBe(true);
    expect(carry.find((f) => f.cells[0] === 'T3:2:natural')).toMatchObject({ review: 'dismissed' });
    expect(d.report.counts.error).toBe(0);
    expect(d.report.reviewProgress).toMatchObject({ resolved: 2, dismissed: 0 });
  });

  it('leaves alone a Y report whose auditor rejected the pairing, another body and another site', async () => {
    await save(y2020, U2020, y2020.narrative);
    await save(mutate(y2020, { entity: '红星镇' }), `${HOST}/hx-2020.htm`, y2020.narrative);
    await save(y2020, 'http://www.other-county.gov.cn/nb/2020.htm', y2020.narrative);
    await save(y2019(2), U2019, narr2019);
    await setSameBody(db, U2020, U2019, false);
    await save(y2020, U2020, y2020.narrative);
    expect((await carryOf(U2020)).carry).toEqual([]);

    const again = await save(y2019(5), U2019, narr2019);
    expect(again.following).toEqual([]);
    expect((await carryOf(U2020)).carry).toEqual([]);
    for (const other of [`${HOST}/hx-2020.htm`, 'http://www.other-county.gov.cn/nb/2020.htm']) {
      expect((await getReportDetail(db, other))!.findings.some((f) => f.ruleId.startsWith('XYEAR'))).toBe(false);
    }
  });

  it('does nothing for a report without a year or without a stored Y+1', async () => {
    await save(y2019(2), U2019, narr2019);
    expect(await refreshFollowingYear(db, U2019)).toEqual([]);
    expect(await refreshFollowingYear(db, `${HOST}/none.htm`)).toEqual([]);
  });
});
