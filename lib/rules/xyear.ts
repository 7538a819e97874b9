/**
 * Cross-year rules (rules.md §J, plus T2-21-REPEAL-PLAUS, the other rule of the cross-year
 * tier): this year's report (Y) against the same body's report of Y−1. Each rule is data
 * (meta) plus a pure check over the pair (lib/crossyear.ts PairContext); lib/crossyear.ts
 * runCrossYear decides whether the two reports are comparable at all (same body, Y−1 and Y)
 * and stamps the findings with both reports' ids.
 *
 * Blank ≠ 0 here too: a comparison is made only where both values are reported.
 */
import type { CellId, RuleFinding } from '../types';
import { comparableCell, DUPLICATE_THRESHOLD, MIN_TEXT, textSimilarity, defineCrossYearRule, type CrossYearRule, type PairContext, type YearReport } from '../crossyear';
import { C7, describeCell } from '../template';
import { fmt } from './define';
import { ITEM_ROWS } from './t2';

/** A cell's reported value, or null (absent, blank or not a number). */
function v(r: YearReport, id: CellId): number | null {
  return r.cells[id]?.value ?? null;
}

/** 上年（2023 年）报告 */
function prevReport(p: PairContext): string {
  return `上年（${p.previous.year ?? 'Y−1'} 年）报告`;
}

const T3_COL: Record<string, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legal: '法律服务机构',
  other: '其他法人或组织',
  total: '总计',
};

const T2_ROW: Record<string, string> = {
  regulations: '规章',
  normativeDocuments: '规范性文件',
  licensing: '行政许可',
  otherServices: '其他对外管理服务事项',
  penalties: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
};

const BOTH = ['2019', '2021'] as const;

// ------------------------------------------------------------------ XYEAR-CARRY

const carry = defineCrossYearRule(
  {
    id: 'XYEAR-CARRY',
    severity: 'error',
    formats: BOTH,
    tier: 'cross-year',
    title: { zh: '上年结转与上年报告的结转下年度不符', en: 'Carried-over applications differ from last year\'s carry-forward' },
    description: {
      zh: '本年表三“二、上年结转政府信息公开申请数量”每一列应等于同一机关上年报告表三“四、结转下年度继续办理”的同一列（2020→2021 格式变化时也适用）。两个值都填报时才比较。',
      en: 'Each column of this year\'s T3 row 二 (carried over from last year) must equal the same column of row 四 (carried forward) in the same body\'s report for the year before, also across the 2020→2021 format change. Compared only where both values are reported.',
    },
  },
  (p) => {
    const out: RuleFinding[] = [];
    for (const c of C7) {
      const cur = v(p.current, `T3:2:${c}`);
      const prev = v(p.previous, `T3:4:${c}`);
      if (cur === null || prev === null || cur === prev) continue;
      out.push({
        cells: [`T3:2:${c}`],
        expected: prev,
        actual: cur,
        message: `上年结转（${T3_COL[c]}）为 ${fmt(cur)}，但${prevReport(p)}的“结转下年度继续办理”（${T3_COL[c]}）为 ${fmt(prev)}`,
      });
    }
    return out;
  },
);

// ------------------------------------------------------------------ T2, 2019 format

const t2Items = defineCrossYearRule(
  {
    id: 'XYEAR-T2-19-ITEMS',
    severity: 'warning',
    formats: ['2019'],
    tier: 'cross-year',
    title: { zh: '上一年项目数量与上年报告不衔接', en: 'Last year\'s item count does not follow last year\'s report' },
    description: {
      zh: '两年都用 2019 年版格式时，本年表二“上一年项目数量”应等于上年报告的“上一年项目数量”加“本年增/减”（行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费）。',
      en: 'Both reports in the 2019 format: this year\'s T2 上一年项目数量 must equal last year\'s 上一年项目数量 plus its 本年增/减, for licensing, other services, penalties, enforcement and fees.',
    },
  },
  (p) => {
    if (p.current.format !== '2019' || p.previous.format !== '2019') return [];
    const out: RuleFinding[] = [];
    for (const r of ITEM_ROWS) {
      const cur = v(p.current, `T2:${r}:previousCount`);
      const prevCount = v(p.previous, `T2:${r}:previousCount`);
      const prevChange = v(p.previous, `T2:${r}:change`);
      if (cur === null || prevCount === null || prevChange === null) continue;
      const expected = prevCount + prevChange;
      if (cur === expected) continue;
      out.push({
        cells: [`T2:${r}:previousCount`],
        expected,
        actual: cur,
        message: `${T2_ROW[r]}“上一年项目数量”为 ${fmt(cur)}，但${prevReport(p)}为 ${fmt(prevCount)}、本年增/减 ${prevChange >= 0 ? '+' : ''}${fmt(prevChange)}，应为 ${fmt(expected)}`,
      });
    }
    return out;
  },
);

