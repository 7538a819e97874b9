/**
 * The background's message and command handling, with every extension API injected so it
 * runs in Node with fakes. entrypoints/background.ts wires it to `browser`.
 *
 * Trust: a content script lives in a page we do not control, so its messages are parsed
 * with ContentMessageSchema, must come from a tab, and must name the URL of the very frame
 * that sent them. Only extension pages (popup, options, workbook) may send PageMessages.
 */
import {
  AuditCompleteReplySchema,
  ContentMessageSchema,
  PageMessageSchema,
  RecentReportsReplySchema,
  type PanelReview,
  type ReportSummary,
  type ReviewInput,
  type TabMessage,
} from '../messages';
import { matchKeyOf } from '../store/db';
import type { AuditResultJson } from '../schema';
import type { CrossYearView } from '../crossyear-view';
import { handleViewerMessage } from './viewer-handlers';
import { errorMessage } from '../error-message';

/** The parts of runtime.MessageSender the handlers read. */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

export type Reply =
  | { ok: true }
  | { ok: false; error: string }
  | { reports: ReportSummary[] }
  | { ok: true; reviews: PanelReview[]; crossYear?: CrossYearView | null };

export interface BackgroundDeps {
  /** This extension's id (runtime.id). */
  extensionId: string;
  /** The extension's own origin with a trailing slash (runtime.getURL('/')). */
  extensionOrigin: string;
  /** Store the result (lib/store/db.ts saveAudit); the stored reviews come back when it was stored. */
  saveAudit(result: AuditResultJson, url: string): Promise<{ stored: boolean; reviews?: PanelReview[] }>;
  /**
   * Store the result with its cross-year checks (lib/store/crossyear.ts saveAuditWithCrossYear);
   * used instead of saveAudit when given.
   */
  saveAuditWithCrossYear?(
    result: AuditResultJson,
    url: string,
    narrative: string | null,
  ): Promise<{ stored: boolean; reviews?: PanelReview[]; crossYear: CrossYearView | null }>;
  /** The auditor's "(not) the same body" on an earlier report (lib/store/crossyear.ts setSameBody). */
  setSameBody?(url: string, previousUrl: string, same: boolean): Promise<unknown>;
  /** Store a review of the report's finding(s) with this matchKey (lib/store/db.ts setReviewByKey). */
  setReviewByKey(url: string, matchKey: string, review: ReviewInput): Promise<unknown>;
  recentReports(limit: number): Promise<ReportSummary[]>;
  /** Run the full auditor (/auditor.js) in these frames of the tab. */
  injectAuditor(tabId: number, frameIds: number[]): Promise<void>;
  /** Run the cheap detector in these frames of the tab. */
  injectDetector(tabId: number, frameIds: number[]): Promise<void>;
  /** The frames of a tab the extension may script (empty when none). */
  listFrames(tabId: number): Promise<number[]>;
  /** Re-register the detector on the granted extra sites (lib/ext/sites.ts). */
  syncSites(): Promise<unknown>;
  /** Open the attachment viewer (this URL) in a new tab next to the opener's (lib/ext/viewer-handlers.ts). */
  openViewer?(viewerUrl: string, openerTabId?: number): Promise<void>;
  log?(message: string, error?: unknown): void;
}

/** The URL without its fragment, or null when it is not a URL. */
export function urlKey(url: string): string | null {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function fail(error: string): Reply {
  return { ok: false, error };
}

export function isExtensionPage(sender: Sender, deps: Pick<BackgroundDeps, 'extensionOrigin'>): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(deps.extensionOrigin);
}

/**
 * Handle one runtime message. Never throws: every outcome is a reply, and an invalid
 * message is answered {ok:false} without touching the store or any tab.
 */
export async function handleMessage(message: unknown, sender: Sender, deps: BackgroundDeps): Promise<Reply> {
  if (sender.id !== deps.extensionId) return fail('message from another extension');
  try {
    // the attachment viewer: open it; its audits and reviews (lib/ext/viewer-handlers.ts)
    const viewer = await handleViewerMessage(message, sender, deps);
    if (viewer) return viewer;
    if (isExtensionPage(sender, deps)) return await handlePageMessage(message, deps);
    return await handleContentMessage(message, sender, deps);
  } catch (e) {
    deps.log?.('message failed', e);
    return fail(errorMessage(e));
  }
}

