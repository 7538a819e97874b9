import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckSchema, AuditCompleteReplySchema } from '../messages';
import type { AuditResultJson } from '../schema';
import { getReport, openAuditDb, recentReports, saveAudit, setReviewByKey, type AuditDb } from '../store/db';
import { handleMessage, type BackgroundDeps, type Sender } from './background-handlers';
import { isViewerPage, viewerUrl } from './viewer-handlers';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const PDF = 'https://www.example.gov.cn/xxgk/nb/2020.pdf';
const PAGE = 'https://www.example.gov.cn/xxgk/nb/2020.htm';

const result: AuditResultJson = {
  schemaVersion: 1,
  tool: { name: 'report-auditor', version: '0.1.0' },
  source: PDF,
  auditedAt: '2026-11-23T08:00:00.000Z',
  detected: true,
  report: { title: '某县2020年政府信息公开工作年度报告', year: 2020, entity: '某县', format: '2019' },
  cells: { 'T3:1:total': { raw: '21', value: 21 } },
  findings: [{ ruleId: 'T3-ROWSUM', severity: 'error', cells: ['T3:1:total'], expected: 20, actual: 21, message: '合计不符' }],
  attachment: {
    kind: 'pdf',
    url: PDF,
    sha256: 'a'.repeat(64),
    bytes: 1234,
    pages: 3,
    cellBoxes: { 'T3:1:total': { page: 2, x: 300, y: 400, width: 40, height: 20 } },
  },
};

let db: AuditDb;
let deps: BackgroundDeps & { saveAudit: ReturnType<typeof vi.fn>; openViewer: ReturnType<typeof vi.fn>; setReviewByKey: ReturnType<typeof vi.fn> };

beforeEach(() => {
  db = openAuditDb('viewer-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  deps = {
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    saveAudit: vi.fn((r: AuditResultJson, url: string) => saveAudit(db, r, url)),
    setReviewByKey: vi.fn((url: string, key: string, review) => setReviewByKey(db, url, key, review)),
    recentReports: (limit) => recentReports(db, limit),
    injectAuditor: vi.fn(async () => {}),
    injectDetector: vi.fn(async () => {}),
    listFrames: async () => [0],
    syncSites: vi.fn(async () => []),
    openViewer: vi.fn(async () => {}),
  };
});
afterEach(() => db.close());

const viewer: Sender = { id: EXT_ID, url: `${ORIGIN}viewer.html?src=${encodeURIComponent(PDF)}`, tab: { id: 5 } };
const popup: Sender = { id: EXT_ID, url: `${ORIGIN}popup.html` };
const frame: Sender = { id: EXT_ID, url: PAGE, frameId: 0, tab: { id: 42 } };

describe('open-viewer', () => {
  it('opens the viewer on the attachment beside the page that asked', async () => {
    expect(await handleMessage({ type: 'open-viewer', src: PDF + '#page=2' }, frame, deps)).toEqual({ ok: true });
    expect(deps.openViewer).toHaveBeenCalledWith(`${ORIGIN}viewer.html?src=${encodeURIComponent(PDF)}`, 42);
    expect(viewerUrl(ORIGIN, 'https://a.gov.cn/a b.pdf?x=1&y=2')).toBe(`${ORIGIN}viewer.html?src=https%3A%2F%2Fa.gov.cn%2Fa%20b.pdf%3Fx%3D1%26y%3D2`);
  });

  it('refuses what is not an http(s) URL, and messages from another extension', async () => {
    for (const src of ['javascript:alert(1)', 'file:///etc/passwd', 'chrome://settings', '']) {
      expect(AckSchema.parse(await handleMessage({ type: 'open-viewer', src }, frame, deps)).ok).toBe(false);
    }
    expect(AckSchema.parse(await handleMessage({ type: 'open-viewer', src: PDF }, { ...frame, id: 'other' }, deps)).ok).toBe(false);
    expect(deps.openViewer).not.toHaveBeenCalled();
  });
});

describe('the viewer page’s audit', () => {
  it('is stored under the attachment’s URL with its evidence, and reviews reach it', async () => {
    const reply = AuditCompleteReplySchema.parse(await handleMessage({ type: 'audit-complete', url: PDF, result, narrative: '正文' }, viewer, deps));
    expect(reply).toEqual({ ok: true, reviews: [] });
    const got = await getReport(db, PDF);
    expect(got?.report).toMatchObject({ url: PDF, counts: { error: 1, warning: 0, info: 0 } });
    expect(got?.report.attachment).toEqual({ kind: 'pdf', url: PDF, sha256: 'a'.repeat(64), bytes: 1234, pages: 3 });
    const review = { state: 'dismissed', reason: '误报', note: null };
    expect(await handleMessage({ type: 'set-review', url: PDF, ruleId: 'T3-ROWSUM', cell: 'T3:1:total', review }, viewer, deps)).toEqual({ ok: true });
    expect((await getReport(db, PDF))?.findings[0]).toMatchObject({ review: 'dismissed', reviewReason: '误报' });
  });

  it('must be the audit of the attachment it names', async () => {
    const others: unknown[] = [
      { type: 'audit-complete', url: PAGE, result },
      { type: 'audit-complete', url: PDF, result: { ...result, attachment: undefined } },
      { type: 'audit-complete', url: 'file:///tmp/2020.pdf', result: { ...result, attachment: { ...result.attachment!, url: 'file:///tmp/2020.pdf' } } },
    ];
    for (const m of others) expect(AckSchema.parse(await handleMessage(m, viewer, deps)).ok).toBe(false);
    expect(deps.saveAudit).not.toHaveBeenCalled();
  });

  it('only the viewer page may store for a URL that is not its own: not the popup, not a content script', async () => {
    expect(AckSchema.parse(await handleMessage({ type: 'audit-complete', url: PDF, result }, popup, deps)).ok).toBe(false);
    expect(AckSchema.parse(await handleMessage({ type: 'audit-complete', url: PDF, result }, frame, deps)).ok).toBe(false);
    expect(deps.saveAudit).not.toHaveBeenCalled();
    expect(isViewerPage({ url: `${ORIGIN}viewer.html` }, deps)).toBe(true);
    expect(isViewerPage({ url: `${ORIGIN}viewer.htmlx` }, deps)).toBe(false);
    expect(isViewerPage({ url: `chrome-extension://other/viewer.html` }, deps)).toBe(false);
  });

  it('the viewer’s other page messages still work', async () => {
    expect(await handleMessage({ type: 'recent-reports', limit: 5 }, viewer, deps)).toEqual({ reports: [] });
  });
});
