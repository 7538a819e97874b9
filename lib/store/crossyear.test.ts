/**
 * Cross-year checks in the store (fake-indexeddb): audit year N−1, then year N of the same body,
 * and the N report gets its cross-year findings, stored with both ids; the auditor's "not the
 * same body" drops the comparison; other bodies and other sites are never compared.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrossYearViewSchema } from '../crossyear-view';
import { real, SEED, mutate } from '../rules/xyear.pairs';
import type { YearReport } from '../crossyear';
import type { AuditResultJson } from '../schema';
import { getReportDetail, openAuditDb, type AuditDb } from './db';
import { saveAuditWithCrossYear, setSameBody } from './crossyear';

let db: AuditDb;
beforeEach(() => {
  db = openAuditDb(`xyear-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});
afterEach(() => db.close());

const HOST = 'http://www.tongjiang-test.gov.cn/zfxxgknb';

/** A YearReport as the page's audit result (what the auditor sends). */
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

// seed 002 (2020) and its 2019 report, which carried 2 applications forward
const y2020 = real(SEED.s002);
const y2019 = mutate(y2020, { year: 2019, cells: { 'T3:2:natural': '2', 'T3:2:total': '2', 'T3:4:natural': '2', 'T3:4:total': '2' } });
const NARR_2019 = y2019.narrative!.replaceAll('2020', '2019');

async function audit(y: YearReport, url: string, narrative = y.narrative) {
  return saveAuditWithCrossYear(db, result(y), url, narrative);
}

describe('saveAuditWithCrossYear', () => {
  it('compares year N with the stored N−1 of the same body and site, and stores the findings with both ids', async () => {
    const first = await audit(y2019, `${HOST}/2019.htm`, NARR_2019);
    expect(first.crossYear).toMatchObject({ earlier: [], compared: null });
    const { saved, crossYear } = await audit(y2020, `${HOST}/2020.htm`);
    expect(saved.stored).toBe(true);
    const view = CrossYearViewSchema.parse(crossYear);
    expect(view.earlier).toEqual([
      expect.objectContaining({ url: `${HOST}/2019.htm`, year: 2019, basis: 'name-and-site', rejected: false, site: 'tongjiang-test.gov.cn' }),
    ]);
    expect(view.earlier[0]!.reason).toContain('同一网站（tongjiang-test.gov.cn）');
    expect(view.compared?.findings.map((f) => [f.ruleId, f.cells[0], f.expected, f.actual])).toEqual([
      ['XYEAR-CARRY', 'T3:2:natural', 2, 0],
      ['XYEAR-CARRY', 'T3:2:total', 2, 0],
      ['XYEAR-DUPLICATE', undefined, undefined, undefined],
    ]);
    const detail = (await getReportDetail(db, `${HOST}/2020.htm`))!;
    const carry = detail.findings.filter((f) => f.ruleId === 'XYEAR-CARRY');
    expect(carry).toHaveLength(2);
    expect(carry[0]).toMatchObject({ status: 'current', reports: { current: `${HOST}/2020.htm`, previous: `${HOST}/2019.htm` } });
    expect(detail.report.counts.error).toBe(2);
  });

  it('keeps the narrative across re-audits and compares text only when both are known', async () => {
    await audit(y2019, `${HOST}/2019.htm`, null);
    const { crossYear } = await audit(y2020, `${HOST}/2020.htm`);
    expect(crossYear!.compared!.findings.map((f) => f.ruleId)).toEqual(['XYEAR-CARRY', 'XYEAR-CARRY']);
    expect((await db.evidence.get(`${HOST}/2020.htm`))!.crossYear!.narrative).toBe(y2020.narrative);
  });

  it('never compares another site or another body', async () => {
    await audit(y2019, 'http://www.other-county.gov.cn/nb/2019.htm', NARR_2019);
    await audit(mutate(y2019, { entity: '红星镇' }), `${HOST}/hx-2019.htm`, NARR_2019);
    const { crossYear } = await audit(y2020, `${HOST}/2020.htm`);
    expect(crossYear).toMatchObject({ earlier: [], compared: null });
    expect((await getReportDetail(db, `${HOST}/2020.htm`))!.findings.some((f) => f.ruleId.startsWith('XYEAR'))).toBe(false);
  });

  it('drops the findings a page sends under a cross-year rule id (only the background computes them)', async () => {
    const forged = result(y2020, [{ ruleId: 'XYEAR-CARRY', severity: 'error', cells: ['T3:2:total'], message: 'forged' }]);
    await saveAuditWithCrossYear(db, forged, `${HOST}/2020.htm`, null);
    expect((await getReportDetail(db, `${HOST}/2020.htm`))!.findings).toEqual([]);
  });

  it('"not the same body": the comparison goes at the next audit, its findings are deleted, and it can be undone', async () => {
    await audit(y2019, `${HOST}/2019.htm`, NARR_2019);
    await audit(y2020, `${HOST}/2020.htm`);
    await setSameBody(db, `${HOST}/2020.htm`, `${HOST}/2019.htm`, false);
    const again = await audit(y2020, `${HOST}/2020.htm`);
    expect(again.crossYear!.compared).toBeNull();
    expect(again.crossYear!.earlier).toEqual([expect.objectContaining({ year: 2019, rejected: true })]);
    const detail = (await getReportDetail(db, `${HOST}/2020.htm`))!;
    expect(detail.findings.filter((f) => f.ruleId.startsWith('XYEAR'))).toEqual([]);
    expect(detail.report.counts.error).toBe(0);
    expect(detail.report.reviewProgress.resolved).toBe(0);

    await setSameBody(db, `${HOST}/2020.htm`, `${HOST}/2019.htm`, true);
    const back = await audit(y2020, `${HOST}/2020.htm`);
    expect(back.crossYear!.compared?.findings.filter((f) => f.ruleId === 'XYEAR-CARRY')).toHaveLength(2);
  });

  it('setSameBody needs a stored report', async () => {
    await expect(setSameBody(db, `${HOST}/none.htm`, `${HOST}/2019.htm`, false)).rejects.toThrow(/not stored/);
  });
});
