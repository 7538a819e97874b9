import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditContext, Finding, Format, SectionHeading } from '../types';
import { rules, narrativeReportsTable, SECTION_HEADINGS, t2BlockOf } from './template';
import { cases, layout, seed003 } from './template.cases';
import { isAttachmentLink, isAttachmentOnly, isImageTable, sectionRange, suppressedTables } from './suppress';
import { emptyMapping, makeContext } from '../../tests/helpers/context';
import { realPage, SEEDS } from '../../tests/helpers/pages';
import { mapTables } from '../mapping';

/** Run one rule as the engine does (default severity filled in). */
function run(id: string, ctx: AuditContext): Finding[] {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(ctx).map((f) => ({ ruleId: id, ...f, severity: f.severity ?? rule.meta.severity }));
}

function runAll(ctx: AuditContext): Finding[] {
  return rules.flatMap((r) => run(r.meta.id, ctx));
}

// ------------------------------------------------------------------ the fixtures (until rules.test.ts runs every *.cases.ts)

describe('template.cases.ts', () => {
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

  it('every rule has a case file entry with at least one valid and one invalid case', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(cases.map((c) => c.ruleId).sort()).toEqual([...ids].sort());
    for (const c of cases) {
      expect(c.valid.length, c.ruleId).toBeGreaterThan(0);
      expect(c.invalid.length, c.ruleId).toBeGreaterThan(0);
    }
  });
});

// ------------------------------------------------------------------ meta

