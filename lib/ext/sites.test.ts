import { describe, expect, it } from 'vitest';
import { EXTRA_SITES_SCRIPT_ID, extraSites, serialised, siteFromInput, syncExtraSites, type RegisteredScript } from './sites';

describe('siteFromInput', () => {
  it.each([
    ['example.org', '*://example.org/*'],
    ['  Example.ORG  ', '*://example.org/*'],
    ['*.example.org', '*://*.example.org/*'],
    ['https://www.example.org/xxgk/2021/report.htm?x=1#t', 'https://www.example.org/*'],
    ['http://example.org:8080/a', 'http://example.org/*'],
    ['*://*.example.org/*', '*://*.example.org/*'],
    ['10.1.2.3', '*://10.1.2.3/*'],
    ['localhost', '*://localhost/*'],
  ])('%s → %s', (input, pattern) => {
    expect(siteFromInput(input)).toEqual({ ok: true, pattern });
  });

  it.each([
    ['', 'empty'],
    ['*', 'invalid'],
    ['<all_urls>', 'invalid'],
    ['*://*/*', 'invalid'],
    ['*.com', 'invalid'],
    ['com', 'invalid'],
    ['ftp://example.org', 'invalid'],
    ['exa mple.org', 'invalid'],
    ['-bad-.org', 'invalid'],
    ['www.beijing.gov.cn', 'built-in'],
    ['*.gov.cn', 'built-in'],
  ])('%s is rejected (%s)', (input, reason) => {
    expect(siteFromInput(input)).toEqual({ ok: false, reason });
  });
});

describe('syncExtraSites', () => {
  function fake(granted: string[], registered: RegisteredScript[] = []) {
    const calls: string[] = [];
    const state = { registered: [...registered] };
    return {
      calls,
      state,
      deps: {
        grantedOrigins: async () => granted,
        registered: async (ids: string[]) => state.registered.filter((s) => ids.includes(s.id)),
        register: async (matches: string[]) => {
          calls.push(`register ${matches.join(' ')}`);
          state.registered.push({ id: EXTRA_SITES_SCRIPT_ID, matches });
        },
        unregister: async (ids: string[]) => {
          calls.push(`unregister ${ids.join(' ')}`);
          state.registered = state.registered.filter((s) => !ids.includes(s.id));
        },
      },
    };
  }

  it('leaves out the built-in origins', () => {
    expect(extraSites(['*://*.gov.cn/*', 'https://b.org/*', '*://a.org/*', '*://a.org/*'])).toEqual(['*://a.org/*', 'https://b.org/*']);
  });

  it('registers the detector for granted extra sites', async () => {
    const f = fake(['*://*.gov.cn/*', '*://a.org/*']);
    expect(await syncExtraSites(f.deps)).toEqual(['*://a.org/*']);
    expect(f.calls).toEqual(['register *://a.org/*']);
  });

  it('does nothing when the registration is current', async () => {
    const f = fake(['*://a.org/*', '*://b.org/*'], [{ id: EXTRA_SITES_SCRIPT_ID, matches: ['*://b.org/*', '*://a.org/*'] }]);
    await syncExtraSites(f.deps);
    expect(f.calls).toEqual([]);
  });

  it('re-registers when the sites change and unregisters when none are left', async () => {
    const f = fake(['*://b.org/*'], [{ id: EXTRA_SITES_SCRIPT_ID, matches: ['*://a.org/*'] }]);
    await syncExtraSites(f.deps);
    expect(f.calls).toEqual([`unregister ${EXTRA_SITES_SCRIPT_ID}`, 'register *://b.org/*']);
    const g = fake(['*://*.gov.cn/*'], [{ id: EXTRA_SITES_SCRIPT_ID, matches: ['*://a.org/*'] }]);
    expect(await syncExtraSites(g.deps)).toEqual([]);
    expect(g.calls).toEqual([`unregister ${EXTRA_SITES_SCRIPT_ID}`]);
  });
});

describe('serialised', () => {
  it('runs jobs one after another, even after a failure', async () => {
    const log: string[] = [];
    let n = 0;
    const job = serialised(async () => {
      const i = n++;
      log.push(`start ${i}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${i}`);
      if (i === 0) throw new Error('boom');
      return i;
    });
    const results = await Promise.allSettled([job(), job(), job()]);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});
