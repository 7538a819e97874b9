/**
 * The attachment viewer page (viewer.html?src=URL): fetch the attachment (checking the host
 * permission first), recognise it, audit it with the engine (./attachment.ts) showing the
 * progress, then show it with the findings:
 *  - PDF: the pages drawn by pdf.js as they scroll into view, a box over each flagged cell
 *    (./pdf-pages.ts);
 *  - DOCX: mammoth's HTML in the page, its table cells marked as on a web page;
 * and in both the same findings panel, tooltip and review controls as on a web page
 * (components/panel/controller.tsx: the boxes are the "cells" it highlights). The audit is kept
 * by the background like a page's: the same `audit-complete` / `set-review` messages, naming
 * the attachment's URL. Types the engine cannot read (DOC, WPS, OFD, scanned PDFs …) get the
 * engine's message. Free of extension APIs (entrypoints/viewer/main.tsx wires them), tested in happy-dom.
 */
import { render } from 'preact';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { AuditRun } from '../../lib/audit';
import { narrativeText } from '../../lib/crossyear';
import { cellElements } from '../../lib/highlight';
import { AckSchema, AuditCompleteReplySchema, type ContentMessage } from '../../lib/messages';
import type { CellId } from '../../lib/types';
import { mountAuditorUI, type AuditorUI } from '../panel/controller';
import type { CrossYearLabels } from '../panel/CrossYear';
import type { PanelLabels } from '../panel/Panel';
import {
  ViewerError,
  attachmentKind,
  attachmentUrl,
  auditDocx,
  auditPdf,
  fetchAttachment,
  originPattern,
  type Progress,
} from './attachment';
import { mountPdfPages, type PdfPages } from './pdf-pages';
import { ViewerHeader, type ViewerStatus, type ViewerT } from './ViewerHeader';
import { errorMessage } from '../../lib/error-message';

export interface ViewerOptions {
  doc: Document;
  /** Where the header and the document go. */
  root: HTMLElement;
  /** The `src` parameter. */
  src: string | null;
  t: ViewerT;
  panel: {
    labels: PanelLabels;
    css: string;
    ruleTitle(id: string): string;
    noTablesMessage(run: AuditRun): string | null;
    crossYearLabels?: CrossYearLabels;
  };
  /** Whether the extension may read this URL (host permission). */
  hasPermission(url: string): Promise<boolean>;
  /** Ask for the host permission (from a click); resolves to whether it was granted. */
  requestPermission(url: string): Promise<boolean>;
  fetch?: typeof fetch;
  openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy>;
  convertDocx(bytes: Uint8Array): Promise<string>;
  parseHtml(html: string): Document;
  /** runtime.sendMessage to the background. */
  send(message: ContentMessage): Promise<unknown>;
  /** Reload the viewer (after the permission was granted). */
  reload(): void;
}

export interface Viewer {
  status: ViewerStatus;
  ui: AuditorUI | null;
  run: AuditRun | null;
  /** PDF only. */
  pages: PdfPages | null;
  /** Settles when the audit is shown (or failed) — not when it is saved. */
  done: Promise<void>;
}

