/**
 * The XLSX export off the page's main thread, written while the store is still being read.
 *
 * Two workers share the work (bench/workbook-browser.bench.ts). The writer reads the reports
 * from the store itself, a batch at a time (lib/store/db.ts reportDetailBatches; the next batch
 * is being read while this one is written), so they are not copied from the page; it turns
 * them into sheet XML (lib/export/xlsx.ts XlsxExport) and moves the bytes over a MessageChannel
 * to the deflater, which zips them (fflate) and answers the page with the file after the
 * writer's last entry. Both run xlsx.worker.ts; the first message says which one it is. The
 * page only waits, responsive, its "exporting" status showing.
 */
import { XlsxExport, xlsxBlob } from '../../lib/export/xlsx';
import { LocalZip, type ZipEntry, type ZipTarget } from '../../lib/export/spreadsheetml';
import type { ExportDetail } from '../../lib/export/types';
import { reportDetailBatches, type AuditDb } from '../../lib/store/db';

export type XlsxRequest =
  /** To a writer, first: send the zip entries to this port (a deflater reads them). */
  | { deflateTo: MessagePort }
  /** To a deflater, first: zip what arrives on this port, then answer with the file. */
  | { deflateFrom: MessagePort }
  /** To a writer, then: export these stored reports, in this order. */
  | { export: readonly string[] };
export type XlsxReply = { ok: true; blob: Blob } | { ok: false; error: string };

/** What a writer sends a deflater. */
export type ZipMessage = { open: number; path: string } | { id: number; chunk: Uint8Array; final: boolean } | { end: true };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The part of a MessagePort this uses. */
export interface PortLike {
  postMessage(message: ZipMessage, transfer?: Transferable[]): void;
}

/** A ZipTarget on another thread: each entry's bytes are moved (transferred) to a ZipReceiver. */
export class ZipPort implements ZipTarget {
  private next = 0;
  constructor(private readonly port: PortLike) {}

  entry(path: string): ZipEntry {
    const id = this.next++;
    this.port.postMessage({ open: id, path });
    return { push: (chunk, final) => this.port.postMessage({ id, chunk, final }, [chunk.buffer]) };
  }

  end(): void {
    this.port.postMessage({ end: true });
  }
}

/** The deflater's side of a ZipPort: answers the .xlsx file after `end`, or the first error. */
export class ZipReceiver {
  private zip: LocalZip | null = new LocalZip(1);
  private readonly entries = new Map<number, ZipEntry>();

  handle(m: ZipMessage): XlsxReply | null {
    if (this.zip === null) return null;
    try {
      if ('open' in m) this.entries.set(m.open, this.zip.entry(m.path));
      else if ('id' in m) {
        const entry = this.entries.get(m.id);
        if (!entry) throw new Error(`zip entry ${m.id} was never opened`);
        entry.push(m.chunk, m.final);
        if (m.final) this.entries.delete(m.id);
      } else {
        this.zip.end();
        const bytes = this.zip.result();
        this.zip = null;
        return { ok: true, blob: xlsxBlob(bytes) };
      }
      return null;
    } catch (e) {
      this.zip = null;
      return { ok: false, error: message(e) };
    }
  }
}

/**
 * One export in one thread, request by request (a writer worker's state, or the page's when
 * there is no worker). Answers `finish` with the file, or, when its entries go to a deflater,
 * answers only an error; after the first error it ignores the rest.
 */
export class XlsxBuild {
  private book: XlsxExport | null;

  constructor(zip?: ZipTarget) {
    this.book = new XlsxExport(zip ? { zip } : {});
  }

  handle(req: { add: readonly ExportDetail[] } | { finish: true }): XlsxReply | null {
    if (this.book === null) return null;
    try {
      if ('add' in req) {
        this.book.add(req.add);
        return null;
      }
      const bytes = this.book.finish();
      this.book = null;
      return bytes ? { ok: true, blob: xlsxBlob(bytes) } : null;
    } catch (e) {
      this.book = null;
      return { ok: false, error: message(e) };
    }
  }
}

/**
 * Write the workbook of `batches` with `build`: each batch is written while the next one is
 * being read. The reply: the file, or null when it went to a deflater; an error of reading or
 * writing as an error reply.
 */
export async function writeBatches(build: XlsxBuild, batches: AsyncIterable<readonly ExportDetail[]>): Promise<XlsxReply | null> {
  const it = batches[Symbol.asyncIterator]();
  try {
    let next = it.next();
    for (;;) {
      const r = await next;
      if (r.done) break;
      next = it.next(); // the store reads the next batch while this one is written
      const failed = build.handle({ add: r.value });
      if (failed) {
        await next.catch(() => undefined);
        await it.return?.();
        return failed;
      }
    }
  } catch (e) {
    return { ok: false, error: message(e) };
  }
  return build.handle({ finish: true });
}

/**
 * What a worker running xlsx.worker.ts does with its messages: `reply` posts to the page,
 * `db` opens the store (the extension's, in the worker).
 */
export function xlsxWorkerMain(
  scope: { addEventListener(type: 'message', fn: (e: MessageEvent<XlsxRequest>) => void): void },
  reply: (r: XlsxReply) => void,
  db: () => AuditDb,
): void {
  let zip: ZipTarget | undefined;
  scope.addEventListener('message', (e) => {
    const req = e.data;
    if ('deflateFrom' in req) {
      const receiver = new ZipReceiver();
      req.deflateFrom.addEventListener('message', (m: MessageEvent<ZipMessage>) => {
        const r = receiver.handle(m.data);
        if (r) reply(r);
      });
      req.deflateFrom.start();
    } else if ('deflateTo' in req) {
      zip = new ZipPort(req.deflateTo);
    } else {
      void writeBatches(new XlsxBuild(zip), reportDetailBatches(db(), req.export)).then((r) => r && reply(r));
    }
  });
}

/** The part of a Worker this uses (a fake one in tests). */
export interface XlsxWorkerLike {
  postMessage(message: XlsxRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<XlsxReply>) => void): void;
  addEventListener(type: 'error', fn: (e: Event) => void): void;
  terminate(): void;
}

/**
 * The workbook of the stored reports `urls`, written by two workers (`newWorker` makes one).
 * When a worker cannot run at all (its script fails to load), the workbook is written in the
 * page instead, from `batches()`; an error of the reading or the writing is an export error.
 */
export async function xlsxInWorkers(
  newWorker: () => XlsxWorkerLike,
  urls: readonly string[],
  batches: () => AsyncIterable<readonly ExportDetail[]>,
): Promise<Blob> {
  const writer = newWorker();
  const deflater = newWorker();
  let broken = false;
  let settle!: (reply: XlsxReply) => void;
  const replied = new Promise<XlsxReply>((resolve) => (settle = resolve));
  for (const w of [writer, deflater]) {
    w.addEventListener('message', (e) => settle(e.data));
    w.addEventListener('error', (e) => {
      e.preventDefault?.();
      broken = true;
      settle({ ok: false, error: 'worker' });
    });
  }
  try {
    const channel = new MessageChannel();
    deflater.postMessage({ deflateFrom: channel.port2 }, [channel.port2]);
    writer.postMessage({ deflateTo: channel.port1 }, [channel.port1]);
    writer.postMessage({ export: [...urls] });
    let reply = await replied;
    if (broken) reply = (await writeBatches(new XlsxBuild(), batches()))!;
    if (!reply.ok) throw new Error(reply.error);
    return reply.blob;
  } finally {
    writer.terminate();
    deflater.terminate();
  }
}
