import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckSchema, AuditCompleteReplySchema, RecentReportsReplySchema, type TabMessage } from '../messages';
import type { AuditResultJson } from '../schema';
import { getReport, openAuditDb, recentReports, saveAudit, setReviewByKey, type AuditDb } from '../store/db';
import { auditTab, handleCommand, handleMessage, type BackgroundDeps, type Sender } from './background-handlers';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const PAGE = 'https://www.example.gov.cn/xxgk/2021/t20210305_80595.htm';

const result: AuditResultJson = {
  schemaVersion: 1,
  tool: { name: 'report-auditor', version: '0.1.0' },
  source: PAGE,
  auditedAt: '2026-11-23T08:00:00.000Z',
  detected: true,
  report: { title: '某县2020年政府信息公开工作年度报告', year: 2020, entity: '某县', format: '2019' },
  cells: { 'T3:1:total': { raw: '21', value: 21 } },
  findings: [{ ruleId: 'T3-ROWSUM', severity: 'error', cells: ['T3:1:total'], expected: 20, actual: 21, message: '合计不符' }],
};

let db: AuditDb;
let deps: BackgroundDeps & {
  injectAuditor: ReturnType<typeof vi.fn>;
  injectDetector: ReturnType<typeof vi.fn>;
  saveAudit: ReturnType<typeof vi.fn>;
  setReviewByKey: ReturnType<typeof vi.fn>;
  syncSites: ReturnType<typeof vi.fn>;
};

beforeEach(() => {
  db = openAuditDb('bg-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  deps = {
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    saveAudit: vi.fn((r: AuditResultJson, url: string) => saveAudit(db, r, url)),
    setReviewByKey: vi.fn((url: string, key: string, review) => setReviewByKey(db, url, key, review)),
    recentReports: (limit) => recentReports(db, limit),
    injectAuditor: vi.fn(async () => {}),
    injectDetector: vi.fn(async () => {}),
    listFrames: async () => [0, 7, 9],
    syncSites: vi.fn(async () => []),
  };
});
afterEach(() => db.close());

const fromFrame = (over: Partial<Sender> = {}): Sender => ({ id: EXT_ID, url: PAGE, frameId: 3, tab: { id: 42 }, ...over });
const fromPopup: Sender = { id: EXT_ID, url: `${ORIGIN}popup.html` };

