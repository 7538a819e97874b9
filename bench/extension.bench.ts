/**
 * Extension benchmark (`npm run bench`, after the engine benchmark; run through scripts/run-ts.mjs).
 * Prints figures only; it is not a test. Needs the built extension (`npm run build`) and Debian's
 * Chromium (scripts/install-browsers.sh); nothing is downloaded.
 *
 * The built extension (.output/chrome-mv3) in headless Chromium (tests/e2e/browsers.ts), pages served
 * from memory by a small server of its own under www.example.gov.cn (mapped to 127.0.0.1), so the
 * detector content script runs as on a real government site:
 *
 * 1. detection: a large generated non-report government page (news lists, paragraphs, big statistics
 *    tables, one of them about 政务公开 so that the detector's signature scan runs over it). The
 *    detector's `report-auditor:detect` measure (it shares the page's performance timeline, so the
 *    main world reads it) beside the floor: every td/th's textContent read once, in the main world of
 *    the same page. And no auditor may be injected.
 * 2. audit: every fixture page (tests/fixtures/seeds/*.html, tests/fixtures/real/*.html) and a large
 *    synthetic report (the tables of seed 002.word repeated, as the engine benchmark does): the
 *    injected auditor's `report-auditor:audit` measure (engine + highlights + panel) beside the same
 *    floor; `inject` is the time from the end of detection to the start of the audit (message to the
 *    background, executeScript, loading auditor.js).
 * 3. size: raw and gzip -9 bytes of the two scripts that run in pages, for Chromium and Firefox.
 *
 * Each figure is the median over several fresh loads (a new tab each time), after one warm-up load.
 * Chromium coarsens performance.now() to 0.1 ms in pages that are not cross-origin isolated.
 *
 * Options: --quick (fewer loads, a smoke test), --only SUBSTRING (pages whose name contains it).
 */
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { CHROME_EXT, CHROMIUM, FIREFOX_EXT, launchChromium, newProfile } from '../tests/e2e/browsers';

const ROOT = new URL('../', import.meta.url).pathname;
const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
const QUICK = opts.quick === true;
const DETECT_LOADS = QUICK ? 3 : 10;
const AUDIT_LOADS = QUICK ? 2 : 5;
const HOST = 'www.example.gov.cn';
const PANEL_HOST = 'report-audit-panel-host';
const only = (name: string) => !opts.only || name.includes(opts.only);

// ------------------------------------------------------------------ printing

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

// ------------------------------------------------------------------ pages

