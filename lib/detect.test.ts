import { describe, expect, it } from 'vitest';
import type { Block, PageModel, SourceTable } from './types';
import {
  detectPage,
  entityTypeOf,
  formatSignatureRows,
  legacySignatures,
  negativeTitleReason,
  parseTitle,
  scanSignatures,
  T3_SIX_2019,
  T3_SIX_2021,
} from './detect';
import { htmlPage, realPage, SEEDS } from '../tests/helpers/pages';

// ------------------------------------------------------------------ builders

/** A PageModel from parts; a text dump unless meta/htmlTitle/root say otherwise. */
function page(spec: Partial<PageModel> & { rows?: string[][][] } = {}): PageModel {
  const { rows, ...rest } = spec;
  const tables: SourceTable[] = (rows ?? []).map((t) => ({
    rows: t.map((r) => ({ cells: r.map((text) => ({ text, rowSpan: 1, colSpan: 1 })) })),
  }));
  const blocks: Block[] = spec.blocks ?? tables.map((_, i) => ({ kind: 'table' as const, table: i }));
  return {
    source: 'test.txt',
    isFile: true,
    host: null,
    meta: {},
    htmlTitle: null,
    headingCandidates: [],
    dumpFields: {},
    links: [],
    hasViewerFrame: false,
    ...rest,
    blocks,
    tables: spec.tables ?? tables,
  };
}

/** 2019-format table fragments (T2 (一)(九) headers and rows, T3 head, T4 head). */
const T2_2019 = [
  ['第二十条第（一）项'],
  ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
  ['规章', '0', '0', '0'],
  ['规范性文件', '0', '0', '0'],
  ['第二十条第（九）项'],
  ['信息内容', '采购项目数量', '采购总金额'],
  ['政府集中采购', '55', '3249.75万元'],
];
const T2_2021 = [
  ['第二十条第（一）项'],
  ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
  ['规章', '0', '0', '0'],
  ['行政规范性文件', '62', '33', '440'],
  ['第二十条第（五）项'],
  ['信息内容', '本年处理决定数量'],
  ['行政许可', '4529'],
  ['第二十条第（八）项'],
  ['信息内容', '本年收费金额（单位：万元）'],
  ['行政事业性收费', '18651.06'],
];
const V7 = ['0', '0', '0', '0', '0', '0', '0'];
const T3_HEAD = [
  ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况'],
  ['一、本年新收政府信息公开申请数量', ...V7],
];
const T3_SIX_19 = [['', '（六）其他处理', ...V7]];
const T3_SIX_21 = [
  ['（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', ...V7],
  ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', ...V7],
];
const T3_TAIL = [['四、结转下年度继续办理', ...V7]];
const T4 = [
  ['行政复议', '行政诉讼'],
  ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'],
  [...V7, ...V7, '0'],
];

// ------------------------------------------------------------------ parseTitle

