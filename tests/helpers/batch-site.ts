/**
 * A local stand-in for a government site's 年报 column, for the batch audit's CLI tests, e2e
 * tests and benchmark: a TRS-style list (createPageHTML pager, cut titles with the full one in
 * `title`, nav and 解读 links as noise) linking to report pages (the seed fixtures in their three
 * markups, and the GB2312 one), broken links (404), pages that are not reports (a list page)
 * and attachment-only reports (.pdf).
 *
 * Routes: /nb/index.html, /nb/index_K.html (list pages), /nb/rI.html (reports), /nb/gbkI.html
 * (GB2312, charset in <meta> only), /nb/missingI.html (404), /news/nI.html (not a report),
 * /nb/aI.pdf (a PDF). Every request is counted (`hits`).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEEDS = ['000', '001', '002', '003', '004'].flatMap((n) => ['flat', 'split', 'word'].map((m) => readFileSync(`${ROOT}tests/fixtures/seeds/${n}.${m}.html`)));
const GBK = readFileSync(`${ROOT}tests/fixtures/encoding/002.flat.gb2312.html`);
const NOT_REPORT = readFileSync(`${ROOT}tests/e2e/pages/not-a-report.html`);

export interface SiteOptions {
  /** Report pages (seed fixtures, rotated). */
  reports: number;
  /** GB2312 report pages. */
  gbk?: number;
  /** Links that answer 404. */
  broken?: number;
  /** Links with a report title to a page that is not a report. */
  notReports?: number;
  /** Report links to .pdf files. */
  attachments?: number;
  /** Links per list page (a createPageHTML pager joins the pages); default all on one. */
  perPage?: number;
}

export interface SiteLink {
  path: string;
  title: string;
  expect: 'done' | 'http' | 'not-report' | 'attachment';
}

export interface BatchSite {
  port: number;
  links: SiteLink[];
  /** The list's first page on a host. */
  listUrl(host: string): string;
  url(host: string, path: string): string;
  /** Requests per path. */
  hits: Map<string, number>;
  /** Hold every report page's answer this long (a slow site; 0 by default). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

const YEAR = 2023;

/** The links of the site in list order: reports and failures interleaved. */
export function siteLinks(o: SiteOptions): SiteLink[] {
  const groups: SiteLink[][] = [
    Array.from({ length: o.reports }, (_, i) => ({ path: `/nb/r${i}.html`, title: `某某县第${i + 1}单位${YEAR}年政府信息公开工作年度报告`, expect: 'done' as const })),
    Array.from({ length: o.gbk ?? 0 }, (_, i) => ({ path: `/nb/gbk${i}.html`, title: `同江市乐业镇${YEAR}年政府信息公开工作年度报告（${i + 1}）`, expect: 'done' as const })),
    Array.from({ length: o.broken ?? 0 }, (_, i) => ({ path: `/nb/missing${i}.html`, title: `某某县失效链接${i + 1}${YEAR}年政府信息公开工作年度报告`, expect: 'http' as const })),
    Array.from({ length: o.notReports ?? 0 }, (_, i) => ({ path: `/news/n${i}.html`, title: `某某县第${i + 1}街道${YEAR}年政府信息公开工作年度报告`, expect: 'not-report' as const })),
    Array.from({ length: o.attachments ?? 0 }, (_, i) => ({ path: `/nb/a${i}.pdf`, title: `某某县第${i + 1}乡${YEAR}年政府信息公开工作年度报告`, expect: 'attachment' as const })),
  ];
  // interleave so that failures are spread over the batch
  const out: SiteLink[] = [];
  for (let i = 0; groups.some((g) => i < g.length); i++) for (const g of groups) if (i < g.length) out.push(g[i]!);
  return out;
}

function listPage(links: SiteLink[], page: number, pages: number): string {
  const items = links
    .map((l) => {
      // every third title is cut as lists do, the full one in `title`
      const cut = [...l.title].length > 18 && l.path.length % 3 === 0;
      const text = cut ? [...l.title].slice(0, 18).join('') + '…' : l.title;
      return `  <li><a href="${l.path.startsWith('/nb/') ? '.' + l.path.slice(3) : l.path}" title="${l.title}" target="_blank">${text}</a><span>2024-01-1${page % 10}</span></li>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="ColumnName" content="政府信息公开年报"><title>政府信息公开年报_某某县人民政府</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/nb/index.html">政府信息公开年报</a> <a href="/jd/1.html">《某某县${YEAR}年政府信息公开工作年度报告》解读</a></div>
<ul class="list">
${items}
</ul>
<div class="page"><script>
var currentPage = ${page};//所在页从0开始
var countPage = ${pages}//共多少页
createPageHTML(countPage, currentPage, "index", "html");
</script></div>
<div class="footer"><a href="http://www.gov.cn/">中国政府网</a></div>
</body></html>`;
}

export async function startBatchSite(o: SiteOptions): Promise<BatchSite> {
  const links = siteLinks(o);
  const perPage = o.perPage ?? Math.max(1, links.length);
  const pages = Math.max(1, Math.ceil(links.length / perPage));
  const hits = new Map<string, number>();
  let delay = 0;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    const list = /^\/nb\/index(?:_(\d+))?\.html$/.exec(path);
    if (list) {
      const page = Number(list[1] ?? 0);
      if (page >= pages) return send(404, 'text/plain', 'not found');
      return send(200, 'text/html; charset=utf-8', listPage(links.slice(page * perPage, (page + 1) * perPage), page, pages));
    }
    const later = (fn: () => void) => (delay > 0 ? setTimeout(fn, delay) : fn());
    let m: RegExpExecArray | null;
    if ((m = /^\/nb\/r(\d+)\.html$/.exec(path)) && Number(m[1]) < o.reports) return later(() => send(200, 'text/html; charset=utf-8', SEEDS[Number(m![1]) % SEEDS.length]!));
    if ((m = /^\/nb\/gbk(\d+)\.html$/.exec(path)) && Number(m[1]) < (o.gbk ?? 0)) return later(() => send(200, 'text/html', GBK));
    if ((m = /^\/news\/n(\d+)\.html$/.exec(path)) && Number(m[1]) < (o.notReports ?? 0)) return later(() => send(200, 'text/html; charset=utf-8', NOT_REPORT));
    if ((m = /^\/nb\/a(\d+)\.pdf$/.exec(path)) && Number(m[1]) < (o.attachments ?? 0)) return send(200, 'application/pdf', '%PDF-1.4\n%\u00e2\u00e3\n');
    return send(404, 'text/html; charset=utf-8', '<!DOCTYPE html><title>404</title><h1>404 页面不存在</h1>');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    links,
    hits,
    listUrl: (host) => `http://${host}:${port}/nb/index.html`,
    url: (host, path) => `http://${host}:${port}${path}`,
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
