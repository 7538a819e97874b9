/**
 * Batch audit benchmark (`npm run bench`; run through scripts/run-ts.mjs). Prints figures only;
 * it is not a test. The extension part needs the built extension (`npm run build`, or
 * REPORT_AUDIT_OUT=.output-xyz) and Debian's Chromium; nothing is downloaded.
 *
 * 200 report pages (the seed fixtures in their three markups, rotated) are served locally behind a
 * 年报 list page (tests/helpers/batch-site.ts), then audited as one batch:
 *
 * 1. CLI: runBatchCli (`report-audit --from-list URL --delay 0 --concurrency N --out FILE.json`) in
 *    this process, at concurrency 1, 3 and 6. Pages per second over the whole batch (list page,
 *    fetches, parsing, audits, the JSON export written), and the peak RSS and heap sampled every
 *    20 ms during the batch (the local server runs in the same process and is counted too).
 * 2. Extension: the same batch started in headless Chromium through the popup's message
 *    (batch-start, concurrency 3, no per-site delay): fetch + decode + DOMParser + audit in the
 *    offscreen document, results stored in IndexedDB by the service worker. Pages per second from
 *    the start message to the batch's `done`, and the peak of the summed RSS of Chromium's
 *    processes (/proc) during the batch, beside the same sum before it.
 *
 * Options: --quick (60 pages, concurrency 3 only).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBatchCli } from '../cli/batch';
import { CHROME_EXT, launchChromium, newProfile } from '../tests/e2e/browsers';
import { startBatchSite } from '../tests/helpers/batch-site';

/** The extension APIs used inside the extension's pages and service worker (evaluate). */
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number }[]> };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

const { values: opts } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' } } });
const QUICK = opts.quick === true;
const PAGES = QUICK ? 60 : 200;
const MB = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

function sampler(read: () => number, everyMs: number) {
  let peak = read();
  const t = setInterval(() => {
    peak = Math.max(peak, read());
  }, everyMs);
  return {
    stop: () => {
      clearInterval(t);
      return Math.max(peak, read());
    },
  };
}

async function cli(): Promise<void> {
  const site = await startBatchSite({ reports: PAGES });
  const dir = mkdtempSync(join(tmpdir(), 'batch-bench-'));
  console.log(`\nCLI batch: ${PAGES} report pages from one list page (runBatchCli, JSON export)`);
  console.log('concurrency  seconds  pages/s  peak RSS  peak heap');
  for (const c of QUICK ? [3] : [1, 3, 6]) {
    const rss = sampler(() => process.memoryUsage().rss, 20);
    const heap = sampler(() => process.memoryUsage().heapUsed, 20);
    const t0 = performance.now();
    const err: string[] = [];
    const code = await runBatchCli(['--from-list', site.listUrl('127.0.0.1'), '--delay', '0', '--concurrency', String(c), '--out', join(dir, `b${c}.json`)], {
      stdout: () => undefined,
      stderr: (s) => void err.push(s),
      fetch: globalThis.fetch as never,
    });
    const s = (performance.now() - t0) / 1000;
    const peakRss = rss.stop();
    const peakHeap = heap.stop();
    const written = JSON.parse(readFileSync(join(dir, `b${c}.json`), 'utf8')) as { reports: unknown[] };
    if (code !== 0 || written.reports.length !== PAGES) throw new Error(`CLI batch: exit ${code}, ${written.reports.length} reports\n${err.join('')}`);
    console.log(`${String(c).padStart(11)}  ${s.toFixed(1).padStart(7)}  ${(PAGES / s).toFixed(1).padStart(7)}  ${MB(peakRss).padStart(8)}  ${MB(peakHeap).padStart(9)}`);
  }
  rmSync(dir, { recursive: true, force: true });
  await site.close();
}

/** PIDs of this process's descendants. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [pid, pp] of parent) if (pp === p) {
      out.push(pid);
      walk(pid);
    }
  };
  walk(root);
  return out;
}

function chromiumRss(): number {
  let sum = 0;
  for (const pid of descendants(process.pid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*(chrom|headless)/m.test(status)) continue;
      sum += Number(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      /* gone */
    }
  }
  return sum;
}

async function extension(): Promise<void> {
  console.log(`\nExtension batch in Chromium (${CHROME_EXT}): ${PAGES} pages, concurrency 3, no per-site delay`);
  const site = await startBatchSite({ reports: PAGES });
  const host = 'www.batch-bench.gov.cn';
  const profile = newProfile();
  const { context, extensionId } = await launchChromium(profile);
  try {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const links = site.links.map((l) => ({ url: site.url(host, l.path), title: l.title, kind: 'page' as const }));
    // warm-up: one page (offscreen document created, engine loaded)
    const warm = await popup.evaluate(async (l) => chrome.runtime.sendMessage({ type: 'batch-start', label: 'warm-up', source: null, links: [l], delayMs: 0 }), links[0]!);
    const waitDone = async (id: string) => {
      for (;;) {
        const r = (await popup.evaluate(async (batch) => chrome.runtime.sendMessage({ type: 'batch-get', id: batch }), id)) as { batch: { status: string; items: { state: string }[] } };
        if (r.batch?.status === 'done') return r.batch;
        await popup.waitForTimeout(100);
      }
    };
    await waitDone((warm as { id: string }).id);
    await popup.waitForTimeout(1000);
    const before = chromiumRss();
    const mem = sampler(chromiumRss, 100);
    const t0 = performance.now();
    const started = (await popup.evaluate(async (ls) => chrome.runtime.sendMessage({ type: 'batch-start', label: 'bench', source: null, links: ls, concurrency: 3, delayMs: 0 }), links)) as { id: string };
    const batch = await waitDone(started.id);
    const s = (performance.now() - t0) / 1000;
    const peak = mem.stop();
    const done = batch.items.filter((i) => i.state === 'done').length;
    if (done !== PAGES) throw new Error(`extension batch: ${done} of ${PAGES} done`);
    console.log('seconds  pages/s  Chromium RSS before  peak during batch');
    console.log(`${s.toFixed(1).padStart(7)}  ${(PAGES / s).toFixed(1).padStart(7)}  ${MB(before).padStart(19)}  ${MB(peak).padStart(17)}`);
  } finally {
    await context.close();
    await site.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (!opts.only || 'cli'.includes(opts.only)) await cli();
if (!opts.only || 'extension'.includes(opts.only)) await extension();