describe('parseTitle (report-format.md §13.2)', () => {
  it.each([
    ['红椿镇人民政府2019年政府信息公开工作年度报告', 2019, '红椿镇人民政府'],
    ['红星镇 2020 年政府信息公开工作年度报告', 2020, '红星镇'],
    ['同江市乐业镇2020年政府信息公开\n工作年度报告', 2020, '同江市乐业镇'],
    ['平潭综合实验区2024年度政府信息公开工作年度报告', 2024, '平潭综合实验区'],
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告', 2019, '上海市人民政府办公厅'],
    ['平潭综合实验区管委会2014年度政府信息公开工作年度报告', 2014, '平潭综合实验区管委会'],
    ['定西市安定区2020年政府信息公开工作的年度报告', 2020, '定西市安定区'],
    ['某某县2018年政务信息公开年度报告', 2018, '某某县'],
    ['北京市东城区2022年政府信息公开工作年报', 2022, '北京市东城区'],
    ['红星镇2021年政府信息公开工作年度报告（全文）', 2021, '红星镇'],
    ['红星鎮2021年政府信息公開工作年度報告', 2021, '红星鎮'],
    ['２０１９年上海市人民政府辦公廳政府資訊公開'.replace('資訊', '信息') + '工作年度報告', 2019, '上海市人民政府辦公廳'],
  ])('%s → %i, %s', (title, year, entity) => {
    expect(parseTitle(title)).toMatchObject({ year, entity });
  });

  it('keeps the original spacing in the title, line breaks removed', () => {
    expect(parseTitle('红星镇 2020 年政府信息公开工作年度报告')?.title).toBe('红星镇 2020 年政府信息公开工作年度报告');
    expect(parseTitle('太平庄乡2019年政府信息公开工作\n年度报告')?.title).toBe('太平庄乡2019年政府信息公开工作年度报告');
  });

  it.each([
    '关于认真做好2021年政府信息公开工作年度报告编制发布工作的通知',
    '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知',
    '关于2014年政府信息公开工作要点落实情况的函',
    '政府信息公开年报',
    '红星镇政府信息公开工作年度报告',
    '红星镇2020年政府信息公开工作年度报告编制说明',
  ])('rejects %s', (title) => {
    expect(parseTitle(title)).toBeNull();
  });
});

describe('entityTypeOf (§13.2 heuristic)', () => {
  it.each([
    ['红椿镇人民政府', 'township'],
    ['红星镇', 'township'],
    ['太平庄乡', 'township'],
    ['大明湖街道办事处', 'township'],
    ['朝阳街道', 'township'],
    ['同江市乐业镇', 'township'],
    ['上海市人民政府办公厅', 'department'],
    ['某某市市场监督管理局', 'department'],
    ['某某县发展和改革委员会', 'department'],
    ['某某区政务服务中心', 'department'],
    ['上海市人民政府', 'government'],
    ['平潭综合实验区', 'government'],
    ['平潭综合实验区管委会', 'government'],
    ['同江市', 'government'],
    ['某某自治旗', 'government'],
    ['某某公司', 'unknown'],
    ['红星鎮', 'township'],
    ['上海市人民政府辦公廳', 'department'],
  ] as const)('%s → %s', (entity, type) => {
    expect(entityTypeOf(entity)).toBe(type);
  });
  it('unknown without an entity', () => {
    expect(entityTypeOf(null)).toBe('unknown');
    expect(entityTypeOf('')).toBe('unknown');
  });
});

// ------------------------------------------------------------------ title sources

