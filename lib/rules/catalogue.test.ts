/**
 * The combined rule metadata (catalogue.ts): every rule shown anywhere by its id has a title,
 * the cross-year pair rules included, without the single-report runner running them.
 */
import { describe, expect, it } from 'vitest';
import { RULES, RULES_BY_ID } from './index';
import { rules as CROSS_YEAR_RULES } from './xyear';
import { rules as NARR_RULES } from './narr';
import { RULE_META, RULE_META_BY_ID, ruleTitleOf } from './catalogue';

describe('rule catalogue', () => {
  it('holds every single-report and every cross-year rule once', () => {
    const ids = RULE_META.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(RULES.length + CROSS_YEAR_RULES.length);
    for (const r of [...RULES, ...CROSS_YEAR_RULES]) expect(RULE_META_BY_ID.get(r.meta.id)).toBe(r.meta);
  });

  it('names the cross-year rules and the narrative rules by their titles', () => {
    expect(ruleTitleOf('XYEAR-CARRY')).toBe('上年结转与上年报告的结转下年度不符');
    expect(ruleTitleOf('XYEAR-CARRY', 'en')).toBe("Carried-over applications differ from last year's carry-forward");
    for (const r of [...CROSS_YEAR_RULES, ...NARR_RULES]) {
      expect(ruleTitleOf(r.meta.id)).toBe(r.meta.title.zh);
      expect(ruleTitleOf(r.meta.id)).not.toBe(r.meta.id);
    }
    expect(CROSS_YEAR_RULES.map((r) => r.meta.id)).toContain('T2-21-REPEAL-PLAUS');
    expect(ruleTitleOf('T2-21-REPEAL-PLAUS')).toBe(CROSS_YEAR_RULES.find((r) => r.meta.id === 'T2-21-REPEAL-PLAUS')!.meta.title.zh);
  });

  it('leaves the runner’s registry without pair rules', () => {
    for (const r of CROSS_YEAR_RULES) expect(RULES_BY_ID.has(r.meta.id)).toBe(false);
  });

  it('falls back to the id for a rule this version does not know', () => {
    expect(ruleTitleOf('X-FUTURE-RULE')).toBe('X-FUTURE-RULE');
    expect(ruleTitleOf('X-FUTURE-RULE', 'en')).toBe('X-FUTURE-RULE');
  });
});
