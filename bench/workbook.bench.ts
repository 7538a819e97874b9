/**
 * Workbook scale benchmark (`npm run bench`, run through scripts/run-ts.mjs). Prints figures only; it is not a test.
 *
 * A store of 1,000 reports with 50,000 findings (50 each; every report with the full set of its format's template
 * cells as evidence, a tenth of the findings reviewed) in fake-indexeddb, then:
 *
 * - listReports: the workbook's list, unfiltered, filtered by text and by year, sorted (target < 300 ms);
 * - getReportDetail: one report with its evidence and findings;
 * - export all: reading every detail, then CSV, XLSX and JSON (target < 2 s);
 * - import: the JSON back into a fresh store (replace), and one setReviewByKey.
 *
 * fake-indexeddb is a pure-JavaScript IndexedDB and is slower than a browser's (structured clone and B-tree in JS,
 * no native storage engine), so store figures here are an upper bound for the extension. The exports themselves are
 * plain JavaScript and run the same in the workbook page.
 *
 * Options: --quick (100 reports, fewer runs).
 */
import { parseArgs } from 'node:util';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { exportRows, FINDINGS_SHEET, toCsv, toJson, toXlsx, xlsxSheets } from '../lib/export/index';
import { importJson } from '../lib/export/import';
import type { AuditResultJson } from '../lib/schema';
import {
  allReportDetails,
  getReportDetail,
  listReports,
  matchKeyOf,
  openAuditDb,
  saveAudit,
  setReview,
  setReviewByKey,
} from '../lib/store/db';
import { templateCellIds } from '../lib/template';
import type { Format } from '../lib/types';
import { ENTITIES, RULES } from './workbook-data';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' } } });
const QUICK = opts.quick === true;
const REPORTS = QUICK ? 100 : 1_000;
const FINDINGS_PER_REPORT = 50;
const RUNS = QUICK ? 3 : 7;


