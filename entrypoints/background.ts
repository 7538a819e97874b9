import '../lib/ext/zod-jitless';
import { browser, type Browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { defineBackground } from 'wxt/utils/define-background';
import { handleCommand, handleMessage, type BackgroundDeps, type CommandDeps } from '../lib/ext/background-handlers';
import {
  BUILT_IN_ORIGINS,
  DETECTOR_FILE,
  EXTRA_SITES_SCRIPT_ID,
  serialised,
  syncExtraSites,
  type SitesDeps,
} from '../lib/ext/sites';
import type { TabMessage } from '../lib/messages';
import { openAuditDb, recentReports, saveAudit, setReviewByKey } from '../lib/store/db';
import { saveAuditWithCrossYear, setSameBody } from '../lib/store/crossyear';
import { isBatchMessage } from '../lib/ext/batch-messages';
import { startBatchAudits } from '../lib/ext/batch-wiring';

/** The full auditor, an unlisted script (entrypoints/auditor.ts). */
const AUDITOR_FILE: string = '/auditor.js';

function log(message: string, error?: unknown): void {
  console.warn(`[report-auditor] ${message}`, error ?? '');
}

async function inject(tabId: number, frameIds: number[], file: string): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds }, files: [file as ScriptPublicPath] });
}

/**
 * The background owns the report database (its origin's IndexedDB, never a page's),
 * checks every message (lib/ext/background-handlers.ts), injects the auditor where the
 * detector found a report, forwards keyboard commands and keeps the detector registered on
 * the extra sites the user allowed.
 */
export default defineBackground(() => {
  const db = openAuditDb();
  // batch audits (lib/ext/batch-wiring.ts): resumes the batches a restart interrupted
  const batches = startBatchAudits(db, log);

  // Extra sites: keep the detector's registration in step with the granted permissions.
  const sitesDeps: SitesDeps = {
    grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    registered: (ids) => browser.scripting.getRegisteredContentScripts({ ids }),
    register: async (matches) => {
      await browser.scripting.registerContentScripts([
        {
          id: EXTRA_SITES_SCRIPT_ID,
          js: [DETECTOR_FILE],
          matches,
          // gov.cn pages already get the detector from the manifest.
          excludeMatches: [...BUILT_IN_ORIGINS],
          allFrames: true,
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ]);
    },
    unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
  };
  const syncSites = serialised(() => syncExtraSites(sitesDeps));
  const resync = () => void syncSites().catch((e: unknown) => log('cannot register the detector on extra sites', e));
  resync();
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);

  const deps: BackgroundDeps = {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    saveAudit: (result, url) => saveAudit(db, result, url),
    // cross-year checks against the same body's stored earlier report (lib/store/crossyear.ts)
    saveAuditWithCrossYear: async (result, url, narrative) => {
      const { saved, crossYear } = await saveAuditWithCrossYear(db, result, url, narrative);
      return { stored: saved.stored, reviews: saved.stored ? saved.reviews : [], crossYear };
    },
    setSameBody: (url, previousUrl, same) => setSameBody(db, url, previousUrl, same),
    setReviewByKey: (url, matchKey, review) => setReviewByKey(db, url, matchKey, review),
    recentReports: (limit) => recentReports(db, limit),
    injectAuditor: (tabId, frameIds) => inject(tabId, frameIds, AUDITOR_FILE),
    injectDetector: (tabId, frameIds) => inject(tabId, frameIds, DETECTOR_FILE),
    listFrames: async (tabId) => {
      const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => true });
      return results.map((r) => r.frameId);
    },
    syncSites,
    // the attachment viewer in a new tab beside the page that offered it (tabs.create: no permission needed)
    openViewer: async (url, openerTabId) => {
      await browser.tabs.create(openerTabId === undefined ? { url } : { url, openerTabId });
    },
    log,
  };

  // Reply through sendResponse and return true: WXT's `browser` is the bare `chrome` in
  // Chrome (no polyfill), and older Chrome versions ignore a promise returned by the
  // listener; sendResponse + `return true` works in every Chrome and in Firefox.
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
      if (isBatchMessage(message)) {
        void batches.handle(message, sender).then(sendResponse);
        return true;
      }
      void handleMessage(message, sender, deps).then(sendResponse);
      return true;
    },
  );

  const commandDeps: CommandDeps = {
    activeTabId: async () => {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id;
    },
    sendToTab: (tabId, message: TabMessage) => browser.tabs.sendMessage(tabId, message),
    log,
  };
  browser.commands.onCommand.addListener((command) => {
    void handleCommand(command, commandDeps);
  });
});
