/**
 * Table-driven fixtures of the cross-year rules (lib/rules/xyear.ts), in the style of the
 * `*.cases.ts` files but over report pairs: each case builds this year's and last year's report
 * (lib/crossyear.ts YearReport). They come from real text — the seeds and the corpus
 * (tests/fixtures/real/) — and from mutated copies of them: a seed and a copy of it as "next
 * year" with 上年结转 changed, the narrative copied, a total moved. Run by xyear.test.ts;
 * meta.test.ts checks that each cross-year rule has a passing and a failing case here.
 *
 * (Not named `xyear.cases.ts`: the `*.cases.ts` glob of rules.test.ts runs single-report rules.)
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { runBytes } from '../node';
import { yearReportFromRun, type YearReport } from '../crossyear';
import { normaliseValue } from '../value';
import type { CellId, Finding } from '../types';

export interface PairCase {
  name: string;
  pair: () => { current: YearReport; previous: YearReport };
}
export interface FailingPairCase extends PairCase {
  /** The findings this rule must produce, in order, matched with toMatchObject; length checked exactly. */
  findings: Partial<Finding>[];
}
export interface PairCases {
  ruleId: string;
  valid: PairCase[];
  invalid: FailingPairCase[];
}

const REAL = new URL('../../tests/fixtures/real/', import.meta.url);
const memo = new Map<string, YearReport>();

/** A real report (tests/fixtures/real/NAME) audited as the CLI does, as a YearReport. */
export function real(name: string): YearReport {
  let r = memo.get(name);
  if (!r) {
    const url = new URL(name, REAL);
    const run = runBytes(new Uint8Array(readFileSync(url)), { source: `tests/fixtures/real/${name}`, name });
    const y = yearReportFromRun(run);
    if (!y) throw new Error(`${name} is not detected as a report`);
    memo.set(name, (r = y));
  }
  return structuredClone(r);
}

export const SEED = {
  s000: '000_071676f2277229f7.txt', // 红椿镇人民政府 2019, 2019 format, all zero but procurement
  s001: '001_7c44bb757eda1ba7.txt', // 红星镇 2020: licensing 36 items / 23 decisions, other services 34 / 253
  s002: '002_99c313048ea6a297.txt', // 同江市乐业镇 2020: 4 applications, 不予处理
  s003: '003_eb5fc01c7533c9cc.txt', // 太平庄乡 2019: T3 blank, normative documents 23/23/23
  s004: '004_f7f13551a3070eae.txt', // 韩庄镇 2020
} as const;

export interface Mutation {
  year?: number;
  source?: string;
  entity?: string | null;
  format?: YearReport['format'];
  site?: string | null;
  /** Cells to set, by id, as raw text ('' = blank); absent cells are added. */
  cells?: Record<CellId, string>;
  /** Cells to remove (not on the page). */
  drop?: CellId[];
  narrative?: string | null;
}

/** A copy of a report with some facts changed (the "mutated next year"). */
export function mutate(r: YearReport, m: Mutation): YearReport {
  const out: YearReport = structuredClone(r);
  if (m.year !== undefined) {
    out.year = m.year;
    if (out.title && r.year !== null) out.title = out.title.replace(String(r.year), String(m.year));
  }
  out.source = m.source ?? (m.year !== undefined ? `${r.source}#${m.year}` : r.source);
  if (m.entity !== undefined) out.entity = m.entity;
  if (m.format !== undefined) out.format = m.format;
  if (m.site !== undefined) out.site = m.site;
  if (m.narrative !== undefined) out.narrative = m.narrative;
  for (const [id, raw] of Object.entries(m.cells ?? {})) {
    const n = normaliseValue(raw);
    out.cells[id] = { raw, value: n.value };
  }
  for (const id of m.drop ?? []) delete out.cells[id];
  return out;
}

/** The report as if it were the same body's report of the year before / after. */
const asYear = (r: YearReport, year: number, m: Mutation = {}) => mutate(r, { ...m, year });

/** Replace every year in a text by the year after (a narrative "updated" for next year). */
function nextYearText(text: string): string {
  return text.replace(/20[0-9]{2}/g, (y) => String(Number(y) + 1));
}

/** Pingtan 2024 relabelled as one body's 2021-format report for `year`. */
const pingtan = (year: number, m: Mutation = {}) => asYear(real('pingtan-2024.html'), year, m);

