/**
 * The background's batch audits: starts batches, runs them (lib/batch.ts BatchRunner), answers
 * the popup's progress questions, pauses/resumes/cancels, and resumes the batches that were
 * running when the browser (or the service worker) stopped. Every extension API is injected
 * (entrypoints/background.ts wires them), so it runs in Node tests with fakes.
 *
 * A page is audited by `deps.auditUrl` (Chrome: in the offscreen document; Firefox: in the
 * background page, which has a DOM). A page on a site the extension may not read (not gov.cn
 * and not granted on the options page) fails as 'permission' without a request.
 */
import { BatchItemError } from '../batch-fetch';
import {
  abortableSleep,
  batchId,
  BatchRunner,
  DEFAULT_CONCURRENCY,
  DEFAULT_DELAY_MS,
  newBatch,
  type AuditedPage,
  type BatchRecord,
} from '../batch';
import type { AuditResultJson } from '../schema';
import { findLinks, isReportTitle, resolveHref, type RawPage, type ReportLink } from '../links';
import { summariseBatch, type BatchSummary } from '../store/batches';
import { parseTitle } from '../detect';
import type { AuditReply, BatchLink, BatchMessage, ListReply } from './batch-messages';
import { BatchMessageSchema } from './batch-messages';
import { ListPagesJobs, type ListPagesView } from './list-pages-jobs';
import { originPattern } from './sites';
import { errorMessage } from '../error-message';

export { originPattern };

export const PAGE_TIMEOUT_MS = 20_000;

export interface BatchStoreDeps {
  saveBatch(b: BatchRecord): Promise<void>;
  getBatch(id: string): Promise<BatchRecord | undefined>;
  listBatches(limit: number): Promise<BatchSummary[]>;
  runningBatches(): Promise<BatchRecord[]>;
  /** Store a detected result (saveAudit) at its URL; returns the report's key. */
  saveResult(result: AuditResultJson, url: string, narrative?: string | null): Promise<string>;
}

export interface BatchManagerDeps extends BatchStoreDeps {
  /** Fetch, parse and audit one page without a tab. */
  auditUrl(url: string, signal: AbortSignal): Promise<AuditReply>;
  /** Fetch a list page and read its report links (the 年报 column of a report's site). */
  listLinks(url: string): Promise<ListReply>;
  /** Whether the extension may read pages of this URL's origin (host permission). */
  hasHostPermission(url: string): Promise<boolean>;
  /** The raw links of a tab's page (scripting.executeScript of collectRawPageInTab). */
  tabPage(tabId: number): Promise<RawPage & { url: string; title: string }>;
  /** Called with true while a batch runs, false when none does (Chrome: keep the worker alive). */
  busy?(on: boolean): void;
  now?(): number;
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  concurrency?: number;
  delayMs?: number;
  log?(message: string, error?: unknown): void;
}

export type BatchReply =
  | { ok: false; error: string }
  | { ok: true }
  | { ok: true; id: string }
  | { ok: true; batches: BatchSummary[] }
  | { ok: true; batch: BatchRecord | null }
  | { ok: true; job: ListPagesView | null }
  | { ok: true; url: string; title: string; reports: BatchLink[]; nextPage: string | null; denied: string[]; listUrl?: string | null };

function aborted(): Error {
  return new DOMException('aborted', 'AbortError');
}


export class BatchManager {
  private readonly runners = new Map<string, BatchRunner>();
  private readonly deps: BatchManagerDeps;
  /** Reading a list's following pages (issue 6: the popup's "包括后续页"). */
  readonly listPages: ListPagesJobs;

