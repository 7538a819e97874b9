/** The synthetic store of the two workbook benchmarks (workbook.bench.ts in Node, workbook-browser.bench.ts in Chromium). */
import type { Severity } from '../lib/types';

export const ENTITIES = ['某某县', '乙市', '丙镇', '丁区人民政府', '戊市教育局', '己县财政局', '庚街道办事处', '辛市生态环境局'];

/** The findings' rules, in turn, with their severities. */
export const RULES: [string, Severity][] = [
  ['T3-ROWSUM', 'error'],
  ['T3-RESULT-SUM', 'error'],
  ['T3-BALANCE', 'error'],
  ['VAL-BLANK', 'warning'],
  ['VAL-TEXT', 'warning'],
  ['TPL-ROW-LABEL', 'warning'],
  ['T2-ALLZERO', 'info'],
  ['DATE-SIGN', 'info'],
];
