/**
 * Fetch, parse and audit a page without a tab, where a DOM parser exists: Chrome's offscreen
 * document (entrypoints/offscreen) and Firefox's background page. Every outcome is a
 * serialisable reply (AuditReply, ListReply), so the offscreen document can send it back.
 */
import { auditPage } from '../audit';
import { BatchItemError, fetchPage, type FetchLike } from '../batch-fetch';
import { linksFromDocument } from '../links';
import { pageFromDocument } from '../page';
import { pageFromText } from '../textdump';
import { narrativeText } from '../crossyear';
import type { AuditReply, ListReply } from './batch-messages';
import { errorMessage } from '../error-message';

export interface DomEnv {
  fetch: FetchLike;
  /** The environment's DOMParser (window.DOMParser). */
  parse(html: string): Document;
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => Date;
}

function failure(e: unknown, signal?: AbortSignal): Extract<AuditReply, { ok: false }> {
  if (signal?.aborted) return { ok: false, code: 'error', message: 'aborted', aborted: true };
  if (e instanceof BatchItemError) return { ok: false, code: e.code, message: e.message, ...(e.status !== undefined ? { status: e.status } : {}) };
  return { ok: false, code: 'error', message: errorMessage(e) };
}

export async function auditUrlInDom(url: string, env: DomEnv): Promise<AuditReply> {
  try {
    const page = await fetchPage(url, { fetch: env.fetch, signal: env.signal, timeoutMs: env.timeoutMs });
    const model = page.kind === 'text' ? pageFromText(page.text, page.url) : pageFromDocument(env.parse(page.text), { source: page.url });
    const run = auditPage(model, env.now ? { now: env.now() } : {});
    // the narrative text goes with the result: the background compares it with the body's other years (XYEAR-DUPLICATE)
    const narrative = run.result.detected && run.context ? narrativeText(run.context.narrative).slice(0, 100_000) : null;
    return { ok: true, result: run.result, narrative, ...(run.result.detected ? {} : { reason: run.detection.reason ?? undefined }) };
  } catch (e) {
    return failure(e, env.signal);
  }
}

export async function listLinksInDom(url: string, env: DomEnv): Promise<ListReply> {
  try {
    const page = await fetchPage(url, { fetch: env.fetch, signal: env.signal, timeoutMs: env.timeoutMs });
    const doc = env.parse(page.text);
    const found = linksFromDocument(doc, page.url);
    return { ok: true, url: page.url, title: (doc.title ?? '').replace(/\s+/g, ' ').trim(), reports: found.reports, nextPage: found.nextPage };
  } catch (e) {
    return failure(e, env.signal);
  }
}
