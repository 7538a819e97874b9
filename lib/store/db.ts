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
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { BatchRecord } from '../batch';
import { z } from 'zod';
import { AuditResultSchema, type AuditResultJson } from '../schema';
import {
  ReviewInputSchema,
  type PanelReview,
  type ReportSummary,
  type ReviewInput,
  type ReviewReason,
  type ReviewState,
} from '../messages';
import { countBySeverity, type Counts } from '../counts';

export type { ReviewInput, ReviewReason, ReviewState } from '../messages';

export const DB_NAME = 'report-auditor';

/** Limits on what a page may make us store (the template has a few hundred cells). */
export const STORE_LIMITS = {
  cells: 2_000,
  findings: 5_000,
  text: 2_000,
  url: 8_192,
} as const;

export type Severity = 'error' | 'warning' | 'info';
export type { Counts };
export type CellEvidence = Record<string, { raw: string; value: number | null }>;

/** Whether a stored finding was in the page's latest audit ('resolved': no longer found). */
export type FindingStatus = 'current' | 'resolved';

/**
 * Review tallies of a report: open/confirmed/dismissed count its current findings by review
 * state, resolved counts its resolved findings (whatever their review). Kept on the report row
 * by every write, so listing reports reads no findings.
 */
export interface ReviewProgress {
  open: number;
  confirmed: number;
  dismissed: number;
  resolved: number;
}

/** A report as the reports table holds it (the evidence cells live in the evidence table). */
export interface ReportRow {
  /** Primary key: the page URL without its fragment (see normaliseReportUrl). */
  url: string;
  title: string | null;
  entity: string | null;
  year: number | null;
  format: '2019' | '2021' | null;
  /** When the store received the result (the store's clock, not the page's). */
  auditedAt: string;
  /** The current findings by severity. */
  counts: Counts;
  reviewProgress: ReviewProgress;
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
  /** A report read from a PDF/DOCX attachment (result.attachment, without the cell boxes): the file audited. */
  attachment?: StoredAttachment;
}

/** What the store keeps of an attachment's evidence (not indexed: no schema change). */
export interface StoredAttachment {
  kind: 'pdf' | 'docx';
  url?: string;
  sha256: string;
  bytes: number;
  pages?: number;
}

/** Evidence: every template cell the auditor extracted, by canonical cell id (table evidence). */
export interface EvidenceRow {
  url: string;
  cells: CellEvidence;
  /** Cross-year data (lib/store/crossyear.ts): the narrative text and the auditor's "not the same body" pairs. Kept across re-audits. */
  crossYear?: CrossYearEvidence;
}

/** What the cross-year rules keep of a report besides its cells (not indexed: no schema change). */
export interface CrossYearEvidence {
  /** The narrative text as the auditor extracted it (lib/crossyear.ts narrativeText). */
  narrative?: string | null;
  /** URLs of earlier reports the auditor said are not this body's. */
  notSameBody?: string[];
}

/** A report with its evidence, as getReport / getReportDetail return it. */
export interface StoredReport extends ReportRow {
  cells: CellEvidence;
}

export interface StoredFinding {
  /** Auto-increment primary key. */
  id: number;
  /** The report's key (StoredReport.url). */
  reportUrl: string;
  /**
   * Order: current findings 0…n-1 in the result's order (severity, table, row), then the
   * resolved ones.
   */
  seq: number;
  ruleId: string;
  severity: Severity;
  cells: string[];
  expected?: number;
  actual?: number;
  message: string;
  /** Rule, cells and numbers: tells apart findings that share a matchKey. */
  fingerprint: string;
  /** `${ruleId}|${cells[0] ?? ''}`: "the same finding" across re-audits (matchKeyOf). */
  matchKey: string;
  status: FindingStatus;
  review: ReviewState;
  /** Why it was dismissed; null unless dismissed (and for dismissals stored before v2). */
  reviewReason: ReviewReason | null;
  reviewNote: string | null;
  reviewedAt: string | null;
  /** Cross-year findings: the two reports compared (finding JSON `reports`). */
  reports?: { current: string; previous: string };
}