/** A large government page that is not a report: news lists, paragraphs and statistics tables. */
function nonReportPage(): string {
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const words = ['全市', '深入推进', '优化营商环境', '高质量发展', '乡村振兴', '专题会议', '安全生产', '民生实事', '招商引资', '生态环境保护', '城市更新', '重点项目', '督查调研', '防汛工作', '数字政府', '政务服务'];
  const phrase = (n: number) => Array.from({ length: n }, () => pick(words)).join('');
  const date = () => `2024-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  const out: string[] = [];
  out.push('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>政务要闻_某某市人民政府</title>');
  out.push('<meta name="SiteName" content="某某市人民政府"><meta name="ColumnName" content="政务要闻">');
  out.push('<style>.list li{line-height:28px}.tb td{border:1px solid #ccc}</style></head><body>');
  out.push('<div class="header"><h2 class="site">某某市人民政府</h2><ul class="nav">');
  for (const n of ['首页', '政务公开', '政务服务', '互动交流', '走进某某', '专题专栏']) out.push(`<li><a href="/${n}/">${n}</a></li>`);
  out.push('</ul></div><div class="main"><h1 class="title">政务要闻</h1>');
  // ~3,000 links in 30 lists of 100, with a paragraph or two after each list
  for (let l = 0; l < 30; l++) {
    out.push(`<div class="column"><h3>${phrase(2)}</h3><ul class="list">`);
    for (let i = 0; i < 100; i++) {
      const id = `${l}${String(i).padStart(4, '0')}`;
      out.push(`<li><a href="/zwgk/zwyw/202406/t20240618_${id}.html" target="_blank" title="${phrase(4)}">${phrase(4)}</a><span class="date">${date()}</span></li>`);
    }
    out.push('</ul></div>');
    const paras = l < 20 ? 2 : 1;
    for (let p = 0; p < paras; p++) out.push(`<p style="text-indent:2em;font-size:16px;line-height:1.8">${phrase(40)}。${phrase(30)}，${phrase(30)}。</p>`);
  }
  // ~20,000 cells: four statistics tables of 1,000 × 5, one of them a 政务公开 ledger (contains 公开)
  const td = (s: string) => `<td style="border:1px solid #ccc;padding:2px 4px;text-align:center;font-size:14px">${s}</td>`;
  const tables: [string, string[], (r: number) => string[]][] = [
    ['2024年1-6月全市规模以上工业企业主要经济指标', ['企业名称', '工业总产值（万元）', '同比增长（%）', '营业收入（万元）', '利润总额（万元）'], (r) => [`某某${phrase(1)}有限公司${r}`, (rnd() * 1e5).toFixed(1), (rnd() * 30 - 10).toFixed(1), (rnd() * 1e5).toFixed(1), (rnd() * 1e4).toFixed(1)]],
    ['2024年重点建设项目进度表', ['项目名称', '建设单位', '总投资（亿元）', '年度计划（亿元）', '完成率'], (r) => [`${phrase(2)}项目${r}`, `某某市${phrase(1)}局`, (rnd() * 50).toFixed(2), (rnd() * 10).toFixed(2), `${(rnd() * 100).toFixed(0)}%`]],
    ['2024年政务公开工作任务分解台账', ['序号', '工作任务', '责任单位', '公开方式', '完成时限'], (r) => [String(r + 1), `主动公开${phrase(2)}信息`, `某某市${phrase(1)}局`, pick(['政府网站', '政务新媒体', '公开栏', '新闻发布会']), `2024年${1 + (r % 12)}月底前`]],
    ['2024年上半年各乡镇（街道）主要指标', ['乡镇（街道）', '常住人口（人）', '地区生产总值（万元）', '一般公共预算收入（万元）', '固定资产投资增速（%）'], (r) => [`某某镇${r}`, String(Math.floor(rnd() * 1e5)), (rnd() * 1e6).toFixed(0), (rnd() * 1e5).toFixed(0), (rnd() * 20 - 5).toFixed(1)]],
  ];
  for (const [caption, head, row] of tables) {
    out.push(`<p style="text-align:center"><strong>${caption}</strong></p><table class="tb" border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>`);
    out.push(`<tr>${head.map((h) => `<th style="border:1px solid #ccc;padding:2px 4px;background:#f2f2f2">${h}</th>`).join('')}</tr>`);
    for (let r = 0; r < 1000; r++) out.push(`<tr>${row(r).map(td).join('')}</tr>`);
    out.push('</tbody></table>');
  }
  out.push('</div><div class="footer"><p>主办：某某市人民政府办公室　网站标识码：0000000000</p></div></body></html>');
  return out.join('\n');
}

/** The seed page with all its tables repeated, after the last one, until it holds about `cells` td/th (as bench/engine.bench.ts). */
function synthetic(file: string, cells: number): { html: string; tables: number } {
  const html = readFileSync(join(ROOT, 'tests/fixtures/seeds', file), 'utf8');
  const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
  if (tables.length === 0) throw new Error(`no table in ${file}`);
  const perCopy = tables.join('').match(/<t[dh][\s>]/gi)?.length ?? 1;
  const copies = Math.max(1, Math.round(cells / perCopy));
  const block = tables.join('\n<p>&nbsp;</p>\n');
  const extra = Array.from({ length: copies - 1 }, (_, i) => `<p>附表 ${i + 1}</p>\n${block}`).join('\n');
  const at = html.lastIndexOf('</table>') + '</table>'.length;
  return { html: `${html.slice(0, at)}\n${extra}${html.slice(at)}`, tables: copies * tables.length };
}

// ------------------------------------------------------------------ sizes

function sizes(): string[][] {
  const rows: string[][] = [];
  for (const [browser, dir] of [['chromium', CHROME_EXT], ['firefox', FIREFOX_EXT]] as const) {
    for (const file of ['content-scripts/detect.js', 'auditor.js']) {
      const path = join(dir, file);
      if (!existsSync(path)) {
        rows.push([browser, file, 'missing', '', '']);
        continue;
      }
      const buf = readFileSync(path);
      const gz = gzipSync(buf, { level: 9 }).length;
      rows.push([browser, file, kb(buf.length), kb(gz), `${((gz / buf.length) * 100).toFixed(0)}%`]);
    }
  }
  return rows;
}

// ------------------------------------------------------------------ browser

interface Load {
  /** report-auditor:detect / :audit duration, ms (null: not recorded). */
  detect: number | null;
  audit: number | null;
  /** end of detection → start of the audit, ms. */
  inject: number | null;
  floor: number;
  cells: number;
  /** characters read by the floor (keeps its work observable). */
  chars: number;
  marked: number;
  panel: boolean;
}

/** Open url in a new tab, wait for the extension's measure `wait`, read the figures, close the tab. */
async function load(context: BrowserContext, url: string, wait: 'detect' | 'audit', settleMs = 0): Promise<Load> {
  const page = await context.newPage();
  try {
    await page.goto(url, { timeout: 60_000 });
    const name = `report-auditor:${wait}`;
    const seen = await page
      .waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout: wait === 'audit' ? 30_000 : 15_000, polling: 20 })
      .then(() => true)
      .catch(() => false);
    if (settleMs) await page.waitForTimeout(settleMs);
    const m = await page.evaluate(() => {
      const get = (n: string) => performance.getEntriesByName(n)[0] ?? null;
      const d = get('report-auditor:detect');
      const a = get('report-auditor:audit');
      // the floor: every td/th's textContent read once
      const t0 = performance.now();
      const els = document.querySelectorAll('td,th');
      let chars = 0;
      for (let i = 0; i < els.length; i++) chars += (els[i]!.textContent ?? '').length;
      const floor = performance.now() - t0;
      return {
        detect: d ? d.duration : null,
        audit: a ? a.duration : null,
        inject: d && a ? a.startTime - (d.startTime + d.duration) : null,
        floor,
        cells: els.length,
        chars,
        marked: document.querySelectorAll('[data-report-audit]').length,
        panel: !!document.getElementById('report-audit-panel-host'),
      };
    });
    if (!seen && wait === 'audit') m.audit = null;
    return m;
  } finally {
    await page.close();
  }
}

// ------------------------------------------------------------------ run

const t0 = performance.now();
if (!existsSync(join(CHROME_EXT, 'manifest.json'))) {
  console.error(`\nextension benchmark: ${CHROME_EXT} is missing: run \`npm run build\` first`);
  process.exit(1);
}
const built = new Date(Math.max(...['manifest.json', 'auditor.js', 'content-scripts/detect.js'].map((f) => join(CHROME_EXT, f)).filter(existsSync).map((p) => statSync(p).mtimeMs)));

