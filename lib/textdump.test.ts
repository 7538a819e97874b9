import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageFromText } from './textdump';
import { REAL, SEEDS } from '../tests/helpers/pages';

const seed = (id: keyof typeof SEEDS) => pageFromText(readFileSync(REAL + SEEDS[id], 'utf8'), SEEDS[id]);
const texts = (p: ReturnType<typeof seed>, t: number) => p.tables[t]!.rows.map((r) => r.cells.map((c) => c.text));

describe('pageFromText: seed dumps', () => {
  it('layout A (seed 000): one cell per line, continuation lines joined, empty line ends a row', () => {
    const p = seed('000');
    expect(p.tables).toHaveLength(3);
    expect(texts(p, 0)[0]).toEqual(['第二十条第（一）项']);
    expect(texts(p, 1)[2]).toEqual(['', '', '商业\n企业', '科研\n机构', '社会\n公益\n组织', '法律\n服务\n机构', '其他', '']);
    expect(texts(p, 1)[5]![0]).toBe('三\n、\n本\n年\n度\n办\n理\n结\n果');
    expect(texts(p, 2).at(-1)).toHaveLength(15);
    expect(p.headingCandidates[0]).toBe('红椿镇人民政府2019年政府信息公开工作年度报告');
  });

  it('layout B (seed 001): TAB-separated rows keep their empty fields', () => {
    const p = seed('001');
    const t3 = texts(p, 1);
    expect(t3.find((r) => r[0] === '二、上年结转政府信息公开申请数量')).toEqual(['二、上年结转政府信息公开申请数量', '', '0', '0', '0', '0', '0', '0', '0', '']);
    expect(texts(p, 2)[1]).toEqual(['------', '------']);
    expect(p.headingCandidates[0]).toBe('红星镇 2020 年政府信息公开工作年度报告');
  });

  it('seed 003: a title over two lines, fused rows kept as the dump has them (the mapper splits them)', () => {
    const p = seed('003');
    expect(p.headingCandidates.slice(0, 2)).toEqual(['太平庄乡2019年政府信息公开工作', '年度报告']);
    const t2 = texts(p, 0);
    expect(t2.find((r) => r[0]!.startsWith('其他对外管理服务事项'))).toEqual(['其他对外管理服务事项\n ', '信息内容', '采购项目数量', '采购总金额']);
    expect(p.blocks.filter((b) => b.kind === 'text').some((b) => b.kind === 'text' && b.text === '2019年主动公开政府信息情况表')).toBe(true);
  });

  it('seed 004: NBSP padding survives', () => {
    const p = seed('004');
    expect(p.tables[1]!.rows.flatMap((r) => r.cells).some((c) => c.text === '\u00a00')).toBe(true);
  });
});

describe('pageFromText: archive dumps', () => {
  it('pingtan-2016.txt: header fields, body after the 正文 line', () => {
    const p = pageFromText(readFileSync(REAL + 'pingtan-2016.txt', 'utf8'), 'pingtan-2016.txt');
    expect(p.dumpFields['标题']).toBe('平潭综合实验区2016年度政府信息公开工作年度报告');
    expect(p.dumpFields['发布时间']).toBe('2017-01-18 15:57');
    expect(p.dumpFields['栏目']).toBe('政府信息公开年报');
    expect(p.tables).toHaveLength(0);
    expect(p.blocks.length).toBeGreaterThan(0);
  });

  it('empty and whitespace-only input gives an empty page', () => {
    for (const t of ['', '\n\n', '\ufeff']) {
      const p = pageFromText(t, 'empty.txt');
      expect(p.blocks).toEqual([]);
      expect(p.tables).toEqual([]);
    }
  });
});
