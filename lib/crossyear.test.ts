import { describe, expect, it } from 'vitest';
import { comparableCell, comparableText, consecutivePairs, groupByBody, runCrossYear, textSimilarity, DUPLICATE_THRESHOLD } from './crossyear';
import { real, SEED, mutate } from './rules/xyear.pairs';
import { rules } from './rules/xyear';

const PINGTAN = ['pingtan-2014.txt', 'pingtan-2016.txt', 'pingtan-2017.txt', 'pingtan-2018.txt', 'pingtan-2024.html'];

describe('text similarity', () => {
  it('folds digits, so a copy with its years moved on is the same text', () => {
    expect(comparableText('2019年，本镇共收到申请12件。')).toBe(comparableText('2020年，本镇共收到申请3件。'));
    expect(comparableText('二〇一九年')).toBe('#年');
  });

  it('keeps real consecutive reports of one body (pingtan 2014…2024) far below the threshold', () => {
    const texts = PINGTAN.map((f) => real(f).narrative!);
    for (let i = 1; i < texts.length; i++) {
      const s = textSimilarity(texts[i]!, texts[i - 1]!);
      expect(s.jaccard).toBeLessThan(0.3);
      expect(s.length.current).toBeGreaterThan(1000);
    }
  });

  it('keeps the five seeds (different bodies, the same template phrases) apart', () => {
    const texts = Object.values(SEED).map((f) => real(f).narrative!);
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) expect(textSimilarity(texts[i]!, texts[j]!).jaccard).toBeLessThan(0.1);
  });

  it('finds a report with a tenth of its sentences dropped still ≥ 90 % similar, and half of it not', () => {
    const t = real('pingtan-2017.txt').narrative!;
    const sentences = t.split('。');
    const tenth = sentences.filter((_, i) => i % 10 !== 3).join('。');
    const half = sentences.filter((_, i) => i % 2 === 0).join('。');
    expect(textSimilarity(tenth, t).jaccard).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(textSimilarity(half, t).jaccard).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(textSimilarity(half, t).containment).toBeGreaterThan(0.9);
  });
});

describe('comparableCell', () => {
  it('compares everything within one format, only T3 outside （六） and T4 across 2019→2021, nothing with a legacy report', () => {
    expect(comparableCell('T2:licensing:decisions', '2019', '2019')).toBe(true);
    expect(comparableCell('T2:licensing:decisions', '2021', '2019')).toBe(false);
    expect(comparableCell('T3:2:total', '2021', '2019')).toBe(true);
    expect(comparableCell('T3:3.6:total', '2021', '2019')).toBe(false);
    expect(comparableCell('T3:3.6.1:total', '2021', '2019')).toBe(false);
    expect(comparableCell('T4:cases:review.total', '2021', '2019')).toBe(true);
    expect(comparableCell('T3:2:total', '2021', null)).toBe(false);
  });
});

describe('grouping the corpus by body', () => {
  const reports = [...PINGTAN.map(real), ...Object.values(SEED).map(real)];

  it('puts the five Pingtan reports (2014 names 管委会) in one group, in year order, and each seed alone', () => {
    const groups = groupByBody(reports);
    const pt = groups.find((g) => g.reports.some((r) => r.entity === '平潭综合实验区'))!;
    expect(pt.reports.map((r) => r.year)).toEqual([2014, 2016, 2017, 2018, 2024]);
    expect(groups).toHaveLength(1 + 5);
  });

  it('pairs consecutive years only: 2016→2017 and 2017→2018, not 2014→2016 or 2018→2024', () => {
    const pairs = consecutivePairs(reports).map((p) => `${p.previous.year}→${p.current.year}`);
    expect(pairs).toEqual(['2016→2017', '2017→2018']);
  });

  it('finds nothing wrong between the real Pingtan reports (legacy: text only)', () => {
    for (const p of consecutivePairs(reports)) {
      const out = runCrossYear(p.current, p.previous, rules);
      expect(out.assessed).toBe(true);
      expect(out.note).toContain('只比较正文');
      expect(out.findings).toEqual([]);
    }
  });
});

describe('runCrossYear', () => {
  const prev = real(SEED.s002);
  const cur = mutate(prev, { year: 2021, cells: { 'T3:2:natural': '1' }, narrative: real(SEED.s001).narrative });

  it('runs when the bodies match, stamping both ids', () => {
    const out = runCrossYear(cur, prev, rules);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['XYEAR-CARRY']);
    expect(out.findings[0]!.reports).toEqual({ current: cur.source, previous: prev.source });
  });

  it("follows the auditor's decision that the bodies differ (or are the same despite the name)", () => {
    expect(runCrossYear(cur, prev, rules, { sameBody: false })).toMatchObject({ assessed: false, findings: [] });
    const renamed = mutate(cur, { entity: '乐业镇' });
    expect(runCrossYear(renamed, prev, rules).assessed).toBe(false);
    expect(runCrossYear(renamed, prev, rules, { sameBody: true }).findings).toHaveLength(1);
  });
});
