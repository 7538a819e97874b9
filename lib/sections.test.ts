import { describe, expect, it } from 'vitest';
import type { Block, Detection, PageModel } from './types';
import { analyseDocument, chineseNumber, findDate, findSignature, isoDate, matchHeading, publicationDate, toIsoDate } from './sections';
import { detectPage } from './detect';
import { realPage, SEEDS } from '../tests/helpers/pages';

// ------------------------------------------------------------------ builders

/** A PageModel of text lines (strings), tables ({ t }) and images ({ img }). */
function page(items: (string | { t: number } | { img: string })[], extra: Partial<PageModel> = {}): PageModel {
  const blocks: Block[] = items.map((it) =>
    typeof it === 'string' ? { kind: 'text', text: it } : 't' in it ? { kind: 'table', table: it.t } : { kind: 'image', src: it.img },
  );
  return {
    source: 'test.txt',
    isFile: true,
    host: null,
    meta: {},
    htmlTitle: null,
    headingCandidates: [],
    dumpFields: {},
    blocks,
    tables: [],
    links: [],
    hasViewerFrame: false,
    ...extra,
  };
}

function detection(title: string | null, year: number | null = 2020): Detection {
  return {
    detected: true,
    reason: 'test',
    evidence: { E1: title !== null, E2: false, E3: false, E4: 8 },
    title,
    year,
    entity: null,
    entityType: 'unknown',
    format: '2019',
    legacy: false,
    signatures: { '2019': 10, '2021': 0 },
  };
}

const analyse = (p: PageModel, title: string | null = null) => analyseDocument(p, detection(title));
const sectionsOf = (p: PageModel) => analyse(p).sections.map((s) => [s.section, s.numeral]);

// ------------------------------------------------------------------ headings

describe('matchHeading (report-format.md §3)', () => {
  it.each([
    ['一、总体情况', 1, 1],
    ['二、主动公开政府信息情况', 2, 2],
    ['三、收到和处理政府信息公开申请情况', 3, 3],
    ['四、政府信息公开行政复议、行政诉讼情况', 4, 4],
    ['五、存在的主要问题及改进情况', 5, 5],
    ['六、其他需要报告的事项', 6, 6],
    ['五、政府信息公开工作存在的主要问题及改进情况', 5, 5],
    ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', 4, 4],
    ['一 、总 体 情 况', 1, 1],
    ['六、其他需要报告的事项：', 6, 6],
    ['三、存在的主要问题及改进情况', 5, 3],
    ['四、其他需要报告的事项', 6, 4],
    ['总体情况', 1, null],
    ['1、总体情况', 1, 1],
    ['第二部分 主动公开政府信息情况', 2, 2],
  ] as const)('%s → section %i, numeral %s', (text, section, numeral) => {
    expect(matchHeading(text)).toMatchObject({ section, numeral, rest: '' });
  });

  it('a heading run into its paragraph, at a boundary', () => {
    expect(matchHeading('一、总体情况。2019年，我镇政府信息公开工作在镇党委的领导下开展。')).toEqual({
      section: 1,
      numeral: 1,
      heading: '一、总体情况',
      rest: '2019年，我镇政府信息公开工作在镇党委的领导下开展。',
    });
    expect(matchHeading('六、其他需要报告的事项 2024年，无收取信息处理费情况。')).toMatchObject({ section: 6, rest: '2024年，无收取信息处理费情况。' });
  });

  it.each([
    '一、提高政治站位，推进全面公开',
    '二、强化组织领导，完善制度建设',
    '一、总体情况良好，各项工作稳步推进。',
    '（一）主动公开政府信息情况。2019年，我镇政府信息公开工作在镇党委、镇政府的正确领导下开展。',
    '2019年主动公开政府信息情况表',
    '总体情况：2019年全镇公开信息1400余条。',
    '本年度报告根据《条例》的要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况。',
    '二、主动公开政府信息情况表',
  ])('not a section heading: %s', (text) => {
    expect(matchHeading(text)).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect(['一', '六', '十', '十二', '二十', '二十三', '3'].map(chineseNumber)).toEqual([1, 6, 10, 12, 20, 23, 3]);
    expect(chineseNumber('甲')).toBeNull();
  });
});

