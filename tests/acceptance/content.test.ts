/**
 * Acceptance, content tier (rules.md §K): the content findings seed-findings.md lists for the five seeds (its
 * matrix, in every markup) and the corpus README lists for Pingtan 2024 — exactly, with the sentence each
 * sentence finding is anchored to. PLAUS-T2-SEMANTICS, a semi-manual hint, is not implemented (lib/rules/content.ts);
 * its seed rows are listed here as such, so that implementing it means changing this test.
 */
import { describe, expect, it } from 'vitest';
import { runHtml, runText } from '../../lib/node';
import { RULES_BY_ID } from '../../lib/rules/index';
import type { Finding } from '../../lib/types';
import { LEGACY, REAL, SEED_IDS, fx, keys, read, ruleTiers, type ExpectedFinding, type SeedId } from './expectations';
import { MARKUPS, runSeed } from './seed-runs';

const TIERS = ruleTiers();
const content = (fs: readonly Finding[] | undefined) => (fs ?? []).filter((f) => TIERS.get(f.ruleId) === 'content');

const NOT_IMPLEMENTED = 'PLAUS-T2-SEMANTICS';

/** seed-findings.md §6 matrix, content rows, with the sentence a finding is about where it is about one. */
const SEED_CONTENT: Record<SeedId, { f: ExpectedFinding; quote?: string; says?: string }[]> = {
  '000': [],
  '001': [
    { f: fx('CONTENT-SEC1-COVERAGE', 'info'), says: '依申请公开、政府信息管理、监督保障' },
    { f: fx('CONTENT-SEC6-MISPLACED', 'info'), quote: '2021年，我镇将按照县政务公开办要求' },
    { f: fx('CONTENT-ARTIFACT', 'info'), says: '------' },
    { f: fx(NOT_IMPLEMENTED, 'info') },
  ],
  '002': [{ f: fx('CONTENT-SEC1-COVERAGE', 'info'), says: '监督保障' }],
  '003': [
    { f: fx('CONTENT-ARTIFACT', 'info'), says: '[bookmark: _GoBack]' },
    { f: fx('CONTENT-ORDINAL', 'info'), quote: '二是加强培训和制度建设' },
    { f: fx(NOT_IMPLEMENTED, 'info') },
  ],
  '004': [
    { f: fx('CONTENT-SEC5-IMPROVE', 'warning') },
    { f: fx('CONTENT-BOILERPLATE', 'info'), says: '“科学发展观为指导”、“一项全新工作”' },
    { f: fx('CONTENT-SEC1-COVERAGE', 'info'), says: '主动公开、依申请公开、监督保障' },
    { f: fx('PLAUS-TOWNSHIP-CPPCC', 'info'), quote: '接受人大、政协提案2件' },
  ],
};

const implemented = (e: { f: ExpectedFinding }) => e.f.ruleId !== NOT_IMPLEMENTED;

it(`${NOT_IMPLEMENTED} is the one content rule of the seeds not implemented`, () => {
  expect(RULES_BY_ID.has(NOT_IMPLEMENTED)).toBe(false);
  for (const e of Object.values(SEED_CONTENT).flat().filter(implemented)) expect(RULES_BY_ID.has(e.f.ruleId), e.f.ruleId).toBe(true);
});

describe.each(SEED_IDS)('seed %s', (id) => {
  const exp = SEED_CONTENT[id].filter(implemented);

  describe.each(MARKUPS)('as %s', (markup) => {
    const r = runSeed(id, markup);
    const found = content(r.result.findings);

    it('has exactly the content findings of seed-findings.md', () => {
      expect(keys(found)).toEqual(keys(exp.map((e) => e.f)));
      for (const f of found) expect(f.cells).toEqual([]);
    });

    it('says what it found, and anchors a finding about a sentence to it on the page', () => {
      for (const e of exp) {
        const f = found.find((x) => x.ruleId === e.f.ruleId)!;
        if (e.says) expect(f.message).toContain(e.says);
        if (!e.quote) continue;
        expect(f.text?.quote).toContain(e.quote);
        const t = f.text!;
        const b = t.block === undefined ? undefined : r.context?.page.blocks[t.block];
        expect(b?.kind === 'text' ? b.text.slice(t.start, t.end) : null).toBe(t.quote);
      }
    });
  });
});

describe('corpus', () => {
  it('pingtan-2024.html: CONTENT-SEC5-PREV only (五 says nothing of last year’s problems; 六 reports the fees)', () => {
    const path = REAL + 'pingtan-2024.html';
    expect(keys(content(runHtml(read(path), { source: path }).result.findings))).toEqual(keys([fx('CONTENT-SEC5-PREV', 'info')]));
  });

  it('shanghai-2019-body.html: none (the README lists no content finding)', () => {
    const path = REAL + 'shanghai-2019-body.html';
    expect(content(runHtml(read(path), { source: path }).result.findings)).toEqual([]);
  });

  it.each(LEGACY)('legacy $file: none (legacy: FMT-LEGACY only)', ({ file }) => {
    const path = REAL + file;
    expect(content(runText(read(path), { source: path }).result.findings)).toEqual([]);
  });
});