describe('content messages', () => {
  it('stores a good audit under the frame URL', async () => {
    const reply = await handleMessage({ type: 'audit-complete', url: PAGE + '#p2', result }, fromFrame({ url: PAGE + '#p1' }), deps);
    expect(reply).toEqual({ ok: true, reviews: [] });
    const got = await getReport(db, PAGE);
    expect(got?.report).toMatchObject({ url: PAGE, counts: { error: 1, warning: 0, info: 0 } });
    expect(got?.findings).toHaveLength(1);
  });

  it('rejects invalid messages without writing anything', async () => {
    const bad: unknown[] = [
      undefined,
      'audit-complete',
      { type: 'audit-complete', url: PAGE },
      { type: 'audit-complete', url: PAGE, result: { ...result, schemaVersion: 9 } },
      { type: 'audit-complete', url: 'javascript:alert(1)', result },
      { type: 'audit-complete', url: PAGE, result: { ...result, findings: [{ ruleId: 'x', severity: 'error', cells: [], message: '' }] } },
      { type: 'drop-database' },
      { type: 'recent-reports', limit: 5 },
      { type: 'audit-tab', tabId: 1 },
    ];
    for (const m of bad) {
      const reply = await handleMessage(m, fromFrame(), deps);
      expect(AckSchema.parse(reply).ok).toBe(false);
    }
    expect(deps.saveAudit).not.toHaveBeenCalled();
    expect(deps.injectAuditor).not.toHaveBeenCalled();
    expect(await db.reports.count()).toBe(0);
  });

  it('rejects a URL that is not the sending frame’s', async () => {
    const msg = { type: 'audit-complete', url: 'https://other.gov.cn/report.htm', result };
    expect(await handleMessage(msg, fromFrame(), deps)).toEqual({ ok: false, error: 'url does not match the sending frame' });
    expect(await handleMessage({ ...msg, url: PAGE }, fromFrame({ url: undefined }), deps)).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'report-found', url: PAGE + '?x=1' }, fromFrame(), deps)).toMatchObject({ ok: false });
    expect(deps.saveAudit).not.toHaveBeenCalled();
    expect(deps.injectAuditor).not.toHaveBeenCalled();
    expect(await db.reports.count()).toBe(0);
  });

  it('requires a tab and our own extension id', async () => {
    const msg = { type: 'report-found', url: PAGE };
    expect(await handleMessage(msg, fromFrame({ tab: undefined }), deps)).toMatchObject({ ok: false });
    expect(await handleMessage(msg, fromFrame({ id: 'someone-else' }), deps)).toMatchObject({ ok: false });
    expect(deps.injectAuditor).not.toHaveBeenCalled();
  });

  it('report-found injects the auditor into the sending frame only', async () => {
    expect(await handleMessage({ type: 'report-found', url: PAGE }, fromFrame(), deps)).toEqual({ ok: true });
    expect(deps.injectAuditor).toHaveBeenCalledWith(42, [3]);
    await handleMessage({ type: 'report-found', url: PAGE }, fromFrame({ frameId: undefined }), deps);
    expect(deps.injectAuditor).toHaveBeenLastCalledWith(42, [0]);
  });

  it('a failing store or injection becomes an error reply', async () => {
    deps.injectAuditor.mockRejectedValueOnce(new Error('Cannot access contents of the page'));
    expect(await handleMessage({ type: 'report-found', url: PAGE }, fromFrame(), deps)).toEqual({
      ok: false,
      error: 'Cannot access contents of the page',
    });
  });

  it('a page that is not a report is acknowledged but not stored', async () => {
    const notReport = { schemaVersion: 1, tool: result.tool, source: PAGE, auditedAt: result.auditedAt, detected: false };
    expect(await handleMessage({ type: 'audit-complete', url: PAGE, result: notReport }, fromFrame(), deps)).toEqual({ ok: true, reviews: [] });
    expect(await db.reports.count()).toBe(0);
  });
});

describe('reviews from the page', () => {
  const review = (over: object = {}) => ({
    type: 'set-review',
    url: PAGE,
    ruleId: 'T3-ROWSUM',
    cell: 'T3:1:total',
    review: { state: 'dismissed', reason: '误报', note: '表格另有说明' },
    ...over,
  });

  it('set-review stores the review of the finding named by rule and first cell', async () => {
    await handleMessage({ type: 'audit-complete', url: PAGE, result }, fromFrame(), deps);
    expect(AckSchema.parse(await handleMessage(review(), fromFrame({ url: PAGE + '#x' }), deps))).toEqual({ ok: true });
    expect(deps.setReviewByKey).toHaveBeenCalledWith(PAGE, 'T3-ROWSUM|T3:1:total', {
      state: 'dismissed',
      reason: '误报',
      note: '表格另有说明',
    });
    const f = (await getReport(db, PAGE))!.findings[0]!;
    expect(f).toMatchObject({ review: 'dismissed', reviewReason: '误报', reviewNote: '表格另有说明' });
    expect(f.reviewedAt).not.toBeNull();
  });

  it('the audit-complete reply carries the stored reviews, and they survive the re-audit', async () => {
    await handleMessage({ type: 'audit-complete', url: PAGE, result }, fromFrame(), deps);
    await handleMessage(review(), fromFrame(), deps);
    const reply = AuditCompleteReplySchema.parse(await handleMessage({ type: 'audit-complete', url: PAGE, result }, fromFrame(), deps));
    expect(reply).toEqual({
      ok: true,
      reviews: [{ ruleId: 'T3-ROWSUM', cell: 'T3:1:total', state: 'dismissed', reason: '误报', note: '表格另有说明' }],
    });
  });

  it('rejects invalid reviews, other frames’ URLs and unknown findings', async () => {
    await handleMessage({ type: 'audit-complete', url: PAGE, result }, fromFrame(), deps);
    const bad: unknown[] = [
      review({ review: { state: 'dismissed' } }),
      review({ review: { state: 'dismissed', reason: '不喜欢' } }),
      review({ review: { state: 'confirmed', note: 'x'.repeat(2_001) } }),
      review({ review: { state: 'closed' } }),
      review({ ruleId: 'not a rule' }),
      review({ cell: 'not a cell' }),
      review({ url: 'https://other.gov.cn/report.htm' }),
      review({ cell: undefined }),
    ];
    for (const m of bad) expect(AckSchema.parse(await handleMessage(m, fromFrame(), deps)).ok).toBe(false);
    expect(deps.setReviewByKey).not.toHaveBeenCalled();
    // well-formed, but the stored report has no such finding
    expect(await handleMessage(review({ cell: 'T3:2:total' }), fromFrame(), deps)).toMatchObject({ ok: false });
    // from an extension page: not a page message
    expect(await handleMessage(review(), fromPopup, deps)).toMatchObject({ ok: false });
    expect((await getReport(db, PAGE))!.findings[0]).toMatchObject({ review: 'open', reviewedAt: null });
  });
});

