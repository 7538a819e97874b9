/**
 * Fixtures for the content-quality hints (rules.md §K). The sentences are the seeds' and
 * Pingtan 2024's own (seed-findings.md names which fire where); failing fixtures that are not
 * a seed's finding mutate one real passage.
 */
import type { RuleCases } from './cases';
import { emptyMapping, makeContext, reportBody as body, type ContextSpec } from '../../tests/helpers/context';

/** A township report of 2020 in the 2019 format (the seeds). */
const town = (sections: Record<number, string[]>, extra: ContextSpec = {}) => () =>
  makeContext({ format: '2019', year: 2020, entity: '韩庄镇人民政府', entityType: 'township', ...extra, ...body(sections) });
/** Pingtan 2024 (2021 format, a 管委会 of government level). */
const pingtan = (sections: Record<number, string[]>) => () =>
  makeContext({ format: '2021', year: 2024, entity: '平潭综合实验区', entityType: 'government', ...body(sections) });

// ------------------------------------------------------------------ the texts

/** Seed 000's section 一: its five sub-headings. */
const S000_ONE = ['（一）主动公开情况', '（二）依申请公开情况', '（三）政府信息管理情况', '（四）平台建设情况', '（五）监督保障情况'];
/** Seed 004's section 一 (sub-headings and the 政协 sentence). */
const S004_ONE = [
  '在县委、县政府的正确领导下，韩庄镇人民政府坚持以党的十九大精神及科学发展观为指导，以建立责任型、法治型、阳光型政府为目标，认真贯彻落实政府信息公开工作。',
  '（一）把握重点，巩固成果',
  '根据《条例》及政府信息公开有关文件要求，进一步明确政府信息公开工作指导思想及基本原则，全面梳理各类信息，规范化、系统化政府信息公开内容并及时公开发布。加强组织领导，加大投入力度，健全工作机制，深化电子政务建设,完善信息管理，突出政务公开重点，规范政务公开内容，提高政务公开水平，进一步巩固政府信息公开工作成果。',
  '（三）拓宽渠道，加强宣传',
  '利用信息化手段丰富信息公开形式，拓宽信息公开渠道，以政务信息网络平台和政府院内政务公开宣传栏为载体，现代方法与传统方法相结合，加大宣传力度，营造良好氛围，确保政府信息公开工作依法有序开展。',
  '（四）着重办理，及时公开',
  '2020年我镇全年共接受人大、政协提案2件，已办理完成并公开2件。',
];
/** Seed 004's section 五: problems only. */
const S004_FIVE = [
  '（一）存在问题',
  '1、镇政府日常事务繁杂，人员紧缺，工作人员身兼多职，工作中难免分身乏术、顾此失彼。',
  '2、政府信息公开是一项全新工作，工作人员和社会公众对此认知尚浅。',
  '3、乡镇基础设施较落后，互联网未覆盖全乡，农村群众缺乏计算机网络知识等客观因素致使政府政务信息门户网站利用率不高。',
  '4、政务公开宣传范围局限，收效甚浅。适合农村群众查阅政府信息的形式较少。',
  '5、部分信息公布不够及时、更新较慢。信息数量、质量亟待提升。',
];
/** Seed 001's sections 五 and 六. */
const S001_FIVE = [
  '2020年，我镇政务公开工作虽然取得了较好成绩，但是与上级要求和公众的需求还有一定差距，一是公开内容不够全面不及时，公开的形式不丰富，并存在更新过慢的问题，便民性需要进一步提高；二是个别部门对政府信息公开工作重视不够。',
  '一是进一步加强政务公开指导录入工作。加强与县政府各部门政务公开工作进行沟通。',
  '二是强化政务公开制度建设。结合新《条例》，严格落实新《条例》各项规定。',
];
const S001_SIX = [
  '2021年，我镇将按照县政务公开办要求，紧紧围绕镇党委、镇政府的总体目标开展政府信息公开工作，加大政府信息公开工作力度。',
  '一是进一步加大政府信息公开力度，努力做到政务决策公开，结果公开，关系群众切身利益的重大问题公开。',
];
/** Seed 003's 二、强化组织领导 (a non-template top-level heading inside section 一), with its repeated 二是. */
const S003_ORG = [
  '二、强化组织领导，完善制度建设',
  '一是加强组织领导，确定一名班子成员分管政府信息公开工作，乡党政办公室负责政府信息公开工作。二是强化绩效考核，将政府信息公开工作纳入绩效考核评价指标体系，加强指标任务定期督查和对照整改。二是加强培训和制度建设，提升政务公开水平。',
];
/** Pingtan 2024's sections 五 and 六. */
const PT_FIVE = [
  '2024年，实验区政府信息公开工作取得了新进展新成果，但在工作中仍在不足，如新时代政府信息公开工作机制有待进一步调整和完善；政策解读形式仍需创新；智能化、数字化手段运用还不够充分等。2025年，将重点从以下方面做好改进：一是优化主动公开目录，开展主动公开事项目录编制。二是增强政策解读效果，进一步丰富政策解读形式。三是加快数字化转型，强化数字化信息技术在政务公开领域的创新运用。',
];
const PT_SIX = ['2024年，无收取信息处理费情况。'];
const PT_ONE = [
  '（一）主动公开方面。有序推进基层政务公开，通过政府门户网站全年主动公开各类政府信息10407条。',
  '（二）依申请公开方面。全年办理政府信息公开申请218件。',
  '（三）政府信息管理方面。持续做好政府信息管理工作。',
  '（四）政府信息公开平台建设方面。加强政府网站建设。',
  '（五）监督保障方面。将政务公开纳入绩效考核。',
];

