/**
 * Fixtures for the Table 二 rules (rules.md §E), after Shanghai 2019 (规章 13/13/524,
 * 规范性文件 60/60/368), seed 003 (规范性文件 23/23/23), seed 001 (items 36/34), seed 000
 * (procurement 55 / 3249.75万元) and Pingtan 2024 (2021: 规范性文件 62 issued, 440 in force).
 */
import { expect } from 'vitest';
import type { RuleCases } from './cases';
import { makeContext } from '../../tests/helpers/context';
import { tableCells } from '../../tests/helpers/cells';

const y2019 = (over: Record<string, string>) => () => makeContext({ cells: tableCells('2019', 'T2', over) });
const y2021 = (over: Record<string, string>) => () => makeContext({ format: '2021', year: 2024, cells: tableCells('2021', 'T2', over) });
const SHANGHAI = {
  'T2:regulations:newlyMade': '13',
  'T2:regulations:newlyPublished': '13',
  'T2:regulations:totalPublished': '524',
  'T2:normativeDocuments:newlyMade': '60',
  'T2:normativeDocuments:newlyPublished': '60',
  'T2:normativeDocuments:totalPublished': '368',
};

export const cases: RuleCases[] = [
  {
    ruleId: 'T2-19-PUB-LE-TOTAL',
    valid: [
      { name: 'Shanghai 2019: 13 ≤ 524, 60 ≤ 368', ctx: y2019(SHANGHAI) },
      { name: 'seed 003: 23 ≤ 23, regulations blank (not assessable)', ctx: y2019({ 'T2:regulations:newlyPublished': '', 'T2:regulations:totalPublished': '', 'T2:normativeDocuments:newlyPublished': '23', 'T2:normativeDocuments:totalPublished': '23' }) },
    ],
    invalid: [
      {
        name: '60 published of a total of 36',
        ctx: y2019({ ...SHANGHAI, 'T2:normativeDocuments:totalPublished': '36' }),
        findings: [{ severity: 'error', cells: ['T2:normativeDocuments:totalPublished', 'T2:normativeDocuments:newlyPublished'], expected: 60, actual: 36 }],
      },
    ],
  },
  {
    ruleId: 'T2-19-MADE-NOT-PUB',
    valid: [{ name: 'Shanghai 2019: 13/13, 60/60', ctx: y2019(SHANGHAI) }],
    invalid: [
      {
        name: '60 made, 52 published',
        ctx: y2019({ ...SHANGHAI, 'T2:normativeDocuments:newlyPublished': '52' }),
        findings: [{ severity: 'warning', cells: ['T2:normativeDocuments:newlyPublished', 'T2:normativeDocuments:newlyMade'] }],
      },
    ],
  },
  {
    ruleId: 'T2-19-TOTAL-EQ-NEW',
    valid: [
      { name: 'Shanghai 2019 has stock', ctx: y2019(SHANGHAI) },
      { name: 'all zero', ctx: y2019({}) },
    ],
    invalid: [
      {
        name: 'seed 003: 规范性文件 23/23/23',
        ctx: y2019({ 'T2:normativeDocuments:newlyMade': '23', 'T2:normativeDocuments:newlyPublished': '23', 'T2:normativeDocuments:totalPublished': '23' }),
        findings: [{ severity: 'info', cells: ['T2:normativeDocuments:totalPublished', 'T2:normativeDocuments:newlyPublished'] }],
      },
    ],
  },
  {
    ruleId: 'T2-19-ITEMS-NONNEG',
    valid: [
      { name: 'seed 001: 36+0, 34+0', ctx: y2019({ 'T2:licensing:previousCount': '36', 'T2:otherServices:previousCount': '34' }) },
      { name: 'change blank: not assessable', ctx: y2019({ 'T2:licensing:change': '', 'T2:licensing:previousCount': '3' }) },
    ],
    invalid: [
      {
        name: '3 items, change −5',
        ctx: y2019({ 'T2:licensing:previousCount': '3', 'T2:licensing:change': '-5' }),
        findings: [{ severity: 'error', cells: ['T2:licensing:change', 'T2:licensing:previousCount'] }],
      },
    ],
  },
  {
    ruleId: 'T2-19-DECISIONS-NO-ITEMS',
    valid: [{ name: 'seed 001: items 36/34 with decisions 23/253', ctx: y2019({ 'T2:licensing:previousCount': '36', 'T2:licensing:decisions': '23', 'T2:otherServices:previousCount': '34', 'T2:otherServices:decisions': '253' }) }],
    invalid: [
      {
        name: 'no penalties items, 12 decisions',
        ctx: y2019({ 'T2:penalties:decisions': '12' }),
        findings: [{ cells: ['T2:penalties:decisions', 'T2:penalties:previousCount', 'T2:penalties:change'], actual: 12 }],
      },
    ],
  },
  {
    ruleId: 'T2-19-PROC-CONSIST',
    valid: [
      { name: 'seed 000: 55 / 3249.75万元', ctx: y2019({ 'T2:procurement:projects': '55', 'T2:procurement:amount': '3249.75万元' }) },
      { name: 'seed 003: both blank → not assessable', ctx: y2019({ 'T2:procurement:projects': '', 'T2:procurement:amount': '' }) },
    ],
    invalid: [
      { name: '3 projects, amount 0', ctx: y2019({ 'T2:procurement:projects': '3' }), findings: [{ cells: ['T2:procurement:amount', 'T2:procurement:projects'] }] },
    ],
  },
  {
    ruleId: 'T2-21-VALID-GE-MADE',
    valid: [{ name: 'Pingtan 2024: 440 ≥ 62', ctx: y2021({ 'T2:normativeDocuments:issued': '62', 'T2:normativeDocuments:repealed': '33', 'T2:normativeDocuments:inForce': '440' }) }],
    invalid: [
      {
        name: '62 issued, 40 in force',
        ctx: y2021({ 'T2:normativeDocuments:issued': '62', 'T2:normativeDocuments:inForce': '40' }),
        findings: [{ severity: 'warning', cells: ['T2:normativeDocuments:inForce', 'T2:normativeDocuments:issued'], expected: 62, actual: 40 }],
      },
    ],
  },
  {
    ruleId: 'T2-ALLZERO',
    valid: [
      { name: 'Shanghai 2019 has documents', ctx: y2019(SHANGHAI) },
      { name: 'a blank is not a reported 0 (seed 003)', ctx: y2019({ 'T2:regulations:newlyMade': '' }) },
    ],
    invalid: [
      {
        name: 'seed 000: all zero but 55 procurement projects → 20 cells',
        ctx: y2019({ 'T2:procurement:projects': '55', 'T2:procurement:amount': '3249.75万元' }),
        findings: [{ severity: 'info', cells: expect.arrayContaining(['T2:regulations:newlyMade', 'T2:fees:change']) }],
      },
      { name: '2021 format: 10 cells', ctx: y2021({}), findings: [{ cells: expect.objectContaining({ length: 10 }) }] },
    ],
  },
];
