/**
 * Chrome's offscreen document (reason DOM_PARSER): the batch audit's pages are fetched,
 * decoded, parsed with DOMParser and audited here, without a tab, because the service worker
 * has no DOM. The background sends one request per page (lib/ext/batch-messages.ts) and gets
 * the result or a classified failure back; it may abort a request (batch paused or cancelled).
 */
import '../../lib/ext/zod-jitless';
import { browser } from 'wxt/browser';
import { OFFSCREEN_TARGET, OffscreenRequestSchema } from '../../lib/ext/batch-messages';
import { auditUrlInDom, listLinksInDom, type DomEnv } from '../../lib/ext/page-audit';

const running = new Map<string, AbortController>();
const parser = new DOMParser();
const env = (timeoutMs: number, signal?: AbortSignal): DomEnv => ({
  fetch: (url, init) => fetch(url, init),
  parse: (html) => parser.parseFromString(html, 'text/html'),
  timeoutMs,
  signal,
});

browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
  if ((message as { target?: unknown } | null)?.target !== OFFSCREEN_TARGET) return false;
  // only the extension itself talks to this page
  if (sender.id !== browser.runtime.id) return false;
  const parsed = OffscreenRequestSchema.safeParse(message);
  if (!parsed.success) {
    sendResponse({ ok: false, code: 'error', message: 'invalid offscreen request' });
    return false;
  }
  const req = parsed.data;
  if (req.type === 'abort') {
    running.get(req.id)?.abort();
    sendResponse({ ok: true });
    return false;
  }
  if (req.type === 'list-links') {
    void listLinksInDom(req.url, env(req.timeoutMs)).then(sendResponse);
    return true;
  }
  const controller = new AbortController();
  running.set(req.id, controller);
  void auditUrlInDom(req.url, env(req.timeoutMs, controller.signal))
    .then(sendResponse)
    .finally(() => running.delete(req.id));
  return true;
});
