import { describe, expect, it } from 'vitest';
import type { PageStatus } from '../messages';
import { queryTabStatus } from './tab-status';

const report: PageStatus = {
  state: 'report',
  title: '某县2020年政府信息公开工作年度报告',
  year: 2020,
  format: '2019',
  counts: { error: 2, warning: 1, info: 0 },
  noTables: false,
  highlights: true,
};

describe('queryTabStatus', () => {
  it('is null when no frame answers (no content script, browser page)', async () => {
    const status = await queryTabStatus(1, {
      listFrames: () => Promise.reject(new Error('Cannot access a chrome:// URL')),
      askFrame: () => Promise.reject(new Error('Receiving end does not exist.')),
    });
    expect(status).toBeNull();
  });

  it('prefers a report in a sub-frame over "not a report" in the top frame', async () => {
    const answers: Record<number, unknown> = { 0: { state: 'not-report' }, 4: report, 8: { state: 'auditing' } };
    const status = await queryTabStatus(1, {
      listFrames: async () => [4, 0, 8],
      askFrame: async (_t, f) => answers[f],
    });
    expect(status).toEqual(report);
  });

  it('ignores malformed answers and frames that never answer', async () => {
    const status = await queryTabStatus(1, {
      listFrames: async () => [0, 1, 2],
      askFrame: (_t, f) =>
        f === 0 ? Promise.resolve({ state: 'report', counts: 'many' }) : f === 1 ? new Promise(() => {}) : Promise.resolve({ state: 'not-report' }),
      timeoutMs: 20,
    });
    expect(status).toEqual({ state: 'not-report' });
  });

  it('asks the top frame even when the frame list is empty', async () => {
    const asked: number[] = [];
    await queryTabStatus(3, { listFrames: async () => [], askFrame: async (_t, f) => void asked.push(f) });
    expect(asked).toEqual([0]);
  });
});
