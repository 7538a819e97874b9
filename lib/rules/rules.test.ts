/**
 * Runs every family's table-driven fixtures (`*.cases.ts`, ESLint RuleTester style): a
 * valid case must produce no finding, an invalid case exactly the listed findings.
 */
import { describe, expect, it } from 'vitest';
import type { AuditContext, Finding } from '../types';
import type { RuleCases } from './cases';
import { RULES_BY_ID } from './index';

const files = import.meta.glob<{ cases: RuleCases[] }>('./*.cases.ts', { eager: true });

/** Run one rule as the engine does (default severity filled in). */
function run(id: string, ctx: AuditContext): Finding[] {
  const rule = RULES_BY_ID.get(id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(ctx).map((f) => ({ ruleId: id, ...f, severity: f.severity ?? rule.meta.severity }));
}

for (const [file, mod] of Object.entries(files)) {
  describe(file, () => {
    for (const rc of mod.cases) {
      describe(rc.ruleId, () => {
        it.each(rc.valid.map((c) => [c.name, c] as const))('valid: %s', (_n, c) => {
          expect(run(rc.ruleId, c.ctx())).toEqual([]);
        });
        it.each(rc.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_n, c) => {
          const found = run(rc.ruleId, c.ctx());
          expect(found).toHaveLength(c.findings.length);
          expect(found).toMatchObject(c.findings);
          // every finding names only cells that exist, and says something
          for (const f of found) {
            const ctx = c.ctx();
            for (const id of f.cells) expect(ctx.cells.has(id), `${id} is on the page`).toBe(true);
            expect(f.message.length).toBeGreaterThan(4);
          }
        });
      });
    }
  });
}

export const caseFiles = files;
