// @vitest-environment happy-dom
/**
 * The fallback of the sentence highlights (lib/textoverlay.ts through lib/texthighlight.ts):
 * where the Highlight API is missing, throws, or `::highlight()` is not supported, boxes are
 * drawn over each sentence's client rectangles in the auditor's shadow root, follow scrolling,
 * and go with the highlights switch, the page's DOM exactly as before. On the real Shanghai
 * 2019 body (its text contradicts its tables). happy-dom lays nothing out, so the rectangles
 * are given.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditPage } from './audit';
import { pageFromDocument } from './page';
import { cellElements } from './highlight';
import { HIGHLIGHT_PREFIX, TextHighlighter } from './texthighlight';
import { OVERLAY_ATTR } from './textoverlay';
import { HOST_ID, mountAuditorUI, type AuditorUI } from '../components/panel/controller';
import type { PanelLabels } from '../components/panel/Panel';
import { loadDocument } from '../tests/helpers/document';

const SHANGHAI = readFileSync(join(import.meta.dirname, '../tests/fixtures/real/shanghai-2019-body.html'), 'utf8');

function load() {
  loadDocument(SHANGHAI);
  const run = auditPage(pageFromDocument(document, { source: 'https://www.shanghai.gov.cn/a.htm' }));
  const page = run.context!.page;
  return { run, scope: { block: (i: number) => page.blocks[i]?.el, root: page.root ?? null } };
}

/** Each range's rectangle: 20 px high, one line per range, shifted by `scrollY`. */
let scrollY = 0;
const rangeTop = new Map<Range, number>();
const savedRects = Range.prototype.getClientRects;
beforeEach(() => {
  scrollY = 0;
  rangeTop.clear();
  Range.prototype.getClientRects = function (this: Range) {
    if (!rangeTop.has(this)) rangeTop.set(this, 100 + 40 * rangeTop.size);
    const top = rangeTop.get(this)! - scrollY;
    return [{ left: 10, top, width: 300, height: 20, right: 310, bottom: top + 20 }] as unknown as DOMRectList;
  };
});
afterEach(() => {
  Range.prototype.getClientRects = savedRects;
  const w = window as unknown as Record<string, unknown>;
  delete w.Highlight;
});

const frame = () => new Promise((r) => setTimeout(r, 50));
const pageDom = () => document.body.outerHTML + document.head.outerHTML;

function withApi(opts: { throws?: boolean; supports?: boolean }) {
  const registry = new Map<string, unknown>();
  const w = window as unknown as Record<string, unknown>;
  // happy-dom has no CSS.highlights: a stand-in registry (window.CSS replaced whole, as lib/texthighlight.test.ts does)
  const saved = { CSS: w.CSS };
  const css: Record<string, unknown> = {
    highlights: {
      set: (k: string, v: unknown) => {
        if (opts.throws) throw new Error('Permission denied');
        registry.set(k, v);
      },
      delete: (k: string) => registry.delete(k),
    },
  };
  if (opts.supports !== undefined) css.supports = () => opts.supports;
  w.CSS = css;
  w.Highlight = class {
    constructor(..._r: Range[]) {}
  };
  return { registry, restore: () => Object.assign(w, saved) };
}

