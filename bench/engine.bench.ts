/**
 * Engine benchmark (`npm run bench`, run through scripts/run-ts.mjs). Prints figures only; it is not a test.
 *
 * For every HTML fixture page (tests/fixtures/seeds/*.html, tests/fixtures/real/*.html) and for synthetic
 * pages made by repeating a seed's report tables, on one happy-dom document:
 *
 * - parse: HTML → Document, reported apart (the extension gets the browser's DOM for free);
 * - audit: pageFromDocument + auditPage (what the content script and the CLI run);
 * - floor: reading every td/th's textContent once, the least any auditor of the tables must do;
 * - ratio: audit / floor.
 *
 * Each is measured twice:
 * - cold: the first audit of a freshly parsed document, as the CLI does it. happy-dom's selector engine
 *   walks the whole tree on the first query of each selector and caches the answer, so cold figures are
 *   dominated by how many document-wide queries a stage makes;
 * - warm: the median of repeated audits of the same document (query caches filled). Closer to a browser,
 *   whose native querySelector is cheap.
 *
 * Medians of several runs after warm-up. Then a linearity check (µs per cell at 5k … 40k cells) and a
 * stage breakdown of the large Word-markup page.
 *
 * Every document is parsed in its own happy-dom Window, closed afterwards: lib/node.ts's parseHtml()
 * shares one Window, which keeps every document it parsed alive (≈ 200 MB per 1 MB of Word markup), so
 * repeated parses of large pages would run out of memory. Same settings as lib/node.ts.
 *
 * Options: --quick (fewer runs and sizes, a smoke test), --only SUBSTRING (pages whose name contains it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Window } from 'happy-dom';
import { pageFromDocument } from '../lib/page';
import { auditPage, DEFAULT_SETTINGS, mappingFormat, runRules } from '../lib/audit';
import { detectPage } from '../lib/detect';
import { mapTables } from '../lib/mapping';
import { analyseDocument } from '../lib/sections';
import type { AuditContext } from '../lib/types';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
const QUICK = opts.quick === true;
const COLD_RUNS = QUICK ? 2 : 5;

// ------------------------------------------------------------------ documents and timing

const SETTINGS = {
  disableJavaScriptEvaluation: true,
  disableJavaScriptFileLoading: true,
  disableCSSFileLoading: true,
  disableComputedStyleRendering: true,
  navigation: { disableChildFrameNavigation: true, disableChildPageNavigation: true, disableMainFrameNavigation: true },
};

/** Parse html in a fresh Window, hand the document to fn, close the Window. */
async function withDocument<T>(html: string, fn: (doc: Document, parseMs: number) => T): Promise<T> {
  const window = new Window({ settings: SETTINGS });
  try {
    const t0 = performance.now();
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    return fn(doc, performance.now() - t0);
  } finally {
    await window.happyDOM.close();
  }
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median run time (ms) of fn after warm-up runs, running until the budget is spent. */
function warmMedian(fn: () => unknown, { warmup = QUICK ? 1 : 3, minRuns = QUICK ? 3 : 9, maxRuns = 200, budgetMs = QUICK ? 300 : 1500 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (times.length < maxRuns && performance.now() - start < budgetMs)) times.push(timed(fn));
  return median(times);
}

let sink = 0; // keeps results alive so that no work is optimised away

function floor(doc: Document): void {
  let n = 0;
  for (const el of Array.from(doc.querySelectorAll('td,th'))) n += (el.textContent ?? '').length;
  sink += n;
}

function audit(doc: Document, source: string): number {
  const r = auditPage(pageFromDocument(doc, { source, isFile: true })).result;
  sink += r.findings?.length ?? 0;
  return r.detected ? (r.findings?.length ?? 0) : -1;
}

interface Row {
  page: string;
  kb: number;
  cells: number;
  parse: number;
  auditCold: number;
  floorCold: number;
  auditWarm: number;
  floorWarm: number;
  findings: string;
}

async function measure(name: string, html: string): Promise<Row> {
  const parse: number[] = [];
  const auditCold: number[] = [];
  const floorCold: number[] = [];
  let auditWarm = 0;
  let floorWarm = 0;
  let cells = 0;
  let findings = '';
  for (let run = 0; run < COLD_RUNS; run++) {
    await withDocument(html, (doc, ms) => {
      parse.push(ms);
      let n = 0;
      auditCold.push(timed(() => (n = audit(doc, name))));
      if (run === 0) {
        findings = n < 0 ? 'not a report' : String(n);
        auditWarm = warmMedian(() => audit(doc, name));
      }
    });
    await withDocument(html, (doc) => {
      floorCold.push(timed(() => floor(doc)));
      if (run === 0) {
        cells = doc.querySelectorAll('td,th').length;
        floorWarm = warmMedian(() => floor(doc));
      }
    });
  }
  return {
    page: name,
    kb: Buffer.byteLength(html) / 1024,
    cells,
    parse: median(parse),
    auditCold: median(auditCold),
    floorCold: median(floorCold),
    auditWarm,
    floorWarm,
    findings,
  };
}

// ------------------------------------------------------------------ printing

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

function printRows(rows: Row[]): void {
  printTable(
    ['page', 'KB', 'cells', 'parse', 'audit cold', 'floor cold', 'ratio', 'audit warm', 'floor warm', 'ratio', 'findings'],
    rows.map((r) => [
      r.page,
      r.kb.toFixed(0),
      String(r.cells),
      fmtMs(r.parse),
      fmtMs(r.auditCold),
      fmtMs(r.floorCold),
      ratio(r.auditCold, r.floorCold),
      fmtMs(r.auditWarm),
      fmtMs(r.floorWarm),
      ratio(r.auditWarm, r.floorWarm),
      r.findings,
    ]),
  );
}

// ------------------------------------------------------------------ synthetic pages

interface Seed {
  file: string;
  html: string;
  tables: string[];
  cells: number;
}

function seed(file: string): Seed {
  const html = readFileSync(join(ROOT, 'tests/fixtures/seeds', file), 'utf8');
  const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
  if (tables.length === 0) throw new Error(`no table in ${file}`);
  const cells = tables.join('').match(/<t[dh][\s>]/gi)?.length ?? 0;
  return { file, html, tables, cells };
}

/** The seed page with all its tables repeated, after the last one, until it holds about `cells` td/th. */
function synthetic(s: Seed, cells: number): { html: string; tables: number } {
  const copies = Math.max(1, Math.round(cells / s.cells));
  const block = s.tables.join('\n<p>&nbsp;</p>\n');
  const extra = Array.from({ length: copies - 1 }, (_, i) => `<p>附表 ${i + 1}</p>\n${block}`).join('\n');
  const at = s.html.lastIndexOf('</table>') + '</table>'.length;
  return { html: `${s.html.slice(0, at)}\n${extra}${s.html.slice(at)}`, tables: copies * s.tables.length };
}

// ------------------------------------------------------------------ run

const t0 = performance.now();
console.log(`engine benchmark · node ${process.version} · happy-dom · ${QUICK ? 'quick' : `cold: median of ${COLD_RUNS} fresh documents; warm: median of ≥9 runs after 3 warm-up runs`}`);
console.log('audit = pageFromDocument + auditPage; floor = every td/th textContent read once; ratio = audit / floor; times in ms\n');

const only = (name: string) => !opts.only || name.includes(opts.only);
const fixtures: [string, string][] = [];
for (const dir of ['tests/fixtures/seeds', 'tests/fixtures/real']) {
  for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.html')).sort()) {
    if (only(f)) fixtures.push([f, readFileSync(join(ROOT, dir, f), 'utf8')]);
  }
}
if (fixtures.length) {
  const rows: Row[] = [];
  for (const [name, html] of fixtures) rows.push(await measure(name, html));
  console.log('## fixture pages');
  printRows(rows);
  const sum = (k: keyof Row) => rows.reduce((a, r) => a + (r[k] as number), 0);
  console.log(
    `all ${rows.length} pages: audit cold ${fmtMs(sum('auditCold'))} / floor ${fmtMs(sum('floorCold'))} = ${ratio(sum('auditCold'), sum('floorCold'))}; ` +
      `warm ${fmtMs(sum('auditWarm'))} / ${fmtMs(sum('floorWarm'))} = ${ratio(sum('auditWarm'), sum('floorWarm'))}\n`,
  );
}

