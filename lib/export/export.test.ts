import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAttachment } from '../attachments';
import { auditHtml } from '../node';
import { AuditResultSchema, type AuditResultJson } from '../schema';
import { allReportDetails, getReportDetail, openAuditDb, saveAudit, setReview, type AuditDb } from '../store/db';
import {
  CSV_BOM,
  exportFile,
  ExportFileSchema,
  exportFileName,
  exportRows,
  FINDINGS_SHEET,
  sheetName,
  SEVERITY_FILL,
  toCsv,
  toJson,
  toXlsx,
  xlsxSheets,
  type ExportDetail,
} from './index';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const URL_A = 'https://www.example.gov.cn/xxgk/t20210305_80595.htm';
const URL_B = 'https://zfxxgk.other.gov.cn/nb/2022.htm';

function detail(over: Partial<ExportDetail['report']> = {}, findings: ExportDetail['findings'] = []): ExportDetail {
  return {
    report: {
      url: URL_A,
      title: '某某县2020年政府信息公开工作年度报告',
      entity: '某某县',
      year: 2020,
      format: '2019',
      auditedAt: '2026-11-23T08:00:00.000Z',
      cells: {
        'T3:1:total': { raw: '21', value: 21 },
        'T3:3.7:natural': { raw: '20', value: 20 },
        'T3:3.3.1:legal': { raw: '', value: null },
        'T2:fees:previousCount': { raw: '无', value: null },
        'T4:cases:review.total': { raw: '3', value: 3 },
      },
      source: { tool: { name: 'report-auditor', version: '0.1.0' }, auditedAt: '2026-11-23T07:59:59.000Z' },
      ...over,
    },
    findings,
  };
}

const SUM = {
  ruleId: 'T3-RESULT-SUM',
  severity: 'error' as const,
  cells: ['T3:3.7:natural', 'T3:3.1:natural'],
  expected: 26,
  actual: -20,
  message: '（七）总计 自然人 为 20，但各办理结果之和为 26',
};
const PAGE = { ruleId: 'DATE-SIGN', severity: 'info' as const, cells: [], message: '报告末尾没有落款日期' };
const BLANK = { ruleId: 'VAL-BLANK', severity: 'warning' as const, cells: ['T3:3.3.1:legal'], message: '空白单元格' };

describe('exportRows', () => {
  it('one row per finding with the report, the rule, the cell in words and the review', () => {
    const d = detail({}, [
      { ...SUM, review: 'dismissed', reviewReason: '模板允许', reviewNote: '另附说明', reviewedAt: '2026-11-24T01:00:00.000Z' },
      PAGE,
      { ...BLANK, status: 'resolved' },
    ]);
    const rows = exportRows([d]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      reportTitle: '某某县2020年政府信息公开工作年度报告',
      url: URL_A,
      entity: '某某县',
      year: 2020,
      ruleId: 'T3-RESULT-SUM',
      ruleTitle: '（七）总计不等于各办理结果之和',
      severity: 'error',
      cell: '表三 （七）总计 / 自然人',
      cellId: 'T3:3.7:natural',
      expected: 26,
      actual: -20,
      message: SUM.message,
      status: 'current',
      review: 'dismissed',
      reason: '模板允许',
      note: '另附说明',
      reviewedAt: '2026-11-24T01:00:00.000Z',
      auditedAt: '2026-11-23T08:00:00.000Z',
    });
    expect(rows[1]).toMatchObject({ cell: '（全页）', cellId: '', expected: null, actual: null, review: 'open', reason: null, note: null });
    expect(rows[2]).toMatchObject({ status: 'resolved', cell: '表三 （三）1.属于国家秘密 / 法律服务机构' });
    expect(exportRows([detail()])).toEqual([]);
    expect(exportRows([detail({}, [{ ...PAGE, ruleId: 'X-FUTURE-RULE' }])])[0]!.ruleTitle).toBe('X-FUTURE-RULE');
  });
});

