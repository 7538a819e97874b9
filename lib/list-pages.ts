/**
 * Following a list page's pagination (issue 6): the report links of a list page and of the
 * pages after it (下一页, createPageHTML pagers: lib/links.ts `nextPage`), de-duplicated across
 * pages, up to a number of pages. Shared by the CLI (`--from-list URL --pages N`, cli/batch.ts)
 * and the extension (the popup's "包括后续页", lib/ext/batch-manager.ts).
 *
 * Pure and injectable: the caller reads one list page (`read`: the CLI fetches and parses it with
 * happy-dom, the extension in its offscreen document or background page) and sleeps between two
 * requests (the per-site delay). The walk stops
 *  - 'end':     the page has no next page;
 *  - 'cap':     `maxPages` pages were read and there is a next page (it is returned: `nextPage`);
 *  - 'links':   `maxLinks` links were found (a batch holds at most that many);
 *  - 'loop':    the next page is a page already read (a pager pointing back, or a redirect to it);
 *  - 'failed':  a page could not be read: the failure is returned, the links found so far kept;
 *  - 'aborted': `signal` aborted (the links found so far kept).
 */
import type { ReportLink } from './links';
import { errorMessage } from './error-message';

/** At most this many list pages are read (`--pages`, the popup's "最多 N 页"). */
export const MAX_LIST_PAGES = 50;
/** The popup's default number of list pages when following the pager. */
export const DEFAULT_LIST_PAGES = 5;
/** A batch holds at most this many links (lib/ext/batch-messages.ts `batch-start`). */
export const MAX_BATCH_LINKS = 2_000;

/** A report link as a reader returns it (lib/links.ts ReportLink; through messaging the title may be null, the year missing). */
export interface ListLink {
  url: string;
  title: string | null;
  year?: number | null;
  kind: 'page' | 'attachment';
}

/** One list page as read: its final URL (after redirects), title, report links and next page. */
export interface ListPage {
  url: string;
  title: string;
  reports: readonly ListLink[];
  nextPage: string | null;
}

/** A page that could not be read (ListReply's failure in the extension). */
export interface ListPageFailure {
  ok: false;
  code?: string;
  message: string;
  status?: number;
}

/** Reads one list page: the page, or a failure (a thrown error is a failure too). */
export type ListPageReader = (url: string, signal?: AbortSignal) => Promise<ListPage | ({ ok: true } & ListPage) | ListPageFailure>;

export type ListPagesStop = 'end' | 'cap' | 'links' | 'loop' | 'failed' | 'aborted';

export interface ListPagesProgress {
  /** Pages read so far (their requested URLs, in order). */
  pagesRead: readonly string[];
  /** Links found so far (de-duplicated). */
  links: number;
  /** Of which attachment only. */
  attachments: number;
  /** The page being read next, or null when the walk is over. */
  reading: string | null;
}

export interface ListPagesResult {
  /** Report links of all pages read, de-duplicated by URL, in list order. */
  links: ReportLink[];
  /** The first page's title (the batch's label), else its URL. */
  label: string;
  /** The requested URL of every page read successfully, in order. */
  pagesRead: string[];
  stop: ListPagesStop;
  /** 'failed': the page that could not be read, its number (1-based) and why. */
  failure?: { url: string; page: number; message: string; code?: string; status?: number };
  /** 'cap' / 'links': the next page that was not read. */
  nextPage: string | null;
}

export interface ListPagesOptions {
  read: ListPageReader;
  /** Pages to read in all, the first included (clamped to 1 … MAX_LIST_PAGES). */
  maxPages: number;
  /** Stop when this many links were found (default MAX_BATCH_LINKS); extra links are dropped. */
  maxLinks?: number;
  /** Milliseconds between two list page requests (the per-site delay). */
  delayMs: number;
  /** Waits `ms` (returns early when `signal` aborts); default setTimeout. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** The first page, already read (the extension reads it from the tab's live DOM). */
  first?: ListPage;
  /** Called before each page is requested and after each page was read. */
  onProgress?: (p: ListPagesProgress) => void;
}

/** A URL as a page key: without fragment, trailing `index.htm(l)` dropped (…/nb/ and …/nb/index.html are one page). */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.pathname = u.pathname.replace(/\/(?:index|default)\.s?html?$/i, '/');
    return u.href;
  } catch {
    return url;
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function clampPages(n: number): number {
  return Number.isFinite(n) ? Math.min(MAX_LIST_PAGES, Math.max(1, Math.floor(n))) : 1;
}

/** Reads `firstUrl` and follows its next-page links (see the file comment for when it stops). */
export async function followListPages(firstUrl: string, opts: ListPagesOptions): Promise<ListPagesResult> {
  const maxPages = clampPages(opts.maxPages);
  const maxLinks = Math.max(1, opts.maxLinks ?? MAX_BATCH_LINKS);
  const sleep = opts.sleep ?? defaultSleep;
  const links = new Map<string, ReportLink>();
  const pagesRead: string[] = [];
  /** Keys of every page read: requested and final URLs. */
  const seen = new Set<string>();
  let attachments = 0;
  let label = firstUrl;
  let next: string | null = firstUrl;
  const progress = (reading: string | null) => opts.onProgress?.({ pagesRead: [...pagesRead], links: links.size, attachments, reading });
  const result = (stop: ListPagesStop, extra: Partial<ListPagesResult> = {}): ListPagesResult => {
    progress(null);
    return { links: [...links.values()], label, pagesRead, stop, nextPage: null, ...extra };
  };

  while (next !== null) {
    if (opts.signal?.aborted) return result('aborted');
    if (pagesRead.length >= maxPages) return result('cap', { nextPage: next });
    if (seen.has(pageKey(next))) return result('loop');
    const url: string = next;
    let page: ListPage | ListPageFailure;
    if (pagesRead.length === 0 && opts.first) page = opts.first;
    else {
      if (pagesRead.length > 0 && opts.delayMs > 0) {
        await sleep(opts.delayMs, opts.signal);
        if (opts.signal?.aborted) return result('aborted');
      }
      progress(url);
      try {
        page = await opts.read(url, opts.signal);
      } catch (e) {
        if (opts.signal?.aborted) return result('aborted');
        page = { ok: false, message: errorMessage(e) };
      }
      if (opts.signal?.aborted) return result('aborted');
    }
    if ('ok' in page && page.ok === false) {
      const f = page;
      return result('failed', {
        failure: { url, page: pagesRead.length + 1, message: f.message, ...(f.code ? { code: f.code } : {}), ...(f.status !== undefined ? { status: f.status } : {}) },
      });
    }
    const read = page as ListPage;
    pagesRead.push(url);
    seen.add(pageKey(url));
    seen.add(pageKey(read.url || url));
    if (pagesRead.length === 1) label = read.title.replace(/\s+/g, ' ').trim() || firstUrl;
    for (const l of read.reports) {
      if (links.has(l.url)) continue;
      if (links.size >= maxLinks) {
        return result('links', { nextPage: read.nextPage });
      }
      links.set(l.url, { url: l.url, title: l.title ?? '', year: l.year ?? null, kind: l.kind });
      if (l.kind === 'attachment') attachments++;
    }
    if (links.size >= maxLinks && read.nextPage !== null) return result('links', { nextPage: read.nextPage });
    progress(null);
    next = read.nextPage;
  }
  return result('end');
}
