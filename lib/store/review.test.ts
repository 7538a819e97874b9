import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditResultJson } from '../schema';
import {
  getReportDetail,
  listReports,
  matchKeyOf,
  openAuditDb,
  progressOf,
  saveAudit,
  setReview,
  setReviewByKey,
  StoreError,
  type AuditDb,
  type ReportSortKey,
  type StoredFinding,
} from './db';

const URL_A = 'https://www.example.gov.cn/xxgk/t20210305_80595.htm';
const URL_B = 'https://zfxxgk.other.gov.cn/nb/2022.htm';
const URL_C = 'file:///home/auditor/saved/report.html';

type Finding = NonNullable<AuditResultJson['findings']>[number];

const F = {
  sum: { ruleId: 'T3-RESULT-SUM', severity: 'error', cells: ['T3:3.7:natural', 'T3:3.1:natural'], expected: 26, actual: 20, message: '总计不符' },
  section: { ruleId: 'TPL-SECTION', severity: 'warning', cells: [], message: '缺少第五部分' },
  blank: { ruleId: 'VAL-BLANK', severity: 'info', cells: ['T3:3.3.1:legal'], message: '空白单元格' },
  rowsum: { ruleId: 'T3-ROWSUM', severity: 'error', cells: ['T3:1:total'], expected: 20, actual: 21, message: '行合计不符' },
} satisfies Record<string, Finding>;

function result(findings: Finding[], over: Partial<AuditResultJson> = {}): AuditResultJson {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source: URL_A,
    auditedAt: '2026-11-23T08:00:00.000Z',
    detected: true,
    report: { title: '某某县2020年政府信息公开工作年度报告', year: 2020, entity: '某某县', format: '2019' },
    cells: { 'T3:1:total': { raw: '21', value: 21 }, 'T3:3.7:natural': { raw: '20', value: 20 } },
    findings,
    ...over,
  };
}

let db: AuditDb;
let clock = 0;
const now = () => new Date(Date.UTC(2026, 10, 23, 8, 0, clock++));

beforeEach(() => {
  db = openAuditDb('review-test', { indexedDB: new IDBFactory(), IDBKeyRange });
  clock = 0;
});
afterEach(() => db.close());

const findings = async (url = URL_A) => (await getReportDetail(db, url))!.findings;
const byRule = async (ruleId: string, url = URL_A) => (await findings(url)).filter((f) => f.ruleId === ruleId);

