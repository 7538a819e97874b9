/**
 * Links to annual reports on a list page (a site's 年报 column, a search result, any page),
 * and the link to the list's next page. Used by the batch audit (lib/batch.ts): the CLI's
 * `--from-list`, the extension's "audit all N", and fetching a body's earlier reports.
 *
 * Works on plain link data (href, text, title, rel) so that the same classification runs on a
 * parsed Document (Node, offscreen document) and on what a script injected into a tab returns.
 *
 * A link is a report link when its text or title reads as a report title: parseTitle
 * (report-format.md §13.2, as lib/detect.ts detects pages), or the looser title that the
 * cheap detector (lib/quickdetect.ts) accepts, including legacy titles (`…2013年信息公开年度报告`)
 * and list texts cut short (`…政府信息公开工作年…`) when the URL carries a 年报 token; never
 * a negative title (解读, 图解, 报告格式, 通知, 函). Links to .pdf/.doc/.docx/.wps/.ofd files
 * with such a title are reports in an attachment only: the batch lists them without fetching.
 */
import { negativeTitleReason, parseTitle } from './detect';

/** One `<a>` (or `<link rel=next>`) as a page holds it. */
export interface RawLink {
  href: string;
  text: string;
  title?: string | null;
  rel?: string | null;
}

/** What a page gives the link finder: its links and the inline scripts that build a pager. */
export interface RawPage {
  links: RawLink[];
  /** Inline scripts that mention a pager (createPageHTML, countPage …); others may be left out. */
  scripts?: string[];
}

export interface ReportLink {
  /** Absolute URL without fragment. */
  url: string;
  /** The report title as the link shows it (text, or the title attribute when fuller). */
  title: string;
  /** The report year the title names (null when the title is cut before it). */
  year: number | null;
  /** 'attachment': the link is a file (.pdf, .doc …), the report is in an attachment only. */
  kind: 'page' | 'attachment';
}

export interface PageLinks {
  /** Report links, de-duplicated, in page order; attachments included (kind 'attachment'). */
  reports: ReportLink[];
  /** The next page of the list, when the page has a pager; null otherwise. */
  nextPage: string | null;
}

/** File extensions of attachments (the report is a document, not a page). */
export const ATTACHMENT_RE = /\.(pdf|docx?|wps|ofd|xlsx?|et|zip|rar)$/i;

const WS = /[\s\u00a0\u3000]+/g;
/** A title cut short by the list ("…", "...", "。。。"). */
const TRUNCATED = /(…|\.{2,}|。{2,}|⋯)$/;
/** The cheap detector's loosened title (quickdetect.ts), with legacy 信息公开年度报告. */
const LOOSE_TITLE = /(?:19|20)\d{2}\s*年.*?信息公开.*?年\s*(?:度\s*)?报/;
/** Start of a title that a list cut short: a year and 信息公开. */
const CUT_TITLE = /(?:19|20)\d{2}\s*年.*?信息公开/;
/** A 年报 token in a URL (report-format.md §13, E3): zfxxgknb, xxgknb, gknb, ndbg, nb/, 年报. */
const URL_TOKEN = /(?:xxgknb|gknb|zfxxgkndbg|ndbg|\/nb\/|\/nb_|年报|年度报告)/i;
/** Next-page anchors: 下一页, 下页, 后页, ›, », >, >>, next. */
const NEXT_TEXT = /^(?:下一?[页頁]|[后後]一?[页頁]|[›»>＞]{1,2}|下一?[页頁][›»>＞]{1,2}|next(?:page)?[›»>]*)$/i;

function clean(s: string | null | undefined): string {
  return (s ?? '').replace(WS, ' ').trim();
}

