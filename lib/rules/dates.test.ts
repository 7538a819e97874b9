import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditContext, Finding } from '../types';
import { rules, coreName, sameBody, squash } from './dates';
import { cases } from './dates.cases';
import { realPage, SEEDS } from '../../tests/helpers/pages';
import { auditPage } from '../audit';

function run(id: string, ctx: AuditContext): Finding[] {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(ctx).map((f) => ({ ruleId: id, ...f, severity: f.severity ?? rule.meta.severity }));
}

describe('dates.cases.ts', () => {
  for (const rc of cases) {
    describe(rc.ruleId, () => {
      it.each(rc.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
        expect(run(rc.ruleId, c.ctx())).toEqual([]);
      });
      it.each(rc.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
        const found = run(rc.ruleId, c.ctx());
        expect(found).toHaveLength(c.findings.length);
        expect(found).toMatchObject(c.findings);
      });
    });
  }

  it('every rule has cases, at least one valid and one invalid', () => {
    expect(cases.map((c) => c.ruleId).sort()).toEqual(rules.map((r) => r.meta.id).sort());
    for (const c of cases) {
      expect(c.valid.length, c.ruleId).toBeGreaterThan(0);
      expect(c.invalid.length, c.ruleId).toBeGreaterThan(0);
    }
  });
});

describe('meta', () => {
  const index = new Map<string, string>();
  for (const line of readFileSync(new URL('../../docs/spec/rules.md', import.meta.url), 'utf8').split('\n')) {
    const m = /^\| \d+ \| ((?:YEAR|DATE|ENTITY)-[A-Z-]+) \| ([a-z]+)/.exec(line);
    if (m) index.set(m[1]!, m[2]!);
  }
  it('holds exactly the I rules of rules.md, with their default severities', () => {
    expect(rules.map((r) => r.meta.id)).toEqual([...index.keys()]);
    for (const r of rules) expect(r.meta.severity, r.meta.id).toBe(index.get(r.meta.id));
  });
  it('runs on both formats, core tier, with zh and en texts', () => {
    for (const r of rules) {
      expect(r.meta.formats).toEqual(['2019', '2021']);
      expect(r.meta.tier).toBe('core');
      expect(r.meta.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.title.en).toMatch(/^[A-Z]/);
      expect(r.meta.description.en.length).toBeGreaterThan(40);
    }
  });
});

describe('helpers', () => {
  it('coreName strips 人民政府/管委会/办公室 suffixes, never to nothing', () => {
    expect(coreName('韩庄镇人民政府')).toBe('韩庄镇');
    expect(coreName('平潭综合实验区管委会办公室')).toBe('平潭综合实验区');
    expect(coreName('平潭综合实验区党工委管委会')).toBe('平潭综合实验区');
    expect(coreName('上海市人民政府办公厅')).toBe('上海市人民政府办公厅');
    expect(coreName('人民政府')).toBe('人民政府');
  });
  it('sameBody accepts the site of a parent body, not a different body', () => {
    expect(sameBody('韩庄镇', '韩庄镇人民政府')).toBe(true);
    expect(sameBody('同江市乐业镇', '同江市人民政府')).toBe(true);
    expect(sameBody('太平庄乡', '韩庄镇人民政府')).toBe(false);
  });
  it('squash deletes whitespace and folds full-width digits only', () => {
    expect(squash('２０２０ 年，我镇')).toBe('2020年，我镇');
  });
});

/** rules.md §I and seed-findings.md §6 / corpus README for the family's rules. */
const EXPECTED: Record<string, string[]> = {
  [SEEDS['000']]: ['YEAR-PERIOD:info', 'DATE-SIGN:info'],
  [SEEDS['001']]: ['YEAR-PERIOD:info', 'DATE-SIGN:info'],
  [SEEDS['002']]: ['DATE-SIGN:info'],
  [SEEDS['003']]: ['YEAR-PERIOD:info', 'YEAR-TYPO:info', 'DATE-SIGN:info'],
  [SEEDS['004']]: ['YEAR-PERIOD:info'],
  'pingtan-2024.html': [],
  'shanghai-2019-body.html': [],
  'pingtan-2014.txt': [],
  'pingtan-2016.txt': [],
  'pingtan-2017.txt': [],
  'pingtan-2018.txt': [],
};

describe('real pages (rules of this family only)', () => {
  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    const r = auditPage(realPage(name), { rules, now: new Date(0) }).result;
    expect(r.detected).toBe(true);
    expect(r.findings!.map((f) => `${f.ruleId}:${f.severity}`).sort()).toEqual([...expected].sort());
    for (const f of r.findings!) expect(f.cells).toEqual([]);
  });

  it('seed 003: the typo is quoted', () => {
    const f = auditPage(realPage(SEEDS['003']), { rules }).result.findings!.find((x) => x.ruleId === 'YEAR-TYPO');
    expect(f?.message).toBe('正文“2019度以来，”中年份写法有误：应为“2019年度”或“2019年”');
  });
});