describe('analyseDocument: sections and narrative', () => {
  it('the six headings of a template report, in document order', () => {
    const p = page([
      '红星镇2020年政府信息公开工作年度报告',
      '一、总体情况',
      '2020年，我镇认真落实县委、县政府有关政府信息公开工作要求。',
      '二、主动公开政府信息情况',
      { t: 0 },
      '三、收到和处理政府信息公开申请情况',
      { t: 1 },
      '四、政府信息公开行政复议、行政诉讼情况',
      { t: 2 },
      '五、存在的主要问题及改进情况',
      '公开内容不够全面。下一步将进一步加强。',
      '六、其他需要报告的事项',
      '无。',
    ]);
    const a = analyse(p, '红星镇2020年政府信息公开工作年度报告');
    expect(a.sections.map((s) => [s.section, s.numeral, s.block])).toEqual([
      [1, 1, 1],
      [2, 2, 3],
      [3, 3, 5],
      [4, 4, 7],
      [5, 5, 9],
      [6, 6, 11],
    ]);
    expect(a.sections[0]!.text).toBe('一、总体情况');
    expect(a.narrative).toEqual(['2020年，我镇认真落实县委、县政府有关政府信息公开工作要求。', '公开内容不够全面。下一步将进一步加强。', '无。']);
  });

  it('a run-in heading: the heading text alone, the rest of the block in the narrative', () => {
    const a = analyse(page(['一、总体情况。2019年，全镇共公开各类政府信息1400余条。']));
    expect(a.sections).toEqual([{ section: 1, numeral: 1, text: '一、总体情况', block: 0 }]);
    expect(a.narrative).toEqual(['2019年，全镇共公开各类政府信息1400余条。']);
  });

  it('seed 002: inline sub-headings (（一）…。) are narrative, not sections', () => {
    const p = page([
      '一、总体情况',
      '（一）领导高度重视，积极推行政务、政府信息公开工作。为有效促进乐业镇政府信息公开工作开展，确保工作规范、有序、有效进行。',
      '（二）多渠道公开信息，真正做到权利在阳光下运行。',
    ]);
    expect(sectionsOf(p)).toEqual([[1, 1]]);
    expect(analyse(p).narrative).toHaveLength(2);
  });

  it('the title lines (one or several) and metadata lines are not narrative', () => {
    const p = page(['同江市乐业镇2020年政府信息公开', '工作年度报告', '发布日期：2021-01-20', '本报告根据《中华人民共和国政府信息公开条例》要求编制。']);
    const a = analyse(p, '同江市乐业镇2020年政府信息公开工作年度报告');
    expect(a.narrative).toEqual(['本报告根据《中华人民共和国政府信息公开条例》要求编制。']);
    // a first line that only starts like the title stays narrative
    const b = analyse(page(['同江市乐业镇', '2020年，乐业镇大力推进政务信息公开工作。']), '同江市乐业镇2020年政府信息公开工作年度报告');
    expect(b.narrative).toEqual(['同江市乐业镇', '2020年，乐业镇大力推进政务信息公开工作。']);
  });
});

// ------------------------------------------------------------------ dates

