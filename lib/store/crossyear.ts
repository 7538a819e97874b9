/**
 * Cross-year checks in the extension's store: when a report is audited, the background looks up
 * the same body's stored report of the year before (by the `year` index, then lib/body.ts on
 * entity and site), runs the cross-year rules (lib/rules/xyear.ts) on this year's result against
 * that report's stored cells and narrative, and stores the findings with the report. The
 * narrative and the auditor's "not the same body" decisions are kept on the evidence row
 * (`crossYear`, not indexed: no schema change). Free of extension APIs (tests use fake-indexeddb).
 */
import { sortFindings } from '../audit';
import { matchBodies, siteOf } from '../body';
import { runCrossYear, yearReportFromResult, type YearReport } from '../crossyear';
import type { CrossYearView, EarlierReport } from '../crossyear-view';
import { rules as CROSS_YEAR_RULES } from '../rules/xyear';
import type { AuditResultJson } from '../schema';
import {
  StorableResultSchema,
  normaliseReportUrl,
  refreshProgress,
  saveAudit,
  writeResultInTransaction,
  type AuditDb,
  type ReportRow,
  type SaveOutcome,
  type StoredFinding,
} from './db';

/** The longest narrative kept (characters); reports are a few thousand. */
export const NARRATIVE_MAX = 100_000;

const CROSS_YEAR_IDS = new Set(CROSS_YEAR_RULES.map((r) => r.meta.id));

/** Whether a finding comes from a cross-year rule. */
export function isCrossYearFinding(f: { ruleId: string }): boolean {
  return CROSS_YEAR_IDS.has(f.ruleId);
}

async function storedYearReport(db: AuditDb, row: ReportRow): Promise<YearReport> {
  const ev = await db.evidence.get(row.url);
  return {
    source: row.url,
    title: row.title,
    year: row.year,
    entity: row.entity,
    format: row.format,
    site: siteOf(row.url),
    cells: ev?.cells ?? {},
    narrative: ev?.crossYear?.narrative ?? null,
  };
}

interface Lookup {
  earlier: (EarlierReport & { row: ReportRow })[];
  previous: ReportRow | null;
}

/** The same body's stored reports of years before `current.year`, and the one of Y−1 to compare with. */
async function lookup(db: AuditDb, key: string, current: YearReport, rejected: ReadonlySet<string>): Promise<Lookup> {
  if (current.year === null) return { earlier: [], previous: null };
  const rows = await db.reports.where('year').below(current.year).toArray();
  const earlier: Lookup['earlier'] = [];
  for (const row of rows) {
    if (row.url === key || row.year === null) continue;
    const m = matchBodies({ entity: current.entity, site: current.site }, { entity: row.entity, site: siteOf(row.url) });
    if (!m.same) continue;
    earlier.push({
      row,
      url: row.url,
      year: row.year,
      title: row.title,
      entity: row.entity,
      site: siteOf(row.url),
      format: row.format,
      reason: m.reason,
      basis: m.basis,
      rejected: rejected.has(row.url),
    });
  }
  const rank = (e: Lookup['earlier'][number]) => (e.basis === 'name-and-site' ? 0 : 1);
  earlier.sort((a, b) => b.year - a.year || rank(a) - rank(b) || (a.row.auditedAt < b.row.auditedAt ? 1 : -1));
  const previous = earlier.find((e) => e.year === current.year! - 1 && !e.rejected)?.row ?? null;
  return { earlier, previous };
}

function view(current: YearReport, found: Lookup, compared: CrossYearView['compared']): CrossYearView {
  return {
    entity: current.entity,
    site: current.site,
    year: current.year,
    earlier: found.earlier.map(({ row: _row, ...e }) => e),
    compared,
  };
}

/**
 * Store an audit as saveAudit does, with the cross-year findings against the same body's stored
 * report of Y−1 added (each with `reports`). Cross-year findings sent by the page are dropped:
 * only the background computes them. Then the same body's stored report of Y+1, if any, is
 * compared again with this one (refreshFollowingYear), so the order of the audits does not
 * matter. Returns the store's outcome, what the panel shows and the Y+1 reports recomputed.
 */
