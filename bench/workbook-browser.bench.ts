/**
 * Workbook benchmark in a real browser (`npm run bench`, run through scripts/run-ts.mjs). Prints figures only; it
 * is not a test. Needs the built extension (`npm run build`, or `REPORT_AUDIT_OUT=.output-x npx wxt build` and the
 * same REPORT_AUDIT_OUT here) and Debian's Chromium; nothing is downloaded.
 *
 * A JSON export of 1,000 reports × 50 findings (every report with its format's full set of template cells as
 * evidence, a tenth of them with ten reviewed findings), made with lib/export/json `toJson`, is imported through the
 * workbook page's own import control into a fresh profile of headless Chromium. Then, on the workbook page:
 *
 * - open: the page's `report-auditor:workbook-open` measure (page start to the list laid out), over fresh loads;
 * - filter: `report-auditor:workbook-filter` (input to the filtered list laid out), text and year filters;
 * - sort: `report-auditor:workbook-sort` (click on a column head to the sorted list laid out);
 * - export of everything, each format: click to Chromium's download event (as Playwright sees it), the page's
 *   `report-auditor:workbook-export-<kind>` measure (click handler to the file handed to the download), the part of
 *   it spent reading the store when the page makes the file itself (`report-auditor:export-read`; normally the
 *   export worker reads it), and the longest time the page's main thread did not
 *   answer during the export (a 20 ms interval timer's largest gap): how long the page is frozen.
 *
 * Targets (issue 4): open and filter < 300 ms; export of everything < 2 s.
 *
 * Options: --quick (100 reports, one run of each), --reports N.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { toJson } from '../lib/export/json';
import type { ExportDetail, ExportFinding } from '../lib/export/types';
import { templateCellIds } from '../lib/template';
import type { Format } from '../lib/types';
import { ENTITIES, RULES } from './workbook-data';
import { CHROME_EXT, launchChromium, newProfile } from '../tests/e2e/browsers';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' }, reports: { type: 'string' } } });
const QUICK = opts.quick === true;
const REPORTS = opts.reports ? Number(opts.reports) : QUICK ? 100 : 1_000;
const FINDINGS_PER_REPORT = 50;
const LOADS = QUICK ? 2 : 5;
const EXPORT_RUNS = QUICK ? 1 : 3;
const tid = (id: string) => `[data-testid="${id}"]`;

// ------------------------------------------------------------------ the data (as bench/workbook.bench.ts)


function detail(i: number): ExportDetail {
  const format: Format = i % 3 === 0 ? '2019' : '2021';
  const year = 2019 + (i % 6);
  const entity = `${ENTITIES[i % ENTITIES.length]}${Math.floor(i / ENTITIES.length)}`;
  const url = `https://www.site${i % 97}.gov.cn/xxgk/zfxxgknb/${year}/t${20200000 + i}_${i}.htm`;
  const ids = templateCellIds(format);
  const cells: ExportDetail['report']['cells'] = {};
  ids.forEach((id, k) => {
    const v = (i * 7 + k * 13) % 50;
    cells[id] = k % 17 === 0 ? { raw: '', value: null } : { raw: String(v), value: v };
  });
  const auditedAt = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
  const findings: ExportFinding[] = [];
  for (let k = 0; k < FINDINGS_PER_REPORT; k++) {
    const [ruleId, severity] = RULES[k % RULES.length]!;
    const cell = ids[(k * 5 + i) % ids.length]!;
    const reviewed = i % 10 === 0 && k < 10;
    findings.push({
      ruleId,
      severity,
      cells: ruleId === 'DATE-SIGN' ? [] : [cell],
      ...(severity === 'error' ? { expected: k + 1, actual: k } : {}),
      message: `${entity} 第 ${k + 1} 处：${ruleId} 的说明文字，单元格 ${cell}`,
      status: 'current',
      review: reviewed ? (severity === 'error' ? 'confirmed' : 'dismissed') : 'open',
      reviewReason: reviewed && severity !== 'error' ? '误报' : null,
      reviewNote: reviewed && severity !== 'error' ? '基准测试' : null,
      reviewedAt: reviewed ? auditedAt : null,
    });
  }
  return {
    report: {
      url,
      title: `${entity}${year}年政府信息公开工作年度报告`,
      entity,
      year,
      format,
      auditedAt,
      cells,
      source: { tool: { name: 'report-auditor', version: '0.1.0' }, auditedAt },
    },
    findings,
  };
}

// ------------------------------------------------------------------ printing

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
function line(label: string, xs: number[], target: number | null, extra = ''): void {
  const m = median(xs);
  const verdict = target === null ? '' : m < target ? `  < ${target} ms: met` : `  < ${target} ms: NOT met`;
  const all = xs.length > 1 ? `  (${xs.map((x) => x.toFixed(0)).join(', ')})` : '';
  console.log(`  ${label.padEnd(40)}${ms(m).padStart(10)}${verdict}${all}${extra ? `  ${extra}` : ''}`);
}

// ------------------------------------------------------------------ the page

const entries = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(`report-auditor:${n}`).map((e) => e.duration), name);

async function lastMeasure(page: Page, name: string, before: number): Promise<number> {
  await page.waitForFunction(([n, b]) => performance.getEntriesByName(`report-auditor:${n}`).length > b, [name, before] as const, { timeout: 120_000 });
  return (await entries(page, name)).at(-1)!;
}

async function openWorkbook(page: Page, extensionId: string): Promise<number> {
  await page.goto(`chrome-extension://${extensionId}/workbook.html`);
  await page.waitForSelector(tid('workbook-row'), { timeout: 60_000 });
  return lastMeasure(page, 'workbook-open', 0);
}

/** Starts a 20 ms interval timer in the page that records its largest gap (the main thread not answering). */
const watchMainThread = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __gap: number; __last: number; __timer: number };
    w.__gap = 0;
    w.__last = performance.now();
    w.__timer = window.setInterval(() => {
      const now = performance.now();
      w.__gap = Math.max(w.__gap, now - w.__last);
      w.__last = now;
    }, 20);
  });