const PUB_ROWS = ['regulations', 'normativeDocuments'] as const;

const t2Total = defineCrossYearRule(
  {
    id: 'XYEAR-T2-19-TOTAL',
    severity: 'warning',
    formats: ['2019'],
    tier: 'cross-year',
    title: { zh: '对外公开总数量与上年报告不衔接', en: 'Total published does not follow last year\'s report' },
    description: {
      zh: '两年都用 2019 年版格式时，本年规章、规范性文件的“对外公开总数量”应等于上年报告的“对外公开总数量”加本年“本年新公开数量”；减少时需要说明原因。',
      en: 'Both reports in the 2019 format: this year\'s 对外公开总数量 of regulations and normative documents must equal last year\'s plus this year\'s 本年新公开数量; a decrease needs an explanation.',
    },
  },
  (p) => {
    if (p.current.format !== '2019' || p.previous.format !== '2019') return [];
    const out: RuleFinding[] = [];
    for (const r of PUB_ROWS) {
      const cur = v(p.current, `T2:${r}:totalPublished`);
      const prevTotal = v(p.previous, `T2:${r}:totalPublished`);
      const added = v(p.current, `T2:${r}:newlyPublished`);
      if (cur === null || prevTotal === null || added === null) continue;
      const expected = prevTotal + added;
      if (cur === expected) continue;
      const fell = cur < prevTotal ? `，比上年还少 ${fmt(prevTotal - cur)}，减少需要说明原因` : '';
      out.push({
        cells: [`T2:${r}:totalPublished`],
        expected,
        actual: cur,
        message: `${T2_ROW[r]}“对外公开总数量”为 ${fmt(cur)}，但${prevReport(p)}为 ${fmt(prevTotal)}、本年新公开 ${fmt(added)}，应为 ${fmt(expected)}${fell}`,
      });
    }
    return out;
  },
);

// ------------------------------------------------------------------ T2, 2021 format

const t2Valid = defineCrossYearRule(
  {
    id: 'XYEAR-T2-21-VALID',
    severity: 'warning',
    formats: ['2021'],
    tier: 'cross-year',
    title: { zh: '现行有效件数与上年报告不衔接', en: 'Documents in force do not follow last year\'s report' },
    description: {
      zh: '两年都用 2021 年版格式时，本年“现行有效件数”应等于上年报告的“现行有效件数”加本年“本年制发件数”减“本年废止件数”。文件也会因有效期届满而失效（不计入废止），所以只作警告。',
      en: 'Both reports in the 2021 format: this year\'s 现行有效件数 should equal last year\'s plus this year\'s issued minus repealed. A warning only: documents also lapse when their validity period ends without being repealed.',
    },
  },
  (p) => {
    if (p.current.format !== '2021' || p.previous.format !== '2021') return [];
    const out: RuleFinding[] = [];
    for (const r of PUB_ROWS) {
      const cur = v(p.current, `T2:${r}:inForce`);
      const prevInForce = v(p.previous, `T2:${r}:inForce`);
      const issued = v(p.current, `T2:${r}:issued`);
      const repealed = v(p.current, `T2:${r}:repealed`);
      if (cur === null || prevInForce === null || issued === null || repealed === null) continue;
      const expected = prevInForce + issued - repealed;
      if (cur === expected) continue;
      const lapse = cur < expected ? '（差额可能是有效期届满失效的文件，需要核实）' : '';
      out.push({
        cells: [`T2:${r}:inForce`],
        expected,
        actual: cur,
        message: `${T2_ROW[r]}“现行有效件数”为 ${fmt(cur)}，但${prevReport(p)}为 ${fmt(prevInForce)}，本年制发 ${fmt(issued)}、废止 ${fmt(repealed)}，应为 ${fmt(expected)}${lapse}`,
      });
    }
    return out;
  },
);

