/**
 * Acceptance: the real pages of the corpus (/work/shared/corpus/README.md, copied to tests/fixtures/real/).
 * Core tier exactly; narrative/content findings of the README are filtered out by tier.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { auditHtml, auditPath, auditText } from '../../lib/node';
import type { AuditResult } from '../../lib/types';
import {
  C7,
  LEGACY,
  REAL,
  SHANGHAI_T3,
  SHANGHAI_T4,
  T4_COLS,
  cellsOf,
  coreFindings,
  fx,
  keys,
  pingtanValues,
  read,
  shanghaiValues,
  valuesOf,
} from './expectations';

describe('pingtan-2024.html (2021 format, full saved page)', () => {
  const path = REAL + 'pingtan-2024.html';
  const url = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm';
  let r: AuditResult;
  beforeAll(async () => {
    r = await auditPath(path);
  });

  it('is detected, with title, year, entity and format', () => {
    expect(r.detected).toBe(true);
    expect(r.report).toEqual({ title: '平潭综合实验区2024年度政府信息公开工作年度报告', year: 2024, entity: '平潭综合实验区', format: '2021' });
  });

  it('has no error and no warning in any tier', () => {
    expect((r.findings ?? []).filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.severity} ${f.cells[0] ?? ''}`)).toEqual([]);
  });

  it('has exactly one core finding: T4-AFTER-REVIEW-PLAUS (info)', () => {
    const expected = [fx('T4-AFTER-REVIEW-PLAUS', 'info', 'T4:cases:suitAfterReview.total', { cells: ['T4:cases:suitAfterReview.total', 'T4:cases:review.total'] })];
    expect(keys(coreFindings(r))).toEqual(keys(expected));
    const { expected: e, actual } = cellsOf(coreFindings(r), expected);
    expect(actual).toEqual(e);
  });

  it('maps all 200 cells with the values of the README (no blank)', () => {
    const v = pingtanValues();
    expect(Object.keys(v)).toHaveLength(10 + 175 + 15);
    expect(valuesOf(r)).toEqual(v);
    expect(r.cells?.['T2:fees:feeAmount']?.raw).toBe('18651.06');
  });

  it('gives the same findings when audited from its HTML with its real URL', () => {
    const byUrl = auditHtml(read(path), { source: url, url });
    expect(byUrl.source).toBe(url);
    expect(keys(coreFindings(byUrl))).toEqual(keys(coreFindings(r)));
    expect(valuesOf(byUrl)).toEqual(valuesOf(r));
  });
});

describe('shanghai-2019-body.html (2019 format, Word-style body only)', () => {
  const path = REAL + 'shanghai-2019-body.html';
  let r: AuditResult;
  beforeAll(async () => {
    r = await auditPath(path);
  });

  const blankT3 = Object.entries(SHANGHAI_T3).flatMap(([row, vals]) => C7.filter((_, i) => vals[i] === null).map((c) => `T3:${row}:${c}`));
  const blankT4 = T4_COLS.filter((_, i) => SHANGHAI_T4[i] === null);

  it('is detected, with the year-first title', () => {
    expect(r.detected).toBe(true);
    expect(r.report).toEqual({ title: '2019年上海市人民政府办公厅政府信息公开工作年度报告', year: 2019, entity: '上海市人民政府办公厅', format: '2019' });
  });

  it('transcribes the README blank counts (126 T3 + 9 T4)', () => {
    expect([blankT3.length, blankT4.length]).toEqual([126, 9]);
  });

  it('has exactly the core findings: 135 VAL-BLANK warnings and VAL-UNIT-IN-CELL info', () => {
    const expected = [
      ...[...blankT3, ...blankT4].map((c) => fx('VAL-BLANK', 'warning', c, { cells: [c] })),
      fx('VAL-UNIT-IN-CELL', 'info', 'T2:procurement:amount', { cells: ['T2:procurement:amount'] }),
    ];
    expect(keys(coreFindings(r))).toEqual(keys(expected));
    const { expected: e, actual } = cellsOf(coreFindings(r), expected);
    expect(actual).toEqual(e);
  });

  it('has no core error (blank is not 0: no T3-ROWSUM on rows 3.1–3.6)', () => {
    expect(coreFindings(r).filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.cells[0] ?? ''}`)).toEqual([]);
  });

  it('maps all 198 cells with the values of the README (blank = null)', () => {
    const v = shanghaiValues();
    expect(Object.keys(v)).toHaveLength(22 + 161 + 15);
    expect(valuesOf(r)).toEqual(v);
    expect(r.cells?.['T2:procurement:amount']?.raw).toBe('251000元');
  });
});

describe.each(LEGACY)('legacy $file', ({ file, title, year, entity }) => {
  const path = REAL + file;

  it('is detected as a legacy report with exactly one finding, FMT-LEGACY (info)', async () => {
    const r = await auditPath(path);
    expect(r.detected).toBe(true);
    expect(r.report).toEqual({ title, year, entity, format: null });
    expect(r.cells ?? {}).toEqual({});
    expect((r.findings ?? []).map((f) => ({ ruleId: f.ruleId, severity: f.severity, cells: f.cells }))).toEqual([
      { ruleId: 'FMT-LEGACY', severity: 'info', cells: [] },
    ]);
  });

  it('gives the same result through auditText', () => {
    const r = auditText(read(path), { source: path });
    expect(r.report).toEqual({ title, year, entity, format: null });
    expect((r.findings ?? []).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['FMT-LEGACY info']);
  });
});
