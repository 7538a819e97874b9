/**
 * The meta-test (ESLint's rule-docs check): every rule has complete metadata agreeing with
 * rules.md, a passing and a failing fixture; every core rule of rules.md is implemented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RuleCases } from './cases';
import { RULES } from './index';
import { rules as CROSS_YEAR_RULES } from './xyear';
import { pairCases } from './xyear.pairs';

interface IndexRow {
  id: string;
  severity: string;
  formats: string;
  tier: string;
}

function catalogue(): Map<string, IndexRow> {
  const md = readFileSync(new URL('../../docs/spec/rules.md', import.meta.url), 'utf8');
  const rows = new Map<string, IndexRow>();
  for (const line of md.split('\n')) {
    const m = /^\|\s*\d+\s*\|\s*([A-Z0-9-]+)\s*\|([^|]*)\|([^|]*)\|\s*(core|narrative|cross-year|content)\s*\|\s*$/.exec(line);
    if (m) rows.set(m[1]!, { id: m[1]!, severity: m[2]!.trim(), formats: m[3]!.trim(), tier: m[4]! });
  }
  return rows;
}

/** Decisions and specifications: never emitted as findings (rules.md design note 9). */
const NOT_FINDINGS = new Set(['DOC-DETECT', 'DOC-NOT-REPORT', 'TPL-LABEL-NORMALISE']);

const CATALOGUE = catalogue();
const cases: { ruleId: string; valid: unknown[]; invalid: unknown[] }[] = [
  ...Object.values(import.meta.glob<{ cases: RuleCases[] }>('./*.cases.ts', { eager: true })).flatMap((m) => m.cases),
  // the cross-year rules run over report pairs (xyear.test.ts)
  ...pairCases,
];

describe('rule catalogue', () => {
  it('reads the rules.md index', () => {
    expect(CATALOGUE.size).toBeGreaterThan(60);
  });

  it('implements every core rule of rules.md', () => {
    const core = [...CATALOGUE.values()].filter((r) => r.tier === 'core' && !NOT_FINDINGS.has(r.id)).map((r) => r.id);
    const implemented = new Set(RULES.map((r) => r.meta.id));
    expect(core.filter((id) => !implemented.has(id))).toEqual([]);
  });

  it('implements every narrative rule of rules.md', () => {
    const narrative = [...CATALOGUE.values()].filter((r) => r.tier === 'narrative').map((r) => r.id);
    const implemented = new Set(RULES.map((r) => r.meta.id));
    expect(narrative.length).toBeGreaterThanOrEqual(11);
    expect(narrative.filter((id) => !implemented.has(id))).toEqual([]);
  });

  it('implements every cross-year rule of rules.md (lib/rules/xyear.ts)', () => {
    const tier = [...CATALOGUE.values()].filter((r) => r.tier === 'cross-year').map((r) => r.id);
    const implemented = new Set(CROSS_YEAR_RULES.map((r) => r.meta.id));
    expect(tier.filter((id) => !implemented.has(id))).toEqual([]);
  });

  it('implements every content-tier rule of rules.md but the semi-manual PLAUS-T2-SEMANTICS (lib/rules/content.ts)', () => {
    const tier = [...CATALOGUE.values()].filter((r) => r.tier === 'content').map((r) => r.id);
    const implemented = new Set(RULES.map((r) => r.meta.id));
    expect(tier.length).toBeGreaterThanOrEqual(11);
    expect(tier.filter((id) => !implemented.has(id))).toEqual(['PLAUS-T2-SEMANTICS']);
  });

  it('has unique rule ids', () => {
    const ids = [...RULES, ...CROSS_YEAR_RULES].map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each([...RULES, ...CROSS_YEAR_RULES].map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  const row = CATALOGUE.get(id);

  it('is listed in rules.md with the same tier and a matching severity', () => {
    expect(row, `${id} in the rules.md index`).toBeDefined();
    expect(rule.meta.tier).toBe(row!.tier);
    expect(row!.severity).toContain(rule.meta.severity);
    expect(NOT_FINDINGS.has(id)).toBe(false);
  });

  it('runs on the formats rules.md gives', () => {
    const f = row!.formats;
    if (f === '2019' || f === '2021') expect([...rule.meta.formats]).toEqual([f]);
    // a cross-year rule on a pair of formats runs on this year's (the later) format
    else if (f === '2019→2021') expect([...rule.meta.formats]).toEqual(['2021']);
    else if (f === 'both') expect([...rule.meta.formats].sort()).toEqual(['2019', '2021']);
    else expect(rule.meta.formats).toContain('legacy');
  });

  it('has titles and descriptions in Chinese and English', () => {
    for (const lang of ['zh', 'en'] as const) {
      expect(rule.meta.title[lang].trim().length).toBeGreaterThan(1);
      expect(rule.meta.description[lang].trim().length).toBeGreaterThan(10);
    }
    expect(rule.meta.title.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has a passing and a failing fixture', () => {
    const c = cases.filter((x) => x.ruleId === id);
    expect(c.length, `${id} in a *.cases.ts`).toBeGreaterThan(0);
    expect(c.flatMap((x) => x.valid).length).toBeGreaterThan(0);
    expect(c.flatMap((x) => x.invalid).length).toBeGreaterThan(0);
  });
});
