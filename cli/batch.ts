/**
 * Batch audit on the command line:
 *
 *   report-audit --from-list URL [--pages N] [--concurrency N] [--delay MS] [--out FILE.{csv,xlsx,json}]
 *   report-audit --urls FILE     [--concurrency N] [--delay MS] [--out FILE.{csv,xlsx,json}]
 *
 * `--from-list` reads a list page (a site's 年报 column, a search result), takes its report links
 * (lib/links.ts) and, with `--pages N`, follows its next-page links up to N pages (at most
 * MAX_PAGES). `--urls` reads one URL per line (# comments). The batch runs with lib/batch.ts
 * (bounded concurrency, polite per-site delay); `--out` writes the extension's export
 * (lib/export: the same CSV, XLSX or JSON file). Progress goes to standard error, the per-page
 * table to standard output.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { BatchItemError, FAILURE_ZH, fetchPage, type FetchLike } from '../lib/batch-fetch';
import {
  abortableSleep,
  batchId,
  batchProgress,
  BatchRunner,
  DEFAULT_CONCURRENCY,
  DEFAULT_DELAY_MS,
  MAX_CONCURRENCY,
  newBatch,
  type AuditedPage,
  type BatchRecord,
} from '../lib/batch';
import { exportRows } from '../lib/export/rows';
import { toCsv } from '../lib/export/csv';
import { toJson } from '../lib/export/json';
import type { ExportDetail } from '../lib/export/types';
import { ATTACHMENT_RE, linksFromDocument, type ReportLink } from '../lib/links';
import { followListPages, MAX_LIST_PAGES, type ListPage, type ListPagesResult } from '../lib/list-pages';
import { InputError, openHtml, runHtml, runText } from '../lib/node';
import type { AuditResultJson } from '../lib/schema';
import { TOOL } from '../lib/version';
import { narrativeText } from '../lib/crossyear';
import type { AuditResult } from '../lib/types';
import { CrossYearCollector } from './crossyear';

/** At most this many list pages are read (`--pages`; the same cap as the extension's, lib/list-pages.ts). */
export const MAX_PAGES = MAX_LIST_PAGES;
export const BATCH_TIMEOUT_MS = 20_000;
const HEADERS = { 'user-agent': `report-auditor/${TOOL.version} (batch)`, accept: 'text/html,text/plain;q=0.9,*/*;q=0.5' };

export const BATCH_USAGE = `Batch audit:
  npx report-audit --from-list URL [--pages N] [--concurrency N] [--delay MS] [--out FILE]
  npx report-audit --urls FILE [--concurrency N] [--delay MS] [--out FILE]

  --from-list URL     audit every annual report linked from a list page (a site's 年报 column,
                      a search result); links to .pdf/.doc/.ofd files are listed as attachment only
  --pages N           also follow the list's next-page links (下一页, createPageHTML pagers), up to
                      N pages in all (default 1, at most ${MAX_PAGES})
  --urls FILE         audit the URLs in FILE, one per line (# starts a comment)
  --concurrency N     pages audited at once (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})
  --delay MS          at least MS milliseconds between two requests to one site (default ${DEFAULT_DELAY_MS})
  --timeout SECONDS   give up on a page after SECONDS (default ${BATCH_TIMEOUT_MS / 1000})
  --out FILE          write the results as the extension exports them: .csv, .xlsx or .json
  --json              print the JSON export file to standard output instead of the table
`;

export interface BatchIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  fetch: FetchLike;
  /** Fixed clock (tests). */
  now?: () => Date;
  /** Resolves when the user interrupts: the batch is cancelled and what is done is written. */
  interrupted?: Promise<void>;
  /** Ctrl-C (SIGINT) cancels the batch while it runs (the real command line). */
  handleSigint?: boolean;
}

/** The contract result as the export's plain data (what the store would hold for it). */
export function resultToDetail(r: AuditResultJson, storedAt: string): ExportDetail {
  return {
    report: {
      url: r.source,
      title: r.report?.title ?? null,
      entity: r.report?.entity ?? null,
      year: r.report?.year ?? null,
      format: r.report?.format ?? null,
      auditedAt: storedAt,
      cells: r.cells ?? {},
      source: { tool: { name: r.tool.name, version: r.tool.version }, auditedAt: r.auditedAt },
    },
    findings: (r.findings ?? []).map((f) => ({ ...f, cells: [...f.cells] })),
  };
}