async function handleContentMessage(message: unknown, sender: Sender, deps: BackgroundDeps): Promise<Reply> {
  const parsed = ContentMessageSchema.safeParse(message);
  if (!parsed.success) return fail('invalid content message');
  const msg = parsed.data;
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return fail('content message not from a tab');
  const frameUrl = sender.url === undefined ? null : urlKey(sender.url);
  if (frameUrl === null || urlKey(msg.url) !== frameUrl) return fail('url does not match the sending frame');
  const frameId = sender.frameId ?? 0;

  switch (msg.type) {
    case 'report-found':
      await deps.injectAuditor(tabId, [frameId]);
      return { ok: true };
    case 'audit-complete': {
      // Evidence is the page's extraction; the store re-validates it and hashes it itself.
      if (deps.saveAuditWithCrossYear) {
        const saved = await deps.saveAuditWithCrossYear(msg.result, frameUrl, msg.narrative ?? null);
        return AuditCompleteReplySchema.parse({ ok: true, reviews: saved.reviews ?? [], crossYear: saved.crossYear }) as Reply;
      }
      const saved = await deps.saveAudit(msg.result, frameUrl);
      return AuditCompleteReplySchema.parse({ ok: true, reviews: saved.reviews ?? [] }) as Reply;
    }
    case 'set-review':
      await deps.setReviewByKey(frameUrl, matchKeyOf(msg.ruleId, msg.cell), msg.review);
      return { ok: true };
    case 'set-same-body':
      if (!deps.setSameBody) return fail('cross-year checks are not available');
      await deps.setSameBody(frameUrl, msg.previousUrl, msg.same);
      return { ok: true };
  }
}

async function handlePageMessage(message: unknown, deps: BackgroundDeps): Promise<Reply> {
  const parsed = PageMessageSchema.safeParse(message);
  if (!parsed.success) return fail('invalid page message');
  const msg = parsed.data;
  switch (msg.type) {
    case 'audit-tab':
      await auditTab(msg.tabId, deps);
      return { ok: true };
    case 'recent-reports':
      return RecentReportsReplySchema.parse({ reports: await deps.recentReports(msg.limit) });
    case 'sync-sites':
      await deps.syncSites();
      return { ok: true };
  }
}

/**
 * Audit a tab on the user's request (popup button; activeTab grants the access): the full
 * auditor in the top frame first, then the cheap detector in the other frames we may
 * script, which asks for the auditor where it finds a report. A sub-frame failure does not
 * fail the request.
 */
export async function auditTab(tabId: number, deps: BackgroundDeps): Promise<void> {
  await deps.injectAuditor(tabId, [0]);
  let frames: number[] = [];
  try {
    frames = await deps.listFrames(tabId);
  } catch (e) {
    deps.log?.('cannot list frames', e);
  }
  const subFrames = frames.filter((id) => id !== 0);
  if (subFrames.length === 0) return;
  try {
    await deps.injectDetector(tabId, subFrames);
  } catch (e) {
    deps.log?.('cannot inject the detector into sub-frames', e);
  }
}

/** Keyboard commands (manifest `commands`) and the tab message each sends. */
export const COMMAND_MESSAGES: Readonly<Record<string, TabMessage>> = {
  'next-finding': { type: 'navigate-finding', direction: 'next' },
  'previous-finding': { type: 'navigate-finding', direction: 'previous' },
  'toggle-highlights': { type: 'toggle-highlights' },
};

export interface CommandDeps {
  activeTabId(): Promise<number | undefined>;
  sendToTab(tabId: number, message: TabMessage): Promise<unknown>;
  log?(message: string, error?: unknown): void;
}

/** Forward a keyboard command to the active tab's auditor. Returns whether it was sent. */
export async function handleCommand(command: string, deps: CommandDeps): Promise<boolean> {
  const message = Object.hasOwn(COMMAND_MESSAGES, command) ? COMMAND_MESSAGES[command] : undefined;
  if (!message) return false;
  const tabId = await deps.activeTabId();
  if (tabId === undefined) return false;
  try {
    await deps.sendToTab(tabId, message);
    return true;
  } catch (e) {
    // No auditor in the tab (not a report, or a page we cannot script): nothing to do.
    deps.log?.(`command ${command}: no receiver`, e);
    return false;
  }
}
