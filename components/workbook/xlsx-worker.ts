/**
 * The XLSX export off the page's main thread. write-excel-file builds the whole workbook in one
 * synchronous call (for 1,000 reports with 50,000 findings, seconds: bench/workbook-browser.bench.ts
 * prints the longest time the page did not answer), so the workbook page hands the details to a
 * Worker (xlsx.worker.ts) and stays responsive, its "exporting" status showing, until the file
 * comes back. The page still reads the store (Dexie, async) and only the building moves.
 */
import { toXlsx } from '../../lib/export/xlsx';
import type { ExportDetail } from '../../lib/export/types';

export interface XlsxRequest {
  details: readonly ExportDetail[];
}
export type XlsxReply = { ok: true; blob: Blob } | { ok: false; error: string };

/** What the worker does with a request (also callable in the page). */
export async function answerXlsx(req: XlsxRequest): Promise<XlsxReply> {
  try {
    return { ok: true, blob: await toXlsx(req.details) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The part of a Worker this uses (a fake one in tests). */
export interface XlsxWorkerLike {
  postMessage(message: XlsxRequest): void;
  addEventListener(type: 'message', fn: (e: MessageEvent<XlsxReply>) => void): void;
  addEventListener(type: 'error', fn: (e: Event) => void): void;
  terminate(): void;
}

/**
 * The workbook built in a worker. When the worker cannot run at all (its script fails to load),
 * the workbook is built in the page instead; an error of the build itself is an export error.
 */
export function xlsxInWorker(worker: XlsxWorkerLike, details: readonly ExportDetail[]): Promise<Blob> {
  return new Promise<XlsxReply>((resolve) => {
    worker.addEventListener('message', (e) => resolve(e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault?.();
      resolve(answerXlsx({ details }));
    });
    worker.postMessage({ details });
  })
    .finally(() => worker.terminate())
    .then((reply) => {
      if (!reply.ok) throw new Error(reply.error);
      return reply.blob;
    });
}
