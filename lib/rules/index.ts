/**
 * The rule registry: one family per file, each exporting `rules: Rule[]`.
 * Rule ids and meanings come from ../shared/spec/rules.md (vendored in docs/spec/).
 */
import type { Rule } from '../types';
import { rules as doc } from './doc';
import { rules as format } from './format';
import { rules as template } from './template';
import { rules as value } from './value';
import { rules as t2 } from './t2';
import { rules as t3 } from './t3';
import { rules as t4 } from './t4';
import { rules as dates } from './dates';
import { rules as narr } from './narr';
import { rules as content } from './content';

export const RULES: readonly Rule[] = [...doc, ...format, ...template, ...value, ...t2, ...t3, ...t4, ...dates, ...narr, ...content];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
