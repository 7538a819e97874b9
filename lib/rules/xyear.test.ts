/**
 * Runs the cross-year fixtures (xyear.pairs.ts) the way rules.test.ts runs the `*.cases.ts`
 * files: a valid pair produces no finding of the rule, an invalid pair exactly the listed ones.
 * The pair goes through runCrossYear (body match, consecutive years, formats), as the CLI and
 * the extension run it.
 */
import { describe, expect, it } from 'vitest';
import { runCrossYear } from '../crossyear';
import { FindingSchema } from '../schema';
import { pairCases } from './xyear.pairs';
import { rules } from './xyear';

const BY_ID = new Map(rules.map((r) => [r.meta.id, r]));

function run(id: string, current: Parameters<typeof runCrossYear>[0], previous: Parameters<typeof runCrossYear>[1]) {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`no cross-year rule ${id}`);
  return runCrossYear(current, previous, [rule]);
}

for (const rc of pairCases) {
  describe(rc.ruleId, () => {
    it.each(rc.valid.map((c) => [c.name, c] as const))('valid: %s', (_n, c) => {
      const { current, previous } = c.pair();
      expect(run(rc.ruleId, current, previous).findings).toEqual([]);
    });
    it.each(rc.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_n, c) => {
      const { current, previous } = c.pair();
      const out = run(rc.ruleId, current, previous);
      expect(out.assessed).toBe(true);
      expect(out.findings).toHaveLength(c.findings.length);
      expect(out.findings).toMatchObject(c.findings.map((f) => ({ ruleId: rc.ruleId, ...f })));
      for (const f of out.findings) {
        // both report ids, the contract's finding shape, and only cells that exist this year
        expect(f.reports).toEqual({ current: current.source, previous: previous.source });
        expect(FindingSchema.parse(f)).toEqual(f);
        for (const id of f.cells) expect(current.cells[id], `${id} is in this year's report`).toBeDefined();
        expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  });
}
