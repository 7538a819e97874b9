/**
 * Fixtures for the template-conformance rules (rules.md §C). The seed contexts mirror what
 * the mapping and the section analysis produce on the real pages (seed-findings.md §1, §3,
 * §4; Pingtan 2024): seed 003's TPL findings are reproduced exactly, seeds 000/002 and
 * Pingtan 2024 are clean apart from seed 002's 只记 typo (one warning, never an error).
 */
import type { Block, CellId, Format, SectionHeading, TableId, TableMapping } from '../types';
import type { RuleCase, RuleCases } from './cases';
import { emptyMapping, makeContext, type ContextSpec } from '../../tests/helpers/context';
import { normaliseLabel } from '../normalise';
import { cellId, templateRows } from '../template';

// ------------------------------------------------------------------ builders

/** A document item: narrative text, a section heading, a table part or an image. */
type Item = string | { h: number; n?: number | null; text?: string } | { t: number } | { img: string };

const HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];
const NUM = ['', '一', '二', '三', '四', '五', '六'];

/** Blocks and the section headings found in them, in document order. */
export function layout(items: Item[]): { blocks: Block[]; sections: SectionHeading[] } {
  const blocks: Block[] = [];
  const sections: SectionHeading[] = [];
  for (const it of items) {
    if (typeof it === 'string') blocks.push({ kind: 'text', text: it });
    else if ('h' in it) {
      const numeral = it.n === undefined ? it.h : it.n;
      const text = it.text ?? (numeral === null ? HEADINGS[it.h - 1]!.slice(2) : `${NUM[numeral]}、${HEADINGS[it.h - 1]!.slice(2)}`);
      sections.push({ section: it.h, numeral, text, block: blocks.length });
      blocks.push({ kind: 'text', text });
    } else if ('t' in it) blocks.push({ kind: 'table', table: it.t });
    else blocks.push({ kind: 'image', src: it.img });
  }
  return { blocks, sections };
}

/** The template layout: six headings, T2/T3/T4 under 二/三/四 as table parts 0/1/2. */
const STANDARD: Item[] = [
  '测试镇2020年政府信息公开工作年度报告',
  { h: 1 },
  '（一）主动公开。全年主动公开政府信息120条。',
  { h: 2 },
  { t: 0 },
  { h: 3 },
  { t: 1 },
  { h: 4 },
  { t: 2 },
  { h: 5 },
  '存在的问题：公开内容不够全面。改进措施：进一步完善公开目录。',
  { h: 6 },
  '无。',
];

const rowKeys = (table: TableId, format: Format) => templateRows(table, format).map((r) => r.key);

/** Every template cell of the given tables with the same raw text. */
function allCells(format: Format, raw = '0', tables: readonly TableId[] = ['T2', 'T3', 'T4']): Record<CellId, string> {
  const out: Record<CellId, string> = {};
  for (const t of tables) for (const row of templateRows(t, format)) for (const c of row.cols) out[cellId(t, row.key, c.key)] = raw;
  return out;
}

/** The row's value cell ids. */
function rowCells(table: TableId, row: string, format: Format = '2019'): CellId[] {
  const def = templateRows(table, format).find((r) => r.key === row)!;
  return def.cols.map((c) => cellId(table, row, c.key));
}

/** A complete, conformant mapping of a table. */
function fullMapping(table: TableId, format: Format, part: number, extra: Partial<TableMapping> = {}): Partial<TableMapping> {
  return { ...emptyMapping(table), parts: [part], rowOrder: rowKeys(table, format), ...extra };
}

/** A clean, complete report (all sections, all tables, all rows), with overrides. */
function cleanSpec(format: Format = '2019', over: ContextSpec = {}): ContextSpec {
  const { blocks, sections } = layout(STANDARD);
  return {
    format,
    year: format === '2021' ? 2022 : 2020,
    cells: allCells(format),
    sections,
    page: { blocks },
    tables: { T2: fullMapping('T2', format, 0), T3: fullMapping('T3', format, 1), T4: fullMapping('T4', format, 2) },
    narrative: ['（一）主动公开。全年主动公开政府信息120条。'],
    ...over,
  };
}
const clean = (format: Format = '2019', over: ContextSpec = {}) => () => makeContext(cleanSpec(format, over));