/** Fetch and audit one page in Node (happy-dom), classifying every failure for the batch. */
export function nodeAuditor(opts: { fetch: FetchLike; timeoutMs: number; now?: () => Date }) {
  return async (url: string, signal: AbortSignal): Promise<AuditedPage> => {
    const page = await fetchPage(url, { fetch: opts.fetch, signal, timeoutMs: opts.timeoutMs, headers: HEADERS });
    const audit = { source: page.url, url: page.url, ...(opts.now ? { now: opts.now() } : {}) };
    try {
      const run = page.kind === 'text' ? runText(page.text, audit) : runHtml(page.text, audit);
      const narrative = run.result.detected && run.context ? narrativeText(run.context.narrative) : null;
      return { result: run.result, narrative, ...(run.result.detected ? {} : { reason: run.detection.reason ?? undefined }) };
    } catch (e) {
      if (e instanceof InputError) throw new BatchItemError('decode', e.message);
      throw e;
    }
  };
}

/** A list page read in Node: fetched (charset-decoded), parsed with happy-dom, its report links and next page. */
export function nodeListReader(opts: { fetch: FetchLike; timeoutMs: number }): (url: string, signal?: AbortSignal) => Promise<ListPage> {
  return async (url, signal) => {
    const page = await fetchPage(url, { fetch: opts.fetch, signal, timeoutMs: opts.timeoutMs, headers: HEADERS });
    const parsed = openHtml(page.text);
    try {
      const found = linksFromDocument(parsed.document, page.url);
      return { url: page.url, title: parsed.document.title || '', reports: found.reports, nextPage: found.nextPage };
    } finally {
      await parsed.close();
    }
  };
}

/**
 * The report links of a list page and, up to `pages` pages, of the pages after it
 * (lib/list-pages.ts, shared with the extension). Throws when the first page cannot be read; a
 * later page that cannot be read is logged and returned as `failure`, the links found so far kept.
 */
export async function collectListLinks(
  listUrl: string,
  pages: number,
  opts: { fetch: FetchLike; timeoutMs: number; delayMs: number; log?: (s: string) => void },
): Promise<{ links: ReportLink[]; label: string; pagesRead: string[]; failure?: ListPagesResult['failure'] }> {
  const read = nodeListReader(opts);
  let pagesSeen = 0;
  const walk = await followListPages(listUrl, {
    maxPages: pages,
    maxLinks: Number.POSITIVE_INFINITY,
    delayMs: opts.delayMs,
    read: async (url, signal) => {
      const page = await read(url, signal);
      opts.log?.(`report-audit: list page ${++pagesSeen}: ${page.reports.length} report links (${url})\n`);
      return page;
    },
  });
  if (walk.stop === 'failed' && walk.pagesRead.length === 0) throw new Error(walk.failure?.message ?? 'cannot read the list page');
  if (walk.failure) opts.log?.(`report-audit: list page ${walk.failure.page} (${walk.failure.url}): cannot read it: ${walk.failure.message}; keeping the links of the ${walk.pagesRead.length} pages read\n`);
  if (walk.stop === 'loop') opts.log?.(`report-audit: the list's next-page link leads back to a page already read: stopped after ${walk.pagesRead.length} pages\n`);
  return { links: walk.links, label: walk.label, pagesRead: walk.pagesRead, ...(walk.failure ? { failure: walk.failure } : {}) };
}

/** URLs from a file: one per line, blank lines and # comments skipped. */
export function parseUrlList(text: string): { urls: string[]; bad: string[] } {
  const urls: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    try {
      const u = new URL(line);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      urls.push(u.href);
    } catch {
      bad.push(line);
    }
  }
  return { urls, bad };
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0)));
}

