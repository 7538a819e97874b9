/**
 * F. Table 三 (rules.md §F, core tier): the arithmetic of 依申请公开. Every identity is
 * evaluated over reported values only (design note 3, lib/rules/sum.ts): blanks are missing,
 * never 0; a side with nothing reported is not assessable; a gap that a blank on the smaller
 * side could hold is a warning.
 */
import type { AuditContext, CellId, CellValue, Format, Rule, RuleFinding } from '../types';
import { C6, C7, T3_COLUMNS, T3_ROWS, cellId, describeCell, t3ResultRows } from '../template';
import { normaliseLabel } from '../normalise';
import { defineRule, fmt } from './define';
import { gapNote, identity, present, terms } from './sum';

const BOTH = ['2019', '2021'] as const;
const id = (row: string, col: string): CellId => cellId('T3', row, col);
const COL_NAMES = Object.fromEntries(T3_COLUMNS.map((c) => [c.key, c.label])) as Record<string, string>;

/** The row's label in an auditor's words: "（七）总计", "（三）不予公开 1.属于国家秘密". */
function rowName(ctx: AuditContext, row: string): string {
  return describeCell(id(row, 'total'), ctx.format).replace(/^表三 /, '').replace(/ \/ 总计$/, '');
}

function rows(ctx: AuditContext): string[] {
  return ctx.format ? T3_ROWS[ctx.format].map((r) => r.key) : [];
}

const rowSum = defineRule(
  {
    id: 'T3-ROWSUM',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '总计不等于各类申请人之和', en: 'Row total differs from the sum of applicants' },
    description: {
      zh: '表三每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。总计空白或六列全空时不评估；较小一侧有空白时为警告。',
      en: 'Each T3 row’s 总计 equals the sum of its six applicant columns. Not assessable when 总计 or all six are missing; a warning when the smaller side holds a blank.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    for (const r of rows(ctx)) {
      const total = id(r, 'total');
      const parts = C6.map((c) => id(r, c));
      const o = identity(ctx, [total], parts);
      if (o.kind !== 'fail') continue;
      out.push({
        severity: o.severity,
        cells: present(ctx, [total, ...parts]),
        expected: o.right.sum,
        actual: o.left.sum,
        message: `${rowName(ctx, r)} 总计为 ${fmt(o.left.sum)}，但六类申请人之和为 ${terms(ctx, parts)} = ${fmt(o.right.sum)}${gapNote(ctx, o)}`,
      });
    }
    return out;
  },
);

const balance = defineRule(
  {
    id: 'T3-BALANCE',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '勾稽关系不成立：一 + 二 ≠ （七）总计 + 四', en: 'Balance broken: 一 + 二 ≠ （七）总计 + 四' },
    description: {
      zh: '表三注明的勾稽关系：本年新收加上年结转，等于本年办理结果总计加结转下年度继续办理，每一列都应成立。',
      en: 'The printed balance of T3: new applications plus those carried over equal the results total plus those carried forward, in every column.',
    },
  },
  (ctx) => {
    if (!ctx.format) return [];
    const out: RuleFinding[] = [];
    for (const c of C7) {
      const left = [id('1', c), id('2', c)];
      const right = [id('3.7', c), id('4', c)];
      const o = identity(ctx, left, right);
      if (o.kind !== 'fail') continue;
      out.push({
        severity: o.severity,
        cells: present(ctx, [id('4', c), ...left, id('3.7', c)]),
        expected: o.left.sum,
        actual: o.right.sum,
        message: `${COL_NAMES[c]}列：一、本年新收 + 二、上年结转 = ${terms(ctx, left)} = ${fmt(o.left.sum)}，但（七）总计 + 四、结转下年度 = ${terms(ctx, right)} = ${fmt(o.right.sum)}${gapNote(ctx, o)}`,
      });
    }
    return out;
  },
);