export async function saveAuditWithCrossYear(
  db: AuditDb,
  result: unknown,
  url: string,
  narrative: string | null,
  now: () => Date = () => new Date(),
): Promise<{ saved: SaveOutcome; crossYear: CrossYearView | null; following?: string[] }> {
  const key = normaliseReportUrl(url);
  const parsed = StorableResultSchema.safeParse(result);
  // invalid or not a report: the store says why (or stores nothing)
  if (!parsed.success || !parsed.data.detected) return { saved: await saveAudit(db, result, url, now), crossYear: null };
  const r: AuditResultJson = parsed.data;
  const text = narrative === null ? null : narrative.slice(0, NARRATIVE_MAX);
  const current = yearReportFromResult(r, { site: siteOf(key), narrative: text })!;
  current.source = key;
  const before = await db.evidence.get(key);
  const notSameBody = before?.crossYear?.notSameBody ?? [];
  const found = await lookup(db, key, current, new Set(notSameBody));
  let compared: CrossYearView['compared'] = null;
  let crossFindings: NonNullable<AuditResultJson['findings']> = [];
  if (found.previous) {
    const previous = await storedYearReport(db, found.previous);
    const outcome = runCrossYear(current, previous, CROSS_YEAR_RULES, { sameBody: true });
    crossFindings = outcome.findings;
    compared = { url: previous.source, year: previous.year!, note: outcome.note, findings: outcome.findings };
  }
  const merged: AuditResultJson = {
    ...r,
    findings: sortFindings([...r.findings!.filter((f) => !isCrossYearFinding(f)), ...crossFindings], r.report!.format),
  };
  const saved = await saveAudit(db, merged, key, now);
  await db.transaction('rw', db.reports, db.evidence, db.findings, async () => {
    await db.evidence.update(key, { crossYear: { narrative: text, notSameBody } });
    // a comparison the auditor rejected is not "resolved": its findings go
    const stale = await db.findings
      .where('reportUrl')
      .equals(key)
      .filter((f) => f.status === 'resolved' && !!f.reports && notSameBody.includes(f.reports.previous))
      .primaryKeys();
    if (stale.length > 0) {
      await db.findings.bulkDelete(stale);
      await refreshProgress(db, key);
    }
  });
  const following = await refreshFollowingYear(db, key);
  return { saved, crossYear: view(current, found, compared), following };
}

/** A stored finding back as a result's finding (the fields the store keeps). */
function asFinding(f: StoredFinding): NonNullable<AuditResultJson['findings']>[number] {
  const out: NonNullable<AuditResultJson['findings']>[number] = { ruleId: f.ruleId, severity: f.severity, cells: [...f.cells], message: f.message };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.reports) out.reports = { ...f.reports };
  return out;
}

/**
 * The audits may come in either order: when the report at `url` (year Y) is stored, the same
 * body's stored reports of Y+1 that compare with it are compared again, from their stored cells
 * and narrative (the evidence row), and their cross-year findings replaced. Their other
 * findings, their audit time and evidence stay as they are; reviews follow the findings by
 * matchKey (rule id + first cell) as on a re-audit, and a cross-year finding no longer found is
 * kept as resolved. A Y+1 report that compares with another report of Y (a better match) or
 * whose auditor rejected this one is left alone. Returns the URLs recomputed.
 */
export async function refreshFollowingYear(db: AuditDb, url: string): Promise<string[]> {
  const key = normaliseReportUrl(url);
  const row = await db.reports.get(key);
  if (!row || row.year === null) return [];
  const site = siteOf(key);
  const next = await db.reports.where('year').equals(row.year + 1).toArray();
  const done: string[] = [];
  for (const n of next) {
    if (n.url === key || !matchBodies({ entity: n.entity, site: siteOf(n.url) }, { entity: row.entity, site }).same) continue;
    const ev = await db.evidence.get(n.url);
    const notSameBody = ev?.crossYear?.notSameBody ?? [];
    const current = await storedYearReport(db, n);
    const found = await lookup(db, n.url, current, new Set(notSameBody));
    if (found.previous?.url !== key) continue;
    const outcome = runCrossYear(current, await storedYearReport(db, found.previous), CROSS_YEAR_RULES, { sameBody: true });
    await db.transaction('rw', db.reports, db.evidence, db.findings, async () => {
      const stored = await db.reports.get(n.url);
      if (!stored) return;
      const findings = await db.findings.where('reportUrl').equals(n.url).sortBy('seq');
      const kept = findings.filter((f) => f.status === 'current' && !isCrossYearFinding(f)).map(asFinding);
      const cells = (await db.evidence.get(n.url))?.cells ?? {};
      const result: AuditResultJson = {
        schemaVersion: stored.source.schemaVersion,
        tool: { ...stored.source.tool },
        source: stored.source.source,
        auditedAt: stored.source.auditedAt,
        detected: true,
        report: { title: stored.title, year: stored.year, entity: stored.entity, format: stored.format },
        cells,
        findings: sortFindings([...kept, ...outcome.findings], stored.format),
      };
      await writeResultInTransaction(db, n.url, result, stored.auditedAt, stored.evidenceSha256);
    });
    done.push(n.url);
  }
  return done;
}

/**
 * The auditor's decision on a pairing: `same: false` marks the earlier report as not this body's
 * (its comparison is dropped at the next audit of this report), `same: true` undoes that.
 * Throws when the report is not stored.
 */
export async function setSameBody(db: AuditDb, url: string, previousUrl: string, same: boolean): Promise<void> {
  const key = normaliseReportUrl(url);
  const prev = normaliseReportUrl(previousUrl);
  await db.transaction('rw', db.evidence, async () => {
    const ev = await db.evidence.get(key);
    if (!ev) throw new Error('the report is not stored');
    const list = new Set(ev.crossYear?.notSameBody ?? []);
    if (same) list.delete(prev);
    else list.add(prev);
    await db.evidence.update(key, { crossYear: { ...ev.crossYear, notSameBody: [...list] } });
  });
}