describe('toCsv', () => {
  const hostile = detail({ title: '=HYPERLINK("http://evil","点我")', entity: '+某县' }, [
    { ...SUM, reviewNote: '-2 是笔误\n第二行', review: 'confirmed' },
    { ...PAGE, message: '@SUM(A1), "引号"', reviewNote: '\t=1+1' },
  ]);

  it('has a BOM, CRLF line endings and a header row', () => {
    const csv = toCsv(exportRows([hostile]));
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const firstLine = csv.slice(1, csv.indexOf('\r\n'));
    expect(firstLine).toBe('报告标题,网址,机关,年度,规则,规则名称,级别,单元格,单元格 ID,应为,实为,说明,状态,复核,排除理由,备注,复核时间,审计时间');
    // every line break outside quoted fields is CRLF
    expect(csv.replace(/"[^"]*"/g, '').match(/\r?\n/g)!.every((n) => n === '\r\n')).toBe(true);
    expect(toCsv([])).toBe(CSV_BOM + firstLine + '\r\n');
  });

  it('escapes text Excel would run as a formula, keeps numbers as numbers, and reads back', () => {
    const csv = toCsv(exportRows([hostile]));
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(3);
    const [h, a, b] = parsed as [string[], string[], string[]];
    const col = (name: string) => h.indexOf(name);
    expect(a[col('报告标题')]).toBe(`'=HYPERLINK("http://evil","点我")`);
    expect(a[col('机关')]).toBe(`'+某县`);
    expect(a[col('备注')]).toBe(`'-2 是笔误\n第二行`);
    expect(b[col('说明')]).toBe(`'@SUM(A1), "引号"`);
    expect(b[col('备注')]).toBe(`'\t=1+1`);
    expect(a[col('年度')]).toBe('2020');
    expect(a[col('应为')]).toBe('26');
    // a negative number is a number, not text to escape
    expect(a[col('实为')]).toBe('-20');
    expect(csv).toContain(',26,-20,');
    expect(a[col('级别')]).toBe('错误');
    expect(a[col('复核')]).toBe('已确认');
    expect(b[col('应为')]).toBe('');
  });
});

describe('exportFileName', () => {
  it('names the file by kind and local day', () => {
    const d = new Date(2026, 10, 23, 12, 0, 0);
    expect(exportFileName('csv', d)).toBe('report-audit-findings-2026-11-23.csv');
    expect(exportFileName('xlsx', d)).toBe('report-audit-findings-2026-11-23.xlsx');
    expect(exportFileName('json', new Date(2027, 0, 5, 12))).toBe('report-audit-export-2027-01-05.json');
  });
});

describe('XLSX', () => {
  it('sheet names are at most 31 characters, without []:*?/\\, unique ignoring case', () => {
    const taken = new Set(['问题清单']);
    const long = '中华人民共和国某某省某某市某某区某某街道办事处关于政府信息公开的工作机构 2020';
    const a = sheetName(long, taken);
    const b = sheetName(long, taken);
    expect(Array.from(a).length).toBeLessThanOrEqual(31);
    expect(Array.from(b).length).toBeLessThanOrEqual(31);
    expect(b.endsWith(' (2)')).toBe(true);
    expect(sheetName('a[b]:c*d?e/f\\g', taken)).toBe('a b c d e f g');
    expect(sheetName("'引号'", taken)).toBe('引号');
    expect(sheetName('问题清单', taken)).toBe('问题清单 (2)');
    expect(sheetName('History', taken)).toBe('History 1');
    expect(sheetName('', taken)).toBe('报告');
    expect(sheetName('ABC', taken)).toBe('ABC');
    expect(sheetName('abc', taken)).toBe('abc (2)');
    for (const n of taken) expect(n).not.toMatch(/[[\]:*?/\\]/);
  });

  it('sheet 问题清单 has typed columns; each report sheet lays out its tables with flagged cells filled', () => {
    const a = detail({}, [SUM, { ...BLANK, severity: 'info' }, BLANK, PAGE, { ...SUM, cells: ['T3:1:total'], status: 'resolved' }]);
    const b = detail({ url: URL_B, entity: '某某县', year: 2020, format: '2021', title: '另一份' }, []);
    const sheets = xlsxSheets([a, b]);
    expect(sheets.map((s) => s.sheet)).toEqual([FINDINGS_SHEET, '某某县 2020', '某某县 2020 (2)']);
    const list = sheets[0]!;
    expect(list.data).toHaveLength(1 + 5);
    const header = list.data[0]!.map((c) => (c as { value: string }).value);
    const row = list.data[1]!;
    const at = (name: string) => row[header.indexOf(name)] as { value: unknown; type: unknown } | null;
    expect(at('年度')).toMatchObject({ value: 2020, type: Number });
    expect(at('应为')).toMatchObject({ value: 26, type: Number });
    expect(at('实为')).toMatchObject({ value: -20, type: Number });
    expect(at('审计时间')).toMatchObject({ type: Date });
    expect((at('审计时间')!.value as Date).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(at('复核时间')).toBeNull();
    expect(at('说明')).toMatchObject({ value: SUM.message, type: String });

    const sheet = sheets[1]!;
    const find = (label: string) => sheet.data.find((r) => (r[0] as { value?: string } | null)?.value === label);
    const t3row = find('（七）总计')!;
    expect(t3row[1]).toMatchObject({ value: 20, type: Number, backgroundColor: SEVERITY_FILL.error });
    expect(find('一、本年新收政府信息公开申请数量')![7]).toMatchObject({ value: 21, type: Number });
    // the resolved finding's cell is not flagged
    expect(find('一、本年新收政府信息公开申请数量')![7]).not.toHaveProperty('backgroundColor');
    // the worst severity wins: warning over info; a blank cell is still filled
    expect(find('（三）不予公开 1.属于国家秘密')![5]).toEqual({ backgroundColor: SEVERITY_FILL.warning });
    // text that is no number stays text; 2019 table 二 rows
    expect(find('行政事业性收费')![1]).toMatchObject({ value: '无', type: String });
    expect(find('规范性文件')).toBeDefined();
    expect(find('案件数')![5]).toMatchObject({ value: 3, type: Number });
    // the 2021 report uses its own template rows
    expect(sheets[2]!.data.some((r) => (r[0] as { value?: string } | null)?.value === '行政规范性文件')).toBe(true);
    expect(sheets[2]!.data.some((r) => (r[0] as { value?: string } | null)?.value === '（六）其他处理 3.其他')).toBe(true);
  });

  async function unzip(blob: Blob) {
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    return (name: string) => strFromU8(files[name]!);
  }

  it('writes a valid .xlsx: sheets, the workbook font, fills, a frozen header, and values a reader reads back', async () => {
    const a = detail({}, [SUM, PAGE]);
    const blob = await toXlsx([a, detail({ url: URL_B, entity: null, title: null, year: null, format: null }, [])]);
    expect(blob.size).toBeGreaterThan(1_000);
    const read = await unzip(blob);
    const workbook = read('xl/workbook.xml');
    expect(workbook).toContain('name="问题清单"');
    expect(workbook).toContain('name="某某县 2020"');
    expect(workbook).toContain('name="报告 2"');
    // the workbook's font: the default font and the bold one
    const styles = read('xl/styles.xml');
    expect(styles.match(/<font>.*?<\/font>/g)).toEqual([
      '<font><sz val="11"/><name val="Microsoft YaHei"/><family val="2"/></font>',
      '<font><b/><sz val="11"/><name val="Microsoft YaHei"/><family val="2"/></font>',
    ]);
    // the severity fills are in the styles, and the flagged cell uses one
    expect(styles).toContain(`<fgColor rgb="FF${SEVERITY_FILL.error.slice(1)}"/>`);
    expect(read('xl/worksheets/sheet1.xml')).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(read('xl/worksheets/sheet2.xml')).toMatch(/<mergeCells count="3">/);
    const sheets = (await readXlsxFile(Buffer.from(await blob.arrayBuffer()))) as unknown as { sheet: string; data: unknown[][] }[];
    const list = sheets[0]!.data;
    expect(list).toHaveLength(1 + 2);
    expect(list[1]!.slice(3, 5)).toEqual([2020, 'T3-RESULT-SUM']);
    expect(list[1]![9]).toBe(26);
    expect((list[1]![17] as Date).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    // an empty store still makes a workbook (the findings sheet with its header)
    expect((await unzip(await toXlsx([])))('xl/workbook.xml')).toContain('name="问题清单"');
  });
});

// ------------------------------------------------------------------ JSON export and import

let db: AuditDb;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 10, 23, 8, 0, clock++));
const freshDb = (name: string) => openAuditDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });

