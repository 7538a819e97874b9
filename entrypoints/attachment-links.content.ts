/**
 * Registered only while the option "open attachment links in the viewer" is on
 * (lib/ext/attachment-links.ts): a plain click on a link to a .pdf or .docx file on a gov.cn page
 * opens the file in the extension's attachment viewer instead (the background opens the tab).
 * Nothing else: no page content is read.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { clickedAttachment, isPlainClick } from '../lib/ext/attachment-links';

const ROUTER = Symbol.for('report-auditor.attachment-links');

export default defineContentScript({
  matches: ['*://*.gov.cn/*'],
  registration: 'runtime',
  main() {
    const w = window as unknown as Record<symbol, unknown>;
    if (w[ROUTER]) return;
    w[ROUTER] = true;
    window.addEventListener(
      'click',
      (e) => {
        if (!isPlainClick(e)) return;
        const src = clickedAttachment(e.target, location.href);
        if (!src) return;
        e.preventDefault();
        browser.runtime.sendMessage({ type: 'open-viewer', src }).catch(() => {
          // the background did not answer: open the file as the browser would have
          location.assign(src);
        });
      },
      { capture: true },
    );
  },
});
