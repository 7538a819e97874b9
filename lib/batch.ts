/**
 * Batch audit: many report pages audited as one batch, for evaluators who audit dozens or
 * hundreds of bodies at a time. Pure logic with everything injected (audit of one URL, store,
 * clock, sleep), so that the CLI, the extension's background and the tests run the same code.
 *
 * - Bounded concurrency (default 3) and a polite per-site delay: two requests to the same host
 *   start at least `delayMs` apart (default 1 s).
 * - Per-item state: queued → running → done (with the finding counts) | failed (with a reason:
 *   lib/batch-fetch.ts FailureCode — timeout, HTTP status, not a report, attachment only,
 *   decode error …). Links to attachments (.pdf, .doc …) fail as 'attachment' without a request.
 * - pause (running items finish, no new one starts), resume, cancel (running requests are
 *   aborted and their items go back to queued; the batch stops for good).
 * - Every change is persisted (store.saveBatch) so that a batch survives a browser restart:
 *   resumable() puts interrupted items back in the queue.
 */
import { BatchItemError, FAILURE_CODES, type FailureCode } from './batch-fetch';
import type { AuditResultJson } from './schema';
import { countBySeverity, type Counts } from './counts';
import { errorMessage } from './error-message';

export type { FailureCode } from './batch-fetch';

export type ItemState = 'queued' | 'running' | 'done' | 'failed';
export type BatchStatus = 'running' | 'paused' | 'cancelled' | 'done';
export type { Counts };

export interface BatchItem {
  /** The link's URL (absolute, no fragment). */
  url: string;
  /** The title the link showed, when it came from a list. */
  title: string | null;
  kind: 'page' | 'attachment';
  state: ItemState;
  /** done: the stored report's key (its URL after redirects) and its findings by severity. */
  reportUrl?: string;
  counts?: Counts;
  /** failed: why. */
  failure?: { code: FailureCode; message: string; status?: number };
  finishedAt?: string;
}

export interface BatchRecord {
  /** Unique id (also on every report the batch stored). */
  id: string;
  /** What the batch audits, for people: the list page's title or a file name. */
  label: string;
  /** The list page the links came from, when there was one. */
  source: string | null;
  createdAt: string;
  updatedAt: string;
  status: BatchStatus;
  concurrency: number;
  delayMs: number;
  items: BatchItem[];
}

export const DEFAULT_CONCURRENCY = 3;
export const MAX_CONCURRENCY = 8;
export const DEFAULT_DELAY_MS = 1_000;
/** At most this many items in one batch (a list of lists is a bigger job than one action). */
export const MAX_BATCH_ITEMS = 2_000;

export interface NewBatch {
  id: string;
  label: string;
  source?: string | null;
  links: readonly { url: string; title?: string | null; kind?: 'page' | 'attachment' }[];
  concurrency?: number;
  delayMs?: number;
  now: Date;
}

/** A new batch: every link queued once (duplicates dropped), in the given order. */
export function newBatch(n: NewBatch): BatchRecord {
  const seen = new Set<string>();
  const items: BatchItem[] = [];
  for (const l of n.links) {
    const url = l.url.replace(/#.*$/, '');
    if (seen.has(url)) continue;
    seen.add(url);
    items.push({ url, title: l.title?.slice(0, 500) ?? null, kind: l.kind ?? 'page', state: 'queued' });
    if (items.length >= MAX_BATCH_ITEMS) break;
  }
  const at = n.now.toISOString();
  return {
    id: n.id,
    label: n.label.slice(0, 500),
    source: n.source ?? null,
    createdAt: at,
    updatedAt: at,
    status: items.length ? 'running' : 'done',
    concurrency: Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(n.concurrency ?? DEFAULT_CONCURRENCY))),
    delayMs: Math.max(0, n.delayMs ?? DEFAULT_DELAY_MS),
    items,
  };
}

export interface BatchProgress {
  total: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Failed items by reason. */
  reasons: Partial<Record<FailureCode, number>>;
  /** Findings over the done items. */
  findings: Counts;
}

