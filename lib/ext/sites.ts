/**
 * Extra sites the auditor allows beyond *.gov.cn (options page). The list is the set of
 * optional host permissions the user has granted: no separate storage, so it can never
 * disagree with what the browser allows (the user may also revoke a site in the browser's
 * own UI). For those origins the cheap detector is registered as a dynamic content script.
 * Extension APIs are injected so this runs in Node with fakes.
 */

/** Sites covered by the manifest's content script and host permissions. */
export const BUILT_IN_ORIGINS: readonly string[] = ['*://*.gov.cn/*'];

/** The host permission pattern that covers an http(s) URL (`https://host/*`), or null for another URL. */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

/** The id of the dynamic registration of the detector. */
export const EXTRA_SITES_SCRIPT_ID = 'report-auditor-detect-extra-sites';
/** The detector's built file (WXT content script `detect`). */
export const DETECTOR_FILE = '/content-scripts/detect.js';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function validHost(host: string): boolean {
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (bare.length === 0 || bare.length > 253) return false;
  const labels = bare.split('.');
  // A concrete domain with at least two labels (or localhost); no bare "*", no "*.com".
  if (bare === 'localhost') return !host.startsWith('*.');
  if (labels.length < 2) return false;
  return labels.every((l) => HOST_LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

function validIPv4(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export type SiteInput = { ok: true; pattern: string } | { ok: false; reason: 'empty' | 'invalid' | 'built-in' };

/**
 * A match pattern from what the user typed: a host ("example.org"), a host wildcard
 * ("*.example.org"), a URL ("https://example.org/reports/x.htm": its host) or a match
 * pattern ("https://*.example.org/*"). Always a whole host: the path is `/*`.
 * Rejects everything-patterns ("*", "<all_urls>") and hosts the manifest already covers.
 */
export function siteFromInput(input: string): SiteInput {
  let text = input.trim().toLowerCase();
  if (text === '') return { ok: false, reason: 'empty' };
  let scheme = '*';
  const m = /^(\*|https?):\/\/(.*)$/.exec(text);
  if (m) {
    scheme = m[1]!;
    text = m[2]!;
  }
  const host = text.split(/[/?#]/, 1)[0]!.replace(/:\d+$/, '').replace(/\.$/, '');
  if (!(validHost(host) || validIPv4(host))) return { ok: false, reason: 'invalid' };
  const bare = host.startsWith('*.') ? host.slice(2) : host;
  if (bare === 'gov.cn' || bare.endsWith('.gov.cn')) return { ok: false, reason: 'built-in' };
  return { ok: true, pattern: `${scheme}://${host}/*` };
}

/** The extra sites among granted origins (the built-in ones left out), sorted. */
export function extraSites(grantedOrigins: readonly string[]): string[] {
  return [...new Set(grantedOrigins.filter((o) => !BUILT_IN_ORIGINS.includes(o)))].sort();
}

export interface RegisteredScript {
  id: string;
  matches?: string[];
}

export interface SitesDeps {
  /** permissions.getAll().origins */
  grantedOrigins(): Promise<string[]>;
  /** scripting.getRegisteredContentScripts({ids}) */
  registered(ids: string[]): Promise<RegisteredScript[]>;
  /** scripting.registerContentScripts([...]) with the detector for `matches`. */
  register(matches: string[]): Promise<void>;
  /** scripting.unregisterContentScripts({ids}) */
  unregister(ids: string[]): Promise<void>;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}

/**
 * Make the detector's dynamic registration match the granted extra sites: none when
 * there are none, one registration for all of them otherwise. Returns the sites.
 */
export async function syncExtraSites(deps: SitesDeps): Promise<string[]> {
  const sites = extraSites(await deps.grantedOrigins());
  const current = (await deps.registered([EXTRA_SITES_SCRIPT_ID]))[0];
  if (current && sameSet(current.matches ?? [], sites)) return sites;
  if (current) await deps.unregister([EXTRA_SITES_SCRIPT_ID]);
  if (sites.length > 0) await deps.register(sites);
  return sites;
}

/** Run async jobs one at a time (startup and permission events may overlap). */
export function serialised<T>(job: () => Promise<T>): () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const next = last.then(job, job);
    last = next.catch(() => undefined);
    return next;
  };
}