const repealPlaus = defineCrossYearRule(
  {
    id: 'T2-21-REPEAL-PLAUS',
    severity: 'warning',
    formats: ['2021'],
    tier: 'cross-year',
    title: { zh: '废止件数超过上年现行有效与本年制发之和', en: 'More repealed than could be in force' },
    description: {
      zh: '两年都用 2021 年版格式时，本年“本年废止件数”不应超过上年报告的“现行有效件数”加本年“本年制发件数”。上年为 2019 年版格式时不评估。',
      en: 'Both reports in the 2021 format: this year\'s repealed count cannot exceed last year\'s documents in force plus this year\'s issued. Not assessable when last year\'s report is in the 2019 format.',
    },
  },
  (p) => {
    if (p.current.format !== '2021' || p.previous.format !== '2021') return [];
    const out: RuleFinding[] = [];
    for (const r of PUB_ROWS) {
      const repealed = v(p.current, `T2:${r}:repealed`);
      const issued = v(p.current, `T2:${r}:issued`);
      const prevInForce = v(p.previous, `T2:${r}:inForce`);
      if (repealed === null || issued === null || prevInForce === null) continue;
      const most = prevInForce + issued;
      if (repealed <= most) continue;
      out.push({
        cells: [`T2:${r}:repealed`, `T2:${r}:issued`],
        expected: most,
        actual: repealed,
        message: `${T2_ROW[r]}本年废止 ${fmt(repealed)} 件，超过${prevReport(p)}的现行有效 ${fmt(prevInForce)} 件与本年制发 ${fmt(issued)} 件之和 ${fmt(most)}`,
      });
    }
    return out;
  },
);

// ------------------------------------------------------------------ XYEAR-DUPLICATE

/** Total cells (a total column or row): left out when judging how much a table says. */
function isTotalCell(id: CellId): boolean {
  return /:total$/.test(id) || /^T3:3\.7:/.test(id) || /\.total$/.test(id);
}

/** An identical table needs this many non-zero cells besides totals: tiny tables repeat by chance. */
export const IDENTICAL_MIN_NONZERO = 4;

const TABLE_NAME = { T2: '表二', T3: '表三', T4: '表四' } as const;

/** Tables of this year's report whose comparable cells are all reported, equal to last year's, and informative. */
function identicalTables(p: PairContext): string[] {
  const out: string[] = [];
  for (const t of ['T2', 'T3', 'T4'] as const) {
    const ids = Object.keys(p.current.cells).filter((id) => id.startsWith(`${t}:`) && comparableCell(id, p.current.format, p.previous.format));
    if (ids.length === 0) continue;
    let same = true;
    let nonzero = 0;
    for (const id of ids) {
      const a = v(p.current, id);
      const b = v(p.previous, id);
      if (a === null || b === null || a !== b) {
        same = false;
        break;
      }
      if (a !== 0 && !isTotalCell(id)) nonzero++;
    }
    if (same && nonzero >= IDENTICAL_MIN_NONZERO) out.push(`${TABLE_NAME[t]}与${prevReport(p)}完全相同（${nonzero} 个非零数据）`);
  }
  return out;
}

const duplicate = defineCrossYearRule(
  {
    id: 'XYEAR-DUPLICATE',
    severity: 'warning',
    formats: BOTH,
    tier: 'cross-year',
    title: { zh: '报告与上年报告雷同', en: 'The report repeats last year\'s' },
    description: {
      zh: `正文与上年报告的相似度（数字统一后按 4 字片段计算的 Jaccard 相似度）达到 ${DUPLICATE_THRESHOLD * 100}%，或某张有数据的表格与上年完全相同（至少 ${IDENTICAL_MIN_NONZERO} 个非零数据，合计行列不计）。正文少于 ${MIN_TEXT} 字时不比较正文。旧版格式的报告只比较正文。`,
      en: `The narrative is at least ${DUPLICATE_THRESHOLD * 100} % similar to last year's (Jaccard similarity of 4-character shingles after digits are folded), or a table with data is identical to last year's (at least ${IDENTICAL_MIN_NONZERO} non-zero cells besides totals). Narratives under ${MIN_TEXT} characters are not compared; legacy reports are compared on their text only.`,
    },
  },
  (p) => {
    const parts: string[] = [];
    const a = p.current.narrative;
    const b = p.previous.narrative;
    if (a !== null && b !== null) {
      const s = textSimilarity(a, b);
      if (s.length.current >= MIN_TEXT && s.length.previous >= MIN_TEXT && s.jaccard >= DUPLICATE_THRESHOLD) {
        parts.push(`正文与${prevReport(p)}的相似度为 ${Math.floor(s.jaccard * 100)}%（数字统一后按 4 字片段计算），疑似照搬上年报告`);
      }
    }
    parts.push(...identicalTables(p));
    return parts.length === 0 ? [] : [{ cells: [], message: parts.join('；') }];
  },
  true,
);

