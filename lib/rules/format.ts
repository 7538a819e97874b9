/**
 * B. Format version (rules.md §B): the table format against the report year, tables of both
 * formats in one report, and pre-2019 (legacy) layouts. The facts come from lib/detect.ts:
 * `detection.format` (signature majority, ties by year), `detection.signatures` (distinct
 * signatures per format, tables only) and `detection.legacy`.
 */
import type { AuditContext, CellId, Format, Rule } from '../types';
import { defineRule } from './define';
import { formatSignatureRows } from '../detect';

const BOTH = ['2019', '2021'] as const;

const FORMAT_NAMES: Record<Format, string> = {
  '2019': '2019年版格式（国办公开办函〔2019〕60号）',
  '2021': '2021年版格式（国办公开办函〔2021〕30号）',
};

/** The format the report year calls for: 2021 from Y = 2021, 2019 for Y = 2019/2020, none before. */
export function expectedFormat(year: number | null): Format | null {
  if (year === null || year <= 2018) return null;
  return year >= 2021 ? '2021' : '2019';
}

// ------------------------------------------------------------------ FMT-VERSION

const fmtVersion = defineRule(
  {
    id: 'FMT-VERSION',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '表格格式与报告年度不符', en: 'Table format does not match the report year' },
    description: {
      zh: '2021年度及以后的报告应使用2021年版格式，2019、2020年度报告应使用2019年版格式；2020年度及以前的报告出现2021年版表格，说明标题年度有误或为转载。2020年度起为错误，2019年度（统一格式仅为鼓励采用）为警告。年度未知、格式未识别或2018年度及以前不评估。',
      en: 'Reports for Y ≥ 2021 must use the 2021 format, reports for 2019 and 2020 the 2019 format; a 2021-format table in a report for Y ≤ 2020 means a wrong title year or a republication. Error from Y = 2020, warning for Y = 2019 (the format was only encouraged). Not assessable when Y is unknown, the format is not recognised, or Y ≤ 2018.',
    },
  },
  (ctx) => {
    const y = ctx.year;
    const expected = expectedFormat(y);
    if (y === null || expected === null || ctx.format === null || ctx.format === expected) return [];
    return [
      {
        severity: y === 2019 ? 'warning' : 'error',
        cells: [],
        message: `${y}年度报告应使用${FORMAT_NAMES[expected]}，但表格为${FORMAT_NAMES[ctx.format]}`,
      },
    ];
  },
);

// ------------------------------------------------------------------ FMT-MIXED

/**
 * Mapped value cells lying in the page rows that carry the given format's signatures.
 * Only DOM pages link source rows to mapped cells (through the elements); text dumps give [].
 */
export function signatureRowCells(ctx: AuditContext, format: Format): CellId[] {
  const rows = formatSignatureRows(ctx.page)[format];
  const out: CellId[] = [];
  for (const hit of rows) {
    const row = ctx.page.tables[hit.table]?.rows[hit.row];
    if (!row) continue;
    const els = new Set(row.cells.map((c) => c.el).filter((e): e is Element => e !== undefined));
    for (const cell of ctx.cells.values()) {
      if (!cell.el || out.includes(cell.id)) continue;
      if (els.has(cell.el) || (row.el !== undefined && row.el.contains(cell.el))) out.push(cell.id);
    }
  }
  return out;
}

const fmtMixed = defineRule(
  {
    id: 'FMT-MIXED',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '混用两种年报格式', en: 'Both table formats in one report' },
    description: {
      zh: '报告表格中同时出现2019年版和2021年版的特征标签（如“政府集中采购”与“本年制发件数”并存，或2021年版表二与（六）其他处理只有一行的表三并存）。按特征较多的格式审核（相同时按报告年度）；列出少数格式特征所在行的数据单元格。',
      en: 'The report tables carry signatures of both the 2019 and the 2021 format (e.g. 政府集中采购 next to 本年制发件数, or a 2021 T2 next to a T3 whose （六） has one data row). The report is audited in the format with more signatures (ties: the one the year calls for); cells: the value cells of the rows carrying the minority format\'s signatures.',
    },
  },
  (ctx) => {
    const s = ctx.detection.signatures;
    if (s['2019'] === 0 || s['2021'] === 0) return [];
    const major: Format = ctx.format ?? (s['2021'] >= s['2019'] ? '2021' : '2019');
    const minor: Format = major === '2019' ? '2021' : '2019';
    const tie = s['2019'] === s['2021'] ? '（数量相同，按报告年度选定）' : '';
    return [
      {
        cells: signatureRowCells(ctx, minor),
        message: `表格同时含有2019年版格式特征${s['2019']}项和2021年版格式特征${s['2021']}项，按${major}年版格式审核${tie}`,
      },
    ];
  },
);

// ------------------------------------------------------------------ FMT-LEGACY

const fmtLegacy = defineRule(
  {
    id: 'FMT-LEGACY',
    severity: 'info',
    formats: ['legacy'],
    tier: 'core',
    title: { zh: '2019年前的旧版年报格式', en: 'Pre-2019 (legacy) report layout' },
    description: {
      zh: '报告没有2019年版或2021年版的表格特征，而使用2019年前的地方格式（概述……政府信息公开情况统计表）：不按现行模板审核。2018年度及以前为提示，2019年度为警告，2020年度起为错误。',
      en: 'The report has no 2019/2021 table signature but uses a pre-2019 local layout (概述 … 政府信息公开情况统计表); it is not audited against the current templates. Info for Y ≤ 2018, warning for Y = 2019, error from Y = 2020.',
    },
  },
  (ctx) => {
    if (!ctx.detection.legacy) return [];
    const y = ctx.year;
    if (y === null || y <= 2018) {
      return [{ severity: 'info', cells: [], message: `${y === null ? '' : `${y}年度`}报告使用2019年前的旧版格式（当时尚无统一格式），不按现行模板审核` }];
    }
    return [
      {
        severity: y === 2019 ? 'warning' : 'error',
        cells: [],
        message: `${y}年度报告仍使用2019年前的旧版格式，应使用${FORMAT_NAMES[expectedFormat(y)!]}；不按现行模板审核`,
      },
    ];
  },
);

export const rules: Rule[] = [fmtVersion, fmtMixed, fmtLegacy];
