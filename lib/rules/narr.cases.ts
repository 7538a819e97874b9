/**
 * Fixtures for the narrative rules (rules.md §H and T3-FEE-NARRATIVE). The sentences are the
 * seeds' and the corpus pages' own (Shanghai 2019, Pingtan 2024, seeds 000–004); failing
 * fixtures mutate one figure or word of a real sentence. Passing fixtures include the traps
 * seed-findings.md lists (hotline cases, petitions, proposals, 依申请 as an attribute,
 * approximate figures).
 */
import type { RuleCases } from './cases';
import type { CellId } from '../types';
import { makeContext, reportBody as body, type ContextSpec } from '../../tests/helpers/context';
import { PINGTAN_T4, SEED002_T3, tableCells, withCells } from '../../tests/helpers/cells';

const ctx2019 = (sections: Record<number, string[]>, cells: Record<CellId, string> = {}, extra: ContextSpec = {}) => () =>
  makeContext({ format: '2019', year: 2019, ...extra, cells, ...body(sections) });
const ctx2021 = (sections: Record<number, string[]>, cells: Record<CellId, string> = {}, extra: ContextSpec = {}) => () =>
  makeContext({ format: '2021', year: 2024, entity: '平潭综合实验区', entityType: 'government', ...extra, cells, ...body(sections) });

// ------------------------------------------------------------------ Shanghai 2019 (2019 format)

const _ = '';
/** Shanghai 2019's T3 as on the page ('' = blank); every result row's 总计 is blank. */
const SH_ROWS: Record<string, string[]> = {
  '1': ['821', '35', _, _, '2', '1', '859'],
  '2': ['18', _, _, _, _, _, '18'],
  '3.1': ['258', '12', _, _, '1', '1', _],
  '3.2': ['3', _, _, _, _, _, _],
  '3.3.1': ['14', _, _, _, _, _, _],
  '3.3.5': ['5', _, _, _, _, _, _],
  '3.3.6': ['3', '1', _, _, _, _, _],
  '3.3.8': ['10', '2', _, _, _, _, _],
  '3.4.1': ['252', '12', _, _, '1', _, _],
  '3.4.2': ['44', '3', _, _, _, _, _],
  '3.4.3': ['25', _, _, _, _, _, _],
  '3.5.1': ['148', '1', _, _, _, _, _],
  '3.5.2': ['5', '4', _, _, _, _, _],
  '3.7': ['767', '35', _, _, '2', '1', '805'],
  '4': ['72', _, _, _, _, _, '72'],
};
const COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
function shanghaiT3(): Record<CellId, string> {
  const out = tableCells('2019', 'T3');
  for (const id of Object.keys(out)) out[id] = '';
  for (const [row, vals] of Object.entries(SH_ROWS)) COLS.forEach((c, i) => (out[`T3:${row}:${c}`] = vals[i]!));
  return out;
}
const SH_T3 = shanghaiT3();
const SH_T4 = tableCells('2019', 'T4', {
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
});
const SH_T2 = tableCells('2019', 'T2', {
  'T2:regulations:newlyMade': '13',
  'T2:regulations:newlyPublished': '13',
  'T2:regulations:totalPublished': '524',
  'T2:normativeDocuments:newlyMade': '60',
  'T2:normativeDocuments:newlyPublished': '60',
  'T2:normativeDocuments:totalPublished': '368',
  'T2:procurement:projects': '6',
  'T2:procurement:amount': '251000元',
});

/** Shanghai 2019, 一（二） 依申请公开方面, second paragraph (the report's own words). */
const SH_YSQ =
  '市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录，维护了市政府依法行政、公开透明的良好形象。';
/** Shanghai 2019, 一（一） 主动公开方面. */
const SH_ACTIVE =
  '2019年，通过“中国上海”门户网站、《上海市人民政府公报》等平台主动公开规章13件，行政规范性文件60件，市政府其他文件162件，人事任免文件141件。';
