/**
 * Import of the JSON export (lib/export/json.ts) into the store. The file is untrusted: it is
 * parsed and validated whole (ExportFileSchema, the store's size limits, URLs) before anything
 * is written, and everything is written in ONE transaction, so a bad file changes nothing.
 *
 * - merge: each report is upserted by URL as a re-audit would be (stored findings found again
 *   keep their reviews, the others are kept as resolved), then the file's reviews are applied
 *   by matchKey (rule id + first cell); other stored reports are untouched.
 * - replace: every stored report is removed first, then the file is loaded.
 */
import { z } from 'zod';
import {
  evidenceHash,
  findingFingerprint,
  matchKeyOf,
  normaliseReportUrl,
  progressOf,
  StorableResultSchema,
  writeResultInTransaction,
  writeScope,
  type AuditDb,
  type StoredFinding,
} from '../store/db';
import type { AuditResultJson } from '../schema';
import { EXPORT_SCHEMA_VERSION, ExportFileSchema, type ExportFile, type ReviewEntry } from './json';
import { errorMessage } from '../error-message';

export type ImportMode = 'merge' | 'replace';
export type ImportErrorCode = 'not-json' | 'not-export' | 'newer-version' | 'invalid' | 'failed';

/** Why a file was not imported; the store is unchanged. `zh` and `en` are for the user. */
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
  }
}

export interface ImportOutcome {
  mode: ImportMode;
  /** Reports written. */
  reports: number;
  /** Current findings written. */
  findings: number;
  /** Review entries applied. */
  reviews: number;
  /** Review entries that matched no finding (e.g. a merge over a newer audit). */
  skipped: number;
}

/** Parse and validate an export file's text; throws ImportError. */
export function parseExportFile(text: unknown): ExportFile {
  if (typeof text !== 'string') throw new ImportError('not-export', '没有可读的文件内容', 'nothing to read in the file');
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportError('not-json', '文件不是有效的 JSON（可能已损坏或被截断）', 'the file is not valid JSON (corrupt or cut short)');
  }
  const looksLikeExport =
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    'schemaVersion' in data &&
    'reports' in data &&
    (data as { tool?: { name?: unknown } }).tool?.name === 'report-auditor';
  if (!looksLikeExport)
    throw new ImportError(
      'not-export',
      '这不是“年报审计助手”导出的 JSON 文件',
      Array.isArray(data) ? 'this is not a Report Auditor export file (a command-line --json output is not an export)' : 'this is not a Report Auditor export file',
    );
  const version = (data as { schemaVersion: unknown }).schemaVersion;
  if (typeof version === 'number' && version > EXPORT_SCHEMA_VERSION)
    throw new ImportError(
      'newer-version',
      `文件的格式版本 ${version} 比本扩展能读的版本 ${EXPORT_SCHEMA_VERSION} 新，请先更新扩展`,
      `the file's schema version ${version} is newer than this version reads (${EXPORT_SCHEMA_VERSION}); update the extension`,
    );
  const parsed = ExportFileSchema.safeParse(data);
  if (!parsed.success) {
    const detail = z.prettifyError(parsed.error).split('\n').slice(0, 6).join('; ').slice(0, 600);
    throw new ImportError('invalid', `导出文件的内容无效：${detail}`, `the export file is invalid: ${detail}`);
  }
  for (const [i, r] of parsed.data.reports.entries()) {
    const limits = StorableResultSchema.safeParse(r);
    if (!limits.success)
      throw new ImportError('invalid', `第 ${i + 1} 份报告超出存储限制`, `report ${i + 1} exceeds the store's limits: ${limits.error.issues[0]?.message ?? ''}`);
    try {
      normaliseReportUrl(r.source);
    } catch {
      throw new ImportError('invalid', `第 ${i + 1} 份报告的网址无效：${r.source.slice(0, 200)}`, `report ${i + 1} has no valid URL: ${r.source.slice(0, 200)}`);
    }
  }
  const keys = new Set(parsed.data.reports.map((r) => normaliseReportUrl(r.source)));
  if (keys.size !== parsed.data.reports.length)
    throw new ImportError('invalid', '文件中有两份报告的网址相同', 'two reports in the file have the same URL');
  return parsed.data;
}

type Finding = NonNullable<AuditResultJson['findings']>[number];

function reviewOf(e: ReviewEntry): Pick<StoredFinding, 'review' | 'reviewReason' | 'reviewNote' | 'reviewedAt'> {
  return { review: e.state, reviewReason: e.state === 'dismissed' ? e.reason : null, reviewNote: e.note, reviewedAt: e.reviewedAt };
}

