/**
 * The extension's report store: a Dexie (IndexedDB) database that lives in the
 * background's origin, never in a page's. The in-page auditor sends its result to the
 * background, which stores it here; extension pages read it back through messages.
 *
 * Everything that arrives is treated as untrusted: the result is parsed again with
 * AuditResultSchema, the counts are recounted from the findings and the evidence hash is
 * computed here, never taken from the page. Free of extension APIs (tests run it in Node
 * with fake-indexeddb).
 */
import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import { AuditResultSchema, type AuditResultJson } from '../schema';
import type { ReportSummary } from '../messages';

export const DB_NAME = 'report-auditor';

/** Limits on what a page may make us store (the template has a few hundred cells). */
export const STORE_LIMITS = {
  cells: 2_000,
  findings: 5_000,
  text: 2_000,
  url: 8_192,
} as const;

export type Severity = 'error' | 'warning' | 'info';
export type Counts = Record<Severity, number>;
export type CellEvidence = Record<string, { raw: string; value: number | null }>;

/** Review of one finding by the auditor (a later feature; stored from the start). */
export type ReviewState = 'open' | 'confirmed' | 'dismissed';

export interface StoredReport {
  /** Primary key: the page URL without its fragment (see normaliseReportUrl). */
  url: string;
  title: string | null;
  entity: string | null;
  year: number | null;
  format: '2019' | '2021' | null;
  /** When the store received the result (the store's clock, not the page's). */
  auditedAt: string;
  counts: Counts;
  /** Evidence: every template cell the auditor extracted, by canonical cell id. */
  cells: CellEvidence;
  /** SHA-256 (hex) of canonicalJson(cells), computed by the store. */
  evidenceSha256: string;
  /** Metadata of the result as the page reported it. */
  source: {
    schemaVersion: 1;
    tool: { name: 'report-auditor'; version: string };
    /** result.source: the URL the auditor says it read. */
    source: string;
    /** result.auditedAt: when the auditor says it ran. */
    auditedAt: string;
  };
}

export interface StoredFinding {
  /** Auto-increment primary key. */
  id: number;
  /** The report's key (StoredReport.url). */
  reportUrl: string;
  /** Position in the result's findings (they come sorted by severity, table, row). */
  seq: number;
  ruleId: string;
  severity: Severity;
  cells: string[];
  expected?: number;
  actual?: number;
  message: string;
  /** Identifies "the same finding" across re-audits (rule, cells, numbers). */
  fingerprint: string;
  review: ReviewState;
  reviewNote: string | null;
  reviewedAt: string | null;
}

export type AuditDb = Dexie & {
  reports: EntityTable<StoredReport, 'url'>;
  findings: EntityTable<StoredFinding, 'id'>;
};

export interface OpenOptions {
  /** An IndexedDB implementation (tests pass fake-indexeddb's). */
  indexedDB?: { open: Function };
  IDBKeyRange?: { bound: Function; lowerBound: Function; upperBound: Function };
}

/** The database. Schema changes add a new db.version(n); never edit version 1. */
export function openAuditDb(name: string = DB_NAME, options: OpenOptions = {}): AuditDb {
  const db = new Dexie(name, options) as AuditDb;
  db.version(1).stores({
    // Only indexed properties are listed; the rest of each row is stored as is.
    reports: 'url, auditedAt, year, entity',
    findings: '++id, reportUrl, ruleId, severity, review',
  });
  return db;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/** The key of a page: its URL (http, https or file) without the fragment. */
export function normaliseReportUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError(`not a URL: ${url.slice(0, 200)}`);
  }
  if (!/^(https?|file):$/.test(parsed.protocol)) throw new StoreError(`unsupported URL scheme: ${parsed.protocol}`);
  parsed.hash = '';
  const href = parsed.href;
  if (href.length > STORE_LIMITS.url) throw new StoreError('URL too long');
  return href;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level and no whitespace,
 * so equal data always gives equal text. Rejects what JSON cannot represent faithfully.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new StoreError('non-finite number in evidence');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new StoreError(`cannot serialise ${typeof value}`);
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 hex of the canonical JSON of the cells ({id: {raw, value}}). */
export function evidenceHash(cells: CellEvidence): Promise<string> {
  // Only raw and value count as evidence: rebuild each entry so no other property can
  // slip into the hash.
  const clean: CellEvidence = {};
  for (const [id, cell] of Object.entries(cells)) clean[id] = { raw: cell.raw, value: cell.value };
  return sha256Hex(canonicalJson(clean));
}

function findingFingerprint(f: { ruleId: string; cells: string[]; expected?: number; actual?: number }): string {
  return canonicalJson([f.ruleId, f.cells, f.expected ?? null, f.actual ?? null]);
}

