/**
 * Which reports belong to the same body (机关), for the cross-year rules (rules.md §J).
 *
 * Two reports are the same body's when their publishing bodies have the same *body key* and
 * their sites do not contradict it. The key is the entity the title names, normalised:
 * NFKC (full-width letters and digits → ASCII), whitespace and punctuation removed, and the
 * suffixes that name a place's government stripped (人民政府, 政府, 管委会, 管理委员会,
 * 党工委管委会 …), so 韩庄镇 ≡ 韩庄镇人民政府 and 平潭综合实验区 ≡ 平潭综合实验区管委会.
 * An office (办公室/办公厅) stays apart: 某县人民政府办公室 publishes its own report besides
 * 某县人民政府's, so its key keeps the 办公室 (some 县人民政府办公室 ≡ 某县政府办公室).
 *
 * The site: reports on two different sites are never paired, even with the same name (there
 * are hundreds of 城关镇); a report whose site is unknown (a saved file without a URL) is
 * paired on the name alone, and the match says so. Pure, no DOM.
 */

/** Suffixes naming a place's government (the body is the place's government). */
const GOVERNMENT_SUFFIX = /(?:人民政府|政府|党工委管委会|党工委、管委会|党工委管理委员会|管理委员会|管委会)$/;
/** Suffixes naming that government's general office. */
const OFFICE_SUFFIX = /(?:办公室|办公厅)$/;
/** Punctuation and symbols dropped from names (brackets of 平潭综合实验区（平潭县） stay: they tell bodies apart). */
const DROP = /[\s\u00a0\u3000·•・.,，、。:：;；"'“”‘’「」『』]/gu;

export interface BodyName {
  /** The name as given (trimmed). */
  name: string;
  /** The name after NFKC, whitespace and punctuation removal. */
  normalised: string;
  /** The place (or department) the name stands for, suffixes stripped. */
  core: string;
  /** 'office' for a government's 办公室/办公厅; 'body' otherwise. */
  kind: 'body' | 'office';
  /** core, plus `#办公室` for an office: equal keys name the same body. */
  key: string;
}

/** Normalise a body name: NFKC, no whitespace or punctuation. */
export function normaliseBodyName(name: string): string {
  return name.normalize('NFKC').replace(DROP, '');
}

function stripGovernment(s: string): string {
  let c = s;
  for (;;) {
    const next = c.replace(GOVERNMENT_SUFFIX, '');
    // never strip a name down to nothing or one character (a body called 政府 is still a body)
    if (next === c || next.length < 2) return c;
    c = next;
  }
}

export function bodyName(name: string): BodyName {
  const normalised = normaliseBodyName(name.trim());
  let rest = normalised;
  let kind: BodyName['kind'] = 'body';
  const office = OFFICE_SUFFIX.exec(rest);
  if (office && rest.length - office[0].length >= 2) {
    const before = rest.slice(0, rest.length - office[0].length);
    const gov = stripGovernment(before);
    // 某县人民政府办公室 / 某区管委会办公室: the government's office. A 某局办公室 stays a name of its own.
    if (gov !== before) {
      kind = 'office';
      rest = gov;
    }
  }
  const core = kind === 'office' ? rest : stripGovernment(rest);
  return { name: name.trim(), normalised, core, kind, key: kind === 'office' ? `${core}#办公室` : core };
}

/** The site a report was published on: its host, lower case, without port and leading `www.`. */
export function siteOf(url: string | null | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    const u = new URL(url);
    if (!/^https?:$/.test(u.protocol)) return null;
    host = u.hostname;
  } catch {
    return null;
  }
  host = host.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  return host === '' ? null : host;
}

/** Whether two sites are the same: equal, or one a subdomain of the other (zwgk.x.gov.cn / x.gov.cn). */
export function sameSite(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** What the auditor is shown about a pairing: which names and sites matched, and why. */
export interface BodyMatch {
  same: boolean;
  /** 'name-and-site': same key on the same site; 'name-only': same key, a site unknown. */
  basis: 'name-and-site' | 'name-only' | 'different-name' | 'different-site' | 'no-name';
  current: { entity: string | null; key: string | null; site: string | null };
  previous: { entity: string | null; key: string | null; site: string | null };
  /** zh-CN, one sentence: why these reports are (not) taken as the same body's. */
  reason: string;
}

export interface BodyRef {
  entity: string | null;
  /** The report's site (siteOf its URL), or null when unknown. */
  site: string | null;
}

/** Whether two reports are the same body's (see the module comment), with the reason. */
export function matchBodies(current: BodyRef, previous: BodyRef): BodyMatch {
  const c = current.entity ? bodyName(current.entity) : null;
  const p = previous.entity ? bodyName(previous.entity) : null;
  const side = (b: BodyName | null, r: BodyRef) => ({ entity: r.entity, key: b?.key ?? null, site: r.site });
  const base = { current: side(c, current), previous: side(p, previous) };
  if (!c || !p || c.key === '' || p.key === '') {
    return { ...base, same: false, basis: 'no-name', reason: '报告未写明发布机关，无法判断是否同一机关' };
  }
  const names = c.name === p.name ? `“${c.name}”` : `“${c.name}”与“${p.name}”`;
  if (c.key !== p.key) {
    return { ...base, same: false, basis: 'different-name', reason: `机关名称${names}不同（规范化后为“${c.key}”与“${p.key}”）` };
  }
  const norm = c.name === p.name ? '名称相同' : `名称规范化后相同（“${c.key}”）`;
  if (current.site && previous.site) {
    if (!sameSite(current.site, previous.site)) {
      return { ...base, same: false, basis: 'different-site', reason: `机关${names}${norm}，但网站不同（${current.site} 与 ${previous.site}）` };
    }
    const site = current.site === previous.site ? current.site : `${current.site} 与 ${previous.site}`;
    return { ...base, same: true, basis: 'name-and-site', reason: `机关${names}${norm}，同一网站（${site}）` };
  }
  return { ...base, same: true, basis: 'name-only', reason: `机关${names}${norm}；网站未知，仅按名称匹配` };
}
