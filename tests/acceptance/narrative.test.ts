/**
 * Acceptance, narrative tier (rules.md §H): the narrative findings seed-findings.md lists for the five seeds
 * (every markup) and the corpus README lists for Shanghai 2019 and Pingtan 2024 — exactly, with their cells,
 * expected/actual and the sentence they are anchored to — and none of the must-not-fire ones. The other
 * acceptance tests check the core tier; this one checks the narrative tier only.
 */
import { describe, expect, it } from 'vitest';
import { runHtml, runText } from '../../lib/node';
import { AuditResultSchema } from '../../lib/schema';
import type { AuditRun } from '../../lib/audit';
import { MARKUPS, runSeed } from './seed-runs';
import type { Finding } from '../../lib/types';
import { LEGACY, MUTATED_DIR, REAL, ROOT, SEED_IDS, fx, key, keys, read, ruleTiers, type ExpectedFinding, type MutationExpectation, type SeedId } from './expectations';
import { readdirSync } from 'node:fs';

const TIERS = ruleTiers();
const narrative = (fs: readonly Finding[] | undefined) => (fs ?? []).filter((f) => TIERS.get(f.ruleId) === 'narrative');

/** seed-findings.md: narrative rows of each seed's table (NARR-INTERNAL is a hint, reported as a warning). */
const SEED_NARRATIVE: Record<SeedId, { f: ExpectedFinding; quote?: string }[]> = {
  '000': [],
  '001': [{ f: fx('NARR-PLACEHOLDER', 'warning'), quote: '截至前,我镇接到县长热线转交件' }],
  '002': [{ f: fx('NARR-MISSING-YSQ', 'warning', 'T3:1:total', { cells: ['T3:1:total'] }) }],
  '003': [{ f: fx('NARR-ENTITY-MISMATCH', 'warning'), quote: '组织全镇领导干部学习' }],
  '004': [
    { f: fx('NARR-ENTITY-MISMATCH', 'warning'), quote: '互联网未覆盖全乡' },
    { f: fx('NARR-INTERNAL', 'warning'), quote: '代表共提出议案0件，批评、建议和意见7件' },
  ],
};

/** The sentence a finding is anchored to, read back from the page model it was audited from. */
function anchored(r: AuditRun, f: Finding): string | null {
  const t = f.text;
  if (!t || t.block === undefined || t.start === undefined || t.end === undefined) return null;
  const b = r.context?.page.blocks[t.block];
  return b?.kind === 'text' ? b.text.slice(t.start, t.end) : null;
}

describe.each(SEED_IDS)('seed %s', (id) => {
  describe.each(MARKUPS)('as %s', (markup) => {
    const r = runSeed(id, markup);
    const found = narrative(r.result.findings);
    const exp = SEED_NARRATIVE[id];

    it('has exactly the narrative findings of seed-findings.md', () => {
      expect(keys(found)).toEqual(keys(exp.map((e) => e.f)));
      for (const e of exp) if (e.f.cells) expect(found.find((f) => key(f) === key(e.f))?.cells).toEqual(e.f.cells);
    });

    it('anchors each sentence finding to its sentence on the page, and the result stays valid JSON of the contract', () => {
      for (const e of exp) {
        if (!e.quote) continue;
        const f = found.find((x) => x.ruleId === e.f.ruleId)!;
        expect(f.text?.quote).toContain(e.quote);
        expect(anchored(r, f)).toBe(f.text!.quote);
      }
      expect(AuditResultSchema.safeParse(JSON.parse(JSON.stringify(r.result))).success).toBe(true);
    });
  });

  it('finds the same narrative findings and sentences in every markup', () => {
    const all = MARKUPS.map((m) => narrative(runSeed(id, m).result.findings).map((f) => `${key(f)} ${f.text?.quote ?? ''}`).sort());
    for (const a of all) expect(a).toEqual(all[0]);
  });
});

