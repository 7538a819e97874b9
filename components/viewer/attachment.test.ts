import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { openPdf, runAttachment } from '../../lib/attachments';
import { NO_TEXT_MESSAGE } from '../../lib/pdf/audit';
import { UNSUPPORTED } from '../../lib/attachment-kind';
import { parseDoc } from '../../tests/helpers/pages';
import {
  MAX_BYTES,
  ViewerError,
  attachmentKind,
  attachmentUrl,
  auditDocx,
  auditPdf,
  fetchAttachment,
  originPattern,
  sanitiseDocx,
  type Progress,
} from './attachment';

const DIR = fileURLToPath(new URL('../../tests/fixtures/attachments/', import.meta.url));
const file = (name: string) => new Uint8Array(readFileSync(DIR + name));
const URL_PDF = 'https://www.example.gov.cn/xxgk/nb/002-t3-rowsum-row3.7.pdf';
const URL_DOCX = 'https://www.example.gov.cn/xxgk/nb/002-t4-sum-review.docx';

/** A fetch that answers with these bytes in chunks of `chunk`. */
function fakeFetch(body: Uint8Array, init: { status?: number; headers?: Record<string, string>; chunk?: number } = {}): typeof fetch {
  return (async () => {
    const chunk = init.chunk ?? 64 * 1024;
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= body.length) return c.close();
        c.enqueue(body.slice(at, at + chunk));
        at += chunk;
      },
    });
    return new Response(stream, { status: init.status ?? 200, headers: init.headers ?? {} });
  }) as typeof fetch;
}

const problemOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ViewerError);
    return (e as ViewerError).problem;
  }
  throw new Error('no error');
};

describe('the viewer’s src', () => {
  it('takes an absolute http(s) URL without its fragment, and says what is wrong with others', () => {
    expect(attachmentUrl('https://a.gov.cn/x/nb.pdf#page=2')).toBe('https://a.gov.cn/x/nb.pdf');
    for (const bad of [null, '', 'nb.pdf', 'javascript:alert(1)', 'file:///etc/passwd', 'data:application/pdf,x']) {
      expect(() => attachmentUrl(bad)).toThrowError(ViewerError);
    }
    expect(originPattern('https://a.gov.cn:8443/x/nb.pdf')).toBe('https://a.gov.cn/*');
  });
});

describe('fetchAttachment', () => {
  it('reads the body with progress up to the declared length', async () => {
    const body = file('002.word.pdf');
    const events: Progress[] = [];
    const got = await fetchAttachment(URL_PDF, (p) => events.push(p), fakeFetch(body, { headers: { 'content-length': String(body.length), 'content-type': 'application/pdf' }, chunk: 50_000 }));
    expect(got.bytes).toEqual(body);
    expect(got.contentType).toBe('application/pdf');
    const loaded = events.map((e) => (e.stage === 'fetch' ? e.loaded : -1));
    expect(loaded[0]).toBe(0);
    expect(loaded.at(-1)).toBe(body.length);
    expect(loaded.length).toBe(Math.ceil(body.length / 50_000) + 1);
    for (let i = 1; i < loaded.length; i++) expect(loaded[i]!).toBeGreaterThan(loaded[i - 1]!);
    expect(events.every((e) => e.stage === 'fetch' && e.total === body.length)).toBe(true);
  });

  it('fails clearly on an HTTP error, a network failure and a file too large', async () => {
    expect(await problemOf(fetchAttachment(URL_PDF, () => undefined, fakeFetch(new Uint8Array(), { status: 404 })))).toBe('fetch');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await problemOf(fetchAttachment(URL_PDF, () => undefined, offline))).toBe('fetch');
    expect(await problemOf(fetchAttachment(URL_PDF, () => undefined, fakeFetch(new Uint8Array(10), { headers: { 'content-length': String(MAX_BYTES + 1) } })))).toBe('too-large');
    // undeclared length: stopped while reading
    expect(await problemOf(fetchAttachment(URL_PDF, () => undefined, fakeFetch(new Uint8Array(5000), { chunk: 1000 }), 2500))).toBe('too-large');
  });
});

