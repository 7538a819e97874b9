/**
 * Expectations of the acceptance tests, transcribed from the specs (docs/spec/seed-findings.md,
 * /work/shared/corpus/README.md, docs/spec/rules.md), plus helpers to compare findings as multisets.
 * Deliberately independent of lib/ (template, tiers and cell ids are re-derived from the spec text).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuditResult, Finding } from '../../lib/types';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const REAL = ROOT + 'tests/fixtures/real/';
export const SEEDS_DIR = ROOT + 'tests/fixtures/seeds/';
export const MUTATED_DIR = ROOT + 'tests/fixtures/mutated/';

export const read = (path: string): string => readFileSync(path, 'utf8');

// ------------------------------------------------------------------ rule tiers (rules.md index table)

export type Tier = 'core' | 'narrative' | 'cross-year' | 'content';

/** Rule id → tier, parsed from the index table of docs/spec/rules.md. */
export function ruleTiers(): Map<string, Tier> {
  const md = read(ROOT + 'docs/spec/rules.md');
  const tiers = new Map<string, Tier>();
  for (const line of md.split('\n')) {
    const m = /^\|\s*\d+\s*\|\s*([A-Z0-9-]+)\s*\|[^|]*\|[^|]*\|\s*(core|narrative|cross-year|content)\s*\|\s*$/.exec(line);
    if (m) tiers.set(m[1]!, m[2] as Tier);
  }
  return tiers;
}

const TIERS = ruleTiers();

/** Core-tier findings; ids missing from the index are kept (so that they show up as unexpected). */
export function coreFindings(r: AuditResult): Finding[] {
  return (r.findings ?? []).filter((f) => (TIERS.get(f.ruleId) ?? 'core') === 'core');
}

// ------------------------------------------------------------------ finding keys and multisets

export interface ExpectedFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  /** First cell of `cells`, null for `cells: []`. */
  firstCell: string | null;
  /** Full `cells` list when the spec gives it. */
  cells?: string[];
  /** Compare `cells` as a set (the spec does not fix the order). */
  unordered?: boolean;
}

export const fx = (
  ruleId: string,
  severity: ExpectedFinding['severity'],
  firstCell: string | null = null,
  extra: Pick<ExpectedFinding, 'cells' | 'unordered'> = {},
): ExpectedFinding => ({ ruleId, severity, firstCell, ...extra });

export const key = (f: { ruleId: string; severity: string; firstCell?: string | null; cells?: string[] }): string =>
  `${f.ruleId} | ${f.severity} | ${('firstCell' in f && f.firstCell !== undefined ? f.firstCell : f.cells?.[0]) ?? '-'}`;

export const keys = (fs: { ruleId: string; severity: string; firstCell?: string | null; cells?: string[] }[]): string[] =>
  fs.map(key).sort();

