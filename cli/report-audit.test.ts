import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPath } from '../lib/node';
import { AuditResultListSchema } from '../lib/schema';
import type { AuditResult } from '../lib/types';
import { NOT_A_REPORT } from './format';
import { EXIT_INPUT, EXIT_OK, USAGE, main, type CliIO } from './report-audit';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SAMPLES = join(ROOT, 'samples');
const SEED = join(ROOT, 'tests/fixtures/seeds/002.word.html');
const SEED_FLAT = join(ROOT, 'tests/fixtures/seeds/002.flat.html');
const GBK_DECLARED = join(ROOT, 'tests/fixtures/encoding/002.flat.gb2312.html');
const GBK_UNDECLARED = join(ROOT, 'tests/fixtures/encoding/002.flat.gbk-undeclared.html');
const NOW = new Date('2026-01-02T03:04:05.000Z');
const SEED_TITLE = '同江市乐业镇2020年政府信息公开工作年度报告';

async function run(argv: string[], io: Partial<CliIO> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), now: NOW, cwd: ROOT, ...io });
  return { code, out, err };
}

function json(out: string): AuditResult[] {
  return AuditResultListSchema.parse(JSON.parse(out)) as AuditResult[];
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'report-audit-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('options', () => {
  it('--help prints the usage with the English meaning of the Chinese labels', async () => {
    const r = await run(['--help']);
    expect(r).toMatchObject({ code: EXIT_OK, err: '' });
    expect(r.out).toBe(USAGE);
    expect(r.out).toMatch(/npx report-audit \[--json\]/);
    expect(r.out).toContain('错误 error · 警告 warning · 提示 info');
    expect(r.out).toMatch(/^ {2}2 {2}an input could not be read/m);
    expect((await run(['-h'])).out).toBe(USAGE);
  });

  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `report-audit ${pkg.version}\n`, err: '' });
  });

  it('rejects an unknown option or a bad --timeout with one line and status 2', async () => {
    const a = await run(['--jsn', SEED]);
    expect(a.code).toBe(EXIT_INPUT);
    expect(a.out).toBe('');
    expect(a.err.split('\n')[0]).toBe("report-audit: Unknown option '--jsn'");
    expect((await run(['--timeout'])).err).toBe("report-audit: Option '--timeout <value>' argument missing\nTry 'report-audit --help'.\n");
    for (const t of ['0', 'abc', '-1']) {
      const b = await run([`--timeout=${t}`, SEED]);
      expect(b.code).toBe(EXIT_INPUT);
      expect(b.err).toBe(`report-audit: --timeout needs a number of seconds above 0, not '${t}'\n`);
    }
  });
});

describe('files', () => {
  it('prints a readable summary of a report page', async () => {
    const r = await run([SEED]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(SEED);
    expect(lines.slice(1, 5)).toEqual([`  标题  ${SEED_TITLE}`, '  年度  2020', '  格式  2019 年版', '  机关  同江市乐业镇']);
    expect(r.out).toMatch(/级别 +规则 +单元格 +应为 +实为 +说明/);
    expect(r.out).toMatch(/警告 +TPL-ROW-LABEL .*表三 （二）部分公开 \/ 自然人/);
    expect(r.out).toMatch(/ {2}共 \d+ 条：错误 \d+，警告 \d+，提示 \d+\n$/);
    expect(r.out).not.toContain('合计'); // one input: no closing total
  });

  it('--json prints only the JSON array of contract §3', async () => {
    const r = await run(['--json', SEED, join(SAMPLES, 'not-a-report.html')]);
    expect(r.code).toBe(0);
    const results = json(r.out);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ source: SEED, detected: true, auditedAt: NOW.toISOString(), report: { title: SEED_TITLE, year: 2020, format: '2019' } });
    expect(results[0]!.findings!.some((f) => f.ruleId === 'TPL-ROW-LABEL')).toBe(true);
    expect(results[1]).toEqual({ schemaVersion: 1, tool: results[0]!.tool, source: join(SAMPLES, 'not-a-report.html'), auditedAt: NOW.toISOString(), detected: false });
    // the same result the engine gives
    expect(results[0]).toEqual(await auditPath(SEED, { now: NOW }));
  });

  it('reports unreadable inputs on stderr, one line each, audits the others and exits 2', async () => {
    const empty = join(tmp, 'empty.html');
    writeFileSync(empty, '');
    const png = join(tmp, 'image.html');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
    const r = await run(['--json', empty, SEED, join(tmp, 'missing.html'), png, tmp]);
    expect(r.code).toBe(EXIT_INPUT);
    expect(r.err.split('\n')).toEqual([
      `report-audit: ${empty}: the file is empty`,
      `report-audit: ${join(tmp, 'missing.html')}: cannot read file: no such file`,
      `report-audit: ${png}: not a text or HTML file (binary content)`,
      `report-audit: ${tmp}: is a directory, not a page`,
      '',
    ]);
    expect(json(r.out).map((x) => x.source)).toEqual([SEED]);
  });

  it('closes the readable output with a total over several inputs', async () => {
    const r = await run([SEED, join(tmp, 'missing.html'), join(SAMPLES, 'not-a-report.html')]);
    expect(r.code).toBe(EXIT_INPUT);
    expect(r.out).toContain(`${join(SAMPLES, 'not-a-report.html')}\n  ${NOT_A_REPORT}\n  原因：`);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^合计：3 个输入，1 份年报，1 个不是年报，1 个无法读取；错误 \d+，警告 \d+，提示 \d+$/);
  });

  it('reads a GBK page, declared or not', async () => {
    const r = await run(['--json', GBK_DECLARED, GBK_UNDECLARED]);
    expect(r.code).toBe(0);
    const utf8 = await auditPath(SEED_FLAT, { now: NOW });
    for (const x of json(r.out)) {
      expect(x.report).toEqual(utf8.report);
      expect(x.cells).toEqual(utf8.cells);
    }
  });
});

