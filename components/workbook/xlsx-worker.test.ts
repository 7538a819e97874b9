import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportDetail } from '../../lib/export/types';
import { answerXlsx, xlsxInWorker, type XlsxReply, type XlsxRequest, type XlsxWorkerLike } from './xlsx-worker';

const DETAIL: ExportDetail = {
  report: {
    url: 'https://www.example.gov.cn/xxgk/t20210305_80595.htm',
    title: '某某县2020年政府信息公开工作年度报告',
    entity: '某某县',
    year: 2020,
    format: '2019',
    auditedAt: '2026-11-23T08:00:00.000Z',
    cells: { 'T3:3.7:natural': { raw: '20', value: 20 } },
  },
  findings: [{ ruleId: 'T3-RESULT-SUM', severity: 'error', cells: ['T3:3.7:natural'], expected: 26, actual: 20, message: '表三（七）总计与各项之和不符' }],
};

/** A Worker that answers as xlsx.worker.ts does, on the next turn; or fails to load. */
function fakeWorker(mode: 'answers' | 'fails to load') {
  const on: { message?: (e: MessageEvent<XlsxReply>) => void; error?: (e: Event) => void } = {};
  const w = {
    posted: [] as XlsxRequest[],
    terminated: false,
    addEventListener(type: 'message' | 'error', fn: never) {
      on[type] = fn;
    },
    postMessage(message: XlsxRequest) {
      w.posted.push(message);
      setTimeout(() => {
        if (mode === 'fails to load') on.error!(new Event('error'));
        else void answerXlsx(message).then((data) => on.message!({ data } as MessageEvent<XlsxReply>));
      }, 0);
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w satisfies XlsxWorkerLike;
}

async function sheetNames(blob: Blob): Promise<string> {
  return strFromU8(unzipSync(new Uint8Array(await blob.arrayBuffer()))['xl/workbook.xml']!);
}

describe('XLSX export in a worker', () => {
  it('posts the details, returns the workbook the worker built, and terminates the worker', async () => {
    const w = fakeWorker('answers');
    const blob = await xlsxInWorker(w, [DETAIL]);
    expect(w.posted).toEqual([{ details: [DETAIL] }]);
    expect(w.terminated).toBe(true);
    const names = await sheetNames(blob);
    expect(names).toContain('name="问题清单"');
    expect(names).toContain('name="某某县 2020"');
  });

  it('builds the workbook in the page when the worker cannot start', async () => {
    const w = fakeWorker('fails to load');
    const blob = await xlsxInWorker(w, [DETAIL]);
    expect(w.terminated).toBe(true);
    expect(await sheetNames(blob)).toContain('name="某某县 2020"');
  });

  it('rejects with the build error the worker reports', async () => {
    const broken = { ...DETAIL, findings: null } as unknown as ExportDetail;
    expect(await answerXlsx({ details: [broken] })).toMatchObject({ ok: false, error: expect.any(String) });
    const w = fakeWorker('answers');
    await expect(xlsxInWorker(w, [broken])).rejects.toThrow();
    expect(w.terminated).toBe(true);
  });
});
