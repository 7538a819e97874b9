// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import mammoth from 'mammoth';
import { openPdf } from '../../lib/attachments';
import { MARKER } from '../../lib/highlight';
import { RULES_BY_ID } from '../../lib/rules/index';
import type { ContentMessage } from '../../lib/messages';
import { HOST_ID } from '../panel/controller';
import { zhTranslate } from '../../tests/helpers/i18n';
import { PANEL_LABELS } from '../../tests/helpers/panel-labels';
import { AttachmentOffer, attachmentLinks } from './AttachmentOffer';
import { mountPdfPages } from './pdf-pages';
import { startViewer, type Viewer, type ViewerOptions } from './run';
import type { ViewerT } from './ViewerHeader';
import { setBody } from '../../tests/helpers/document';

const DIR = join(import.meta.dirname, '../../tests/fixtures/attachments/');
const file = (name: string) => new Uint8Array(readFileSync(DIR + name));
const SRC_PDF = 'https://www.example.gov.cn/nb/002-t3-rowsum-row3.7.pdf';
const SRC_DOCX = 'https://www.example.gov.cn/nb/002-t4-sum-review.docx';

const t = await zhTranslate();
const vt = t as unknown as ViewerT;

let viewer: Viewer | null = null;
afterEach(() => {
  viewer?.ui?.destroy();
  viewer = null;
  setBody();
});

function options(src: string, body: Uint8Array, over: Partial<ViewerOptions> = {}): ViewerOptions & { sent: ContentMessage[] } {
  const sent: ContentMessage[] = [];
  const root = document.createElement('div');
  document.body.appendChild(root);
  return {
    sent,
    doc: document,
    root,
    src,
    t: vt,
    panel: { labels: PANEL_LABELS, css: '', ruleTitle: (id) => RULES_BY_ID.get(id)?.meta.title.zh ?? id, noTablesMessage: () => null },
    hasPermission: async () => true,
    requestPermission: async () => true,
    fetch: (async () => new Response(body.slice(), { headers: { 'content-type': 'application/octet-stream' } })) as typeof fetch,
    openPdf,
    convertDocx: async (b) => (await mammoth.convertToHtml({ buffer: Buffer.from(b) })).value,
    parseHtml: (html) => new DOMParser().parseFromString(html, 'text/html'),
    send: async (m) => {
      sent.push(m);
      return m.type === 'audit-complete' ? { ok: true, reviews: [] } : { ok: true };
    },
    reload: () => undefined,
    ...over,
  };
}

const status = () => document.querySelector('[data-testid="viewer-status"]');
const problem = () => document.querySelector('[data-testid="viewer-problem"]');

