// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { ATTACHMENT_LINKS_FILE, ATTACHMENT_LINKS_SCRIPT_ID, clickedAttachment, isPlainClick, isRouting, routedHref, setRouting, type RoutingDeps } from './attachment-links';
import { setBody } from '../../tests/helpers/document';

const BASE = 'https://www.example.gov.cn/xxgk/nb/index.htm';

describe('routedHref', () => {
  it('routes links to .pdf and .docx files, resolved against the page', () => {
    expect(routedHref('2020.pdf', BASE)).toBe('https://www.example.gov.cn/xxgk/nb/2020.pdf');
    expect(routedHref('/files/年报.PDF?v=2#page=3', BASE)).toBe('https://www.example.gov.cn/files/%E5%B9%B4%E6%8A%A5.PDF?v=2');
    expect(routedHref(' https://cdn.example.org/a.docx ', BASE)).toBe('https://cdn.example.org/a.docx');
    expect(routedHref('%E5%B9%B4%E6%8A%A5.pdf', BASE)).toBe('https://www.example.gov.cn/xxgk/nb/%E5%B9%B4%E6%8A%A5.pdf');
  });

  it('leaves pages, other files and other schemes alone', () => {
    for (const href of [null, '', '2020.htm', 'nb.doc', 'nb.wps', 'download.jsp?file=a.pdf', 'javascript:open("a.pdf")', 'mailto:a@b.pdf', 'ftp://x/a.pdf', '#a.pdf']) {
      expect(routedHref(href, BASE)).toBeNull();
    }
  });
});

describe('clicks', () => {
  it('takes only plain primary clicks that the page did not handle', () => {
    const base = { button: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
    expect(isPlainClick(base)).toBe(true);
    for (const k of ['ctrlKey', 'metaKey', 'shiftKey', 'altKey', 'defaultPrevented'] as const) expect(isPlainClick({ ...base, [k]: true })).toBe(false);
    expect(isPlainClick({ ...base, button: 1 })).toBe(false);
  });

  it('finds the link around the click target; a download link is left alone', () => {
    setBody('<p><a href="2020.pdf"><span id="in">年报</span></a> <a id="dl" href="b.pdf" download>下载</a> <a id="page" href="x.htm">x</a></p>');
    expect(clickedAttachment(document.getElementById('in'), BASE)).toBe('https://www.example.gov.cn/xxgk/nb/2020.pdf');
    expect(clickedAttachment(document.getElementById('dl'), BASE)).toBeNull();
    expect(clickedAttachment(document.getElementById('page'), BASE)).toBeNull();
    expect(clickedAttachment(document.body, BASE)).toBeNull();
    expect(clickedAttachment(null, BASE)).toBeNull();
  });
});

describe('the option is the registration', () => {
  function fakeScripting() {
    const ids = new Set<string>();
    const deps = {
      registered: vi.fn(async (want: string[]) => [...ids].filter((id) => want.includes(id)).map((id) => ({ id }))),
      register: vi.fn(async (s: { id: string }) => void ids.add(s.id)),
      unregister: vi.fn(async (want: string[]) => want.forEach((id) => ids.delete(id))),
    } satisfies RoutingDeps;
    return deps;
  }

  it('on registers the link script on gov.cn once, persisted; off removes it', async () => {
    const deps = fakeScripting();
    expect(await isRouting(deps)).toBe(false);
    await setRouting(true, deps);
    await setRouting(true, deps);
    expect(deps.register).toHaveBeenCalledTimes(1);
    expect(deps.register.mock.calls[0]![0]).toEqual({
      id: ATTACHMENT_LINKS_SCRIPT_ID,
      js: [ATTACHMENT_LINKS_FILE],
      matches: ['*://*.gov.cn/*'],
      allFrames: true,
      runAt: 'document_start',
      persistAcrossSessions: true,
    });
    expect(await isRouting(deps)).toBe(true);
    await setRouting(false, deps);
    expect(deps.unregister).toHaveBeenCalledWith([ATTACHMENT_LINKS_SCRIPT_ID]);
    expect(await isRouting(deps)).toBe(false);
    await setRouting(false, deps);
    expect(deps.unregister).toHaveBeenCalledTimes(1);
  });
});
