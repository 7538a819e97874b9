/**
 * Fixtures for the format rules (rules.md §B). Passing cases are the corpus as detected:
 * seeds 000–004 (2019/2020 in the 2019 format, 10 distinct 2019 signatures; seed 003 has 9),
 * Pingtan 2024 (2024 in the 2021 format, 6 signatures) and the legacy Pingtan texts (format
 * null, legacy). No corpus page fails these rules; the failing cases are the situations
 * rules.md names (a 2021 table in a 2020 report, 政府集中采购 next to 本年制发件数, a 2020
 * report in the old layout).
 */
import type { RuleCases } from './cases';
import { makeContext } from '../../tests/helpers/context';

const legacy = (year: number | null) =>
  makeContext({ format: null, year, entity: '平潭综合实验区', entityType: 'government', detection: { legacy: true, signatures: { '2019': 0, '2021': 0 } } });

export const cases: RuleCases[] = [
  {
    ruleId: 'FMT-VERSION',
    valid: [
      { name: 'seed 004: 2020 report in the 2019 format', ctx: () => makeContext({ format: '2019', year: 2020, entity: '韩庄镇' }) },
      { name: 'seed 000: 2019 report in the 2019 format', ctx: () => makeContext({ format: '2019', year: 2019, entity: '红椿镇人民政府' }) },
      {
        name: 'Pingtan 2024: 2024 report in the 2021 format',
        ctx: () => makeContext({ format: '2021', year: 2024, entity: '平潭综合实验区', entityType: 'government' }),
      },
      { name: 'legacy Pingtan 2017: not assessable (Y ≤ 2018, format null)', ctx: () => legacy(2017) },
      { name: 'year unknown: not assessable', ctx: () => makeContext({ format: '2021', year: null }) },
      { name: 'format not recognised: not assessable', ctx: () => makeContext({ format: null, year: 2022 }) },
    ],
    invalid: [
      {
        name: 'a 2021-format table in a 2020 report',
        ctx: () => makeContext({ format: '2021', year: 2020 }),
        findings: [
          {
            severity: 'error',
            cells: [],
            message: '2020年度报告应使用2019年版格式（国办公开办函〔2019〕60号），但表格为2021年版格式（国办公开办函〔2021〕30号）',
          },
        ],
      },
      {
        name: 'a 2022 report still in the 2019 format',
        ctx: () => makeContext({ format: '2019', year: 2022 }),
        findings: [
          {
            severity: 'error',
            cells: [],
            message: '2022年度报告应使用2021年版格式（国办公开办函〔2021〕30号），但表格为2019年版格式（国办公开办函〔2019〕60号）',
          },
        ],
      },
      {
        name: 'a 2019 report in the 2021 format: warning (60号 only encouraged the format)',
        ctx: () => makeContext({ format: '2021', year: 2019 }),
        findings: [
          {
            severity: 'warning',
            cells: [],
            message: '2019年度报告应使用2019年版格式（国办公开办函〔2019〕60号），但表格为2021年版格式（国办公开办函〔2021〕30号）',
          },
        ],
      },
    ],
  },
  {
    ruleId: 'FMT-MIXED',
    valid: [
      { name: 'seeds: 2019 signatures only', ctx: () => makeContext({ format: '2019', detection: { signatures: { '2019': 10, '2021': 0 } } }) },
      {
        name: 'Pingtan 2024: 2021 signatures only',
        ctx: () => makeContext({ format: '2021', year: 2024, detection: { signatures: { '2019': 0, '2021': 6 } } }),
      },
      { name: 'legacy: no signature at all', ctx: () => legacy(2016) },
    ],
    invalid: [
      {
        name: '政府集中采购 next to a 2021 T2 (本年制发件数 …): audited as 2021',
        ctx: () => makeContext({ format: '2021', year: 2022, detection: { signatures: { '2019': 1, '2021': 6 } } }),
        findings: [{ severity: 'error', cells: [], message: '表格同时含有2019年版格式特征1项和2021年版格式特征6项，按2021年版格式审核' }],
      },
      {
        name: 'a tie in a 2020 report: audited as 2019',
        ctx: () => makeContext({ format: '2019', year: 2020, detection: { signatures: { '2019': 3, '2021': 3 } } }),
        findings: [
          { severity: 'error', cells: [], message: '表格同时含有2019年版格式特征3项和2021年版格式特征3项，按2019年版格式审核（数量相同，按报告年度选定）' },
        ],
      },
    ],
  },
  {
    ruleId: 'FMT-LEGACY',
    valid: [
      { name: 'seed 001: 2019 format, not legacy', ctx: () => makeContext({ format: '2019', year: 2020, entity: '红星镇' }) },
      { name: 'Pingtan 2024: 2021 format, not legacy', ctx: () => makeContext({ format: '2021', year: 2024 }) },
    ],
    invalid: [
      {
        name: 'Pingtan 2014 (legacy was the rule before 2019): info',
        ctx: () => legacy(2014),
        findings: [{ severity: 'info', cells: [], message: '2014年度报告使用2019年前的旧版格式（当时尚无统一格式），不按现行模板审核' }],
      },
      {
        name: 'a 2019 report in the old layout: warning',
        ctx: () => legacy(2019),
        findings: [
          {
            severity: 'warning',
            cells: [],
            message: '2019年度报告仍使用2019年前的旧版格式，应使用2019年版格式（国办公开办函〔2019〕60号）；不按现行模板审核',
          },
        ],
      },
      {
        name: 'a 2020 report in the old layout: error',
        ctx: () => legacy(2020),
        findings: [
          {
            severity: 'error',
            cells: [],
            message: '2020年度报告仍使用2019年前的旧版格式，应使用2019年版格式（国办公开办函〔2019〕60号）；不按现行模板审核',
          },
        ],
      },
    ],
  },
];
