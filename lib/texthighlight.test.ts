// @vitest-environment happy-dom
/**
 * Narrative findings on the page: the sentence found again as a text range, painted through
 * the Highlight API (a stand-in registry here: happy-dom has none), hovered and revealed with
 * the cell tooltip, and every trace gone when highlights are switched off.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPage } from './audit';
import { pageFromDocument } from './page';
import { cellElements } from './highlight';
import { RULES_BY_ID } from './rules/index';
import { HIGHLIGHT_PREFIX, TextHighlighter, findTextRange, locateAnchor } from './texthighlight';
import type { TooltipEvent } from './highlight';
import { HOST_ID, mountAuditorUI, type AuditorUI } from '../components/panel/controller';
import { loadDocument, setBody } from '../tests/helpers/document';
import { PANEL_LABELS } from '../tests/helpers/panel-labels';

const SHANGHAI = readFileSync(join(import.meta.dirname, '../tests/fixtures/real/shanghai-2019-body.html'), 'utf8');
const squash = (s: string) => s.replace(/[\s\u00a0\u3000]/g, '');

function load(html: string) {
  loadDocument(html);
  const run = auditPage(pageFromDocument(document, { source: 'https://www.shanghai.gov.cn/a.htm' }));
  const page = run.context!.page;
  const scope = { block: (i: number) => page.blocks[i]?.el, root: page.root ?? null };
  return { run, scope };
}

/** A stand-in for CSS.highlights and Highlight, recording what is registered. */
function fakeHighlightApi() {
  const registry = new Map<string, { ranges: Range[] }>();
  const w = window as unknown as Record<string, unknown>;
  const saved = { CSS: w.CSS, Highlight: w.Highlight };
  w.CSS = { highlights: registry };
  w.Highlight = class {
    ranges: Range[];
    constructor(...ranges: Range[]) {
      this.ranges = ranges;
    }
  };
  return { registry, restore: () => Object.assign(w, saved) };
}

describe('findTextRange', () => {
  it('finds a sentence across inline elements and whitespace, never inside skipped elements', () => {
    setBody('<div id="a"><script>予以公开及部分公开258件</script><p>答复805件。予以公开<span>及部分</span>\n   公开258件，<b>占</b>33.9%；</p></div>');
    const r = findTextRange(document.getElementById('a')!, '予以公开及部分公开258件，占33.9%')!;
    expect(r).not.toBeNull();
    expect(r.toString()).toBe('予以公开及部分\n   公开258件，占33.9%');
    expect(r.startContainer.parentElement!.tagName).toBe('P');
    expect(findTextRange(document.body, '不在页面上的句子')).toBeNull();
  });

  it('excludes the auditor’s host', () => {
    setBody('<div id="host">同一句话</div>');
    expect(findTextRange(document.body, '同一句话', document.getElementById('host'))).toBeNull();
  });
});

describe('TextHighlighter on Shanghai 2019 (its text contradicts its tables)', () => {
  let api: ReturnType<typeof fakeHighlightApi> | null = null;
  afterEach(() => {
    api?.restore();
    api = null;
  });

  it('locates every narrative finding’s sentence in the block the engine read it from', () => {
    const { run, scope } = load(SHANGHAI);
    const narrative = run.result.findings!.filter((f) => f.text);
    expect(narrative.map((f) => f.ruleId).sort()).toEqual(['NARR-BREAKDOWN', 'NARR-PERCENT', 'NARR-T3-NUM', 'NARR-T3-NUM', 'NARR-T4-NUM']);
    for (const f of narrative) {
      const r = locateAnchor(document, f.text!, scope)!;
      expect(squash(r.toString())).toBe(squash(f.text!.quote));
    }
    const th = new TextHighlighter(document, run.result.findings!, scope);
    // 258 carries two findings (NARR-T3-NUM and NARR-PERCENT): one sentence
    expect(th.count).toBe(4);
    const t3 = narrative.find((f) => f.ruleId === 'NARR-T3-NUM')!;
    expect(th.findingsAt(t3).map((f) => f.ruleId)).toEqual(['NARR-T3-NUM', 'NARR-PERCENT']);
  });

  it('paints by severity, shows the tooltip on hover, and leaves the DOM exactly as before when removed', () => {
    api = fakeHighlightApi();
    const { run, scope } = load(SHANGHAI);
    const host = document.createElement('div');
    document.documentElement.appendChild(host);
    const before = document.body.outerHTML + document.head.outerHTML;
    const tips: (TooltipEvent | null)[] = [];
    const th = new TextHighlighter(document, run.result.findings!, scope, { onTooltip: (e) => tips.push(e), styleHost: host });
    th.apply();
    expect([...api.registry.keys()].sort()).toEqual([HIGHLIGHT_PREFIX + 'error', HIGHLIGHT_PREFIX + 'warning']);
    expect(api.registry.get(HIGHLIGHT_PREFIX + 'error')!.ranges).toHaveLength(3);
    expect(host.querySelector('style')!.textContent).toContain('::highlight(report-audit-error)');
    // hover: happy-dom lays nothing out, so the sentence's rectangle is given
    const t4 = run.result.findings!.find((f) => f.ruleId === 'NARR-T4-NUM')!;
    const range = th.rangeOf(t4)!;
    range.getClientRects = () => [{ left: 10, right: 200, top: 50, bottom: 70 }] as unknown as DOMRectList;
    th.hover(100, 60);
    expect(tips.at(-1)?.findings.map((f) => f.ruleId)).toEqual(['NARR-T4-NUM']);
    expect(tips.at(-1)?.range).toBe(range);
    th.hover(100, 500);
    expect(tips.at(-1)).toBeNull();
    expect(document.body.outerHTML + document.head.outerHTML).toBe(before);
    th.remove();
    expect(api.registry.size).toBe(0);
    expect(host.childNodes).toHaveLength(0);
    host.remove();
    expect(document.body.outerHTML + document.head.outerHTML).toBe(before);
  });
});


describe('the panel with narrative findings', () => {
  let ui: AuditorUI | null = null;
  afterEach(() => {
    ui?.destroy();
    ui = null;
  });

  it('lists them, and a click shows the tooltip at the sentence; switching highlights off restores the page', () => {
    const api = fakeHighlightApi();
    try {
      const { run, scope } = load(SHANGHAI);
      const before = document.body.outerHTML + document.head.outerHTML;
      ui = mountAuditorUI({ doc: document, result: run.result, cells: cellElements(run.context!.cells), labels: PANEL_LABELS, ruleTitle: (id) => RULES_BY_ID.get(id)!.meta.title.zh, noTablesMessage: null, css: '', text: scope });
      expect(api.registry.has(HIGHLIGHT_PREFIX + 'error')).toBe(true);
      const shadow = document.getElementById(HOST_ID)!.shadowRoot!;
      const item = Array.from(shadow.querySelectorAll<HTMLButtonElement>('[data-testid="finding-item"]')).find((b) => b.dataset.rule === 'NARR-BREAKDOWN')!;
      item.click();
      const tip = shadow.querySelector('[data-testid="finding-tooltip"]')!;
      expect(tip.textContent).toContain('NARR-BREAKDOWN');
      expect(tip.textContent).toContain('答复 805 件');
      ui.setHighlights(false);
      expect(api.registry.size).toBe(0);
      expect(shadow.querySelector('[data-testid="finding-tooltip"]')).toBeNull();
      expect(document.body.outerHTML + document.head.outerHTML).toBe(before);
    } finally {
      api.restore();
    }
  });
});
