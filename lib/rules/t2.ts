/**
 * E. Table 二 (rules.md §E, core tier): relations between the cells of 主动公开 rows.
 * Every comparison needs both cells reported; a missing cell makes it not assessable.
 */
import type { AuditContext, CellId, Rule, RuleFinding } from '../types';
import { T2_BLOCKS, cellId } from '../template';
import { defineRule, fmt, val } from './define';

const DOC_ROWS = ['regulations', 'normativeDocuments'] as const;
const ROW_NAMES: Record<string, string> = {
  regulations: '规章',
  normativeDocuments: '规范性文件',
  licensing: '行政许可',
  otherServices: '其他对外管理服务事项',
  penalties: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
  procurement: '政府集中采购',
};
const id = (row: string, col: string): CellId => cellId('T2', row, col);

/** Both values reported, or null. */
function pair(ctx: AuditContext, a: CellId, b: CellId): [number, number] | null {
  const x = val(ctx, a);
  const y = val(ctx, b);
  return x === null || y === null ? null : [x, y];
}

const pubLeTotal = defineRule(
  {
    id: 'T2-19-PUB-LE-TOTAL',
    severity: 'error',
    formats: ['2019'],
    tier: 'core',
    title: { zh: '本年新公开数量超过对外公开总数量', en: 'Published this year exceeds the published total' },
    description: {
      zh: '规章、规范性文件的“本年新公开数量”不能大于“对外公开总数量”。',
      en: 'For 规章 and 规范性文件, 本年新公开数量 cannot exceed 对外公开总数量.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const r of DOC_ROWS) {
      const total = id(r, 'totalPublished');
      const pub = id(r, 'newlyPublished');
      const p = pair(ctx, total, pub);
      if (p && p[1] > p[0]) {
        out.push({ cells: [total, pub], expected: p[1], actual: p[0], message: `${ROW_NAMES[r]}对外公开总数量为 ${fmt(p[0])}，小于本年新公开数量 ${fmt(p[1])}` });
      }
    }
    return out;
  },
);

const madeNotPub = defineRule(
  {
    id: 'T2-19-MADE-NOT-PUB',
    severity: 'warning',
    formats: ['2019'],
    tier: 'core',
    title: { zh: '本年新制作的文件未全部公开', en: 'Documents made this year not all published' },
    description: {
      zh: '规章、规范性文件属于主动公开内容（条例第二十条（一）项）；“本年新制作数量”大于“本年新公开数量”，说明有文件制作后未公开。',
      en: '规章 and 规范性文件 are to be published proactively (Regulations art. 20(1)); 本年新制作数量 above 本年新公开数量 means documents were made but not published.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const r of DOC_ROWS) {
      const pub = id(r, 'newlyPublished');
      const made = id(r, 'newlyMade');
      const p = pair(ctx, pub, made);
      if (p && p[1] > p[0]) {
        out.push({ cells: [pub, made], expected: p[1], actual: p[0], message: `${ROW_NAMES[r]}本年新制作 ${fmt(p[1])} 件，本年新公开仅 ${fmt(p[0])} 件` });
      }
    }
    return out;
  },
);

const totalEqNew = defineRule(
  {
    id: 'T2-19-TOTAL-EQ-NEW',
    severity: 'info',
    formats: ['2019'],
    tier: 'core',
    title: { zh: '对外公开总数量等于本年新公开数量', en: 'Published total equals this year’s publications' },
    description: {
      zh: '对外公开总数量等于本年新公开数量且大于 0：没有以前年度的存量，只有新设机构才说得通，请核实。',
      en: 'The published total equals this year’s new publications (> 0): no stock from earlier years, plausible only for a new body.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const r of DOC_ROWS) {
      const total = id(r, 'totalPublished');
      const pub = id(r, 'newlyPublished');
      const p = pair(ctx, total, pub);
      if (p && p[0] === p[1] && p[0] > 0) {
        out.push({ cells: [total, pub], message: `${ROW_NAMES[r]}对外公开总数量与本年新公开数量同为 ${fmt(p[0])}，以前年度公开的文件未计入？` });
      }
    }
    return out;
  },
);

/** The 2019 format's item rows of table 二 (上一年项目数量, 本年增/减). */
export const ITEM_ROWS = ['licensing', 'otherServices', 'penalties', 'enforcement', 'fees'] as const;

const itemsNonneg = defineRule(
  {
    id: 'T2-19-ITEMS-NONNEG',
    severity: 'error',
    formats: ['2019'],
    tier: 'core',
    title: { zh: '上年项目数加本年增减为负', en: 'Last year’s items plus the change is negative' },
    description: {
      zh: '“上一年项目数量”加“本年增/减”是本年的项目数量，不能为负。',
      en: '上一年项目数量 plus 本年增/减 is this year’s item count and cannot be negative.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const r of ITEM_ROWS) {
      const change = id(r, 'change');
      const prev = id(r, 'previousCount');
      const p = pair(ctx, change, prev);
      if (p && p[1] + p[0] < 0) {
        out.push({ cells: [change, prev], actual: p[0], message: `${ROW_NAMES[r]}上一年项目数量 ${fmt(p[1])} 加本年增/减 ${fmt(p[0])} 为 ${fmt(p[1] + p[0])}，项目数不能为负` });
      }
    }
    return out;
  },
);

