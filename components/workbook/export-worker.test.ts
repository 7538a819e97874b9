import { strFromU8, unzipSync } from 'fflate';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportDetail } from '../../lib/export/types';
import { toXlsx } from '../../lib/export/xlsx';
import type { AuditResultJson } from '../../lib/schema';
import { openAuditDb, reportDetailBatches, saveAudit, type AuditDb } from '../../lib/store/db';
import { textExport } from './text-export';
import {
  textInWorker,
  writeBatches,
  XlsxBuild,
  xlsxInWorkers,
  exportWorkerMain,
  ZipPort,
  ZipReceiver,
  type ExportReply,
  type ExportRequest,
  type ExportWorkerLike,
  type ZipMessage,
} from './export-worker';

const URL_A = 'https://www.example.gov.cn/xxgk/t20210305_80595.htm';
const URL_B = 'https://zfxxgk.other.gov.cn/nb/2022.htm';

function result(url: string, entity: string, year: number, findings: AuditResultJson['findings']): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source: url,
    auditedAt: '2026-11-23T07:00:00.000Z',
    detected: true,
    report: { title: `${entity}${year}年政府信息公开工作年度报告`, year, entity, format: '2019' },
    cells: { 'T3:1:total': { raw: '21', value: 21 }, 'T3:3.7:natural': { raw: '20', value: 20 } },
    findings,
  };
}
const SUM = { ruleId: 'T3-RESULT-SUM', severity: 'error' as const, cells: ['T3:3.7:natural'], expected: 26, actual: 20, message: '表三（七）总计与各项之和不符' };
const BLANK = { ruleId: 'VAL-BLANK', severity: 'warning' as const, cells: ['T3:1:total'], message: '空白单元格' };