const resultSum = defineRule(
  {
    id: 'T3-RESULT-SUM',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '（七）总计不等于各办理结果之和', en: '（七）总计 differs from the sum of the results' },
    description: {
      zh: '表三“（七）总计”应等于（一）予以公开至（六）其他处理各行之和，每一列都应成立。',
      en: 'T3 （七）总计 equals the sum of every result row, （一） to （六）, in every column.',
    },
  },
  (ctx) => {
    if (!ctx.format) return [];
    const results = t3ResultRows(ctx.format);
    const out: RuleFinding[] = [];
    for (const c of C7) {
      const total = id('3.7', c);
      const parts = results.map((r) => id(r, c));
      const o = identity(ctx, [total], parts);
      if (o.kind !== 'fail') continue;
      out.push({
        severity: o.severity,
        cells: present(ctx, [total, ...parts]),
        expected: o.right.sum,
        actual: o.left.sum,
        message: `（七）总计 ${COL_NAMES[c]} 为 ${fmt(o.left.sum)}，但各办理结果之和为 ${fmt(o.right.sum)}${gapNote(ctx, o)}`,
      });
    }
    return out;
  },
);

/** The result group an extra subtotal row stands for, from its label. */
function subtotalGroup(label: string, format: Format): string | null {
  const l = normaliseLabel(label);
  if (l.includes('不予公开')) return '3.3';
  if (l.includes('无法提供')) return '3.4';
  if (l.includes('不予处理')) return '3.5';
  if (l.includes('其他处理') && format === '2021') return '3.6';
  return null;
}

/** An extra column that subtotals the five 法人或其他组织 columns. */
const isLegalPersonSubtotal = (label: string): boolean => {
  const l = normaliseLabel(label);
  return l.includes('小计') || (l.includes('法人') && l.includes('合计'));
};
const LEGAL_PERSONS = C6.filter((c) => c !== 'natural');

function subtotalFinding(
  ctx: AuditContext,
  what: string,
  v: CellValue,
  parts: CellId[],
): RuleFinding | null {
  if (v.value === null) return null;
  // the subtotal itself is reported: compare it with Σ* of its parts (a missing part → warning)
  const reported = parts.filter((p) => ctx.cells.get(p)?.value != null);
  if (reported.length === 0) return null;
  const sum = Math.round(reported.reduce((s, p) => s + ctx.cells.get(p)!.value!, 0) * 100) / 100;
  if (sum === v.value) return null;
  const missing = parts.length > reported.length;
  const warn = missing && sum < v.value;
  return {
    severity: warn ? 'warning' : 'error',
    cells: present(ctx, parts),
    expected: sum,
    actual: v.value,
    message: `${what} 为 ${fmt(v.value)}，但其各项之和为 ${terms(ctx, parts)} = ${fmt(sum)}${warn ? '；各项中有空白，差额可能在空白处' : ''}`,
  };
}

const subtotal = defineRule(
  {
    id: 'T3-SUBTOTAL',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '小计不等于其各项之和', en: 'Subtotal differs from its parts' },
    description: {
      zh: '页面自行增加的小计行或列（如带数值的“（三）不予公开”行、“法人或其他组织小计”列）应等于其各项之和；小计不计入其他求和规则。',
      en: 'A subtotal row or column the page adds (a `（三）不予公开` row with values, a `法人或其他组织小计` column) equals the sum of its parts; subtotals never count in the other sums.',
    },
  },
  (ctx) => {
    const format = ctx.format;
    if (!format) return [];
    const out: RuleFinding[] = [];
    const groupRows = (g: string) => T3_ROWS[format].map((r) => r.key).filter((k) => k.startsWith(g + '.'));
    for (const extra of ctx.tables.T3.extras) {
      if (extra.kind === 'row') {
        const g = subtotalGroup(extra.label, format);
        if (!g) continue;
        for (const c of C7) {
          const v = extra.values[c];
          if (!v) continue;
          const f = subtotalFinding(ctx, `${extra.label} ${COL_NAMES[c]}`, v, groupRows(g).map((r) => id(r, c)));
          if (f) out.push(f);
        }
      } else if (isLegalPersonSubtotal(extra.label)) {
        for (const [row, v] of Object.entries(extra.values)) {
          const f = subtotalFinding(ctx, `${rowName(ctx, row)} ${extra.label}`, v, LEGAL_PERSONS.map((c) => id(row, c)));
          if (f) out.push(f);
        }
      }
    }
    return out;
  },
);

export const rules: Rule[] = [rowSum, balance, resultSum, subtotal];