const flat = seed('002.flat.html');
const word = seed('002.word.html');
const linear: Row[] = [];
for (const n of QUICK ? [5_000, 10_000] : [5_000, 10_000, 20_000, 40_000]) {
  const { html, tables } = synthetic(flat, n);
  const name = `flat ${n / 1000}k (${tables} tables)`;
  if (only(name) || only('synthetic')) linear.push(await measure(name, html));
}
let large: Row | null = null;
const largeCells = QUICK ? 5_000 : 20_000;
const largePage = synthetic(word, largeCells);
const largeName = `word ${largeCells / 1000}k (${largePage.tables} tables)`;
if (only(largeName) || only('synthetic')) large = await measure(largeName, largePage.html);

if (linear.length || large) {
  console.log(`## synthetic pages: the tables of seed 002 repeated (flat: TRS markup, ${flat.tables.length} tables, ${flat.cells} td/th per copy; word: Word markup, ${word.tables.length} tables, ${word.cells} td/th per copy)`);
  printRows([...linear, ...(large ? [large] : [])]);
}
if (linear.length > 1) {
  const base = linear[0]!;
  const per = (r: Row, k: 'auditCold' | 'auditWarm') => (r[k] * 1000) / r.cells;
  console.log('\nlinearity, flat pages (µs per cell; ×1.00 = linear in the number of cells):');
  printTable(
    ['cells', 'cold µs/cell', 'vs first', 'warm µs/cell', 'vs first'],
    linear.map((r) => [
      String(r.cells),
      per(r, 'auditCold').toFixed(1),
      `×${(per(r, 'auditCold') / per(base, 'auditCold')).toFixed(2)}`,
      per(r, 'auditWarm').toFixed(1),
      `×${(per(r, 'auditWarm') / per(base, 'auditWarm')).toFixed(2)}`,
    ]),
  );
}