/** Shanghai 2019, 一（四） 平台建设方面 (公报): not T2 counts. */
const SH_GAZETTE = '按时编辑出版《上海市人民政府公报》，全年共编发公报24期，刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。';

const shanghai = (text: string = SH_YSQ, t3 = SH_T3, t4 = SH_T4) => ctx2019({ 1: ['（二）依申请公开方面', text] }, { ...SH_T2, ...t3, ...t4 }, { entity: '上海市人民政府办公厅', entityType: 'department' });

// ------------------------------------------------------------------ Pingtan 2024 (2021 format)

const PT_YSQ =
  '（二）依申请公开方面。规范做好申请登记、审查、办理、答复、归档等工作，强化服务理念，提高答复质量。主动加强与申请人沟通，了解实质诉求，耐心细致为群众释疑并合理引导。强化与区直各部门协调联动，畅通信息查找渠道，满足企业、群众个性化政府信息需求。全年办理政府信息公开申请218件。';
const PT_MGMT =
  '（三）政府信息管理方面。规范政府信息发布流程，坚持“先审查、后公开”原则，认真做好文件公开属性源头认定和信息公开保密审查。加强规范性文件库建设，巩固行政规范性文件集中统一公开成果，动态更新发布本年度制发行政规范性文件62件，并同步做好全真版上传等工作，确保行政规范性文件库数据准确、规范统一。';
const PT_ACTIVE = '（一）主动公开方面。有序推进基层政务公开，聚焦营商环境、项目投资、产业政策等重点领域，发布权威信息，通过政府门户网站全年主动公开各类政府信息10407条。';
const PT_SIX = '2024年，无收取信息处理费情况。';
const PT_T3 = tableCells('2021', 'T3', {
  'T3:1:natural': '217',
  'T3:1:commercial': '1',
  'T3:1:total': '218',
  'T3:3.1:natural': '71',
  'T3:3.1:total': '71',
  'T3:3.7:natural': '217',
  'T3:3.7:commercial': '1',
  'T3:3.7:total': '218',
});
const PT_T2 = tableCells('2021', 'T2', {
  'T2:normativeDocuments:issued': '62',
  'T2:normativeDocuments:repealed': '33',
  'T2:normativeDocuments:inForce': '440',
  'T2:licensing:decisions': '4529',
  'T2:penalties:decisions': '1100',
  'T2:enforcement:decisions': '65',
  'T2:fees:feeAmount': '18651.06',
});
const pingtan = (sections: Record<number, string[]>, over: Record<CellId, string> = {}) => ctx2021(sections, { ...PT_T2, ...PT_T3, ...PINGTAN_T4, ...over });

// ------------------------------------------------------------------ the seeds

