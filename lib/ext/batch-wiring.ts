/**
 * The batch audit in the background: lib/ext/batch-manager.ts wired to the extension APIs.
 * Imported by entrypoints/background.ts only (it uses `browser`).
 *
 * Pages are parsed without tabs: Chrome's service worker has no DOMParser, so an offscreen
 * document (reason DOM_PARSER, entrypoints/offscreen) fetches, parses and audits them; Firefox's
 * MV3 background is a page with a DOM and does it itself.
 */
import { browser, type Browser } from 'wxt/browser';
import { collectRawPageInTab } from '../links';
import { getBatch, listBatches, runningBatches, saveBatch } from '../store/batches';
import type { AuditDb } from '../store/db';
import { saveAuditWithCrossYear } from '../store/crossyear';
import { BatchManager, PAGE_TIMEOUT_MS, originPattern, type BatchReply } from './batch-manager';
import { AuditReplySchema, ListReplySchema, OFFSCREEN_TARGET, type AuditReply, type ListReply } from './batch-messages';
import { auditUrlInDom, listLinksInDom, type DomEnv } from './page-audit';

const OFFSCREEN_URL = '/offscreen.html';
/** A call to an extension API every 20 s keeps Chrome's service worker alive while a batch runs. */
const KEEPALIVE_MS = 20_000;

let creating: Promise<void> | null = null;

async function ensureOffscreen(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_URL);
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType], documentUrls: [url] });
  if (contexts.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({ url: OFFSCREEN_URL, reasons: ['DOM_PARSER' as Browser.offscreen.Reason], justification: 'Parse and audit report pages of a batch audit without opening tabs' })
    .finally(() => {
      creating = null;
    });
  await creating;
}

const hasDom = () => typeof DOMParser !== 'undefined';

function domEnv(signal?: AbortSignal): DomEnv {
  const parser = new DOMParser();
  return { fetch: (u, init) => fetch(u, init), parse: (html) => parser.parseFromString(html, 'text/html'), timeoutMs: PAGE_TIMEOUT_MS, signal };
}

let requestSeq = 0;

async function auditUrl(url: string, signal: AbortSignal): Promise<AuditReply> {
  if (hasDom()) return auditUrlInDom(url, domEnv(signal));
  await ensureOffscreen();
  const id = `r${Date.now().toString(36)}${(requestSeq++).toString(36)}`;
  const onAbort = () => void browser.runtime.sendMessage({ target: OFFSCREEN_TARGET, type: 'abort', id }).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const reply = await browser.runtime.sendMessage({ target: OFFSCREEN_TARGET, type: 'audit-url', id, url, timeoutMs: PAGE_TIMEOUT_MS });
    return AuditReplySchema.parse(reply);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function listLinks(url: string): Promise<ListReply> {
  if (!(await browser.permissions.contains({ origins: [originPattern(url) ?? url] }))) {
    return { ok: false, code: 'permission', message: `the extension may not read ${originPattern(url) ?? url}` };
  }
  if (hasDom()) return listLinksInDom(url, domEnv());
  await ensureOffscreen();
  return ListReplySchema.parse(await browser.runtime.sendMessage({ target: OFFSCREEN_TARGET, type: 'list-links', url, timeoutMs: PAGE_TIMEOUT_MS }));
}

export interface BatchBackground {
  manager: BatchManager;
  /** Answer a batch message (the caller checked it is one); only extension pages may send them. */
  handle(message: unknown, sender: Browser.runtime.MessageSender): Promise<BatchReply>;
}

export function startBatchAudits(db: AuditDb, log: (message: string, error?: unknown) => void): BatchBackground {
  let keepalive: ReturnType<typeof setInterval> | null = null;
  const manager = new BatchManager({
    saveBatch: (b) => saveBatch(db, b),
    getBatch: (id) => getBatch(db, id),
    listBatches: (limit) => listBatches(db, limit),
    runningBatches: () => runningBatches(db),
    // as a page audit is saved: with the cross-year comparison against the body's other years
    saveResult: async (result, url, narrative) => {
      const { saved } = await saveAuditWithCrossYear(db, result, url, narrative ?? null);
      return saved.stored ? saved.url : url;
    },
    auditUrl,
    listLinks,
    hasHostPermission: async (url) => {
      const origin = originPattern(url);
      return origin !== null && (await browser.permissions.contains({ origins: [origin] }));
    },
    tabPage: async (tabId) => {
      const [res] = await browser.scripting.executeScript({ target: { tabId }, func: collectRawPageInTab });
      if (!res?.result) throw new Error('cannot read the page');
      return res.result as ReturnType<typeof collectRawPageInTab>;
    },
    busy: (on) => {
      if (on && keepalive === null) keepalive = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), KEEPALIVE_MS);
      if (!on && keepalive !== null) {
        clearInterval(keepalive);
        keepalive = null;
      }
    },
    log,
  });
  const resume = () =>
    void manager
      .resumeAll()
      .then((n) => n > 0 && log(`resumed ${n} batch audit(s)`))
      .catch((e: unknown) => log('cannot resume batch audits', e));
  resume();
  browser.runtime.onStartup.addListener(resume);
  const origin = browser.runtime.getURL('/');
  return {
    manager,
    handle: async (message, sender) => {
      if (sender.id !== browser.runtime.id || !sender.url?.startsWith(origin)) return { ok: false, error: 'batch messages come from extension pages only' };
      return manager.handle(message);
    },
  };
}