function report(i: number): { url: string; result: AuditResultJson } {
  const format: Format = i % 3 === 0 ? '2019' : '2021';
  const year = 2019 + (i % 6);
  const entity = `${ENTITIES[i % ENTITIES.length]}${Math.floor(i / ENTITIES.length)}`;
  const url = `https://www.site${i % 97}.gov.cn/xxgk/zfxxgknb/${year}/t${20200000 + i}_${i}.htm`;
  const ids = templateCellIds(format);
  const cells: NonNullable<AuditResultJson['cells']> = {};
  ids.forEach((id, k) => {
    const v = (i * 7 + k * 13) % 50;
    cells[id] = k % 17 === 0 ? { raw: '', value: null } : { raw: String(v), value: v };
  });
  const findings: NonNullable<AuditResultJson['findings']> = [];
  for (let k = 0; k < FINDINGS_PER_REPORT; k++) {
    const [ruleId, severity] = RULES[k % RULES.length]!;
    const cell = ids[(k * 5 + i) % ids.length]!;
    findings.push({
      ruleId,
      severity,
      cells: ruleId === 'DATE-SIGN' ? [] : [cell],
      ...(severity === 'error' ? { expected: k + 1, actual: k } : {}),
      message: `${entity} 第 ${k + 1} 处：${ruleId} 的说明文字，单元格 ${cell}`,
    });
  }
  return {
    url,
    result: {
      schemaVersion: 1,
      tool: { name: 'report-auditor', version: '0.1.0' },
      source: url,
      auditedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      detected: true,
      report: { title: `${entity}${year}年政府信息公开工作年度报告`, year, entity, format },
      cells,
      findings,
    },
  };
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await time(fn))[0]);
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0).padStart(8)} ms`;
const line = (label: string, ms: number, extra = '') => console.log(`  ${label.padEnd(44)}${fmt(ms)}${extra ? `  ${extra}` : ''}`);

async function main(): Promise<void> {
  console.log(`workbook benchmark: ${REPORTS} reports, ${REPORTS * FINDINGS_PER_REPORT} findings, fake-indexeddb (Node ${process.version})`);
  console.log('  (fake-indexeddb is slower than a browser’s IndexedDB: store figures are an upper bound)\n');
  const db = openAuditDb('bench', { indexedDB: new IDBFactory(), IDBKeyRange });
  const reports = Array.from({ length: REPORTS }, (_, i) => report(i));

  const [fill] = await time(async () => {
    for (const r of reports) await saveAudit(db, r.result, r.url);
  });
  line(`fill: ${REPORTS} × saveAudit`, fill, `${(fill / REPORTS).toFixed(1)} ms per report`);
  // a tenth of the findings reviewed
  const [reviewMs] = await time(async () => {
    for (const r of reports.filter((_, i) => i % 10 === 0)) {
      const d = (await getReportDetail(db, r.url))!;
      for (const f of d.findings.slice(0, 10)) await setReview(db, f.id, f.severity === 'error' ? { state: 'confirmed' } : { state: 'dismissed', reason: '误报', note: '基准测试' });
    }
  });
  line(`reviews: ${REPORTS} × setReview`, reviewMs);
  const reaudit = reports[5]!;
  line('re-audit of one report (saveAudit)', await median(RUNS, () => saveAudit(db, reaudit.result, reaudit.url)));
  const key = matchKeyOf(reaudit.result.findings![0]!.ruleId, reaudit.result.findings![0]!.cells);
  line('setReviewByKey (in-page panel)', await median(RUNS, () => setReviewByKey(db, reaudit.url, key, { state: 'confirmed' })));

  console.log('\nlist (target < 300 ms)');
  const all = await listReports(db);
  line('listReports() (open: all, newest first)', await median(RUNS, () => listReports(db)), `${all.length} rows`);
  const byText = await listReports(db, { text: '教育局' });
  line('listReports({ text: "教育局" })', await median(RUNS, () => listReports(db, { text: '教育局' })), `${byText.length} rows`);
  const byYear = await listReports(db, { year: 2021 });
  line('listReports({ year: 2021 })', await median(RUNS, () => listReports(db, { year: 2021 })), `${byYear.length} rows`);
  line('listReports({ text, year, hasErrors }, entity asc)', await median(RUNS, () => listReports(db, { text: '县', year: 2022, hasErrors: true }, { key: 'entity', dir: 'asc' })));
  line('listReports({}, progress desc)', await median(RUNS, () => listReports(db, {}, { key: 'progress', dir: 'desc' })));

  console.log('\ndetail');
  line('getReportDetail (evidence + 50 findings)', await median(RUNS, () => getReportDetail(db, reports[123 % REPORTS]!.url)));

  console.log('\nexport all (target < 2 s)');
  const [readMs, details] = await time(() => allReportDetails(db));
  line('read every detail (allReportDetails)', readMs, `${details.length} reports, ${details.reduce((n, d) => n + d.findings.length, 0)} findings`);
  const [csvMs, csv] = await time(() => toCsv(exportRows(details)));
  line('CSV (exportRows + toCsv)', csvMs, `${(csv.length / 1e6).toFixed(1)} M chars`);
  const [xlsxMs, xlsx] = await time(() => toXlsx(details));
  line('XLSX (toXlsx, spreadsheetml.ts)', xlsxMs, `${(xlsx.size / 1e6).toFixed(1)} MB, ${details.length + 1} sheets`);
  const [sheetsMs, sheets] = await time(() => xlsxSheets(details));
  const filled = (s: (typeof sheets)[number]) => s.data.reduce((m, r) => m + r.filter((c) => c !== null).length, 0);
  const cells = sheets.reduce((n, s) => n + filled(s), 0);
  const listCells = filled(sheets[0]!);
  line('  of which the sheets as data (xlsxSheets)', sheetsMs, `${(cells / 1e6).toFixed(2)} M cells, ${(listCells / 1e6).toFixed(2)} M in ${FINDINGS_SHEET}`);
  line('  of which writing (XML, zip; the sheets are built as rows go)', xlsxMs - sheetsMs);
  const [jsonMs, json] = await time(() => toJson(details, { exportedAt: new Date() }));
  line('JSON (toJson, validated)', jsonMs, `${(json.length / 1e6).toFixed(1)} M chars`);
  const verdict = (ms: number) => (ms < 2000 ? 'met' : 'NOT met');
  for (const [kind, ms] of [['CSV', csvMs], ['XLSX', xlsxMs], ['JSON', jsonMs]] as const) {
    line(`export everything as ${kind}: read + ${kind}`, readMs + ms, `target < 2 s: ${verdict(readMs + ms)}`);
  }

  console.log('\nimport');
  const target = openAuditDb('bench-import', { indexedDB: new IDBFactory(), IDBKeyRange });
  const [importMs, out] = await time(() => importJson(target, json, 'replace'));
  line('importJson(replace) into a fresh store', importMs, `${out.reports} reports, ${out.findings} findings, ${out.reviews} reviews`);
  target.close();
  db.close();
}

await main();