const ZERO_T3 = tableCells('2019', 'T3');
const ZERO_T4 = tableCells('2019', 'T4');
/** Seed 000 一（二）. */
const S000_YSQ = '（二）依申请公开政府信息情况。2019年度红椿镇没有收到任何形式的依申请公开政府信息申请件。';
/** Seed 001 一（二） 七是 (hotline cases and petitions: not applications). */
const S001_HOTLINE = '七是推进回应百姓关切，截至前，我镇接到县长热线转交件受理件共 14 件，到镇里上访件 37 件。做到了件件有复，事事有回音，答复率 100%，满意率 100%。';
/** Seed 001 一（一） and 一（二） 一是. */
const S001_ITEMS = '2020 年，按照县营商环境局工作要求，梳理上报红星镇政务服务事项 34 项，行政权力事项 36 项，共计 70 项。';
const S001_SERVICES = '一是红星镇便民服务中心于 9 月 30 日挂牌成立，设立便民服务窗口 16 个，办公工位 34 个，主要办理医保、社保等民生服务业务。累计办理各类业务 276 次，其中医保缴费业务 200 次，卫健老年证办理 23 次，就业服务 20 次，市场服务 33 次；';
const S001_T2 = tableCells('2019', 'T2', {
  'T2:licensing:previousCount': '36',
  'T2:licensing:decisions': '23',
  'T2:otherServices:previousCount': '34',
  'T2:otherServices:decisions': '253',
});
/** Seed 002 一、总体情况 (依申请公开 only as an attribute). */
const S002_ONE = [
  '在《中华人民共和国政府信息公开条例》的指引下，乐业镇坚持“以公开为常态、不公开为例外”，围绕市委、市政府的要求，不断推进政府信息公开工作的公开化和透明化。重点抓好以下几方面工作：',
  '（一）领导高度重视，积极推行政务、政府信息公开工作。为有效促进乐业镇政府信息公开工作开展，确保工作规范、有序、有效进行，镇领导高度重视，多次召开会议，研究政务公开政府信息公开工作，要求各部门积极配合，各司其职，进一步加强了组织领导，明确专人负责。由于领导的高度重视，全镇上下达成共识，齐心协力，政务公开政府信息公开工作进展顺利。',
  '（三）政府信息管理标准有序，加强政务信息公开规范化。乐业镇严格规范政务信息公开流程，按照“先审查、后公开，谁公开、谁负责”的原则，明确主动公开、依申请公开、不予公开等属性，及时更新信息公开指南，进一步完善落实信息公开保密审查等一系列制度，不断规范信息公开申请登记、审核、办理、答复、归档等各项内部工作制度。',
];
/** Seed 003 二、强化组织领导… (a 乡 report). */
const S003_ORG =
  '同时将培训教育作为政务公开工作的重中之重，组织全镇领导干部学习，清楚了政府信息公开审核、发布、监督、问责等工作流程，切实提高了全乡干部政府信息公开的责任意识、程序意识、保密意识，有效提升了政务信息公开工作水平。';
/** Seed 004 一（四） and 六. */
const S004_ONE = '2020年我镇全年共接受人大、政协提案2件，已办理完成并公开2件。';
const S004_SIX =
  '2020年，韩庄镇第十九届人民代表大会第七次会议代表共提出议案0件，批评、建议和意见7件。通过梳理分类，共归结4项，包括文教卫方面的建议1件、社会治安方面的建议1件、经济发展方面的建议1件、基础设施方面的建议4件。镇政府高度重视人大代表议案、建议办理工作，召开专题会议，认真研究部署，将议案、建议办理具体工作落实到相关分管领导和各站所。';
const S004_FIVE = '3、乡镇基础设施较落后，互联网未覆盖全乡，农村群众缺乏计算机网络知识等客观因素致使政府政务信息门户网站利用率不高。';
const seed = (entity: string, sections: Record<number, string[]>, cells: Record<CellId, string> = { ...ZERO_T3, ...ZERO_T4 }) =>
  ctx2019(sections, cells, { entity, entityType: 'township', year: 2020 });

const SH_34 = ['T3:3.4.1:total', 'T3:3.4.2:total', 'T3:3.4.3:total', 'T3:3.4.1:natural', 'T3:3.4.1:commercial', 'T3:3.4.1:legal', 'T3:3.4.2:natural', 'T3:3.4.2:commercial', 'T3:3.4.3:natural'];
const SH_31 = ['T3:3.1:total', 'T3:3.2:total', 'T3:3.1:natural', 'T3:3.1:commercial', 'T3:3.1:legal', 'T3:3.1:other', 'T3:3.2:natural'];

