/**
 * Acceptance: mutated fixtures (scripts/make-fixtures.mjs → tests/fixtures/mutated/). Each carries one injected
 * defect; its <name>.expect.json lists the core findings the defect must add to those of its unmutated source,
 * and the source findings it must remove. Nothing else may change.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditHtml } from '../../lib/node';
import type { AuditResult } from '../../lib/types';
import { MUTATED_DIR, ROOT, coreFindings, keys, minus, read, type MutationExpectation } from './expectations';

const NAMES = readdirSync(MUTATED_DIR)
  .filter((n) => n.endsWith('.expect.json'))
  .map((n) => n.slice(0, -'.expect.json'.length))
  .sort();

const sourceResults = new Map<string, AuditResult>();
function auditSource(source: string): AuditResult {
  let r = sourceResults.get(source);
  if (!r) {
    r = auditHtml(read(ROOT + source), { source: ROOT + source });
    sourceResults.set(source, r);
  }
  return r;
}

it('has the mutated fixtures (run scripts/make-fixtures.mjs)', () => {
  expect(NAMES.length).toBeGreaterThanOrEqual(20);
});

describe.each(NAMES)('%s', (name) => {
  const exp = JSON.parse(read(`${MUTATED_DIR}${name}.expect.json`)) as MutationExpectation;
  const path = `${MUTATED_DIR}${name}.html`;
  const audit = () => auditHtml(read(path), { source: path });

  it(`adds exactly the expected findings and removes only the listed ones (${exp.mutation})`, () => {
    const before = keys(coreFindings(auditSource(exp.source)));
    const after = keys(coreFindings(audit()));
    expect({ added: minus(after, before), removed: minus(before, after) }).toEqual({
      added: keys(exp.findings),
      removed: keys(exp.removes),
    });
  });

  if (exp.report || exp.cells || exp.absentCells) {
    it('reports the expected report block and cells', () => {
      const r = audit();
      expect(r.detected).toBe(true);
      if (exp.report) expect(r.report).toMatchObject(exp.report);
      for (const [id, c] of Object.entries(exp.cells ?? {})) expect(r.cells?.[id], id).toMatchObject(c);
      for (const id of exp.absentCells ?? []) expect(r.cells?.[id], id).toBeUndefined();
    });
  }

  if (exp.injectedText) {
    it('keeps the injected markup as escaped text, read by the engine as a label', () => {
      const html = read(path);
      expect(html).not.toMatch(/<img\b/i);
      expect(html).toContain('&lt;img');
      const r = audit();
      // The engine reads it as label text: the label finding exists and nothing turned it into markup.
      expect(r.findings?.some((f) => f.ruleId === 'TPL-ROW-LABEL')).toBe(true);
    });
  }
});
