/**
 * Acceptance: the five seeds, each as its text dump and as the generated word / flat / split HTML pages
 * (scripts/make-fixtures.mjs), audited through the Node entry. Expectations: docs/spec/seed-findings.md
 * (core tier exactly: rule, severity, count, first cell; other tiers are filtered out by rules.md's index).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../lib/types';
import {
  ARITHMETIC,
  SEEDS,
  SEED_IDS,
  cellsOf,
  coreFindings,
  keys,
  valuesOf,
  type SeedId,
} from './expectations';
import { MARKUPS, runSeed, type Markup } from './seed-runs';

/** A seed's audit result in one markup. */
const audit = (id: SeedId, markup: Markup): AuditResult => runSeed(id, markup).result;

describe.each(SEED_IDS)('seed %s', (id) => {
  const exp = SEEDS[id];

  describe.each(MARKUPS)('as %s', (markup) => {
    let r: AuditResult;
    beforeAll(() => {
      r = audit(id, markup);
    });

    it('is detected, with title, year, entity and format', () => {
      expect(r.detected).toBe(true);
      expect(r.report).toEqual(exp.report);
    });

    it('has exactly the core findings of seed-findings.md', () => {
      expect(keys(coreFindings(r))).toEqual(keys(exp.core));
    });

    it('lists the cells the spec gives for those findings', () => {
      const { expected, actual } = cellsOf(coreFindings(r), exp.core);
      // seed-findings.md gives cell lists for most seeds; where it gives none, nothing to compare
      if (exp.core.some((f) => f.cells)) expect(Object.keys(expected).length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    });

    it('fires no arithmetic rule, in any tier', () => {
      const fired = (r.findings ?? []).filter((f) => ARITHMETIC.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.cells[0] ?? ''}`);
      expect(fired).toEqual([]);
    });

    it('maps every template cell of the page with the values of seed-findings.md', () => {
      expect(valuesOf(r)).toEqual(exp.values);
      for (const [cell, raw] of Object.entries(exp.raw ?? {})) expect(r.cells?.[cell]?.raw, cell).toBe(raw);
      // Blank cells are missing values, whatever whitespace the markup uses for them.
      for (const [cell, v] of Object.entries(exp.values)) if (v === null) expect(r.cells?.[cell]?.raw.trim(), cell).toBe('');
    });
  });

  it('finds the same core findings and cells in every markup', () => {
    const results = MARKUPS.map((m) => audit(id, m));
    const base = { findings: keys(coreFindings(results[0]!)), cells: valuesOf(results[0]!) };
    for (const [i, res] of results.entries()) {
      expect({ markup: MARKUPS[i], findings: keys(coreFindings(res)), cells: valuesOf(res) }).toEqual({ markup: MARKUPS[i], ...base });
    }
  });
});

describe('seed expectations as transcribed', () => {
  it('match the totals of the seed-findings.md summary (core tier)', () => {
    const count = (id: SeedId, sev: string) => SEEDS[id].core.filter((f) => f.severity === sev).length;
    // Summary totals minus the narrative/content findings of each seed's table.
    expect([count('000', 'error'), count('000', 'warning'), count('000', 'info')]).toEqual([0, 0, 4]);
    expect([count('001', 'error'), count('001', 'warning'), count('001', 'info')]).toEqual([0, 1 - 1, 6 - 4]);
    expect([count('002', 'error'), count('002', 'warning'), count('002', 'info')]).toEqual([0, 2 - 1, 3 - 1]);
    expect([count('003', 'error'), count('003', 'warning'), count('003', 'info')]).toEqual([8, 177 - 1, 7 - 3]);
    expect([count('004', 'error'), count('004', 'warning'), count('004', 'info')]).toEqual([0, 3 - 3, 7 - 3]);
    expect(SEEDS['003'].core.filter((f) => f.ruleId === 'VAL-BLANK')).toHaveLength(169);
    expect(SEEDS['004'].core.flatMap((f) => (f.ruleId === 'VAL-WHITESPACE' ? (f.cells ?? []) : []))).toHaveLength(63);
  });
});