beforeEach(() => {
  db = freshDb('export-test');
  clock = 0;
});
afterEach(() => db.close());

function result(url: string, findings: AuditResultJson['findings'], over: Partial<AuditResultJson> = {}): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source: url,
    auditedAt: '2026-11-23T07:00:00.000Z',
    detected: true,
    report: { title: '某某县2020年政府信息公开工作年度报告', year: 2020, entity: '某某县', format: '2019' },
    cells: { 'T3:1:total': { raw: '21', value: 21 }, 'T3:3.7:natural': { raw: '20', value: 20 } },
    findings,
    ...over,
  };
}

/** Two real audits (seed pages), one hand-made report with reviews, resolved findings and shared matchKeys. */
/** A report published as a PDF, audited as the viewer audits it (tests/fixtures/attachments: 表三 row 3.7 wrong). */
const URL_PDF = 'https://www.example.gov.cn/xxgk/nb/002-t3-rowsum-row3.7.pdf';
let pdfResult: Promise<AuditResultJson> | null = null;
function attachmentResult(): Promise<AuditResultJson> {
  pdfResult ??= runAttachment(new Uint8Array(readFileSync(ROOT + 'tests/fixtures/attachments/002-t3-rowsum-row3.7.pdf')), {
    kind: 'pdf',
    source: URL_PDF,
    url: URL_PDF,
    attachmentUrl: URL_PDF,
    now: new Date('2026-11-23T06:30:00.000Z'),
  }).then((run) => run.result);
  return pdfResult;
}