describe('page messages', () => {
  it('recent-reports replies with valid summaries', async () => {
    await handleMessage({ type: 'audit-complete', url: PAGE, result }, fromFrame(), deps);
    const reply = await handleMessage({ type: 'recent-reports', limit: 10 }, fromPopup, deps);
    const parsed = RecentReportsReplySchema.parse(reply);
    expect(parsed.reports.map((r) => r.url)).toEqual([PAGE]);
  });

  it('audit-tab injects the auditor in the top frame first, then the detector in the others', async () => {
    expect(await handleMessage({ type: 'audit-tab', tabId: 42 }, fromPopup, deps)).toEqual({ ok: true });
    expect(deps.injectAuditor).toHaveBeenCalledWith(42, [0]);
    expect(deps.injectDetector).toHaveBeenCalledWith(42, [7, 9]);
    expect(deps.injectAuditor.mock.invocationCallOrder[0]).toBeLessThan(deps.injectDetector.mock.invocationCallOrder[0]!);
  });

  it('audit-tab fails when the top frame cannot be scripted, but not for sub-frames', async () => {
    deps.injectDetector.mockRejectedValueOnce(new Error('frame gone'));
    await expect(auditTab(42, deps)).resolves.toBeUndefined();
    deps.injectAuditor.mockRejectedValueOnce(new Error('Cannot access a chrome:// URL'));
    expect(await handleMessage({ type: 'audit-tab', tabId: 42 }, fromPopup, deps)).toMatchObject({ ok: false });
  });

  it('sync-sites re-registers the detector, from extension pages only', async () => {
    expect(await handleMessage({ type: 'sync-sites' }, fromPopup, deps)).toEqual({ ok: true });
    expect(await handleMessage({ type: 'sync-sites' }, fromFrame(), deps)).toMatchObject({ ok: false });
    expect(deps.syncSites).toHaveBeenCalledTimes(1);
  });

  it('rejects content messages and junk from extension pages', async () => {
    for (const m of [{ type: 'audit-complete', url: PAGE, result }, { type: 'recent-reports', limit: 0 }, { type: 'audit-tab', tabId: -1 }, null]) {
      expect(await handleMessage(m, fromPopup, deps)).toMatchObject({ ok: false });
    }
    expect(deps.saveAudit).not.toHaveBeenCalled();
  });
});

describe('commands', () => {
  it('forwards each command to the active tab', async () => {
    const sent: [number, TabMessage][] = [];
    const cdeps = { activeTabId: async () => 5, sendToTab: async (t: number, m: TabMessage) => void sent.push([t, m]) };
    expect(await handleCommand('next-finding', cdeps)).toBe(true);
    expect(await handleCommand('previous-finding', cdeps)).toBe(true);
    expect(await handleCommand('toggle-highlights', cdeps)).toBe(true);
    expect(await handleCommand('toString', cdeps)).toBe(false);
    expect(sent).toEqual([
      [5, { type: 'navigate-finding', direction: 'next' }],
      [5, { type: 'navigate-finding', direction: 'previous' }],
      [5, { type: 'toggle-highlights' }],
    ]);
  });

  it('is quiet when there is no tab or no auditor in it', async () => {
    expect(await handleCommand('next-finding', { activeTabId: async () => undefined, sendToTab: async () => {} })).toBe(false);
    const noReceiver = { activeTabId: async () => 1, sendToTab: () => Promise.reject(new Error('Receiving end does not exist.')) };
    expect(await handleCommand('next-finding', noReceiver)).toBe(false);
  });
});