export type AuditDb = Dexie & {
  reports: EntityTable<ReportRow, 'url'>;
  evidence: EntityTable<EvidenceRow, 'url'>;
  findings: EntityTable<StoredFinding, 'id'>;
  /** v3: batch audits (lib/batch.ts BatchRecord; lib/store/batches.ts reads and writes them). */
  batches: EntityTable<BatchRecord, 'id'>;
};

export interface OpenOptions {
  /** An IndexedDB implementation (tests pass fake-indexeddb's). */
  indexedDB?: { open: Function };
  IDBKeyRange?: { bound: Function; lowerBound: Function; upperBound: Function };
}

/** The newest schema version openAuditDb declares. */
export const SCHEMA_VERSION = 3;

/** The key that matches a finding across re-audits: rule id and first cell. */
export function matchKeyOf(ruleId: string, cells: readonly string[] | string | null | undefined): string {
  const first = typeof cells === 'string' ? cells : (cells?.[0] ?? '');
  return `${ruleId}|${first ?? ''}`;
}

export const emptyProgress = (): ReviewProgress => ({ open: 0, confirmed: 0, dismissed: 0, resolved: 0 });

function tally(p: ReviewProgress, f: Pick<StoredFinding, 'status' | 'review'>, by = 1): void {
  if (f.status === 'resolved') p.resolved += by;
  else p[f.review] += by;
}

export function progressOf(findings: readonly Pick<StoredFinding, 'status' | 'review'>[]): ReviewProgress {
  const p = emptyProgress();
  for (const f of findings) tally(p, f);
  return p;
}

/**
 * The database. Schema changes add a new db.version(n) with an upgrade; never edit an
 * earlier version (tests/fixtures/db/vN.json is a database of each earlier version, and
 * lib/store/migrate.test.ts opens each with this function).
 */
