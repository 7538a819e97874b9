/**
 * Fixtures for the year, date and entity rules (rules.md §I), built from the seeds' and the
 * corpus' own sentences, dates and names (seed-findings.md, corpus README):
 * - seed 002's preamble and Shanghai 2019 / Pingtan 2024 state the statistics period;
 *   seeds 000, 001, 003, 004 do not (YEAR-PERIOD info);
 * - seed 003 writes "2019度以来" (YEAR-TYPO);
 * - seed 004 is signed 韩庄镇人民政府 / 2021年1月25日; seeds 000–003 have no date at all
 *   (DATE-SIGN info); Pingtan 2024 has PubDate 2025-03-10, Shanghai 2019 发布日期：2020-01-31;
 * - Shanghai 2019 (办公厅 = department) was published on its deadline day.
 * Failing cases change one fact of a real report (a year, a date, a name).
 */
import type { Block, SectionHeading } from '../types';
import type { RuleCases } from './cases';
import { makeContext, type ContextSpec } from '../../tests/helpers/context';

// ------------------------------------------------------------------ real text

const SEED002_PREAMBLE =
  '本报告根据《中华人民共和国政府信息公开条例》及《国务院办公厅政府信息与政务公开办公室关于政府信息公开年度报告有关事项的通知》要求编制。报告中所列数据的统计期限自2020年1月1日至12月31日止。';
const SHANGHAI_PERIOD = '本年度报告中所列数据统计期限从2019年1月1日到12月31日止。';
const PINGTAN_PERIOD = '本报告所列数据统计期限为2024年1月1日至2024年12月31日。';
const SEED000_SEC1 =
  '（一）主动公开政府信息情况。2019年，我镇政府信息公开工作在镇党委、镇政府的正确领导下，按照省、市、县有关要求，加强领导，精心实施，根据我镇的实际，突出重点，不断提高政府信息公开工作水平。';
const SEED001_SEC1 = '2020 年，我镇认真落实县委、县政府有关政府信息公开工作要求，紧紧围绕我镇《政府工作报告》有关部署，突出重点，主动公开政务信息。';
const SEED003_OPENING =
  '[bookmark: _GoBack]2019度以来，太平庄乡政府在县委、县政府的正确领导下，认真贯彻《中华人民共和国政府信息公开条例》的各项要求。';
const SEED004_SEC6 =
  '2020年，韩庄镇第十九届人民代表大会第七次会议代表共提出议案0件，批评、建议和意见7件。通过梳理分类，共归结4项。';

/** Seed 004's signature. */
const SEED004_SIGNATURE = { entity: '韩庄镇人民政府', date: '2021-01-25', rawDate: '2021年1月25日' };

/** A document whose section 一 opens with `first`, optionally with a caption before T2. */
function doc(first: string, caption?: string): { blocks: Block[]; sections: SectionHeading[]; narrative: string[] } {
  const blocks: Block[] = [
    { kind: 'text', text: '红星镇 2020 年政府信息公开工作年度报告' },
    { kind: 'text', text: '一、总体情况' },
    { kind: 'text', text: first },
    { kind: 'text', text: '二、主动公开政府信息情况' },
  ];
  if (caption) blocks.push({ kind: 'text', text: caption });
  blocks.push({ kind: 'table', table: 0 });
  const sections: SectionHeading[] = [
    { section: 1, numeral: 1, text: '一、总体情况', block: 1 },
    { section: 2, numeral: 2, text: '二、主动公开政府信息情况', block: 3 },
  ];
  const narrative = caption ? [first, caption] : [first];
  return { blocks, sections, narrative };
}

function docContext(year: number, first: string, caption?: string, extra: ContextSpec = {}) {
  const d = doc(first, caption);
  return makeContext({ year, entity: '红星镇', page: { blocks: d.blocks }, sections: d.sections, narrative: [...d.narrative, ...(extra.narrative ?? [])] });
}

