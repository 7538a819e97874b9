import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mapTables } from './mapping';
import type { PageModel, SourceTable } from './types';
import { htmlPage, realPage, SEEDS } from '../tests/helpers/pages';

const count = (page: PageModel, fmt: '2019' | '2021') => {
  const m = mapTables(page, fmt);
  const by = { T2: 0, T3: 0, T4: 0 };
  for (const c of m.cells.values()) by[c.table]++;
  return { m, by };
};

/** The canonical cells as plain data (id → raw, value), for comparisons. */
const canonical = (page: PageModel, fmt: '2019' | '2021') =>
  Object.fromEntries([...mapTables(page, fmt).cells.values()].map((c) => [c.id, [c.raw, c.value]]));

describe('mapping the seeds and the corpus', () => {
  it.each(['000', '001', '002', '004'] as const)('seed %s: every template cell, no structural finding', (seed) => {
    const { m, by } = count(realPage(SEEDS[seed]), '2019');
    expect(by).toEqual({ T2: 22, T3: 161, T4: 15 });
    for (const t of Object.values(m.tables)) {
      expect(t.found).toBe(true);
      expect(t.missingRows).toEqual([]);
      expect(t.cellCountIssues).toEqual([]);
      expect(t.colIssues).toEqual([]);
      expect(t.extras).toEqual([]);
    }
  });

  it('seed 000: unit in the procurement amount, vertical labels joined', () => {
    const { m } = count(realPage(SEEDS['000']), '2019');
    expect(m.cells.get('T2:procurement:amount')).toMatchObject({ raw: '3249.75万元', value: 3249.75, unit: '万元' });
    expect(m.cells.get('T2:procurement:projects')?.value).toBe(55);
    expect(m.tables.T3.labelIssues).toEqual([]);
  });

  it('seed 001: a row broken across a page break is merged, 9-field rows trimmed to 7, debris kept aside', () => {
    const { m } = count(realPage(SEEDS['001']), '2019');
    expect(m.tables.T3.labelIssues).toEqual([]);
    expect(m.cells.get('T3:3.4.1:natural')?.value).toBe(0);
    expect(m.cells.get('T3:2:total')?.raw).toBe('0');
    expect(m.tables.T4.artifacts).toEqual(['------ | ------']);
    expect([m.cells.get('T2:licensing:previousCount')?.value, m.cells.get('T2:otherServices:decisions')?.value]).toEqual([36, 253]);
  });

  it('seed 002: the 只记 typo is still mapped to 3.2 and reported as a whitelisted variant', () => {
    const { m } = count(realPage(SEEDS['002']), '2019');
    expect(m.tables.T3.labelIssues).toMatchObject([{ row: '3.2', match: 'whitelist', meaningChanged: false }]);
    expect(m.tables.T3.labelIssues[0]!.cells).toHaveLength(7);
    expect(m.cells.get('T3:3.5.1:total')?.value).toBe(4);
  });

  it('seed 003: fused rows split, truncated header, misspelt rows, missing blocks (seed-findings.md §4)', () => {
    const { m, by } = count(realPage(SEEDS['003']), '2019');
    expect(by).toEqual({ T2: 11, T3: 161, T4: 0 });
    const blanks = [...m.cells.values()].filter((c) => c.flags.includes('blank')).length;
    expect(blanks).toBe(169);
    expect(m.tables.T4.found).toBe(false);
    expect(m.tables.T2.missingBlocks).toEqual(['六', '八']);
    expect(m.tables.T2.missingRows).toEqual([
      { table: 'T2', row: 'otherServices', label: '其他对外管理服务事项', kind: 'data', present: true },
      { table: 'T2', row: 'caption:九', label: '第二十条第（九）项', kind: 'caption', present: false },
    ]);
    expect(m.tables.T2.labelIssues).toMatchObject([{ row: 'procurement', found: '政府集中收购', meaningChanged: true }]);
    expect(m.tables.T3.labelIssues).toMatchObject([
      { row: '1', match: 'whitelist', meaningChanged: false },
      { row: '3.5.1', match: 'whitelist', meaningChanged: true },
    ]);
    expect(m.tables.T3.colIssues).toEqual([
      { table: 'T3', col: 'legal', expected: '法律服务机构', found: '法律服', kind: 'truncated', cells: ['T3:1:legal'] },
      { table: 'T3', col: 'other', expected: '其他', found: null, kind: 'missing', cells: ['T3:1:other'] },
    ]);
    expect(m.cells.get('T2:normativeDocuments:totalPublished')?.value).toBe(23);
  });

  it('Pingtan 2024 (2021 format, CMS markup): 10 + 175 + 15 cells with the corpus values', () => {
    const { m, by } = count(realPage('pingtan-2024.html'), '2021');
    expect(by).toEqual({ T2: 10, T3: 175, T4: 15 });
    const v = (id: string) => m.cells.get(id)?.value;
    expect([v('T2:normativeDocuments:issued'), v('T2:normativeDocuments:repealed'), v('T2:normativeDocuments:inForce')]).toEqual([62, 33, 440]);
    expect([v('T2:licensing:decisions'), v('T2:penalties:decisions'), v('T2:enforcement:decisions'), v('T2:fees:feeAmount')]).toEqual([4529, 1100, 65, 18651.06]);
    expect([v('T3:1:natural'), v('T3:1:commercial'), v('T3:1:total'), v('T3:3.7:total')]).toEqual([217, 1, 218, 218]);
    expect([v('T3:3.6.3:natural'), v('T3:3.6.3:commercial'), v('T3:3.6.3:total')]).toEqual([1, 1, 2]);
    expect(['upheld', 'corrected', 'other', 'pending', 'total'].map((o) => v(`T4:cases:suitAfterReview.${o}`))).toEqual([13, 2, 4, 0, 19]);
    for (const t of Object.values(m.tables)) {
      expect(t.missingRows).toEqual([]);
      expect(t.labelIssues).toEqual([]);
      expect(t.colIssues).toEqual([]);
    }
    // cells keep their DOM elements for highlighting
    expect(m.cells.get('T3:1:total')?.el?.tagName).toBe('TD');
  });

  it('Shanghai 2019 (Word markup, header/body colspan misalignment): values by ordinal position, 135 blanks', () => {
    const { m, by } = count(realPage('shanghai-2019-body.html'), '2019');
    expect(by).toEqual({ T2: 22, T3: 161, T4: 15 });
    const v = (id: string) => m.cells.get(id)?.value;
    expect([v('T2:regulations:newlyMade'), v('T2:regulations:totalPublished'), v('T2:normativeDocuments:totalPublished')]).toEqual([13, 524, 368]);
    expect([v('T2:procurement:projects'), v('T2:procurement:amount')]).toEqual([6, 251000]);
    expect([v('T3:1:natural'), v('T3:1:total'), v('T3:3.7:total'), v('T3:4:total'), v('T3:3.1:total')]).toEqual([821, 859, 805, 72, null]);
    expect([...m.cells.values()].filter((c) => c.flags.includes('blank')).length).toBe(135);
    expect(m.tables.T2.cellCountIssues).toEqual([]);
  });

  it('skips the 索引号 metadata table and a news table', () => {
    const page = realPage('pingtan-2024.html');
    const meta: SourceTable = { rows: [{ cells: ['索引号', 'A-1', '发布机构', '办公室'].map((text) => ({ text, rowSpan: 1, colSpan: 1 })) }] };
    const news: SourceTable = { rows: [{ cells: ['项目', '金额'].map((text) => ({ text, rowSpan: 1, colSpan: 1 })) }, { cells: ['规章', '5'].map((text) => ({ text, rowSpan: 1, colSpan: 1 })) }] };
    const withExtra = { ...page, tables: [meta, news, ...page.tables] };
    expect(canonical(withExtra, '2021')).toEqual(canonical(page, '2021'));
  });
});