describe('title sources (§13.1 E1)', () => {
  it('meta ArticleTitle first', () => {
    const d = detectPage(
      page({
        meta: { ArticleTitle: '平潭综合实验区2024年度政府信息公开工作年度报告' },
        htmlTitle: '首页_平潭综合实验区党工委管委会',
        headingCandidates: ['政府信息公开年报'],
      }),
    );
    expect(d).toMatchObject({ detected: true, year: 2024, entity: '平潭综合实验区', evidence: { E1: true } });
  });

  it('<title> up to the first "_"', () => {
    const d = detectPage(page({ htmlTitle: '红星镇2020年政府信息公开工作年度报告_政府信息公开年报_某某县人民政府' }));
    expect(d).toMatchObject({ detected: true, title: '红星镇2020年政府信息公开工作年度报告', year: 2020 });
  });

  it('<title> joined with " - " or "|" by other CMSs', () => {
    expect(detectPage(page({ htmlTitle: '红星镇2020年政府信息公开工作年度报告 - 某某县人民政府' }))).toMatchObject({ detected: true, entity: '红星镇' });
    expect(detectPage(page({ htmlTitle: '红星镇2020年政府信息公开工作年度报告|某某县人民政府' }))).toMatchObject({ detected: true, year: 2020 });
  });

  it('a generic <title> falls back to the article heading', () => {
    const d = detectPage(page({ htmlTitle: '某某县人民政府门户网站', headingCandidates: ['政府信息公开年报', '韩庄镇2020年政府信息公开工作年度报告'] }));
    expect(d).toMatchObject({ detected: true, title: '韩庄镇2020年政府信息公开工作年度报告', entity: '韩庄镇' });
  });

  it("a dump's 标题 field", () => {
    const d = detectPage(page({ dumpFields: { 标题: '平潭综合实验区2016年度政府信息公开工作年度报告' }, headingCandidates: ['当前位置： 首页政务公开…'] }));
    expect(d).toMatchObject({ detected: true, year: 2016, entity: '平潭综合实验区' });
  });

  it("a text dump's first lines, joined up to three", () => {
    const d = detectPage(page({ headingCandidates: ['同江市乐业镇2020年政府信息公开', '工作年度报告', '本报告根据《中华人民共和国政府信息公开条例》要求编制。'] }));
    expect(d).toMatchObject({ detected: true, title: '同江市乐业镇2020年政府信息公开工作年度报告', year: 2020, entity: '同江市乐业镇' });
    const three = detectPage(page({ headingCandidates: ['太平庄乡', '2019年政府信息公开工作', '年度报告'] }));
    expect(three).toMatchObject({ detected: true, title: '太平庄乡2019年政府信息公开工作年度报告', entity: '太平庄乡' });
  });

  it('E4 alone detects a page whose title does not parse; the year is then unknown', () => {
    const d = detectPage(page({ htmlTitle: '政府信息公开年报', rows: [T2_2019, [...T3_HEAD, ...T3_TAIL], T4] }));
    expect(d).toMatchObject({ detected: true, evidence: { E1: false }, year: null, entity: null, entityType: 'unknown', format: '2019' });
    expect(d.evidence.E4).toBeGreaterThanOrEqual(3);
  });
});

