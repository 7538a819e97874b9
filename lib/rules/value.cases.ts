/**
 * Fixtures for the value-format rules (rules.md §D), after the seeds: seed 000's
 * `3249.75万元` procurement amount, seed 004's NBSP-padded zeros, seed 003's blanks,
 * Pingtan 2024's `18651.06` fee amount; failing cases inject the variants real pages show.
 */
import { expect } from 'vitest';
import type { RuleCases } from './cases';
import { makeContext } from '../../tests/helpers/context';
import { SEED002_T3, tableCells, withCells } from '../../tests/helpers/cells';

const seed002 = (over: Record<string, string> = {}) => () => makeContext({ cells: withCells(SEED002_T3, over) });
const t2019 = (over: Record<string, string>, spec: Parameters<typeof makeContext>[0] = {}) => () =>
  makeContext({ ...spec, cells: tableCells('2019', 'T2', over) });
const t2021 = (over: Record<string, string>, spec: Parameters<typeof makeContext>[0] = {}) => () =>
  makeContext({ format: '2021', year: 2024, ...spec, cells: tableCells('2021', 'T2', over) });

export const cases: RuleCases[] = [
  {
    ruleId: 'VAL-BLANK',
    valid: [
      { name: 'seed 002: every cell holds a number', ctx: seed002() },
      { name: 'seed 004: NBSP-padded zeros are 0, not blank', ctx: seed002({ 'T3:1:natural': '\u00a00', 'T3:1:commercial': '0\u00a0' }) },
    ],
    invalid: [
      {
        name: 'an &nbsp;-only cell and an empty cell (seed 003 style)',
        ctx: seed002({ 'T3:2:legal': '\u00a0', 'T3:3.3.1:other': '' }),
        findings: [
          { severity: 'warning', cells: ['T3:2:legal'] },
          { severity: 'warning', cells: ['T3:3.3.1:other'] },
        ],
      },
      {
        name: 'strict blanks raise it to error',
        ctx: () => makeContext({ cells: withCells(SEED002_T3, { 'T3:4:total': '  ' }), settings: { strictBlanks: true } }),
        findings: [{ severity: 'error', cells: ['T3:4:total'] }],
      },
    ],
  },
  {
    ruleId: 'VAL-PLACEHOLDER-SYMBOL',
    valid: [{ name: 'numbers only', ctx: seed002() }],
    invalid: [
      {
        name: '/ and 无 and —',
        ctx: seed002({ 'T3:3.3.2:legal': '/', 'T3:3.4.1:other': '无', 'T3:4:research': '—' }),
        findings: [{ cells: ['T3:3.3.2:legal'] }, { cells: ['T3:3.4.1:other'] }, { cells: ['T3:4:research'] }],
      },
    ],
  },
  {
    ruleId: 'VAL-TEXT',
    valid: [
      { name: 'numbers only', ctx: seed002() },
      { name: 'a blank is not text', ctx: seed002({ 'T3:1:legal': '' }) },
    ],
    invalid: [
      {
        name: '暂无, 约30 and a Chinese numeral',
        ctx: seed002({ 'T3:3.1:natural': '暂无', 'T3:3.2:natural': '约30', 'T3:4:other': '十二' }),
        findings: [
          { severity: 'error', cells: ['T3:3.1:natural'], message: expect.stringContaining('暂无') },
          { cells: ['T3:3.2:natural'] },
          { cells: ['T3:4:other'] },
        ],
      },
    ],
  },
  {
    ruleId: 'VAL-NEGATIVE',
    valid: [
      { name: 'a negative 本年增/减 (2019) is legal', ctx: t2019({ 'T2:licensing:previousCount': '5', 'T2:licensing:change': '-2' }) },
      { name: 'zeros', ctx: seed002() },
    ],
    invalid: [
      { name: 'a negative count', ctx: t2019({ 'T2:regulations:newlyMade': '-1' }), findings: [{ cells: ['T2:regulations:newlyMade'], actual: -1 }] },
      { name: 'a negative 2021 废止件数', ctx: t2021({ 'T2:normativeDocuments:repealed': '-33' }), findings: [{ cells: ['T2:normativeDocuments:repealed'] }] },
    ],
  },
  {
    ruleId: 'VAL-DECIMAL',
    valid: [
      { name: 'seed 000: 3249.75万元 is an amount', ctx: t2019({ 'T2:procurement:projects': '55', 'T2:procurement:amount': '3249.75万元' }) },
      { name: 'Pingtan 2024: 18651.06 fee amount', ctx: t2021({ 'T2:fees:feeAmount': '18651.06' }) },
    ],
    invalid: [{ name: '55.5 projects', ctx: t2019({ 'T2:procurement:projects': '55.5' }), findings: [{ cells: ['T2:procurement:projects'], actual: 55.5 }] }],
  },
  {
    ruleId: 'VAL-FULLWIDTH',
    valid: [{ name: 'ASCII digits', ctx: seed002() }],
    invalid: [
      {
        name: 'two full-width cells in T3 → one finding listing both',
        ctx: seed002({ 'T3:1:natural': '４', 'T3:1:total': '４' }),
        findings: [{ severity: 'info', cells: ['T3:1:natural', 'T3:1:total'] }],
      },
    ],
  },
  {
    ruleId: 'VAL-WHITESPACE',
    valid: [
      { name: 'unpadded numbers', ctx: seed002() },
      { name: 'a blank is VAL-BLANK, not this', ctx: seed002({ 'T3:1:legal': '\u00a0' }) },
    ],
    invalid: [
      {
        name: 'seed 004: NBSP padding in T3 and T4 → one finding per table',
        ctx: () =>
          makeContext({
            cells: { ...withCells(SEED002_T3, { 'T3:1:natural': '\u00a04', 'T3:2:natural': '0\u00a0' }), ...tableCells('2019', 'T4', { 'T4:cases:review.upheld': '\u00a00' }) },
          }),
        findings: [{ cells: ['T3:1:natural', 'T3:2:natural'] }, { cells: ['T4:cases:review.upheld'] }],
      },
    ],
  },
  {
    ruleId: 'VAL-THOUSANDS',
    valid: [{ name: 'no separators', ctx: t2021({ 'T2:licensing:decisions': '4529' }) }],
    invalid: [
      { name: 'Pingtan 2024 4529 written 4,529', ctx: t2021({ 'T2:licensing:decisions': '4,529' }), findings: [{ cells: ['T2:licensing:decisions'] }] },
      { name: 'full-width comma', ctx: t2021({ 'T2:penalties:decisions': '1，234' }), findings: [{ cells: ['T2:penalties:decisions'] }] },
    ],
  },
  {
    ruleId: 'VAL-UNIT-IN-CELL',
    valid: [{ name: 'bare numbers', ctx: seed002() }],
    invalid: [
      { name: 'seed 000 3249.75万元 → info', ctx: t2019({ 'T2:procurement:amount': '3249.75万元' }), findings: [{ severity: 'info', cells: ['T2:procurement:amount'] }] },
      { name: 'Shanghai 2019 251000元 → info', ctx: t2019({ 'T2:procurement:amount': '251000元' }), findings: [{ severity: 'info', cells: ['T2:procurement:amount'] }] },
      { name: '4件 in a count cell → warning', ctx: seed002({ 'T3:3.5.1:natural': '4件' }), findings: [{ severity: 'warning', cells: ['T3:3.5.1:natural'] }] },
    ],
  },
  {
    ruleId: 'VAL-AMOUNT-UNIT',
    valid: [
      { name: 'seed 000: unit in the cell', ctx: t2019({ 'T2:procurement:projects': '55', 'T2:procurement:amount': '3249.75万元' }) },
      {
        name: 'unit in the header (采购总金额(万元))',
        ctx: t2019({ 'T2:procurement:amount': '120' }, { tables: { T2: { headerTexts: { amount: '采购总金额(万元)' } } } }),
      },
      { name: 'amount 0 needs no unit', ctx: t2019({}) },
      { name: 'a city department may collect 18651.06 万元', ctx: t2021({ 'T2:fees:feeAmount': '18651.06' }, { entityType: 'department' }) },
    ],
    invalid: [
      { name: '2019: 120 with no unit anywhere', ctx: t2019({ 'T2:procurement:amount': '120' }), findings: [{ cells: ['T2:procurement:amount'], actual: 120 }] },
      { name: '2021: fee written in 元', ctx: t2021({ 'T2:fees:feeAmount': '2500元' }), findings: [{ cells: ['T2:fees:feeAmount'] }] },
      { name: '2021: a township with 2500 万元 in fees', ctx: t2021({ 'T2:fees:feeAmount': '2500' }, { entityType: 'township' }), findings: [{ cells: ['T2:fees:feeAmount'] }] },
    ],
  },
  {
    ruleId: 'VAL-SIGNED-DELTA',
    valid: [
      { name: 'plain -2 is legal', ctx: t2019({ 'T2:licensing:previousCount': '5', 'T2:licensing:change': '-2' }) },
      { name: 'all seeds write 0', ctx: t2019({}) },
    ],
    invalid: [
      {
        name: '增3 and 减少2',
        ctx: t2019({ 'T2:licensing:change': '增3', 'T2:penalties:previousCount': '4', 'T2:penalties:change': '减少2' }),
        findings: [
          { cells: ['T2:licensing:change'], actual: 3 },
          { cells: ['T2:penalties:change'], actual: -2 },
        ],
      },
    ],
  },
];