export function startViewer(o: ViewerOptions): Viewer {
  const { doc } = o;
  const header = doc.createElement('div');
  header.className = 'viewer-top';
  const main = doc.createElement('main');
  main.id = 'document';
  main.setAttribute('data-testid', 'viewer-document');
  o.root.append(header, main);
  let src: string | null = null;

  const v: Viewer = { status: { state: 'fetching', progress: null }, ui: null, run: null, pages: null, done: Promise.resolve() };
  const draw = () =>
    render(
      <ViewerHeader
        t={o.t}
        src={src}
        status={v.status}
        onAllow={
          src
            ? () => {
                const url = src!;
                void o.requestPermission(url).then((granted) => granted && o.reload());
              }
            : undefined
        }
      />,
      header,
    );
  const set = (status: ViewerStatus) => {
    v.status = status;
    draw();
  };
  const progress = (p: Progress) => set({ state: 'working', progress: p });

  const start = doc.defaultView?.performance.now() ?? 0;
  /** `report-auditor:viewer-<stage>`: time from the viewer's start (figures for the benchmark and the curious). */
  const measure = (stage: string) => {
    try {
      doc.defaultView?.performance.measure(`report-auditor:viewer-${stage}`, { start });
    } catch {
      /* no measure options */
    }
  };

  v.done = (async () => {
    try {
      src = attachmentUrl(o.src);
      set({ state: 'fetching', progress: null });
      if (!(await o.hasPermission(src))) throw new ViewerError('permission', `no host permission for ${originPattern(src)}`);
      const fetched = await fetchAttachment(src, progress, o.fetch);
      measure('fetched');
      const kind = attachmentKind(fetched, src);
      let cells: Map<CellId, Element>;
      let text: { block(i: number): Element | undefined; root: Element | null } | undefined;
      if (kind === 'pdf') {
        const { run, doc: pdf, sizes } = await auditPdf(fetched.bytes, src, o.openPdf, progress);
        v.run = run;
        main.className = 'pdf';
        v.pages = mountPdfPages({
          doc,
          container: main,
          sizes,
          boxes: run.result.attachment?.cellBoxes ?? {},
          draw: async (n, canvas, scale) => {
            const page = await pdf.getPage(n);
            try {
              const viewport = page.getViewport({ scale });
              canvas.width = Math.floor(viewport.width);
              canvas.height = Math.floor(viewport.height);
              const context = canvas.getContext('2d');
              if (!context) throw new Error('no 2d canvas');
              await page.render({ canvasContext: context, viewport }).promise;
            } finally {
              page.cleanup();
            }
          },
        });
        cells = v.pages.cells;
        set({ state: 'done', kind: 'pdf', pages: sizes.length, detected: run.result.detected });
      } else {
        const { run, doc: converted } = await auditDocx(fetched.bytes, src, o.convertDocx, o.parseHtml, progress);
        v.run = run;
        main.className = 'docx';
        const article = doc.createElement('article');
        article.className = 'docx-page';
        // the converted nodes move into the viewer (same elements: the run's cells stay valid)
        for (const n of Array.from(converted.body.childNodes)) article.appendChild(doc.adoptNode(n));
        main.appendChild(article);
        cells = cellElements(run.context?.cells ?? new Map());
        text = { block: (i) => run.context?.page.blocks[i]?.el, root: run.context?.page.root ?? null };
        set({ state: 'done', kind: 'docx', pages: null, detected: run.result.detected });
      }
      const run = v.run;
      measure('audited');
      if (!run.result.detected) return;
      doc.title = `${run.result.report?.title ?? src} · ${o.t('viewer.title')}`;
      showPanel(run, src, cells, text);
    } catch (e) {
      const err = e instanceof ViewerError ? e : new ViewerError('invalid', errorMessage(e));
      set({ state: 'failed', problem: err.problem, kind: err.kind, message: err.message, origin: src ? originPattern(src) : null });
    }
  })();

  function showPanel(run: AuditRun, url: string, cells: Map<CellId, Element>, text?: { block(i: number): Element | undefined; root: Element | null }) {
    const narrative = run.context ? narrativeText(run.context.narrative).slice(0, 100_000) : null;
    const save = async () => {
      const reply = AuditCompleteReplySchema.safeParse(await o.send({ type: 'audit-complete', url, result: run.result, narrative }));
      if (!reply.success || !reply.data.ok) throw new Error(reply.success && !reply.data.ok ? reply.data.error : 'no reply');
      return reply.data;
    };
    const saved = (ui: AuditorUI) =>
      save().then(
        (r) => {
          ui.setReviews(r.reviews);
          ui.setCrossYear(r.crossYear ?? null);
          ui.setSaveState('saved');
        },
        () => ui.setSaveState('failed'),
      );
    const ack = async (message: ContentMessage) => {
      const a = AckSchema.safeParse(await o.send(message));
      if (!a.success) throw new Error('no reply');
      if (!a.data.ok) throw new Error(a.data.error ?? '');
    };
    const ui = mountAuditorUI({
      doc,
      result: run.result,
      cells,
      ...(text ? { text } : {}),
      labels: o.panel.labels,
      ruleTitle: o.panel.ruleTitle,
      noTablesMessage: o.panel.noTablesMessage(run),
      css: o.panel.css,
      onReview: (finding, review) => ack({ type: 'set-review', url, ruleId: finding.ruleId, cell: finding.cells[0] ?? null, review }),
      ...(o.panel.crossYearLabels
        ? {
            crossYear: {
              labels: o.panel.crossYearLabels,
              // stored, then the audit is sent again: the background answers with the new comparison
              onSameBody: async (previousUrl: string, same: boolean) => {
                await ack({ type: 'set-same-body', url, previousUrl, same });
                await saved(ui);
              },
            },
          }
        : {}),
    });
    v.ui = ui;
    void saved(ui);
  }

  draw();
  return v;
}