/** The per-item table (standard output). */
export function formatBatch(b: BatchRecord): string {
  const p = batchProgress(b);
  const lines = [`批次 ${b.label}`, `  ${pad('状态', 10)}${pad('错误', 6)}${pad('警告', 6)}${pad('提示', 6)}页面`];
  for (const it of b.items) {
    if (it.state === 'done') {
      const c = it.counts ?? { error: 0, warning: 0, info: 0 };
      lines.push(`  ${pad('完成', 10)}${pad(String(c.error), 6)}${pad(String(c.warning), 6)}${pad(String(c.info), 6)}${it.reportUrl ?? it.url}`);
    } else if (it.state === 'failed') {
      const f = it.failure!;
      const why = `${FAILURE_ZH[f.code as keyof typeof FAILURE_ZH] ?? f.code}：${f.message}`.replace(/[\u0000-\u001f\u007f]/g, ' ');
      lines.push(`  ${pad('失败', 10)}${pad('', 18)}${it.url}  ${why}`);
    } else {
      lines.push(`  ${pad('未完成', 10)}${pad('', 18)}${it.url}`);
    }
  }
  const reasons = Object.entries(p.reasons)
    .map(([code, n]) => `${FAILURE_ZH[code as keyof typeof FAILURE_ZH] ?? code} ${n}`)
    .join('，');
  lines.push(
    `共 ${p.total} 页：完成 ${p.done}，失败 ${p.failed}${reasons ? `（${reasons}）` : ''}，未完成 ${p.queued + p.running}；` +
      `问题：错误 ${p.findings.error}，警告 ${p.findings.warning}，提示 ${p.findings.info}`,
  );
  return lines.join('\n') + '\n';
}

async function writeOut(path: string, details: ExportDetail[], now: Date): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return writeFile(path, toCsv(exportRows(details)), 'utf8');
  if (ext === '.json') return writeFile(path, toJson(details, { exportedAt: now }), 'utf8');
  const { toXlsx } = await import('../lib/export/xlsx');
  const blob = await toXlsx(details);
  await writeFile(path, new Uint8Array(await blob.arrayBuffer()));
}

const OUT_EXT = /\.(csv|xlsx|json)$/i;