/** The stricter shape the store accepts: the contract's schema plus size limits. */
const StorableResultSchema = AuditResultSchema.superRefine((r, ctx) => {
  const long = (s: string | null | undefined) => s != null && s.length > STORE_LIMITS.text;
  if (r.source.length > STORE_LIMITS.url) ctx.addIssue({ code: 'custom', message: 'source too long' });
  if (r.cells && Object.keys(r.cells).length > STORE_LIMITS.cells)
    ctx.addIssue({ code: 'custom', message: `more than ${STORE_LIMITS.cells} cells` });
  if (r.cells && Object.values(r.cells).some((c) => long(c.raw)))
    ctx.addIssue({ code: 'custom', message: 'cell text too long' });
  if (r.findings && r.findings.length > STORE_LIMITS.findings)
    ctx.addIssue({ code: 'custom', message: `more than ${STORE_LIMITS.findings} findings` });
  if (r.findings?.some((f) => long(f.message) || f.cells.length > 100))
    ctx.addIssue({ code: 'custom', message: 'finding too large' });
  if (r.report && (long(r.report.title) || long(r.report.entity)))
    ctx.addIssue({ code: 'custom', message: 'report title or entity too long' });
});

export type SaveOutcome =
  | { stored: true; url: string; evidenceSha256: string; findings: number; counts: Counts }
  | { stored: false; reason: 'not-detected' };

/**
 * Store one audit result for the page at `url` (the URL the background trusts, i.e. the
 * sender frame's). A re-audit of the same page replaces its report row and its findings in
 * one transaction; review state carries over to findings that are the same as before.
 * A page that is not a report (detected: false) is not stored.
 * Throws StoreError on invalid input, touching nothing.
 */
export async function saveAudit(
  db: AuditDb,
  result: unknown,
  url: string,
  now: () => Date = () => new Date(),
): Promise<SaveOutcome> {
  const key = normaliseReportUrl(url);
  const parsed = StorableResultSchema.safeParse(result);
  if (!parsed.success) throw new StoreError(`invalid audit result: ${z.prettifyError(parsed.error)}`);
  const r: AuditResultJson = parsed.data;
  if (!r.detected) return { stored: false, reason: 'not-detected' };
  // The schema's refinement guarantees these for a detected result.
  const report = r.report!;
  const cells = r.cells!;
  const findings = r.findings!;

  const counts: Counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  const evidenceSha256 = await evidenceHash(cells);

  const row: StoredReport = {
    url: key,
    title: report.title,
    entity: report.entity,
    year: report.year,
    format: report.format,
    auditedAt: now().toISOString(),
    counts,
    cells: Object.fromEntries(Object.entries(cells).map(([id, c]) => [id, { raw: c.raw, value: c.value }])),
    evidenceSha256,
    source: { schemaVersion: r.schemaVersion, tool: r.tool, source: r.source, auditedAt: r.auditedAt },
  };

  await db.transaction('rw', db.reports, db.findings, async () => {
    const previous = await db.findings.where('reportUrl').equals(key).toArray();
    const reviews = new Map(previous.map((f) => [f.fingerprint, f]));
    await db.findings.where('reportUrl').equals(key).delete();
    await db.reports.put(row);
    await db.findings.bulkAdd(
      findings.map((f, seq) => {
        const fingerprint = findingFingerprint(f);
        const before = reviews.get(fingerprint);
        const stored: Omit<StoredFinding, 'id'> = {
          reportUrl: key,
          seq,
          ruleId: f.ruleId,
          severity: f.severity,
          cells: [...f.cells],
          message: f.message,
          fingerprint,
          review: before?.review ?? 'open',
          reviewNote: before?.reviewNote ?? null,
          reviewedAt: before?.reviewedAt ?? null,
        };
        if (f.expected !== undefined) stored.expected = f.expected;
        if (f.actual !== undefined) stored.actual = f.actual;
        return stored;
      }),
    );
  });
  return { stored: true, url: key, evidenceSha256, findings: findings.length, counts };
}

export function toSummary(r: StoredReport): ReportSummary {
  return {
    url: r.url,
    title: r.title,
    entity: r.entity,
    year: r.year,
    format: r.format,
    auditedAt: r.auditedAt,
    counts: { ...r.counts },
  };
}

/** The most recently audited reports, newest first. */
export async function recentReports(db: AuditDb, limit: number): Promise<ReportSummary[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new StoreError('limit must be a positive integer');
  const rows = await db.reports.orderBy('auditedAt').reverse().limit(limit).toArray();
  return rows.map(toSummary);
}

export interface ReportWithFindings {
  report: StoredReport;
  findings: StoredFinding[];
}

/** One stored report with its findings (in the result's order), or undefined. */
export async function getReport(db: AuditDb, url: string): Promise<ReportWithFindings | undefined> {
  const key = normaliseReportUrl(url);
  return db.transaction('r', db.reports, db.findings, async () => {
    const report = await db.reports.get(key);
    if (!report) return undefined;
    const findings = await db.findings.where('reportUrl').equals(key).sortBy('seq');
    return { report, findings };
  });
}