console.log(`\nextension benchmark · ${QUICK ? 'quick · ' : ''}built extension of ${built.toISOString().slice(0, 16).replace('T', ' ')}`);

if (!existsSync(CHROMIUM)) {
  console.log(`\n${CHROMIUM} is missing: install it with scripts/install-browsers.sh; only the sizes are printed\n`);
  console.log('## content-script bundles (gzip -9)');
  printTable(['browser', 'file', 'raw', 'gzip', 'gz/raw'], sizes());
  process.exit(0);
}

// the pages, served from memory
const pages = new Map<string, Buffer>();
const big = nonReportPage();
pages.set('/bench/news-list.html', Buffer.from(big));
const fixtures: [string, string][] = [];
for (const dir of ['tests/fixtures/seeds', 'tests/fixtures/real']) {
  for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.html')).sort()) {
    if (!only(f)) continue;
    const path = `/${dir}/${f}`;
    pages.set(path, readFileSync(join(ROOT, dir, f)));
    fixtures.push([f, path]);
  }
}
const largeCells = QUICK ? 5_000 : 20_000;
const large = synthetic('002.word.html', largeCells);
const largeName = `synthetic word ${largeCells / 1000}k (${large.tables} tables)`;
if (only(largeName) || only('synthetic')) {
  pages.set('/bench/synthetic.html', Buffer.from(large.html));
  fixtures.push([largeName, '/bench/synthetic.html']);
}

