/**
 * The background's cross-year wiring (background-handlers.ts with lib/store/crossyear.ts over
 * fake-indexeddb): audit-complete carries the page's narrative and replies with the cross-year
 * view; set-same-body is checked like every content message (from a tab, for its own URL).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AckSchema, AuditCompleteReplySchema } from '../messages';
import type { AuditResultJson } from '../schema';
import { getReport, openAuditDb, recentReports, saveAudit, setReviewByKey, type AuditDb } from '../store/db';
import { saveAuditWithCrossYear, setSameBody } from '../store/crossyear';
import { real, SEED, mutate } from '../rules/xyear.pairs';
import type { YearReport } from '../crossyear';
import { handleMessage, type BackgroundDeps, type Sender } from './background-handlers';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const P2019 = 'https://www.tongjiang-test.gov.cn/nb/2019.htm';
const P2020 = 'https://www.tongjiang-test.gov.cn/nb/2020.htm';

let db: AuditDb;
let deps: BackgroundDeps;
beforeEach(() => {
  db = openAuditDb(`bg-xyear-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  deps = {
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    saveAudit: (r, url) => saveAudit(db, r, url),
    saveAuditWithCrossYear: async (r, url, narrative) => {
      const { saved, crossYear } = await saveAuditWithCrossYear(db, r, url, narrative);
      return { stored: saved.stored, reviews: saved.stored ? saved.reviews : [], crossYear };
    },
    setSameBody: (url, prev, same) => setSameBody(db, url, prev, same),
    setReviewByKey: (url, key, review) => setReviewByKey(db, url, key, review),
    recentReports: (limit) => recentReports(db, limit),
    injectAuditor: async () => {},
    injectDetector: async () => {},
    listFrames: async () => [0],
    syncSites: async () => [],
  };
});
afterEach(() => db.close());

const from = (url: string): Sender => ({ id: EXT_ID, url, frameId: 0, tab: { id: 7 } });

function result(y: YearReport, source: string): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source,
    auditedAt: '2026-01-01T00:00:00.000Z',
    detected: true,
    report: { title: y.title, year: y.year, entity: y.entity, format: y.format },
    cells: y.cells,
    findings: [],
  };
}

const y2020 = real(SEED.s002);
const y2019 = mutate(y2020, { year: 2019, cells: { 'T3:4:natural': '2', 'T3:4:total': '2' } });

describe('cross-year messages', () => {
  it('audit-complete replies with the comparison against the stored year before', async () => {
    await handleMessage({ type: 'audit-complete', url: P2019, result: result(y2019, P2019), narrative: null }, from(P2019), deps);
    const reply = AuditCompleteReplySchema.parse(
      await handleMessage({ type: 'audit-complete', url: P2020, result: result(y2020, P2020), narrative: y2020.narrative }, from(P2020), deps),
    );
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.crossYear?.compared).toMatchObject({ url: P2019, year: 2019 });
    expect(reply.crossYear?.compared?.findings.map((f) => f.ruleId)).toEqual(['XYEAR-CARRY', 'XYEAR-CARRY']);
    expect((await getReport(db, P2020))!.findings.filter((f) => f.ruleId === 'XYEAR-CARRY')).toHaveLength(2);
  });

  it('set-same-body: stored for the sender frame\'s own report; refused for another URL or a bad message', async () => {
    await handleMessage({ type: 'audit-complete', url: P2020, result: result(y2020, P2020) }, from(P2020), deps);
    const ok = AckSchema.parse(await handleMessage({ type: 'set-same-body', url: P2020, previousUrl: P2019, same: false }, from(P2020), deps));
    expect(ok).toEqual({ ok: true });
    expect((await db.evidence.get(P2020))!.crossYear!.notSameBody).toEqual([P2019]);
    const other = AckSchema.parse(await handleMessage({ type: 'set-same-body', url: P2020, previousUrl: P2019, same: true }, from(P2019), deps));
    expect(other.ok).toBe(false);
    const bad = AckSchema.parse(await handleMessage({ type: 'set-same-body', url: P2020, previousUrl: 'javascript:alert(1)', same: true }, from(P2020), deps));
    expect(bad.ok).toBe(false);
    expect((await db.evidence.get(P2020))!.crossYear!.notSameBody).toEqual([P2019]);
  });

  it('without the cross-year deps, audit-complete still stores (no crossYear in the reply)', async () => {
    const { saveAuditWithCrossYear: _a, setSameBody: _b, ...plain } = deps;
    const reply = AuditCompleteReplySchema.parse(await handleMessage({ type: 'audit-complete', url: P2020, result: result(y2020, P2020) }, from(P2020), plain));
    expect(reply).toEqual({ ok: true, reviews: [] });
    const no = AckSchema.parse(await handleMessage({ type: 'set-same-body', url: P2020, previousUrl: P2019, same: false }, from(P2020), plain));
    expect(no.ok).toBe(false);
  });
});