export function openAuditDb(name: string = DB_NAME, options: OpenOptions = {}): AuditDb {
  const db = new Dexie(name, options) as AuditDb;
  db.version(1).stores({
    // Only indexed properties are listed; the rest of each row is stored as is.
    reports: 'url, auditedAt, year, entity',
    findings: '++id, reportUrl, ruleId, severity, review',
  });
  // v2: reviews survive re-audits (matchKey, status, reviewReason), review progress on the
  // report row, and the evidence cells in their own table so that listing reports is cheap.
  db.version(2)
    .stores({
      reports: 'url, auditedAt, year, entity',
      evidence: 'url',
      findings: '++id, reportUrl, ruleId, severity, review, matchKey, [reportUrl+matchKey]',
    })
    .upgrade(upgradeToV2);
  // v3: batch audits, each with its items' state and the reports it stored (no row changes).
  db.version(3).stores({ batches: 'id, createdAt, status' });
  return db;
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  const progress = new Map<string, ReviewProgress>();
  await tx
    .table('findings')
    .toCollection()
    .modify((f: Record<string, unknown>) => {
      const cells = Array.isArray(f.cells) ? (f.cells as string[]) : [];
      f.matchKey = matchKeyOf(String(f.ruleId), cells);
      f.status = 'current';
      f.reviewReason = null;
      if (f.review !== 'confirmed' && f.review !== 'dismissed') f.review = 'open';
      f.reviewNote ??= null;
      f.reviewedAt ??= null;
      const url = String(f.reportUrl);
      let p = progress.get(url);
      if (!p) progress.set(url, (p = emptyProgress()));
      tally(p, f as Pick<StoredFinding, 'status' | 'review'>);
    });
  const evidence: EvidenceRow[] = [];
  await tx
    .table('reports')
    .toCollection()
    .modify((r: Record<string, unknown>) => {
      evidence.push({ url: String(r.url), cells: (r.cells as CellEvidence | undefined) ?? {} });
      delete r.cells;
      r.reviewProgress = progress.get(String(r.url)) ?? emptyProgress();
    });
  await tx.table('evidence').bulkPut(evidence);
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

export function findingFingerprint(f: { ruleId: string; cells: readonly string[]; expected?: number; actual?: number }): string {
  return canonicalJson([f.ruleId, f.cells, f.expected ?? null, f.actual ?? null]);
}

/** The stricter shape the store accepts: the contract's schema plus size limits. */
export const StorableResultSchema = AuditResultSchema.superRefine((r, ctx) => {
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
  | {
      stored: true;
      url: string;
      evidenceSha256: string;
      findings: number;
      counts: Counts;
      /** The stored reviews of the current findings (those reviewed or with a note). */
      reviews: PanelReview[];
    }
  | { stored: false; reason: 'not-detected' };

type Finding = NonNullable<AuditResultJson['findings']>[number];
type NewFinding = Omit<StoredFinding, 'id'> & { id?: number };

/** A finding that carries a review worth telling (anything but a plain, never-touched open). */
export function isReviewed(f: Pick<StoredFinding, 'review' | 'reviewReason' | 'reviewNote' | 'reviewedAt'>): boolean {
  return f.review !== 'open' || f.reviewReason !== null || f.reviewNote !== null || f.reviewedAt !== null;
}

export function panelReviews(findings: readonly StoredFinding[]): PanelReview[] {
  return findings
    .filter((f) => f.status === 'current' && isReviewed(f))
    .map((f) => ({ ruleId: f.ruleId, cell: f.cells[0] ?? null, state: f.review, reason: f.reviewReason, note: f.reviewNote }));
}

function storedFinding(f: Finding, reportUrl: string, seq: number): NewFinding {
  const stored: NewFinding = {
    reportUrl,
    seq,
    ruleId: f.ruleId,
    severity: f.severity,
    cells: [...f.cells],
    message: f.message,
    fingerprint: findingFingerprint(f),
    matchKey: matchKeyOf(f.ruleId, f.cells),
    status: 'current',
    review: 'open',
    reviewReason: null,
    reviewNote: null,
    reviewedAt: null,
  };
  if (f.expected !== undefined) stored.expected = f.expected;
  if (f.actual !== undefined) stored.actual = f.actual;
  if (f.reports) stored.reports = { current: f.reports.current, previous: f.reports.previous };
  return stored;
}

/**
 * Pair each new finding with a stored one of the same matchKey (rule id + first cell):
 * among several, the one with the same fingerprint first, then current before resolved, then
 * in stored order. Each stored finding is used at most once.
 * Returns, per new finding, the stored one it continues (or undefined), and the stored ones
 * left over.
 */
export function matchFindings<S extends Pick<StoredFinding, 'matchKey' | 'fingerprint' | 'status' | 'seq'>>(
  next: readonly Pick<StoredFinding, 'matchKey' | 'fingerprint'>[],
  previous: readonly S[],
): { matched: (S | undefined)[]; unmatched: S[] } {
  const ordered = [...previous].sort(
    (a, b) => (a.status === b.status ? 0 : a.status === 'current' ? -1 : 1) || a.seq - b.seq,
  );
  const byKey = new Map<string, S[]>();
  for (const f of ordered) {
    const list = byKey.get(f.matchKey);
    if (list) list.push(f);
    else byKey.set(f.matchKey, [f]);
  }
  const matched = next.map((n) => {
    const list = byKey.get(n.matchKey);
    if (!list || list.length === 0) return undefined;
    let i = list.findIndex((p) => p.fingerprint === n.fingerprint);
    if (i < 0) i = 0;
    return list.splice(i, 1)[0];
  });
  const used = new Set(matched);
  return { matched, unmatched: ordered.filter((f) => !used.has(f)) };
}

/**
 * Write one detected, validated result as the report at `key`, inside the caller's rw
 * transaction on reports, evidence and findings. New findings that match stored ones keep the
 * stored row (id, review); stored findings not found again become 'resolved'.
 */
async function writeReport(
  db: AuditDb,
  key: string,
  r: AuditResultJson,
  auditedAt: string,
  evidenceSha256: string,
): Promise<{ report: ReportRow; findings: StoredFinding[] }> {
  const report = r.report!;
  const cells = r.cells!;
  const incoming = r.findings!.map((f, seq) => storedFinding(f, key, seq));
  const previous = await db.findings.where('reportUrl').equals(key).toArray();
  const { matched, unmatched } = matchFindings(incoming, previous);
  const rows: NewFinding[] = incoming.map((f, i) => {
    const before = matched[i];
    if (!before) return f;
    return {
      ...f,
      id: before.id,
      review: before.review,
      reviewReason: before.reviewReason,
      reviewNote: before.reviewNote,
      reviewedAt: before.reviewedAt,
    };
  });
  unmatched.forEach((f, i) => rows.push({ ...f, status: 'resolved', seq: incoming.length + i }));

  const counts = countBySeverity(incoming);
  const row: ReportRow = {
    url: key,
    title: report.title,
    entity: report.entity,
    year: report.year,
    format: report.format,
    auditedAt,
    counts,
    reviewProgress: progressOf(rows),
    evidenceSha256,
    source: { schemaVersion: r.schemaVersion, tool: { ...r.tool }, source: r.source, auditedAt: r.auditedAt },
  };
  if (r.attachment) {
    const { kind, url, sha256, bytes, pages } = r.attachment;
    row.attachment = { kind, sha256, bytes, ...(url !== undefined ? { url } : {}), ...(pages !== undefined ? { pages } : {}) };
  }
  await db.reports.put(row);
  const crossYear = (await db.evidence.get(key))?.crossYear;
  await db.evidence.put({
    url: key,
    cells: Object.fromEntries(Object.entries(cells).map(([id, c]) => [id, { raw: c.raw, value: c.value }])),
    ...(crossYear ? { crossYear } : {}),
  });
  const ids = await db.findings.bulkPut(rows as StoredFinding[], { allKeys: true });
  const findings = rows.map((f, i) => ({ ...f, id: ids[i]! }) as StoredFinding);
  return { report: row, findings };
}

/** The transaction scope of every write. */
export function writeScope(db: AuditDb) {
  return [db.reports, db.evidence, db.findings] as const;
}

function counted(r: AuditResultJson): Counts {
  return countBySeverity(r.findings ?? []);
}

/**
 * Store one audit result for the page at `url` (the URL the background trusts, i.e. the
 * sender frame's). A re-audit of the same page updates its report row, evidence and findings
 * in one transaction: a finding found again (same rule id and first cell, matchFindings)
 * keeps its review; a stored finding not found again is kept as 'resolved' (current again if
 * a later audit finds it). A page that is not a report (detected: false) is not stored.
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
  const evidenceSha256 = await evidenceHash(r.cells!);
  const auditedAt = now().toISOString();
  const written = await db.transaction('rw', writeScope(db), () => writeReport(db, key, r, auditedAt, evidenceSha256));
  return {
    stored: true,
    url: key,
    evidenceSha256,
    findings: r.findings!.length,
    counts: counted(r),
    reviews: panelReviews(written.findings),
  };
}

/**
 * Write a validated, detected result as stored data (import), inside the caller's rw
 * transaction on reports, evidence and findings: the same as saveAudit's write. The evidence
 * hash must be computed before the transaction (no other async API may run inside one).
 */
export function writeResultInTransaction(
  db: AuditDb,
  key: string,
  r: AuditResultJson,
  auditedAt: string,
  evidenceSha256: string,
): Promise<{ report: ReportRow; findings: StoredFinding[] }> {
  return writeReport(db, key, r, auditedAt, evidenceSha256);
}

/** Put a report's review progress back in line with its findings (inside a rw transaction). */
export async function refreshProgress(db: AuditDb, url: string): Promise<ReviewProgress> {
  const findings = await db.findings.where('reportUrl').equals(url).toArray();
  const p = progressOf(findings);
  await db.reports.update(url, { reviewProgress: p });
  return p;
}

// ------------------------------------------------------------------ reviews

function reviewFields(
  before: Pick<StoredFinding, 'reviewNote'>,
  input: ReviewInput,
  reviewedAt: string,
): Pick<StoredFinding, 'review' | 'reviewReason' | 'reviewNote' | 'reviewedAt'> {
  let note = before.reviewNote;
  if (input.note !== undefined) note = input.note === null || input.note.trim() === '' ? null : input.note;
  return {
    review: input.state,
    reviewReason: input.state === 'dismissed' ? (input.reason ?? null) : null,
    reviewNote: note,
    reviewedAt,
  };
}

function parseReview(review: unknown): ReviewInput {
  const parsed = ReviewInputSchema.safeParse(review);
  if (!parsed.success) throw new StoreError(`invalid review: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function applyReview(db: AuditDb, targets: StoredFinding[], input: ReviewInput, reviewedAt: string): Promise<StoredFinding[]> {
  const out: StoredFinding[] = [];
  const report = targets[0] ? await db.reports.get(targets[0].reportUrl) : undefined;
  const progress = report?.reviewProgress ? { ...report.reviewProgress } : undefined;
  for (const f of targets) {
    const updated: StoredFinding = { ...f, ...reviewFields(f, input, reviewedAt) };
    await db.findings.put(updated);
    if (progress) {
      tally(progress, f, -1);
      tally(progress, updated);
    }
    out.push(updated);
  }
  if (report && progress) await db.reports.update(report.url, { reviewProgress: progress });
  else if (targets[0]) await refreshProgress(db, targets[0].reportUrl);
  return out;
}

/**
 * Review one finding by its id: state, reason (required to dismiss; dropped for other
 * states), note (≤ 2,000 characters; omitted keeps the note, '' or null clears it). Sets
 * reviewedAt and the report's review progress. Returns the updated finding. Throws StoreError
 * for an invalid review or an unknown id.
 */
export async function setReview(
  db: AuditDb,
  findingId: number,
  review: ReviewInput,
  now: () => Date = () => new Date(),
): Promise<StoredFinding> {
  const input = parseReview(review);
  if (!Number.isInteger(findingId)) throw new StoreError('finding id must be an integer');
  const reviewedAt = now().toISOString();
  return db.transaction('rw', db.reports, db.findings, async () => {
    const f = await db.findings.get(findingId);
    if (!f) throw new StoreError(`no finding ${findingId}`);
    const [updated] = await applyReview(db, [f], input, reviewedAt);
    return updated!;
  });
}

/**
 * Review the finding(s) of a report by matchKey (rule id + first cell, matchKeyOf), as the
 * in-page panel knows them. Every current finding with that key gets the review (several
 * findings of one rule may share a first cell); when none is current, the resolved ones do.
 * Returns the updated findings; throws StoreError when the report has no such finding.
 */
export async function setReviewByKey(
  db: AuditDb,
  reportUrl: string,
  matchKey: string,
  review: ReviewInput,
  now: () => Date = () => new Date(),
): Promise<StoredFinding[]> {
  const key = normaliseReportUrl(reportUrl);
  const input = parseReview(review);
  const reviewedAt = now().toISOString();
  return db.transaction('rw', db.reports, db.findings, async () => {
    const all = await db.findings.where('[reportUrl+matchKey]').equals([key, matchKey]).sortBy('seq');
    const current = all.filter((f) => f.status === 'current');
    const targets = current.length > 0 ? current : all;
    if (targets.length === 0) throw new StoreError('no such finding in the stored report');
    return applyReview(db, targets, input, reviewedAt);
  });
}

// ------------------------------------------------------------------ reading

export function toSummary(r: ReportRow): ReportSummary {
  return {
    url: r.url,
    title: r.title,
    entity: r.entity,
    year: r.year,
    format: r.format,
    auditedAt: r.auditedAt,
    counts: { ...r.counts },
    ...(r.attachment ? { attachment: { kind: r.attachment.kind, url: r.attachment.url ?? r.url } } : {}),
  };
}

/** The most recently audited reports, newest first. */
export async function recentReports(db: AuditDb, limit: number): Promise<ReportSummary[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new StoreError('limit must be a positive integer');
  const rows = await db.reports.orderBy('auditedAt').reverse().limit(limit).toArray();
  return rows.map(toSummary);
}

/** One row of the workbook's report list. */
export interface WorkbookRow {
  url: string;
  title: string | null;
  entity: string | null;
  year: number | null;
  format: '2019' | '2021' | null;
  /** The URL's host ('' for file URLs). */
  site: string;
  counts: Counts;
  review: ReviewProgress;
  auditedAt: string;
}

export interface ReportFilter {
  /** Substring of the title, entity or URL (case-insensitive, trimmed; '' matches all). */
  text?: string;
  year?: number;
  /** null: reports of no recognised format (legacy); undefined: any. */
  format?: '2019' | '2021' | null;
  /** true: with at least one error; false: with none. */
  hasErrors?: boolean;
}

export type ReportSortKey = 'entity' | 'year' | 'format' | 'errors' | 'warnings' | 'progress' | 'auditedAt' | 'site';
export interface ReportSort {
  key: ReportSortKey;
  dir: 'asc' | 'desc';
}

function siteOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Share of the current findings reviewed (confirmed or dismissed); 1 when there is none. */
export function reviewedShare(p: ReviewProgress): number {
  const total = p.open + p.confirmed + p.dismissed;
  return total === 0 ? 1 : (p.confirmed + p.dismissed) / total;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

function sortValue(row: WorkbookRow, key: ReportSortKey): string | number | null {
  switch (key) {
    case 'entity':
      return row.entity;
    case 'year':
      return row.year;
    case 'format':
      return row.format;
    case 'errors':
      return row.counts.error;
    case 'warnings':
      return row.counts.warning;
    case 'progress':
      return reviewedShare(row.review);
    case 'auditedAt':
      return row.auditedAt;
    case 'site':
      return row.site;
  }
}

/**
 * The stored reports for the workbook, filtered and sorted (default: newest audit first).
 * Nulls (unknown year, entity, format) sort last in either direction; ties by URL. Reads only
 * the reports table (no evidence, no findings).
 */
export async function listReports(db: AuditDb, filter: ReportFilter = {}, sort?: ReportSort): Promise<WorkbookRow[]> {
  const text = filter.text?.trim().toLowerCase() ?? '';
  const rows = await db.reports.toArray();
  const out: WorkbookRow[] = [];
  for (const r of rows) {
    if (filter.year !== undefined && r.year !== filter.year) continue;
    if (filter.format !== undefined && r.format !== filter.format) continue;
    if (filter.hasErrors !== undefined && r.counts.error > 0 !== filter.hasErrors) continue;
    if (
      text !== '' &&
      !(r.title?.toLowerCase().includes(text) || r.entity?.toLowerCase().includes(text) || r.url.toLowerCase().includes(text))
    )
      continue;
    out.push({
      url: r.url,
      title: r.title,
      entity: r.entity,
      year: r.year,
      format: r.format,
      site: siteOf(r.url),
      counts: { ...r.counts },
      review: { ...emptyProgress(), ...r.reviewProgress },
      auditedAt: r.auditedAt,
    });
  }
  const { key, dir } = sort ?? { key: 'auditedAt', dir: 'desc' };
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = out.map((row) => ({ row, v: sortValue(row, key) }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v !== b.v) return a.v === null ? 1 : -1;
    } else if (a.v !== b.v) {
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      if (c !== 0) return sign * c;
    }
    return a.row.url < b.row.url ? -1 : a.row.url > b.row.url ? 1 : 0;
  });
  return keyed.map((k) => k.row);
}

export interface ReportWithFindings {
  report: StoredReport;
  /** Current findings in the result's order, then the resolved ones. */
  findings: StoredFinding[];
}
export type ReportDetail = ReportWithFindings;

/** A report's detail from its rows: the evidence cells on the report, the findings in stored order. */
function detailOf(row: ReportRow, evidence: EvidenceRow | undefined, findings: StoredFinding[]): ReportDetail {
  return { report: { ...row, cells: evidence?.cells ?? {} }, findings: findings.sort((a, b) => a.seq - b.seq) };
}

/** One stored report with its evidence and all its findings, or undefined. */
export async function getReportDetail(db: AuditDb, url: string): Promise<ReportDetail | undefined> {
  const key = normaliseReportUrl(url);
  return db.transaction('r', db.reports, db.evidence, db.findings, async () => {
    const row = await db.reports.get(key);
    if (!row) return undefined;
    const evidence = await db.evidence.get(key);
    return detailOf(row, evidence, await db.findings.where('reportUrl').equals(key).toArray());
  });
}

/** Same as getReportDetail (the name the popup and tests used first). */
export const getReport = getReportDetail;

/**
 * The details of `urls`, in that order (unknown ones skipped), `size` reports at a time, each
 * batch read in one transaction: the XLSX export writes a batch while the next is read
 * (components/workbook/export-worker.ts). A report changed between two batches is read as it is
 * when its batch is read.
 */
export async function* reportDetailBatches(db: AuditDb, urls: readonly string[], size = 50): AsyncGenerator<ReportDetail[]> {
  for (let i = 0; i < urls.length; i += size) {
    const keys = urls.slice(i, i + size).map(normaliseReportUrl);
    yield await db.transaction('r', db.reports, db.evidence, db.findings, async () => {
      const [rows, evidence, findings] = await Promise.all([
        db.reports.bulkGet(keys),
        db.evidence.bulkGet(keys),
        // one getAll per report on the reportUrl index (an anyOf walks a cursor, one callback a finding)
        Promise.all(keys.map((k) => db.findings.where('reportUrl').equals(k).toArray())),
      ]);
      return rows.flatMap((row, j) => (row ? [detailOf(row, evidence[j], findings[j]!)] : []));
    });
  }
}

/**
 * Stored reports' details for the exports: those of `urls` in that order (unknown ones
 * skipped), or every report ordered by URL.
 */
export async function allReportDetails(db: AuditDb, urls?: readonly string[]): Promise<ReportDetail[]> {
  return db.transaction('r', db.reports, db.evidence, db.findings, async () => {
    const rows = urls
      ? (await db.reports.bulkGet(urls.map(normaliseReportUrl))).filter((r): r is ReportRow => r !== undefined)
      : await db.reports.toArray();
    const keys = rows.map((r) => r.url);
    const evidence = await db.evidence.bulkGet(keys);
    const findings = urls ? await db.findings.where('reportUrl').anyOf(keys).toArray() : await db.findings.toArray();
    const byReport = new Map<string, StoredFinding[]>(keys.map((k) => [k, []]));
    for (const f of findings) byReport.get(f.reportUrl)?.push(f);
    const details = rows.map((row, i) => detailOf(row, evidence[i], byReport.get(row.url)!));
    if (!urls) details.sort((a, b) => (a.report.url < b.report.url ? -1 : a.report.url > b.report.url ? 1 : 0));
    return details;
  });
}