async function seedStore(target: AuditDb): Promise<void> {
  for (const [i, name] of ['samples/seed-002.word.html', 'samples/pingtan-2024.html'].entries()) {
    const url = `https://www.example${i}.gov.cn/xxgk/report.htm`;
    const r = auditHtml(readFileSync(ROOT + name, 'utf8'), { source: url, now: new Date('2026-11-23T06:00:00.000Z') });
    await saveAudit(target, r, url, now);
  }
  const twins = [
    { ...PAGE, message: '第一处' },
    { ...PAGE, message: '第二处' },
    { ...PAGE, message: '第三处' },
  ];
  await saveAudit(target, result(URL_A, [SUM, BLANK, ...twins]), URL_A, now);
  const d = (await getReportDetail(target, URL_A))!;
  await setReview(target, d.findings[0]!.id, { state: 'dismissed', reason: '已更正', note: '见更正说明' }, now);
  await setReview(target, d.findings[3]!.id, { state: 'confirmed' }, now);
  await setReview(target, d.findings[1]!.id, { state: 'confirmed', note: '会消失' }, now);
  // re-audit: BLANK is gone (resolved, reviewed), SUM kept, a new finding
  await saveAudit(target, result(URL_A, [SUM, { ...BLANK, ruleId: 'VAL-TEXT', cells: ['T3:1:total'] }, ...twins]), URL_A + '#p', now);
  await saveAudit(target, result(URL_B, [], { report: { title: null, year: null, entity: null, format: null }, cells: {} }), URL_B, now);
  // audited from an attachment, one finding reviewed
  await saveAudit(target, await attachmentResult(), URL_PDF, now);
  const pdf = (await getReportDetail(target, URL_PDF))!;
  await setReview(target, pdf.findings[0]!.id, { state: 'confirmed', note: '附件中的错误' }, now);
}

describe('toJson', () => {
  it('is the contract export: valid results, reviews, also with no findings or no reports', async () => {
    await seedStore(db);
    const details = await allReportDetails(db);
    const text = toJson(details, { exportedAt: new Date('2026-11-25T00:00:00.000Z') });
    const file = ExportFileSchema.parse(JSON.parse(text));
    expect(file).toMatchObject({ schemaVersion: 1, exportedAt: '2026-11-25T00:00:00.000Z', tool: { name: 'report-auditor' } });
    expect(file.reports).toHaveLength(5);
    for (const r of file.reports) expect(AuditResultSchema.safeParse(r).success).toBe(true);
    // the attachment's evidence as the store keeps it (no cell boxes); the page reports have none
    const audited = await attachmentResult();
    const { cellBoxes, ...kept } = audited.attachment!;
    expect(Object.keys(cellBoxes ?? {}).length).toBeGreaterThan(0);
    expect(kept).toMatchObject({ kind: 'pdf', url: URL_PDF, pages: expect.any(Number) as number });
    const pdf = file.reports.find((r) => r.source === URL_PDF)!;
    expect(pdf.attachment).toEqual(kept);
    expect(pdf.findings).toEqual(audited.findings);
    expect(file.reviews.filter((e) => e.source === URL_PDF)).toEqual([expect.objectContaining({ state: 'confirmed', note: '附件中的错误' })]);
    expect(file.reports.filter((r) => r.attachment)).toHaveLength(1);
    const a = file.reports.find((r) => r.source === URL_A)!;
    expect(a.auditedAt).toBe('2026-11-23T07:00:00.000Z');
    expect(a.findings!.map((f) => f.ruleId)).toEqual(['T3-RESULT-SUM', 'VAL-TEXT', 'DATE-SIGN', 'DATE-SIGN', 'DATE-SIGN']);
    expect(file.reports.find((r) => r.source === URL_B)!.findings).toEqual([]);
    const mine = file.reviews.filter((e) => e.source === URL_A);
    expect(mine).toEqual([
      expect.objectContaining({ ruleId: 'T3-RESULT-SUM', cell: 'T3:3.7:natural', state: 'dismissed', reason: '已更正', note: '见更正说明', status: 'current' }),
      // one of the three shared-key findings was reviewed: all three are listed
      expect.objectContaining({ ruleId: 'DATE-SIGN', cell: null, state: 'open', status: 'current' }),
      expect.objectContaining({ ruleId: 'DATE-SIGN', cell: null, state: 'confirmed', status: 'current' }),
      expect.objectContaining({ ruleId: 'DATE-SIGN', cell: null, state: 'open', status: 'current' }),
      expect.objectContaining({ ruleId: 'VAL-BLANK', cell: 'T3:3.3.1:legal', state: 'confirmed', note: '会消失', status: 'resolved', finding: BLANK }),
    ]);
    const empty = exportFile([], { exportedAt: '2026-11-25T00:00:00.000Z' });
    expect(empty).toMatchObject({ reports: [], reviews: [] });
  });
});

