import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditPage, ruleApplies, sortFindings } from './audit';
import { AuditResultSchema } from './schema';
import { RULES } from './rules';
import { TOOL } from './version';
import type { Finding, Rule } from './types';
import { htmlPage, realPage, SEEDS } from '../tests/helpers/pages';

const NOW = new Date('2026-11-23T08:00:00.000Z');
const REAL_PAGES = [...Object.values(SEEDS), 'pingtan-2024.html', 'shanghai-2019-body.html', 'pingtan-2014.txt', 'pingtan-2016.txt', 'pingtan-2017.txt', 'pingtan-2018.txt'];

describe('auditPage', () => {
  it.each(REAL_PAGES)('%s: a schema-valid, detected result with sorted findings', (name) => {
    const { result } = auditPage(realPage(name), { now: NOW });
    expect(AuditResultSchema.parse(result)).toEqual(result);
    expect(result.detected).toBe(true);
    expect(result.auditedAt).toBe('2026-11-23T08:00:00.000Z');
    expect(result.tool).toEqual(TOOL);
    const sev = result.findings!.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    expect(sev).toEqual([...sev].sort((a, b) => a - b));
    // every cell a finding names exists on the page (rules.md design note 1)
    for (const f of result.findings!) for (const id of f.cells) expect(result.cells).toHaveProperty([id]);
  });

  it('a page that is not a report: detected false and nothing else', () => {
    const { result } = auditPage(htmlPage('<html><head><title>关于开展专项工作的通知</title></head><body><p>新闻正文</p></body></html>'), { now: NOW });
    expect(result).toEqual({ schemaVersion: 1, tool: TOOL, source: 'test.html', auditedAt: NOW.toISOString(), detected: false });
    expect(AuditResultSchema.parse(result)).toEqual(result);
  });

  it('cells are listed in template order with raw and value only', () => {
    const { result } = auditPage(realPage(SEEDS['000']), { now: NOW });
    const ids = Object.keys(result.cells!);
    expect(ids).toHaveLength(22 + 161 + 15);
    expect(ids[0]).toBe('T2:regulations:newlyMade');
    expect(ids.at(-1)).toBe('T4:cases:suitAfterReview.total');
    expect(result.cells!['T2:procurement:amount']).toEqual({ raw: '3249.75万元', value: 3249.75 });
  });

  it('legacy reports run only the legacy rules', () => {
    const { result, context } = auditPage(realPage('pingtan-2016.txt'), { now: NOW });
    expect(result.report?.format).toBeNull();
    expect(context?.detection.legacy).toBe(true);
    expect(result.findings!.map((f) => f.ruleId)).toEqual(['FMT-LEGACY']);
  });
});

describe('rule selection and ordering', () => {
  const rule = (formats: Rule['meta']['formats'], id = 'X-Y'): Rule => ({
    meta: { id, severity: 'info', formats, tier: 'core', title: { zh: 'x', en: 'x' }, description: { zh: 'x', en: 'x' } },
    check: () => [],
  });
  it('formats decide which rules run', () => {
    expect(ruleApplies(rule(['2019']), '2019', false)).toBe(true);
    expect(ruleApplies(rule(['2019']), '2021', false)).toBe(false);
    expect(ruleApplies(rule(['2019', '2021']), null, false)).toBe(true);
    expect(ruleApplies(rule(['2019']), null, false)).toBe(false);
    expect(ruleApplies(rule(['legacy']), '2019', false)).toBe(false);
    expect(ruleApplies(rule(['legacy']), null, true)).toBe(true);
    expect(ruleApplies(rule(['2019', '2021']), null, true)).toBe(false);
    expect(ruleApplies(rule(['2019', '2021'], 'DOC-MIRROR-DOMAIN'), null, true)).toBe(true);
  });
  it('sorts by severity, page-level first, then table and row order', () => {
    const f = (ruleId: string, severity: Finding['severity'], cells: string[]): Finding => ({ ruleId, severity, cells, message: '' });
    const sorted = sortFindings(
      [f('A', 'info', []), f('B', 'error', ['T4:cases:review.total']), f('C', 'error', ['T3:3.7:total']), f('D', 'warning', ['T2:fees:change']), f('E', 'error', [])],
      '2019',
    );
    expect(sorted.map((x) => x.ruleId)).toEqual(['E', 'C', 'B', 'D', 'A']);
  });
  it('every registered rule is selectable for some page', () => {
    for (const r of RULES) expect(['2019', '2021', null].some((fm) => ruleApplies(r, fm as '2019' | '2021' | null, false)) || r.meta.formats.includes('legacy')).toBe(true);
  });
});

describe('package metadata', () => {
  it('the tool version equals package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(TOOL.version).toBe(pkg.version);
  });
});