describe('attachmentKind', () => {
  it('reads PDF and DOCX, and gives the engine’s message for what it cannot read', () => {
    expect(attachmentKind({ bytes: file('002.word.pdf'), contentType: 'application/octet-stream' }, 'https://a.gov.cn/download?id=1')).toBe('pdf');
    expect(attachmentKind({ bytes: file('002.word.docx'), contentType: '' }, 'https://a.gov.cn/x.bin')).toBe('docx');
    const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    try {
      attachmentKind({ bytes: OLE, contentType: '' }, 'https://a.gov.cn/nb.wps');
      throw new Error('no error');
    } catch (e) {
      expect(e).toMatchObject({ problem: 'unsupported', kind: 'wps', message: UNSUPPORTED.wps });
    }
    expect(() => attachmentKind({ bytes: new TextEncoder().encode('<!DOCTYPE html><html>'), contentType: 'text/html' }, 'https://a.gov.cn/nb.pdf')).toThrowError(
      expect.objectContaining({ problem: 'not-attachment' }),
    );
  });
});

describe('auditPdf (legacy pdf.js in Node, as the CLI)', () => {
  it('gives the CLI’s result and evidence, reporting page N of M', async () => {
    const bytes = file('002-t3-rowsum-row3.7.pdf');
    const events: Progress[] = [];
    const { run, doc, sizes } = await auditPdf(bytes, URL_PDF, openPdf, (p) => events.push(p));
    try {
      const cli = (await runAttachment(bytes, { kind: 'pdf', source: URL_PDF, url: URL_PDF, attachmentUrl: URL_PDF })).result;
      const strip = (r: typeof cli) => ({ ...r, auditedAt: '' });
      expect(strip(run.result)).toEqual(strip(cli));
      expect(run.result.findings!.some((f) => f.ruleId === 'T3-ROWSUM')).toBe(true);
      expect(run.result.attachment).toMatchObject({ kind: 'pdf', url: URL_PDF, pages: doc.numPages, bytes: bytes.length });
      expect(Object.keys(run.result.attachment!.cellBoxes!).length).toBeGreaterThan(0);
      expect(sizes.length).toBe(doc.numPages);
      expect(sizes[0]!.width).toBeGreaterThan(500);
      const pages = events.filter((e) => e.stage === 'parse');
      expect(pages.map((e) => e.page)).toEqual(Array.from({ length: doc.numPages }, (_, i) => i + 1));
      expect(pages.every((e) => e.pages === doc.numPages)).toBe(true);
      expect(events.at(-1)).toEqual({ stage: 'audit' });
    } finally {
      await doc.destroy();
    }
  });

  it('a scanned PDF is "no-text" with the engine’s message; a damaged one is "invalid"', async () => {
    const scanned = auditPdf(file('scanned.pdf'), 'https://a.gov.cn/scan.pdf', openPdf, () => undefined);
    await expect(scanned).rejects.toMatchObject({ problem: 'no-text', message: NO_TEXT_MESSAGE });
    const broken = auditPdf(new TextEncoder().encode('%PDF-1.7\n%garbage only'), 'https://a.gov.cn/b.pdf', openPdf, () => undefined);
    await expect(broken).rejects.toMatchObject({ problem: 'invalid' });
  });
});

describe('auditDocx (mammoth in Node, happy-dom)', () => {
  const convert = async (b: Uint8Array) => (await mammoth.convertToHtml({ buffer: Buffer.from(b) })).value;

  it('gives the CLI’s result, the cells being the converted document’s elements', async () => {
    const bytes = file('002-t4-sum-review.docx');
    const { run, doc } = await auditDocx(bytes, URL_DOCX, convert, parseDoc, () => undefined);
    const cli = (await runAttachment(bytes, { kind: 'docx', source: URL_DOCX, url: URL_DOCX, attachmentUrl: URL_DOCX })).result;
    expect({ ...run.result, auditedAt: '' }).toEqual({ ...cli, auditedAt: '' });
    expect(run.result.attachment).toMatchObject({ kind: 'docx', url: URL_DOCX, bytes: bytes.length });
    const first = run.result.findings!.find((f) => f.cells[0])!;
    expect(run.context!.cells.get(first.cells[0]!)!.el!.ownerDocument).toBe(doc);
  });

  it('removes what could run or leave the page from the converted HTML', () => {
    const doc = parseDoc(
      '<html><body><p onclick="x()">a</p><a href="javascript:alert(1)">j</a><a href="https://a.gov.cn/">ok</a>' +
        '<img src="data:image/png;base64,AA==" onerror="y()"><img src="https://t.example/track.gif"><script>z()</script><iframe src="https://x"></iframe></body></html>',
    );
    sanitiseDocx(doc);
    expect(doc.querySelector('script, iframe')).toBeNull();
    expect(doc.querySelector('[onclick], [onerror]')).toBeNull();
    const links = Array.from(doc.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual([null, 'https://a.gov.cn/']);
    const imgs = Array.from(doc.querySelectorAll('img')).map((i) => i.getAttribute('src'));
    expect(imgs).toEqual(['data:image/png;base64,AA==', null]);
  });
});
