import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { auditPage } from './audit';
import { pageFromDocument } from './page';
import { Highlighter, MARKER, cellElements } from './highlight';
import { parseDoc } from '../tests/helpers/pages';

const MUTATED = new URL('../tests/fixtures/mutated/', import.meta.url);

function audit(html: string) {
  const doc = parseDoc(html);
  const run = auditPage(pageFromDocument(doc, { source: 'https://www.example.gov.cn/x.htm' }));
  return { doc, run, cells: cellElements(run.context!.cells) };
}

describe('Highlighter', () => {
  const html = readFileSync(new URL('002-t3-rowsum-row1.html', MUTATED), 'utf8');

  it('marks the first cell of every finding with its rule ids (contract §4)', () => {
    const { doc, run, cells } = audit(html);
    const h = new Highlighter(run.result.findings!, cells);
    h.apply();
    const marked = Array.from(doc.querySelectorAll(`[${MARKER}]`));
    // T3-ROWSUM's and T3-BALANCE's first cells, and T2-ALLZERO's
    // seed 002's NARR-MISSING-YSQ (seed-findings.md) has the same first cell: errors first
    expect(cells.get('T3:1:total')!.getAttribute(MARKER)).toBe('T3-ROWSUM NARR-MISSING-YSQ');
    expect(cells.get('T3:4:total')!.getAttribute(MARKER)).toBe('T3-BALANCE');
    expect(marked.length).toBe(h.markedCount);
    for (const el of marked) expect(['TD', 'TH']).toContain(el.tagName);
    // outline, never border: no layout shift
    const style = cells.get('T3:1:total')!.getAttribute('style') ?? '';
    expect(style).toContain('outline');
    expect(style).not.toMatch(/(^|;)\s*border/);
    expect(cells.get('T3:1:total')!.getAttribute('tabindex')).toBe('0');
  });

  it('restores the DOM exactly when switched off, also after hover, focus and reveal', () => {
    const { doc, run, cells } = audit(html);
    // a cell with its own style and tabindex must get them back
    cells.get('T3:1:total')!.setAttribute('style', 'color: red');
    cells.get('T3:4:total')!.setAttribute('tabindex', '-1');
    const before = doc.documentElement.outerHTML;
    const h = new Highlighter(run.result.findings!, cells, { onTooltip: () => {} });
    h.apply();
    expect(doc.documentElement.outerHTML).not.toBe(before);
    cells.get('T3:1:total')!.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('mouseenter'));
    h.reveal(run.result.findings!.find((f) => f.ruleId === 'T3-BALANCE')!);
    h.remove();
    expect(doc.documentElement.outerHTML).toBe(before);
    h.apply();
    h.remove();
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('shows the tooltip on hover and focus, lights the related cells, and stops listening when off', () => {
    const { doc, run, cells } = audit(html);
    const onTooltip = vi.fn();
    const h = new Highlighter(run.result.findings!, cells, { onTooltip });
    h.apply();
    const Ev = (doc.defaultView as unknown as typeof globalThis).Event;
    const first = cells.get('T3:1:total')!;
    const naturalStyle = cells.get('T3:1:natural')!.getAttribute('style');
    first.dispatchEvent(new Ev('mouseenter'));
    expect(onTooltip).toHaveBeenLastCalledWith(
      expect.objectContaining({ el: first, findings: [expect.objectContaining({ ruleId: 'T3-ROWSUM' }), expect.objectContaining({ ruleId: 'NARR-MISSING-YSQ' })] }),
    );
    expect(cells.get('T3:1:natural')!.getAttribute('style')).toContain('dashed');
    first.dispatchEvent(new Ev('mouseleave'));
    expect(onTooltip).toHaveBeenLastCalledWith(null);
    expect(cells.get('T3:1:natural')!.getAttribute('style')).toBe(naturalStyle);
    cells.get('T3:4:total')!.dispatchEvent(new Ev('focus'));
    expect(onTooltip).toHaveBeenLastCalledWith(expect.objectContaining({ findings: [expect.objectContaining({ ruleId: 'T3-BALANCE' })] }));
    h.remove();
    onTooltip.mockClear();
    first.dispatchEvent(new Ev('mouseenter'));
    expect(onTooltip).not.toHaveBeenCalled();
  });

  it('marks the expected first cells of every mutated fixture', () => {
    for (const name of readdirSync(MUTATED).filter((n) => n.endsWith('.expect.json'))) {
      const exp = JSON.parse(readFileSync(new URL(name, MUTATED), 'utf8')) as { findings: { ruleId: string; firstCell: string | null }[] };
      const { run, cells } = audit(readFileSync(new URL(name.replace('.expect.json', '.html'), MUTATED), 'utf8'));
      const h = new Highlighter(run.result.findings!, cells);
      h.apply();
      for (const f of exp.findings) {
        if (!f.firstCell || !cells.has(f.firstCell)) continue;
        expect(cells.get(f.firstCell)!.getAttribute(MARKER)?.split(' '), `${name}: ${f.ruleId}`).toContain(f.ruleId);
      }
      h.remove();
    }
  });

  it('keeps markup in cell text as text', () => {
    const page = readFileSync(new URL('002-label-img-injection.html', MUTATED), 'utf8');
    const { doc, run, cells } = audit(page);
    new Highlighter(run.result.findings!, cells).apply();
    expect(doc.querySelectorAll('img[src="x"]').length).toBe(0);
    expect(doc.body.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