describe('dates', () => {
  it('isoDate validates calendar dates', () => {
    expect(isoDate(2021, 1, 25)).toBe('2021-01-25');
    expect(isoDate(2020, 2, 29)).toBe('2020-02-29');
    expect(isoDate(2021, 2, 29)).toBeNull();
    expect(isoDate(2021, 13, 5)).toBeNull();
    expect(isoDate(2021, 4, 31)).toBeNull();
  });

  it('findDate reads the written forms and keeps the raw text', () => {
    expect(findDate('韩庄镇人民政府 2021年1月25日')).toMatchObject({ raw: '2021年1月25日', iso: '2021-01-25' });
    expect(findDate('二〇二一年一月二十五日')).toMatchObject({ iso: '2021-01-25' });
    expect(findDate('二O二一年三月十日')).toMatchObject({ iso: '2021-03-10' });
    expect(findDate('2020 年 12 月 31 日')).toMatchObject({ iso: '2020-12-31' });
    expect(findDate('2025-03-10 15:35')).toMatchObject({ raw: '2025-03-10', iso: '2025-03-10' });
    expect(findDate('2020/1/31')).toMatchObject({ iso: '2020-01-31' });
    expect(findDate('２０２１年１月２５日')).toMatchObject({ iso: '2021-01-25' });
    expect(findDate('2021年13月5日')).toMatchObject({ raw: '2021年13月5日', iso: null });
    expect(findDate('全年共公开各类政府信息1400余条')).toBeNull();
  });

  it('toIsoDate', () => {
    expect(toIsoDate('2025-03-10 15:35')).toBe('2025-03-10');
    expect(toIsoDate('')).toBeNull();
    expect(toIsoDate(undefined)).toBeNull();
  });

  it('publication date: meta PubDate, then a 发布日期/发布时间 line, then the dump field', () => {
    expect(publicationDate(page([], { meta: { PubDate: '2025-03-10 15:35' } }))).toBe('2025-03-10');
    expect(publicationDate(page(['发布日期：2020-01-31']))).toBe('2020-01-31');
    expect(publicationDate(page(['来源：红星镇人民政府  发布时间：2021年1月20日  浏览次数：35']))).toBe('2021-01-20');
    expect(publicationDate(page([], { dumpFields: { 发布时间: '2015-01-02 00:00' } }))).toBe('2015-01-02');
    expect(publicationDate(page(['发布日期：2020-01-31'], { meta: { PubDate: '2020-02-03' } }))).toBe('2020-02-03');
    expect(publicationDate(page(['2020年，我镇…']))).toBeNull();
  });

  it('publication date from a 索引号 metadata table (report-format.md §12.4)', () => {
    const meta = (cells: string[][]) =>
      page([{ t: 0 }], { tables: [{ rows: cells.map((r) => ({ cells: r.map((text) => ({ text, rowSpan: 1, colSpan: 1 })) })) }] });
    expect(publicationDate(meta([['索引号', 'FJ00101-0200-2025-00012'], ['发布机构', '平潭综合实验区管委会办公室', '发布日期', '2025-03-10']]))).toBe(
      '2025-03-10',
    );
    expect(publicationDate(meta([['发布时间：2021年1月20日', '成文日期：2021年1月18日']]))).toBe('2021-01-20');
    expect(publicationDate(meta([['成文日期', '2021-01-18']]))).toBeNull();
  });
});

describe('signature', () => {
  it('seed 004: name and date on two lines at the end', () => {
    const p = page(['六、其他需要报告的事项', '2020年，韩庄镇第十九届人民代表大会第七次会议代表共提出议案0件。', '韩庄镇人民政府', '2021年1月25日']);
    expect(findSignature(p)).toEqual({ entity: '韩庄镇人民政府', date: '2021-01-25', rawDate: '2021年1月25日' });
  });

  it('name and date on one line; a date alone; Chinese numerals; an impossible date', () => {
    expect(findSignature(page(['无。', '红星镇人民政府 2021年1月20日']))).toEqual({ entity: '红星镇人民政府', date: '2021-01-20', rawDate: '2021年1月20日' });
    expect(findSignature(page(['无。', '2021年1月20日']))).toEqual({ entity: null, date: '2021-01-20', rawDate: '2021年1月20日' });
    expect(findSignature(page(['无。', '平潭综合实验区管委会', '二〇二一年一月二十五日']))).toEqual({
      entity: '平潭综合实验区管委会',
      date: '2021-01-25',
      rawDate: '二〇二一年一月二十五日',
    });
    expect(findSignature(page(['无。', '韩庄镇人民政府', '2021年13月5日']))).toEqual({ entity: '韩庄镇人民政府', date: null, rawDate: '2021年13月5日' });
  });

  it('no signature: a closing sentence, a dated sentence, table captions', () => {
    expect(findSignature(page(['六、其他需要报告的事项', '2024年，无收取信息处理费情况。']))).toBeNull();
    expect(findSignature(page(['四、其他需要报告的事项', '无。', '2019年主动公开政府信息情况表', { t: 0 }, '2019年收到和处理政府信息公开申请情况表', { t: 1 }]))).toBeNull();
    expect(findSignature(page(['于2021年1月25日召开会议，研究部署政务公开工作。']))).toBeNull();
  });
});