const stopWatching = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __gap: number; __last: number; __timer: number };
    clearInterval(w.__timer);
    return Math.max(w.__gap, performance.now() - w.__last);
  });

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'report-auditor-workbook-bench-'));
  const profile = newProfile();
  console.log(`workbook in Chromium: ${REPORTS} reports, ${REPORTS * FINDINGS_PER_REPORT} findings (${CHROME_EXT})`);
  const details = Array.from({ length: REPORTS }, (_, i) => detail(i));
  const path = join(out, 'reports.json');
  writeFileSync(path, toJson(details, { exportedAt: new Date() }));
  console.log(`  import file: ${(statSync(path).size / 1e6).toFixed(1)} MB JSON (lib/export/json toJson)\n`);

  const { context, extensionId } = await launchChromium(profile);
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/workbook.html`);
    await page.waitForSelector(tid('workbook-empty'), { timeout: 30_000 });
    await page.locator(tid('import-mode-merge')).check();
    const t0 = Date.now();
    await page.locator(tid('import-file')).setInputFiles(path);
    await page.waitForSelector(`${tid('workbook-status')}[data-state="done"], ${tid('workbook-status')}[data-state="error"]`, { timeout: 300_000 });
    const importMs = Date.now() - t0;
    const state = await page.locator(tid('workbook-status')).getAttribute('data-state');
    if (state !== 'done') throw new Error(`import failed: ${await page.locator(tid('workbook-status')).textContent()}`);
    console.log('import');
    line('import (file chosen to stored and listed)', [importMs], null);

    console.log('\nlist (target < 300 ms)');
    const opens: number[] = [];
    for (let i = 0; i <= LOADS; i++) {
      const open = await openWorkbook(page, extensionId);
      if (i > 0) opens.push(open); // the first load warms the cache
    }
    line('open (workbook-open)', opens, 300, `${await page.locator(tid('workbook-count')).textContent()}`);

    const filters: Record<string, number[]> = { text: [], narrow: [], clear: [], year: [], all: [] };
    for (let i = 0; i < LOADS; i++) {
      for (const [key, text] of [['text', '教育局'], ['narrow', '教育局1'], ['clear', '']] as const) {
        const n = (await entries(page, 'workbook-filter')).length;
        await page.locator(tid('workbook-filter')).fill(text);
        filters[key]!.push(await lastMeasure(page, 'workbook-filter', n));
      }
      for (const [key, year] of [['year', '2021'], ['all', 'all']] as const) {
        const n = (await entries(page, 'workbook-filter')).length;
        await page.locator(tid('workbook-year')).selectOption(year);
        filters[key]!.push(await lastMeasure(page, 'workbook-filter', n));
      }
    }
    line('filter: text "教育局"', filters.text!, 300);
    line('filter: text "教育局1"', filters.narrow!, 300);
    line('filter: text cleared', filters.clear!, 300);
    line('filter: year 2021', filters.year!, 300);
    line('filter: all years', filters.all!, 300);

    const sorts: Record<string, number[]> = {};
    for (let i = 0; i < LOADS; i++) {
      for (const key of ['entity', 'errors', 'progress', 'auditedAt']) {
        const n = (await entries(page, 'workbook-sort')).length;
        await page.locator(tid(`sort-${key}`)).click();
        (sorts[key] ??= []).push(await lastMeasure(page, 'workbook-sort', n));
      }
    }
    for (const [key, xs] of Object.entries(sorts)) line(`sort: ${key}`, xs, 300);

    console.log(`\nexport of everything (target < 2 s; ${REPORTS} reports, ${REPORTS * FINDINGS_PER_REPORT} findings)`);
    for (const kind of ['csv', 'json', 'xlsx'] as const) {
      const click: number[] = [];
      const inPage: number[] = [];
      const read: number[] = [];
      const frozen: number[] = [];
      let size = 0;
      let file = '';
      for (let i = 0; i < EXPORT_RUNS; i++) {
        await openWorkbook(page, extensionId); // a fresh page each time: no export code or store pages cached in it
        const n = (await entries(page, `workbook-export-${kind}`)).length;
        await watchMainThread(page);
        const t = Date.now();
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.locator(tid(`export-${kind}`)).click()]);
        click.push(Date.now() - t);
        inPage.push(await lastMeasure(page, `workbook-export-${kind}`, n));
        read.push((await entries(page, 'export-read')).at(-1) ?? NaN);
        frozen.push(await stopWatching(page));
        file = join(out, `${i}-${dl.suggestedFilename()}`);
        await dl.saveAs(file);
        size = statSync(file).size;
      }
      let check = '';
      if (kind === 'xlsx') {
        const sheets = await readXlsxFile(file);
        const first = sheets[0]!;
        check = `, read back: ${sheets.length} sheets, ${first.data.length - 1} rows in ${first.sheet}`;
      }
      console.log(`  ${kind.toUpperCase()}: ${(size / 1e6).toFixed(1)} MB${check}`);
      line(`  click → download`, click, 2000);
      line(`  in page (workbook-export-${kind})`, inPage, 2000);
      if (read.some((x) => !Number.isNaN(x))) line(`  of which reading the store`, read, null);
      else console.log('    (the store is read in the export worker)');
      line(`  longest main-thread block`, frozen, null);
    }
  } finally {
    await context.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

await main();