describe('no input: the bundled samples', () => {
  it('audits every page in samples/, shown relative to the working directory', async () => {
    const names = readdirSync(SAMPLES).filter((f) => /\.(html?|txt)$/.test(f));
    expect(names.length).toBeGreaterThanOrEqual(3);
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    for (const n of names) expect(r.out).toContain(`samples/${n}\n`);
    expect(r.out).toContain(`samples/not-a-report.html\n  ${NOT_A_REPORT}`);
    expect(r.out).toMatch(new RegExp(`合计：${names.length} 个输入，${names.length - 1} 份年报，1 个不是年报；`));
  });

  it('shows absolute paths when run from elsewhere, and fails clearly without samples', async () => {
    const r = await run(['--json'], { cwd: tmp });
    expect(json(r.out).map((x) => x.source)).toContain(join(SAMPLES, 'seed-002.word.html'));
    const none = await run([], { samplesDir: join(tmp, 'nothing-here') });
    expect(none.code).toBe(EXIT_INPUT);
    expect(none.err).toMatch(/^report-audit: no input given and no sample pages in /);
  });

  it('has a README naming the source of every sample', () => {
    const readme = readFileSync(join(SAMPLES, 'README.md'), 'utf8');
    for (const n of readdirSync(SAMPLES).filter((f) => f !== 'README.md')) expect(readme).toContain(n);
  });
});

describe('URLs', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const gbk = readFileSync(GBK_UNDECLARED);
    const gbkMeta = readFileSync(GBK_DECLARED);
    const seed = readFileSync(SEED);
    server = createServer((req, res) => {
      switch (req.url) {
        case '/gbk-header.html':
          res.writeHead(200, { 'content-type': 'text/html; charset=GBK' }).end(gbk);
          break;
        case '/gbk-meta.html':
          res.writeHead(200, { 'content-type': 'text/html' }).end(gbkMeta);
          break;
        case '/report.html':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(seed);
          break;
        case '/moved':
          res.writeHead(302, { location: '/report.html' }).end();
          break;
        case '/report.pdf':
          res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
          break;
        case '/hang':
          break; // accept, never answer
        default:
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });

  it('audits a page by URL, following redirects, GBK by HTTP header or meta charset', async () => {
    const r = await run(['--json', `${base}/report.html`, `${base}/moved`, `${base}/gbk-header.html`, `${base}/gbk-meta.html`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const results = json(r.out);
    expect(results.map((x) => x.source)).toEqual([`${base}/report.html`, `${base}/report.html`, `${base}/gbk-header.html`, `${base}/gbk-meta.html`]);
    const utf8 = await auditPath(SEED_FLAT, { now: NOW });
    for (const x of results) expect(x.report).toMatchObject({ title: SEED_TITLE, entity: '同江市乐业镇', year: 2020 });
    expect(results[2]!.cells).toEqual(utf8.cells);
    expect(results[3]!.cells).toEqual(utf8.cells);
  });

  it('gives up on a server that does not answer within --timeout, and reports HTTP errors', async () => {
    const t0 = Date.now();
    const r = await run(['--timeout', '0.6', `${base}/hang`, `${base}/missing`, `${base}/report.pdf`, `${base}/report.html`]);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.code).toBe(EXIT_INPUT);
    expect(r.err.split('\n')).toEqual([
      `report-audit: ${base}/hang: cannot fetch URL: no answer within 1 s`,
      `report-audit: ${base}/missing: cannot fetch URL: HTTP 404 Not Found`,
      `report-audit: ${base}/report.pdf: not a valid PDF file (invalid PDF structure)`,
      '',
    ]);
    expect(r.out).toContain(`${base}/report.html\n  标题  ${SEED_TITLE}`);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const r = await run([`http://127.0.0.1:${port}/x.html`]);
    expect(r.code).toBe(EXIT_INPUT);
    expect(r.err).toBe(`report-audit: http://127.0.0.1:${port}/x.html: cannot fetch URL: ECONNREFUSED\n`);
  });
});

describe('bin/report-audit.mjs (spawned, on the esbuild bundle)', () => {
  const bin = join(ROOT, 'bin/report-audit.mjs');
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
  }, 60_000);

  it('audits the samples found next to it from any working directory', () => {
    const r = spawnSync(process.execPath, [bin], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`${join(SAMPLES, 'not-a-report.html')}\n  ${NOT_A_REPORT}`);
    expect(r.stdout).toMatch(/合计：\d+ 个输入/);
  });

  it('prints JSON and exits 2 when an input cannot be read', () => {
    const r = spawnSync(process.execPath, [bin, '--json', 'samples/seed-002.word.html', 'nope.html'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('report-audit: nope.html: cannot read file: no such file\n');
    expect(json(r.stdout)).toHaveLength(1);
  });

  it('tells the user to build when the bundle is missing', () => {
    const lone = join(tmp, 'lone/bin');
    mkdirSync(lone, { recursive: true });
    copyFileSync(bin, join(lone, 'report-audit.mjs'));
    const r = spawnSync(process.execPath, [join(lone, 'report-audit.mjs')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/not built yet .*\nRun `npm run build`/);
  });
});
