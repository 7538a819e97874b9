/**
 * The popup's "包括后续页（最多 N 页）" (issue 6) in the background: from a list page in a tab, read
 * the pages after it (lib/list-pages.ts `followListPages`: next-page links, cap, loop, failure),
 * each fetched without a tab like a batch page (`listLinks`: the offscreen document in Chrome, the
 * background page in Firefox), with the per-site delay between two requests. The popup polls the
 * job (it runs on when the popup closes, and the reopened popup finds it by the list's URL) and,
 * when it is done, starts a batch of all the links found.
 *
 * Jobs live in memory only: they are cheap to redo, and a batch is what the database keeps.
 */
import { abortableSleep, DEFAULT_DELAY_MS } from '../batch';
import { findLinks, type RawPage } from '../links';
import { clampPages, followListPages, type ListPage, type ListPagesResult, type ListPagesStop } from '../list-pages';
import type { BatchLink, ListReply } from './batch-messages';
import { errorMessage } from '../error-message';

/** What the popup sees of a job (plain data: it goes through runtime messaging). */
export interface ListPagesView {
  /** The first page's URL (the tab's, fragment dropped): the job's key. */
  url: string;
  title: string;
  maxPages: number;
  status: 'reading' | 'done';
  /** Pages read so far. */
  pagesRead: number;
  /** Links found so far, and how many of them are attachments only. */
  links: number;
  attachments: number;
  /** The page being read, while reading. */
  reading: string | null;
  /** When done: why the walk stopped, the failed page, the page after the cap. */
  stop?: ListPagesStop;
  failure?: ListPagesResult['failure'];
  nextPage?: string | null;
  /** When done: the links of all pages read and the sites among them that are not granted. */
  reports?: BatchLink[];
  denied?: string[];
}

export interface ListPagesDeps {
  tabPage(tabId: number): Promise<RawPage & { url: string; title: string }>;
  listLinks(url: string): Promise<ListReply>;
  deniedOrigins(links: readonly { url: string; kind: string }[]): Promise<string[]>;
  delayMs?: number;
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  log?(message: string, error?: unknown): void;
}

/** Jobs kept for the popup to find again (the oldest finished ones are dropped). */
const KEEP_JOBS = 8;

interface Job {
  view: ListPagesView;
  controller: AbortController;
  done: Promise<void>;
}

export const jobKey = (url: string) => url.replace(/#.*$/, '');

export class ListPagesJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly deps: ListPagesDeps;

  constructor(deps: ListPagesDeps) {
    this.deps = deps;
  }

  /** Start reading the list in tab `tabId` and the pages after it, `maxPages` in all (a job already reading that list goes on). */
  async start(tabId: number, maxPages: number): Promise<ListPagesView> {
    const page = await this.deps.tabPage(tabId);
    const url = jobKey(page.url);
    const running = this.jobs.get(url);
    if (running?.view.status === 'reading' && running.view.maxPages === clampPages(maxPages)) return { ...running.view };
    running?.controller.abort();
    const found = findLinks(page, page.url);
    const first: ListPage = { url, title: page.title, reports: found.reports, nextPage: found.nextPage };
    const controller = new AbortController();
    const view: ListPagesView = { url, title: page.title, maxPages: clampPages(maxPages), status: 'reading', pagesRead: 0, links: 0, attachments: 0, reading: null };
    const sleep = this.deps.sleep ?? abortableSleep;
    const done = followListPages(url, {
      first,
      maxPages: view.maxPages,
      delayMs: this.deps.delayMs ?? DEFAULT_DELAY_MS,
      signal: controller.signal,
      sleep: (ms, signal) => sleep(ms, signal ?? controller.signal),
      read: (u) => this.deps.listLinks(u),
      onProgress: (p) => Object.assign(view, { pagesRead: p.pagesRead.length, links: p.links, attachments: p.attachments, reading: p.reading }),
    })
      .then(async (r) => {
        const reports: BatchLink[] = r.links.map((l) => ({ url: l.url, title: l.title.slice(0, 500), year: l.year, kind: l.kind }));
        const denied = await this.deps.deniedOrigins(reports).catch(() => []);
        Object.assign(view, { status: 'done', stop: r.stop, nextPage: r.nextPage, reading: null, reports, denied, pagesRead: r.pagesRead.length, links: reports.length, title: r.label });
        if (r.failure) {
          view.failure = r.failure;
          this.deps.log?.(`list page ${r.failure.page} (${r.failure.url}) cannot be read: ${r.failure.message}`);
        }
      })
      .catch((e: unknown) => {
        this.deps.log?.('reading the list pages failed', e);
        Object.assign(view, { status: 'done', stop: 'failed', reading: null, reports: [], denied: [], failure: { url, page: view.pagesRead + 1, message: errorMessage(e) } });
      });
    this.jobs.delete(url);
    this.jobs.set(url, { view, controller, done });
    this.prune();
    return { ...view };
  }

  /** The job of this list (its URL), as it stands; null when there is none. */
  get(url: string): ListPagesView | null {
    const job = this.jobs.get(jobKey(url));
    return job ? { ...job.view } : null;
  }

  /** Stop reading (the links found so far are kept: the job ends as 'aborted'), or forget a finished job. */
  cancel(url: string): boolean {
    const job = this.jobs.get(jobKey(url));
    if (!job) return false;
    if (job.view.status === 'reading') job.controller.abort();
    else this.jobs.delete(jobKey(url));
    return true;
  }

  /** Resolves when the job of this list has finished (tests). */
  async settled(url: string): Promise<void> {
    await this.jobs.get(jobKey(url))?.done;
  }

  private prune(): void {
    for (const [key, job] of this.jobs) {
      if (this.jobs.size <= KEEP_JOBS) break;
      if (job.view.status === 'done') this.jobs.delete(key);
    }
  }
}
