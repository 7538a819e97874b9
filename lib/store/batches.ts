/**
 * Batch audits in the store (schema v3, table `batches`): each batch record holds its items'
 * state (lib/batch.ts) and, for each done item, the key of the report it stored. A report's
 * rows are the ordinary ones (saveAudit): a report audited by two batches belongs to both, and
 * re-auditing it from its page keeps it in its batches. Free of extension APIs.
 */
import { z } from 'zod';
import { batchProgress, type BatchProgress, type BatchRecord } from '../batch';
import { FAILURE_CODES } from '../batch-fetch';
import { allReportDetails, normaliseReportUrl, StoreError, type AuditDb, type ReportDetail } from './db';

const Counts = z.object({ error: z.number().int().min(0), warning: z.number().int().min(0), info: z.number().int().min(0) });

/** A batch record as the store accepts it (records come from the background, never from a page). */
export const BatchRecordSchema = z.object({
  id: z.string().min(1).max(64),
  label: z.string().max(500),
  source: z.string().max(8_192).nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  status: z.enum(['running', 'paused', 'cancelled', 'done']),
  concurrency: z.number().int().min(1).max(8),
  delayMs: z.number().int().min(0).max(600_000),
  items: z
    .array(
      z.object({
        url: z.string().max(8_192),
        title: z.string().max(500).nullable(),
        kind: z.enum(['page', 'attachment']),
        state: z.enum(['queued', 'running', 'done', 'failed']),
        reportUrl: z.string().max(8_192).optional(),
        counts: Counts.optional(),
        failure: z.object({ code: z.enum(FAILURE_CODES as [string, ...string[]]), message: z.string().max(2_000), status: z.number().int().optional() }).optional(),
        finishedAt: z.iso.datetime().optional(),
      }),
    )
    .max(2_000),
});

export async function saveBatch(db: AuditDb, batch: BatchRecord): Promise<void> {
  const parsed = BatchRecordSchema.safeParse(batch);
  if (!parsed.success) throw new StoreError(`invalid batch: ${z.prettifyError(parsed.error).slice(0, 500)}`);
  await db.batches.put(batch);
}

export function getBatch(db: AuditDb, id: string): Promise<BatchRecord | undefined> {
  return db.batches.get(id);
}

export interface BatchSummary {
  id: string;
  label: string;
  source: string | null;
  createdAt: string;
  updatedAt: string;
  status: BatchRecord['status'];
  progress: BatchProgress;
}

export function summariseBatch(b: BatchRecord): BatchSummary {
  return { id: b.id, label: b.label, source: b.source, createdAt: b.createdAt, updatedAt: b.updatedAt, status: b.status, progress: batchProgress(b) };
}

/** Every batch, newest first. */
export async function listBatches(db: AuditDb, limit = 100): Promise<BatchSummary[]> {
  const rows = await db.batches.orderBy('createdAt').reverse().limit(limit).toArray();
  return rows.map(summariseBatch);
}

/** Batches that were running when the browser stopped (resumed on start-up). */
export function runningBatches(db: AuditDb): Promise<BatchRecord[]> {
  return db.batches.where('status').equals('running').toArray();
}

/** The keys of the reports a batch stored, in the batch's order (each once). */
export function batchReportUrls(b: Pick<BatchRecord, 'items'>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const it of b.items) {
    if (it.state !== 'done' || !it.reportUrl) continue;
    let key: string;
    try {
      key = normaliseReportUrl(it.reportUrl);
    } catch {
      continue;
    }
    if (!seen.has(key)) out.push(key);
    seen.add(key);
  }
  return out;
}

/** The stored reports of a batch with evidence and findings, for the exports (lib/export). */
export async function batchDetails(db: AuditDb, id: string): Promise<ReportDetail[]> {
  const b = await db.batches.get(id);
  if (!b) throw new StoreError(`no batch ${id}`);
  return allReportDetails(db, batchReportUrls(b));
}

export async function deleteBatch(db: AuditDb, id: string): Promise<void> {
  await db.batches.delete(id);
}