describe('shanghai-2019-body.html: the narrative findings of the corpus README', () => {
  const path = REAL + 'shanghai-2019-body.html';
  const r = runHtml(read(path), { source: path });
  const found = narrative(r.result.findings);

  it('has exactly 3 errors and 2 warnings in the narrative tier', () => {
    expect(keys(found)).toEqual(
      keys([
        fx('NARR-T3-NUM', 'error', 'T3:3.1:total'),
        fx('NARR-T3-NUM', 'error', 'T3:3.4.1:total'),
        fx('NARR-T4-NUM', 'error', 'T4:cases:review.pending'),
        fx('NARR-PERCENT', 'warning', 'T3:3.1:total'),
        fx('NARR-BREAKDOWN', 'warning'),
      ]),
    );
  });

  it('gives the README’s figures and cells', () => {
    const by = (rule: string, first: string | null) => found.find((f) => f.ruleId === rule && (f.cells[0] ?? null) === first)!;
    expect(by('NARR-T3-NUM', 'T3:3.1:total')).toMatchObject({ expected: 275, actual: 258 });
    expect(by('NARR-T3-NUM', 'T3:3.1:total').cells.slice(0, 2)).toEqual(['T3:3.1:total', 'T3:3.2:total']);
    expect(by('NARR-T3-NUM', 'T3:3.4.1:total')).toMatchObject({ expected: 337, actual: 265 });
    expect(by('NARR-T3-NUM', 'T3:3.4.1:total').cells.slice(0, 3)).toEqual(['T3:3.4.1:total', 'T3:3.4.2:total', 'T3:3.4.3:total']);
    expect(by('NARR-T4-NUM', 'T4:cases:review.pending').cells).toEqual(['T4:cases:review.pending', 'T4:cases:directSuit.pending']);
    expect(by('NARR-PERCENT', 'T3:3.1:total')).toMatchObject({ cells: ['T3:3.1:total', 'T3:3.2:total', 'T3:3.7:total'], actual: 33.9 });
    expect(by('NARR-BREAKDOWN', null)).toMatchObject({ cells: [], expected: 805, actual: 716 });
  });

  it('anchors every finding to its sentence in 一（二）', () => {
    for (const f of found) {
      expect(f.text, f.ruleId).toBeDefined();
      expect(anchored(r, f)).toBe(f.text!.quote);
    }
    expect(found.find((f) => f.ruleId === 'NARR-T4-NUM')!.text!.quote).toMatch(/^信息公开类行政复议7件，诉讼9件，均获维持/);
  });
});

describe('pingtan-2024.html', () => {
  it('has no narrative finding (218 applications, 62 normative documents, 3.6.2 = 0 all agree)', () => {
    const path = REAL + 'pingtan-2024.html';
    expect(narrative(runHtml(read(path), { source: path }).result.findings)).toEqual([]);
  });
});

describe.each(LEGACY)('legacy $file', ({ file }) => {
  it('has no narrative finding (legacy: FMT-LEGACY only)', () => {
    const path = REAL + file;
    expect(narrative(runText(read(path), { source: path }).result.findings)).toEqual([]);
  });
});

describe('mutated fixtures: a table mutation changes no narrative finding', () => {
  const names = readdirSync(MUTATED_DIR)
    .filter((n) => n.endsWith('.expect.json'))
    .map((n) => n.slice(0, -'.expect.json'.length));
  it.each(names)('%s', (name) => {
    const exp = JSON.parse(read(`${MUTATED_DIR}${name}.expect.json`)) as MutationExpectation;
    const path = `${MUTATED_DIR}${name}.html`;
    const after = narrative(runHtml(read(path), { source: path }).result.findings).map((f) => `${f.ruleId} ${f.text?.quote ?? ''}`);
    const before = narrative(runHtml(read(ROOT + exp.source), { source: ROOT + exp.source }).result.findings).map((f) => `${f.ruleId} ${f.text?.quote ?? ''}`);
    expect(after).toEqual(before);
  });
});
