/**
 * Launching the built extension in Debian's browsers, headless: Chromium through
 * playwright-core (persistent context + --load-extension) and Firefox ESR through
 * puppeteer-core over WebDriver BiDi (browser.installExtension). Nothing is downloaded.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The build output folder: `.output`, or REPORT_AUDIT_OUT as wxt.config.ts reads it. */
export const OUT_DIR = join(ROOT, process.env.REPORT_AUDIT_OUT ?? '.output');
export const CHROME_EXT = join(OUT_DIR, 'chrome-mv3');
export const FIREFOX_EXT = join(OUT_DIR, 'firefox-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function requireBuilt(dir: string): void {
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run \`npm run build\` before the e2e tests`);
}

export function requireBrowser(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: install it with scripts/install-browsers.sh (apt-get install chromium firefox-esr)`);
}

export const newProfile = (): string => mkdtempSync(join(tmpdir(), 'report-auditor-profile-'));

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
}

/** Chromium with the extension, the *.gov.cn host names mapped to the local server. */
export async function launchChromium(profile: string, opts: { viewport?: { width: number; height: number }; lang?: string } = {}): Promise<ChromiumSession> {
  requireBuilt(CHROME_EXT);
  requireBrowser(CHROMIUM);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // Chromium on Linux takes its UI language from LANGUAGE; --lang alone is not enough
    env: { ...process.env, LANGUAGE: (opts.lang ?? 'zh-CN').replace('-', '_'), LANG: 'C.UTF-8' },
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${CHROME_EXT}`,
      `--load-extension=${CHROME_EXT}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // the extension's UI follows the browser's language: zh-CN, the default locale
      `--lang=${opts.lang ?? 'zh-CN'}`,
      '--host-resolver-rules=MAP *.gov.cn 127.0.0.1, MAP *.example.org 127.0.0.1',
    ],
  });
  let [sw] = context.serviceWorkers();
  sw ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(sw.url()).host;
  return { context, extensionId };
}