describe('meta', () => {
  const index = new Map<string, string>();
  for (const line of readFileSync(new URL('../../docs/spec/rules.md', import.meta.url), 'utf8').split('\n')) {
    const m = /^\| \d+ \| (TPL-[A-Z-]+) \| ([a-z]+)/.exec(line);
    if (m) index.set(m[1]!, m[2]!);
  }

  it('the family holds exactly the C rules of rules.md except the specification TPL-LABEL-NORMALISE', () => {
    index.delete('TPL-LABEL-NORMALISE');
    expect(rules.map((r) => r.meta.id)).toEqual([...index.keys()]);
  });

  it.each(rules.map((r) => [r.meta.id, r] as const))('%s: default severity as indexed, both formats, core, titles in two languages', (id, r) => {
    if (index.has(id)) expect(r.meta.severity).toBe(index.get(id));
    expect(r.meta.formats).toEqual(['2019', '2021']);
    expect(r.meta.tier).toBe('core');
    for (const t of [r.meta.title, r.meta.description]) {
      expect(t.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(t.en).toMatch(/[a-z]{3}/);
    }
  });
});

// ------------------------------------------------------------------ real pages: mapping + rules

const HEADING_BODIES = SECTION_HEADINGS.map((h) => h.slice(2));
const NUMERALS = '一二三四五六七八九十';

/** A stand-in for the section analysis: lines `X、<template heading>` outside tables. */
function findSections(ctx: AuditContext): SectionHeading[] {
  const out: SectionHeading[] = [];
  ctx.page.blocks.forEach((b, block) => {
    if (b.kind !== 'text') return;
    const m = /^([一二三四五六七八九十])、(.+)$/.exec(b.text.replace(/\s/g, ''));
    if (!m) return;
    const section = HEADING_BODIES.indexOf(m[2]!) + 1;
    if (section > 0) out.push({ section, numeral: NUMERALS.indexOf(m[1]!) + 1, text: b.text, block });
  });
  return out;
}

function realContext(file: string, year: number, format: Format): AuditContext {
  const page = realPage(file);
  const m = mapTables(page, format);
  const ctx = makeContext({ format, year, page });
  ctx.tables = m.tables;
  ctx.cells = m.cells;
  ctx.sections = findSections(ctx);
  ctx.narrative = page.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
  return ctx;
}

const summary = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.severity} ${f.cells.join(',')}`);

describe('real pages (mapping + stand-in section analysis)', () => {
  it.each([
    ['000', 2019],
    ['001', 2020],
    ['004', 2020],
  ] as const)('seed %s: no TPL finding', (seed, year) => {
    expect(summary(runAll(realContext(SEEDS[seed], year, '2019')))).toEqual([]);
  });

  it('Pingtan 2024: no TPL finding', () => {
    expect(summary(runAll(realContext('pingtan-2024.html', 2024, '2021')))).toEqual([]);
  });

  it('seed 002: exactly one TPL finding, the 只记 warning', () => {
    const fs = runAll(realContext(SEEDS['002'], 2020, '2019'));
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: 'TPL-ROW-LABEL', severity: 'warning' });
    expect(fs[0]!.cells).toEqual(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((c) => `T3:3.2:${c}`));
  });

  it('seed 003: the TPL rows of seed-findings.md §4, exactly', () => {
    const fs = runAll(realContext(SEEDS['003'], 2019, '2019'));
    const t3 = (row: string) => ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'].map((c) => `T3:${row}:${c}`);
    expect(fs.map((f) => ({ ruleId: f.ruleId, severity: f.severity, cells: f.cells }))).toEqual([
      ...[1, 2, 3, 4].map(() => ({ ruleId: 'TPL-SECTIONS', severity: 'warning', cells: [] })),
      { ruleId: 'TPL-SECTION-ORDER', severity: 'warning', cells: [] },
      { ruleId: 'TPL-TABLE-MISSING', severity: 'error', cells: [] },
      { ruleId: 'TPL-SUBTABLE-MISSING', severity: 'error', cells: [] },
      { ruleId: 'TPL-SUBTABLE-MISSING', severity: 'error', cells: [] },
      { ruleId: 'TPL-ROW-MISSING', severity: 'error', cells: [] },
      { ruleId: 'TPL-ROW-MISSING', severity: 'warning', cells: [] },
      { ruleId: 'TPL-ROW-LABEL', severity: 'error', cells: ['T2:procurement:projects', 'T2:procurement:amount'] },
      { ruleId: 'TPL-ROW-LABEL', severity: 'error', cells: t3('3.5.1') },
      { ruleId: 'TPL-ROW-LABEL', severity: 'warning', cells: t3('1') },
      { ruleId: 'TPL-COL-LABEL', severity: 'error', cells: ['T3:1:legal'] },
      { ruleId: 'TPL-COL-LABEL', severity: 'error', cells: ['T3:1:other'] },
    ]);
    // same findings as the hand-built fixture
    expect(fs).toEqual(runAll(seed003()));
  });
});

// ------------------------------------------------------------------ severity splits and suppression

describe('severity splits', () => {
  it('TPL-SECTIONS: warning only for Y = 2019', () => {
    for (const [year, sev] of [[2019, 'warning'], [2020, 'error'], [2024, 'error']] as const) {
      const fs = run('TPL-SECTIONS', makeContext({ year, sections: [] }));
      expect(fs).toHaveLength(6);
      expect(new Set(fs.map((f) => f.severity))).toEqual(new Set([sev]));
    }
  });

  it('TPL-ROW-LABEL: error only for meaning-changing whitelist entries', () => {
    const issue = (meaningChanged: boolean, match: 'whitelist' | 'fuzzy' | 'position') => ({
      table: 'T3' as const,
      row: '3.5.1',
      found: 'x',
      expected: 'y',
      match,
      meaningChanged,
      cells: ['T3:3.5.1:natural'],
    });
    const ctx = makeContext({
      cells: { 'T3:3.5.1:natural': '0' },
      tables: { T3: { labelIssues: [issue(false, 'position'), issue(true, 'whitelist'), issue(false, 'fuzzy')] } },
    });
    expect(run('TPL-ROW-LABEL', ctx).map((f) => f.severity)).toEqual(['error', 'warning', 'warning']);
  });

  it('TPL-COL-LABEL: warning only for the variant kind', () => {
    const kinds = ['missing', 'truncated', 'different', 'variant'] as const;
    const ctx = makeContext({
      tables: { T3: { colIssues: kinds.map((kind) => ({ table: 'T3' as const, col: 'legal', expected: '法律服务机构', found: kind === 'missing' ? null : '法律', kind, cells: [] })) } },
    });
    expect(run('TPL-COL-LABEL', ctx).map((f) => f.severity)).toEqual(['error', 'error', 'error', 'warning']);
  });

  it('TPL-ROW-MISSING: data rows error, caption and header rows warning', () => {
    const ctx = makeContext({
      tables: {
        T2: {
          missingRows: [
            { table: 'T2', row: 'caption:一', label: '第二十条第（一）项', kind: 'caption', present: false },
            { table: 'T2', row: 'fees', label: '行政事业性收费', kind: 'data', present: false },
            { table: 'T2', row: 'header:八', label: '信息内容', kind: 'header', present: false },
          ],
        },
        T4: { missingRows: [{ table: 'T4', row: 'cases', label: '', kind: 'data', present: false }] },
      },
    });
    expect(run('TPL-ROW-MISSING', ctx).map((f) => [f.severity, f.message])).toEqual([
      ['error', '表二缺少“行政事业性收费”行'],
      ['error', '表四缺少“数据行”行'],
      ['warning', '表二缺少标题行“第二十条第（一）项”'],
      ['warning', '表二第二十条第（八）项缺少表头行“信息内容”'],
    ]);
  });
});

describe('suppression (design note 8)', () => {
  const noTables = { T2: emptyMapping('T2', false), T3: emptyMapping('T3', false), T4: emptyMapping('T4', false) };

  it('an attachment-only page yields no TPL finding at all', () => {
    const ctx = makeContext({ year: 2020, tables: noTables, page: { links: [{ href: '/u/P0200.docx?v=2', text: '下载' }] } });
    expect(isAttachmentOnly(ctx)).toBe(true);
    expect(suppressedTables(ctx)).toEqual(new Set(['T2', 'T3', 'T4']));
    expect(runAll(ctx)).toEqual([]);
  });

  it('a page with tables is never attachment-only, whatever it links (Pingtan 2024 全真版)', () => {
    const ctx = makeContext({ page: { hasViewerFrame: true, links: [{ href: 'a.pdf', text: 'a.pdf' }] } });
    expect(isAttachmentOnly(ctx)).toBe(false);
    expect(suppressedTables(ctx).size).toBe(0);
  });

  it('attachment links: by extension in the href (query allowed) or the link text', () => {
    expect(isAttachmentLink({ href: 'x/report.PDF', text: '' })).toBe(true);
    expect(isAttachmentLink({ href: 'x/report.ofd#p=1', text: '' })).toBe(true);
    expect(isAttachmentLink({ href: 'download.jsp?id=3', text: '2019年报.xlsx' })).toBe(true);
    expect(isAttachmentLink({ href: 'x/t2020_1.html', text: '上一篇' })).toBe(false);
    expect(isAttachmentLink({ href: 'x/pdfviewer.html', text: '全文' })).toBe(false);
  });

  it('an image under 三 suppresses T3 only; its row/col rules and TPL-TABLE-MISSING stay silent', () => {
    const { blocks, sections } = layout(['标题', { h: 1 }, { h: 2 }, { t: 0 }, { h: 3 }, { img: 't3.jpg' }, { h: 4 }, { t: 1 }, { h: 5 }, { h: 6 }]);
    const ctx = makeContext({
      page: { blocks },
      sections,
      tables: { T2: { parts: [0] }, T3: { ...emptyMapping('T3', false), labelIssues: [], note: null }, T4: { parts: [1] } },
    });
    expect(sectionRange(ctx, 3)).toEqual({ start: 5, end: 6 });
    expect(isImageTable(ctx, 'T3')).toBe(true);
    expect(isImageTable(ctx, 'T2')).toBe(false);
    expect(suppressedTables(ctx)).toEqual(new Set(['T3']));
    expect(runAll(ctx)).toEqual([]);
  });

  it('a missing table has no row, column, note or cell findings (TPL-TABLE-MISSING only)', () => {
    const ctx = makeContext({
      tables: {
        T3: {
          ...emptyMapping('T3', false),
          note: null,
          labelIssues: [{ table: 'T3', row: '1', found: 'x', expected: 'y', match: 'fuzzy', meaningChanged: false, cells: [] }],
          colIssues: [{ table: 'T3', col: 'other', expected: '其他', found: null, kind: 'missing', cells: [] }],
          cellCountIssues: [{ table: 'T3', row: '2', label: '', found: 3, expected: 7 }],
          extras: [{ table: 'T3', kind: 'row', label: '小计', values: {} }],
          rowOrder: ['2', '1'],
        },
      },
    });
    expect(runAll(ctx).map((f) => f.ruleId).filter((id) => id !== 'TPL-SECTIONS')).toEqual(['TPL-TABLE-MISSING']);
  });

  it('rows of a missing T2 block: no row-missing, label or cell-count findings', () => {
    const ctx = makeContext({
      tables: {
        T2: {
          missingBlocks: ['八'],
          missingRows: [{ table: 'T2', row: 'fees', label: '行政事业性收费', kind: 'data', present: false }],
          labelIssues: [{ table: 'T2', row: 'fees', found: '行政性收费', expected: '行政事业性收费', match: 'fuzzy', meaningChanged: false, cells: [] }],
          cellCountIssues: [{ table: 'T2', row: 'fees', label: '行政事业性收费', found: 1, expected: 2 }],
        },
      },
    });
    expect(runAll(ctx).map((f) => f.ruleId).filter((id) => id !== 'TPL-SECTIONS')).toEqual(['TPL-SUBTABLE-MISSING']);
  });

  it('TPL-ROW-MISSING suppresses TPL-CELL-COUNT of the same row only', () => {
    const ctx = makeContext({
      tables: {
        T3: {
          missingRows: [{ table: 'T3', row: '2', label: '', kind: 'data', present: true }],
          cellCountIssues: [
            { table: 'T3', row: '2', label: '', found: 2, expected: 7 },
            { table: 'T3', row: '4', label: '四、结转下年度继续办理', found: 8, expected: 7 },
          ],
        },
      },
    });
    expect(run('TPL-CELL-COUNT', ctx)).toMatchObject([{ expected: 7, actual: 8, message: '表三“四、结转下年度继续办理”行有8个数值单元格，模板为7个；该行未予对应' }]);
  });
});

describe('TPL-TABLE-MISSING narrative (Y = 2019)', () => {
  const ctx = (narrative: string[]) => makeContext({ year: 2019, narrative, tables: { T4: emptyMapping('T4', false) } });

  it.each([
    ['本年度发生政府信息公开行政复议2件，行政诉讼1件。', true],
    ['全年未发生因政府信息公开引起的行政复议和行政诉讼。', true],
    ['政府信息公开行政复议、行政诉讼均为0件。', true],
    ['行政复议案件两件。', true],
    ['我乡积极推进政务公开工作。', false],
    ['四、政府信息公开行政复议、行政诉讼情况', false],
  ])('%s → %s', (text, covers) => {
    expect(narrativeReportsTable(ctx([text]), 'T4')).toBe(covers);
  });

  it('the section heading itself is not a report of the content', () => {
    const c = makeContext({
      year: 2019,
      narrative: ['四、政府信息公开行政复议、行政诉讼情况'],
      sections: [{ section: 4, numeral: 4, text: '四、政府信息公开行政复议、行政诉讼情况', block: 0 }],
      tables: { T4: emptyMapping('T4', false) },
    });
    expect(run('TPL-TABLE-MISSING', c)).toMatchObject([{ severity: 'error' }]);
  });

  it('T3: hotline and petition counts are not applications (NARR-T3-NUM skip list)', () => {
    const c = (t: string) => makeContext({ year: 2019, narrative: [t], tables: { T3: emptyMapping('T3', false) } });
    expect(narrativeReportsTable(c('截至前，我镇接到县长热线转交件受理件共14件，申请事项均已办结。'), 'T3')).toBe(false);
    expect(narrativeReportsTable(c('全年未收到政府信息公开申请。'), 'T3')).toBe(true);
    expect(narrativeReportsTable(c('本年度受理依申请公开5件。'), 'T3')).toBe(true);
  });

  it('T2: counts of 规范性文件, 行政许可 … stand in for the table', () => {
    const c = (t: string) => makeContext({ year: 2019, narrative: [t], tables: { T2: emptyMapping('T2', false) } });
    expect(narrativeReportsTable(c('全年制发规范性文件3件，办理行政许可12件。'), 'T2')).toBe(true);
    expect(narrativeReportsTable(c('全年主动公开政府信息120条。'), 'T2')).toBe(false);
    expect(run('TPL-TABLE-MISSING', c('全年制发规范性文件3件。'))).toMatchObject([{ severity: 'warning' }]);
  });
});

describe('helpers', () => {
  it('t2BlockOf: data rows of either format, caption and header keys', () => {
    expect(t2BlockOf('otherServices', '2021')).toBe('五');
    expect(t2BlockOf('procurement', '2019')).toBe('九');
    expect(t2BlockOf('caption:六', '2019')).toBe('六');
    expect(t2BlockOf('header:八', '2021')).toBe('八');
    expect(t2BlockOf('nope', '2019')).toBeNull();
  });

  it('TPL-ROW-ORDER: one finding per table, naming every moved row; absent cells dropped', () => {
    const ctx = makeContext({
      cells: { 'T3:3.1:natural': '0', 'T3:3.1:total': '0' },
      tables: { T3: { rowOrder: ['1', '2', '3.2', '3.3.1', '3.1', '3.7', '4', '3.6'] } },
    });
    expect(run('TPL-ROW-ORDER', ctx)).toMatchObject([
      { severity: 'warning', cells: ['T3:3.1:natural', 'T3:3.1:total'], message: '表三行顺序与模板不一致：“（一）予以公开”、“（六）其他处理”不在模板位置' },
    ]);
  });
});
