// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditPage } from '../../lib/audit';
import { cellElements, MARKER } from '../../lib/highlight';
import { COMMAND_MESSAGES } from '../../lib/ext/background-handlers';
import { pageFromDocument } from '../../lib/page';
import { mountAuditorUI, type AuditorUI } from '../panel/controller';
import { PANEL_LABELS } from '../../tests/helpers/panel-labels';
import { viewerTabMessage } from './commands';
import { loadDocument } from '../../tests/helpers/document';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
/** The background's tabs.sendMessage: the extension's id, no tab. */
const background = { id: EXT };

let ui: AuditorUI | null = null;
afterEach(() => {
  ui?.destroy();
  ui = null;
});

/** The panel as the viewer mounts it over a report's cells (here a mutated seed page: 表三 row sum wrong). */
function mount(): AuditorUI {
  const html = readFileSync(join(import.meta.dirname, '../../tests/fixtures/mutated/002-t3-rowsum-row1.html'), 'utf8');
  loadDocument(html);
  const run = auditPage(pageFromDocument(document, { source: 'https://www.example.gov.cn/a.pdf' }));
  ui = mountAuditorUI({ doc: document, result: run.result, cells: cellElements(run.context!.cells), labels: PANEL_LABELS, ruleTitle: (id) => id, noTablesMessage: null, css: '' });
  return ui;
}
const marked = () => document.querySelectorAll(`[${MARKER}]`).length;

describe('the keyboard commands in the attachment viewer', () => {
  it('next/previous move through the findings and the switch turns the marks off and on, as the background sends them', () => {
    const u = mount();
    expect(u.items.length).toBeGreaterThan(1);
    expect(marked()).toBeGreaterThan(0);
    const on = marked();
    expect(viewerTabMessage(u, COMMAND_MESSAGES['next-finding'], background, EXT)).toEqual({ ok: true });
    expect(u.current).toBe(0);
    viewerTabMessage(u, COMMAND_MESSAGES['next-finding'], background, EXT);
    expect(u.current).toBe(1);
    viewerTabMessage(u, COMMAND_MESSAGES['previous-finding'], background, EXT);
    expect(u.current).toBe(0);
    viewerTabMessage(u, COMMAND_MESSAGES['previous-finding'], background, EXT);
    expect(u.current).toBe(u.items.length - 1);
    expect(viewerTabMessage(u, COMMAND_MESSAGES['toggle-highlights'], background, EXT)).toEqual({ ok: true });
    expect(u.highlights).toBe(false);
    expect(marked()).toBe(0);
    viewerTabMessage(u, COMMAND_MESSAGES['toggle-highlights'], background, EXT);
    expect(u.highlights).toBe(true);
    expect(marked()).toBe(on);
    // an explicit state
    viewerTabMessage(u, { type: 'toggle-highlights', on: true }, background, EXT);
    expect(u.highlights).toBe(true);
  });

  it('ignores messages from a tab (content scripts, pages), another extension, and messages that are not commands', () => {
    const u = mount();
    const next = COMMAND_MESSAGES['next-finding'];
    expect(viewerTabMessage(u, next, { id: EXT, tab: { id: 3 } }, EXT)).toBeUndefined();
    expect(viewerTabMessage(u, next, { id: 'another' }, EXT)).toBeUndefined();
    expect(viewerTabMessage(u, next, {}, EXT)).toBeUndefined();
    expect(viewerTabMessage(u, { type: 'navigate-finding', direction: 'sideways' }, background, EXT)).toBeUndefined();
    expect(viewerTabMessage(u, { type: 'audit-complete', url: 'https://x.gov.cn/', result: {} }, background, EXT)).toBeUndefined();
    // the popup's status question is for content scripts: not answered here
    expect(viewerTabMessage(u, { type: 'get-status' }, background, EXT)).toBeUndefined();
    expect(u.current).toBe(-1);
    expect(u.highlights).toBe(true);
  });

  it('answers ok: false while no panel is shown (fetching, or not a report)', () => {
    expect(viewerTabMessage(null, COMMAND_MESSAGES['next-finding'], background, EXT)).toEqual({ ok: false });
    expect(viewerTabMessage(null, COMMAND_MESSAGES['toggle-highlights'], background, EXT)).toEqual({ ok: false });
  });
});
