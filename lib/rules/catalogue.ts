/**
 * Metadata of every rule the tool knows, for whoever shows a rule by its id (panel, workbook,
 * exports, CLI): the single-report rules of the registry (./index.ts RULES, which the audit
 * runs) and the pair rules of the cross-year tier (./xyear.ts, which lib/crossyear.ts
 * runCrossYear runs on two reports). Only metadata: nothing here runs a rule, so the
 * single-report runner never sees a pair rule.
 */
import type { RuleMeta } from '../types';
import { RULES } from './index';
import { rules as CROSS_YEAR_RULES } from './xyear';

/** Every rule's metadata: the registry's rules, then the cross-year rules. */
export const RULE_META: readonly RuleMeta[] = [...RULES.map((r) => r.meta), ...CROSS_YEAR_RULES.map((r) => r.meta)];

/** Metadata by rule id. */
export const RULE_META_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULE_META.map((m) => [m.id, m]));

/** The rule's title in the language asked for, or the id itself for a rule this version does not know. */
export function ruleTitleOf(ruleId: string, lang: 'zh' | 'en' = 'zh'): string {
  return RULE_META_BY_ID.get(ruleId)?.title[lang] ?? ruleId;
}