describe('boxes over the sentences where the Highlight API cannot paint', () => {
  it('no API: one box per line of each sentence, by severity, following the scroll; removed without a trace', async () => {
    const { run, scope } = load();
    const shadow = document.createElement('div').attachShadow({ mode: 'open' });
    const before = pageDom();
    const th = new TextHighlighter(document, run.result.findings!, scope, { overlayRoot: shadow });
    th.apply();
    expect(th.mode).toBe('overlay');
    const container = shadow.querySelector(`[${OVERLAY_ATTR}]`) as HTMLElement;
    expect(container.style.position).toBe('fixed');
    expect(container.style.pointerEvents).toBe('none');
    const boxes = () => Array.from(container.children) as HTMLElement[];
    // four sentences: three with errors, one with a warning (Shanghai 2019)
    expect(boxes().map((b) => b.getAttribute('data-severity')).sort()).toEqual(['error', 'error', 'error', 'warning']);
    const t4 = run.result.findings!.find((f) => f.ruleId === 'NARR-T4-NUM')!;
    const top = rangeTop.get(th.rangeOf(t4)!)!;
    expect(boxes().map((b) => b.style.top)).toContain(`${top}px`);
    expect(boxes()[0]!.style.width).toBe('300px');
    expect(pageDom()).toBe(before);

    // the page scrolls: the boxes move with the text
    scrollY = 60;
    window.dispatchEvent(new Event('scroll'));
    await frame();
    expect(boxes().map((b) => b.style.top)).toContain(`${top - 60}px`);

    th.remove();
    expect(th.mode).toBe('none');
    expect(shadow.childNodes).toHaveLength(0);
    scrollY = 0;
    window.dispatchEvent(new Event('scroll'));
    await frame();
    expect(shadow.childNodes).toHaveLength(0);
    expect(pageDom()).toBe(before);
    // and back on
    th.apply();
    expect(shadow.querySelectorAll(`[${OVERLAY_ATTR}] > div`)).toHaveLength(4);
    th.remove();
  });

  it('an API that throws (a page that replaced CSS.highlights): boxes, and nothing left registered', () => {
    const api = withApi({ throws: true });
    try {
      const { run, scope } = load();
      const shadow = document.createElement('div').attachShadow({ mode: 'open' });
      const host = document.createElement('div');
      const th = new TextHighlighter(document, run.result.findings!, scope, { overlayRoot: shadow, styleHost: host });
      th.apply();
      expect(th.mode).toBe('overlay');
      expect(api.registry.size).toBe(0);
      expect(host.childNodes).toHaveLength(0);
      expect(shadow.querySelectorAll(`[${OVERLAY_ATTR}] > div`)).toHaveLength(4);
      th.remove();
    } finally {
      api.restore();
    }
  });

  it('an API without ::highlight() support: boxes; a working API: highlights, no boxes', () => {
    for (const supports of [false, true]) {
      const api = withApi({ supports });
      try {
        const { run, scope } = load();
        const shadow = document.createElement('div').attachShadow({ mode: 'open' });
        const th = new TextHighlighter(document, run.result.findings!, scope, { overlayRoot: shadow, styleHost: document.createElement('div') });
        th.apply();
        expect(th.mode).toBe(supports ? 'highlight' : 'overlay');
        expect(shadow.querySelectorAll(`[${OVERLAY_ATTR}]`)).toHaveLength(supports ? 0 : 1);
        expect([...api.registry.keys()].sort()).toEqual(supports ? [HIGHLIGHT_PREFIX + 'error', HIGHLIGHT_PREFIX + 'warning'] : []);
        th.remove();
        expect(api.registry.size).toBe(0);
      } finally {
        api.restore();
      }
    }
  });

  it('without an overlay root nothing is painted (the rest still works)', () => {
    const { run, scope } = load();
    const th = new TextHighlighter(document, run.result.findings!, scope);
    th.apply();
    expect(th.mode).toBe('none');
    expect(th.count).toBe(4);
    th.remove();
  });
});

const LABELS = {
  title: '年报审计', error: '错误', warning: '警告', info: '提示', counts: { error: '错误', warning: '警告', info: '提示' },
  next: '下一处', previous: '上一处', highlights: '显示标注', minimise: '收起', expand: '展开', noFindings: '未发现问题',
  expected: '应为', actual: '实为', pageLevel: '全文', tables: { T2: '表二', T3: '表三', T4: '表四' }, notOnPage: '不在页面上',
  position: (c: number, t: number) => `${c}/${t}`, save: { saving: '正在保存', saved: '已保存', failed: '未能保存' },
  review: {
    states: { open: '待复核', confirmed: '已确认', dismissed: '已排除' }, confirm: '确认', dismiss: '排除', reopen: '重新打开', reason: '排除理由',
    reasons: { 误报: '误报', 模板允许: '模板允许', 已更正: '已更正', 其他: '其他' }, note: '备注', notePlaceholder: '备注', saveNote: '保存备注', noteToggle: '备注',
  },
  reviewUnavailable: '保存后才能复核',
} as PanelLabels;

describe('the panel without the Highlight API', () => {
  let ui: AuditorUI | null = null;
  afterEach(() => {
    ui?.destroy();
    ui = null;
  });

  it('draws the boxes in its shadow root and removes them with the highlights switch', () => {
    const { run, scope } = load();
    const before = pageDom();
    ui = mountAuditorUI({ doc: document, result: run.result, cells: cellElements(run.context!.cells), labels: LABELS, ruleTitle: (id) => id, noTablesMessage: null, css: '', text: scope });
    const shadow = document.getElementById(HOST_ID)!.shadowRoot!;
    expect(shadow.querySelectorAll(`[${OVERLAY_ATTR}] > div`)).toHaveLength(4);
    ui.setHighlights(false);
    expect(shadow.querySelectorAll(`[${OVERLAY_ATTR}]`)).toHaveLength(0);
    expect(pageDom()).toBe(before);
    ui.setHighlights(true);
    expect(shadow.querySelectorAll(`[${OVERLAY_ATTR}] > div`)).toHaveLength(4);
  });
});