/** The clean spec with one table's mapping changed. */
function withTable(table: TableId, m: Partial<TableMapping>, format: Format = '2019', over: ContextSpec = {}): () => ReturnType<typeof makeContext> {
  const spec = cleanSpec(format, over);
  const base = spec.tables![table]!;
  return () => makeContext({ ...spec, tables: { ...spec.tables, [table]: { ...base, ...m } } });
}

// ------------------------------------------------------------------ the seeds and the corpus

/** Seed 000 (红椿镇 2019): six headings, three tables in place, every cell 0 but procurement. */
export function seed000() {
  const { blocks, sections } = layout([
    '红椿镇人民政府2019年政府信息公开工作年度报告',
    { h: 1 },
    '（一）主动公开',
    '（二）依申请公开',
    '2019年，我镇没有收到任何形式的依申请公开政府信息申请件。',
    '（三）政府信息管理',
    '（四）平台建设',
    '（五）监督保障',
    { h: 2 },
    { t: 0 },
    { h: 3 },
    { t: 1 },
    { h: 4 },
    { t: 2 },
    { h: 5 },
    '存在的主要问题：公开内容不够全面。改进情况：加强培训。',
    { h: 6 },
    '（无）',
  ]);
  return makeContext({
    format: '2019',
    year: 2019,
    entity: '红椿镇人民政府',
    cells: { ...allCells('2019'), 'T2:procurement:projects': '55', 'T2:procurement:amount': '3249.75万元' },
    sections,
    page: { blocks },
    narrative: ['2019年，我镇没有收到任何形式的依申请公开政府信息申请件。'],
    tables: { T2: fullMapping('T2', '2019', 0), T3: fullMapping('T3', '2019', 1), T4: fullMapping('T4', '2019', 2) },
  });
}

