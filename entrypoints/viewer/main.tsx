/**
 * The attachment viewer (viewer.html?src=URL), an extension page: wires components/viewer/run.tsx
 * to pdf.js (its worker packaged with the extension, no eval), mammoth, the host permissions and
 * the background (the audit is kept like a page's).
 */
import '../../lib/ext/zod-jitless';
import '../../assets/viewer.css';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import css from '../../assets/panel.css?inline';
import { RULES_BY_ID } from '../../lib/rules/index';
import { rules as CROSS_YEAR_RULES } from '../../lib/rules/xyear';
import { crossYearLabels, noTablesMessage, panelLabels } from '../../components/panel/ext-labels';
import { originPattern } from '../../components/viewer/attachment';
import { startViewer } from '../../components/viewer/run';
import { viewerTabMessage } from '../../components/viewer/commands';
import type { ViewerT } from '../../components/viewer/ViewerHeader';

const zh = browser.i18n.getUILanguage().toLowerCase().startsWith('zh');
document.documentElement.lang = zh ? 'zh-CN' : 'en';
const t: ViewerT = (key, subs) => (i18n.t as unknown as (k: string, s?: string[]) => string)(key, subs?.map(String));
const CROSS_YEAR_BY_ID = new Map(CROSS_YEAR_RULES.map((r) => [r.meta.id, r]));

// pdf.js's worker: a module worker bundled with the extension
GlobalWorkerOptions.workerPort = new Worker(new URL('../../components/viewer/pdf.worker.ts', import.meta.url), { type: 'module' });

const root = document.getElementById('app')!;
const viewer = startViewer({
  doc: document,
  root,
  src: new URLSearchParams(location.search).get('src'),
  t,
  panel: {
    labels: panelLabels(),
    css,
    ruleTitle: (id) => {
      const meta = RULES_BY_ID.get(id)?.meta ?? CROSS_YEAR_BY_ID.get(id)?.meta;
      return meta ? meta.title[zh ? 'zh' : 'en'] : id;
    },
    noTablesMessage,
    crossYearLabels: crossYearLabels(),
  },
  hasPermission: (url) => browser.permissions.contains({ origins: [originPattern(url)] }),
  requestPermission: (url) => browser.permissions.request({ origins: [originPattern(url)] }),
  openPdf: (bytes) =>
    getDocument({
      data: bytes.slice(),
      // CJK CMaps and the standard fonts are packaged (wxt.config.ts copies them from pdfjs-dist)
      cMapUrl: browser.runtime.getURL('/pdfjs/cmaps/' as '/'),
      cMapPacked: true,
      standardFontDataUrl: browser.runtime.getURL('/pdfjs/standard_fonts/' as '/'),
      isEvalSupported: false,
      verbosity: 0,
    }).promise,
  convertDocx: async (bytes) => {
    const mammoth = (await import('mammoth')).default;
    const copy = bytes.slice();
    return (await mammoth.convertToHtml({ arrayBuffer: copy.buffer })).value;
  },
  parseHtml: (html) => new DOMParser().parseFromString(html, 'text/html'),
  send: (message) => browser.runtime.sendMessage(message),
  reload: () => location.reload(),
});
// the keyboard commands: the background sends them to the active tab, here this page
browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse: (reply: unknown) => void) => {
  const reply = viewerTabMessage(viewer.ui, message, sender, browser.runtime.id);
  if (reply) sendResponse(reply);
  return undefined;
});
// for the e2e tests and the curious: the audit shown
(window as unknown as { reportAuditorViewer?: unknown }).reportAuditorViewer = viewer;