describe('reviews survive re-audits', () => {
  it('a finding found again (same rule and first cell) keeps its review, even with new numbers and message', async () => {
    await saveAudit(db, result([F.sum, F.section, F.blank]), URL_A, now);
    const [sum, section] = await findings();
    await setReview(db, sum!.id, { state: 'dismissed', reason: '模板允许', note: '表格另有说明' }, now);
    await setReview(db, section!.id, { state: 'confirmed' }, now);

    const changed = { ...F.sum, cells: ['T3:3.7:natural', 'T3:3.2:natural'], expected: 27, message: '总计仍不符' };
    const out = await saveAudit(db, result([F.rowsum, changed, F.section, F.blank]), URL_A, now);
    const again = await findings();
    expect(again.map((f) => [f.ruleId, f.status, f.review])).toEqual([
      ['T3-ROWSUM', 'current', 'open'],
      ['T3-RESULT-SUM', 'current', 'dismissed'],
      ['TPL-SECTION', 'current', 'confirmed'],
      ['VAL-BLANK', 'current', 'open'],
    ]);
    expect(again[1]).toMatchObject({ id: sum!.id, reviewReason: '模板允许', reviewNote: '表格另有说明', expected: 27, message: '总计仍不符', seq: 1 });
    expect(again[1]!.reviewedAt).toBe(sum && (await findings())[1]!.reviewedAt);
    expect(again[2]!.id).toBe(section!.id);
    expect(out).toMatchObject({
      stored: true,
      reviews: [
        { ruleId: 'T3-RESULT-SUM', cell: 'T3:3.7:natural', state: 'dismissed', reason: '模板允许', note: '表格另有说明' },
        { ruleId: 'TPL-SECTION', cell: null, state: 'confirmed', reason: null, note: null },
      ],
    });
    expect((await getReportDetail(db, URL_A))!.report.reviewProgress).toEqual({ open: 2, confirmed: 1, dismissed: 1, resolved: 0 });
  });

  it('a finding not found again is kept as resolved with its review, and becomes current when found again', async () => {
    await saveAudit(db, result([F.sum, F.blank]), URL_A, now);
    const [sum] = await findings();
    const reviewed = await setReview(db, sum!.id, { state: 'confirmed', note: '已通知' }, now);

    await saveAudit(db, result([F.blank]), URL_A, now);
    let all = await findings();
    expect(all.map((f) => [f.ruleId, f.status, f.seq])).toEqual([
      ['VAL-BLANK', 'current', 0],
      ['T3-RESULT-SUM', 'resolved', 1],
    ]);
    expect(all[1]).toMatchObject({ id: sum!.id, review: 'confirmed', reviewNote: '已通知', reviewedAt: reviewed.reviewedAt });
    expect((await getReportDetail(db, URL_A))!.report.reviewProgress).toEqual({ open: 1, confirmed: 0, dismissed: 0, resolved: 1 });
    expect((await getReportDetail(db, URL_A))!.report.counts).toEqual({ error: 0, warning: 0, info: 1 });

    await saveAudit(db, result([F.sum, F.blank]), URL_A, now);
    all = await findings();
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ id: sum!.id, status: 'current', review: 'confirmed', reviewNote: '已通知', seq: 0 });
    expect((await getReportDetail(db, URL_A))!.report.reviewProgress).toEqual({ open: 1, confirmed: 1, dismissed: 0, resolved: 0 });
  });

  it('findings sharing a matchKey are paired one to one, the same numbers first', async () => {
    const a = { ...F.section, message: '缺少第五部分' };
    const b = { ...F.section, message: '缺少第六部分' };
    await saveAudit(db, result([a, b]), URL_A, now);
    const [fa, fb] = await findings();
    await setReview(db, fb!.id, { state: 'dismissed', reason: '误报' }, now);
    // b alone: the dismissed row continues (fingerprint ignores the message, so order decides: the first stored)
    await saveAudit(db, result([b]), URL_A, now);
    const all = await findings();
    expect(all).toHaveLength(2);
    expect(all.filter((f) => f.status === 'current')).toHaveLength(1);
    expect(new Set(all.map((f) => f.id))).toEqual(new Set([fa!.id, fb!.id]));

    // numbers tell findings of one cell apart
    const x = { ...F.rowsum, expected: 1, actual: 2 };
    const y = { ...F.rowsum, expected: 3, actual: 4 };
    await saveAudit(db, result([x, y]), URL_B, now);
    const [fx, fy] = await findings(URL_B);
    await setReview(db, fy!.id, { state: 'confirmed' }, now);
    await saveAudit(db, result([y]), URL_B, now);
    const b2 = await findings(URL_B);
    expect(b2.map((f) => [f.id, f.status, f.review])).toEqual([
      [fy!.id, 'current', 'confirmed'],
      [fx!.id, 'resolved', 'open'],
    ]);
  });

  it('one transaction: a failing write leaves the stored report as it was', async () => {
    await saveAudit(db, result([F.sum]), URL_A, now);
    const before = await getReportDetail(db, URL_A);
    const hook = (..._: unknown[]) => {
      throw new Error('disk full');
    };
    db.findings.hook('creating', hook);
    await expect(saveAudit(db, result([F.rowsum, F.sum]), URL_A, now)).rejects.toThrow('disk full');
    db.findings.hook('creating').unsubscribe(hook);
    expect(await getReportDetail(db, URL_A)).toEqual(before);
  });
});

