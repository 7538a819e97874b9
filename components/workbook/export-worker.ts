/**
 * The workbook's exports off the page's main thread: the page only waits, responsive, its
 * "exporting" status showing.
 *
 * XLSX: two workers share the work (bench/workbook-browser.bench.ts). The writer reads the
 * reports from the store itself, a batch at a time (lib/store/db.ts reportDetailBatches; the
 * next batch is being read while this one is written), so they are not copied from the page;
 * it turns them into sheet XML (lib/export/xlsx.ts XlsxExport) and moves the bytes over a
 * MessageChannel to the deflater, which zips them (fflate) and answers the page with the file
 * after the writer's last entry.
 *
 * CSV and JSON: one worker reads the store and answers with the file (text-export.ts).
 *
 * Every worker runs export.worker.ts; the first message says what it is to do.
 */
import { XlsxExport, xlsxBlob } from '../../lib/export/xlsx';
import { LocalZip, type ZipEntry, type ZipTarget } from '../../lib/export/spreadsheetml';
import type { ExportDetail } from '../../lib/export/types';
import { reportDetailBatches, type AuditDb } from '../../lib/store/db';
import { textExport, type TextKind } from './text-export';
import { errorMessage } from '../../lib/error-message';

export type ExportRequest =
  /** To a writer, first: send the zip entries to this port (a deflater reads them). */
  | { deflateTo: MessagePort }
  /** To a deflater, first: zip what arrives on this port, then answer with the file. */
  | { deflateFrom: MessagePort }
  /** To a writer, then: export these stored reports, in this order. */
  | { export: readonly string[] }
  /** To a worker of its own: answer with this export file of these stored reports, in this order. */
  | { text: TextKind; urls: readonly string[]; exportedAt: string };
export type ExportReply = { ok: true; blob: Blob } | { ok: false; error: string };

/** What a writer sends a deflater. */
export type ZipMessage = { open: number; path: string } | { id: number; chunk: Uint8Array; final: boolean } | { end: true };

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

  handle(m: ZipMessage): ExportReply | null {
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
      return { ok: false, error: errorMessage(e) };
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

  handle(req: { add: readonly ExportDetail[] } | { finish: true }): ExportReply | null {
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
      return { ok: false, error: errorMessage(e) };
    }
  }
}

/**
 * Write the workbook of `batches` with `build`: each batch is written while the next one is
 * being read. The reply: the file, or null when it went to a deflater; an error of reading or
 * writing as an error reply.
 */
export async function writeBatches(build: XlsxBuild, batches: AsyncIterable<readonly ExportDetail[]>): Promise<ExportReply | null> {
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
    return { ok: false, error: errorMessage(e) };
  }
  return build.handle({ finish: true });
}

/**
 * What a worker running export.worker.ts does with its messages: `reply` posts to the page,
 * `db` opens the store (the extension's, in the worker).
 */
export function exportWorkerMain(
  scope: { addEventListener(type: 'message', fn: (e: MessageEvent<ExportRequest>) => void): void },
  reply: (r: ExportReply) => void,
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
    } else if ('text' in req) {
      textExport(db(), req.text, req.urls, new Date(req.exportedAt)).then(
        (blob) => reply({ ok: true, blob }),
        (err: unknown) => reply({ ok: false, error: errorMessage(err) }),
      );
    } else {
      void writeBatches(new XlsxBuild(zip), reportDetailBatches(db(), req.export)).then((r) => r && reply(r));
    }
  });
}

/** The part of a Worker this uses (a fake one in tests). */
export interface ExportWorkerLike {
  postMessage(message: ExportRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<ExportReply>) => void): void;
  addEventListener(type: 'error', fn: (e: Event) => void): void;
  terminate(): void;
}

/**
 * Start `workers` with `start` and wait for the first answer of any of them: 'cannot run' when
 * one cannot run at all (its script fails to load). The workers are terminated after.
 */
async function firstReply(workers: readonly ExportWorkerLike[], start: () => void): Promise<ExportReply | 'cannot run'> {
  let settle!: (reply: ExportReply | 'cannot run') => void;
  const replied = new Promise<ExportReply | 'cannot run'>((resolve) => (settle = resolve));
  for (const w of workers) {
    w.addEventListener('message', (e) => settle(e.data));
    w.addEventListener('error', (e) => {
      e.preventDefault?.();
      settle('cannot run');
    });
  }
  try {
    start();
    return await replied;
  } finally {
    for (const w of workers) w.terminate();
  }
}

function fileOf(reply: ExportReply): Blob {
  if (!reply.ok) throw new Error(reply.error);
  return reply.blob;
}

/**
 * The workbook of the stored reports `urls`, written by two workers (`newWorker` makes one).
 * When a worker cannot run at all, the workbook is written in the page instead, from
 * `batches()`; an error of the reading or the writing is an export error.
 */
export async function xlsxInWorkers(
  newWorker: () => ExportWorkerLike,
  urls: readonly string[],
  batches: () => AsyncIterable<readonly ExportDetail[]>,
): Promise<Blob> {
  const writer = newWorker();
  const deflater = newWorker();
  const reply = await firstReply([writer, deflater], () => {
    const channel = new MessageChannel();
    deflater.postMessage({ deflateFrom: channel.port2 }, [channel.port2]);
    writer.postMessage({ deflateTo: channel.port1 }, [channel.port1]);
    writer.postMessage({ export: [...urls] });
  });
  return fileOf(reply === 'cannot run' ? (await writeBatches(new XlsxBuild(), batches()))! : reply);
}

/**
 * The CSV or JSON file of the stored reports `urls`, made by a worker; by `inPage()` when the
 * worker cannot run at all.
 */
export async function textInWorker(
  newWorker: () => ExportWorkerLike,
  kind: TextKind,
  urls: readonly string[],
  exportedAt: Date,
  inPage: () => Promise<Blob>,
): Promise<Blob> {
  const worker = newWorker();
  const reply = await firstReply([worker], () => worker.postMessage({ text: kind, urls: [...urls], exportedAt: exportedAt.toISOString() }));
  return reply === 'cannot run' ? inPage() : fileOf(reply);
}