/** Seed 002 (同江市乐业镇 2020): clean but for the 只记 typo in row 3.2. */
export function seed002() {
  const { blocks, sections } = layout([
    '同江市乐业镇2020年政府信息公开',
    '工作年度报告',
    '本报告中所列数据的统计期限自2020年1月1日至12月31日止。',
    { h: 1 },
    '（一）领导高度重视，明确主动公开、依申请公开、不予公开等属性。',
    { h: 2 },
    { t: 0 },
    { h: 3 },
    { t: 1 },
    { h: 4 },
    { t: 2 },
    { h: 5 },
    '进一步完善公开制度。',
    { h: 6 },
    '无。',
  ]);
  return makeContext({
    format: '2019',
    year: 2020,
    entity: '同江市乐业镇',
    cells: {
      ...allCells('2019'),
      'T3:1:natural': '4',
      'T3:1:total': '4',
      'T3:3.5.1:natural': '4',
      'T3:3.5.1:total': '4',
      'T3:3.7:natural': '4',
      'T3:3.7:total': '4',
    },
    sections,
    page: { blocks },
    narrative: ['本报告中所列数据的统计期限自2020年1月1日至12月31日止。'],
    tables: {
      T2: fullMapping('T2', '2019', 0),
      T3: fullMapping('T3', '2019', 1, {
        labelIssues: [
          {
            table: 'T3',
            row: '3.2',
            found: normaliseLabel('（二）部分公开（区分处理的，只记这一情形，不计其他情形）'),
            expected: normaliseLabel('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
            match: 'whitelist',
            meaningChanged: false,
            cells: rowCells('T3', '3.2'),
          },
        ],
      }),
      T4: fullMapping('T4', '2019', 2),
    },
  });
}

/**
 * Seed 003 (太平庄乡 2019, seed-findings.md §4): non-template headings 一/二, template sections
 * 五/六 numbered 三/四, the tables appended after 四, no T4; T2 without blocks （六）（八）, an empty
 * otherServices row, no （九） caption, 政府集中收购; T3 with 本年度新收, 住房举报, a header cut at 法律服.
 */
export function seed003() {
  const { blocks, sections } = layout([
    '太平庄乡2019年政府信息公开工作',
    '年度报告',
    '[bookmark: _GoBack]2019度以来，太平庄乡政府在县委、县政府的正确领导下，扎实推进政府信息公开工作。',
    '一、提高政治站位，推进全面公开',
    '2019年，我乡坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的十九大精神。',
    '二、强化组织领导，完善制度建设',
    '一是加强组织领导，组织全镇领导干部学习。二是强化绩效考核。二是加强培训和制度建设。三是制定《太平庄乡工作例会制度》。',
    { h: 5, n: 3 },
    '存在的主要问题：',
    '1、信息公开的内容有待进一步完善；',
    '2、部分栏目信息更新还不够及时。',
    '针对问题的改进措施：',
    '1、统一认识，努力规范工作程序。',
    '2、认真梳理，逐步扩大公开内容。',
    { h: 6, n: 4 },
    '无。',
    '2019年主动公开政府信息情况表',
    { t: 0 },
    '2019年收到和处理政府信息公开申请情况表',
    { t: 1 },
  ]);
  const narrative = blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
  const t2: Record<CellId, string> = {
    'T2:regulations:newlyMade': '',
    'T2:regulations:newlyPublished': '',
    'T2:regulations:totalPublished': '',
    'T2:normativeDocuments:newlyMade': '23',
    'T2:normativeDocuments:newlyPublished': '23',
    'T2:normativeDocuments:totalPublished': '23',
    'T2:licensing:previousCount': '',
    'T2:licensing:change': '',
    'T2:licensing:decisions': '',
    'T2:procurement:projects': '',
    'T2:procurement:amount': '',
  };
  return makeContext({
    format: '2019',
    year: 2019,
    entity: '太平庄乡',
    cells: { ...t2, ...allCells('2019', '', ['T3']) },
    sections,
    page: { blocks },
    narrative,
    tables: {
      T2: {
        ...emptyMapping('T2'),
        parts: [0],
        rowOrder: ['regulations', 'normativeDocuments', 'licensing', 'procurement'],
        labelIssues: [
          {
            table: 'T2',
            row: 'procurement',
            found: '政府集中收购',
            expected: '政府集中采购',
            match: 'whitelist',
            meaningChanged: true,
            cells: ['T2:procurement:projects', 'T2:procurement:amount'],
          },
        ],
        missingRows: [
          { table: 'T2', row: 'otherServices', label: '其他对外管理服务事项', kind: 'data', present: true },
          { table: 'T2', row: 'caption:九', label: '第二十条第（九）项', kind: 'caption', present: false },
        ],
        missingBlocks: ['六', '八'],
      },
      T3: fullMapping('T3', '2019', 1, {
        labelIssues: [
          {
            table: 'T3',
            row: '1',
            found: '一、本年度新收政府信息公开申请数量',
            expected: '一、本年新收政府信息公开申请数量',
            match: 'whitelist',
            meaningChanged: false,
            cells: rowCells('T3', '1'),
          },
          {
            table: 'T3',
            row: '3.5.1',
            found: '1.住房举报投诉类申请',
            expected: '1.信访举报投诉类申请',
            match: 'whitelist',
            meaningChanged: true,
            cells: rowCells('T3', '3.5.1'),
          },
        ],
        colIssues: [
          { table: 'T3', col: 'legal', expected: '法律服务机构', found: '法律服', kind: 'truncated', cells: ['T3:1:legal'] },
          { table: 'T3', col: 'other', expected: '其他', found: null, kind: 'missing', cells: ['T3:1:other'] },
        ],
        // the note broken over three lines normalises to the exact text
        note: normaliseLabel('（本列数据的勾稽关系为：第一项加\n第二项之和，等于第三项加第四项之\n和）'),
      }),
      T4: emptyMapping('T4', false),
    },
  });
}

/** Pingtan 2024 (2021 format): six headings, three tables in place, all rows. */
export function pingtan2024() {
  const { blocks, sections } = layout([
    '平潭综合实验区2024年度政府信息公开工作年度报告',
    '本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。',
    { h: 1 },
    '（一）主动公开',
    '（二）依申请公开。全年办理政府信息公开申请218件。',
    '（三）政府信息管理',
    '（四）政府信息公开平台建设',
    '（五）监督保障',
    { h: 2 },
    { t: 0 },
    { h: 3 },
    { t: 1 },
    { h: 4 },
    { t: 2 },
    { h: 5 },
    '存在的问题和改进措施。',
    { h: 6 },
    '2024年，无收取信息处理费情况。',
  ]);
  return makeContext({
    format: '2021',
    year: 2024,
    entity: '平潭综合实验区',
    cells: { ...allCells('2021', '3'), 'T2:fees:feeAmount': '18651.06' },
    sections,
    page: {
      blocks,
      // the 全真版 tab and an empty 附件下载 list: real tables, so nothing is suppressed
      hasViewerFrame: true,
      links: [{ href: '/zwgk/zfxxgk/zfxxgknb/202503/P020250310.pdf', text: '全真版' }],
    },
    narrative: ['（二）依申请公开。全年办理政府信息公开申请218件。'],
    tables: { T2: fullMapping('T2', '2021', 0), T3: fullMapping('T3', '2021', 1), T4: fullMapping('T4', '2021', 2) },
  });
}

const SEEDS_VALID: RuleCase[] = [
  { name: 'seed 000 (all sections, all tables and rows)', ctx: seed000 },
  { name: 'seed 002', ctx: seed002 },
  { name: 'Pingtan 2024 (2021 format)', ctx: pingtan2024 },
];
const seedsValidExcept002: RuleCase[] = SEEDS_VALID.filter((c) => c.name !== 'seed 002');

/** An attachment-only page: no table mapped, a PDF link. */
const attachmentOnly = () => {
  const { blocks, sections } = layout(['测试镇2019年政府信息公开工作年度报告', '详见附件。']);
  return makeContext({
    year: 2019,
    sections,
    page: { blocks, links: [{ href: 'https://x.gov.cn/P020200131.pdf', text: '测试镇2019年年报.pdf' }] },
    tables: { T2: emptyMapping('T2', false), T3: emptyMapping('T3', false), T4: emptyMapping('T4', false) },
  });
};

/** T4 shown as an image under its heading (DOC-IMAGE-TABLE). */
const imageT4 = () => {
  const { blocks, sections } = layout(STANDARD.map((it) => (typeof it === 'object' && 't' in it && it.t === 2 ? { img: 'table4.png' } : it)));
  const spec = cleanSpec('2019');
  return makeContext({ ...spec, page: { blocks }, sections, tables: { ...spec.tables, T4: emptyMapping('T4', false) } });
};

// ------------------------------------------------------------------ cases

const sectionsCases: RuleCases = {
  ruleId: 'TPL-SECTIONS',
  valid: [
    ...SEEDS_VALID,
    { name: 'accepted variant headings found by the section analysis (Shanghai 2019 五)', ctx: clean('2019', { year: 2019 }) },
    { name: 'attachment-only page: nothing to audit', ctx: attachmentOnly },
  ],
  invalid: [
    {
      name: 'seed 003 (Y = 2019): headings 一–四 missing → 4 warnings naming them',
      ctx: seed003,
      findings: [
        { severity: 'warning', cells: [], message: '缺少第一部分标题“一、总体情况”（2019年度报告，统一格式为鼓励采用）' },
        { severity: 'warning', cells: [], message: '缺少第二部分标题“二、主动公开政府信息情况”（2019年度报告，统一格式为鼓励采用）' },
        { severity: 'warning', cells: [], message: '缺少第三部分标题“三、收到和处理政府信息公开申请情况”（2019年度报告，统一格式为鼓励采用）' },
        { severity: 'warning', cells: [], message: '缺少第四部分标题“四、政府信息公开行政复议、行政诉讼情况”（2019年度报告，统一格式为鼓励采用）' },
      ],
    },
    {
      name: 'Y = 2020: a missing heading is an error',
      ctx: () => {
        const spec = cleanSpec('2019');
        return makeContext({ ...spec, sections: spec.sections!.filter((h) => h.section !== 6) });
      },
      findings: [{ severity: 'error', cells: [], message: '缺少第六部分标题“六、其他需要报告的事项”' }],
    },
    {
      name: 'Y unknown: error',
      ctx: () => makeContext({ ...cleanSpec('2021'), year: null, sections: [] }),
      findings: Array.from({ length: 6 }, () => ({ severity: 'error' as const, cells: [] })),
    },
  ],
};

const sectionOrderCases: RuleCases = {
  ruleId: 'TPL-SECTION-ORDER',
  valid: [
    ...SEEDS_VALID,
    { name: 'headings without numerals are not renumbered', ctx: () => {
      const { blocks, sections } = layout(STANDARD.map((it) => (typeof it === 'object' && 'h' in it ? { h: it.h, n: null } : it)));
      return makeContext({ ...cleanSpec(), page: { blocks }, sections });
    } },
    { name: 'T3 split in two parts, both under 三', ctx: () => {
      const { blocks, sections } = layout(['标题', { h: 1 }, { h: 2 }, { t: 0 }, { h: 3 }, { t: 1 }, '（续表）', { t: 2 }, { h: 4 }, { t: 3 }, { h: 5 }, { h: 6 }]);
      const spec = cleanSpec();
      return makeContext({ ...spec, page: { blocks }, sections, tables: { ...spec.tables, T3: { ...spec.tables!.T3, parts: [1, 2] }, T4: { ...spec.tables!.T4, parts: [3] } } });
    } },
    { name: 'no headings at all: nothing to order (TPL-SECTIONS reports them)', ctx: clean('2019', { sections: [] }) },
  ],
  invalid: [
    {
      name: 'seed 003: 五/六 numbered 三/四, tables appended after 四 → one warning',
      ctx: seed003,
      findings: [
        {
          cells: [],
          message:
            '章节结构与模板不符：“三、存在的主要问题及改进情况”编号为“三”，模板中为“五”；“四、其他需要报告的事项”编号为“四”，模板中为“六”；表二不在第二部分内；表三不在第三部分内',
        },
      ],
    },
    {
      name: 'headings out of order (五 before 四)',
      ctx: () => {
        const { blocks, sections } = layout(['标题', { h: 1 }, { h: 2 }, { t: 0 }, { h: 3 }, { t: 1 }, { h: 5 }, { h: 4 }, { t: 2 }, { h: 6 }]);
        return makeContext({ ...cleanSpec(), page: { blocks }, sections });
      },
      findings: [{ cells: [], message: expectOrder('“总体情况”、“主动公开政府信息情况”、“收到和处理政府信息公开申请情况”、“存在的主要问题及改进情况”、“政府信息公开行政复议、行政诉讼情况”、“其他需要报告的事项”') }],
    },
    {
      name: 'T4 placed under 五',
      ctx: () => {
        const { blocks, sections } = layout(['标题', { h: 1 }, { h: 2 }, { t: 0 }, { h: 3 }, { t: 1 }, { h: 4 }, '无行政复议。', { h: 5 }, { t: 2 }, { h: 6 }]);
        return makeContext({ ...cleanSpec(), page: { blocks }, sections });
      },
      findings: [{ cells: [], message: '章节结构与模板不符：表四不在第四部分内' }],
    },
    {
      name: 'section 二 heading missing, T2 after 三: outside its section',
      ctx: () => {
        const { blocks, sections } = layout(['标题', { h: 1 }, { h: 3 }, { t: 0 }, { t: 1 }, { h: 4 }, { t: 2 }, { h: 5 }, { h: 6 }]);
        return makeContext({ ...cleanSpec(), page: { blocks }, sections });
      },
      findings: [{ cells: [], message: '章节结构与模板不符：表二不在第二部分内' }],
    },
  ],
};

function expectOrder(list: string): string {
  return `章节结构与模板不符：标题顺序为${list}，与模板顺序不一致`;
}

const tableMissingCases: RuleCases = {
  ruleId: 'TPL-TABLE-MISSING',
  valid: [
    ...SEEDS_VALID,
    { name: 'attachment-only page (DOC-ATTACHMENT-ONLY): not assessable', ctx: attachmentOnly },
    { name: 'T4 as an image under its heading (DOC-IMAGE-TABLE): not assessable', ctx: imageT4 },
    {
      name: 'viewer frame (flip-book) and no table: not assessable',
      ctx: () =>
        makeContext({
          page: { hasViewerFrame: true },
          tables: { T2: emptyMapping('T2', false), T3: emptyMapping('T3', false), T4: emptyMapping('T4', false) },
        }),
    },
  ],
  invalid: [
    {
      name: 'seed 003: no T4 and no narrative on 复议/诉讼 → error',
      ctx: seed003,
      findings: [{ severity: 'error', cells: [], message: '缺少表四“政府信息公开行政复议、行政诉讼情况”' }],
    },
    {
      name: 'Y = 2019 and the narrative reports 复议/诉讼 → warning',
      ctx: withTable('T4', { found: false, parts: [], rowOrder: [], headerFound: false }, '2019', {
        year: 2019,
        narrative: ['本年度我镇未发生因政府信息公开引起的行政复议、行政诉讼案件。'],
      }),
      findings: [{ severity: 'warning', cells: [] }],
    },
    {
      name: 'Y = 2019 and the narrative gives application counts for a missing T3 → warning',
      ctx: withTable('T3', { found: false, parts: [], rowOrder: [], headerFound: false, note: null }, '2019', {
        year: 2019,
        narrative: ['全年共受理政府信息公开申请3件，均已按时答复。'],
      }),
      findings: [{ severity: 'warning', cells: [] }],
    },
    {
      name: 'Y = 2020: the narrative does not downgrade',
      ctx: withTable('T4', { found: false, parts: [], rowOrder: [], headerFound: false }, '2019', {
        year: 2020,
        narrative: ['本年度未发生行政复议、行政诉讼案件。'],
      }),
      findings: [{ severity: 'error', cells: [] }],
    },
    {
      name: 'an image elsewhere (not under 四) does not excuse a missing T4',
      ctx: () => {
        const { blocks, sections } = layout(['标题', { img: 'logo.png' }, { h: 1 }, { h: 2 }, { t: 0 }, { h: 3 }, { t: 1 }, { h: 4 }, '详见下表。', { h: 5 }, { h: 6 }]);
        const spec = cleanSpec();
        return makeContext({ ...spec, page: { blocks }, sections, tables: { ...spec.tables, T4: emptyMapping('T4', false) } });
      },
      findings: [{ severity: 'error', cells: [] }],
    },
    {
      name: 'no table at all and no attachment: three errors',
      ctx: () => makeContext({ tables: { T2: emptyMapping('T2', false), T3: emptyMapping('T3', false), T4: emptyMapping('T4', false) } }),
      findings: [
        { severity: 'error', message: '缺少表二“主动公开政府信息情况”' },
        { severity: 'error', message: '缺少表三“收到和处理政府信息公开申请情况”' },
        { severity: 'error', message: '缺少表四“政府信息公开行政复议、行政诉讼情况”' },
      ],
    },
  ],
};

const subtableMissingCases: RuleCases = {
  ruleId: 'TPL-SUBTABLE-MISSING',
  valid: [
    ...SEEDS_VALID,
    { name: 'T2 missing altogether: TPL-TABLE-MISSING only', ctx: withTable('T2', { found: false, missingBlocks: [] }) },
  ],
  invalid: [
    {
      name: 'seed 003: blocks （六） and （八） missing → 2 errors',
      ctx: seed003,
      findings: [
        { cells: [], message: '表二缺少第二十条第（六）项（行政处罚、行政强制）整块内容' },
        { cells: [], message: '表二缺少第二十条第（八）项（行政事业性收费）整块内容' },
      ],
    },
    {
      name: '2021 format: block （五） missing',
      ctx: withTable('T2', { missingBlocks: ['五'], rowOrder: ['regulations', 'normativeDocuments', 'penalties', 'enforcement', 'fees'] }, '2021'),
      findings: [{ cells: [], message: '表二缺少第二十条第（五）项（行政许可）整块内容' }],
    },
  ],
};

const rowMissingCases: RuleCases = {
  ruleId: 'TPL-ROW-MISSING',
  valid: [
    ...SEEDS_VALID,
    {
      name: 'rows of a missing block are not repeated',
      ctx: withTable('T2', {
        missingBlocks: ['六'],
        missingRows: [
          { table: 'T2', row: 'penalties', label: '行政处罚', kind: 'data', present: false },
          { table: 'T2', row: 'caption:六', label: '第二十条第（六）项', kind: 'caption', present: false },
          { table: 'T2', row: 'header:六', label: '信息内容', kind: 'header', present: false },
        ],
      }),
    },
  ],
  invalid: [
    {
      name: 'seed 003: otherServices without values → error; caption （九） missing → warning',
      ctx: seed003,
      findings: [
        { severity: 'error', cells: [], message: '表二“其他对外管理服务事项”行没有数值单元格' },
        { severity: 'warning', cells: [], message: '表二缺少标题行“第二十条第（九）项”' },
      ],
    },
    {
      name: 'a T3 item row absent, a T2 header row absent',
      ctx: () => {
        const spec = cleanSpec();
        return makeContext({
          ...spec,
          tables: {
            ...spec.tables,
            T2: { ...spec.tables!.T2, missingRows: [{ table: 'T2', row: 'header:五', label: '信息内容', kind: 'header', present: false }] },
            T3: { ...spec.tables!.T3, missingRows: [{ table: 'T3', row: '3.3.2', label: '2.其他法律行政法规禁止公开', kind: 'data', present: false }] },
          },
        });
      },
      findings: [
        { severity: 'error', cells: [], message: '表三缺少“（三）不予公开 2.其他法律行政法规禁止公开”行' },
        { severity: 'warning', cells: [], message: '表二第二十条第（五）项缺少表头行“信息内容”' },
      ],
    },
  ],
};

const rowLabelCases: RuleCases = {
  ruleId: 'TPL-ROW-LABEL',
  valid: [...seedsValidExcept002, { name: 'label issues of a missing table are not reported', ctx: withTable('T3', { found: false, labelIssues: seed002().tables.T3.labelIssues }) }],
  invalid: [
    {
      name: 'seed 002: 只记 typo → exactly one warning on the row 3.2 cells',
      ctx: seed002,
      findings: [{ severity: 'warning', cells: rowCells('T3', '3.2') }],
    },
    {
      name: 'seed 003: 政府集中收购 and 住房举报 → errors, 本年度新收 → warning',
      ctx: seed003,
      findings: [
        { severity: 'error', cells: ['T2:procurement:projects', 'T2:procurement:amount'] },
        { severity: 'error', cells: rowCells('T3', '3.5.1') },
        { severity: 'warning', cells: rowCells('T3', '1') },
      ],
    },
    {
      name: 'a fuzzy (edit distance) match is a warning; cells not on the page are not listed',
      ctx: () => {
        const spec = cleanSpec('2021');
        const cells = { ...spec.cells };
        delete cells['T3:3.4.2:total'];
        return makeContext({
          ...spec,
          cells,
          tables: {
            ...spec.tables,
            T3: {
              ...spec.tables!.T3,
              labelIssues: [
                { table: 'T3', row: '3.4.2', found: '2.没有现成信息需另行制作', expected: '2.没有现成信息需要另行制作', match: 'fuzzy', meaningChanged: false, cells: rowCells('T3', '3.4.2', '2021') },
              ],
            },
          },
        });
      },
      findings: [{ severity: 'warning', cells: rowCells('T3', '3.4.2', '2021').filter((id) => id !== 'T3:3.4.2:total') }],
    },
  ],
};

const colLabelCases: RuleCases = {
  ruleId: 'TPL-COL-LABEL',
  valid: [
    ...SEEDS_VALID,
    {
      name: 'header rows not found: not assessable',
      ctx: withTable('T3', {
        headerFound: false,
        colIssues: [{ table: 'T3', col: 'other', expected: '其他', found: null, kind: 'missing', cells: ['T3:1:other'] }],
      }),
    },
  ],
  invalid: [
    {
      name: 'seed 003: 法律服 (cut) and 其他 missing → 2 errors',
      ctx: seed003,
      findings: [
        { severity: 'error', cells: ['T3:1:legal'], message: '表三列标题“法律服”不完整，模板为“法律服务机构”' },
        { severity: 'error', cells: ['T3:1:other'], message: '表三缺少列标题“其他”' },
      ],
    },
    {
      name: 'known variant 现行有效件数（历史累计） → warning, first data row cell only',
      ctx: withTable(
        'T2',
        {
          colIssues: [
            {
              table: 'T2',
              col: 'inForce',
              expected: '现行有效件数',
              found: '现行有效件数(历史累计)',
              kind: 'variant',
              cells: ['T2:regulations:inForce', 'T2:normativeDocuments:inForce'],
            },
          ],
        },
        '2021',
      ),
      findings: [{ severity: 'warning', cells: ['T2:regulations:inForce'], message: '表二第二十条第（一）项列标题“现行有效件数(历史累计)”是模板“现行有效件数”的变体' }],
    },
    {
      name: 'T4 group header missing → error naming the column',
      ctx: withTable('T4', {
        colIssues: [{ table: 'T4', col: 'directSuit.total', expected: '未经复议直接起诉', found: null, kind: 'missing', cells: ['T4:cases:directSuit.total'] }],
      }),
      findings: [{ severity: 'error', cells: ['T4:cases:directSuit.total'], message: '表四缺少列标题“未经复议直接起诉 / 总计”' }],
    },
  ],
};

const extraCases: RuleCases = {
  ruleId: 'TPL-EXTRA-ROW-COL',
  valid: [...SEEDS_VALID, { name: 'seed 003', ctx: seed003 }],
  invalid: [
    {
      name: 'a 法人或其他组织小计 column and a 小计 row',
      ctx: withTable('T3', {
        extras: [
          { table: 'T3', kind: 'col', label: '法人或其他组织小计', values: {} },
          { table: 'T3', kind: 'row', label: '小计', values: {} },
        ],
      }),
      findings: [
        { severity: 'warning', cells: [], message: '表三有模板之外的列“法人或其他组织小计”，未计入模板各项合计' },
        { severity: 'warning', cells: [], message: '表三有模板之外的行“小计”，未计入模板各项合计' },
      ],
    },
  ],
};

const swapped = (keys: string[], a: string, b: string) => keys.map((k) => (k === a ? b : k === b ? a : k));

const rowOrderCases: RuleCases = {
  ruleId: 'TPL-ROW-ORDER',
  valid: [
    ...SEEDS_VALID,
    { name: 'seed 003 (rows missing, but in order)', ctx: seed003 },
  ],
  invalid: [
    {
      name: 'T3 rows 3.4.1 and 3.4.2 swapped → one warning on the first out-of-order row',
      ctx: withTable('T3', { rowOrder: swapped(rowKeys('T3', '2019'), '3.4.1', '3.4.2') }),
      findings: [{ severity: 'warning', cells: rowCells('T3', '3.4.2') }],
    },
    {
      name: 'T2 procurement moved to the top → the moved row is named, one finding per table',
      ctx: () => {
        const spec = cleanSpec();
        const t2 = rowKeys('T2', '2019');
        return makeContext({
          ...spec,
          tables: {
            ...spec.tables,
            T2: { ...spec.tables!.T2, rowOrder: ['procurement', ...t2.filter((k) => k !== 'procurement')] },
            T3: { ...spec.tables!.T3, rowOrder: swapped(rowKeys('T3', '2019'), '1', '2') },
          },
        });
      },
      findings: [
        { cells: ['T2:procurement:projects', 'T2:procurement:amount'], message: '表二行顺序与模板不一致：“政府集中采购”不在模板位置' },
        { cells: rowCells('T3', '2') },
      ],
    },
  ],
};

const noteCases: RuleCases = {
  ruleId: 'TPL-NOTE',
  valid: [
    ...SEEDS_VALID,
    { name: 'seed 003: the note over three lines normalises to the exact text', ctx: seed003 },
    { name: 'note as written on the page (full-width, spaces) is normalised', ctx: withTable('T3', { note: '（本列数据的勾稽关系为：第一项加第二项之和， 等于第三项加第四项之和）' }) },
  ],
  invalid: [
    {
      name: 'note missing → info',
      ctx: withTable('T3', { note: null }),
      findings: [{ severity: 'info', cells: [] }],
    },
    {
      name: 'note altered → info',
      ctx: withTable('T3', { note: '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项)' }),
      findings: [{ severity: 'info', cells: [] }],
    },
  ],
};

const cellCountCases: RuleCases = {
  ruleId: 'TPL-CELL-COUNT',
  valid: [
    ...SEEDS_VALID,
    { name: 'seed 003 (each T3 row has 7 cells; the empty otherServices row is TPL-ROW-MISSING)', ctx: seed003 },
    {
      name: 'a row reported by TPL-ROW-MISSING gets no TPL-CELL-COUNT',
      ctx: withTable('T3', {
        missingRows: [{ table: 'T3', row: '2', label: '二、上年结转政府信息公开申请数量', kind: 'data', present: true }],
        cellCountIssues: [{ table: 'T3', row: '2', label: '二、上年结转政府信息公开申请数量', found: 3, expected: 7 }],
      }),
    },
  ],
  invalid: [
    {
      name: 'T3 row with 6 value cells → error with found/expected',
      ctx: () => {
        const spec = cleanSpec();
        const cells = Object.fromEntries(Object.entries(spec.cells!).filter(([id]) => !id.startsWith('T3:3.1:')));
        return makeContext({
          ...spec,
          cells,
          tables: {
            ...spec.tables,
            T3: {
              ...spec.tables!.T3,
              rowOrder: rowKeys('T3', '2019').filter((k) => k !== '3.1'),
              cellCountIssues: [{ table: 'T3', row: '3.1', label: '（一）予以公开', found: 6, expected: 7 }],
            },
          },
        });
      },
      findings: [{ severity: 'error', cells: [], expected: 7, actual: 6, message: '表三“（一）予以公开”行有6个数值单元格，模板为7个；该行未予对应' }],
    },
  ],
};

export const cases: RuleCases[] = [
  sectionsCases,
  sectionOrderCases,
  tableMissingCases,
  subtableMissingCases,
  rowMissingCases,
  rowLabelCases,
  colLabelCases,
  extraCases,
  rowOrderCases,
  noteCases,
  cellCountCases,
];

