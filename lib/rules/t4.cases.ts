/**
 * Fixtures for the Table 四 rules (rules.md §G), after Pingtan 2024 (review 2+1+3+1 = 7,
 * suits after review 13+2+4+0 = 19) and Shanghai 2019 (review 5+·+·+2 = 7 with blanks,
 * direct suits 8+·+·+1 = 9, suits after review all blank).
 */
import type { RuleCases } from './cases';
import { makeContext } from '../../tests/helpers/context';
import { PINGTAN_T4, tableCells, withCells } from '../../tests/helpers/cells';

const pingtan = (over: Record<string, string> = {}) => () => makeContext({ format: '2021', year: 2024, cells: withCells(PINGTAN_T4, over) });
const shanghai = () =>
  makeContext({
    cells: tableCells('2019', 'T4', {
      'T4:cases:review.upheld': '5',
      'T4:cases:review.corrected': '',
      'T4:cases:review.other': '',
      'T4:cases:review.pending': '2',
      'T4:cases:review.total': '7',
      'T4:cases:directSuit.upheld': '8',
      'T4:cases:directSuit.corrected': '',
      'T4:cases:directSuit.other': '',
      'T4:cases:directSuit.pending': '1',
      'T4:cases:directSuit.total': '9',
      'T4:cases:suitAfterReview.upheld': '',
      'T4:cases:suitAfterReview.corrected': '',
      'T4:cases:suitAfterReview.other': '',
      'T4:cases:suitAfterReview.pending': '',
      'T4:cases:suitAfterReview.total': '',
    }),
  });
const group = (g: string) => ['total', 'upheld', 'corrected', 'other', 'pending'].map((o) => `T4:cases:${g}.${o}`);

export const cases: RuleCases[] = [
  {
    ruleId: 'T4-SUM-REVIEW',
    valid: [
      { name: 'Pingtan 2024: 2+1+3+1 = 7', ctx: pingtan() },
      { name: 'Shanghai 2019: 5+·+·+2 = 7', ctx: shanghai },
    ],
    invalid: [
      { name: 'total 7 → 8', ctx: pingtan({ 'T4:cases:review.total': '8' }), findings: [{ severity: 'error', cells: group('review'), expected: 7, actual: 8 }] },
      {
        name: 'total above the outcomes with a blank outcome → warning',
        ctx: pingtan({ 'T4:cases:review.total': '8', 'T4:cases:review.other': '' }),
        findings: [{ severity: 'warning', cells: group('review'), expected: 4, actual: 8 }],
      },
    ],
  },
  {
    ruleId: 'T4-SUM-LIT-DIRECT',
    valid: [
      { name: 'Shanghai 2019: 8+·+·+1 = 9', ctx: shanghai },
      { name: 'Pingtan 2024: all 0', ctx: pingtan() },
    ],
    invalid: [{ name: 'total 0 → 1', ctx: pingtan({ 'T4:cases:directSuit.total': '1' }), findings: [{ severity: 'error', cells: group('directSuit'), expected: 0, actual: 1 }] }],
  },
  {
    ruleId: 'T4-SUM-LIT-AFTER',
    valid: [
      { name: 'Pingtan 2024: 13+2+4+0 = 19', ctx: pingtan() },
      { name: 'Shanghai 2019: all blank → not assessable', ctx: shanghai },
    ],
    invalid: [
      { name: 'total 19 → 18', ctx: pingtan({ 'T4:cases:suitAfterReview.total': '18' }), findings: [{ severity: 'error', cells: group('suitAfterReview'), expected: 19, actual: 18 }] },
    ],
  },
  {
    ruleId: 'T4-AFTER-REVIEW-PLAUS',
    valid: [
      { name: 'Shanghai 2019: suits after review blank', ctx: shanghai },
      { name: 'fewer suits than reviews', ctx: pingtan({ 'T4:cases:suitAfterReview.total': '5', 'T4:cases:suitAfterReview.upheld': '3' }) },
    ],
    invalid: [
      {
        name: 'Pingtan 2024: 19 > 7 → info',
        ctx: pingtan(),
        findings: [{ severity: 'info', cells: ['T4:cases:suitAfterReview.total', 'T4:cases:review.total'] }],
      },
    ],
  },
];
