import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditContext, Finding } from '../types';
import { rules, expectedFormat, signatureRowCells } from './format';
import { cases } from './format.cases';
import { realPage, SEEDS, htmlPage } from '../../tests/helpers/pages';
import { auditPage } from '../audit';
import { makeContext } from '../../tests/helpers/context';
import { mapTables } from '../mapping';
import { detectPage } from '../detect';

function run(id: string, ctx: AuditContext): Finding[] {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(ctx).map((f) => ({ ruleId: id, ...f, severity: f.severity ?? rule.meta.severity }));
}

describe('format.cases.ts', () => {
  for (const rc of cases) {
    describe(rc.ruleId, () => {
      it.each(rc.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
        expect(run(rc.ruleId, c.ctx())).toEqual([]);
      });
      it.each(rc.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
        const found = run(rc.ruleId, c.ctx());
        expect(found).toHaveLength(c.findings.length);
        expect(found).toMatchObject(c.findings);
      });
    });
  }

  it('every rule has cases, at least one valid and one invalid', () => {
    expect(cases.map((c) => c.ruleId).sort()).toEqual(rules.map((r) => r.meta.id).sort());
    for (const c of cases) {
      expect(c.valid.length, c.ruleId).toBeGreaterThan(0);
      expect(c.invalid.length, c.ruleId).toBeGreaterThan(0);
    }
  });
});

describe('meta', () => {
  const index = new Map<string, string>();
  for (const line of readFileSync(new URL('../../docs/spec/rules.md', import.meta.url), 'utf8').split('\n')) {
    const m = /^\| \d+ \| (FMT-[A-Z-]+) \| ([a-z]+)/.exec(line);
    if (m) index.set(m[1]!, m[2]!);
  }
  it('holds exactly the B rules of rules.md, with their default severities', () => {
    expect(rules.map((r) => r.meta.id)).toEqual([...index.keys()]);
    for (const r of rules) expect(r.meta.severity, r.meta.id).toBe(index.get(r.meta.id));
  });
  it('FMT-LEGACY runs on legacy pages only; the others on both formats', () => {
    for (const r of rules) expect(r.meta.formats).toEqual(r.meta.id === 'FMT-LEGACY' ? ['legacy'] : ['2019', '2021']);
  });
  it('has zh and en titles and descriptions', () => {
    for (const r of rules) {
      expect(r.meta.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.title.en).toMatch(/^[A-Z]/);
      expect(r.meta.description.en.length).toBeGreaterThan(40);
    }
  });
});

describe('expectedFormat', () => {
  it('maps the report year to the format it calls for', () => {
    expect([2016, 2018, 2019, 2020, 2021, 2024].map(expectedFormat)).toEqual([null, null, '2019', '2019', '2021', '2021']);
    expect(expectedFormat(null)).toBeNull();
  });
});

describe('FMT-MIXED cells', () => {
  // a 2021 T2 (本年制发件数 …) with a 2019 政府集中采购 block left in it
  const html = `<html><body><div class="TRS_Editor">
    <p>测试区2022年政府信息公开工作年度报告</p>
    <p>二、主动公开政府信息情况</p>
    <table>
      <tr><td colspan="4">第二十条第（一）项</td></tr>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
      <tr><td>行政规范性文件</td><td>5</td><td>1</td><td>40</td></tr>
      <tr><td colspan="4">第二十条第（五）项</td></tr>
      <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
      <tr><td>行政许可</td><td colspan="3">12</td></tr>
      <tr><td colspan="4">第二十条第（九）项</td></tr>
      <tr><td>信息内容</td><td>采购项目数量</td><td colspan="2">采购总金额</td></tr>
      <tr><td>政府集中采购</td><td>3</td><td colspan="2">25.5</td></tr>
    </table>
    <p>三、收到和处理政府信息公开申请情况</p>
    <table><tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td>申请人情况</td></tr>
    <tr><td>一、本年新收政府信息公开申请数量</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
    <tr><td>四、结转下年度继续办理</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>
  </div></body></html>`;

  it('lists the mapped value cells of the minority rows on a DOM page', () => {
    const page = htmlPage(html, 'https://www.example.gov.cn/xxgk/nb.html');
    const d = detectPage(page);
    expect(d.signatures['2019']).toBeGreaterThan(0);
    expect(d.signatures['2021']).toBeGreaterThan(d.signatures['2019']);
    expect(d.format).toBe('2021');
    const mapping = mapTables(page, '2021');
    const ctx = makeContext({ format: '2021', year: 2022, detection: d, page });
    ctx.cells = mapping.cells;
    // the 2019 rows (采购 header and data) are not part of the 2021 template: no mapped cell lies in them
    const cells = signatureRowCells(ctx, '2019');
    for (const id of cells) expect(mapping.cells.has(id)).toBe(true);
    const f = run('FMT-MIXED', ctx);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('按2021年版格式审核') });
    expect(f[0]!.cells).toEqual(cells);
  });

  it('names a mapped cell that lies in a minority-signature row', () => {
    const page = htmlPage(html, 'https://www.example.gov.cn/xxgk/nb.html');
    const d = detectPage(page);
    const mapping = mapTables(page, '2021');
    const ctx = makeContext({ format: '2021', year: 2022, detection: d, page });
    ctx.cells = mapping.cells;
    // pretend the mapping had put a cell into the 政府集中采购 row: it is listed
    const procRow = page.tables[0]!.rows[9]!;
    const el = procRow.cells[1]!.el!;
    ctx.cells.set('T2:fees:feeAmount', { id: 'T2:fees:feeAmount', table: 'T2', row: 'fees', col: 'feeAmount', raw: '3', value: 3, flags: [], el });
    expect(signatureRowCells(ctx, '2019')).toContain('T2:fees:feeAmount');
  });

  it('text dumps cannot tie source rows to cells: cells []', () => {
    const ctx = makeContext({ format: '2021', year: 2022, detection: { signatures: { '2019': 1, '2021': 5 } } });
    expect(run('FMT-MIXED', ctx)[0]!.cells).toEqual([]);
  });
});

describe('real pages (rules of this family only)', () => {
  const ids = (name: string) =>
    auditPage(realPage(name), { rules, now: new Date(0) }).result.findings?.map((f) => `${f.ruleId}:${f.severity}`) ?? null;

  it.each(Object.values(SEEDS))('seed %s: no FMT finding', (name) => {
    expect(ids(name)).toEqual([]);
  });
  it('Pingtan 2024 and Shanghai 2019: no FMT finding', () => {
    expect(ids('pingtan-2024.html')).toEqual([]);
    expect(ids('shanghai-2019-body.html')).toEqual([]);
  });
  it.each(['pingtan-2014.txt', 'pingtan-2016.txt', 'pingtan-2017.txt', 'pingtan-2018.txt'])('%s: exactly one FMT-LEGACY info', (name) => {
    const r = auditPage(realPage(name), { rules, now: new Date(0) }).result;
    expect(r.report?.format).toBeNull();
    expect(r.findings).toEqual([{ ruleId: 'FMT-LEGACY', severity: 'info', cells: [], message: expect.stringContaining('旧版格式') }]);
  });
});