if (large) {
  // Stage breakdown on the large Word page: the page model is the only stage that reads the DOM.
  await withDocument(largePage.html, (doc) => {
    const pageCold = timed(() => pageFromDocument(doc, { source: 'synthetic.html', isFile: true }));
    const pageWarm = warmMedian(() => pageFromDocument(doc, { source: 'synthetic.html', isFile: true }));
    const page = pageFromDocument(doc, { source: 'synthetic.html', isFile: true });
    const detection = detectPage(page);
    const fmt = mappingFormat(detection) ?? '2019';
    const mapping = mapTables(page, fmt);
    const analysis = analyseDocument(page, detection);
    const ctx: AuditContext = {
      page,
      detection,
      format: detection.format,
      year: detection.year,
      cells: mapping.cells,
      tables: mapping.tables,
      sections: analysis.sections,
      narrative: analysis.narrative,
      pubDate: analysis.pubDate,
      signature: analysis.signature,
      settings: DEFAULT_SETTINGS,
    };
    const stage = (fn: () => unknown) => fmtMs(warmMedian(() => void (sink += Number(Boolean(fn()))), { minRuns: 5, budgetMs: 800 }));
    console.log(`\nstages on ${large.page}, ${large.cells} cells (ms; later stages read the page model, not the DOM):`);
    printTable(
      ['stage', 'cold', 'warm'],
      [
        ['page model (pageFromDocument)', fmtMs(pageCold), fmtMs(pageWarm)],
        ['detection (detectPage)', '', stage(() => detectPage(page))],
        ['mapping (mapTables)', '', stage(() => mapTables(page, fmt))],
        ['document (analyseDocument)', '', stage(() => analyseDocument(page, detection))],
        ['rules (runRules)', '', stage(() => runRules(ctx))],
        ['floor (td/th textContent)', fmtMs(large.floorCold), fmtMs(large.floorWarm)],
      ],
    );
  });
}

console.log(`\n(done in ${((performance.now() - t0) / 1000).toFixed(0)} s; checksum ${sink % 997})`);
