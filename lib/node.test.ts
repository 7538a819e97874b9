import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DetachedWindowAPI } from 'happy-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError, closeDocument, openHtml, pageFromHtml, parseHtml, runBytes, runHtml } from './node';

const SEED = readFileSync(new URL('../tests/fixtures/seeds/002.word.html', import.meta.url), 'utf8');

/** The seed page with its tables repeated `copies` times (Word markup: ≈ 65 KB and 285 cells a copy). */
function bigPage(copies: number): string {
  const tables = SEED.match(/<table[\s\S]*?<\/table>/g) ?? [];
  const at = SEED.lastIndexOf('</table>') + '</table>'.length;
  return `${SEED.slice(0, at)}${Array.from({ length: copies }, () => tables.join('\n')).join('\n<p>附表</p>\n')}${SEED.slice(at)}`;
}

/** Whether any value reachable from `x` is a DOM node. */
function holdsDom(x: unknown, seen = new Set<unknown>()): boolean {
  if (x === null || typeof x !== 'object' || seen.has(x)) return false;
  seen.add(x);
  if ('nodeType' in x) return true;
  const values = x instanceof Map ? [...x.values()] : Object.values(x);
  return values.some((v) => holdsDom(v, seen));
}

const tick = (ms = 0) => new Promise((ok) => setTimeout(ok, ms));

afterEach(() => vi.restoreAllMocks());

describe('happy-dom Windows', () => {
  it('every audit parses in its own Window and closes it; the run holds no DOM node', () => {
    const close = vi.spyOn(DetachedWindowAPI.prototype, 'close');
    const run = runHtml(SEED, { source: 'seed.html' });
    runBytes(new TextEncoder().encode(SEED), { source: 'seed.html' });
    pageFromHtml(SEED, { source: 'seed.html' });
    expect(close).toHaveBeenCalledTimes(3);
    expect(run.result.detected).toBe(true);
    expect(run.context?.cells.size).toBeGreaterThan(100);
    expect(holdsDom(run)).toBe(false);
  });

  it('a document that cannot be read is still closed', () => {
    const close = vi.spyOn(DetachedWindowAPI.prototype, 'close');
    const deep = `<table><tr><td>${'<div>'.repeat(20_000)}1</td></tr></table>`;
    expect(() => runHtml(deep, { source: 'deep.html' })).toThrow(InputError);
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('openHtml and parseHtml give the caller the Window to close', async () => {
    const close = vi.spyOn(DetachedWindowAPI.prototype, 'close');
    const parsed = openHtml('<p>一</p>');
    expect(parsed.document.body.textContent).toBe('一');
    await parsed.close();
    const doc = parseHtml('<p>二</p>');
    expect(doc.body.textContent).toBe('二');
    await closeDocument(doc);
    expect(close).toHaveBeenCalledTimes(2);
  });

  it('audited pages do not pile up in memory', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed / 2 ** 20;
    };
    const html = bigPage(8); // ≈ 0.5 MB of Word markup: ≈ 100 MB of happy-dom nodes while parsed
    runHtml(SEED, { source: 'warm-up.html' });
    await tick(10);
    const before = heap();
    for (let i = 0; i < 3; i++) {
      expect(runHtml(html, { source: `big-${i}.html` }).result.detected).toBe(true);
      await tick(10); // the Window closes once the event loop turns
    }
    // a shared Window kept the last document (≈ 110 MB here); closed Windows keep nothing
    expect(heap() - before).toBeLessThan(50);
  }, 60_000);
});