export const cases: RuleCases[] = [
  {
    ruleId: 'NARR-T3-NUM',
    valid: [
      { name: 'Pingtan 2024 "全年办理政府信息公开申请218件" = 218 + 0 (and = （七）总计)', ctx: pingtan({ 1: [PT_YSQ] }) },
      {
        name: 'Shanghai 2019 with its two wrong figures corrected: 859, 805, 18, 72, 275, 35, 337, 158 all agree; 其他处理0件 against a blank row is not assessable',
        ctx: shanghai(SH_YSQ.replace('予以公开及部分公开258件', '予以公开及部分公开275件').replace('无法提供265件', '无法提供337件')),
      },
      { name: 'seed 001: 热线受理件 14 件 and 上访件 37 件 are not applications', ctx: seed('红星镇', { 1: [S001_HOTLINE] }) },
      { name: 'seed 004: 提案 2 件 are not applications', ctx: seed('韩庄镇', { 1: [S004_ONE] }) },
      { name: 'seed 000: 没有收到…申请件 (no figure)', ctx: seed('红椿镇人民政府', { 1: [S000_YSQ] }) },
      { name: 'approximate: 受理政府信息公开申请20余件 is never compared', ctx: ctx2019({ 1: ['全年共受理政府信息公开申请20余件。'] }, withCells(SEED002_T3, {})) },
      { name: 'an applicant type counts a part: 收到自然人提出的政府信息公开申请3件 (total 4)', ctx: ctx2019({ 1: ['全年共收到自然人提出的政府信息公开申请3件。'] }, SEED002_T3) },
      { name: 'Chinese numeral: 收到政府信息公开申请四件 = 4', ctx: ctx2019({ 1: ['2020年，我镇共收到政府信息公开申请四件，均已按时答复。'] }, SEED002_T3) },
      { name: 'every cell behind the figure blank: not assessable', ctx: shanghai('予以公开及部分公开258件。', tableCells('2019', 'T3', Object.fromEntries(Object.keys(tableCells('2019', 'T3')).map((k) => [k, ''])))) },
    ],
    invalid: [
      {
        name: 'Shanghai 2019 "予以公开及部分公开258件" vs 272 + 3 = 275 (blank 总计: applicant cells)',
        ctx: shanghai('答复政府信息公开申请805件。予以公开及部分公开258件，占33.9%。'),
        findings: [{ severity: 'error', expected: 275, actual: 258, cells: SH_31, text: { quote: '予以公开及部分公开258件，占33.9%', block: 2, start: 15, end: 35 } }],
      },
      {
        name: 'Shanghai 2019 "无法提供265件" vs 265 + 47 + 25 = 337',
        ctx: shanghai('答复政府信息公开申请805件。因本机关不掌握等原因无法提供265件，占32.9%。'),
        findings: [{ expected: 337, actual: 265, cells: SH_34 }],
      },
      {
        name: 'Shanghai 2019 whole paragraph: exactly the two wrong figures',
        ctx: shanghai(),
        findings: [{ expected: 275, actual: 258 }, { expected: 337, actual: 265 }],
      },
      {
        name: 'Pingtan 2024 mutated: "办理政府信息公开申请128件" vs 218',
        ctx: pingtan({ 1: [PT_YSQ.replace('218件', '128件')] }),
        findings: [{ expected: 218, actual: 128, cells: ['T3:1:total', 'T3:2:total', 'T3:3.7:total'] }],
      },
      {
        name: 'seed 002 mutated: "收到政府信息公开申请两件" vs 4',
        ctx: ctx2019({ 1: ['（二）依申请公开情况。2020年，我镇共收到政府信息公开申请两件。'] }, SEED002_T3),
        findings: [{ expected: 4, actual: 2, cells: ['T3:1:total'] }],
      },
      {
        name: 'Chinese numeral 一百零五件, and 结转下年度',
        ctx: ctx2019({ 3: ['本年度新收政府信息公开申请一百零五件，结转下年度继续办理3件。'] }, tableCells('2019', 'T3', { 'T3:1:natural': '104', 'T3:1:total': '104', 'T3:4:total': '3' })),
        findings: [{ expected: 104, actual: 105, cells: ['T3:1:total'] }],
      },
    ],
  },
  {
    ruleId: 'NARR-T4-NUM',
    valid: [
      { name: 'Shanghai 2019 with no case pending: 7 and 9 agree, 均获维持 holds, 零败诉 with blank 纠正', ctx: shanghai(SH_YSQ, SH_T3, withCells(SH_T4, { 'T4:cases:review.upheld': '7', 'T4:cases:review.pending': '', 'T4:cases:directSuit.upheld': '9', 'T4:cases:directSuit.pending': '' })) },
      { name: 'Pingtan 2024: no sentence about reviews', ctx: pingtan({ 1: [PT_YSQ, PT_MGMT] }) },
      { name: 'review cases in general (not information disclosure), outside section 四: not compared', ctx: shanghai('全年共办理行政复议案件120件，行政应诉案件35件。') },
      { name: 'approximate: 信息公开类行政复议近10件', ctx: shanghai('信息公开类行政复议近10件。') },
    ],
    invalid: [
      {
        name: 'Shanghai 2019 "行政复议7件，诉讼9件，均获维持": 2 reviews and 1 suit pending',
        ctx: shanghai('信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录。'),
        findings: [{ severity: 'error', cells: ['T4:cases:review.pending', 'T4:cases:directSuit.pending'], text: { quote: '信息公开类行政复议7件，诉讼9件，均获维持，继续保持了省级政府零败诉的记录' } }],
      },
      {
        name: 'mutated count: 信息公开类行政复议8件 vs 7 (pending cleared)',
        ctx: shanghai('信息公开类行政复议8件，诉讼9件。'),
        findings: [{ expected: 7, actual: 8, cells: ['T4:cases:review.total'] }],
      },
      {
        name: 'Pingtan 2024 T4 with a text claiming 零败诉: review 1 and suits after review 2 corrected',
        ctx: pingtan({ 4: ['因政府信息公开工作被申请行政复议7件，被提起行政诉讼19件，保持零败诉。'] }),
        findings: [{ cells: ['T4:cases:review.corrected', 'T4:cases:suitAfterReview.corrected'] }],
      },
    ],
  },
  {
    ruleId: 'NARR-T2-NUM',
    valid: [
      { name: 'Shanghai 2019 "主动公开规章13件，行政规范性文件60件" = 13, 60 (the verb carries to the next clause)', ctx: shanghai(SH_ACTIVE) },
      { name: 'Shanghai 2019 公报: "刊登政府规章、规范性文件等112件，部门规范性文件45件" are not T2 counts', ctx: shanghai(SH_GAZETTE) },
      { name: 'Pingtan 2024 "制发行政规范性文件62件" = 62', ctx: pingtan({ 1: [PT_MGMT, PT_ACTIVE] }) },
      { name: 'seed 001: 政务服务事项 34 项，行政权力事项 36 项 name no T2 category', ctx: seed('红星镇', { 1: [S001_ITEMS] }, S001_T2) },
      {
        name: 'Shanghai 2022 style: a total with its breakdown in brackets is compared through its parts (2021: 制发 5, 废止 4)',
        ctx: ctx2021({ 1: ['主动公开市政府规章13件(含新制定5件,修改4件,废止4件)。'] }, withCells(PT_T2, { 'T2:regulations:issued': '5', 'T2:regulations:repealed': '4', 'T2:regulations:inForce': '120' })),
      },
      { name: '信息处理费 is not 行政事业性收费: 收取信息处理费0.5万元', ctx: pingtan({ 6: ['2024年，收取信息处理费0.5万元。'] }) },
    ],
    invalid: [
      {
        name: 'Pingtan 2024 mutated: "制发行政规范性文件60件" vs 62',
        ctx: pingtan({ 1: [PT_MGMT.replace('62件', '60件')] }),
        findings: [{ severity: 'warning', expected: 62, actual: 60, cells: ['T2:normativeDocuments:issued'] }],
      },
      {
        name: 'Shanghai 2019 mutated: "…规章13件，行政规范性文件61件" vs 本年新公开数量 60',
        ctx: shanghai(SH_ACTIVE.replace('60件', '61件')),
        findings: [{ expected: 60, actual: 61, cells: ['T2:normativeDocuments:newlyPublished'] }],
      },
      {
        name: 'Shanghai 2022 style breakdown: 新制定5件 vs 本年制发件数 6',
        ctx: ctx2021({ 1: ['主动公开市政府规章13件(含新制定5件,修改4件,废止4件)。'] }, withCells(PT_T2, { 'T2:regulations:issued': '6', 'T2:regulations:repealed': '4' })),
        findings: [{ expected: 6, actual: 5, cells: ['T2:regulations:issued'] }],
      },
      {
        name: '2021: 作出行政处罚决定1000件 vs 1100',
        ctx: pingtan({ 1: ['全年作出行政处罚决定1000件，行政强制决定65件。'] }),
        findings: [{ expected: 1100, actual: 1000, cells: ['T2:penalties:decisions'] }],
      },
    ],
  },
  {
    ruleId: 'NARR-ZERO-CLAIM',
    valid: [
      { name: 'seed 000 "没有收到任何形式的依申请公开政府信息申请件" with 新收 0', ctx: seed('红椿镇人民政府', { 1: [S000_YSQ] }) },
      { name: 'no review and no suit, and the table agrees', ctx: seed('红椿镇人民政府', { 4: ['本年度未发生因政府信息公开引起的行政复议、行政诉讼。'] }) },
      {
        name: '未经复议直接起诉 is not a claim of none',
        ctx: shanghai('信息公开类未经行政复议直接提起行政诉讼9件。'),
      },
      { name: 'a negated outcome: 未发生行政复议被纠正的情况 (review 7)', ctx: shanghai('全年未发生政府信息公开行政复议被纠正的情况。') },
      { name: '无法提供 is not 无', ctx: shanghai('因本机关不掌握等原因无法提供337件。') },
    ],
    invalid: [
      {
        name: 'seed 000 mutated: 新收 2, yet "没有收到…申请件"',
        ctx: seed('红椿镇人民政府', { 1: [S000_YSQ] }, { ...tableCells('2019', 'T3', { 'T3:1:natural': '2', 'T3:1:total': '2' }), ...ZERO_T4 }),
        findings: [{ severity: 'error', cells: ['T3:1:total'], expected: 0 }],
      },
      {
        name: '"未发生…行政复议、行政诉讼" with review 7 and suits 9 (Shanghai T4)',
        ctx: shanghai('本年度未发生因政府信息公开引起的行政复议、行政诉讼。'),
        findings: [{ cells: ['T4:cases:review.total'] }, { cells: ['T4:cases:directSuit.total'] }],
      },
    ],
  },
  {
    ruleId: 'NARR-MISSING-YSQ',
    valid: [
      { name: 'seed 002 text with no application in T3 (all 0)', ctx: seed('同江市乐业镇', { 1: S002_ONE }) },
      { name: 'Pingtan 2024: sub-heading （二）依申请公开方面', ctx: pingtan({ 1: [PT_ACTIVE, PT_YSQ] }) },
      { name: 'Shanghai 2019: a sub-heading block of its own', ctx: shanghai() },
      { name: 'a count of applications without a sub-heading', ctx: seed('同江市乐业镇', { 1: [...S002_ONE, '全年共收到政府信息公开申请4件。'] }, { ...SEED002_T3, ...ZERO_T4 }) },
      { name: 'seed 003: no section 一 (not assessable)', ctx: seed('太平庄乡', { 5: ['存在的主要问题：'], 6: ['无。'] }, SEED002_T3) },
    ],
    invalid: [
      {
        name: 'seed 002: 4 applications; 依申请公开 only as an attribute',
        ctx: seed('同江市乐业镇', { 0: ['本报告根据《中华人民共和国政府信息公开条例》要求编制。'], 1: S002_ONE, 5: ['无。'] }, { ...SEED002_T3, ...ZERO_T4 }),
        findings: [{ severity: 'warning', cells: ['T3:1:total'] }],
      },
    ],
  },
  {
    ruleId: 'NARR-PERCENT',
    valid: [
      { name: 'Shanghai 2019 with 33.9% corrected to 34.2%: 4.34%, 32.9%, 19.6% pass; 较去年回落12.3% is skipped', ctx: shanghai(SH_YSQ.replace('占33.9%', '占34.2%')) },
      { name: 'seed 001 "答复率 100%，满意率 100%" have no table counterpart', ctx: seed('红星镇', { 1: [S001_HOTLINE] }) },
      { name: 'a whole-number share rounds: 258件，占32%', ctx: shanghai('答复政府信息公开申请805件。予以公开及部分公开258件，占32%。') },
    ],
    invalid: [
      {
        name: 'Shanghai 2019 "258件，占33.9%": 258/805 = 32.0 %, 275/805 = 34.2 %',
        ctx: shanghai(),
        findings: [{ severity: 'warning', cells: ['T3:3.1:total', 'T3:3.2:total', 'T3:3.7:total'], actual: 33.9, expected: 34.2 }],
      },
    ],
  },
  {
    ruleId: 'NARR-BREAKDOWN',
    valid: [
      { name: 'seed 004 "共归结4项，包括…1件、1件、1件、4件": 4 parts in 项', ctx: seed('韩庄镇', { 6: [S004_SIX] }) },
      { name: 'seed 001 200 + 23 + 20 + 33 = 276 and 34 + 36 = 70', ctx: seed('红星镇', { 1: [S001_ITEMS, S001_SERVICES] }) },
      { name: 'Shanghai 2019 with the six groups adding up: 347 + 35 + 265 + 158 + 0 = 805', ctx: shanghai(SH_YSQ.replace('258件', '347件')) },
      { name: 'Shanghai 2019 公报: a total without parts', ctx: shanghai(SH_GAZETTE) },
    ],
    invalid: [
      {
        name: 'Shanghai 2019: 258 + 35 + 265 + 158 + 0 = 716 ≠ 答复 805',
        ctx: shanghai(),
        findings: [{ severity: 'warning', cells: [], expected: 805, actual: 716 }],
      },
      {
        name: 'seed 001 mutated: 其中医保缴费业务 210 次 → 286 ≠ 276',
        ctx: seed('红星镇', { 1: [S001_SERVICES.replace('200 次', '210 次')] }),
        findings: [{ cells: [], expected: 276, actual: 286 }],
      },
      {
        name: 'seed 001 mutated: 34 + 36 ≠ 共计 72 项',
        ctx: seed('红星镇', { 1: [S001_ITEMS.replace('70 项', '72 项')] }),
        findings: [{ expected: 72, actual: 70 }],
      },
      {
        name: 'seed 004 mutated: 共归结5项 but 4 parts listed',
        ctx: seed('韩庄镇', { 6: [S004_SIX.replace('共归结4项', '共归结5项')] }),
        findings: [{ expected: 5, actual: 4 }],
      },
    ],
  },
  {
    ruleId: 'NARR-PLACEHOLDER',
    valid: [
      { name: 'seed 001 with the date filled in: 截至目前', ctx: seed('红星镇', { 1: [S001_HOTLINE.replace('截至前', '截至目前')] }) },
      { name: 'seed 003 "[bookmark: _GoBack]2019度以来" (one underscore) and Pingtan text', ctx: seed('太平庄乡', { 0: ['[bookmark: _GoBack]2019度以来，太平庄乡政府在县委、县政府的正确领导下，扎实推进政府信息公开工作。'], 1: [PT_ACTIVE] }) },
      { name: 'a unit after a figure is not a slot: 政务服务事项 34 项', ctx: seed('红星镇', { 1: [S001_ITEMS] }) },
    ],
    invalid: [
      {
        name: 'seed 001 "截至前，我镇接到县长热线转交件…"',
        ctx: seed('红星镇', { 1: [S001_HOTLINE] }),
        findings: [{ severity: 'warning', cells: [], text: { quote: '七是推进回应百姓关切，截至前，我镇接到县长热线转交件受理件共 14 件，到镇里上访件 37 件' } }],
      },
      { name: '定西 2020 "2020 年主动公开信息  条"', ctx: seed('某镇', { 2: ['2020 年主动公开信息  条。'] }), findings: [{ cells: [] }] },
      { name: 'XX and （单位名称） left in', ctx: seed('红星镇', { 6: ['XX镇（单位名称）将进一步加强政务公开工作。'] }), findings: [{ cells: [] }] },
    ],
  },
  {
    ruleId: 'NARR-ENTITY-MISMATCH',
    valid: [
      { name: 'seed 002 (乐业镇) "全镇上下达成共识"', ctx: seed('同江市乐业镇', { 1: S002_ONE }) },
      { name: 'seed 003 (乡) "全乡干部" alone', ctx: seed('太平庄乡', { 0: ['切实提高了全乡干部政府信息公开的责任意识。'] }) },
      { name: 'a 镇 saying 乡镇 and 城乡', ctx: seed('韩庄镇', { 5: ['乡镇基础设施较落后，城乡差距较大，本乡本土人才缺乏。'] }) },
      { name: 'not a township: Shanghai 办公厅', ctx: shanghai('全镇、全乡的说法不适用于市级机关。') },
    ],
    invalid: [
      { name: 'seed 003 (太平庄乡) "组织全镇领导干部学习"', ctx: seed('太平庄乡', { 0: [S003_ORG] }), findings: [{ severity: 'warning', cells: [], text: { quote: S003_ORG.slice(0, -1) } }] },
      { name: 'seed 004 (韩庄镇) "互联网未覆盖全乡"', ctx: seed('韩庄镇', { 5: [S004_FIVE] }), findings: [{ cells: [] }] },
    ],
  },
  {
    ruleId: 'NARR-INTERNAL',
    valid: [
      { name: 'seed 004 mutated so that 一 and 六 agree: 提案7件 vs 议案0件 + 建议7件', ctx: seed('韩庄镇', { 1: [S004_ONE.replace('提案2件', '提案7件')], 6: [S004_SIX] }) },
      { name: 'Shanghai 2019: each application count stated once', ctx: shanghai() },
      { name: 'only one section mentions proposals', ctx: seed('韩庄镇', { 6: [S004_SIX] }) },
    ],
    invalid: [
      {
        name: 'seed 004: 一 "提案2件" vs 六 "议案0件，批评、建议和意见7件"',
        ctx: seed('韩庄镇', { 1: [S004_ONE], 6: [S004_SIX] }),
        findings: [{ severity: 'warning', cells: [], expected: 2, actual: 7 }],
      },
      {
        name: 'applications counted twice: preamble 20 vs 一 21',
        ctx: ctx2019({ 0: ['本年度共收到政府信息公开申请20件。'], 1: ['（二）依申请公开情况。全年共收到政府信息公开申请21件。'] }),
        findings: [{ expected: 20, actual: 21 }],
      },
    ],
  },
  {
    ruleId: 'T3-FEE-NARRATIVE',
    valid: [
      { name: 'Pingtan 2024: 3.6.2 = 0 (its 六 mentions 信息处理费 anyway)', ctx: pingtan({ 1: [PT_YSQ], 6: [PT_SIX] }) },
      { name: 'fee notices issued and 六 reports on 信息处理费', ctx: pingtan({ 1: [PT_YSQ], 6: ['2024年，共出具收费通知2件，收取信息处理费0.1万元。'] }, { 'T3:3.6.2:natural': '2', 'T3:3.6.2:total': '2' }) },
      { name: 'section 六 missing: not assessable', ctx: pingtan({ 1: [PT_YSQ] }, { 'T3:3.6.2:total': '2' }) },
    ],
    invalid: [
      {
        name: 'fee notices issued (2) but 六 is 无',
        ctx: pingtan({ 1: [PT_YSQ], 6: ['无。'] }, { 'T3:3.6.2:natural': '2', 'T3:3.6.2:total': '2' }),
        findings: [{ severity: 'warning', cells: ['T3:3.6.2:total'] }],
      },
    ],
  },
];
