/**
 * Bad input: every case ends in a clear InputError message (the CLI prints it and exits 2) or in a
 * clean result, never in a crash or a hang. Large inputs are generated here, not committed.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, MAX_INPUT_BYTES, decodeBytes, runBytes, runHtml, runPath, runUrl } from '../../lib/node';
import { AuditResultSchema } from '../../lib/schema';
import type { AuditResult } from '../../lib/types';
import { main } from '../../cli/report-audit';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SEED_WORD = readFileSync(join(ROOT, 'tests/fixtures/seeds/002.word.html'), 'utf8');
const SEED_FLAT = join(ROOT, 'tests/fixtures/seeds/002.flat.html');
const GBK_DECLARED = join(ROOT, 'tests/fixtures/encoding/002.flat.gb2312.html');
const GBK_UNDECLARED = join(ROOT, 'tests/fixtures/encoding/002.flat.gbk-undeclared.html');
const TITLE = '同江市乐业镇2020年政府信息公开工作年度报告';
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082',
  'hex',
);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'report-audit-bad-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A clean result: valid against the contract's schema. */
function clean(r: AuditResult): AuditResult {
  expect(AuditResultSchema.safeParse(r).success).toBe(true);
  return r;
}

function inputError(fn: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(InputError);
  expect((thrown as Error).message).toMatch(message);
}

async function rejectsInput(p: Promise<unknown>, message: RegExp): Promise<InputError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  expect((e as Error).message).toMatch(message);
  return e as InputError;
}

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), cwd: tmp });
  return { code, out, err };
}

function withinMs<T>(ms: number, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  expect(performance.now() - t0).toBeLessThan(ms);
  return r;
}

/** The seed page's tables (T2, T3, T4), as HTML. */
function seedTables(): string[] {
  return SEED_WORD.match(/<table[\s\S]*?<\/table>/g) ?? [];
}

describe('empty and binary files', () => {
  it('an empty file: the engine returns a clean "not a report", the CLI says the file is empty', async () => {
    const empty = join(tmp, 'empty.html');
    writeFileSync(empty, '');
    const r = clean((await runPath(empty)).result);
    expect(r.detected).toBe(false);
    expect(clean(runBytes(new Uint8Array(0), { source: 'x.txt' }).result).detected).toBe(false);
    expect(await cli([empty])).toEqual({ code: 2, out: '', err: `report-audit: ${empty}: the file is empty\n` });
  });

  it('whitespace only, or text with no report in it: not a report', async () => {
    const blank = join(tmp, 'blank.html');
    writeFileSync(blank, ' \n\t\r\n\u3000');
    expect(clean((await runPath(blank)).result).detected).toBe(false);
    const text = join(tmp, 'notes.txt');
    writeFileSync(text, '会议纪要\n\t一\t二\n');
    expect(clean((await runPath(text)).result).detected).toBe(false);
  });

  it('PNG bytes, whatever the file is called', async () => {
    inputError(() => runBytes(PNG, { source: 'a.png' }), /not a text or HTML file \(binary content\)/);
    const png = join(tmp, 'report.html');
    writeFileSync(png, PNG);
    await rejectsInput(runPath(png), /binary content/);
    const r = await cli([png]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`report-audit: ${png}: not a text or HTML file (binary content)\n`);
  });

  it('a file above the size limit is refused before it is read', async () => {
    const huge = join(tmp, 'huge.html');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_INPUT_BYTES + 1); // sparse: no 50 MB written
    await rejectsInput(runPath(huge), /file too large/);
  });

  it('a directory or a missing path', async () => {
    await rejectsInput(runPath(tmp), /is a directory/);
    await rejectsInput(runPath(join(tmp, 'nope.html')), /no such file/);
  });
});