export const pairCases: PairCases[] = [
  {
    ruleId: 'XYEAR-CARRY',
    valid: [
      {
        name: 'seed 002 (2020) and the same body next year: 上年结转 0 = 结转下年度 0 in every column',
        pair: () => ({ previous: real(SEED.s002), current: asYear(real(SEED.s002), 2021) }),
      },
      {
        name: 'pingtan 2024 after a 2023 report whose row 四 carried 3 forward, row 二 of 2024 set to 3',
        pair: () => ({
          previous: pingtan(2023, { cells: { 'T3:4:natural': '3', 'T3:4:total': '3' } }),
          current: mutate(real('pingtan-2024.html'), { cells: { 'T3:2:natural': '3', 'T3:2:total': '3' } }),
        }),
      },
      {
        name: 'blank ≠ 0: seed 003 (T3 entirely blank) after a year that carried 2 forward: not assessable',
        pair: () => ({ previous: asYear(real(SEED.s003), 2018, { cells: { 'T3:4:natural': '2', 'T3:4:total': '2' } }), current: real(SEED.s003) }),
      },
      {
        name: 'a different body (seed 001 红星镇 after seed 002 同江市乐业镇 relabelled 2019): never compared',
        pair: () => ({ previous: asYear(real(SEED.s002), 2019, { cells: { 'T3:4:natural': '5' } }), current: real(SEED.s001) }),
      },
      {
        name: 'not consecutive: pingtan 2024 after a 2022 report carrying 4 forward',
        pair: () => ({ previous: pingtan(2022, { cells: { 'T3:4:total': '4' } }), current: real('pingtan-2024.html') }),
      },
    ],
    invalid: [
      {
        name: 'seed 002 next year with 上年结转 自然人 3 and 总计 3, but 2020 carried 0 forward',
        pair: () => ({
          previous: real(SEED.s002),
          current: asYear(real(SEED.s002), 2021, { cells: { 'T3:2:natural': '3', 'T3:2:total': '3' } }),
        }),
        findings: [
          { ruleId: 'XYEAR-CARRY', severity: 'error', cells: ['T3:2:natural'], expected: 0, actual: 3 },
          { ruleId: 'XYEAR-CARRY', severity: 'error', cells: ['T3:2:total'], expected: 0, actual: 3 },
        ],
      },
      {
        name: 'across 2020→2021: seed 002 (2019 format, 2020) carried 2 forward; the 2021-format report of 2021 carries 0 over',
        pair: () => ({
          previous: mutate(real(SEED.s002), { cells: { 'T3:4:natural': '2', 'T3:4:total': '2' } }),
          current: pingtan(2021, { entity: '同江市乐业镇', site: null }),
        }),
        findings: [
          { cells: ['T3:2:natural'], expected: 2, actual: 0, reports: expect.objectContaining({ previous: `tests/fixtures/real/${SEED.s002}` }) as unknown as Finding['reports'] },
          { cells: ['T3:2:total'], expected: 2, actual: 0 },
        ],
      },
    ],
  },
  {
    ruleId: 'XYEAR-T2-19-ITEMS',
    valid: [
      {
        name: 'seed 001 (2020: licensing 36 + 0, other services 34 + 0) and its 2021 copy with 36 and 34',
        pair: () => ({ previous: real(SEED.s001), current: asYear(real(SEED.s001), 2021) }),
      },
      {
        name: 'seed 001 as 2019 with licensing 30 and +6, then the real 2020 report with 36',
        pair: () => ({
          previous: asYear(real(SEED.s001), 2019, { cells: { 'T2:licensing:previousCount': '30', 'T2:licensing:change': '6' } }),
          current: real(SEED.s001),
        }),
      },
      {
        name: 'the 2021 format has no item counts: pingtan 2023 → 2024',
        pair: () => ({ previous: pingtan(2023), current: real('pingtan-2024.html') }),
      },
    ],
    invalid: [
      {
        name: 'seed 001 as 2019 with licensing 30 and 增5 (signed word), then 2020 reports 36',
        pair: () => ({
          previous: asYear(real(SEED.s001), 2019, { cells: { 'T2:licensing:previousCount': '30', 'T2:licensing:change': '增5' } }),
          current: real(SEED.s001),
        }),
        findings: [{ severity: 'warning', cells: ['T2:licensing:previousCount'], expected: 35, actual: 36 }],
      },
    ],
  },
  {
    ruleId: 'XYEAR-T2-19-TOTAL',
    valid: [
      {
        name: 'seed 003 (2019: 23 published, 23 in total) then 2020 with 10 new and 33 in total',
        pair: () => ({
          previous: real(SEED.s003),
          current: asYear(real(SEED.s003), 2020, { cells: { 'T2:normativeDocuments:newlyPublished': '10', 'T2:normativeDocuments:totalPublished': '33' } }),
        }),
      },
      {
        name: 'across the format change T2 is not compared: seed 003 (2019) then a 2021-format 2020 report',
        pair: () => ({ previous: real(SEED.s003), current: pingtan(2020, { entity: '太平庄乡', site: null }) }),
      },
    ],
    invalid: [
      {
        name: 'seed 003 as 2020 keeps 23/23/23: the total should be 23 + 23 = 46',
        pair: () => ({ previous: real(SEED.s003), current: asYear(real(SEED.s003), 2020) }),
        findings: [{ severity: 'warning', cells: ['T2:normativeDocuments:totalPublished'], expected: 46, actual: 23 }],
      },
      {
        name: 'a decrease: 2020 total 10 after 23 (the message asks for an explanation)',
        pair: () => ({
          previous: real(SEED.s003),
          current: asYear(real(SEED.s003), 2020, { cells: { 'T2:normativeDocuments:newlyPublished': '0', 'T2:normativeDocuments:totalPublished': '10' } }),
        }),
        findings: [{ cells: ['T2:normativeDocuments:totalPublished'], expected: 23, actual: 10, message: expect.stringContaining('减少需要说明原因') as unknown as string }],
      },
    ],
  },
  {
    ruleId: 'XYEAR-T2-21-VALID',
    valid: [
      {
        name: 'pingtan 2024 (440 in force, 62 issued, 33 repealed) after 2023 with 411 in force',
        pair: () => ({ previous: pingtan(2023, { cells: { 'T2:normativeDocuments:inForce': '411' } }), current: real('pingtan-2024.html') }),
      },
      {
        name: 'last year in the 2019 format: not assessable',
        pair: () => ({ previous: asYear(real(SEED.s002), 2023, { entity: '平潭综合实验区', site: 'pingtan.gov.cn' }), current: real('pingtan-2024.html') }),
      },
    ],
    invalid: [
      {
        name: 'pingtan 2024 after a 2023 copy of itself (440 in force): 440 + 62 − 33 = 469',
        pair: () => ({ previous: pingtan(2023), current: real('pingtan-2024.html') }),
        findings: [{ severity: 'warning', cells: ['T2:normativeDocuments:inForce'], expected: 469, actual: 440 }],
      },
    ],
  },
  {
    ruleId: 'T2-21-REPEAL-PLAUS',
    valid: [
      {
        name: 'pingtan 2024 repeals 33 of 440 + 62',
        pair: () => ({ previous: pingtan(2023), current: real('pingtan-2024.html') }),
      },
    ],
    invalid: [
      {
        name: 'pingtan 2024 with 600 repealed after 2023 with 440 in force and 62 issued',
        pair: () => ({ previous: pingtan(2023), current: mutate(real('pingtan-2024.html'), { cells: { 'T2:normativeDocuments:repealed': '600' } }) }),
        findings: [{ severity: 'warning', cells: ['T2:normativeDocuments:repealed', 'T2:normativeDocuments:issued'], expected: 502, actual: 600 }],
      },
    ],
  },
  {
    ruleId: 'XYEAR-DUPLICATE',
    valid: [
      {
        name: 'real consecutive reports of one body: pingtan 2016 → 2017 (legacy, text only; about 15 % similar)',
        pair: () => ({ previous: real('pingtan-2016.txt'), current: real('pingtan-2017.txt') }),
      },
      {
        name: 'real consecutive reports of one body: pingtan 2017 → 2018',
        pair: () => ({ previous: real('pingtan-2017.txt'), current: real('pingtan-2018.txt') }),
      },
      {
        name: 'seed 002 next year with the same all-zero T2 and T4 and a 4-application T3 (too little data to call a copy), new text',
        pair: () => ({ previous: real(SEED.s002), current: asYear(real(SEED.s002), 2021, { narrative: real(SEED.s001).narrative }) }),
      },
      {
        name: 'a short narrative (under 200 characters) repeated is not compared',
        pair: () => ({
          previous: asYear(real(SEED.s002), 2019, { narrative: '本机关2019年政府信息公开工作情况良好，无其他需要报告的事项。' }),
          current: mutate(real(SEED.s002), { narrative: '本机关2020年政府信息公开工作情况良好，无其他需要报告的事项。', cells: { 'T3:1:natural': '5', 'T3:1:total': '5' } }),
        }),
      },
    ],
    invalid: [
      {
        name: 'pingtan 2018 republished as 2019 with every year moved on by one (legacy: text only)',
        pair: () => ({
          previous: real('pingtan-2018.txt'),
          current: asYear(real('pingtan-2018.txt'), 2019, { narrative: nextYearText(real('pingtan-2018.txt').narrative!) }),
        }),
        findings: [{ severity: 'warning', cells: [], message: expect.stringContaining('相似度为 100%') as unknown as string }],
      },
      {
        name: 'pingtan 2024 with its narrative and tables copied from 2023',
        pair: () => ({ previous: pingtan(2023), current: real('pingtan-2024.html') }),
        findings: [{ cells: [], message: expect.stringMatching(/相似度为 100%.*表二与上年（2023 年）报告完全相同.*表三.*表四/) as unknown as string }],
      },
    ],
  },
  {
    ruleId: 'XYEAR-YOY',
    valid: [
      {
        name: 'seed 001 next year with 30 licensing decisions after 23 (small change)',
        pair: () => ({ previous: real(SEED.s001), current: asYear(real(SEED.s001), 2021, { cells: { 'T2:licensing:decisions': '30' } }) }),
      },
      {
        name: 'small numbers: seed 002 next year with 12 applications after 4 (×3, and under 20)',
        pair: () => ({ previous: real(SEED.s002), current: asYear(real(SEED.s002), 2021, { cells: { 'T3:1:natural': '12', 'T3:1:total': '12', 'T3:3.7:total': '12' } }) }),
      },
      {
        name: 'across the format change T2 decisions are not compared: seed 001 (2020) then a 2021-format 2021 with 4529',
        pair: () => ({ previous: real(SEED.s001), current: pingtan(2021, { entity: '红星镇', site: null, cells: { 'T3:1:total': '0', 'T3:3.7:total': '0', 'T4:cases:review.total': '0' } }) }),
      },
    ],
    invalid: [
      {
        name: 'seed 001 next year with 253 licensing decisions after 23 (×11)',
        pair: () => ({ previous: real(SEED.s001), current: asYear(real(SEED.s001), 2021, { cells: { 'T2:licensing:decisions': '253' } }) }),
        findings: [{ severity: 'info', cells: ['T2:licensing:decisions'], actual: 253 }],
      },
      {
        name: 'pingtan 2024 (218 applications) after a 2023 with 30 (×7.3)',
        pair: () => ({ previous: pingtan(2023, { cells: { 'T3:1:total': '30', 'T3:3.7:total': '30' } }), current: real('pingtan-2024.html') }),
        findings: [{ cells: ['T3:1:total'], actual: 218 }, { cells: ['T3:3.7:total'], actual: 218 }],
      },
    ],
  },
  {
    ruleId: 'XYEAR-FORMAT-CHANGE',
    valid: [
      {
        name: 'both in the 2021 format: pingtan 2023 → 2024',
        pair: () => ({ previous: pingtan(2023, { narrative: real(SEED.s001).narrative }), current: real('pingtan-2024.html') }),
      },
      {
        name: 'both in the 2019 format: seed 002 2020 → 2021',
        pair: () => ({ previous: real(SEED.s002), current: asYear(real(SEED.s002), 2021) }),
      },
    ],
    invalid: [
      {
        name: 'seed 002 (2019 format, 2020) then its 2021 report in the 2021 format',
        pair: () => ({ previous: real(SEED.s002), current: pingtan(2021, { entity: '同江市乐业镇人民政府', site: null }) }),
        findings: [{ severity: 'info', cells: [], message: expect.stringContaining('表二不比较') as unknown as string }],
      },
    ],
  },
];
