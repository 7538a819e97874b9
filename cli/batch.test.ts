import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportFileSchema } from '../lib/export/json';
import { CSV_BOM } from '../lib/export/csv';
import { startBatchSite, type BatchSite } from '../tests/helpers/batch-site';
import { collectListLinks, parseUrlList, runBatchCli } from './batch';
import { main } from './report-audit';

const NOW = new Date('2026-11-23T08:00:00Z');
const HOST = '127.0.0.1';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), fetch: globalThis.fetch as never, now: () => NOW },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('report-audit --from-list', () => {
  let site: BatchSite;
  const dir = mkdtempSync(join(tmpdir(), 'report-audit-batch-'));
  beforeAll(async () => {
    site = await startBatchSite({ reports: 6, gbk: 1, broken: 2, notReports: 2, attachments: 2, perPage: 5 });
  });
  afterAll(() => site.close());

  it('follows the createPageHTML pager only as far as --pages says', async () => {
    const one = await collectListLinks(site.listUrl(HOST), 1, { fetch: globalThis.fetch, timeoutMs: 5000, delayMs: 0 });
    expect(one.pagesRead).toHaveLength(1);
    expect(one.links).toHaveLength(5);
    const all = await collectListLinks(site.listUrl(HOST), 50, { fetch: globalThis.fetch, timeoutMs: 5000, delayMs: 0 });
    expect(all.pagesRead.map((u) => u.replace(/^.*\/nb\//, ''))).toEqual(['index.html', 'index_1.html', 'index_2.html']);
    expect(all.links.map((l) => new URL(l.url).pathname)).toEqual(site.links.map((l) => l.path));
    expect(all.label).toBe('政府信息公开年报_某某县人民政府');
  });

  it('audits every linked page with the right outcome and writes the extension’s JSON export', async () => {
    const t = io();
    const out = join(dir, 'batch.json');
    const code = await runBatchCli(['--from-list', site.listUrl(HOST), '--pages', '9', '--concurrency', '3', '--delay', '0', '--out', out], t.io);
    const table = t.out();
    // 7 done (6 seeds + the GB2312 page), 2 × 404, 2 not reports, 2 attachments
    expect(table).toContain('共 13 页：完成 7，失败 6（HTTP 错误 2，不是年报页面 2，仅有附件 2），未完成 0');
    expect(code).toBe(2); // some links could not be read
    for (const l of site.links) {
      const line = table.split('\n').find((s) => s.includes(l.path))!;
      expect(line, l.path).toMatch(l.expect === 'done' ? /^\s+完成/ : /^\s+失败/);
      if (l.expect === 'http') expect(line).toContain('HTTP 错误：HTTP 404 Not Found');
      if (l.expect === 'not-report') expect(line).toContain('不是年报页面：');
      if (l.expect === 'attachment') expect(line).toContain('仅有附件：');
    }
    // attachments are never requested, every other page once
    expect(site.hits.get('/nb/a0.pdf')).toBeUndefined();
    const file = ExportFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.reports).toHaveLength(7);
    const gbk = file.reports.find((r) => r.source.endsWith('/nb/gbk0.html'))!;
    expect(gbk.report?.title).toBe('同江市乐业镇2020年政府信息公开工作年度报告');
    expect(t.err()).toMatch(/13\/13/);
  });

  it('--out .csv and .xlsx are the extension’s files: one row per finding', async () => {
    const csvPath = join(dir, 'batch.csv');
    const xlsxPath = join(dir, 'batch.xlsx');
    const jsonPath = join(dir, 'b.json');
    const url = site.url(HOST, '/nb/r2.html');
    const list = join(dir, 'urls.txt');
    writeFileSync(list, `# one report\n${url}\n\n${site.url(HOST, '/nb/missing0.html')}  # broken\nnot a url\n`);
    for (const path of [csvPath, xlsxPath, jsonPath]) {
      const t = io();
      expect(await runBatchCli(['--urls', list, '--delay', '0', '--out', path], t.io)).toBe(2);
      expect(t.err()).toContain('not an http(s) URL: not a url');
    }
    const json = ExportFileSchema.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));
    const findings = json.reports[0]!.findings!.length;
    expect(findings).toBeGreaterThan(0);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + findings);
    const sheets = await readXlsxFile(readFileSync(xlsxPath));
    expect(sheets.find((s) => s.sheet === '问题清单')!.data).toHaveLength(1 + findings);
    // and one sheet laying out the report's tables
    expect(sheets).toHaveLength(2);
  });

  it('through main(): usage errors, and --json prints the export file', async () => {
    const t = io();
    expect(await main(['--from-list', site.listUrl(HOST), '--urls', 'x.txt'], { stdout: t.io.stdout, stderr: t.io.stderr })).toBe(2);
    expect(t.err()).toContain('give either --from-list URL or --urls FILE');
    const t2 = io();
    expect(await main(['--from-list', site.listUrl(HOST), '--concurrency', 'many'], { stdout: t2.io.stdout, stderr: t2.io.stderr })).toBe(2);
    expect(t2.err()).toContain("--concurrency needs a whole number ≥ 1, not 'many'");
    const t3 = io();
    expect(await main(['--from-list', site.listUrl(HOST), '--out', 'x.pdf'], { stdout: t3.io.stdout, stderr: t3.io.stderr })).toBe(2);
    const t4 = io();
    const code = await main(['--from-list', site.listUrl(HOST), '--delay', '0', '--json'], { stdout: t4.io.stdout, stderr: t4.io.stderr, now: NOW });
    expect(code).toBe(2);
    // the first list page only: r0 and gbk0 are reports (missing0 404, n0 not a report, a0 a PDF)
    expect(ExportFileSchema.parse(JSON.parse(t4.out())).reports.map((r) => new URL(r.source).pathname)).toEqual(['/nb/r0.html', '/nb/gbk0.html']);
  });

  it('an unreadable list page is an input error', async () => {
    const t = io();
    expect(await runBatchCli(['--from-list', site.url(HOST, '/nb/index_99.html')], t.io)).toBe(2);
    expect(t.err()).toContain('cannot read the list page: HTTP 404');
  });

  it('a later list page that cannot be read is reported; the pages before it are audited (exit status 2)', async () => {
    const t = io();
    // the third list page answers 503
    const fetch = ((url: string, init: RequestInit) =>
      url.endsWith('/nb/index_2.html') ? Promise.resolve(new Response('busy', { status: 503 })) : globalThis.fetch(url, init)) as never;
    const code = await runBatchCli(['--from-list', site.listUrl(HOST), '--pages', '5', '--delay', '0', '--json'], { ...t.io, fetch });
    expect(code).toBe(2);
    expect(t.err()).toContain('list page 3 (http://127.0.0.1');
    expect(t.err()).toContain('cannot read it: HTTP 503; keeping the links of the 2 pages read');
    // the 10 links of the first two pages were audited, the reports among them stored
    expect(t.err()).toMatch(/10\/10/);
    const paths = ExportFileSchema.parse(JSON.parse(t.out())).reports.map((r) => new URL(r.source).pathname);
    expect(paths.sort()).toEqual(site.links.slice(0, 10).filter((l) => l.expect === 'done').map((l) => l.path).sort());
  });
});

