/**
 * The detector: runs on every page of a government site (and on the extra sites the
 * auditor allowed), in every frame. It only does the cheap detection (lib/quickdetect.ts,
 * no engine, no zod); when a report is likely it asks the background to inject the full
 * auditor into this frame. It answers the popup's status question until the auditor runs.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { quickDetect } from '../lib/quickdetect';

const DETECTOR = Symbol.for('report-auditor.detector');
const AUDITOR = Symbol.for('report-auditor.auditor');
type Flags = Record<symbol, unknown>;

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    const w = window as unknown as Flags;
    if (w[DETECTOR]) return;
    w[DETECTOR] = true;
    const start = performance.now();
    let state: 'not-report' | 'auditing' | 'failed' = 'not-report';
    try {
      state = quickDetect(document) === 'likely' ? 'auditing' : 'not-report';
    } catch {
      state = 'not-report';
    }
    try {
      performance.measure('report-auditor:detect', { start });
    } catch {
      /* older engines: no measure options */
    }

    browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (r: unknown) => void) => {
      // once the auditor runs in this frame, it answers
      if (w[AUDITOR]) return undefined;
      if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'get-status') {
        sendResponse(state === 'failed' ? { state, message: 'the background did not answer' } : { state });
      }
      return undefined;
    });

    if (state === 'auditing') {
      browser.runtime.sendMessage({ type: 'report-found', url: location.href }).then(
        (reply: unknown) => {
          if (!(reply as { ok?: boolean } | undefined)?.ok) state = 'failed';
        },
        () => {
          state = 'failed';
        },
      );
    }
  },
});