/** `report-audit --from-list … | --urls …`: returns the exit status (0, 1 internal, 2 input). */
export async function runBatchCli(argv: readonly string[], io: BatchIO): Promise<number> {
  const { stdout, stderr } = io;
  const now = io.now ?? (() => new Date());
  let values: { 'from-list'?: string; urls?: string; pages?: string; concurrency?: string; delay?: string; timeout?: string; out?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        'from-list': { type: 'string' },
        urls: { type: 'string' },
        pages: { type: 'string' },
        concurrency: { type: 'string' },
        delay: { type: 'string' },
        timeout: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (e) {
    stderr(`report-audit: ${String((e as Error).message).split('\n')[0]}\n${BATCH_USAGE}`);
    return 2;
  }
  const usage = (msg: string) => {
    stderr(`report-audit: ${msg}\nTry 'report-audit --help'.\n`);
    return 2;
  };
  if (!!values['from-list'] === !!values.urls) return usage('give either --from-list URL or --urls FILE');
  const int = (v: string | undefined, name: string, def: number, min: number, max: number): number | string => {
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) return `${name} needs a whole number ≥ ${min}, not '${v}'`;
    return Math.min(n, max);
  };
  const pages = int(values.pages, '--pages', 1, 1, MAX_PAGES);
  const concurrency = int(values.concurrency, '--concurrency', DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
  const delayMs = int(values.delay, '--delay', DEFAULT_DELAY_MS, 0, 600_000);
  for (const v of [pages, concurrency, delayMs]) if (typeof v === 'string') return usage(v);
  if (values.pages !== undefined && values.urls) return usage('--pages goes with --from-list');
  if (values.out !== undefined && !OUT_EXT.test(values.out)) return usage(`--out needs a .csv, .xlsx or .json file name, not '${values.out}'`);
  let timeoutMs = BATCH_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const s = Number(values.timeout);
    if (!Number.isFinite(s) || s <= 0) return usage(`--timeout needs a number of seconds above 0, not '${values.timeout}'`);
    timeoutMs = Math.round(s * 1000);
  }

  let links: { url: string; title?: string | null; kind?: 'page' | 'attachment' }[];
  let label: string;
  let source: string | null = null;
  /** A list page after the first could not be read (its links are missing): exit status 2. */
  let listFailed = false;
  if (values['from-list']) {
    source = values['from-list'];
    try {
      const list = await collectListLinks(source, pages as number, { fetch: io.fetch, timeoutMs, delayMs: delayMs as number, log: stderr });
      links = list.links;
      label = list.label;
      listFailed = list.failure !== undefined;
    } catch (e) {
      stderr(`report-audit: ${source}: cannot read the list page: ${(e as Error).message}\n`);
      return 2;
    }
    if (links.length === 0) {
      stderr(`report-audit: ${source}: no links to annual reports on the list page\n`);
      return 2;
    }
  } else {
    let text: string;
    try {
      text = await readFile(values.urls!, 'utf8');
    } catch (e) {
      stderr(`report-audit: ${values.urls}: cannot read file: ${(e as Error).message}\n`);
      return 2;
    }
    const { urls, bad } = parseUrlList(text);
    for (const b of bad) stderr(`report-audit: ${values.urls}: not an http(s) URL: ${b.slice(0, 200)}\n`);
    if (urls.length === 0) {
      stderr(`report-audit: ${values.urls}: no URL to audit\n`);
      return 2;
    }
    links = urls.map((url) => ({ url, kind: ATTACHMENT_RE.test(new URL(url).pathname) ? ('attachment' as const) : ('page' as const) }));
    label = values.urls!;
  }

  const results = new Map<string, AuditResultJson>();
  const narratives = new Map<string, string | null>();
  const started = now();
  const batch = newBatch({ id: batchId(started), label, source, links, concurrency: concurrency as number, delayMs: delayMs as number, now: started });
  let shown = '';
  const runner = new BatchRunner(batch, {
    audit: nodeAuditor({ fetch: io.fetch, timeoutMs, now: io.now }),
    saveResult: async (_id, r, narrative) => {
      results.set(r.source, r);
      narratives.set(r.source, narrative ?? null);
      return { key: r.source };
    },
    saveBatch: async () => undefined,
    now: () => now().getTime(),
    sleep: abortableSleep,
    onChange: (b) => {
      const p = batchProgress(b);
      const line = `report-audit: ${p.done + p.failed}/${p.total} (完成 ${p.done}，失败 ${p.failed})\n`;
      if (line !== shown) stderr((shown = line));
    },
  });
  void io.interrupted?.then(() => runner.cancel());
  const onSigint = () => {
    stderr('report-audit: interrupted: stopping the batch, keeping what is done\n');
    void runner.cancel();
  };
  if (io.handleSigint) process.on('SIGINT', onSigint);
  let final: BatchRecord;
  try {
    final = await runner.run();
  } catch (e) {
    stderr(`report-audit: internal error: ${(e as Error).message}\n`);
    return 1;
  } finally {
    if (io.handleSigint) process.off('SIGINT', onSigint);
  }

  // the same body's consecutive years among the audited pages are compared (cli/crossyear.ts)
  const crossYear = new CrossYearCollector();
  for (const [url, r] of results) crossYear.addResult(r as AuditResult, narratives.get(url) ?? null);
  const cross = crossYear.finish();
  const storedAt = now().toISOString();
  const details = final.items
    .filter((it) => it.state === 'done' && it.reportUrl && results.has(it.reportUrl))
    .map((it) => resultToDetail(results.get(it.reportUrl!)!, storedAt))
    .filter((d, i, all) => all.findIndex((x) => x.report.url === d.report.url) === i);
  if (values.json) stdout(toJson(details, { exportedAt: storedAt }));
  else stdout(formatBatch(final) + (cross.text ? `\n${cross.text}` : ''));
  if (values.out) {
    try {
      await writeOut(values.out, details, new Date(storedAt));
      stderr(`report-audit: wrote ${details.length} reports to ${values.out}\n`);
    } catch (e) {
      stderr(`report-audit: ${values.out}: cannot write: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const p = batchProgress(final);
  const unreadable = Object.entries(p.reasons).some(([code, n]) => code !== 'not-report' && (n ?? 0) > 0);
  if (p.reasons.error) return 1;
  return unreadable || listFailed || final.status === 'cancelled' ? 2 : 0;
}

/** Whether the arguments ask for a batch (report-audit.ts hands them over). */
export function isBatchArgs(argv: readonly string[]): boolean {
  return argv.some((a) => /^--(from-list|urls)(=|$)/.test(a));
}