/** Multiset difference a − b (both sorted or not). */
export function minus(a: string[], b: string[]): string[] {
  const left = new Map<string, number>();
  for (const k of b) left.set(k, (left.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of a) {
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push(k);
  }
  return out.sort();
}

/** For each expected finding that gives `cells`, the matching actual finding's cells (for one toEqual). */
export function cellsOf(actual: Finding[], expected: ExpectedFinding[]): { expected: Record<string, string[]>; actual: Record<string, string[] | null> } {
  const exp: Record<string, string[]> = {};
  const act: Record<string, string[] | null> = {};
  for (const e of expected) {
    if (!e.cells) continue;
    const k = key(e);
    const hit = actual.find((f) => key(f) === k);
    exp[k] = e.unordered ? [...e.cells].sort() : e.cells;
    act[k] = hit ? (e.unordered ? [...hit.cells].sort() : hit.cells) : null;
  }
  return { expected: exp, actual: act };
}

// ------------------------------------------------------------------ template cell ids (contract.md §1)

const DOCS19 = ['newlyMade', 'newlyPublished', 'totalPublished'];
const ITEMS19 = ['previousCount', 'change', 'decisions'];
export const T2_19_ROWS: [string, string[]][] = [
  ['regulations', DOCS19],
  ['normativeDocuments', DOCS19],
  ['licensing', ITEMS19],
  ['otherServices', ITEMS19],
  ['penalties', ITEMS19],
  ['enforcement', ITEMS19],
  ['fees', ['previousCount', 'change']],
  ['procurement', ['projects', 'amount']],
];
const DOCS21 = ['issued', 'repealed', 'inForce'];
export const T2_21_ROWS: [string, string[]][] = [
  ['regulations', DOCS21],
  ['normativeDocuments', DOCS21],
  ['licensing', ['decisions']],
  ['penalties', ['decisions']],
  ['enforcement', ['decisions']],
  ['fees', ['feeAmount']],
];
export const C7 = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
const range = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}.${i + 1}`);
const T3_COMMON = ['1', '2', '3.1', '3.2', ...range('3.3', 8), ...range('3.4', 3), ...range('3.5', 5)];
export const T3_19_ROWS = [...T3_COMMON, '3.6', '3.7', '4'];
export const T3_21_ROWS = [...T3_COMMON, ...range('3.6', 3), '3.7', '4'];
export const T4_COLS = ['review', 'directSuit', 'suitAfterReview'].flatMap((g) =>
  ['upheld', 'corrected', 'other', 'pending', 'total'].map((o) => `T4:cases:${g}.${o}`),
);

export const t2Ids = (rows: [string, string[]][]) => rows.flatMap(([r, cols]) => cols.map((c) => `T2:${r}:${c}`));
export const t3RowIds = (row: string) => C7.map((c) => `T3:${row}:${c}`);
export const t3Ids = (rows: string[]) => rows.flatMap(t3RowIds);

export const T2_19_IDS = t2Ids(T2_19_ROWS);
export const T3_19_IDS = t3Ids(T3_19_ROWS);

export type Values = Record<string, number | null>;
export const fill = (ids: string[], v: number | null): Values => Object.fromEntries(ids.map((id) => [id, v]));

/** Actual cell values of a result, as a plain map. */
export const valuesOf = (r: AuditResult): Values =>
  Object.fromEntries(Object.entries(r.cells ?? {}).map(([id, c]) => [id, c.value]));

// ------------------------------------------------------------------ seeds (seed-findings.md)

export interface SeedExpectation {
  file: string;
  report: { title: string; year: number; entity: string; format: '2019' };
  core: ExpectedFinding[];
  values: Values;
  /** Exact raw texts the spec names. */
  raw?: Record<string, string>;
}

/** The 20 cells of T2-ALLZERO (2019): blocks (一)(五)(六)(八), table order. */
const ALLZERO_19 = t2Ids(T2_19_ROWS.filter(([r]) => r !== 'procurement'));

const ZERO_2019: Values = { ...fill(T2_19_IDS, 0), ...fill(T3_19_IDS, 0), ...fill(T4_COLS, 0) };

const WS_T3_004 = [
  ...t3RowIds('1'),
  ...t3RowIds('2'),
  ...t3RowIds('3.7'),
  ...t3RowIds('3.1').filter((c) => !c.endsWith(':commercial')),
  ...['3.2', ...range('3.3', 8), ...range('3.4', 3), ...range('3.5', 5), '3.6'].map((r) => `T3:${r}:natural`),
  ...t3RowIds('4').filter((c) => !c.endsWith(':total')),
];
const WS_T4_004 = T4_COLS.filter(
  (c) => !['T4:cases:directSuit.total', 'T4:cases:suitAfterReview.upheld', 'T4:cases:suitAfterReview.total'].includes(c),
);

const BLANK_T2_003 = [
  'T2:regulations:newlyMade',
  'T2:regulations:newlyPublished',
  'T2:regulations:totalPublished',
  'T2:licensing:previousCount',
  'T2:licensing:change',
  'T2:licensing:decisions',
  'T2:procurement:projects',
  'T2:procurement:amount',
];

export const SEED_IDS = ['000', '001', '002', '003', '004'] as const;
export type SeedId = (typeof SEED_IDS)[number];

export const SEEDS: Record<SeedId, SeedExpectation> = {
  '000': {
    file: '000_071676f2277229f7.txt',
    report: { title: '红椿镇人民政府2019年政府信息公开工作年度报告', year: 2019, entity: '红椿镇人民政府', format: '2019' },
    core: [
      fx('VAL-UNIT-IN-CELL', 'info', 'T2:procurement:amount', { cells: ['T2:procurement:amount'] }),
      fx('T2-ALLZERO', 'info', 'T2:regulations:newlyMade', { cells: ALLZERO_19 }),
      fx('YEAR-PERIOD', 'info'),
      fx('DATE-SIGN', 'info'),
    ],
    values: { ...ZERO_2019, 'T2:procurement:projects': 55, 'T2:procurement:amount': 3249.75 },
    raw: { 'T2:procurement:amount': '3249.75万元', 'T2:procurement:projects': '55' },
  },
  '001': {
    file: '001_7c44bb757eda1ba7.txt',
    report: { title: '红星镇 2020 年政府信息公开工作年度报告', year: 2020, entity: '红星镇', format: '2019' },
    core: [fx('YEAR-PERIOD', 'info'), fx('DATE-SIGN', 'info')],
    values: {
      ...ZERO_2019,
      'T2:licensing:previousCount': 36,
      'T2:licensing:change': 0,
      'T2:licensing:decisions': 23,
      'T2:otherServices:previousCount': 34,
      'T2:otherServices:change': 0,
      'T2:otherServices:decisions': 253,
    },
  },
  '002': {
    file: '002_99c313048ea6a297.txt',
    report: { title: '同江市乐业镇2020年政府信息公开工作年度报告', year: 2020, entity: '同江市乐业镇', format: '2019' },
    core: [
      fx('TPL-ROW-LABEL', 'warning', 'T3:3.2:natural', { cells: t3RowIds('3.2') }),
      fx('T2-ALLZERO', 'info', 'T2:regulations:newlyMade', { cells: ALLZERO_19 }),
      fx('DATE-SIGN', 'info'),
    ],
    values: {
      ...ZERO_2019,
      'T3:1:natural': 4,
      'T3:1:total': 4,
      'T3:3.5.1:natural': 4,
      'T3:3.5.1:total': 4,
      'T3:3.7:natural': 4,
      'T3:3.7:total': 4,
    },
  },
  '003': {
    file: '003_eb5fc01c7533c9cc.txt',
    report: { title: '太平庄乡2019年政府信息公开工作年度报告', year: 2019, entity: '太平庄乡', format: '2019' },
    core: [
      ...Array.from({ length: 4 }, () => fx('TPL-SECTIONS', 'warning')),
      fx('TPL-SECTION-ORDER', 'warning'),
      fx('TPL-TABLE-MISSING', 'error'),
      fx('TPL-SUBTABLE-MISSING', 'error'),
      fx('TPL-SUBTABLE-MISSING', 'error'),
      fx('TPL-ROW-MISSING', 'error'),
      fx('TPL-ROW-MISSING', 'warning'),
      fx('TPL-ROW-LABEL', 'error', 'T2:procurement:projects', { cells: ['T2:procurement:projects', 'T2:procurement:amount'] }),
      fx('TPL-ROW-LABEL', 'error', 'T3:3.5.1:natural', { cells: t3RowIds('3.5.1') }),
      fx('TPL-ROW-LABEL', 'warning', 'T3:1:natural', { cells: t3RowIds('1') }),
      fx('TPL-COL-LABEL', 'error', 'T3:1:legal', { cells: ['T3:1:legal'] }),
      fx('TPL-COL-LABEL', 'error', 'T3:1:other', { cells: ['T3:1:other'] }),
      ...[...BLANK_T2_003, ...T3_19_IDS].map((id) => fx('VAL-BLANK', 'warning', id, { cells: [id] })),
      fx('T2-19-TOTAL-EQ-NEW', 'info', 'T2:normativeDocuments:totalPublished', {
        cells: ['T2:normativeDocuments:totalPublished', 'T2:normativeDocuments:newlyPublished'],
      }),
      fx('YEAR-TYPO', 'info'),
      fx('YEAR-PERIOD', 'info'),
      fx('DATE-SIGN', 'info'),
    ],
    values: {
      ...fill(BLANK_T2_003, null),
      'T2:normativeDocuments:newlyMade': 23,
      'T2:normativeDocuments:newlyPublished': 23,
      'T2:normativeDocuments:totalPublished': 23,
      ...fill(T3_19_IDS, null),
    },
  },
  '004': {
    file: '004_f7f13551a3070eae.txt',
    report: { title: '韩庄镇2020年政府信息公开工作年度报告', year: 2020, entity: '韩庄镇', format: '2019' },
    core: [
      fx('VAL-WHITESPACE', 'info', 'T3:1:natural', { cells: WS_T3_004, unordered: true }),
      fx('VAL-WHITESPACE', 'info', 'T4:cases:review.upheld', { cells: WS_T4_004, unordered: true }),
      fx('T2-ALLZERO', 'info', 'T2:regulations:newlyMade', { cells: ALLZERO_19 }),
      fx('YEAR-PERIOD', 'info'),
    ],
    values: ZERO_2019,
    raw: { 'T3:1:natural': '\u00a00', 'T3:1:legal': '\u00a00', 'T3:1:nonprofit': '0\u00a0', 'T4:cases:review.upheld': '\u00a00\u00a0', 'T4:cases:review.corrected': '\u00a0\u00a00' },
  },
};

/** Arithmetic rules that must not fire on any seed (seed-findings.md summary). */
export const ARITHMETIC = ['T3-ROWSUM', 'T3-BALANCE', 'T3-RESULT-SUM', 'T4-SUM-REVIEW', 'T4-SUM-LIT-DIRECT', 'T4-SUM-LIT-AFTER'];

// ------------------------------------------------------------------ corpus (shared/corpus/README.md)

/** Pingtan 2024 (2021 format): every cell filled. */
export function pingtanValues(): Values {
  const v: Values = {
    'T2:regulations:issued': 0,
    'T2:regulations:repealed': 0,
    'T2:regulations:inForce': 0,
    'T2:normativeDocuments:issued': 62,
    'T2:normativeDocuments:repealed': 33,
    'T2:normativeDocuments:inForce': 440,
    'T2:licensing:decisions': 4529,
    'T2:penalties:decisions': 1100,
    'T2:enforcement:decisions': 65,
    'T2:fees:feeAmount': 18651.06,
    ...fill(t3Ids(T3_21_ROWS), 0),
  };
  const row = (r: string, vals: number[]) => C7.forEach((c, i) => (v[`T3:${r}:${c}`] = vals[i]!));
  row('1', [217, 1, 0, 0, 0, 0, 218]);
  row('3.7', [217, 1, 0, 0, 0, 0, 218]);
  const natural: Record<string, number> = { '3.1': 71, '3.2': 29, '3.3.1': 4, '3.3.4': 3, '3.3.5': 32, '3.4.1': 75, '3.5.2': 1, '3.6.1': 1, '3.6.3': 1 };
  for (const [r, n] of Object.entries(natural)) {
    v[`T3:${r}:natural`] = n;
    v[`T3:${r}:total`] = n; // 总计 = row sum (T3-ROWSUM passes on every row)
  }
  v['T3:3.6.3:commercial'] = 1;
  v['T3:3.6.3:total'] = 2;
  const t4 = [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19];
  T4_COLS.forEach((c, i) => (v[c] = t4[i]!));
  return v;
}

const _ = null;
/** Shanghai 2019 T3 as on the page (null = blank cell), rows in template order. */
export const SHANGHAI_T3: Record<string, (number | null)[]> = {
  '1': [821, 35, _, _, 2, 1, 859],
  '2': [18, _, _, _, _, _, 18],
  '3.1': [258, 12, _, _, 1, 1, _],
  '3.2': [3, _, _, _, _, _, _],
  '3.3.1': [14, _, _, _, _, _, _],
  '3.3.2': [_, _, _, _, _, _, _],
  '3.3.3': [_, _, _, _, _, _, _],
  '3.3.4': [_, _, _, _, _, _, _],
  '3.3.5': [5, _, _, _, _, _, _],
  '3.3.6': [3, 1, _, _, _, _, _],
  '3.3.7': [_, _, _, _, _, _, _],
  '3.3.8': [10, 2, _, _, _, _, _],
  '3.4.1': [252, 12, _, _, 1, _, _],
  '3.4.2': [44, 3, _, _, _, _, _],
  '3.4.3': [25, _, _, _, _, _, _],
  '3.5.1': [148, 1, _, _, _, _, _],
  '3.5.2': [5, 4, _, _, _, _, _],
  '3.5.3': [_, _, _, _, _, _, _],
  '3.5.4': [_, _, _, _, _, _, _],
  '3.5.5': [_, _, _, _, _, _, _],
  '3.6': [_, _, _, _, _, _, _],
  '3.7': [767, 35, _, _, 2, 1, 805],
  '4': [72, _, _, _, _, _, 72],
};
export const SHANGHAI_T4 = [5, _, _, 2, 7, 8, _, _, 1, 9, _, _, _, _, _];

export function shanghaiValues(): Values {
  const v: Values = {
    'T2:regulations:newlyMade': 13,
    'T2:regulations:newlyPublished': 13,
    'T2:regulations:totalPublished': 524,
    'T2:normativeDocuments:newlyMade': 60,
    'T2:normativeDocuments:newlyPublished': 60,
    'T2:normativeDocuments:totalPublished': 368,
    ...fill(t2Ids(T2_19_ROWS.filter(([r]) => !['regulations', 'normativeDocuments', 'procurement'].includes(r))), 0),
    'T2:procurement:projects': 6,
    'T2:procurement:amount': 251000,
  };
  for (const [r, vals] of Object.entries(SHANGHAI_T3)) C7.forEach((c, i) => (v[`T3:${r}:${c}`] = vals[i]!));
  T4_COLS.forEach((c, i) => (v[c] = SHANGHAI_T4[i]!));
  return v;
}

export const LEGACY = [
  { file: 'pingtan-2014.txt', title: '平潭综合实验区管委会2014年度政府信息公开工作年度报告', year: 2014, entity: '平潭综合实验区管委会' },
  { file: 'pingtan-2016.txt', title: '平潭综合实验区2016年度政府信息公开工作年度报告', year: 2016, entity: '平潭综合实验区' },
  { file: 'pingtan-2017.txt', title: '平潭综合实验区2017年度政府信息公开工作年度报告', year: 2017, entity: '平潭综合实验区' },
  { file: 'pingtan-2018.txt', title: '平潭综合实验区2018年度政府信息公开工作年度报告', year: 2018, entity: '平潭综合实验区' },
];

// ------------------------------------------------------------------ mutated fixtures

export interface MutationExpectation {
  source: string;
  mutation: string;
  findings: ExpectedFinding[];
  removes: ExpectedFinding[];
  report?: Partial<{ title: string; year: number; entity: string; format: '2019' | '2021' | null }>;
  cells?: Record<string, { raw?: string; value?: number | null }>;
  absentCells?: string[];
  injectedText?: string;
  why: string;
}