export function batchProgress(b: Pick<BatchRecord, 'items'>): BatchProgress {
  const p: BatchProgress = { total: b.items.length, queued: 0, running: 0, done: 0, failed: 0, reasons: {}, findings: { error: 0, warning: 0, info: 0 } };
  for (const it of b.items) {
    p[it.state] += 1;
    if (it.state === 'failed' && it.failure) p.reasons[it.failure.code] = (p.reasons[it.failure.code] ?? 0) + 1;
    if (it.state === 'done' && it.counts) {
      p.findings.error += it.counts.error;
      p.findings.warning += it.counts.warning;
      p.findings.info += it.counts.info;
    }
  }
  return p;
}

/** A batch read back after a restart: items that were running go back to the queue. */
export function resumable(b: BatchRecord): BatchRecord {
  return { ...b, items: b.items.map((it) => (it.state === 'running' ? { ...it, state: 'queued' as const } : it)) };
}

/** One page audited: the contract result; `reason` says why a page is not a report. */
export interface AuditedPage {
  result: AuditResultJson;
  reason?: string;
  /** The page's narrative text (for the cross-year text comparison), when the audit read it. */
  narrative?: string | null;
}

export interface BatchDeps {
  /** Fetch and audit one page. Throws BatchItemError for a classified failure; an AbortError when `signal` aborts. */
  audit(url: string, signal: AbortSignal): Promise<AuditedPage>;
  /** Store a detected result as part of the batch; returns the stored report's key. */
  saveResult(batchId: string, result: AuditResultJson, narrative?: string | null): Promise<{ key: string }>;
  /** Persist the batch record (after every change). */
  saveBatch(batch: BatchRecord): Promise<void>;
  /** Milliseconds (Date.now). */
  now(): number;
  /** Wait, or less when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Told after every change (progress UI). */
  onChange?(batch: BatchRecord): void;
  log?(message: string, error?: unknown): void;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function countsOf(r: AuditResultJson): Counts {
  return countBySeverity(r.findings ?? []);
}

function failureOf(e: unknown): NonNullable<BatchItem['failure']> {
  if (e instanceof BatchItemError) return { code: e.code, message: e.message.slice(0, 500), ...(e.status !== undefined ? { status: e.status } : {}) };
  const err = e as { code?: unknown; message?: unknown; status?: unknown } | null;
  // errors that crossed a message boundary (offscreen document) keep code and message only
  if (err && typeof err.code === 'string' && (FAILURE_CODES as readonly string[]).includes(err.code)) {
    return { code: err.code as FailureCode, message: String(err.message ?? '').slice(0, 500), ...(typeof err.status === 'number' ? { status: err.status } : {}) };
  }
  return { code: 'error', message: (errorMessage(e)).slice(0, 500) };
}

/**
 * Runs one batch. `run()` works until the batch is done, paused or cancelled and resolves
 * with the record; `pause()`, `resume()` and `cancel()` may be called at any time.
 */
export class BatchRunner {
  private batch: BatchRecord;
  private readonly deps: BatchDeps;
  private readonly running = new Map<number, AbortController>();
  private readonly lastStart = new Map<string, number>();
  private wake: AbortController = new AbortController();
  private saving: Promise<void> = Promise.resolve();
  private loop: Promise<BatchRecord> | null = null;

  constructor(batch: BatchRecord, deps: BatchDeps) {
    this.batch = resumable(batch);
    this.deps = deps;
  }

  get record(): BatchRecord {
    return this.batch;
  }

  /** Work until done, paused or cancelled. Calling it again while it runs returns the same promise. */
  run(): Promise<BatchRecord> {
    if (this.batch.status !== 'running') return Promise.resolve(this.batch);
    this.loop ??= this.work().finally(() => {
      this.loop = null;
    });
    return this.loop;
  }

  pause(): Promise<void> {
    if (this.batch.status !== 'running') return this.saving;
    this.update({ status: 'paused' });
    this.poke();
    return this.saving;
  }

  resume(): Promise<BatchRecord> {
    if (this.batch.status === 'paused') this.update({ status: 'running' });
    return this.run();
  }

  cancel(): Promise<void> {
    if (this.batch.status === 'done' || this.batch.status === 'cancelled') return this.saving;
    this.update({ status: 'cancelled' });
    for (const c of this.running.values()) c.abort();
    this.poke();
    return this.saving;
  }