export const cases: RuleCases[] = [
  // ---------------------------------------------------------------- YEAR-TITLE
  {
    ruleId: 'YEAR-TITLE',
    valid: [
      {
        name: 'seed 001: spaced year 红星镇 2020 年…',
        ctx: () => makeContext({ year: 2020, entity: '红星镇', detection: { title: '红星镇 2020 年政府信息公开工作年度报告' } }),
      },
      {
        name: 'Shanghai 2019: year-first title',
        ctx: () =>
          makeContext({
            year: 2019,
            entity: '上海市人民政府办公厅',
            entityType: 'department',
            detection: { title: '2019年上海市人民政府办公厅政府信息公开工作年度报告' },
          }),
      },
    ],
    invalid: [
      {
        name: 'detected by its tables, title without a year',
        ctx: () => makeContext({ year: null, entity: null, detection: { title: '平潭综合实验区政府信息公开工作年度报告', year: null } }),
        findings: [{ severity: 'error', cells: [], message: '标题“平潭综合实验区政府信息公开工作年度报告”中未写明报告年度' }],
      },
      {
        name: 'detected by its tables, no title at all',
        ctx: () => makeContext({ year: null, entity: null, detection: { title: null, year: null } }),
        findings: [{ severity: 'error', cells: [], message: '未找到报告标题，无法确定报告年度' }],
      },
    ],
  },

  // ---------------------------------------------------------------- YEAR-CONSISTENT
  {
    ruleId: 'YEAR-CONSISTENT',
    valid: [
      { name: 'seed 002: title 2020, period 2020-01-01…12-31', ctx: () => makeContext({ year: 2020, narrative: [SEED002_PREAMBLE] }) },
      { name: 'Pingtan 2024: period 2024-01-01…2024-12-31', ctx: () => makeContext({ format: '2021', year: 2024, narrative: [PINGTAN_PERIOD] }) },
      { name: 'seed 001: section 一 opens with "2020 年，"', ctx: () => docContext(2020, SEED001_SEC1) },
      {
        name: 'seed 003: caption 2019年主动公开政府信息情况表 in a 2019 report',
        ctx: () => docContext(2019, '2019年，我乡坚持以习近平新时代中国特色社会主义思想为指导。', ' 2019年主动公开政府信息情况表'),
      },
      {
        name: 'seed 000: section 一 opens with a sub-heading, not a year',
        ctx: () => docContext(2019, SEED000_SEC1),
      },
      {
        name: 'Y+1 in a plan and Y−1 in a comparison are not checked',
        ctx: () => docContext(2020, SEED001_SEC1, undefined, { narrative: ['2021年，我镇将按照县政务公开办要求开展政府信息公开工作。', '申请数量较2019年回落12.3%。'] }),
      },
    ],
    invalid: [
      {
        name: 'a 2020 report whose period sentence says 2019',
        ctx: () => makeContext({ year: 2020, narrative: [SEED002_PREAMBLE.replace('2020年1月1日', '2019年1月1日')] }),
        findings: [
          {
            severity: 'error',
            cells: [],
            expected: 2020,
            actual: 2019,
            message: '统计期限说明“统计期限自2019年1月1日至12月31日止”中的年度为2019年，与报告年度2020年不符',
          },
        ],
      },
      {
        name: 'last year\'s caption left in a 2020 report',
        ctx: () => docContext(2020, SEED001_SEC1, '2019年主动公开政府信息情况表'),
        findings: [{ cells: [], expected: 2020, actual: 2019, message: '表格标题“2019年主动公开政府信息情况表”中的年度为2019年，与报告年度2020年不符' }],
      },
      {
        name: 'section 一 of a 2021 report opens with "2020 年，"',
        ctx: () => docContext(2021, SEED001_SEC1),
        findings: [
          {
            cells: [],
            expected: 2021,
            actual: 2020,
            message: '“总体情况”第一句“2020年，我镇认真落实县委、县政府有关政府信息公开工作要求…”以2020年开头，与报告年度2021年不符',
          },
        ],
      },
    ],
  },

  // ---------------------------------------------------------------- YEAR-PERIOD
  {
    ruleId: 'YEAR-PERIOD',
    valid: [
      { name: 'seed 002: 统计期限自2020年1月1日至12月31日止', ctx: () => makeContext({ year: 2020, narrative: [SEED002_PREAMBLE] }) },
      { name: 'Shanghai 2019: 统计期限从2019年1月1日到12月31日止', ctx: () => makeContext({ year: 2019, narrative: [SHANGHAI_PERIOD] }) },
      { name: 'Pingtan 2024: 统计期限为2024年1月1日至2024年12月31日', ctx: () => makeContext({ format: '2021', year: 2024, narrative: [PINGTAN_PERIOD] }) },
    ],
    invalid: [
      {
        name: 'seed 000: no 统计期限 sentence',
        ctx: () => makeContext({ year: 2019, entity: '红椿镇人民政府', narrative: [SEED000_SEC1, '（无）'] }),
        findings: [{ severity: 'info', cells: [], message: '报告未说明数据的统计期限（如“本报告中所列数据的统计期限自1月1日至12月31日”）' }],
      },
      {
        name: 'a 统计期限 keyword without dates does not count',
        ctx: () => makeContext({ year: 2020, narrative: ['本报告统计期限与上年度一致。'] }),
        findings: [{ severity: 'info', cells: [] }],
      },
    ],
  },

  // ---------------------------------------------------------------- YEAR-TYPO
  {
    ruleId: 'YEAR-TYPO',
    valid: [
      { name: 'seed 002 preamble', ctx: () => makeContext({ narrative: [SEED002_PREAMBLE] }) },
      {
        name: '2019年度, 2020年年底, 2020年年报 are correct',
        ctx: () => makeContext({ narrative: ['2019年度红椿镇没有收到任何形式的依申请公开政府信息申请件。', '2020年年底前完成2020年年报编制。'] }),
      },
    ],
    invalid: [
      {
        name: 'seed 003: "2019度以来"',
        ctx: () => makeContext({ year: 2019, entity: '太平庄乡', narrative: [SEED003_OPENING] }),
        findings: [{ severity: 'info', cells: [], message: '正文“2019度以来，”中年份写法有误：应为“2019年度”或“2019年”' }],
      },
      {
        name: 'a doubled 年',
        ctx: () => makeContext({ narrative: ['2020年年我镇全年共接受人大、政协提案2件。'] }),
        findings: [{ severity: 'info', cells: [], message: '正文“2020年年我镇全”中年份写法有误：“年”字重复，应为“2020年”' }],
      },
    ],
  },

  // ---------------------------------------------------------------- DATE-SIGN
  {
    ruleId: 'DATE-SIGN',
    valid: [
      { name: 'seed 004: 韩庄镇人民政府 2021年1月25日', ctx: () => makeContext({ year: 2020, entity: '韩庄镇', signature: SEED004_SIGNATURE }) },
      {
        name: 'Pingtan 2024: no signature, but PubDate',
        ctx: () => makeContext({ format: '2021', year: 2024, entityType: 'government', pubDate: '2025-03-10' }),
      },
      {
        name: 'Shanghai 2019: no signature, but 发布日期：2020-01-31',
        ctx: () => makeContext({ year: 2019, entityType: 'department', pubDate: '2020-01-31' }),
      },
      {
        name: 'signature date before the year ended: DATE-PUB-BEFORE-END\'s matter',
        ctx: () => makeContext({ year: 2020, signature: { entity: '韩庄镇人民政府', date: '2020-12-25', rawDate: '2020年12月25日' } }),
      },
    ],
    invalid: [
      {
        name: 'seed 000: no signature, no date anywhere',
        ctx: () => makeContext({ year: 2019, entity: '红椿镇人民政府', narrative: [SEED000_SEC1] }),
        findings: [{ severity: 'info', cells: [], message: '报告末尾没有落款日期，页面上也没有发布日期，无法判断发布时间' }],
      },
      {
        name: 'an impossible signature date',
        ctx: () => makeContext({ year: 2020, signature: { entity: '韩庄镇人民政府', date: null, rawDate: '2021年13月5日' } }),
        findings: [{ severity: 'warning', cells: [], message: '落款日期“2021年13月5日”不是有效日期' }],
      },
      {
        name: 'signed after the page was published',
        ctx: () =>
          makeContext({ year: 2020, pubDate: '2021-02-01', signature: { entity: '韩庄镇人民政府', date: '2021-03-01', rawDate: '2021年3月1日' } }),
        findings: [{ severity: 'warning', cells: [], message: '落款日期“2021年3月1日”晚于页面发布日期2021年2月1日' }],
      },
      {
        name: 'signed more than a year after the report year',
        ctx: () => makeContext({ year: 2020, signature: { entity: '韩庄镇人民政府', date: '2022-01-25', rawDate: '2022年1月25日' } }),
        findings: [{ severity: 'warning', cells: [], message: '落款日期“2022年1月25日”晚于2021年12月31日，与2020年度报告不符' }],
      },
    ],
  },

  // ---------------------------------------------------------------- DATE-DEADLINE
  {
    ruleId: 'DATE-DEADLINE',
    valid: [
      {
        name: 'Pingtan 2024: 2025-03-10 ≤ 03-31 (本级)',
        ctx: () => makeContext({ format: '2021', year: 2024, entity: '平潭综合实验区', entityType: 'government', pubDate: '2025-03-10' }),
      },
      {
        name: 'Shanghai 2019: 办公厅 (department) published on the deadline day 2020-01-31',
        ctx: () => makeContext({ year: 2019, entity: '上海市人民政府办公厅', entityType: 'department', pubDate: '2020-01-31' }),
      },
      {
        name: 'seed 004: signed 2021-01-25 (township)',
        ctx: () => makeContext({ year: 2020, entity: '韩庄镇', entityType: 'township', signature: SEED004_SIGNATURE }),
      },
      { name: 'seed 000: no date, not assessable', ctx: () => makeContext({ year: 2019, entity: '红椿镇人民政府' }) },
      {
        name: 'entity type unknown, not assessable',
        ctx: () => makeContext({ year: 2020, entity: '某某', entityType: 'unknown', pubDate: '2021-06-01' }),
      },
    ],
    invalid: [
      {
        name: 'a department published after Jan 31',
        ctx: () => makeContext({ year: 2019, entity: '上海市人民政府办公厅', entityType: 'department', pubDate: '2020-02-05' }),
        findings: [{ severity: 'warning', cells: [], message: '发布日期2020年2月5日晚于2019年度报告的发布期限2020年1月31日（县级以上人民政府部门）' }],
      },
      {
        name: '本级 government published in April',
        ctx: () => makeContext({ format: '2021', year: 2024, entity: '平潭综合实验区', entityType: 'government', pubDate: '2025-04-01' }),
        findings: [{ severity: 'warning', cells: [], message: '发布日期2025年4月1日晚于2024年度报告的发布期限2025年3月31日（本级人民政府）' }],
      },
      {
        name: 'township with a local Feb 20 deadline (怀化), signed Feb 25',
        ctx: () =>
          makeContext({
            year: 2020,
            entity: '韩庄镇',
            entityType: 'township',
            signature: { entity: '韩庄镇人民政府', date: '2021-02-25', rawDate: '2021年2月25日' },
            settings: { townshipDeadline: '02-20' },
          }),
        findings: [{ severity: 'warning', cells: [], message: '落款日期2021年2月25日晚于2020年度报告的发布期限2021年2月20日（乡镇人民政府、街道办事处）' }],
      },
    ],
  },

  // ---------------------------------------------------------------- DATE-PUB-BEFORE-END
  {
    ruleId: 'DATE-PUB-BEFORE-END',
    valid: [
      { name: 'seed 004: 2021-01-25 for 2020', ctx: () => makeContext({ year: 2020, signature: SEED004_SIGNATURE }) },
      { name: 'Pingtan 2024: 2025-03-10', ctx: () => makeContext({ format: '2021', year: 2024, pubDate: '2025-03-10' }) },
      { name: 'no date at all', ctx: () => makeContext({ year: 2019 }) },
    ],
    invalid: [
      {
        name: 'published before the year ended',
        ctx: () => makeContext({ year: 2020, pubDate: '2020-12-20' }),
        findings: [{ severity: 'error', cells: [], message: '发布日期2020年12月20日不晚于2020年12月31日，早于报告年度结束' }],
      },
      {
        name: 'signed on the last day of the year, published later',
        ctx: () =>
          makeContext({ year: 2020, pubDate: '2021-01-05', signature: { entity: '韩庄镇人民政府', date: '2020-12-31', rawDate: '2020年12月31日' } }),
        findings: [{ severity: 'error', cells: [], message: '落款日期2020年12月31日不晚于2020年12月31日，早于报告年度结束' }],
      },
    ],
  },

  // ---------------------------------------------------------------- ENTITY-CONSISTENT
  {
    ruleId: 'ENTITY-CONSISTENT',
    valid: [
      { name: 'seed 004: 韩庄镇 / 韩庄镇人民政府', ctx: () => makeContext({ year: 2020, entity: '韩庄镇', signature: SEED004_SIGNATURE, narrative: [SEED004_SEC6] }) },
      {
        name: 'Pingtan 2024: SiteName 平潭综合实验区党工委管委会, ContentSource 平潭综合实验区管委会办公室',
        ctx: () =>
          makeContext({
            format: '2021',
            year: 2024,
            entity: '平潭综合实验区',
            entityType: 'government',
            page: { meta: { SiteName: '平潭综合实验区党工委管委会', ContentSource: '平潭综合实验区管委会办公室' } },
          }),
      },
      { name: 'Shanghai 2019: nothing to compare with', ctx: () => makeContext({ year: 2019, entity: '上海市人民政府办公厅', entityType: 'department' }) },
      {
        name: 'a township report on its city\'s site',
        ctx: () => makeContext({ entity: '同江市乐业镇', page: { meta: { SiteName: '同江市人民政府' } } }),
      },
    ],
    invalid: [
      {
        name: 'Pingtan 2014: title 平潭综合实验区管委会, 发布机构 平潭县人民政府',
        ctx: () => makeContext({ year: 2014, entity: '平潭综合实验区管委会', entityType: 'government', page: { dumpFields: { 发布机构: '平潭县人民政府' } } }),
        findings: [{ severity: 'warning', cells: [], message: '标题中的主体“平潭综合实验区管委会”与发布机构“平潭县人民政府”不一致' }],
      },
      {
        name: 'copy-paste: a 乡 report signed by another 镇',
        ctx: () => makeContext({ year: 2019, entity: '太平庄乡', signature: SEED004_SIGNATURE }),
        findings: [{ severity: 'warning', cells: [], message: '标题中的主体“太平庄乡”与落款单位“韩庄镇人民政府”不一致' }],
      },
    ],
  },
];