// ------------------------------------------------------------------ XYEAR-YOY

/** The key totals compared year on year. */
const KEY_TOTALS: readonly CellId[] = [
  'T2:licensing:decisions',
  'T2:otherServices:decisions',
  'T2:penalties:decisions',
  'T2:enforcement:decisions',
  'T3:1:total',
  'T3:3.7:total',
  'T4:cases:review.total',
];
/** A change by more than this factor either way is a jump. */
export const YOY_FACTOR = 5;
/** Jumps among small numbers are ordinary (2 → 11): the larger value must reach this. */
export const YOY_MIN = 20;

const yoy = defineCrossYearRule(
  {
    id: 'XYEAR-YOY',
    severity: 'info',
    formats: BOTH,
    tier: 'cross-year',
    title: { zh: '关键数据与上年相比变化异常', en: 'A key figure jumps from last year' },
    description: {
      zh: `本年新收申请数、办理总计、行政复议总数和表二处理决定数量与上年相比变化超过 ${YOY_FACTOR} 倍（或降到五分之一以下），且较大的一年不少于 ${YOY_MIN}：供核实。格式变化时表二不比较。`,
      en: `A key total (new applications, results total, administrative reviews, T2 decisions) changes by a factor above ${YOY_FACTOR} or below 1/${YOY_FACTOR} from last year, the larger year being at least ${YOY_MIN}: context to check. T2 is not compared across the format change.`,
    },
  },
  (p) => {
    const out: RuleFinding[] = [];
    for (const id of KEY_TOTALS) {
      if (!comparableCell(id, p.current.format, p.previous.format)) continue;
      const cur = v(p.current, id);
      const prev = v(p.previous, id);
      if (cur === null || prev === null) continue;
      const hi = Math.max(cur, prev);
      const lo = Math.min(cur, prev);
      if (hi < YOY_MIN || (lo > 0 && hi / lo <= YOY_FACTOR)) continue;
      const how = lo === 0 ? (cur > prev ? '从 0 增加' : '降为 0') : cur > prev ? `增加到 ${fmt(cur / prev)} 倍` : `降到 ${Math.round((cur / prev) * 100)}%`;
      out.push({
        cells: [id],
        actual: cur,
        message: `${describeCell(id, p.current.format)} 为 ${fmt(cur)}，${prevReport(p)}为 ${fmt(prev)}，${how}，请核实`,
      });
    }
    return out;
  },
);

// ------------------------------------------------------------------ XYEAR-FORMAT-CHANGE

const formatChange = defineCrossYearRule(
  {
    id: 'XYEAR-FORMAT-CHANGE',
    severity: 'info',
    formats: ['2021'],
    tier: 'cross-year',
    title: { zh: '跨格式比较：只比较可比的表格', en: 'Across the format change only comparable cells are compared' },
    description: {
      zh: '上年报告用 2019 年版格式、本年用 2021 年版格式：跨年只比较表三（（六）其他处理除外）和表四，表二不比较（“对外公开总数量”不等于“现行有效件数”）。',
      en: 'Last year\'s report in the 2019 format, this year\'s in the 2021 format: only T3 (outside （六）) and T4 are compared across the years; T2 is not (对外公开总数量 is not 现行有效件数).',
    },
  },
  (p) => {
    if (p.previous.format !== '2019' || p.current.format !== '2021') return [];
    return [
      {
        cells: [],
        message: `${prevReport(p)}为 2019 年版格式，本年为 2021 年版格式：跨年只比较表三（（六）其他处理除外）和表四，表二不比较（“对外公开总数量”不等于“现行有效件数”）`,
      },
    ];
  },
);

export const rules: CrossYearRule[] = [carry, t2Items, t2Total, t2Valid, repealPlaus, duplicate, yoy, formatChange];