describe('split and repeated tables', () => {
  it('T3 cut in two tables with the header repeated maps like one table', () => {
    const page = realPage('pingtan-2024.html');
    const t3 = page.tables[1]!;
    const cut = 12;
    const header = t3.rows.slice(0, 3);
    const parts: SourceTable[] = [{ rows: t3.rows.slice(0, cut) }, { rows: [...header, ...t3.rows.slice(cut)] }];
    const split = { ...page, tables: [page.tables[0]!, ...parts, page.tables[2]!] };
    expect(canonical(split, '2021')).toEqual(canonical(page, '2021'));
    expect(mapTables(split, '2021').tables.T3.parts).toEqual([1, 2]);
  });

  it('T2 as one table per block maps like one table', () => {
    const page = realPage(SEEDS['000']);
    const t2 = page.tables[0]!;
    const blocks: SourceTable[] = [];
    for (const row of t2.rows) {
      if (/第二十条/.test(row.cells[0]?.text ?? '')) blocks.push({ rows: [] });
      blocks[blocks.length - 1]!.rows.push(row);
    }
    expect(blocks).toHaveLength(5);
    const split = { ...page, tables: [...blocks, ...page.tables.slice(1)] };
    expect(canonical(split, '2019')).toEqual(canonical(page, '2019'));
  });
});