describe('importJson', () => {
  const dump = async (target: AuditDb) => {
    const details = await allReportDetails(target);
    return JSON.parse(toJson(details, { exportedAt: '2026-11-25T00:00:00.000Z' })) as unknown;
  };

  it('round trip: export → import into a fresh store → export is the same file', async () => {
    await seedStore(db);
    const first = toJson(await allReportDetails(db), { exportedAt: new Date('2026-11-25T00:00:00.000Z') });
    const { importJson } = await import('./import');
    const other = freshDb('export-roundtrip');
    const out = await importJson(other, first, 'replace');
    expect(out).toMatchObject({ mode: 'replace', reports: 5, skipped: 0 });
    const second = toJson(await allReportDetails(other), { exportedAt: new Date('2026-11-26T00:00:00.000Z') });
    expect(second.replace('2026-11-26', '2026-11-25')).toBe(first);
    // the store agrees too: same findings, reviews, statuses and progress per report
    for (const url of [URL_A, URL_B, URL_PDF]) {
      const x = (await getReportDetail(db, url))!;
      const y = (await getReportDetail(other, url))!;
      const strip = (f: (typeof x.findings)[number]) => ({ ...f, id: 0, seq: 0 });
      expect(y.findings.map(strip)).toEqual(x.findings.map(strip));
      expect(y.report.reviewProgress).toEqual(x.report.reviewProgress);
      expect(y.report.evidenceSha256).toBe(x.report.evidenceSha256);
      expect(y.report.auditedAt).toBe(x.report.source.auditedAt);
      expect(y.report.attachment).toEqual(x.report.attachment);
    }
    expect((await getReportDetail(other, URL_PDF))!.report.attachment).toMatchObject({ kind: 'pdf', url: URL_PDF });
    // importing the same file again (merge) changes nothing
    await importJson(other, first, 'merge');
    expect(toJson(await allReportDetails(other), { exportedAt: new Date('2026-11-25T00:00:00.000Z') })).toBe(first);
    other.close();
  });

  it('merge upserts reports by URL and applies the reviews by matchKey; replace drops the others', async () => {
    const { importJson } = await import('./import');
    await saveAudit(db, result(URL_A, [SUM, BLANK]), URL_A, now);
    await saveAudit(db, result(URL_B, [PAGE]), URL_B, now);
    const [, blank] = (await getReportDetail(db, URL_A))!.findings;
    await setReview(db, blank!.id, { state: 'confirmed', note: '本地的复核' }, now);

    // a colleague's file: URL_A with SUM dismissed, and a third report
    const other = freshDb('colleague');
    await saveAudit(other, result(URL_A, [SUM]), URL_A, now);
    await saveAudit(other, result('https://c.gov.cn/nb.htm', [PAGE]), 'https://c.gov.cn/nb.htm', now);
    const sum = (await getReportDetail(other, URL_A))!.findings[0]!;
    await setReview(other, sum.id, { state: 'dismissed', reason: '误报', note: '同事' }, now);
    const file = toJson(await allReportDetails(other), { exportedAt: new Date() });
    other.close();

    const out = await importJson(db, file, 'merge');
    expect(out).toMatchObject({ mode: 'merge', reports: 2, reviews: 1 });
    const a = (await getReportDetail(db, URL_A))!;
    expect(a.findings.map((f) => [f.ruleId, f.status, f.review, f.reviewNote])).toEqual([
      ['T3-RESULT-SUM', 'current', 'dismissed', '同事'],
      ['VAL-BLANK', 'resolved', 'confirmed', '本地的复核'],
    ]);
    expect(a.report.reviewProgress).toEqual({ open: 0, confirmed: 0, dismissed: 1, resolved: 1 });
    expect(await db.reports.count()).toBe(3);
    expect(await getReportDetail(db, URL_B)).toBeDefined();

    await importJson(db, file, 'replace');
    expect((await db.reports.toArray()).map((r) => r.url).sort()).toEqual(['https://c.gov.cn/nb.htm', URL_A]);
    expect(await db.evidence.count()).toBe(2);
    expect((await getReportDetail(db, URL_A))!.findings).toHaveLength(1);
  });

  it('rejects a wrong, corrupt, newer or invalid file with a clear message and changes nothing', async () => {
    const { importJson, ImportError } = await import('./import');
    await seedStore(db);
    const before = await dump(db);
    const good = JSON.parse(toJson(await allReportDetails(db), { exportedAt: new Date() })) as Record<string, unknown>;
    const cases: [string, unknown, string][] = [
      ['corrupt', '{"schemaVersion": 1, "reports": [', 'not-json'],
      ['empty', '', 'not-json'],
      ['other JSON', JSON.stringify({ hello: 'world' }), 'not-export'],
      ['CLI output', JSON.stringify([good.reports]), 'not-export'],
      ['newer', JSON.stringify({ ...good, schemaVersion: 2 }), 'newer-version'],
      ['missing reviews', JSON.stringify({ ...good, reviews: undefined }), 'invalid'],
      ['bad cell id', JSON.stringify({ ...good, reviews: [{ ...(good.reviews as object[])[0], cell: 'nope' }] }), 'invalid'],
      ['review of no report', JSON.stringify({ ...good, reviews: [{ ...(good.reviews as object[])[0], source: 'https://x.gov.cn/' }] }), 'invalid'],
      ['bad URL', JSON.stringify({ ...good, reports: [{ ...(good.reports as object[])[0], source: 'javascript:alert(1)' }], reviews: [] }), 'invalid'],
      ['same URL twice', JSON.stringify({ ...good, reports: [(good.reports as object[])[0], { ...(good.reports as object[])[0], source: (good.reports as { source: string }[])[0]!.source + '#x' }], reviews: [] }), 'invalid'],
      ['bad attachment hash', JSON.stringify({ ...good, reports: (good.reports as { source: string }[]).map((r) => (r.source === URL_PDF ? { ...r, attachment: { kind: 'pdf', sha256: 'nope', bytes: 1 } } : r)) }), 'invalid'],
      ['unknown attachment kind', JSON.stringify({ ...good, reports: (good.reports as { source: string }[]).map((r) => (r.source === URL_PDF ? { ...r, attachment: { kind: 'doc', sha256: '0'.repeat(64), bytes: 1 } } : r)) }), 'invalid'],
      ['not a string', 42, 'not-export'],
    ];
    for (const [what, text, code] of cases) {
      for (const mode of ['merge', 'replace'] as const) {
        const e = await importJson(db, text as string, mode).then(
          () => null,
          (err: unknown) => err,
        );
        expect(e, what).toBeInstanceOf(ImportError);
        expect((e as InstanceType<typeof ImportError>).code, what).toBe(code);
        expect((e as InstanceType<typeof ImportError>).zh, what).toMatch(/[\u4e00-\u9fff]/);
        expect((e as InstanceType<typeof ImportError>).en, what).toMatch(/[a-z]/);
      }
    }
    expect(await dump(db)).toEqual(before);
  });

  it('one transaction: a failure part-way through a replace leaves the store as it was', async () => {
    const { importJson, ImportError } = await import('./import');
    await seedStore(db);
    const before = await dump(db);
    const file = toJson(await allReportDetails(db), { exportedAt: new Date() });
    let n = 0;
    const hook = () => {
      if (++n === 3) throw new Error('quota exceeded');
    };
    db.reports.hook('creating', hook);
    await expect(importJson(db, file, 'replace')).rejects.toBeInstanceOf(ImportError);
    db.reports.hook('creating').unsubscribe(hook);
    expect(await dump(db)).toEqual(before);
  });
});