// ------------------------------------------------------------------ real pages

describe('real pages', () => {
  const run = (name: string) => {
    const p = realPage(name);
    return { p, a: analyseDocument(p, detectPage(p)) };
  };
  const ALL = [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6]];

  it.each([SEEDS['000'], SEEDS['001'], SEEDS['002'], SEEDS['004'], 'pingtan-2024.html', 'shanghai-2019-body.html'])(
    '%s: the six template headings, in order, with their numerals',
    (name) => {
      expect(run(name).a.sections.map((s) => [s.section, s.numeral])).toEqual(ALL);
    },
  );

  it('seed 003: non-template 一、二 are not sections; 三 is section 5 and 四 section 6', () => {
    const { a } = run(SEEDS['003']);
    expect(a.sections.map((s) => [s.section, s.numeral, s.text])).toEqual([
      [5, 3, '三、存在的主要问题及改进情况'],
      [6, 4, '四、其他需要报告的事项'],
    ]);
    expect(a.narrative).toContain('一、提高政治站位，推进全面公开');
    expect(a.narrative[0]).toMatch(/^\[bookmark: _GoBack\]2019度以来/);
  });

  it('Shanghai 2019: the accepted 五 variant; 发布日期：2020-01-31; the title and the date line are not narrative', () => {
    const { a } = run('shanghai-2019-body.html');
    expect(a.sections[4]!.text).toBe('五、政府信息公开工作存在的主要问题及改进情况');
    expect(a.pubDate).toBe('2020-01-31');
    expect(a.signature).toBeNull();
    expect(a.narrative[0]).toMatch(/^本年度报告根据/);
    expect(a.narrative.some((t) => t.includes('发布日期'))).toBe(false);
  });

  it('Pingtan 2024: PubDate 2025-03-10, no signature', () => {
    const { a } = run('pingtan-2024.html');
    expect(a.pubDate).toBe('2025-03-10');
    expect(a.signature).toBeNull();
    expect(a.narrative.at(-1)).toBe('2024年，无收取信息处理费情况。');
  });

  it('seed 004: signed 韩庄镇人民政府 / 2021年1月25日', () => {
    const { a } = run(SEEDS['004']);
    expect(a.signature).toEqual({ entity: '韩庄镇人民政府', date: '2021-01-25', rawDate: '2021年1月25日' });
    expect(a.pubDate).toBeNull();
  });

  it.each([SEEDS['000'], SEEDS['001'], SEEDS['002'], SEEDS['003']])('%s: no signature and no date', (name) => {
    const { a } = run(name);
    expect(a.signature).toBeNull();
    expect(a.pubDate).toBeNull();
  });

  it('the title lines of the dumps are not narrative', () => {
    expect(run(SEEDS['000']).a.narrative[0]).toMatch(/^（一）主动公开政府信息情况/);
    expect(run(SEEDS['002']).a.narrative[0]).toMatch(/^本报告根据/);
    expect(run(SEEDS['001']).a.narrative.some((t) => t.includes('年度报告') && t.length < 30)).toBe(false);
  });

  it('legacy Pingtan: no template section; 发布时间 from the dump header', () => {
    for (const [name, date] of [
      ['pingtan-2014.txt', '2015-01-02'],
      ['pingtan-2016.txt', '2017-01-18'],
      ['pingtan-2017.txt', '2018-01-23'],
      ['pingtan-2018.txt', '2019-01-10'],
    ] as const) {
      const { a } = run(name);
      expect(a.sections, name).toEqual([]);
      expect(a.pubDate, name).toBe(date);
    }
  });
});

describe('signature without a date', () => {
  it('a body name closing the report is kept as the signature entity, date null', () => {
    expect(findSignature(page(['六、其他需要报告的事项', '无。', '红椿镇人民政府']))).toEqual({ entity: '红椿镇人民政府', date: null, rawDate: null });
  });
});