const server = createServer((req, res) => {
  const body = pages.get(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (!body) res.writeHead(404).end('not found');
  else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const url = (path: string) => `http://${HOST}:${port}${path}`;

const profile = newProfile();
const { context } = await launchChromium(profile);
try {
  const probe = await context.newPage();
  const ua = await probe.evaluate(() => navigator.userAgent);
  await probe.close();
  console.log(`${ua.match(/(?:Headless)?Chrom(?:e|ium)\/[\d.]+/)?.[0] ?? ua} · headless · medians of fresh loads after one warm-up load · times in ms`);
  console.log('floor = every td/th textContent read once (main world, same page); ratio = extension / floor\n');

  // 1. detection on a large non-report page
  if (only('news-list') || only('detect')) {
    await load(context, url('/bench/news-list.html'), 'detect');
    const loads: Load[] = [];
    for (let i = 0; i < DETECT_LOADS; i++) loads.push(await load(context, url('/bench/news-list.html'), 'detect', i === DETECT_LOADS - 1 ? 1500 : 0));
    const det = loads.map((l) => l.detect).filter((x): x is number => x !== null);
    const injected = loads.filter((l) => l.panel || l.audit !== null).length;
    console.log('## 1. detection (content-scripts/detect.js) on a large non-report page');
    printTable(
      ['page', 'KB', 'links', 'cells', 'loads', 'detect', 'min–max', 'floor', 'ratio', 'auditor injected'],
      [
        [
          'news-list (generated)',
          (Buffer.byteLength(big) / 1024).toFixed(0),
          String(big.match(/<a /g)?.length ?? 0),
          String(loads[0]!.cells),
          `${det.length}/${loads.length}`,
          det.length ? fmtMs(median(det)) : '–',
          det.length ? `${fmtMs(Math.min(...det))}–${fmtMs(Math.max(...det))}` : '–',
          fmtMs(median(loads.map((l) => l.floor))),
          det.length ? ratio(median(det), median(loads.map((l) => l.floor))) : '–',
          injected ? `YES (${injected} loads)` : 'no',
        ],
      ],
    );
    console.log('');
  }

  // 2. the full in-page audit
  if (fixtures.length) {
    await load(context, url(fixtures[0]![1]), 'audit');
    const rows: string[][] = [];
    let sumAudit = 0;
    let sumFloor = 0;
    for (const [name, path] of fixtures) {
      const loads: Load[] = [];
      for (let i = 0; i < AUDIT_LOADS; i++) {
        const l = await load(context, url(path), 'audit');
        loads.push(l);
        if (l.audit === null) break; // not audited: no use waiting again
      }
      const audits = loads.map((l) => l.audit).filter((x): x is number => x !== null);
      const floor = median(loads.map((l) => l.floor));
      const injects = loads.map((l) => l.inject).filter((x): x is number => x !== null);
      const a = audits.length ? median(audits) : null;
      if (a !== null) {
        sumAudit += a;
        sumFloor += floor;
      }
      rows.push([
        name,
        (pages.get(path)!.length / 1024).toFixed(0),
        String(loads[0]!.cells),
        String(loads[0]!.marked),
        a === null ? 'no audit' : fmtMs(a),
        audits.length ? `${fmtMs(Math.min(...audits))}–${fmtMs(Math.max(...audits))}` : '–',
        fmtMs(floor),
        a === null ? '–' : ratio(a, floor),
        injects.length ? fmtMs(median(injects)) : '–',
        loads.map((l) => l.detect).some((d) => d !== null) ? fmtMs(median(loads.map((l) => l.detect).filter((x): x is number => x !== null))) : '–',
      ]);
    }
    console.log(`## 2. full in-page audit (auditor.js: engine + highlights + panel), median of ${AUDIT_LOADS} loads`);
    printTable(['page', 'KB', 'cells', 'marked', 'audit', 'min–max', 'floor', 'ratio', 'inject', 'detect'], rows);
    console.log(`all audited pages: audit ${fmtMs(sumAudit)} / floor ${fmtMs(sumFloor)} = ${ratio(sumAudit, sumFloor)}\n`);
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}

// 3. sizes
console.log('## 3. content-script bundles (raw, gzip -9)');
printTable(['browser', 'file', 'raw', 'gzip', 'gz/raw'], sizes());
console.log(`\n(done in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
