/**
 * Fixtures for the Table 三 rules (rules.md §F), after seed 002 (four applications, all
 * 信访举报投诉类, every other cell 0) and Shanghai 2019 (result 总计 cells blank, research
 * and nonprofit columns blank); failing cases are the mutations real reports show.
 */
import { expect } from 'vitest';
import type { RuleCases } from './cases';
import { makeContext } from '../../tests/helpers/context';
import { SEED002_T3, tableCells, withCells } from '../../tests/helpers/cells';

const seed002 = (over: Record<string, string> = {}) => () => makeContext({ cells: withCells(SEED002_T3, over) });
const blankRow = (row: string) => Object.fromEntries(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((c) => [`T3:${row}:${c}`, '']));
const C6 = (row: string) => ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other'].map((c) => `T3:${row}:${c}`);

export const cases: RuleCases[] = [
  {
    ruleId: 'T3-ROWSUM',
    valid: [
      { name: 'seed 002: rows 1, 3.5.1, 3.7 are 4 = 4', ctx: seed002() },
      { name: 'Shanghai 2019 row 3.1: 258+12+1+1 with a blank 总计 → not assessable', ctx: seed002({ 'T3:3.1:natural': '258', 'T3:3.1:commercial': '12', 'T3:3.1:legal': '1', 'T3:3.1:other': '1', 'T3:3.1:total': '' }) },
      { name: 'seed 003: a whole row blank', ctx: seed002(blankRow('2')) },
    ],
    invalid: [
      {
        name: 'row 1 总计 4 → 5',
        ctx: seed002({ 'T3:1:total': '5' }),
        findings: [{ severity: 'error', cells: ['T3:1:total', ...C6('1')], expected: 4, actual: 5 }],
      },
      {
        name: 'a blank on the smaller side could hold the gap → warning',
        ctx: seed002({ 'T3:1:total': '5', 'T3:1:legal': '' }),
        findings: [{ severity: 'warning', cells: ['T3:1:total', ...C6('1')], expected: 4, actual: 5, message: expect.stringContaining('空白') }],
      },
      {
        name: 'a blank on the larger side does not soften it',
        ctx: seed002({ 'T3:1:total': '3', 'T3:1:legal': '' }),
        findings: [{ severity: 'error', cells: ['T3:1:total', ...C6('1')], expected: 4, actual: 3 }],
      },
    ],
  },
  {
    ruleId: 'T3-BALANCE',
    valid: [
      { name: 'seed 002: 4+0 = 4+0', ctx: seed002() },
      { name: 'a column with nothing reported on one side', ctx: seed002({ 'T3:1:research': '', 'T3:2:research': '' }) },
    ],
    invalid: [
      {
        name: 'row 1 总计 4 → 5 breaks the 总计 column',
        ctx: seed002({ 'T3:1:total': '5' }),
        findings: [{ severity: 'error', cells: ['T3:4:total', 'T3:1:total', 'T3:2:total', 'T3:3.7:total'], expected: 5, actual: 4 }],
      },
      {
        name: '总计 of row 1 blank: the smaller side holds the blank → warning',
        ctx: seed002({ 'T3:1:total': '' }),
        findings: [{ severity: 'warning', cells: ['T3:4:total', 'T3:1:total', 'T3:2:total', 'T3:3.7:total'] }],
      },
    ],
  },
  {
    ruleId: 'T3-RESULT-SUM',
    valid: [
      { name: 'seed 002: natural and total 4 = 3.5.1', ctx: seed002() },
      { name: '（七）总计 blank → not assessable', ctx: seed002({ 'T3:3.7:natural': '' }) },
      {
        name: '2021 format sums 3.6.1–3.6.3',
        ctx: () =>
          makeContext({
            format: '2021',
            year: 2024,
            cells: tableCells('2021', 'T3', { 'T3:3.6.2:natural': '2', 'T3:3.6.2:total': '2', 'T3:3.7:natural': '2', 'T3:3.7:total': '2', 'T3:1:natural': '2', 'T3:1:total': '2' }),
          }),
      },
    ],
    invalid: [
      {
        name: '（七）总计 total 4 → 5',
        ctx: seed002({ 'T3:3.7:total': '5' }),
        findings: [{ severity: 'error', cells: expect.arrayContaining(['T3:3.7:total', 'T3:3.1:total', 'T3:3.6:total']), expected: 4, actual: 5 }],
      },
      {
        name: '3.5.1 natural 4 → 3 (2019, 3.6 is a data row)',
        ctx: seed002({ 'T3:3.5.1:natural': '3', 'T3:3.6:natural': '' }),
        findings: [{ severity: 'warning', expected: 3, actual: 4 }],
      },
    ],
  },
  {
    ruleId: 'T3-SUBTOTAL',
    valid: [
      { name: 'no extra rows or columns (seed 002)', ctx: seed002() },
      {
        name: 'a （五）不予处理 subtotal row that adds up',
        ctx: () =>
          makeContext({
            cells: SEED002_T3,
            tables: { T3: { extras: [{ table: 'T3', kind: 'row', label: '（五）不予处理', values: { natural: { raw: '4', value: 4, flags: [] }, total: { raw: '4', value: 4, flags: [] } } }] } },
          }),
      },
    ],
    invalid: [
      {
        name: 'a （五）不予处理 subtotal row of 5 over parts summing to 4',
        ctx: () =>
          makeContext({
            cells: SEED002_T3,
            tables: { T3: { extras: [{ table: 'T3', kind: 'row', label: '（五）不予处理', values: { natural: { raw: '5', value: 5, flags: [] } } }] } },
          }),
        findings: [{ severity: 'error', cells: ['T3:3.5.1:natural', 'T3:3.5.2:natural', 'T3:3.5.3:natural', 'T3:3.5.4:natural', 'T3:3.5.5:natural'], expected: 4, actual: 5 }],
      },
      {
        name: 'a 法人或其他组织小计 column that does not add up',
        ctx: () =>
          makeContext({
            cells: withCells(SEED002_T3, { 'T3:1:commercial': '2', 'T3:1:natural': '2' }),
            tables: { T3: { extras: [{ table: 'T3', kind: 'col', label: '小计', values: { '1': { raw: '3', value: 3, flags: [] } } }] } },
          }),
        findings: [{ severity: 'error', cells: ['T3:1:commercial', 'T3:1:research', 'T3:1:nonprofit', 'T3:1:legal', 'T3:1:other'], expected: 2, actual: 3 }],
      },
    ],
  },
];