describe('the viewer page', () => {
  it('a PDF: one page box per page, a marked box per flagged cell, the panel, and the audit sent to be kept', async () => {
    const o = options(SRC_PDF, file('002-t3-rowsum-row3.7.pdf'));
    viewer = startViewer(o);
    await viewer.done;
    const result = viewer.run!.result;
    const att = result.attachment!;
    expect(status()?.getAttribute('data-state')).toBe('done');
    expect(status()?.textContent).toBe(`PDF，共 ${att.pages} 页，已审计。`);
    expect(document.querySelectorAll('[data-testid="pdf-page"]').length).toBe(att.pages);
    // every flagged cell has its box on its page; the first cells carry the marker
    for (const [id, box] of Object.entries(att.cellBoxes!)) {
      const el = document.querySelector(`.cell-box[data-cell="${id}"]`) as HTMLElement;
      expect(el.closest('[data-testid="pdf-page"]')!.getAttribute('data-page')).toBe(String(box.page));
    }
    const firsts = new Set(result.findings!.map((f) => f.cells[0]).filter(Boolean));
    expect(new Set(Array.from(document.querySelectorAll(`.cell-box[${MARKER}]`), (e) => (e as HTMLElement).dataset.cell))).toEqual(firsts);
    expect(document.getElementById(HOST_ID)).not.toBeNull();
    await vi.waitFor(() => expect(o.sent.length).toBe(1));
    expect(o.sent[0]).toMatchObject({ type: 'audit-complete', url: SRC_PDF, result: { attachment: { kind: 'pdf', url: SRC_PDF } } });
    expect(viewer.ui!.items.filter((i) => i.finding.cells[0]).every((i) => i.onPage)).toBe(true);
    // once kept, a review in the panel goes to the background naming the attachment
    const shadow = document.getElementById(HOST_ID)!.shadowRoot!;
    await vi.waitFor(() => expect(shadow.querySelector('[data-testid="save-state"]')!.getAttribute('data-state')).toBe('saved'));
    const li = Array.from(shadow.querySelectorAll('[data-testid="finding"]')).find((el) => el.querySelector('[data-rule="T3-ROWSUM"]'))!;
    const reason = li.querySelector('[data-testid="review-reason"]') as HTMLSelectElement;
    reason.value = '误报';
    reason.dispatchEvent(new Event('change', { bubbles: true }));
    (li.querySelector('[data-testid="review-dismiss"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(o.sent.length).toBe(2));
    const cell = li.querySelector('[data-testid="finding-item"]')!.getAttribute('data-cell');
    expect(o.sent[1]).toEqual({ type: 'set-review', url: SRC_PDF, ruleId: 'T3-ROWSUM', cell, review: expect.objectContaining({ state: 'dismissed', reason: '误报' }) });
  });

  it('a DOCX: the converted document in the page, its cells marked', async () => {
    const o = options(SRC_DOCX, file('002-t4-sum-review.docx'));
    viewer = startViewer(o);
    await viewer.done;
    expect(status()?.textContent).toBe('Word 文档（DOCX），已审计。');
    const article = document.querySelector('article.docx-page')!;
    expect(article.querySelectorAll('table').length).toBeGreaterThan(2);
    const marked = Array.from(document.querySelectorAll(`[${MARKER}]`));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((el) => article.contains(el) && el.tagName === 'TD')).toBe(true);
    expect(marked.some((el) => el.getAttribute(MARKER)!.includes('T4-'))).toBe(true);
    await vi.waitFor(() => expect(o.sent[0]).toMatchObject({ type: 'audit-complete', url: SRC_DOCX, result: { attachment: { kind: 'docx' } } }));
  });

  it('says why nothing is shown: no permission (with the button), a scanned PDF, a .doc', async () => {
    const request = vi.fn(async () => true);
    const reload = vi.fn();
    viewer = startViewer(options('https://www.example.org/nb.pdf', file('002.word.pdf'), { hasPermission: async () => false, requestPermission: request, reload }));
    await viewer.done;
    expect(problem()?.getAttribute('data-problem')).toBe('permission');
    expect(problem()?.textContent).toContain('https://www.example.org/*');
    (document.querySelector('[data-testid="viewer-allow"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(reload).toHaveBeenCalled());
    expect(request).toHaveBeenCalledWith('https://www.example.org/nb.pdf');
    setBody();

    const o = options('https://www.example.gov.cn/scan.pdf', file('scanned.pdf'));
    viewer = startViewer(o);
    await viewer.done;
    expect(problem()?.getAttribute('data-problem')).toBe('no-text');
    expect(problem()?.textContent).toContain('没有文字层');
    expect(document.getElementById(HOST_ID)).toBeNull();
    expect(o.sent).toEqual([]);
    setBody();

    const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    viewer = startViewer(options('https://www.example.gov.cn/nb.doc', OLE));
    await viewer.done;
    expect(problem()?.getAttribute('data-problem')).toBe('unsupported');
    expect(problem()?.textContent).toContain('另存为 .docx 或 .pdf');
  });

  it('shows the progress: page N of M while reading', async () => {
    const seen: string[] = [];
    const o = options(SRC_PDF, file('002-t3-rowsum-row3.7.pdf'));
    const observer = new MutationObserver(() => {
      const s = status()?.textContent;
      if (s && seen.at(-1) !== s) seen.push(s);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    viewer = startViewer(o);
    await viewer.done;
    await new Promise((r) => setTimeout(r, 0));
    observer.disconnect();
    const pages = viewer.run!.result.attachment!.pages!;
    for (let n = 1; n <= pages; n++) expect(seen).toContain(`正在读取第 ${n} 页，共 ${pages} 页……`);
    expect(seen).toContain('正在审计……');
  });
});

describe('mountPdfPages', () => {
  it('places each box in percent of its page and draws pages on demand, once', async () => {
    const container = document.createElement('div');
    const draw = vi.fn(async () => undefined);
    const pages = mountPdfPages({
      doc: document,
      container,
      sizes: [
        { width: 600, height: 800 },
        { width: 600, height: 800 },
      ],
      boxes: { 'T3:1:total': { page: 2, x: 150, y: 200, width: 60, height: 40 } },
      draw,
      scale: 1,
    });
    const box = pages.cells.get('T3:1:total') as HTMLElement;
    expect(box.parentElement).toBe(pages.pages[1]);
    expect([box.style.left, box.style.top, box.style.width, box.style.height]).toEqual(['25.0000%', '25.0000%', '10.0000%', '5.0000%']);
    expect(pages.pages[0]!.style.width).toBe('600px');
    await pages.ensure(2);
    await pages.ensure(2);
    expect(draw.mock.calls.filter((c) => (c as unknown[])[0] === 2)).toHaveLength(1);
    expect(pages.pages[1]!.dataset.drawn).toBe('true');
    pages.destroy();
    expect(container.children.length).toBe(0);
  });
});

describe('the panel’s attachment offer', () => {
  it('lists the content’s attachment links, absolute and once, and opens the viewer on a click', async () => {
    const links = attachmentLinks(
      [
        { href: '/files/2020.pdf', text: '2020年年报.pdf' },
        { href: '/files/2020.pdf#page=2', text: '同一文件' },
        { href: 'nb.docx', text: '' },
        { href: 'index.htm', text: '首页' },
        { href: 'javascript:void(0)', text: '附件.pdf' },
      ],
      'https://www.example.gov.cn/xxgk/nb.htm',
    );
    expect(links).toEqual([
      { href: 'https://www.example.gov.cn/files/2020.pdf', name: '2020年年报.pdf' },
      { href: 'https://www.example.gov.cn/xxgk/nb.docx', name: 'nb.docx' },
    ]);
    const open = vi.fn(async () => undefined);
    const host = document.createElement('div');
    render(<AttachmentOffer links={links} labels={{ title: '年报附件', audit: '审计附件', failed: (r) => `失败：${r}` }} onOpen={open} />, host);
    const buttons = host.querySelectorAll('[data-testid="audit-attachment"]');
    expect(buttons.length).toBe(2);
    (buttons[1] as HTMLButtonElement).click();
    expect(open).toHaveBeenCalledWith('https://www.example.gov.cn/xxgk/nb.docx');
  });
});