describe('parseUrlList', () => {
  it('one URL per line, comments and blanks skipped, other schemes refused', () => {
    expect(parseUrlList('https://a.gov.cn/1.htm\r\n# x\n\n  http://b.gov.cn/2.htm # two\nftp://c/3\n')).toEqual({
      urls: ['https://a.gov.cn/1.htm', 'http://b.gov.cn/2.htm'],
      bad: ['ftp://c/3'],
    });
  });
});

describe('report-audit --urls: the same body’s consecutive years are compared', () => {
  let server: Server;
  let base = '';
  const pages: Record<string, string> = {
    '/nb/2020.html': 'tests/fixtures/seeds/002.word.html',
    '/nb/2019.html': 'tests/fixtures/crossyear/002-previous-year-carry.html',
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const file = pages[req.url ?? ''];
      if (!file) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(new URL(`../${file}`, import.meta.url)));
    });
    await new Promise<void>((r) => server.listen(0, HOST, r));
    base = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('XYEAR-CARRY on the 2020 report, with both reports’ ids, in the JSON and the table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-audit-xyear-'));
    const list = join(dir, 'urls.txt');
    writeFileSync(list, `${base}/nb/2020.html\n${base}/nb/2019.html\n`);
    const json = io();
    expect(await runBatchCli(['--urls', list, '--delay', '0', '--json'], json.io)).toBe(0);
    const file = ExportFileSchema.parse(JSON.parse(json.out()));
    const y2020 = file.reports.find((r) => r.source === `${base}/nb/2020.html`)!;
    const carry = y2020.findings!.filter((f) => f.ruleId === 'XYEAR-CARRY');
    expect(carry.map((f) => f.cells[0])).toEqual(expect.arrayContaining(['T3:2:natural', 'T3:2:total']));
    expect(carry[0]).toMatchObject({ expected: 2, actual: 0, reports: { current: `${base}/nb/2020.html`, previous: `${base}/nb/2019.html` } });
    // the earlier year has nothing to compare with
    const y2019 = file.reports.find((r) => r.source === `${base}/nb/2019.html`)!;
    expect(y2019.findings!.some((f) => f.ruleId.startsWith('XYEAR-'))).toBe(false);

    const text = io();
    await runBatchCli(['--urls', list, '--delay', '0'], text.io);
    expect(text.out()).toContain('跨年比较');
    expect(text.out()).toContain('XYEAR-CARRY');
  });
});
