/**
 * Options page: the sites, beyond gov.cn, the auditor may run on. Each is an optional host
 * permission the user grants here (permissions.request, from the click itself); the
 * background then registers the detector on the granted sites (lib/ext/sites.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { AckSchema, type PageMessage } from '../lib/messages';
import { BUILT_IN_ORIGINS, extraSites, siteFromInput } from '../lib/ext/sites';
import { RouteOption } from './viewer/RouteOption';
import { errorMessage } from '../lib/error-message';

async function grantedSites(): Promise<string[]> {
  return extraSites((await browser.permissions.getAll()).origins ?? []);
}

/** Ask the background to register the detector on the granted sites. */
async function syncSites(): Promise<string | null> {
  const message: PageMessage = { type: 'sync-sites' };
  const ack = AckSchema.safeParse(await browser.runtime.sendMessage(message));
  if (!ack.success) return 'no reply';
  return ack.data.ok ? null : (ack.data.error ?? 'failed');
}

const s = {
  main: { font: '14px/1.5 system-ui, sans-serif', padding: '12px 16px', maxWidth: '560px', color: '#1a1a1a' },
  list: { listStyle: 'none', padding: 0, margin: '8px 0' },
  item: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 0', borderBottom: '1px solid #eee' },
  code: { fontFamily: 'ui-monospace, monospace', fontSize: '13px' },
  muted: { color: '#666' },
  error: { color: '#b3261e' },
  form: { display: 'flex', gap: '8px', marginTop: '8px' },
  input: { flex: 1, font: 'inherit', padding: '3px 6px' },
} as const;

export function Options() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [input, setInput] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const refresh = () =>
    void grantedSites().then(setSites, (e: unknown) => setMessage(i18n.t('options.failed', [String(e)])));

  useEffect(() => {
    refresh();
    // The user may also grant or revoke sites in the browser's own extension settings.
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);

  async function afterChange() {
    const error = await syncSites().catch((e: unknown) => String(e));
    if (error) setMessage(i18n.t('options.failed', [error]));
    refresh();
  }

  function add(e: Event) {
    e.preventDefault();
    setMessage(null);
    const site = siteFromInput(input);
    if (!site.ok) {
      if (site.reason === 'invalid') setMessage(i18n.t('options.invalid'));
      if (site.reason === 'built-in') setMessage(i18n.t('options.alreadyBuiltIn'));
      return;
    }
    // permissions.request must run in the user's gesture: call it before any await.
    browser.permissions.request({ origins: [site.pattern] }).then(
      async (granted) => {
        if (!granted) {
          setMessage(i18n.t('options.denied'));
          return;
        }
        setInput('');
        await afterChange();
      },
      (err: unknown) => setMessage(i18n.t('options.failed', [errorMessage(err)])),
    );
  }

  function remove(pattern: string) {
    setMessage(null);
    browser.permissions.remove({ origins: [pattern] }).then(
      () => afterChange(),
      (err: unknown) => setMessage(i18n.t('options.failed', [errorMessage(err)])),
    );
  }

  return (
    <main style={s.main}>
      <h1 style={{ fontSize: '17px', margin: '0 0 8px' }}>{i18n.t('options.title')}</h1>
      <h2 style={{ fontSize: '15px', margin: '12px 0 4px' }}>{i18n.t('options.sitesTitle')}</h2>
      <p style={{ ...s.muted, margin: 0 }}>{i18n.t('options.sitesIntro')}</p>
      <ul style={s.list} data-testid="options-sites">
        {BUILT_IN_ORIGINS.map((o) => (
          <li key={o} style={s.item}>
            <span style={s.code}>{o}</span>
            <span style={s.muted}>{i18n.t('options.builtIn')}</span>
          </li>
        ))}
        {sites?.map((o) => (
          <li key={o} style={s.item} data-testid="options-site">
            <span style={s.code}>{o}</span>
            <button type="button" onClick={() => remove(o)}>
              {i18n.t('options.remove')}
            </button>
          </li>
        ))}
      </ul>
      {sites?.length === 0 && <p style={s.muted}>{i18n.t('options.none')}</p>}
      <form style={s.form} onSubmit={add}>
        <input
          style={s.input}
          type="text"
          value={input}
          placeholder={i18n.t('options.sitePlaceholder')}
          onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
          data-testid="options-site-input"
          spellcheck={false}
          autocomplete="off"
        />
        <button type="submit" data-testid="options-add-site">
          {i18n.t('options.add')}
        </button>
      </form>
      {message && (
        <p style={s.error} role="alert">
          {message}
        </p>
      )}
      <RouteOption />
    </main>
  );
}
