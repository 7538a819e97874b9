/**
 * Table-driven rule fixtures (ESLint RuleTester style). Each family has a
 * `<family>.cases.ts` exporting `cases: RuleCases[]`; `rules.test.ts` runs them all and
 * `meta.test.ts` checks that every rule has at least one passing and one failing case.
 */
import type { AuditContext, Finding } from '../types';

export interface RuleCase {
  name: string;
  /** Build the context the rule sees (see tests/helpers/context.ts `makeContext`). */
  ctx: () => AuditContext;
}

export interface FailingCase extends RuleCase {
  /**
   * The findings this rule must produce, in order, matched with `toMatchObject`
   * (so a partial object checks only the fields it names). Length is checked exactly.
   */
  findings: Partial<Omit<Finding, 'ruleId'>>[];
}

export interface RuleCases {
  ruleId: string;
  /** Contexts where the rule must produce no finding (passes, or not assessable). */
  valid: RuleCase[];
  /** Contexts where it must produce exactly the listed findings. */
  invalid: FailingCase[];
}