/** Table 二's 规章 row (2019 format) as a body reports it. */
const regulations = (made: string, published: string, total: string) => ({
  'T2:regulations:newlyMade': made,
  'T2:regulations:newlyPublished': published,
  'T2:regulations:totalPublished': total,
});

export const cases: RuleCases[] = [
  {
    ruleId: 'T2-GUIZHANG-LEVEL',
    valid: [
      { name: 'the seeds: a township with 规章 0', ctx: town({}, { cells: regulations('0', '0', '0') }) },
      { name: 'Shanghai 2019: 上海市人民政府办公厅 (a 直辖市) with 13', ctx: town({}, { entity: '上海市人民政府办公厅', entityType: 'department', cells: regulations('13', '13', '13') }) },
      { name: 'a province’s department', ctx: town({}, { entity: '福建省司法厅', entityType: 'department', cells: regulations('2', '2', '40') }) },
      { name: 'level unknown from the name: not assessable', ctx: town({}, { entity: '平潭综合实验区', entityType: 'government', cells: regulations('1', '1', '1') }) },
    ],
    invalid: [
      {
        name: 'seed 004’s township mutated to report 2 规章',
        ctx: town({}, { cells: regulations('2', '2', '0') }),
        findings: [{ severity: 'warning', cells: ['T2:regulations:newlyMade', 'T2:regulations:newlyPublished'] }],
      },
      { name: 'a county department', ctx: town({}, { entity: '某某县财政局', entityType: 'department', cells: regulations('0', '0', '3') }), findings: [{ cells: ['T2:regulations:totalPublished'] }] },
      { name: 'a district of a city', ctx: town({}, { entity: '深圳市南山区人民政府', entityType: 'government', cells: regulations('1', '0', '0') }), findings: [{ cells: ['T2:regulations:newlyMade'] }] },
    ],
  },
  {
    ruleId: 'CONTENT-SEC1-COVERAGE',
    valid: [
      { name: 'seed 000: all five sub-headings', ctx: town({ 1: S000_ONE }) },
      { name: 'Pingtan 2024: five sub-headings', ctx: pingtan({ 1: PT_ONE }) },
      { name: 'no section 一 (seed 003): not assessable, TPL-SECTIONS reports it', ctx: town({ 5: S001_FIVE }) },
    ],
    invalid: [
      { name: 'seed 004: missing 主动公开, 依申请公开, 监督保障', ctx: town({ 1: S004_ONE }), findings: [{ severity: 'info', cells: [], message: '总体情况未提及：主动公开、依申请公开、监督保障' }] },
      { name: 'Pingtan 2024 without its 监督保障 paragraph', ctx: pingtan({ 1: PT_ONE.slice(0, 4) }), findings: [{ message: '总体情况未提及：监督保障' }] },
    ],
  },
  {
    ruleId: 'CONTENT-SEC5-IMPROVE',
    valid: [
      { name: 'seed 001: 一是进一步加强…', ctx: town({ 5: S001_FIVE }) },
      { name: 'Pingtan 2024: 将重点从以下方面做好改进', ctx: pingtan({ 5: PT_FIVE }) },
      { name: 'an empty 五 is CONTENT-EMPTY-SECTION’s', ctx: town({ 5: ['无。'] }) },
    ],
    invalid: [{ name: 'seed 004: only （一）存在问题 with five items', ctx: town({ 5: S004_FIVE }), findings: [{ severity: 'warning', cells: [] }] }],
  },
  {
    ruleId: 'CONTENT-SEC5-PREV',
    valid: [
      { name: 'Pingtan 2024 五 with a sentence on last year’s problems', ctx: pingtan({ 5: [...PT_FIVE, '针对上一年度报告指出的问题，已全部完成整改。'] }) },
      { name: 'no section 五: not assessable', ctx: pingtan({ 6: PT_SIX }) },
    ],
    invalid: [{ name: 'Pingtan 2024 (corpus README)', ctx: pingtan({ 5: PT_FIVE }), findings: [{ severity: 'info', cells: [] }] }],
  },
  {
    ruleId: 'CONTENT-SEC6-FEE',
    valid: [{ name: 'Pingtan 2024: 无收取信息处理费情况', ctx: pingtan({ 6: PT_SIX }) }],
    invalid: [
      { name: '六 = 无。 in a 2021-format report', ctx: pingtan({ 6: ['无。'] }), findings: [{ severity: 'warning', message: '第六部分为“无”，未说明信息处理费的收取情况' }] },
      { name: '六 with other matters only', ctx: pingtan({ 6: ['2024年，办理人大代表建议5件。'] }), findings: [{ message: '第六部分未提及信息处理费的收取情况' }] },
    ],
  },
  {
    ruleId: 'CONTENT-SEC6-MISPLACED',
    valid: [
      { name: 'seed 004: 六 reports the congress proposals', ctx: town({ 6: ['2020年，韩庄镇第十九届人民代表大会第七次会议代表共提出议案0件，批评、建议和意见7件。'] }) },
      { name: 'seed 001’s plan under 五, where it belongs', ctx: town({ 5: S001_SIX, 6: ['无。'] }) },
    ],
    invalid: [
      {
        name: 'seed 001: 六 "2021年，我镇将…"',
        ctx: town({ 6: S001_SIX }, { entity: '红星镇人民政府' }),
        findings: [{ severity: 'info', cells: [], text: { quote: S001_SIX[0]!.slice(0, -1) } }],
      },
      { name: '下一步 in 六', ctx: pingtan({ 6: ['2024年，无收取信息处理费情况。下一步，将继续做好政府信息公开工作。'] }), findings: [{ cells: [] }] },
    ],
  },
  {
    ruleId: 'CONTENT-EMPTY-SECTION',
    valid: [
      { name: 'seed 000: 六 = （无）, fine for 2019', ctx: town({ 5: S001_FIVE, 6: ['（无）'] }) },
      { name: 'seeds 002/003: 六 = 无。', ctx: town({ 5: S001_FIVE, 6: ['无。'] }) },
      { name: 'no 五 or 六 heading: TPL-SECTIONS’ matter', ctx: town({ 1: S000_ONE }) },
    ],
    invalid: [
      { name: '五 = 无。', ctx: town({ 5: ['无。'], 6: ['无。'] }), findings: [{ severity: 'warning', cells: [], message: '第五部分“存在的主要问题及改进情况”只有“无”' }] },
      { name: '五 with no text, 六 with no text', ctx: town({ 5: [], 6: [] }), findings: [{ message: '第五部分“存在的主要问题及改进情况”没有内容' }, { message: '第六部分“其他需要报告的事项”没有任何文字（没有事项应写“无”）' }] },
      { name: '五 under ten characters', ctx: town({ 5: ['工作有待加强。'] }), findings: [{ message: '第五部分“存在的主要问题及改进情况”只有“工作有待加强”' }] },
    ],
  },
  {
    ruleId: 'CONTENT-ARTIFACT',
    valid: [
      { name: 'seed 004’s text', ctx: town({ 1: S004_ONE, 5: S004_FIVE }) },
      { name: 'a dash inside a sentence is not a line of dashes', ctx: town({ 1: ['统计期限为2020年1月1日—2020年12月31日，数据口径 - 以下同。'] }) },
      {
        name: 'a table cell of dashes is a placeholder, not a line',
        ctx: () => {
          const c = town({ 1: S000_ONE })();
          c.page.tables = [{ rows: [{ cells: [{ text: '四、结转下年度继续办理', rowSpan: 1, colSpan: 1 }, { text: '---', rowSpan: 1, colSpan: 1 }] }] }];
          return c;
        },
      },
    ],
    invalid: [
      {
        name: 'seed 003: [bookmark: _GoBack] before the first paragraph',
        ctx: town({ 0: ['[bookmark: _GoBack]2019度以来，太平庄乡政府在县委、县政府的正确领导下，扎实推进政府信息公开工作。'] }),
        findings: [{ severity: 'info', cells: [], message: '页面含Word 书签标记：“[bookmark: _GoBack]”' }],
      },
      {
        name: 'seed 001: a ------ row in the T4 header (kept by the mapping)',
        ctx: () => {
          const c = town({ 1: S000_ONE })();
          c.tables.T4 = { ...emptyMapping('T4'), artifacts: ['------ | ------'] };
          return c;
        },
        findings: [{ message: '页面含分隔线：“------ ------”' }],
      },
      {
        name: 'a literal &nbsp; and a Word conditional comment: one finding each',
        ctx: town({ 1: ['（一）主动公开&nbsp;情况', '<!--[if !supportLists]-->1、<!--[endif]-->加强组织领导'] }),
        findings: [{ message: '页面含Word 条件注释：“<!--[if !supportLists]-->”' }, { message: '页面含未解析的 &nbsp;：“&nbsp;”' }],
      },
    ],
  },
  {
    ruleId: 'CONTENT-BOILERPLATE',
    valid: [
      { name: 'Pingtan 2024: 以习近平新时代中国特色社会主义思想为指导', ctx: pingtan({ 1: PT_ONE, 5: PT_FIVE }) },
      { name: 'seed 004 with the list set empty in the settings', ctx: town({ 1: S004_ONE, 5: S004_FIVE }, { settings: { boilerplatePhrases: [] } }) },
    ],
    invalid: [
      {
        name: 'seed 004 (2020): 科学发展观为指导, 一项全新工作',
        ctx: town({ 1: S004_ONE, 5: S004_FIVE }),
        findings: [{ severity: 'info', cells: [], message: '正文含过时或套话表述：“科学发展观为指导”、“一项全新工作”', text: { quote: S004_ONE[0]!.slice(0, -1) } }],
      },
      {
        name: 'a phrase added in the settings: 刚刚起步 stays, 认知尚浅 is added',
        ctx: town({ 5: S004_FIVE }, { settings: { boilerplatePhrases: ['刚刚起步', '认知尚浅'] } }),
        findings: [{ message: '正文含过时或套话表述：“认知尚浅”' }],
      },
    ],
  },
  {
    ruleId: 'CONTENT-ORDINAL',
    valid: [
      { name: 'seed 001: 一是, 二是 in 五, restarting at 一是; 六 restarts again', ctx: town({ 5: S001_FIVE, 6: S001_SIX }) },
      { name: 'seed 004: paragraphs 1、 to 5、', ctx: town({ 5: S004_FIVE }) },
      { name: 'Pingtan 2024: 一是…三是', ctx: pingtan({ 5: PT_FIVE }) },
      { name: 'the 一 of 统一是 is not an ordinal', ctx: town({ 1: ['一是加强领导。二是完善制度，口径统一是关键。三是强化考核。'] }) },
    ],
    invalid: [
      {
        name: 'seed 003: 一是…二是…二是',
        ctx: town({ 1: S003_ORG }),
        findings: [{ severity: 'info', cells: [], message: '列举序号不连续：“二是”之后是“二是”（“二是加强培训和制度建设，提升政务公开水平”）', text: { quote: '二是加强培训和制度建设，提升政务公开水平' } }],
      },
      { name: 'seed 004 五 with item 3 dropped: 2、 then 4、', ctx: town({ 5: S004_FIVE.filter((p) => !p.startsWith('3、')) }), findings: [{ message: '列举序号不连续：“2、”之后是“4、”（“4、政务公开宣传范围局限，收效甚浅”）' }] },
    ],
  },
  {
    ruleId: 'PLAUS-TOWNSHIP-CPPCC',
    valid: [
      { name: 'seed 004’s sentence in a county report', ctx: town({ 1: S004_ONE }, { entity: '某县人民政府', entityType: 'government' }) },
      { name: 'a township handling 人大 proposals only', ctx: town({ 6: ['2020年，韩庄镇第十九届人民代表大会第七次会议代表共提出议案0件，批评、建议和意见7件。'] }) },
    ],
    invalid: [
      {
        name: 'seed 004: 接受人大、政协提案2件',
        ctx: town({ 1: S004_ONE }),
        findings: [{ severity: 'info', cells: [], text: { quote: '2020年我镇全年共接受人大、政协提案2件，已办理完成并公开2件' } }],
      },
    ],
  },
];
