/**
 * Attachment benchmark (`npm run bench`, run through scripts/run-ts.mjs). Prints figures only; it is not a test.
 *
 * - A long PDF first (fresh process), then every PDF and DOCX of tests/fixtures/attachments/: time per report (read + audit, as `report-audit FILE` does),
 *   and for PDFs time per page, cold (first run in the process: pdf.js loaded) and warm (median of the runs).
 * - A 50-page PDF (seed 002 in Word markup, its body repeated, printed by Chromium — set-up, not timed): time per
 *   page and the process's peak resident memory and heap while it is read and audited (sampled every millisecond,
 *   above the figures before the run).
 *
 * Options: --quick (fewer runs, a 20-page PDF).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { runAttachment, sniffAttachment } from '../lib/attachments';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' } } });
const QUICK = opts.quick === true;
const RUNS = QUICK ? 3 : 9;
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIR = `${ROOT}tests/fixtures/attachments/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const median = (v: number[]) => v.slice().sort((a, b) => a - b)[v.length >> 1]!;
const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;

async function timeOne(bytes: Uint8Array, name: string): Promise<{ ms: number; pages: number }> {
  const kind = sniffAttachment(bytes, name)!;
  const t0 = performance.now();
  const run = await runAttachment(bytes, { source: name, kind });
  return { ms: performance.now() - t0, pages: run.result.attachment?.pages ?? 0 };
}

// ------------------------------------------------------------------ a long PDF

const PAGES = QUICK ? 20 : 50;
async function longPdf(pages: number): Promise<Uint8Array> {
  const html = readFileSync(`${ROOT}tests/fixtures/seeds/002.word.html`, 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)![1]!;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    let copies = Math.ceil(pages / 3);
    for (;;) {
      await page.setContent(html.replace(body, body.repeat(copies)), { waitUntil: 'load' });
      const pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
      const n = (new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      if (n >= pages || copies > pages) return pdf;
      copies += Math.max(1, Math.ceil(((pages - n) / n) * copies));
    }
  } finally {
    await browser.close();
  }
}

const big = await longPdf(PAGES);
global.gc?.();
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 1);
const t0 = performance.now();
const r = await timeOne(big, 'long.pdf');
const total = performance.now() - t0;
clearInterval(timer);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`\n${r.pages}-page PDF (${mb(big.length)}): ${ms(total)} per report, ${ms(total / r.pages)} per page`);
console.log(`peak memory while reading and auditing it: RSS +${mb(peakRss - before.rss)} (peak ${mb(peakRss)}), heap +${mb(peakHeap - before.heapUsed)}`);
console.log(`(fixtures folder: ${Math.round(readdirSync(DIR).reduce((n, f) => n + statSync(DIR + f).size, 0) / 1024)} KB)`);

// the fixtures after the long PDF, so that its memory figures start from a fresh process
console.log(`\nfixtures (${RUNS} runs each; per report = read + audit)`);
console.log('file                                kind  pages   cold/report  warm/report   warm/page');
for (const f of readdirSync(DIR).filter((n) => /\.(pdf|docx)$/.test(n) && n !== 'scanned.pdf').sort()) {
  const bytes = new Uint8Array(readFileSync(DIR + f));
  const cold = await timeOne(bytes, f);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await timeOne(bytes, f)).ms);
  const w = median(warm);
  const kind = f.endsWith('.pdf') ? 'pdf ' : 'docx';
  const perPage = cold.pages ? ms(w / cold.pages) : '         -';
  console.log(`${f.padEnd(36)}${kind}  ${String(cold.pages || '-').padStart(5)}  ${ms(cold.ms)}    ${ms(w)}   ${perPage}`);
}