/**
 * Apply a report's review entries to its just-written findings (same transaction). Entries of
 * current findings go to the current findings with their matchKey, the k-th entry of a key to
 * the k-th finding of it; a resolved entry updates the stored resolved finding with the same
 * rule, cells and numbers, or is added as a resolved finding.
 */
async function applyEntries(db: AuditDb, key: string, written: StoredFinding[], entries: ReviewEntry[]): Promise<{ applied: number; skipped: number }> {
  let applied = 0;
  let skipped = 0;
  const current = new Map<string, StoredFinding[]>();
  for (const f of written) {
    if (f.status !== 'current') continue;
    const list = current.get(f.matchKey);
    if (list) list.push(f);
    else current.set(f.matchKey, [f]);
  }
  const resolved = written.filter((f) => f.status === 'resolved');
  const changed: StoredFinding[] = [];
  const added: Omit<StoredFinding, 'id'>[] = [];
  let seq = written.reduce((m, f) => Math.max(m, f.seq + 1), 0);
  for (const e of entries) {
    const mk = matchKeyOf(e.ruleId, e.cell ?? '');
    if (e.status !== 'resolved') {
      const target = current.get(mk)?.shift();
      if (!target) {
        skipped++;
        continue;
      }
      changed.push({ ...target, ...reviewOf(e) });
      applied++;
      continue;
    }
    const finding: Finding = e.finding!;
    const fingerprint = findingFingerprint(finding);
    const i = resolved.findIndex((f) => f.matchKey === mk && f.fingerprint === fingerprint);
    if (i >= 0) {
      changed.push({ ...resolved[i]!, ...reviewOf(e) });
      resolved.splice(i, 1);
      applied++;
      continue;
    }
    if (written.some((f) => f.status === 'current' && f.matchKey === mk && f.fingerprint === fingerprint)) {
      // found by this store's own audit: it is current here
      skipped++;
      continue;
    }
    const row: Omit<StoredFinding, 'id'> = {
      reportUrl: key,
      seq: seq++,
      ruleId: finding.ruleId,
      severity: finding.severity,
      cells: [...finding.cells],
      message: finding.message,
      fingerprint,
      matchKey: mk,
      status: 'resolved',
      ...reviewOf(e),
    };
    if (finding.expected !== undefined) row.expected = finding.expected;
    if (finding.actual !== undefined) row.actual = finding.actual;
    added.push(row);
    applied++;
  }
  if (changed.length) await db.findings.bulkPut(changed);
  if (added.length) await db.findings.bulkAdd(added as StoredFinding[]);
  if (changed.length || added.length) {
    const byId = new Map(written.map((f) => [f.id, f]));
    for (const f of changed) byId.set(f.id, f);
    const all: Pick<StoredFinding, 'status' | 'review'>[] = [...byId.values(), ...added];
    await db.reports.update(key, { reviewProgress: progressOf(all) });
  }
  return { applied, skipped };
}

/**
 * Import an export file's text. Throws ImportError (with zh and en messages) for a file that
 * is not JSON, not an export, of a newer schema version or invalid, and when writing fails;
 * in every such case the store is unchanged. The stored reports' auditedAt is the file's.
 */
export async function importJson(db: AuditDb, text: string, mode: ImportMode): Promise<ImportOutcome> {
  if (mode !== 'merge' && mode !== 'replace') throw new ImportError('failed', '未知的导入方式', `unknown import mode: ${String(mode)}`);
  const file = parseExportFile(text);
  // hashes first: no other async API may run inside the transaction
  const hashes = await Promise.all(file.reports.map((r) => evidenceHash(r.cells!)));
  const entries = new Map<string, ReviewEntry[]>();
  for (const e of file.reviews) {
    const list = entries.get(e.source);
    if (list) list.push(e);
    else entries.set(e.source, [e]);
  }
  const outcome: ImportOutcome = { mode, reports: 0, findings: 0, reviews: 0, skipped: 0 };
  try {
    await db.transaction('rw', writeScope(db), async () => {
      if (mode === 'replace') await Promise.all([db.reports.clear(), db.evidence.clear(), db.findings.clear()]);
      for (const [i, r] of file.reports.entries()) {
        const key = normaliseReportUrl(r.source);
        const written = await writeResultInTransaction(db, key, r, r.auditedAt, hashes[i]!);
        const { applied, skipped } = await applyEntries(db, key, written.findings, entries.get(r.source) ?? []);
        outcome.reports++;
        outcome.findings += r.findings!.length;
        outcome.reviews += applied;
        outcome.skipped += skipped;
      }
    });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    const why = errorMessage(e);
    throw new ImportError('failed', `导入失败，数据库未改动：${why}`, `the import failed and nothing was changed: ${why}`);
  }
  return outcome;
}