/** The absolute http(s) URL of an href (fragment dropped), or null (javascript:, mailto:, #…). */
export function resolveHref(href: string, base: string): string | null {
  const h = href.trim();
  if (h === '' || h.startsWith('#') || /^(javascript|mailto|tel|data|about):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function isAttachment(url: string): boolean {
  try {
    return ATTACHMENT_RE.test(decodeURIComponent(new URL(url).pathname));
  } catch {
    return ATTACHMENT_RE.test(url);
  }
}

/** A year named in a report title (the report's year: the one before 年 nearest 信息公开). */
function titleYear(title: string): number | null {
  const parsed = parseTitle(title);
  if (parsed) return parsed.year;
  const m = /((?:19|20)\d{2})\s*年/.exec(title.replace(WS, ''));
  return m ? Number(m[1]) : null;
}

/**
 * Whether a link title reads as an annual report title; `urlHasToken` admits a title the list
 * cut short (`平潭综合实验区2024年度政府信息公开工作年…`).
 */
export function isReportTitle(title: string, urlHasToken = false): boolean {
  const t = clean(title);
  if (t === '' || t.length > 200) return false;
  if (negativeTitleReason(t)) return false;
  if (parseTitle(t)) return true;
  const n = t.replace(WS, '');
  if (LOOSE_TITLE.test(n)) return /报告|年报/.test(n) || TRUNCATED.test(n);
  return urlHasToken && TRUNCATED.test(n) && CUT_TITLE.test(n);
}

/** The best title of a link: the text, or the title attribute when the text is empty, cut or shorter. */
function linkTitle(l: RawLink): string {
  const text = clean(l.text);
  const title = clean(l.title);
  if (!title) return text;
  if (!text || TRUNCATED.test(text) || (title.length > text.length && title.includes(text.replace(TRUNCATED, '')))) return title;
  return text;
}

const pageKey = (url: string) => url.replace(/#.*$/, '');

/**
 * The report links of a page, de-duplicated by URL (first occurrence kept, its title upgraded
 * when a later link to it names the report better), the page itself excluded.
 */
export function findReportLinks(page: RawPage, baseUrl: string): ReportLink[] {
  const self = resolveHref(baseUrl, baseUrl) ?? pageKey(baseUrl);
  const byUrl = new Map<string, ReportLink>();
  for (const l of page.links) {
    const url = resolveHref(l.href, baseUrl);
    if (!url || url === self) continue;
    const candidates = [linkTitle(l), clean(l.title), clean(l.text)].filter((t, i, a) => t !== '' && a.indexOf(t) === i);
    const hasToken = URL_TOKEN.test(decodeURIComponentSafe(url));
    const title = candidates.find((t) => isReportTitle(t, hasToken));
    if (title === undefined) continue;
    const found: ReportLink = { url, title, year: titleYear(title), kind: isAttachment(url) ? 'attachment' : 'page' };
    const before = byUrl.get(url);
    if (!before) byUrl.set(url, found);
    else if (TRUNCATED.test(before.title) && !TRUNCATED.test(found.title)) byUrl.set(url, { ...before, title: found.title, year: found.year });
  }
  return [...byUrl.values()];
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ------------------------------------------------------------------ pagers

/** `var countPage = 5` and the like, for the identifiers a createPageHTML call passes. */
function scriptVars(script: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const m of script.matchAll(/(?:var|let|const)?\s*([A-Za-z_$][\w$]*)\s*=\s*("[^"]*"|'[^']*'|\d+)\s*[;\n\r/]/g)) {
    vars.set(m[1]!, m[2]!);
  }
  return vars;
}

function splitArgs(args: string): string[] {
  const out: string[] = [];
  for (const m of args.matchAll(/"[^"]*"|'[^']*'|[^,]+/g)) out.push(m[0].trim());
  return out.filter((a) => a !== '');
}

/**
 * The next page of a TRS-style pager: `createPageHTML(countPage, currentPage, "index", "htm")`
 * (also `createPageHTML('page_div', count, current, 'index', 'shtml', total)`, identifiers
 * defined by `var countPage = N` in the same script). Pages are numbered from 0: page 0 is
 * `index.htm`, page k is `index_k.htm`. Null on the last page or without such a call.
 */
export function createPageHtmlNext(scripts: readonly string[], baseUrl: string): string | null {
  for (const script of scripts) {
    const call = /createPageHTML\s*\(([^)]*)\)/.exec(script);
    if (!call) continue;
    const vars = scriptVars(script);
    const args = splitArgs(call[1]!).map((a) => vars.get(a) ?? a);
    const numbers = args.filter((a) => /^\d+$/.test(a)).map(Number);
    const strings = args.filter((a) => /^["']/.test(a)).map((a) => a.slice(1, -1));
    // the string args after the numbers are prefix and suffix ('page_div' may come first)
    const firstNum = args.findIndex((a) => /^\d+$/.test(a));
    const after = args.slice(firstNum + 1).filter((a) => /^["']/.test(a)).map((a) => a.slice(1, -1));
    const [count, current] = numbers;
    const [prefix, suffix] = after.length >= 2 ? after : strings.slice(-2);
    if (count === undefined || current === undefined || !prefix || !suffix) continue;
    if (current + 1 >= count) return null;
    return resolveHref(`${prefix}_${current + 1}.${suffix}`, baseUrl);
  }
  return null;
}

/** The next page of a list: a 下一页/›/» link or rel=next, else a createPageHTML pager. */
export function findNextPage(page: RawPage, baseUrl: string): string | null {
  const self = resolveHref(baseUrl, baseUrl);
  for (const l of page.links) {
    const rel = (l.rel ?? '').toLowerCase().split(/\s+/);
    const text = clean(l.text).replace(/\s+/g, '') || clean(l.title).replace(/\s+/g, '');
    if (!rel.includes('next') && !NEXT_TEXT.test(text)) continue;
    const url = resolveHref(l.href, baseUrl);
    if (url && url !== self && !isAttachment(url)) return url;
  }
  return createPageHtmlNext(page.scripts ?? [], baseUrl);
}

export function findLinks(page: RawPage, baseUrl: string): PageLinks {
  return { reports: findReportLinks(page, baseUrl), nextPage: findNextPage(page, baseUrl) };
}

// ------------------------------------------------------------------ from a Document

/** At most this many links are read from one page (a portal's home page has a few thousand). */
export const MAX_PAGE_LINKS = 5_000;

/** The raw links and pager scripts of a parsed document (hrefs as written; resolve against the page URL). */
export function rawPageFromDocument(doc: Document): RawPage {
  const links: RawLink[] = [];
  const anchors = doc.querySelectorAll('a[href], link[rel~="next" i][href]');
  for (let i = 0; i < anchors.length && links.length < MAX_PAGE_LINKS; i++) {
    const a = anchors[i]!;
    links.push({
      href: a.getAttribute('href') ?? '',
      text: a.tagName.toLowerCase() === 'a' ? (a.textContent ?? '').slice(0, 400) : '',
      title: a.getAttribute('title'),
      rel: a.getAttribute('rel'),
    });
  }
  const scripts: string[] = [];
  for (const s of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const text = s.textContent ?? '';
    if (/createPageHTML|countPage/.test(text)) scripts.push(text.slice(0, 20_000));
  }
  return { links, scripts };
}

export function linksFromDocument(doc: Document, baseUrl: string): PageLinks {
  return findLinks(rawPageFromDocument(doc), baseUrl);
}

/**
 * The same as rawPageFromDocument, self-contained (no reference outside its body) so that
 * `scripting.executeScript({ func })` can run it in a tab: the links of the live DOM (hrefs
 * resolved by the browser), the page's URL and title.
 */
export function collectRawPageInTab(): RawPage & { url: string; title: string } {
  const links: RawLink[] = [];
  const anchors = document.querySelectorAll('a[href], link[rel~="next" i][href]');
  for (let i = 0; i < anchors.length && links.length < 5_000; i++) {
    const a = anchors[i] as HTMLAnchorElement;
    const isA = a.tagName.toLowerCase() === 'a';
    links.push({ href: a.href || a.getAttribute('href') || '', text: isA ? (a.textContent ?? '').slice(0, 400) : '', title: a.getAttribute('title'), rel: a.getAttribute('rel') });
  }
  const scripts: string[] = [];
  for (const s of Array.from(document.querySelectorAll('script:not([src])'))) {
    const text = s.textContent ?? '';
    if (/createPageHTML|countPage/.test(text)) scripts.push(text.slice(0, 20_000));
  }
  return { links, scripts, url: location.href, title: document.title };
}
