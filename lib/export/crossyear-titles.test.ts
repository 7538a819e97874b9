/**
 * Cross-year findings in the exports carry their rules' titles (lib/rules/catalogue.ts), not
 * bare ids: seed 002's 2019 and 2020 reports stored through the background's path
 * (saveAuditWithCrossYear), read back as the workbook reads them, exported as rows, CSV and XLSX.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mutate, real, SEED } from '../rules/xyear.pairs';
import { rules as CROSS_YEAR_RULES } from '../rules/xyear';
import type { YearReport } from '../crossyear';
import type { AuditResultJson } from '../schema';
import { allReportDetails, openAuditDb, type AuditDb } from '../store/db';
import { saveAuditWithCrossYear } from '../store/crossyear';
import { exportRows, toCsv, xlsxSheets, CSV_BOM } from './index';

let db: AuditDb;
beforeEach(() => {
  db = openAuditDb(`xyear-export-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
});
afterEach(() => db.close());

const HOST = 'http://www.tongjiang-export.gov.cn/nb';
const result = (y: YearReport): AuditResultJson => ({
  schemaVersion: 1,
  tool: { name: 'report-auditor', version: '0.1.0' },
  source: y.source,
  auditedAt: '2026-01-01T00:00:00.000Z',
  detected: true,
  report: { title: y.title, year: y.year, entity: y.entity, format: y.format },
  cells: y.cells,
  findings: [],
});
const y2020 = real(SEED.s002);
const y2019 = mutate(y2020, { year: 2019, cells: { 'T3:2:natural': '2', 'T3:2:total': '2', 'T3:4:natural': '2', 'T3:4:total': '2' } });
const CARRY_TITLE = CROSS_YEAR_RULES.find((r) => r.meta.id === 'XYEAR-CARRY')!.meta.title.zh;

describe('exports of cross-year findings', () => {
  it('name each cross-year rule by its title in the rows, the CSV and the XLSX report sheet', async () => {
    await saveAuditWithCrossYear(db, result(y2019), `${HOST}/2019.htm`, y2019.narrative!.replaceAll('2020', '2019'));
    await saveAuditWithCrossYear(db, result(y2020), `${HOST}/2020.htm`, y2020.narrative);
    const details = await allReportDetails(db, [`${HOST}/2020.htm`]);
    const rows = exportRows(details);
    const carry = rows.filter((r) => r.ruleId === 'XYEAR-CARRY');
    expect(carry.map((r) => r.cellId)).toEqual(['T3:2:natural', 'T3:2:total']);
    for (const r of carry) expect(r.ruleTitle).toBe(CARRY_TITLE);
    // every cross-year row has a title that is not its id
    const cross = rows.filter((r) => CROSS_YEAR_RULES.some((x) => x.meta.id === r.ruleId));
    expect(cross.length).toBeGreaterThan(0);
    for (const r of cross) expect(r.ruleTitle).not.toBe(r.ruleId);

    const csv = Papa.parse<Record<string, string>>(toCsv(rows).slice(CSV_BOM.length), { header: true, skipEmptyLines: true });
    const csvCarry = csv.data.filter((r) => Object.values(r).includes('XYEAR-CARRY'));
    expect(csvCarry).toHaveLength(2);
    for (const r of csvCarry) expect(Object.values(r)).toContain(CARRY_TITLE);

    const sheets = xlsxSheets(details);
    const texts = sheets[1]!.data.flat().map((c) => (c && typeof c === 'object' && 'value' in c ? String(c.value) : ''));
    expect(texts).toContain(`XYEAR-CARRY ${CARRY_TITLE}`);
  });
});
