/**
 * G. Table 四 (rules.md §G, core tier): each group's 总计 equals its four outcomes
 * (结果维持 + 结果纠正 + 其他结果 + 尚未审结), evaluated over reported values (design note 3).
 */
import type { CellId, Rule, RuleFinding } from '../types';
import { cellId } from '../template';
import { defineRule, fmt, val } from './define';
import { gapNote, identity, present, terms } from './sum';

const BOTH = ['2019', '2021'] as const;
const OUTCOMES = ['upheld', 'corrected', 'other', 'pending'] as const;
const id = (group: string, col: string): CellId => cellId('T4', 'cases', `${group}.${col}`);

function groupSum(ruleId: string, group: string, zh: string, en: string, name: string) {
  return defineRule(
    {
      id: ruleId,
      severity: 'error',
      formats: BOTH,
      tier: 'core',
      title: { zh: `${zh}：总计不等于各结果之和`, en: `${en}: total differs from the outcomes` },
      description: {
        zh: `表四${zh}的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和（总计含尚未审结）。总计或四项全部缺失时不评估。`,
        en: `T4 ${en}: 总计 equals 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (the total includes pending cases). Not assessable when the total or all four outcomes are missing.`,
      },
    },
    (ctx): RuleFinding[] => {
      const total = id(group, 'total');
      const parts = OUTCOMES.map((o) => id(group, o));
      const o = identity(ctx, [total], parts);
      if (o.kind !== 'fail') return [];
      return [
        {
          severity: o.severity,
          cells: present(ctx, [total, ...parts]),
          expected: o.right.sum,
          actual: o.left.sum,
          message: `${name}总计为 ${fmt(o.left.sum)}，但结果维持 + 结果纠正 + 其他结果 + 尚未审结 = ${terms(ctx, parts)} = ${fmt(o.right.sum)}${gapNote(ctx, o)}`,
        },
      ];
    },
  );
}

const afterReviewPlaus = defineRule(
  {
    id: 'T4-AFTER-REVIEW-PLAUS',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '复议后起诉多于本年行政复议', en: 'More suits after review than reviews this year' },
    description: {
      zh: '复议后起诉的总计大于本年行政复议总计：合法（可能针对以前年度或其他复议机关的复议决定），仅作背景提示。',
      en: 'Suits after review exceed this year’s reviews: legal (they can follow reviews of earlier years or by other review bodies); context only.',
    },
  },
  (ctx) => {
    const after = id('suitAfterReview', 'total');
    const review = id('review', 'total');
    const a = val(ctx, after);
    const r = val(ctx, review);
    if (a === null || r === null || a <= r) return [];
    return [{ cells: [after, review], message: `复议后起诉 ${fmt(a)} 件，多于本年行政复议 ${fmt(r)} 件（可能涉及以前年度或其他机关的复议决定）` }];
  },
);

export const rules: Rule[] = [
  groupSum('T4-SUM-REVIEW', 'review', '行政复议', 'Administrative review', '行政复议'),
  groupSum('T4-SUM-LIT-DIRECT', 'directSuit', '行政诉讼·未经复议直接起诉', 'Suits without review', '未经复议直接起诉'),
  groupSum('T4-SUM-LIT-AFTER', 'suitAfterReview', '行政诉讼·复议后起诉', 'Suits after review', '复议后起诉'),
  afterReviewPlaus,
];
