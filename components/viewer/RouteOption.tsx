/**
 * The options page's switch "open PDF/DOCX attachment links on gov.cn sites in the attachment
 * viewer": registers or unregisters the small link script (lib/ext/attachment-links.ts); the
 * state shown is the registration itself.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { isRouting, setRouting, type RoutingDeps } from '../../lib/ext/attachment-links';
import { errorMessage } from '../../lib/error-message';

const deps: RoutingDeps = {
  registered: (ids) => browser.scripting.getRegisteredContentScripts({ ids }),
  register: (script) => browser.scripting.registerContentScripts([script]),
  unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
};

export function RouteOption() {
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The state asked for while it is being applied: the switch shows it, disabled, until the registration answers. */
  const [pending, setPending] = useState<boolean | null>(null);
  useEffect(() => {
    isRouting(deps).then(setOn, (e: unknown) => setError(i18n.t('viewer.optionFailed', [errorMessage(e)])));
  }, []);
  const change = (next: boolean) => {
    setError(null);
    setPending(next);
    setRouting(next, deps)
      .then(
        () => isRouting(deps).then(setOn),
        (e: unknown) => {
          setError(i18n.t('viewer.optionFailed', [errorMessage(e)]));
          return isRouting(deps).then(setOn);
        },
      )
      .catch((e: unknown) => setError(i18n.t('viewer.optionFailed', [errorMessage(e)])))
      .finally(() => setPending(null));
  };
  return (
    <section>
      <h2 style={{ fontSize: '16px' }}>{i18n.t('viewer.optionTitle')}</h2>
      <label style={{ display: 'flex', gap: '8px', alignItems: 'flex-start' }}>
        <input
          type="checkbox"
          data-testid="route-attachments"
          checked={pending ?? on === true}
          disabled={on === null || pending !== null}
          aria-busy={pending !== null}
          onChange={(e) => change((e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{i18n.t('viewer.optionRoute')}</span>
      </label>
      <p style={{ color: '#666', fontSize: '13px' }}>{i18n.t('viewer.optionHint')}</p>
      {error && (
        <p role="alert" style={{ color: '#b3261e' }}>
          {error}
        </p>
      )}
    </section>
  );
}