describe('encodings', () => {
  it('a GBK page is decoded, with <meta charset=gb2312> or without any declaration', async () => {
    const utf8 = (await runPath(SEED_FLAT)).result;
    for (const path of [GBK_DECLARED, GBK_UNDECLARED]) {
      const bytes = new Uint8Array(readFileSync(path));
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
      const text = decodeBytes(bytes, path);
      expect(text).not.toContain('\ufffd');
      expect(text).toContain(TITLE);
      const r = clean((await runPath(path)).result);
      expect(r.report).toEqual(utf8.report);
      expect(r.cells).toEqual(utf8.cells);
      expect(r.findings!.map((f) => f.ruleId)).toEqual(utf8.findings!.map((f) => f.ruleId));
    }
  });

  it('an HTTP charset wins over the bytes; a BOM wins over both', () => {
    const gbk = new Uint8Array(readFileSync(GBK_UNDECLARED));
    expect(decodeBytes(gbk, 'x', 'GBK')).toContain(TITLE);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(`<p>${TITLE}</p>`)]);
    expect(decodeBytes(bom, 'x', 'gbk')).toBe(`<p>${TITLE}</p>`);
  });

  it('bytes that are neither UTF-8 nor GBK still give a clean result', () => {
    const junk = new Uint8Array(20_000).map((_, i) => 0x80 + ((i * 37) % 0x7f)); // high bytes, no NUL
    const r = clean(runBytes(junk, { source: 'junk.html' }).result);
    expect(r.detected).toBe(false);
  });
});