const decisionsNoItems = defineRule(
  {
    id: 'T2-19-DECISIONS-NO-ITEMS',
    severity: 'warning',
    formats: ['2019'],
    tier: 'core',
    title: { zh: '无事项却有处理决定', en: 'Decisions without items' },
    description: {
      zh: '某类事项本年数量（上一年项目数量加本年增/减）为 0，却报告了处理决定。',
      en: 'A category has no items this year (previous count plus change is 0) yet reports decisions.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const r of ['licensing', 'otherServices', 'penalties', 'enforcement'] as const) {
      const dec = id(r, 'decisions');
      const prev = id(r, 'previousCount');
      const change = id(r, 'change');
      const d = val(ctx, dec);
      const p = pair(ctx, prev, change);
      if (d !== null && p && p[0] + p[1] === 0 && d > 0) {
        out.push({ cells: [dec, prev, change], actual: d, message: `${ROW_NAMES[r]}本年事项数量为 0，却有处理决定 ${fmt(d)} 件` });
      }
    }
    return out;
  },
);

const procConsist = defineRule(
  {
    id: 'T2-19-PROC-CONSIST',
    severity: 'warning',
    formats: ['2019'],
    tier: 'core',
    title: { zh: '采购项目数量与采购总金额不一致', en: 'Procurement projects and amount disagree' },
    description: {
      zh: '政府集中采购的项目数量与总金额应同为 0 或同为正数。',
      en: 'Procurement projects and amount must be both 0 or both positive.',
    },
  },
  (ctx) => {
    const amount = id('procurement', 'amount');
    const projects = id('procurement', 'projects');
    const p = pair(ctx, amount, projects);
    if (!p || p[0] === 0 === (p[1] === 0)) return [];
    return [{ cells: [amount, projects], message: `政府集中采购项目数量为 ${fmt(p[1])}，采购总金额为 ${fmt(p[0])}，两者应同为 0 或同为正数` }];
  },
);

const validGeMade = defineRule(
  {
    id: 'T2-21-VALID-GE-MADE',
    severity: 'warning',
    formats: ['2021'],
    tier: 'core',
    title: { zh: '现行有效件数少于本年制发件数', en: 'Documents in force fewer than issued this year' },
    description: {
      zh: '现行有效件数通常包含本年制发的文件；少于本年制发件数时请核实（同年制发又废止、失效时可能成立）。',
      en: 'Documents in force normally include those issued this year; fewer in force than issued needs checking (legitimate when issued and repealed or expired in the same year).',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const r of DOC_ROWS) {
      const inForce = id(r, 'inForce');
      const issued = id(r, 'issued');
      const p = pair(ctx, inForce, issued);
      if (p && p[0] < p[1]) {
        out.push({ cells: [inForce, issued], expected: p[1], actual: p[0], message: `${ROW_NAMES[r]}现行有效件数 ${fmt(p[0])} 少于本年制发件数 ${fmt(p[1])}` });
      }
    }
    return out;
  },
);

const ALLZERO_ROWS = new Set(['regulations', 'normativeDocuments', 'licensing', 'otherServices', 'penalties', 'enforcement', 'fees']);

const allZero = defineRule(
  {
    id: 'T2-ALLZERO',
    severity: 'info',
    formats: ['2019', '2021'],
    tier: 'core',
    title: { zh: '表二各项均为 0', en: 'Table 二 all zero' },
    description: {
      zh: '表二（一）（五）（六）（八）各项均已填写且为 0（不看政府集中采购）：乡镇常见，作为背景提示。',
      en: 'Every count in T2 blocks (一)(五)(六)(八) is reported and 0 (procurement ignored): plausible for a township, shown as context.',
    },
  },
  (ctx) => {
    if (!ctx.format) return [];
    const ids: CellId[] = [];
    for (const block of T2_BLOCKS[ctx.format]) {
      for (const row of block.rows) {
        if (!ALLZERO_ROWS.has(row.key)) continue;
        for (const col of row.cols) ids.push(id(row.key, col.key));
      }
    }
    if (ids.length === 0 || !ids.every((c) => val(ctx, c) === 0)) return [];
    return [{ cells: ids, message: `表二规章、规范性文件、行政许可、行政处罚、行政强制、行政事业性收费等 ${ids.length} 项均为 0` }];
  },
);

export const rules: Rule[] = [pubLeTotal, madeNotPub, totalEqNew, itemsNonneg, decisionsNoItems, procConsist, validGeMade, allZero];

