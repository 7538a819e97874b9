import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeAttachment, runAttachment, sniffAttachment } from './attachments';
import { InputError, runPath, runUrl } from './node';
import { AuditResultSchema } from './schema';

const DIR = fileURLToPath(new URL('../tests/fixtures/attachments/', import.meta.url));
const bytes = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s));
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0];
const zip = (entry: string) => bytes([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(`\0\0\0\0${entry}`)]);

describe('sniffAttachment', () => {
  it('goes by the first bytes, then the name, then the Content-Type', () => {
    expect(sniffAttachment(readFileSync(`${DIR}002.word.pdf`), 'report.html')).toBe('pdf');
    expect(sniffAttachment(readFileSync(`${DIR}002.word.docx`), 'x.bin')).toBe('docx');
    expect(sniffAttachment(zip('Doc_0/OFD.xml'), 'a.zip')).toBe('ofd');
    expect(sniffAttachment(zip('xl/workbook.xml'), 'a')).toBe('xlsx');
    expect(sniffAttachment(bytes(OLE), 'nb.doc')).toBe('doc');
    expect(sniffAttachment(bytes(OLE), 'nb.wps')).toBe('wps');
    expect(sniffAttachment(bytes(OLE), 'nb.xls')).toBe('xls');
    // a page saved under a Word name is a page
    expect(sniffAttachment(bytes('<html><body>年报</body></html>'), 'report.doc')).toBeNull();
    expect(sniffAttachment(bytes('<!DOCTYPE html>'), 'a.html', 'text/html')).toBeNull();
    expect(sniffAttachment(null, '/files/nb.PDF?x=1')).toBe('pdf');
    expect(sniffAttachment(null, '/download', 'application/pdf; charset=binary')).toBe('pdf');
  });

  it('knows document Content-Types', () => {
    expect(looksLikeAttachment('application/pdf')).toBe(true);
    expect(looksLikeAttachment('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(true);
    expect(looksLikeAttachment('text/html; charset=utf-8')).toBe(false);
  });
});

describe('formats that are not supported', () => {
  it.each([
    ['doc', /old binary Word file.*save it as \.docx or \.pdf/],
    ['wps', /WPS document.*save it as \.docx or \.pdf/],
    ['ofd', /OFD document.*to \.pdf/],
    ['xlsx', /spreadsheet/],
  ] as const)('%s: an input error saying what to do', async (kind, message) => {
    const err = await runAttachment(bytes(OLE), { source: `a.${kind}`, kind }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });

  it('a damaged PDF is an input error', async () => {
    await expect(runAttachment(bytes('%PDF-1.7\n garbage'), { source: 'bad.pdf', kind: 'pdf' })).rejects.toThrow(/not a valid PDF file|cannot read the PDF/);
  });
});

describe('attachments by URL', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/nb/2020.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(readFileSync(`${DIR}002-t3-rowsum-row3.7.pdf`));
      else if (req.url === '/download?id=7') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(`${DIR}002.word.docx`));
      else if (req.url === '/nb/old.doc') res.writeHead(200, { 'content-type': 'application/msword' }).end(Buffer.from(OLE));
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((ok) => server.close(ok)));

  it('audits a PDF served as application/pdf and keeps its URL and hash', async () => {
    const run = await runUrl(`${base}/nb/2020.pdf`);
    const r = AuditResultSchema.parse(run.result);
    expect(r.source).toBe(`${base}/nb/2020.pdf`);
    expect(r.attachment).toMatchObject({ kind: 'pdf', url: `${base}/nb/2020.pdf`, pages: 3 });
    expect(r.findings!.find((f) => f.ruleId === 'T3-RESULT-SUM')).toBeDefined();
    const first = r.findings!.find((f) => f.ruleId === 'T3-RESULT-SUM')!.cells[0]!;
    expect(r.attachment!.cellBoxes![first]).toMatchObject({ page: expect.any(Number) });
  });

  it('recognises a DOCX by its bytes whatever the Content-Type, and refuses an old .doc clearly', async () => {
    const run = await runUrl(`${base}/download?id=7`);
    expect(run.result.detected).toBe(true);
    expect(run.result.attachment).toMatchObject({ kind: 'docx', url: `${base}/download?id=7` });
    await expect(runUrl(`${base}/nb/old.doc`)).rejects.toThrow(/old binary Word file/);
  });

  it('audits a PDF file by path, as the CLI does', async () => {
    const run = await runPath(`${DIR}000.flat.pdf`);
    expect(run.result.detected).toBe(true);
    expect(run.result.attachment?.url).toBeUndefined();
  });
});
