import { describe, expect, it } from 'vitest';
import { AuditResultListSchema, AuditResultSchema } from './schema';

const base = { schemaVersion: 1, tool: { name: 'report-auditor', version: '0.1.0' }, source: 'a.html', auditedAt: '2026-11-23T08:00:00.000Z' };
const report = {
  ...base,
  detected: true,
  report: { title: 't', year: 2020, entity: 'e', format: '2019' },
  cells: { 'T3:1:total': { raw: '21', value: 21 }, 'T3:3.3.1:legal': { raw: '', value: null } },
  findings: [{ ruleId: 'T3-RESULT-SUM', severity: 'error', cells: ['T3:3.7:natural'], expected: 26, actual: 20, message: 'm' }],
};

describe('AuditResultSchema (contract §3)', () => {
  it('accepts the contract example and a non-report', () => {
    expect(AuditResultSchema.parse(report)).toEqual(report);
    expect(AuditResultListSchema.parse([{ ...base, detected: false }, report])).toHaveLength(2);
  });
  it.each([
    ['a newer schema version', { ...report, schemaVersion: 2 }],
    ['a bad severity', { ...report, findings: [{ ...report.findings[0], severity: 'fatal' }] }],
    ['a malformed cell id', { ...report, cells: { 'T9:x': { raw: '', value: null } } }],
    ['a string value', { ...report, cells: { 'T3:1:total': { raw: '1', value: '1' } } }],
    ['a detected report without findings', { ...report, findings: undefined }],
    ['a non-report with findings', { ...base, detected: false, findings: [] }],
    ['a format outside 2019/2021', { ...report, report: { ...report.report, format: '2020' } }],
    ['a bad timestamp', { ...report, auditedAt: 'yesterday' }],
  ])('rejects %s', (_name, value) => {
    expect(AuditResultSchema.safeParse(value).success).toBe(false);
  });
});
