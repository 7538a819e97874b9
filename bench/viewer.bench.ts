/**
 * The attachment viewer in the built extension (headless Chromium; `npm run bench`, after `npm run build`). Prints
 * figures only; it is not a test. For each PDF and DOCX of tests/fixtures/attachments/ served under a gov.cn name:
 * time from opening viewer.html?src=… to the file fetched (`report-auditor:viewer-fetched`) and to the audit shown
 * (`…-audited`: read, audited, pages laid out), median of the runs; then the gzip size of the content scripts and
 * of the viewer's bundles (pdf.js must stay out of the content scripts).
 *
 * Options: --quick (fewer runs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { launchChromium, newProfile, CHROME_EXT } from '../tests/e2e/browsers';
import { startServer } from '../tests/e2e/server';

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' } } });
const RUNS = opts.quick ? 2 : 5;
const DIR = fileURLToPath(new URL('../tests/fixtures/attachments/', import.meta.url));
const median = (v: number[]) => v.slice().sort((a, b) => a - b)[v.length >> 1]!;

const server = await startServer();
const { context, extensionId } = await launchChromium(newProfile());
try {
  console.log(`viewer: median of ${RUNS} runs, ms from opening the viewer`);
  console.log('file                              pages   fetched   audited');
  for (const file of readdirSync(DIR).filter((f) => /\.(pdf|docx)$/.test(f) && f !== 'scanned.pdf')) {
    const src = server.url('www.example.gov.cn', `/fixtures/attachments/${file}`);
    const fetched: number[] = [];
    const audited: number[] = [];
    let pages = '';
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/viewer.html?src=${encodeURIComponent(src)}`);
      await page.waitForSelector('[data-testid="viewer-status"][data-state="done"], [data-testid="viewer-problem"]', { timeout: 60_000 });
      const m = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('measure').map((e) => [e.name, e.duration])));
      fetched.push(m['report-auditor:viewer-fetched'] ?? NaN);
      audited.push(m['report-auditor:viewer-audited'] ?? NaN);
      pages = String(await page.locator('[data-testid="pdf-page"]').count() || '');
      await page.close();
    }
    console.log(`${file.padEnd(34)}${pages.padStart(5)}${median(fetched).toFixed(0).padStart(10)}${median(audited).toFixed(0).padStart(10)}`);
  }
  console.log('\nbundle sizes (gzip -9)');
  const gz = (f: string) => gzipSync(readFileSync(join(CHROME_EXT, f)), { level: 9 }).length;
  const files = ['content-scripts/detect.js', 'content-scripts/attachment-links.js', 'auditor.js'];
  for (const dir of ['chunks', 'assets']) for (const f of readdirSync(join(CHROME_EXT, dir))) if (/^(viewer|pdf\.worker|lib)-.*\.js$/.test(f)) files.push(`${dir}/${f}`);
  for (const f of files) {
    const text = readFileSync(join(CHROME_EXT, f), 'utf8');
    const pdfjs = /GlobalWorkerOptions|WorkerMessageHandler/.test(text) ? '  (pdf.js)' : '';
    console.log(`${f.padEnd(44)}${(gz(f) / 1024).toFixed(1).padStart(8)} KB${pdfjs}`);
  }
} finally {
  await context.close();
  await server.close();
}