describe('setReview', () => {
  it('sets state, reason, note and reviewedAt, and the report progress', async () => {
    await saveAudit(db, result([F.sum, F.section, F.blank]), URL_A, now);
    const [sum, section] = await findings();
    const out = await setReview(db, sum!.id, { state: 'dismissed', reason: '已更正', note: '  已更正为 26  ' }, now);
    expect(out).toMatchObject({ id: sum!.id, review: 'dismissed', reviewReason: '已更正', reviewNote: '  已更正为 26  ' });
    expect(out.reviewedAt).toMatch(/^2026-11-23T08:00:\d\d\.000Z$/);
    expect((await findings())[0]).toEqual(out);
    await setReview(db, section!.id, { state: 'confirmed' }, now);
    expect((await getReportDetail(db, URL_A))!.report.reviewProgress).toEqual({ open: 1, confirmed: 1, dismissed: 1, resolved: 0 });
    expect((await listReports(db))[0]!.review).toEqual({ open: 1, confirmed: 1, dismissed: 1, resolved: 0 });
  });

  it('a dismissal needs a reason; other states drop it; the note is kept unless given', async () => {
    await saveAudit(db, result([F.sum]), URL_A, now);
    const [sum] = await findings();
    await expect(setReview(db, sum!.id, { state: 'dismissed' }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReview(db, sum!.id, { state: 'dismissed', reason: null }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReview(db, sum!.id, { state: 'dismissed', reason: '不喜欢' as '其他' }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReview(db, sum!.id, { state: 'open', note: 'x'.repeat(2_001) }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReview(db, sum!.id, { state: 'closed' as 'open' }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReview(db, 9_999, { state: 'confirmed' }, now)).rejects.toBeInstanceOf(StoreError);
    expect((await findings())[0]).toMatchObject({ review: 'open', reviewedAt: null });

    expect(await setReview(db, sum!.id, { state: 'dismissed', reason: '其他', note: 'x'.repeat(2_000) }, now)).toMatchObject({
      reviewNote: 'x'.repeat(2_000),
    });
    expect(await setReview(db, sum!.id, { state: 'confirmed', reason: '误报' }, now)).toMatchObject({
      review: 'confirmed',
      reviewReason: null,
      reviewNote: 'x'.repeat(2_000),
    });
    expect(await setReview(db, sum!.id, { state: 'open', note: '' }, now)).toMatchObject({ review: 'open', reviewNote: null });
    expect(await setReview(db, sum!.id, { state: 'open', note: '再看' }, now)).toMatchObject({ reviewNote: '再看' });
    expect(await setReview(db, sum!.id, { state: 'open', note: null }, now)).toMatchObject({ reviewNote: null });
  });
});

describe('setReviewByKey', () => {
  it('reviews the current finding(s) of the page with that rule and first cell', async () => {
    const twin = { ...F.section, message: '缺少第六部分' };
    await saveAudit(db, result([F.sum, F.section, twin]), URL_A, now);
    const out = await setReviewByKey(db, URL_A + '#frag', matchKeyOf('TPL-SECTION', []), { state: 'confirmed', note: '两处都缺' }, now);
    expect(out.map((f) => f.message)).toEqual(['缺少第五部分', '缺少第六部分']);
    expect((await byRule('TPL-SECTION')).every((f) => f.review === 'confirmed' && f.reviewNote === '两处都缺')).toBe(true);
    await setReviewByKey(db, URL_A, matchKeyOf('T3-RESULT-SUM', 'T3:3.7:natural'), { state: 'dismissed', reason: '误报' }, now);
    expect((await byRule('T3-RESULT-SUM'))[0]).toMatchObject({ review: 'dismissed', reviewReason: '误报' });
    expect((await getReportDetail(db, URL_A))!.report.reviewProgress).toEqual({ open: 0, confirmed: 2, dismissed: 1, resolved: 0 });
  });

  it('throws for an unknown report or finding, or an invalid review', async () => {
    await saveAudit(db, result([F.sum]), URL_A, now);
    const key = matchKeyOf('T3-RESULT-SUM', 'T3:3.7:natural');
    await expect(setReviewByKey(db, URL_B, key, { state: 'confirmed' }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReviewByKey(db, URL_A, matchKeyOf('T3-RESULT-SUM', 'T3:1:total'), { state: 'confirmed' }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReviewByKey(db, URL_A, key, { state: 'dismissed' }, now)).rejects.toBeInstanceOf(StoreError);
    await expect(setReviewByKey(db, 'javascript:x', key, { state: 'confirmed' }, now)).rejects.toBeInstanceOf(StoreError);
    expect((await findings())[0]).toMatchObject({ review: 'open' });
  });

  it('reaches a resolved finding when no current one has the key', async () => {
    await saveAudit(db, result([F.sum, F.blank]), URL_A, now);
    await saveAudit(db, result([F.blank]), URL_A, now);
    const [f] = await setReviewByKey(db, URL_A, matchKeyOf('T3-RESULT-SUM', F.sum.cells), { state: 'confirmed' }, now);
    expect(f).toMatchObject({ status: 'resolved', review: 'confirmed' });
    expect((await getReportDetail(db, URL_A))!.report.reviewProgress).toEqual({ open: 1, confirmed: 0, dismissed: 0, resolved: 1 });
  });
});

describe('listReports and getReportDetail', () => {
  async function seed() {
    await saveAudit(db, result([F.sum, F.blank]), URL_A, now);
    await saveAudit(
      db,
      result([F.section], { report: { title: '乙市2022年政府信息公开工作年度报告', year: 2022, entity: '乙市', format: '2021' } }),
      URL_B,
      now,
    );
    await saveAudit(
      db,
      result([], { report: { title: '丙镇政府信息公开年报', year: null, entity: null, format: null }, cells: {} }),
      URL_C,
      now,
    );
    const [sum] = await findings(URL_A);
    await setReview(db, sum!.id, { state: 'confirmed' }, now);
  }

  it('lists every report as a workbook row, newest first', async () => {
    await seed();
    const rows = await listReports(db);
    expect(rows.map((r) => r.url)).toEqual([URL_C, URL_B, URL_A]);
    expect(rows[2]).toEqual({
      url: URL_A,
      title: '某某县2020年政府信息公开工作年度报告',
      entity: '某某县',
      year: 2020,
      format: '2019',
      site: 'www.example.gov.cn',
      counts: { error: 1, warning: 0, info: 1 },
      review: { open: 1, confirmed: 1, dismissed: 0, resolved: 0 },
      auditedAt: '2026-11-23T08:00:00.000Z',
    });
    expect(rows[0]).toMatchObject({ site: '', year: null, format: null, review: { open: 0, confirmed: 0, dismissed: 0, resolved: 0 } });
  });

  it('filters by text, year, format and errors', async () => {
    await seed();
    const urls = async (f: Parameters<typeof listReports>[1]) => (await listReports(db, f)).map((r) => r.url);
    expect(await urls({ text: '乙市' })).toEqual([URL_B]);
    expect(await urls({ text: '  EXAMPLE.gov ' })).toEqual([URL_A]);
    expect(await urls({ text: '年度报告' })).toEqual([URL_B, URL_A]);
    expect(await urls({ text: '' })).toHaveLength(3);
    expect(await urls({ year: 2022 })).toEqual([URL_B]);
    expect(await urls({ format: '2019' })).toEqual([URL_A]);
    expect(await urls({ format: null })).toEqual([URL_C]);
    expect(await urls({ hasErrors: true })).toEqual([URL_A]);
    expect(await urls({ hasErrors: false })).toEqual([URL_C, URL_B]);
    expect(await urls({ text: '县', year: 2022 })).toEqual([]);
  });

  it('sorts by each key, unknowns last in both directions', async () => {
    await seed();
    const urls = async (key: ReportSortKey, dir: 'asc' | 'desc') =>
      (await listReports(db, {}, { key, dir })).map((r) => r.url);
    expect(await urls('year', 'asc')).toEqual([URL_A, URL_B, URL_C]);
    expect(await urls('year', 'desc')).toEqual([URL_B, URL_A, URL_C]);
    // pinyin order: 某 (mǒu) before 乙 (yǐ)
    expect(await urls('entity', 'asc')).toEqual([URL_A, URL_B, URL_C]);
    expect(await urls('entity', 'desc')).toEqual([URL_B, URL_A, URL_C]);
    expect(await urls('format', 'asc')).toEqual([URL_A, URL_B, URL_C]);
    // ties by URL
    expect(await urls('errors', 'desc')).toEqual([URL_A, URL_C, URL_B]);
    expect(await urls('warnings', 'desc')).toEqual([URL_B, URL_C, URL_A]);
    expect(await urls('auditedAt', 'asc')).toEqual([URL_A, URL_B, URL_C]);
    expect(await urls('site', 'asc')).toEqual([URL_C, URL_A, URL_B]);
    // reviewed share: A 1/2, B 0/1, C nothing to review (1)
    expect(await urls('progress', 'asc')).toEqual([URL_B, URL_A, URL_C]);
  });

  it('the detail has the evidence cells and every finding, current first', async () => {
    await seed();
    await saveAudit(db, result([F.blank]), URL_A, now);
    const d = await getReportDetail(db, URL_A + '#x');
    expect(d!.report).toMatchObject({ url: URL_A, cells: { 'T3:1:total': { raw: '21', value: 21 } } });
    expect(d!.findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['VAL-BLANK', 'current'],
      ['T3-RESULT-SUM', 'resolved'],
    ]);
    expect(await getReportDetail(db, 'https://nowhere.gov.cn/')).toBeUndefined();
  });
});

describe('invariants under any sequence of audits and reviews', () => {
  const pool: Finding[] = [F.sum, F.section, F.blank, F.rowsum, { ...F.section, message: '另一处' }, { ...F.rowsum, expected: 5 }];
  const op = fc.oneof(
    fc.record({ kind: fc.constant('audit' as const), pick: fc.subarray(pool.map((_, i) => i)) }),
    fc.record({
      kind: fc.constant('review' as const),
      which: fc.nat(10),
      state: fc.constantFrom('open' as const, 'confirmed' as const, 'dismissed' as const),
    }),
  );

  it('no duplicates, current = the last audit, progress = the findings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        await db.delete();
        db = openAuditDb('review-test', { indexedDB: new IDBFactory(), IDBKeyRange });
        let last: Finding[] | null = null;
        const seen = new Set<string>();
        for (const o of ops) {
          if (o.kind === 'audit') {
            last = o.pick.map((i) => pool[i]!);
            for (const f of last) seen.add(JSON.stringify([f.ruleId, f.cells[0] ?? '']));
            await saveAudit(db, result(last), URL_A, now);
          } else if (last) {
            const all: StoredFinding[] = await findings();
            const f = all[o.which % Math.max(1, all.length)];
            if (f) await setReview(db, f.id, { state: o.state, reason: o.state === 'dismissed' ? '误报' : undefined }, now);
          }
        }
        if (!last) return;
        const d = (await getReportDetail(db, URL_A))!;
        expect(new Set(d.findings.map((f) => f.id)).size).toBe(d.findings.length);
        const current = d.findings.filter((f) => f.status === 'current');
        expect(current.map((f) => f.message)).toEqual(last.map((f) => f.message));
        expect(current.map((f) => f.seq)).toEqual(last.map((_, i) => i));
        expect(d.report.reviewProgress).toEqual(progressOf(d.findings));
        // a stored finding is never dropped: at most one row per finding ever seen, at least one per key seen
        const keys = new Set(d.findings.map((f) => JSON.stringify([f.ruleId, f.cells[0] ?? ''])));
        expect(keys).toEqual(seen);
      }),
      { numRuns: 40 },
    );
  });
});