  constructor(deps: BatchManagerDeps) {
    this.deps = deps;
    this.listPages = new ListPagesJobs({
      tabPage: (tabId) => deps.tabPage(tabId),
      listLinks: (url) => deps.listLinks(url),
      deniedOrigins: (links) => this.deniedOrigins(links),
      delayMs: deps.delayMs,
      sleep: deps.sleep,
      log: deps.log,
    });
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private async auditOne(url: string, signal: AbortSignal): Promise<AuditedPage> {
    if (!(await this.deps.hasHostPermission(url))) {
      throw new BatchItemError('permission', `the extension may not read ${originPattern(url) ?? url}: grant the site on the options page`);
    }
    const reply = await this.deps.auditUrl(url, signal);
    if (signal.aborted) throw aborted();
    if (reply.ok) return { result: reply.result, narrative: reply.narrative ?? null, ...(reply.reason ? { reason: reply.reason } : {}) };
    if (reply.aborted) throw aborted();
    throw new BatchItemError(reply.code as BatchItemError['code'], reply.message, reply.status);
  }

  private launch(record: BatchRecord): void {
    if (this.runners.has(record.id)) return;
    const runner = new BatchRunner(record, {
      audit: (url, signal) => this.auditOne(url, signal),
      saveResult: async (_id, result, narrative) => ({ key: await this.deps.saveResult(result, result.source, narrative ?? null) }),
      saveBatch: (b) => this.deps.saveBatch(b),
      now: () => this.now(),
      sleep: this.deps.sleep ?? abortableSleep,
      log: this.deps.log,
    });
    this.runners.set(record.id, runner);
    this.deps.busy?.(true);
    void runner
      .run()
      .catch((e) => this.deps.log?.('batch failed', e))
      .finally(() => this.settle(record.id, runner));
  }

  /** A runner stopped (done, paused, cancelled): forget it unless it was resumed meanwhile. */
  private settle(id: string, runner: BatchRunner): void {
    if (runner.record.status === 'running') {
      // resumed while it was stopping
      void runner.run().finally(() => this.settle(id, runner));
      return;
    }
    if (runner.record.status !== 'paused') this.runners.delete(id);
    if (![...this.runners.values()].some((r) => r.record.status === 'running')) this.deps.busy?.(false);
  }

  /** A new batch of these links; it starts at once. */
  async start(label: string, source: string | null, links: readonly BatchLink[], opts: { concurrency?: number; delayMs?: number } = {}): Promise<BatchRecord> {
    const now = new Date(this.now());
    const record = newBatch({
      id: batchId(now),
      label,
      source,
      links,
      concurrency: opts.concurrency ?? this.deps.concurrency ?? DEFAULT_CONCURRENCY,
      delayMs: opts.delayMs ?? this.deps.delayMs ?? DEFAULT_DELAY_MS,
      now,
    });
    await this.deps.saveBatch(record);
    this.launch(record);
    return record;
  }

  /** The batch as it stands: the live runner's record, else the stored one. */
  async get(id: string): Promise<BatchRecord | undefined> {
    return this.runners.get(id)?.record ?? (await this.deps.getBatch(id));
  }

  async control(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<boolean> {
    let runner = this.runners.get(id);
    if (!runner) {
      const stored = await this.deps.getBatch(id);
      if (!stored) return false;
      if (action === 'resume' && stored.status === 'paused') {
        this.launch({ ...stored, status: 'running' });
        return true;
      }
      if (action === 'cancel' && (stored.status === 'paused' || stored.status === 'running')) {
        await this.deps.saveBatch({ ...stored, status: 'cancelled', updatedAt: new Date(this.now()).toISOString() });
        return true;
      }
      return false;
    }
    if (action === 'pause') await runner.pause();
    else if (action === 'cancel') {
      await runner.cancel();
      this.runners.delete(id);
    } else {
      this.deps.busy?.(true);
      void runner.resume().finally(() => this.settle(id, runner!));
    }
    return true;
  }

  /** Start the batches that were running when the browser or the worker stopped. */
  async resumeAll(): Promise<number> {
    const running = await this.deps.runningBatches();
    for (const b of running) this.launch(b);
    return running.length;
  }

  /** Batches newest first, the live ones as they stand. */
  async list(limit = 20): Promise<BatchSummary[]> {
    const stored = await this.deps.listBatches(limit);
    return stored.map((s) => {
      const live = this.runners.get(s.id);
      return live ? summariseBatch(live.record) : s;
    });
  }

  /** The report links of a tab's page, and which of their sites are not granted. */
  async pageLinks(tabId: number): Promise<Extract<BatchReply, { reports: BatchLink[] }>> {
    const page = await this.deps.tabPage(tabId);
    const found = findLinks(page, page.url);
    const denied = await this.deniedOrigins(found.reports);
    return { ok: true, url: page.url, title: page.title, reports: found.reports, nextPage: found.nextPage, denied };
  }

  /**
   * A report page's earlier reports (issue 5): report links on the page itself whose year is
   * before the page's report year, and those of its site's 年报 column (the breadcrumb or menu
   * link named 年报/年度报告), fetched without a tab. Only reports of the same body when the
   * titles name it.
   */
  async chainLinks(tabId: number): Promise<Extract<BatchReply, { reports: BatchLink[] }>> {
    const page = await this.deps.tabPage(tabId);
    // the report's body and year, from the page title (ArticleTitle_Column_Site)
    const parsed = parseTitle(page.title.split('_')[0] ?? page.title);
    const report = { entity: parsed?.entity ?? null, year: parsed?.year ?? null };
    const own = findLinks(page, page.url).reports;
    const columnUrl = columnLink(page);
    let listed: ReportLink[] = [];
    if (columnUrl) {
      const reply = await this.deps.listLinks(columnUrl);
      if (reply.ok) listed = reply.reports.map((r) => ({ ...r, title: r.title ?? '', year: r.year ?? null }));
      else this.deps.log?.(`cannot read the 年报 column ${columnUrl}: ${reply.message}`);
    }
    const seen = new Set<string>([page.url.replace(/#.*$/, '')]);
    const reports: ReportLink[] = [];
    for (const l of [...own, ...listed]) {
      if (seen.has(l.url)) continue;
      seen.add(l.url);
      if (report.year !== null && (l.year === null || l.year >= report.year)) continue;
      if (report.entity && !l.title.replace(/\s+/g, '').includes(report.entity.replace(/\s+/g, ''))) continue;
      reports.push(l);
    }
    reports.sort((a, b) => (b.year ?? 0) - (a.year ?? 0));
    const denied = await this.deniedOrigins(reports);
    return { ok: true, url: page.url, title: page.title, reports, nextPage: null, denied, listUrl: columnUrl };
  }

  private async deniedOrigins(links: readonly { url: string; kind: string }[]): Promise<string[]> {
    const origins = new Map<string, string>();
    for (const l of links) {
      if (l.kind !== 'page') continue;
      const o = originPattern(l.url);
      if (o && !origins.has(o)) origins.set(o, l.url);
    }
    const denied: string[] = [];
    for (const [o, url] of origins) if (!(await this.deps.hasHostPermission(url))) denied.push(o);
    return denied;
  }

  /** Handle a batch message from an extension page. Never throws. */
  async handle(message: unknown): Promise<BatchReply> {
    const parsed = BatchMessageSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: 'invalid batch message' };
    const msg: BatchMessage = parsed.data;
    try {
      switch (msg.type) {
        case 'batch-page-links':
          return await this.pageLinks(msg.tabId);
        case 'batch-chain-links':
          return await this.chainLinks(msg.tabId);
        case 'batch-pages-start':
          return { ok: true, job: await this.listPages.start(msg.tabId, msg.maxPages) };
        case 'batch-pages-get':
          return { ok: true, job: this.listPages.get(msg.url) };
        case 'batch-pages-cancel':
          return this.listPages.cancel(msg.url) ? { ok: true } : { ok: false, error: 'no such list reading' };
        case 'batch-start': {
          const b = await this.start(msg.label, msg.source, msg.links, { concurrency: msg.concurrency, delayMs: msg.delayMs });
          return { ok: true, id: b.id };
        }
        case 'batch-list':
          return { ok: true, batches: await this.list(msg.limit ?? 20) };
        case 'batch-get':
          return { ok: true, batch: (await this.get(msg.id)) ?? null };
        case 'batch-control':
          return (await this.control(msg.id, msg.action)) ? { ok: true } : { ok: false, error: 'no such batch, or it cannot do that now' };
      }
    } catch (e) {
      this.deps.log?.('batch message failed', e);
      return { ok: false, error: errorMessage(e) };
    }
  }
}

/** The link to the site's 年报 column on a report page (breadcrumb, menu): text 年报/年度报告, no year. */
export function columnLink(page: RawPage & { url: string }): string | null {
  for (const l of page.links) {
    const text = (l.text || l.title || '').replace(/\s+/g, '');
    if (!/(信息公开)?(年报|年度报告)$/.test(text) || /(?:19|20)\d{2}/.test(text) || isReportTitle(text)) continue;
    const url = resolveHref(l.href, page.url);
    if (url && url !== page.url.replace(/#.*$/, '')) return url;
  }
  return null;
}