  private poke(): void {
    this.wake.abort();
  }

  private update(change: Partial<BatchRecord>, items?: BatchItem[]): void {
    this.batch = { ...this.batch, ...change, ...(items ? { items } : {}), updatedAt: new Date(this.deps.now()).toISOString() };
    const snapshot = this.batch;
    this.deps.onChange?.(snapshot);
    // writes go out in order; a failed write is logged, the next one carries the state anyway
    this.saving = this.saving.then(() => this.deps.saveBatch(snapshot)).catch((e) => this.deps.log?.('cannot save the batch', e));
  }

  private setItem(index: number, item: BatchItem): void {
    const items = this.batch.items.slice();
    items[index] = item;
    this.update({}, items);
  }

  /** The next queued item whose host may be asked now; else how long until one may. */
  private next(): { index: number } | { waitMs: number } | null {
    const now = this.deps.now();
    let waitMs = Infinity;
    for (const [index, it] of this.batch.items.entries()) {
      if (it.state !== 'queued' || this.running.has(index)) continue;
      if (it.kind === 'attachment') return { index };
      const last = this.lastStart.get(hostOf(it.url));
      const ready = last === undefined ? 0 : last + this.batch.delayMs - now;
      if (ready <= 0) return { index };
      waitMs = Math.min(waitMs, ready);
    }
    return waitMs === Infinity ? null : { waitMs };
  }

  private async work(): Promise<BatchRecord> {
    const inFlight = new Set<Promise<void>>();
    while (this.batch.status === 'running') {
      if (inFlight.size < this.batch.concurrency) {
        const n = this.next();
        if (n && 'index' in n) {
          const p = this.runItem(n.index).finally(() => inFlight.delete(p));
          inFlight.add(p);
          continue;
        }
        if (n === null && inFlight.size === 0) {
          this.update({ status: 'done' });
          break;
        }
        if (n && 'waitMs' in n) {
          this.wake = new AbortController();
          await Promise.race([this.deps.sleep(n.waitMs, this.wake.signal), ...inFlight]);
          continue;
        }
      }
      this.wake = new AbortController();
      const woken = new Promise<void>((resolve) => this.wake.signal.addEventListener('abort', () => resolve(), { once: true }));
      await Promise.race([...inFlight, woken]);
    }
    await Promise.allSettled(inFlight);
    await this.saving;
    return this.batch;
  }

  private async runItem(index: number): Promise<void> {
    const item = this.batch.items[index]!;
    const finish = (change: Partial<BatchItem>) =>
      this.setItem(index, { ...this.batch.items[index]!, ...change, finishedAt: new Date(this.deps.now()).toISOString() });
    if (item.kind === 'attachment') {
      finish({ state: 'failed', failure: { code: 'attachment', message: 'the report is an attachment (PDF, Word, OFD …), not a page' } });
      return;
    }
    const controller = new AbortController();
    this.running.set(index, controller);
    this.lastStart.set(hostOf(item.url), this.deps.now());
    this.setItem(index, { ...item, state: 'running' });
    try {
      const page = await this.deps.audit(item.url, controller.signal);
      if (controller.signal.aborted) throw controller.signal.reason;
      if (!page.result.detected) {
        finish({ state: 'failed', failure: { code: 'not-report', message: (page.reason ?? 'not an annual report page').slice(0, 500) } });
        return;
      }
      const saved = await this.deps.saveResult(this.batch.id, page.result, page.narrative ?? null);
      finish({ state: 'done', reportUrl: saved.key, counts: countsOf(page.result) });
    } catch (e) {
      if (controller.signal.aborted) {
        // paused or cancelled under it: back to the queue, not a failure of the page
        this.setItem(index, { ...this.batch.items[index]!, state: 'queued' });
        return;
      }
      finish({ state: 'failed', failure: failureOf(e) });
    } finally {
      this.running.delete(index);
      this.poke();
    }
  }
}

/** A sleep for BatchDeps: setTimeout, cut short when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** A batch id: time and randomness, sortable by creation. */
export function batchId(now: Date, random: () => number = Math.random): string {
  return `b${now.getTime().toString(36)}${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}