describe('properties (fast-check)', () => {
  const base = realPage(SEEDS['002']);
  const expected = canonical(base, '2019');
  const isValue = (t: string) => /^[\s\u00a0]*\d/.test(t) || t.trim() === '';

  it('whitespace and full-width variants inside labels leave the canonical cells unchanged', () => {
    const ws = fc.constantFrom(' ', '\u00a0', '\u3000', '\n', '\u200b');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), ws, fc.boolean()), { maxLength: 40 }), (edits) => {
        const tables = base.tables.map((t) => ({ rows: t.rows.map((r) => ({ cells: r.cells.map(({ norm: _stale, ...c }) => ({ ...c })) })) }));
        for (const [a, b, ch, wide] of edits) {
          const t = tables[a % tables.length]!;
          const row = t.rows[b % t.rows.length]!;
          const cell = row.cells.find((c) => !isValue(c.text));
          if (!cell) continue;
          const i = (a + b) % (cell.text.length + 1);
          cell.text = cell.text.slice(0, i) + ch + cell.text.slice(i);
          if (wide) cell.text = cell.text.replace(/\(/g, '（').replace(/\)/g, '）').replace(/(\d)\./, (_m, d: string) => `${String.fromCharCode(0xff10 + Number(d))}．`);
        }
        expect(canonical({ ...base, tables }, '2019')).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('random rowspan/colspan attributes and shuffled table order leave the canonical cells unchanged', () => {
    const span = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(9999), fc.constant(0));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), span, span), { maxLength: 30 }), fc.constantFrom([0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]), (edits, order) => {
        const tables = base.tables.map((t) => ({ rows: t.rows.map((r) => ({ cells: r.cells.map(({ norm: _stale, ...c }) => ({ ...c })) })) }));
        for (const [a, b, c, rs, cs] of edits) {
          const row = tables[a % tables.length]!.rows[b % tables[a % tables.length]!.rows.length]!;
          const cell = row.cells[c % Math.max(1, row.cells.length)];
          if (cell) Object.assign(cell, { rowSpan: rs, colSpan: cs });
        }
        const shuffled = order.map((i) => tables[i]!);
        expect(canonical({ ...base, tables: shuffled }, '2019')).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on random tables', () => {
    const words = ['第二十条第（一）项', '信息内容', '规章', '（七）总计', '一、本年新收政府信息公开申请数量', '行政复议', '结果维持', '自然人', '（三）不予公开', '1.属于国家秘密', '0', '12', '', '/', '暂无', '3.5万元'];
    const arbTable = fc.array(fc.array(fc.tuple(fc.constantFrom(...words), fc.integer({ min: -1, max: 9999 }), fc.integer({ min: -1, max: 9999 })), { maxLength: 12 }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.array(arbTable, { maxLength: 4 }), fc.constantFrom('2019' as const, '2021' as const), (tables, fmt) => {
        const page = { ...base, tables: tables.map((rows) => ({ rows: rows.map((r) => ({ cells: r.map(([text, rowSpan, colSpan]) => ({ text, rowSpan, colSpan })) })) })) };
        const m = mapTables(page, fmt);
        for (const c of m.cells.values()) expect(c.id.split(':')).toHaveLength(3);
      }),
      { numRuns: 200 },
    );
  });
});

describe('markup variants', () => {
  it('digits split over spans and NBSP-padded values', () => {
    const html = `<table><tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td>申请人情况</td></tr>
      <tr><td>一、本年新收政府信息公开申请数量</td><td><span>2</span><span>1</span></td><td>&nbsp;0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2<b>1</b></td></tr></table>`;
    const m = mapTables(htmlPage(html), '2019');
    expect(m.cells.get('T3:1:natural')).toMatchObject({ raw: '21', value: 21 });
    expect(m.cells.get('T3:1:commercial')).toMatchObject({ raw: '\u00a00', value: 0, flags: ['whitespace'] });
    expect(m.cells.get('T3:1:total')?.value).toBe(21);
  });

  it('an extra 法人或其他组织小计 column is kept out of the template cells', () => {
    const h = (t: string, a = '') => `<td ${a}>${t}</td>`;
    const html = `<table>
      <tr>${h('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 'colspan=3 rowspan=3')}${h('申请人情况', 'colspan=8')}</tr>
      <tr>${h('自然人', 'rowspan=2')}${h('法人或其他组织', 'colspan=6')}${h('总计', 'rowspan=2')}</tr>
      <tr>${['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '小计'].map((t) => h(t)).join('')}</tr>
      <tr>${h('一、本年新收政府信息公开申请数量', 'colspan=3')}${[5, 1, 0, 0, 0, 1, 2, 7].map((n) => h(String(n))).join('')}</tr>
    </table>`;
    const m = mapTables(htmlPage(html), '2019');
    expect(['natural', 'commercial', 'other', 'total'].map((c) => m.cells.get(`T3:1:${c}`)?.value)).toEqual([5, 1, 1, 7]);
    expect(m.tables.T3.extras).toEqual([{ table: 'T3', kind: 'col', label: '小计', values: { '1': { raw: '2', value: 2, flags: [] } } }]);
    expect(m.tables.T3.cellCountIssues).toEqual([]);
  });

  it('a row with the wrong number of value cells is not mapped (TPL-CELL-COUNT)', () => {
    const html = `<table><tr><td>第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
      <tr><td>规章</td><td>1</td><td>1</td></tr><tr><td>规范性文件</td><td>1</td><td>2</td><td>3</td></tr></table>`;
    const m = mapTables(htmlPage(html), '2019');
    expect(m.tables.T2.cellCountIssues).toEqual([{ table: 'T2', row: 'regulations', label: '规章', found: 2, expected: 3 }]);
    expect(m.cells.has('T2:regulations:newlyMade')).toBe(false);
    expect(m.cells.get('T2:normativeDocuments:totalPublished')?.value).toBe(3);
  });
});
