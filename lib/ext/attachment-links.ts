/**
 * "Open attachment links in the viewer" (options page): when on, a small content script
 * (entrypoints/attachment-links.content.ts) on gov.cn pages turns a plain click on a link to a
 * .pdf or .docx file into "open it in the attachment viewer". The option *is* that script's
 * registration (scripting.registerContentScripts, persisted across sessions): no storage
 * permission, nothing runs when it is off, and the options page reads the state back from the
 * registration. Free of extension APIs (deps injected), tested in Node and happy-dom.
 */
import { BUILT_IN_ORIGINS } from './sites';

export const ATTACHMENT_LINKS_SCRIPT_ID = 'report-auditor-attachment-links';
export const ATTACHMENT_LINKS_FILE = '/content-scripts/attachment-links.js';

const ROUTED = /\.(pdf|docx)$/i;

/** The attachment URL a link points to (absolute http(s), .pdf or .docx by its path), else null. */
export function routedHref(href: string | null, base: string): string | null {
  if (!href) return null;
  let u: URL;
  try {
    u = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep it encoded */
  }
  if (!ROUTED.test(path)) return null;
  u.hash = '';
  return u.href;
}

/** A plain primary click (no modifier: Ctrl/⌘/Shift/Alt-clicks keep the browser's behaviour), not handled by the page. */
export function isPlainClick(e: Pick<MouseEvent, 'button' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'defaultPrevented'>): boolean {
  return e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

/** The link a click landed on, if it is an attachment to route, and its URL. */
export function clickedAttachment(target: EventTarget | null, base: string): string | null {
  const el = target as (Element & { closest?: Element['closest'] }) | null;
  const a = el && typeof el.closest === 'function' ? el.closest('a[href]') : null;
  if (!a) return null;
  // a download link is the user's (or the site's) explicit choice
  if (a.hasAttribute('download')) return null;
  return routedHref(a.getAttribute('href'), base);
}

export interface RoutingDeps {
  registered(ids: string[]): Promise<{ id: string }[]>;
  register(script: { id: string; js: string[]; matches: string[]; allFrames: boolean; runAt: 'document_start'; persistAcrossSessions: boolean }): Promise<void>;
  unregister(ids: string[]): Promise<void>;
}

export async function isRouting(deps: RoutingDeps): Promise<boolean> {
  return (await deps.registered([ATTACHMENT_LINKS_SCRIPT_ID])).some((s) => s.id === ATTACHMENT_LINKS_SCRIPT_ID);
}

/** Turn the routing on or off (idempotent). */
export async function setRouting(on: boolean, deps: RoutingDeps): Promise<void> {
  const now = await isRouting(deps);
  if (on === now) return;
  if (on) {
    await deps.register({
      id: ATTACHMENT_LINKS_SCRIPT_ID,
      js: [ATTACHMENT_LINKS_FILE],
      matches: [...BUILT_IN_ORIGINS],
      allFrames: true,
      runAt: 'document_start',
      persistAcrossSessions: true,
    });
  } else await deps.unregister([ATTACHMENT_LINKS_SCRIPT_ID]);
}
