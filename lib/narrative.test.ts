import { describe, expect, it } from 'vitest';
import { chineseNumeral, narrativeParagraphs, narrativeSentences, readFigures, splitClauses, splitSentences, t2Claims, t3Claims, t4Claims } from './narrative';
import { makeContext } from '../tests/helpers/context';
import type { Block } from './types';

describe('chineseNumeral', () => {
  it.each([
    ['〇', 0],
    ['零', 0],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百零五', 105],
    ['三千二百', 3200],
    ['一万二千', 12000],
  ])('%s = %d', (s, n) => expect(chineseNumeral(s)).toBe(n));

  it.each(['一二', '二〇二〇', '百', '千万', '十百', '万'])('%s is not a count', (s) => expect(chineseNumeral(s)).toBeNull());
});

describe('readFigures', () => {
  const brief = (t: string) => readFigures(t).map((f) => `${f.value}${f.unit}${f.approx ? '~' : ''}`);

  it('reads figures with their units, spaced or not, in digits or Chinese numerals', () => {
    expect(brief('我镇接到县长热线转交件受理件共 14 件，到镇里上访件 37 件')).toEqual(['14件', '37件']);
    expect(brief('收到申请两件，答复十二件，办结一百零五件，其他处理0件')).toEqual(['2件', '12件', '105件', '0件']);
    expect(brief('予以公开及部分公开258件，占33.9%')).toEqual(['258件', '33.9%']);
    expect(brief('收费18651.06万元，公开信息10407条，服务2,500人次')).toEqual(['18651.06万元', '10407条', '2500人次']);
  });

  it('marks approximate figures (余, 多, 约, 近, 左右, 以上, 超过, 数十)', () => {
    expect(brief('公开各类政府信息1400余条，回答网民意见200余条')).toEqual(['1400条~', '200条~']);
    expect(brief('约30件，近20件，50件左右，100件以上，超过60件，数十件，20多件')).toEqual(['30件~', '20件~', '50件~', '100件~', '60件~', '10件~', '20件~']);
    expect(brief('宣传单 2 万余份')).toEqual(['20000份~']);
  });

  it('skips ordinals, parts of longer numbers and 一次性', () => {
    expect(brief('第3次会议，第十二件')).toEqual([]);
    expect(brief('实行一次性告知')).toEqual([]);
    expect(brief('2019年度')).toEqual([]);
  });
});

describe('sentences and clauses', () => {
  it('splits at 。！？； with offsets', () => {
    const t = '答复申请805件；予以公开258件。其他处理0件';
    expect(splitSentences(t)).toEqual([
      { text: '答复申请805件', start: 0, end: 8 },
      { text: '予以公开258件', start: 9, end: 17 },
      { text: '其他处理0件', start: 18, end: 24 },
    ]);
  });

  it('splits clauses at ，,（）() and notes bracketed ones; a thousands comma is not a break', () => {
    const c = splitClauses('答复申请805件（含上年度结转申请18件，另有72件申请顺延到下年度），均已答复，2,500册');
    expect(c.map((x) => [x.text, x.bracketed])).toEqual([
      ['答复申请805件', false],
      ['含上年度结转申请18件', true],
      ['另有72件申请顺延到下年度', true],
      ['均已答复', false],
      ['2,500册', false],
    ]);
  });

  it('finds each paragraph in its page block, a run-in heading’s rest at the end of its block', () => {
    const blocks: Block[] = [
      { kind: 'text', text: '一、总体情况' },
      { kind: 'text', text: '全年办理政府信息公开申请218件。' },
      { kind: 'text', text: '六、其他需要报告的事项。无收取信息处理费情况。' },
    ];
    const ctx = makeContext({
      page: { blocks },
      narrative: ['全年办理政府信息公开申请218件。', '无收取信息处理费情况。'],
      sections: [
        { section: 1, numeral: 1, text: '一、总体情况', block: 0 },
        { section: 6, numeral: 6, text: '六、其他需要报告的事项', block: 2 },
      ],
    });
    expect(narrativeParagraphs(ctx)).toEqual([
      { text: '全年办理政府信息公开申请218件。', block: 1, offset: 0 },
      { text: '无收取信息处理费情况。', block: 2, offset: 12 },
    ]);
    const s = narrativeSentences(ctx);
    expect(s.map((x) => [x.text, x.section, x.block, x.start, x.end])).toEqual([
      ['全年办理政府信息公开申请218件', 1, 1, 0, 16],
      ['无收取信息处理费情况', 6, 2, 12, 22],
    ]);
    expect(blocks[2]!.kind === 'text' && blocks[2]!.text.slice(12, 22)).toBe('无收取信息处理费情况');
  });
});

describe('claims', () => {
  const ctxOf = (text: string, format: '2019' | '2021' = '2019') =>
    makeContext({ format, page: { blocks: [{ kind: 'text', text }] }, narrative: [text] });

  it('reads Shanghai 2019’s paragraph on applications: each quantity once, approximate and percent figures unclaimed', () => {
    const text =
      '市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。';
    expect(t3Claims(ctxOf(text)).map((c) => `${c.key} ${c.figure.value}`)).toEqual([
      'new 859',
      'answered 805',
      'carriedIn 18',
      'carriedOut 72',
      'openPartial 258',
      'refused 35',
      'unable 265',
      'notProcessed 158',
      'other 0',
    ]);
  });

  it('reads no application from hotline cases, petitions, proposals or applicant-type parts', () => {
    expect(t3Claims(ctxOf('七是推进回应百姓关切，截至前，我镇接到县长热线转交件受理件共 14 件，到镇里上访件 37 件。'))).toEqual([]);
    expect(t3Claims(ctxOf('2020年我镇全年共接受人大、政协提案2件，已办理完成并公开2件。'))).toEqual([]);
    expect(t3Claims(ctxOf('全年共收到自然人提出的政府信息公开申请3件。'))).toEqual([]);
    // a total before its breakdown by applicant is still read
    expect(t3Claims(ctxOf('共收到政府信息公开申请20件，其中当面申请5件，网上申请15件。')).map((c) => `${c.key} ${c.figure.value}`)).toEqual(['new 20']);
  });

  it('reads 复议/诉讼 counts only where the sentence is about information disclosure', () => {
    expect(t4Claims(ctxOf('信息公开类行政复议7件，诉讼9件，均获维持。')).map((c) => `${c.key} ${c.figure.value}`)).toEqual(['review 7', 'suit 9']);
    expect(t4Claims(ctxOf('全年共办理行政复议案件120件。'))).toEqual([]);
    // 复议 and 诉讼 counted together: neither is read
    expect(t4Claims(ctxOf('因政府信息公开被申请行政复议和提起行政诉讼共3件。'))).toEqual([]);
  });

  it('carries the verb of a T2 list to the next clause; 等 and 部门规范性文件 are not T2 counts', () => {
    const brief = (t: string, f: '2019' | '2021' = '2019') => t2Claims(ctxOf(t, f)).map((c) => `${c.key} ${c.doc ?? ''} ${c.figure.value}`);
    expect(brief('主动公开规章13件，行政规范性文件60件，市政府其他文件162件，人事任免文件141件。')).toEqual(['published regulations 13', 'published normativeDocuments 60']);
    expect(brief('刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。')).toEqual([]);
    expect(brief('动态更新发布本年度制发行政规范性文件62件。', '2021')).toEqual(['made normativeDocuments 62']);
    expect(brief('主动公开市政府规章13件(含新制定5件,修改4件,废止4件)。', '2021')).toEqual(['made regulations 5', 'repealed regulations 4']);
  });
});