let db: AuditDb;
let n = 0;
beforeEach(async () => {
  db = openAuditDb(`export-worker-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await saveAudit(db, result(URL_A, '某某县', 2020, [SUM, BLANK]), URL_A);
  await saveAudit(db, result(URL_B, '乙市', 2022, [BLANK]), URL_B);
});
afterEach(() => db.close());

/**
 * A Worker running export.worker.ts's main in this thread, its messages delivered on a later
 * turn, as a Worker's are; or one whose script fails to load.
 */
function fakeWorker(mode: 'runs' | 'fails to load', open = () => db) {
  let onMessage: ((e: MessageEvent<ExportRequest>) => void) | undefined;
  const on: { message?: (e: MessageEvent<ExportReply>) => void; error?: (e: Event) => void } = {};
  const w = {
    posted: [] as ExportRequest[],
    terminated: false,
    addEventListener(type: 'message' | 'error', fn: never) {
      on[type] = fn;
    },
    postMessage(message: ExportRequest) {
      w.posted.push(message);
      setTimeout(() => {
        if (mode === 'fails to load') on.error!(new Event('error'));
        else onMessage!({ data: message } as MessageEvent<ExportRequest>);
      }, 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  if (mode === 'runs')
    exportWorkerMain(
      { addEventListener: (_type, fn) => (onMessage = fn) },
      (data) => setTimeout(() => on.message!({ data } as MessageEvent<ExportReply>), 0),
      open,
    );
  return w satisfies ExportWorkerLike;
}

async function parts(blob: Blob): Promise<(name: string) => string> {
  const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  return (name) => strFromU8(files[name]!);
}

describe('reportDetailBatches', () => {
  it('reads the reports in the order asked, a batch at a time, skipping unknown ones', async () => {
    const batches: ExportDetail[][] = [];
    for await (const b of reportDetailBatches(db, [URL_B, 'https://nowhere.gov.cn/x.htm', URL_A], 2)) batches.push(b);
    expect(batches.map((b) => b.map((d) => d.report.url))).toEqual([[URL_B], [URL_A]]);
    expect(batches[1]![0]!.findings.map((f) => f.ruleId)).toEqual(['T3-RESULT-SUM', 'VAL-BLANK']);
    expect(batches[1]![0]!.report.cells['T3:1:total']).toEqual({ raw: '21', value: 21 });
  });
});

describe('XLSX export in two workers', () => {
  it('the writer reads the store and the deflater answers with the same workbook as toXlsx', async () => {
    const made: ReturnType<typeof fakeWorker>[] = [];
    const blob = await xlsxInWorkers(
      () => (made.push(fakeWorker('runs')), made.at(-1)!),
      [URL_B, URL_A],
      () => reportDetailBatches(db, [URL_B, URL_A]),
    );
    expect(made).toHaveLength(2);
    expect(made.every((w) => w.terminated)).toBe(true);
    // the writer was told where to send the entries and what to export; nothing else crossed
    expect(made[0]!.posted.map((m) => Object.keys(m)[0])).toEqual(['deflateTo', 'export']);
    expect(made[1]!.posted.map((m) => Object.keys(m)[0])).toEqual(['deflateFrom']);
    const details: ExportDetail[] = [];
    for await (const b of reportDetailBatches(db, [URL_B, URL_A])) details.push(...b);
    const [got, want] = await Promise.all([parts(blob), parts(await toXlsx(details))]);
    for (const name of ['xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml']) {
      expect(got(name)).toBe(want(name));
    }
    expect(got('xl/workbook.xml')).toMatch(/name="问题清单".*name="乙市 2022".*name="某某县 2020"/);
    // read back by a reader library: every sheet, a row per finding
    const sheets = (await readXlsxFile(Buffer.from(await blob.arrayBuffer()))) as unknown as { sheet: string; data: unknown[][] }[];
    expect(sheets.map((s) => s.sheet)).toEqual(['问题清单', '乙市 2022', '某某县 2020']);
    expect(sheets[0]!.data.map((r) => r[4])).toEqual(['规则', 'VAL-BLANK', 'T3-RESULT-SUM', 'VAL-BLANK']);
  });

  it('writes the workbook in the page when a worker cannot start', async () => {
    const made: ReturnType<typeof fakeWorker>[] = [];
    const blob = await xlsxInWorkers(
      () => (made.push(fakeWorker('fails to load')), made.at(-1)!),
      [URL_A],
      () => reportDetailBatches(db, [URL_A]),
    );
    expect(made.every((w) => w.terminated)).toBe(true);
    expect((await parts(blob))('xl/workbook.xml')).toContain('name="某某县 2020"');
  });

  it('rejects with the error of the reading, and terminates both workers', async () => {
    const made: ReturnType<typeof fakeWorker>[] = [];
    const closed = () => {
      db.close();
      return db;
    };
    await expect(xlsxInWorkers(() => (made.push(fakeWorker('runs', closed)), made.at(-1)!), [URL_A], () => reportDetailBatches(db, [URL_A]))).rejects.toThrow();
    expect(made.every((w) => w.terminated)).toBe(true);
  });
});

describe('CSV and JSON export in a worker', () => {
  const AT = new Date('2026-11-23T08:00:00.000Z');
  const notInPage = () => Promise.reject(new Error('made in the page'));

  it('the worker reads the store and answers with the same file the page makes', async () => {
    for (const kind of ['csv', 'json'] as const) {
      const made: ReturnType<typeof fakeWorker>[] = [];
      const blob = await textInWorker(() => (made.push(fakeWorker('runs')), made.at(-1)!), kind, [URL_B, URL_A], AT, notInPage);
      expect(made).toHaveLength(1);
      expect(made[0]!.terminated).toBe(true);
      expect(made[0]!.posted).toEqual([{ text: kind, urls: [URL_B, URL_A], exportedAt: AT.toISOString() }]);
      const want = await textExport(db, kind, [URL_B, URL_A], AT);
      expect(blob.type).toBe(want.type);
      expect(await blob.text()).toBe(await want.text());
    }
    const json = JSON.parse(await (await textInWorker(() => fakeWorker('runs'), 'json', [URL_B, URL_A], AT, notInPage)).text());
    expect(json.exportedAt).toBe(AT.toISOString());
    expect(json.reports.map((r: { source: string }) => r.source)).toEqual([URL_B, URL_A]);
    const csv = await textInWorker(() => fakeWorker('runs'), 'csv', [URL_A], AT, notInPage);
    expect([...new Uint8Array(await csv.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    expect((await csv.text()).trim().split('\n')).toHaveLength(3); // header, two findings of URL_A
  });

  it('makes the file in the page when the worker cannot start', async () => {
    const made: ReturnType<typeof fakeWorker>[] = [];
    const blob = await textInWorker(() => (made.push(fakeWorker('fails to load')), made.at(-1)!), 'csv', [URL_A], AT, () => textExport(db, 'csv', [URL_A], AT));
    expect(made[0]!.terminated).toBe(true);
    expect(await blob.text()).toBe(await (await textExport(db, 'csv', [URL_A], AT)).text());
  });

  it('rejects with the error of the reading, and terminates the worker', async () => {
    const made: ReturnType<typeof fakeWorker>[] = [];
    const closed = () => {
      db.close();
      return db;
    };
    await expect(textInWorker(() => (made.push(fakeWorker('runs', closed)), made.at(-1)!), 'json', [URL_A], AT, notInPage)).rejects.toThrow(/closed|Database/i);
    expect(made[0]!.terminated).toBe(true);
  });
});

describe('writeBatches', () => {
  async function* batchesOf(...bs: ExportDetail[][]): AsyncGenerator<ExportDetail[]> {
    for (const b of bs) yield b;
  }
  it('answers the first error of the writing and stops reading', async () => {
    const read: number[] = [];
    async function* counted(): AsyncGenerator<ExportDetail[]> {
      for (let i = 0; i < 5; i++) {
        read.push(i);
        yield [{ report: null, findings: [] } as unknown as ExportDetail];
      }
    }
    expect(await writeBatches(new XlsxBuild(), counted())).toMatchObject({ ok: false, error: expect.any(String) });
    expect(read.length).toBeLessThanOrEqual(2);
  });
  it('answers an error of the reading', async () => {
    async function* failing(): AsyncGenerator<ExportDetail[]> {
      yield [];
      throw new Error('the store went away');
    }
    expect(await writeBatches(new XlsxBuild(), failing())).toEqual({ ok: false, error: 'the store went away' });
  });
  it('answers the file when there is no deflater', async () => {
    const reply = await writeBatches(new XlsxBuild(), batchesOf([]));
    expect(reply).toMatchObject({ ok: true });
    expect((await parts((reply as { blob: Blob }).blob))('xl/workbook.xml')).toContain('name="问题清单"');
  });
});

describe('ZipPort → ZipReceiver', () => {
  it('moves the entries to the receiver (the chunks are transferred), which zips them', async () => {
    const channel = new MessageChannel();
    const receiver = new ZipReceiver();
    const done = new Promise<ExportReply>((resolve) =>
      channel.port2.addEventListener('message', (m: MessageEvent<ZipMessage>) => {
        const r = receiver.handle(m.data);
        if (r) resolve(r);
      }),
    );
    channel.port2.start();
    const port = new ZipPort(channel.port1);
    const a = port.entry('a.txt');
    const b = port.entry('b.txt');
    const chunk = new TextEncoder().encode('hello ');
    a.push(chunk, false);
    expect(chunk.byteLength).toBe(0); // transferred, not copied
    b.push(new TextEncoder().encode('bee'), true);
    a.push(new TextEncoder().encode('world'), true);
    port.end();
    const reply = await done;
    channel.port1.close();
    expect(reply.ok).toBe(true);
    const read = await parts((reply as { blob: Blob }).blob);
    expect(read('a.txt')).toBe('hello world');
    expect(read('b.txt')).toBe('bee');
  });
  it('answers an error for a chunk of an entry never opened', () => {
    expect(new ZipReceiver().handle({ id: 7, chunk: new Uint8Array(1), final: true })).toMatchObject({ ok: false, error: expect.stringContaining('7') });
  });
});