describe('E2, E3, E4', () => {
  it('E2 from ColumnName/ColumnType or the dump 栏目; E3 from the URL, meta Url or 原文链接', () => {
    const title = { ArticleTitle: '红星镇2020年政府信息公开工作年度报告' };
    expect(detectPage(page({ meta: { ...title, ColumnName: '政府信息公开年报' } })).evidence.E2).toBe(true);
    expect(detectPage(page({ meta: { ...title, ColumnType: '政府信息公开年度报告' } })).evidence.E2).toBe(true);
    expect(detectPage(page({ meta: { ...title, ColumnName: '通知公告' } })).evidence.E2).toBe(false);
    expect(detectPage(page({ meta: title, dumpFields: { 栏目: '政府信息公开年报' } })).evidence.E2).toBe(true);
    for (const url of [
      'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm',
      'https://www.lg.gov.cn/xxgk/xxgknb/qzfgzbm/content/post_11956962.html',
      'https://www.hanyang.gov.cn/bmxxgk/zfgzjg/qrmzfbgs/zfxxgkndbg/202301/t20230119_2136694.shtml',
      'http://www.yangling.gov.cn/zwgk/gknb/bmnb/1.html',
      'http://122.137.242.24:8080/pub/ltqxxgkw/cyqzf/ndbg/201803/t20180314_407316.html',
      'http://www.gu456.com/XxgkAnnualReport/show/5819.html',
    ]) {
      expect(detectPage(page({ meta: title, source: url, isFile: false })).evidence.E3, url).toBe(true);
    }
    expect(detectPage(page({ meta: { ...title, Url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/1.htm' } })).evidence.E3).toBe(true);
    expect(detectPage(page({ meta: title, dumpFields: { 原文链接: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/201701/t20170118_80485.htm' } })).evidence.E3).toBe(true);
    expect(detectPage(page({ meta: title, source: 'https://www.example.gov.cn/zwgk/tzgg/1.html', isFile: false })).evidence.E3).toBe(false);
  });

  it('E4 counts distinct "both" signatures in the tables, not in the narrative', () => {
    const narrative: Block[] = [{ kind: 'text', text: '信息内容 勾稽关系 申请人情况 未经复议直接起诉 复议后起诉' }];
    expect(detectPage(page({ blocks: narrative })).evidence.E4).toBe(0);
    const d = detectPage(page({ rows: [T2_2019, [...T3_HEAD, ...T3_TAIL], T4] }));
    // 第二十条第（一）项, 信息内容, 勾稽关系, 申请人情况, 本年新收…, 结转下年度…, 未经复议直接起诉, 复议后起诉
    expect(d.evidence.E4).toBe(8);
  });

  it('E2/E3 alone do not detect (list page or attachment stub)', () => {
    const d = detectPage(
      page({ meta: { ColumnName: '政府信息公开年报' }, source: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/', isFile: false }),
    );
    expect(d).toMatchObject({ detected: false, evidence: { E1: false, E2: true, E3: true, E4: 0 } });
  });
});

// ------------------------------------------------------------------ format

describe('format (§8) and legacy (§8.1)', () => {
  const title = { meta: { ArticleTitle: '测试区2022年政府信息公开工作年度报告' } };

  it('2019 signatures → 2019, including T3 （六） with one data row', () => {
    const d = detectPage(page({ ...title, rows: [T2_2019, [...T3_HEAD, ...T3_SIX_19, ...T3_TAIL], T4] }));
    expect(d.format).toBe('2019');
    expect(d.signatures['2021']).toBe(0);
    const scan = scanSignatures(page({ rows: [[...T3_HEAD, ...T3_SIX_19, ...T3_TAIL]] }));
    expect(scan['2019'].map((h) => h.signature)).toEqual([T3_SIX_2019]);
  });

  it('2021 signatures → 2021, including T3 （六） over 1.申请人无正当理由…', () => {
    const d = detectPage(page({ ...title, rows: [T2_2021, [...T3_HEAD, ...T3_SIX_21, ...T3_TAIL], T4] }));
    expect(d).toMatchObject({ format: '2021', signatures: { '2019': 0, '2021': 6 } });
    // the group label on a row of its own (text dumps) still counts for 2021
    const own = scanSignatures(page({ rows: [[['（六）其他处理'], ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', ...V7]]] }));
    expect(own['2021'].map((h) => h.signature)).toEqual([T3_SIX_2021]);
  });

  it('signatures in the narrative do not count', () => {
    const d = detectPage(page({ ...title, blocks: [{ kind: 'text', text: '本年制发件数62件，现行有效件数440件，本年废止件数33件。' }] }));
    expect(d.signatures).toEqual({ '2019': 0, '2021': 0 });
    expect(d.format).toBeNull();
  });

  it('mixed: the format with more signatures; a tie goes to the one the year calls for', () => {
    const mixed = detectPage(page({ ...title, rows: [T2_2021, [...T3_HEAD, ...T3_SIX_19, ...T3_TAIL], T4] }));
    expect(mixed).toMatchObject({ format: '2021', signatures: { '2019': 1, '2021': 5 } });
    const tieRows = [[['信息内容', '本年新制作数量', '本年制发件数']], [...T3_HEAD, ...T3_TAIL], T4];
    expect(detectPage(page({ meta: { ArticleTitle: '测试区2020年政府信息公开工作年度报告' }, rows: tieRows })).format).toBe('2019');
    expect(detectPage(page({ meta: { ArticleTitle: '测试区2022年政府信息公开工作年度报告' }, rows: tieRows })).format).toBe('2021');
  });

  it('formatSignatureRows gives the rows carrying each format', () => {
    const rows = formatSignatureRows(page({ rows: [T2_2021, [...T3_HEAD, ...T3_SIX_19, ...T3_TAIL]] }));
    expect(rows['2019']).toEqual([{ signature: T3_SIX_2019, table: 1, row: 2 }]);
    expect(new Set(rows['2021'].map((r) => r.row))).toEqual(new Set([1, 5, 8]));
  });

  it('legacy wording and no 2019/2021 signature → format null, legacy', () => {
    const legacyText: Block[] = [
      { kind: 'text', text: '一、概述 …… 六、政府信息公开情况统计表 指标名称 计量单位 2016年度 历年累计 主动公开文件数 条 2122 10037 当面申请数 件 3' },
    ];
    const d = detectPage(page({ dumpFields: { 标题: '平潭综合实验区2016年度政府信息公开工作年度报告' }, blocks: legacyText }));
    expect(d).toMatchObject({ detected: true, format: null, legacy: true });
    // `二、主动公开政府信息情况` is a legacy heading too: headings never decide the format
    const headingsOnly = detectPage(
      page({ meta: { ArticleTitle: '测试区2022年政府信息公开工作年度报告' }, blocks: [{ kind: 'text', text: '二、主动公开政府信息情况' }] }),
    );
    expect(headingsOnly).toMatchObject({ format: null, legacy: false });
  });

  it('a report with new-format tables is never legacy, whatever its wording', () => {
    const d = detectPage(
      page({
        ...title,
        blocks: [{ kind: 'text', text: '指标名称 计量单位 历年累计 主动公开文件数' }, { kind: 'table', table: 0 }],
        rows: [T2_2021],
      }),
    );
    expect(d).toMatchObject({ format: '2021', legacy: false });
  });
});

// ------------------------------------------------------------------ negative cases (§13.5)

describe('negative cases (§13.5)', () => {
  it('文字解读 of a report (title only)', () => {
    const p = htmlPage(
      `<html><head><title>文字解读:济南市历下区大明湖街道办事处2022年政府信息公开工作年度报告_政策解读_历下区</title>
       <meta name="ArticleTitle" content="文字解读:济南市历下区大明湖街道办事处2022年政府信息公开工作年度报告"></head>
       <body><div class="article_content"><p>一、总体情况</p><p>2022年，大明湖街道办事处深入贯彻落实《条例》……</p></div></body></html>`,
      'http://www.lixia.gov.cn/gongkai/site_lixiaqulxqdmhjdbscaf/channel_63899ae537599182826222fc/doc_641d4d4d749a4723fdc77fb7.html',
    );
    const d = detectPage(p);
    expect(d.detected).toBe(false);
    expect(d.reason).toMatch(/解读/);
    for (const t of ['图解：红星镇2020年政府信息公开工作年度报告', '一图读懂平潭综合实验区2024年度政府信息公开工作年度报告']) {
      expect(detectPage(page({ meta: { ArticleTitle: t } })).detected, t).toBe(false);
    }
  });

  it('Pingtan 2024: the 文字解读/图片解读 sidebar boxes do not count', () => {
    expect(detectPage(realPage('pingtan-2024.html')).detected).toBe(true);
  });

  it('the 30号 format notice with its empty skeleton tables', () => {
    const skeleton = `<table>
      <tr><td colspan="4">第二十条第（一）项</td></tr>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td></td><td></td><td></td></tr>
      <tr><td>行政规范性文件</td><td></td><td></td><td></td></tr></table>
      <table><tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td>申请人情况</td></tr>
      <tr><td>一、本年新收政府信息公开申请数量</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>
      <tr><td>四、结转下年度继续办理</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr></table>
      <table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr><td>结果维持</td><td>未经复议直接起诉</td><td>复议后起诉</td></tr></table>`;
    const title = '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知';
    const p = htmlPage(
      `<html><head><meta name="ArticleTitle" content="${title}"></head><body><div class="article_content">
       <p>各省、自治区、直辖市人民政府办公厅……</p><p>一、总体情况</p>${skeleton}</div></body></html>`,
      'http://zrzy.smx.gov.cn/16903/616589856/1288675.html',
    );
    const d = detectPage(p);
    expect(d.evidence.E4).toBeGreaterThanOrEqual(3);
    expect(d.detected).toBe(false);
    expect(d.reason).toMatch(/通知|报告格式/);
    // the skeleton alone, without the title, is rejected too
    const untitled = htmlPage(`<html><body><div class="article_content"><p>附件</p>${skeleton}</div></body></html>`, 'https://www.example.gov.cn/a.html');
    expect(detectPage(untitled)).toMatchObject({ detected: false, reason: expect.stringMatching(/空白样表/) });
  });

  it('a local 编制发布 notice and a letter in the 年报 column', () => {
    expect(detectPage(page({ meta: { ArticleTitle: '关于认真做好2021年政府信息公开工作年度报告编制发布工作的通知', ColumnName: '政府信息公开年报' } })).detected).toBe(false);
    const letter = detectPage(page({ meta: { ArticleTitle: '关于2014年政府信息公开工作要点落实情况的函', ColumnName: '政府信息公开年报' } }));
    expect(letter.detected).toBe(false);
    expect(negativeTitleReason('关于2014年政府信息公开工作要点落实情况的函')).toMatch(/函/);
    expect(negativeTitleReason('平潭综合实验区2024年度政府信息公开工作年度报告')).toBeNull();
  });

  it('a list page of the 年报 column', () => {
    const items = ['平潭综合实验区2024年度', '平潭综合实验区2023年度', '平潭综合实验区2022年度', '平潭综合实验区2021年度', '平潭综合实验区2020年度']
      .map((t, i) => `<li><a class="title" href="./20250${i}/t2025_${i}.htm">${t}政府信息公开工作年度报告</a><span>2025-03-10</span></li>`)
      .join('');
    const p = htmlPage(
      `<html><head><title>政府信息公开年报_平潭综合实验区党工委管委会</title>
       <meta name="ColumnName" content="政府信息公开年报"><meta name="ColumnType" content="政府信息公开年报"></head>
       <body><div class="list"><ul>${items}</ul></div></body></html>`,
      'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/',
    );
    expect(p.links.length).toBe(5);
    const d = detectPage(p);
    expect(d).toMatchObject({ detected: false, evidence: { E2: true, E3: true, E4: 0 } });
    expect(d.reason).toMatch(/列表页/);
  });

  it('a report page with links to earlier reports is still a report', () => {
    const related = ['2023', '2022', '2021']
      .map((y) => `<p><a href="/nb/${y}.htm">平潭综合实验区${y}年度政府信息公开工作年度报告</a></p>`)
      .join('');
    const p = htmlPage(
      `<html><head><meta name="ArticleTitle" content="平潭综合实验区2024年度政府信息公开工作年度报告"></head>
       <body><div class="article_content"><p>一、总体情况</p><p>2024年，……</p>${related}</div></body></html>`,
      'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm',
    );
    expect(detectPage(p)).toMatchObject({ detected: true, year: 2024 });
  });

  it('a news page with a table', () => {
    const p = htmlPage(
      `<html><head><meta name="ArticleTitle" content="红星镇召开2020年政务公开工作推进会"><title>红星镇召开2020年政务公开工作推进会_工作动态</title></head>
       <body><div class="article_content"><p>12月3日，红星镇召开政务公开工作推进会，会议通报了全年政务公开工作情况。</p>
       <table><tr><td>项目</td><td>数量</td></tr><tr><td>公开信息</td><td>1400</td></tr><tr><td>回应留言</td><td>200</td></tr></table>
       </div></body></html>`,
      'https://www.example.gov.cn/xwzx/gzdt/202012/t20201203_1.html',
    );
    expect(detectPage(p)).toMatchObject({ detected: false, evidence: { E1: false, E4: 0 }, format: null, legacy: false });
  });
});

// ------------------------------------------------------------------ real pages

describe('real pages (seed-findings.md, corpus README)', () => {
  it.each([
    [SEEDS['000'], '红椿镇人民政府2019年政府信息公开工作年度报告', 2019, '红椿镇人民政府', '2019'],
    [SEEDS['001'], '红星镇 2020 年政府信息公开工作年度报告', 2020, '红星镇', '2019'],
    [SEEDS['002'], '同江市乐业镇2020年政府信息公开工作年度报告', 2020, '同江市乐业镇', '2019'],
    [SEEDS['003'], '太平庄乡2019年政府信息公开工作年度报告', 2019, '太平庄乡', '2019'],
    [SEEDS['004'], '韩庄镇2020年政府信息公开工作年度报告', 2020, '韩庄镇', '2019'],
    ['pingtan-2024.html', '平潭综合实验区2024年度政府信息公开工作年度报告', 2024, '平潭综合实验区', '2021'],
    ['shanghai-2019-body.html', '2019年上海市人民政府办公厅政府信息公开工作年度报告', 2019, '上海市人民政府办公厅', '2019'],
  ] as const)('%s', (name, title, year, entity, format) => {
    const d = detectPage(realPage(name));
    expect(d).toMatchObject({ detected: true, title, year, entity, format, legacy: false });
    expect(d.evidence.E1).toBe(true);
    expect(d.evidence.E4).toBeGreaterThanOrEqual(3);
    expect(d.signatures[format === '2019' ? '2021' : '2019']).toBe(0);
  });

  it('seeds are townships; Pingtan 2024 本级 government; Shanghai 2019 (办公厅) a department', () => {
    for (const s of Object.values(SEEDS)) expect(detectPage(realPage(s)).entityType, s).toBe('township');
    expect(detectPage(realPage('pingtan-2024.html')).entityType).toBe('government');
    expect(detectPage(realPage('shanghai-2019-body.html')).entityType).toBe('department');
  });

  it('Pingtan 2024 has every evidence: ArticleTitle, ColumnName, /zfxxgknb/ in meta Url, tables', () => {
    expect(detectPage(realPage('pingtan-2024.html')).evidence).toEqual({ E1: true, E2: true, E3: true, E4: 8 });
  });

  it('seed 003: the 2019 format from its headers under non-template headings (政府集中收购 is no signature)', () => {
    const d = detectPage(realPage(SEEDS['003']));
    expect(d.signatures).toEqual({ '2019': 9, '2021': 0 });
  });

  it.each([
    ['pingtan-2014.txt', '平潭综合实验区管委会2014年度政府信息公开工作年度报告', 2014, '平潭综合实验区管委会'],
    ['pingtan-2016.txt', '平潭综合实验区2016年度政府信息公开工作年度报告', 2016, '平潭综合实验区'],
    ['pingtan-2017.txt', '平潭综合实验区2017年度政府信息公开工作年度报告', 2017, '平潭综合实验区'],
    ['pingtan-2018.txt', '平潭综合实验区2018年度政府信息公开工作年度报告', 2018, '平潭综合实验区'],
  ] as const)('%s: legacy, format null', (name, title, year, entity) => {
    const p = realPage(name);
    const d = detectPage(p);
    expect(d).toMatchObject({ detected: true, title, year, entity, format: null, legacy: true, signatures: { '2019': 0, '2021': 0 } });
    expect(d.evidence).toMatchObject({ E1: true, E2: true, E3: true });
    expect(legacySignatures(p).length).toBeGreaterThanOrEqual(3);
  });
});

describe('list pages whose items are headings', () => {
  it('a two-item list of report links in <h2> is not a report', () => {
    const p = htmlPage(
      `<title>年报专栏</title><div class="list"><h2><a href="/a.htm">红星镇2021年政府信息公开工作年度报告</a></h2>
       <h2><a href="/b.htm">红星镇2020年政府信息公开工作年度报告</a></h2></div>`,
      'https://www.example.gov.cn/zfxxgknb/index.htm',
    );
    expect(detectPage(p).detected).toBe(false);
  });

  it('a report page linking to one other year is still a report', () => {
    const p = htmlPage(
      `<title>红星镇2021年政府信息公开工作年度报告_年报</title><div class="article"><h1>红星镇2021年政府信息公开工作年度报告</h1>
       <p>一、总体情况</p><p>上一篇：<a href="/b.htm">红星镇2020年政府信息公开工作年度报告</a></p></div>`,
      'https://www.example.gov.cn/zfxxgknb/t1.htm',
    );
    expect(detectPage(p).detected).toBe(true);
  });
});