describe('hostile tables', () => {
  it('rowspan="9999" and colspan="9999" on report cells finish quickly with a clean result', () => {
    let i = 0;
    const html = SEED_WORD.replace(/<td(?=[\s>])/g, () => (i++ % 7 === 3 ? '<td rowspan="9999" colspan="9999"' : '<td'));
    expect(i).toBeGreaterThan(200);
    const r = clean(withinMs(10_000, () => runHtml(html, { source: 'span.html' }).result));
    expect(r.detected).toBe(true);
    expect(r.report?.title).toBe(TITLE);
  });

  it('a table of nothing but huge spans', () => {
    const row = `<tr>${'<td rowspan="65534" colspan="1000">1</td>'.repeat(20)}</tr>`;
    const r = clean(withinMs(10_000, () => runHtml(`<html><body><p>${TITLE}</p><table>${row.repeat(50)}</table></body></html>`, { source: 'spans.html' }).result));
    expect(typeof r.detected).toBe('boolean');
  });

  it('200 levels of nested tables: a clean result, and the report inside is still found', () => {
    const depth = 200;
    const open = '<table><tr><td>'.repeat(depth);
    const close = '</td></tr></table>'.repeat(depth);
    clean(withinMs(10_000, () => runHtml(`<html><body><p>x</p>${open}1${close}</body></html>`, { source: 'deep.html' }).result));
    const wrapped = SEED_WORD.replace('<body>', `<body>${open}`).replace('</body>', `${close}</body>`);
    const plain = runHtml(SEED_WORD, { source: 'plain.html' }).result;
    const deep = clean(withinMs(10_000, () => runHtml(wrapped, { source: 'plain.html' }).result));
    expect(deep.report).toEqual(plain.report);
    expect(deep.cells).toEqual(plain.cells);
  });

  it('1 500 levels of nested tables: a clean result within a few seconds, also in the CLI', async () => {
    // the page model reads the DOM with iterative walks, never happy-dom's recursive selector engine
    const depth = 1500;
    const html = `<html><body>${'<table><tr><td>'.repeat(depth)}1${'</td></tr></table>'.repeat(depth)}</body></html>`;
    expect(clean(withinMs(5_000, () => runHtml(html, { source: 'very-deep.html' }).result)).detected).toBe(false);
    const path = join(tmp, 'very-deep.html');
    writeFileSync(path, html);
    const r = await cli([path]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('unclosed tags: a clean result, even thousands deep', async () => {
    const open = (n: number) => `<html><body><p>${TITLE}</p>${'<table><tr><td><p><span>'.repeat(n)}１２`;
    clean(withinMs(10_000, () => runHtml(open(250), { source: 'open.html' }).result)); // 1 500 elements deep
    clean(withinMs(10_000, () => runHtml(open(3000), { source: 'unclosed.html' }).result)); // 18 000 deep
    const path = join(tmp, 'unclosed.html');
    writeFileSync(path, open(3000));
    const r = await cli([path]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('a cell nested too deeply for happy-dom to read (its textContent overflows the stack) is a clear input error', async () => {
    const html = `<html><body><p>${TITLE}</p><table><tr><td>${'<div>'.repeat(20_000)}1</td></tr></table></body></html>`;
    inputError(() => withinMs(10_000, () => runHtml(html, { source: 'deep-cell.html' })), /^the page is nested too deeply to read/);
    const path = join(tmp, 'deep-cell.html');
    writeFileSync(path, html);
    const r = await cli([path]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`report-audit: ${path}: the page is nested too deeply to read (maximum call stack size exceeded)\n`);
  });
});

describe('size', () => {
  it('a 5 MB report (the seed plus 5 MB of narrative) is audited in bounded time', () => {
    const para = `<p>${'本机关坚持以人民为中心，深入推进政务公开工作，切实保障人民群众知情权、参与权、表达权和监督权。'.repeat(10)}</p>\n`;
    const copies = Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(para));
    const at = SEED_WORD.lastIndexOf('</table>') + '</table>'.length;
    const html = `${SEED_WORD.slice(0, at)}\n${para.repeat(copies)}${SEED_WORD.slice(at)}`;
    expect(Buffer.byteLength(html)).toBeGreaterThan(5 * 1024 * 1024);
    const bytes = new TextEncoder().encode(html);
    const r = clean(withinMs(20_000, () => runBytes(bytes, { source: 'big.html' }).result));
    expect(r.detected).toBe(true);
    expect(r.report?.title).toBe(TITLE);
    expect(Object.keys(r.cells ?? {}).length).toBeGreaterThan(100);
  });

  it('a single 5 MB cell', () => {
    const html = `<html><body><table><tr><td>${'１'.repeat(2_000_000)}</td><td>${'x'.repeat(1_000_000)}</td></tr></table></body></html>`;
    clean(withinMs(20_000, () => runHtml(html, { source: 'cell.html' }).result));
  });

  it('a page of 150 repeated report tables (about 14 000 cells)', () => {
    const tables = seedTables().join('\n');
    const at = SEED_WORD.lastIndexOf('</table>') + '</table>'.length;
    const html = `${SEED_WORD.slice(0, at)}\n${Array.from({ length: 49 }, () => tables).join('\n<p>附表</p>\n')}${SEED_WORD.slice(at)}`;
    const r = clean(withinMs(30_000, () => runHtml(html, { source: 'many.html' }).result));
    expect(r.detected).toBe(true);
  }, 60_000);
});

describe('URLs that do not answer', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/silent') return; // accept the request, never answer
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
        res.write('<html><body><p>'); // headers and a first chunk, then nothing
        return;
      }
      if (req.url === '/reset') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
        res.write('<html><body><p>', () => req.socket.destroy());
        return;
      }
      if (req.url === '/empty') return void res.writeHead(200, { 'content-type': 'text/html' }).end();
      if (req.url === '/png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      res.writeHead(500).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  });

  it('a server that accepts and never answers: InputError after the timeout', async () => {
    const t0 = performance.now();
    await rejectsInput(runUrl(`${base}/silent`, { timeoutMs: 500 }), /^cannot fetch URL: no answer within 1 s$/);
    expect(performance.now() - t0).toBeLessThan(3000);
    // under a second never reads "within 0 s"
    await rejectsInput(runUrl(`${base}/silent`, { timeoutMs: 300 }), /^cannot fetch URL: no answer within 1 s$/);
  });

  it('a body that stalls or is cut off: InputError from the engine, within the timeout', async () => {
    const t0 = performance.now();
    await rejectsInput(runUrl(`${base}/stall`, { timeoutMs: 400 }), /^cannot fetch URL: the page had not fully arrived after 1 s$/);
    await rejectsInput(runUrl(`${base}/reset`, { timeoutMs: 2000 }), /^cannot fetch URL: the connection closed before the page had fully arrived$/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('a server that stops or resets mid-page: the CLI reports it as unreadable, within the timeout', async () => {
    const t0 = performance.now();
    const r = await cli(['--timeout', '0.5', `${base}/stall`, `${base}/reset`]);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^report-audit: ${base}/stall: cannot fetch URL: `));
    expect(lines[1]).toMatch(new RegExp(`^report-audit: ${base}/reset: cannot fetch URL: `));
    expect(r.err).not.toContain('internal error');
  });

  it('HTTP errors, images and empty answers', async () => {
    await rejectsInput(runUrl(`${base}/boom`, { timeoutMs: 2000 }), /HTTP 500/);
    await rejectsInput(runUrl(`${base}/png`, { timeoutMs: 2000 }), /not an HTML page \(image\/png\)/);
    // an empty answer is refused like an empty file
    await rejectsInput(runUrl(`${base}/empty`, { timeoutMs: 2000 }), /^the page is empty$/);
    expect(await cli([`${base}/empty`])).toEqual({ code: 2, out: '', err: `report-audit: ${base}/empty: the page is empty\n` });
    await rejectsInput(runUrl('http://127.0.0.1:1/', { timeoutMs: 2000 }), /cannot fetch URL/);
  });
});
