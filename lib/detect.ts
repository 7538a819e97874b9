/**
 * Page detection (report-format.md §13, rules.md DOC-DETECT / DOC-NOT-REPORT) and format
 * recognition (§8, §8.1): is this page a 政府信息公开工作年度报告, for which year and body, and
 * in which table format?
 *
 * - E1: a title matching the §13.2 pattern, from `<meta name="ArticleTitle">`, else `<title>`
 *   up to the first `_`, else a text dump's `标题` field, else the article heading candidates
 *   (a text dump's first lines, joined up to three);
 * - E2: the column (`ColumnName`/`ColumnType` meta, a dump's `栏目`) names 年报/年度报告;
 * - E3: a 年报 token in the URL (page source, `Url` meta, a dump's `原文链接`);
 * - E4: the number of distinct "both" table signatures (§8) in the page's tables.
 * Detected ⇔ not a negative case (§13.5) ∧ (E1 ∨ E4 ≥ 3).
 *
 * Format: 2019/2021 signatures are counted in the tables only (never the narrative), each
 * distinct signature once; legacy (§8.1) when there is no 2019/2021 signature and the page
 * (text or tables: archive dumps flatten their tables into text) carries legacy wording.
 */
import type { Detection, EntityType, Format, PageModel, SourceTable } from './types';
import { BoundedMemo, cellNorm, compact, displayText, normaliseLabel } from './normalise';
import { normaliseValue } from './value';

// ------------------------------------------------------------------ title (§13.2)

/**
 * The §13.2 title pattern, applied to the normalised title. `年(度)?报(告)?` is tightened to
 * 年度报告 / 年报 (the title must end in one of them, an optional bracket allowed), so that
 * `…年度报` or `…年报告` do not pass.
 */
const TITLE_RE =
  /^(?<pre>.*?)(?<year>(?:19|20)\d{2})年(?<du>度)?(?<post>.*?)政[府务]信息公开(?:工作)?(?:的)?(?:年度报告|年报)(?:\([^)]*\))?$/;

export interface ParsedTitle {
  year: number;
  /** The body as the title names it: the text before the year, else the text after it (year-first titles). */
  entity: string | null;
  /** The title as written, line breaks removed, whitespace runs collapsed, trimmed. */
  title: string;
}

/** Display form of a title: line breaks removed (a title broken over lines), spaces kept. */
export function titleDisplay(text: string): string {
  return displayText(text.replace(/[\r\n]+/g, ''));
}

/** Normalised title (NFKC, whitespace deleted, template vocabulary folded to simplified). */
function titleNorm(text: string): string {
  return normaliseLabel(text);
}

/** Parse a report title (§13.2); null when it is not one. */
export function parseTitle(title: string): ParsedTitle | null {
  const norm = titleNorm(title);
  const m = TITLE_RE.exec(norm);
  if (!m?.groups) return null;
  // the entity as the title writes it: the same span of the title without the traditional →
  // simplified folding (character for character, so the offsets carry over)
  const written = compact(title);
  const aligned = written.length >= norm.length;
  let pre = m.groups['pre'] ?? '';
  let post = m.groups['post'] ?? '';
  if (aligned) {
    const postStart = pre.length + 4 + 1 + (m.groups['du'] ? 1 : 0);
    pre = written.slice(0, pre.length);
    post = written.slice(postStart, postStart + post.length);
  }
  const entity = (pre || post).replace(/^[:,、]+|[:,、]+$/g, '') || null;
  return { year: Number(m.groups['year']), entity, title: titleDisplay(title) };
}

// ------------------------------------------------------------------ entity type (§13.2)

/** Suffix characters outside normaliseLabel's template vocabulary (mirrors in traditional characters). */
const ENTITY_TRAD: Record<string, string> = { 辦: '办', 廳: '厅', 隊: '队', 員: '员' };
const TOWNSHIP = /(镇|乡|街道|街道办事处)(人民政府)?$/;
const DEPARTMENT = /(局|委|委员会|办|办公室|办公厅|厅|中心|院|署|部|所|站|队)$/;
/** A 管委会 (of a 实验区/开发区/新区) acts as the area's government. */
const GOVERNMENT = /(人民政府|政府|管委会|管理委员会)$/;
const AREA = /(省|市|县|区|州|盟|旗|实验区|新区)$/;

/**
 * Entity type heuristic (§13.2): township (镇/乡/街道[办事处] [+人民政府]), department
 * (局/委/办公室/办公厅/中心 …), government (人民政府/政府, a 管委会, or a bare area name), else unknown.
 */
export function entityTypeOf(entity: string | null | undefined): EntityType {
  if (!entity) return 'unknown';
  const e = normaliseLabel(entity).replace(/[辦廳隊員]/g, (ch) => ENTITY_TRAD[ch] ?? ch);
  if (!e) return 'unknown';
  if (TOWNSHIP.test(e)) return 'township';
  if (/(管委会|管理委员会)$/.test(e)) return 'government';
  if (DEPARTMENT.test(e)) return 'department';
  if (GOVERNMENT.test(e)) return 'government';
  if (AREA.test(e)) return 'government';
  return 'unknown';
}

// ------------------------------------------------------------------ signatures (§8, §8.1)

const norm = (s: string) => normaliseLabel(s);

/** "both" signatures: they identify the tables, not the format (§8). */
export const BOTH_SIGNATURES: readonly string[] = [
  '第二十条第（一）项',
  '信息内容',
  '勾稽关系',
  '申请人情况',
  '本年新收政府信息公开申请数量',
  '结转下年度继续办理',
  '未经复议直接起诉',
  '复议后起诉',
].map(norm);

/** Label signatures of each format (§8); the T3 （六） signature is structural (see below). */
export const FORMAT_SIGNATURES: Readonly<Record<Format, readonly string[]>> = {
  '2019': [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '本年增/减',
    '其他对外管理服务事项',
    '采购项目数量',
    '采购总金额',
    '政府集中采购',
  ].map(norm),
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额'].map(norm),
};

/** Name of the structural T3 （六） signature in `signatureHits`. */
export const T3_SIX_2019 = 'T3（六）其他处理（一行7个数据）';
export const T3_SIX_2021 = 'T3（六）其他处理 + 1.申请人无正当理由逾期不补正…';

const SIX = norm('（六）其他处理');
const SIX_2021_ITEM = norm('申请人无正当理由逾期不补正');

/** Legacy (pre-2019) wording (§8.1), normalised. */
export const LEGACY_SIGNATURES: readonly string[] = [
  '一、概述',
  '政府信息依申请公开工作情况',
  '政府信息依申请公开办理情况',
  '政府信息公开的收费及减免情况',
  '因政府信息公开申请行政复议、提起行政诉讼的情况',
  '主要问题和改进措施',
  '政府信息公开情况统计表',
  '指标名称',
  '计量单位',
  '历年累计',
  '主动公开文件数',
  '政府网站公开数',
  '政府公报公开数',
  '受理依申请公开信息总数',
  '受理政府信息依申请公开总数',
  '当面申请数',
  '网上申请数',
  '信函、传真申请数',
  '对申请的答复总数',
  '同意公开答复数',
  '同意部分公开答复数',
  '不予公开答复数',
  '其他类型答复数',
  '政府信息公开收费减免金额',
  '接受行政诉讼、举报数',
  '行政复议数',
  '行政诉讼数',
  '申请总数',
  '信息不存在',
  '非本机关掌握',
  '不是《条例》所指政府信息',
].map(norm);

/** A signature found in a table: which table, which row. */
export interface SignatureHit {
  signature: string;
  table: number;
  row: number;
}

export interface SignatureScan {
  both: SignatureHit[];
  '2019': SignatureHit[];
  '2021': SignatureHit[];
}

/** The signatures a normalised cell text contains, per list (memoised: pages repeat their cell texts). */
interface CellSignatures {
  both: readonly string[];
  '2019': readonly string[];
  '2021': readonly string[];
}
const NO_SIGNATURES: CellSignatures = { both: [], '2019': [], '2021': [] };
const signatureMemo = new BoundedMemo<CellSignatures>(20_000);

function cellSignatures(n: string): CellSignatures {
  const hit = signatureMemo.get(n);
  if (hit) return hit;
  const both = BOTH_SIGNATURES.filter((s) => n.includes(s));
  const f19 = FORMAT_SIGNATURES['2019'].filter((s) => n.includes(s));
  const f21 = FORMAT_SIGNATURES['2021'].filter((s) => n.includes(s));
  return signatureMemo.set(n, both.length + f19.length + f21.length === 0 ? NO_SIGNATURES : { both, '2019': f19, '2021': f21 });
}

/** Every signature occurrence in the page's tables (first occurrence per signature and row). */
export function scanSignatures(page: PageModel): SignatureScan {
  const out: SignatureScan = { both: [], '2019': [], '2021': [] };
  const seen = new Set<string>();
  page.tables.forEach((table, ti) => {
    table.rows.forEach((row, ri) => {
      const norms = row.cells.map(cellNorm);
      const push = (list: SignatureHit[], signature: string) => {
        const key = `${list === out.both ? 'b' : list === out['2019'] ? '9' : '1'}\u0000${signature}\u0000${ti}\u0000${ri}`;
        if (seen.has(key)) return;
        seen.add(key);
        list.push({ signature, table: ti, row: ri });
      };
      for (const n of norms) {
        if (!n) continue;
        const sigs = cellSignatures(n);
        if (sigs === NO_SIGNATURES) continue;
        for (const s of sigs.both) push(out.both, s);
        for (const f of ['2019', '2021'] as const) for (const s of sigs[f]) push(out[f], s);
      }
      // T3 （六）其他处理: one data row of 7 values (2019) or a group over 3.6.1–3.6.3 (2021)
      const six = norms.findIndex((n) => n === SIX || (n.startsWith(SIX) && n.length <= SIX.length + 2));
      if (six >= 0) {
        const after = norms.slice(six + 1);
        const next = table.rows[ri + 1]?.cells.map(cellNorm).filter((n) => n !== '').slice(0, 3) ?? [];
        if ([...after, ...next].some((n) => n.includes(SIX_2021_ITEM))) push(out['2021'], T3_SIX_2021);
        else if (after.length >= 7 && after.every((n) => !isLabelText(n))) push(out['2019'], T3_SIX_2019);
      }
    });
  });
  return out;
}

/** Text that is a label rather than a value (blank, numbers, placeholders are values). */
function isLabelText(n: string): boolean {
  if (n === '') return false;
  const v = normaliseValue(n);
  return v.flags.includes('text');
}

function distinct(hits: SignatureHit[]): number {
  return new Set(hits.map((h) => h.signature)).size;
}

/** Distinct legacy signatures in the page text and tables (§8.1). */
export function legacySignatures(page: PageModel): string[] {
  const parts: string[] = [];
  for (const b of page.blocks) if (b.kind === 'text') parts.push(b.text);
  for (const t of page.tables) for (const r of t.rows) for (const c of r.cells) parts.push(c.text);
  const text = normaliseLabel(parts.join('\n'));
  return LEGACY_SIGNATURES.filter((s) => text.includes(s));
}

/**
 * The source rows carrying each format's signatures (table index, row index), for FMT-MIXED:
 * the rule lists the mapped value cells of the minority format's rows.
 */
export function formatSignatureRows(page: PageModel): Record<Format, { table: number; row: number; signature: string }[]> {
  const scan = scanSignatures(page);
  return { '2019': scan['2019'], '2021': scan['2021'] };
}

// ------------------------------------------------------------------ evidence E2, E3 (§13.1, §13.4)

const URL_TOKENS = ['/zfxxgknb/', '/xxgknb/', '/zfxxgkndbg/', '/gknb/', '/ndbg/', '/xxgkannualreport/'];

function metaValue(page: PageModel, name: string): string | undefined {
  if (name in page.meta) return page.meta[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(page.meta)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function columnEvidence(page: PageModel): boolean {
  const cols = [metaValue(page, 'ColumnName'), metaValue(page, 'ColumnType'), page.dumpFields['栏目']];
  return cols.some((c) => c !== undefined && /年报|年度报告/.test(c));
}

function urlEvidence(page: PageModel): boolean {
  const urls = [page.source, metaValue(page, 'Url'), page.dumpFields['原文链接']];
  return urls.some((u) => {
    if (!u) return false;
    let path = u;
    try {
      path = new URL(u).pathname;
    } catch {
      path = u;
    }
    const p = `${path.toLowerCase()}/`;
    return URL_TOKENS.some((t) => p.includes(t));
  });
}

// ------------------------------------------------------------------ title sources

interface TitleChoice {
  /** The title the page presents (first available source), for the negative cases. */
  primary: string | null;
  /** The first source text that parses, with its parse. */
  parsed: ParsedTitle | null;
  /** Source of `parsed`. */
  source: string | null;
  /** `primary` comes from the page's own title (ArticleTitle, `<title>`, a dump's 标题), not a heading guess. */
  primaryExplicit: boolean;
}

/** A text dump's PageModel: no DOM, no `<title>`, no meta; heading candidates are its first lines. */
function isTextDump(page: PageModel): boolean {
  return !page.root && page.htmlTitle === null && Object.keys(page.meta).length === 0;
}

function titleCandidates(page: PageModel): { text: string; source: string }[] {
  const out: { text: string; source: string }[] = [];
  const add = (text: string | null | undefined, source: string) => {
    const t = (text ?? '').trim();
    if (t && t.length <= 300) out.push({ text: t, source });
  };
  add(metaValue(page, 'ArticleTitle'), 'meta ArticleTitle');
  if (page.htmlTitle) {
    add(page.htmlTitle.split('_')[0], '<title>');
    // other CMSs join the parts with " - " or "|"
    const alt = page.htmlTitle.split(/\s+[-–—|]\s+|\s*[|｜]\s*/)[0];
    if (alt && alt !== page.htmlTitle.split('_')[0]) add(alt, '<title>');
  }
  add(page.dumpFields['标题'], '标题');
  const hc = page.headingCandidates.filter((h) => h.trim() !== '');
  if (isTextDump(page)) {
    // the first non-empty lines until the pattern matches, joined without separator (up to 3)
    for (let n = 1; n <= Math.min(3, hc.length); n++) add(hc.slice(0, n).join(''), n === 1 ? '首行' : `前${n}行`);
    for (let i = 1; i < Math.min(3, hc.length); i++) add(hc[i], `第${i + 1}行`);
  } else {
    for (const h of hc) add(h, '文章标题');
    for (let n = 2; n <= Math.min(3, hc.length); n++) add(hc.slice(0, n).join(''), '文章标题');
  }
  return out;
}

const EXPLICIT_SOURCES = new Set(['meta ArticleTitle', '<title>', '标题']);

function chooseTitle(page: PageModel): TitleChoice {
  const cands = titleCandidates(page);
  const primary = cands[0] ? titleDisplay(cands[0].text) : null;
  const primaryExplicit = cands[0] !== undefined && EXPLICIT_SOURCES.has(cands[0].source);
  for (const c of cands) {
    const parsed = parseTitle(c.text);
    if (parsed) return { primary, parsed, source: c.source, primaryExplicit };
  }
  return { primary, parsed: null, source: null, primaryExplicit };
}

// ------------------------------------------------------------------ negative cases (§13.5)

/** Title-based negative cases: 解读 pages, the format notices, notices and letters. */
export function negativeTitleReason(title: string | null): string | null {
  if (!title) return null;
  const n = titleNorm(title);
  if (/一图读懂|图解|解读/.test(n)) return `标题为解读材料：${title}`;
  if (n.includes('报告格式')) return `标题为年报格式文件：${title}`;
  const core = n.replace(/[)\]】》"'.!]+$/g, '');
  if (/(通知|函)$/.test(core)) return `标题为通知或函：${title}`;
  return null;
}

/** A cell holding a number (after value normalisation). */
function isNumericCell(text: string): boolean {
  return normaliseValue(text).value !== null;
}

function tableHasNumber(table: SourceTable): boolean {
  return table.rows.some((r) => r.cells.some((c) => isNumericCell(c.text)));
}

// ------------------------------------------------------------------ detection

export function detectPage(page: PageModel): Detection {
  const scan = scanSignatures(page);
  const E4 = distinct(scan.both);
  const E2 = columnEvidence(page);
  const E3 = urlEvidence(page);
  const choice = chooseTitle(page);
  const E1 = choice.parsed !== null;
  const title = choice.parsed?.title ?? choice.primary;
  const year = choice.parsed?.year ?? null;
  const entity = choice.parsed?.entity ?? null;

  const signatures = { '2019': distinct(scan['2019']), '2021': distinct(scan['2021']) };
  let format: Format | null = null;
  if (signatures['2019'] > signatures['2021']) format = '2019';
  else if (signatures['2021'] > signatures['2019']) format = '2021';
  else if (signatures['2019'] > 0) format = year !== null && year <= 2020 ? '2019' : '2021';

  let legacy = false;
  if (format === null) {
    const old = legacySignatures(page);
    legacy = old.length >= 3 || (old.length >= 1 && year !== null && year <= 2018);
  }

  const evidence = { E1, E2, E3, E4 };
  const base = { evidence, title, year, entity, entityType: entityTypeOf(entity), format, legacy, signatures };
  const no = (reason: string): Detection => ({ detected: false, reason, ...base });

  // negative cases (§13.5): only the title counts, never sidebar words
  // (the page's own title — ArticleTitle, <title>, 标题 — counts even when E1 came from a heading)
  const neg = negativeTitleReason(title) ?? (choice.primaryExplicit ? negativeTitleReason(choice.primary) : null);
  if (neg) return no(neg);

  const hasArticleTitle = (metaValue(page, 'ArticleTitle') ?? '').trim() !== '';
  if (!hasArticleTitle && E4 < 3) {
    const reportLinks = new Set(page.links.filter((l) => parseTitle(l.text)).map((l) => titleNorm(l.text)));
    const titleIsLink = title !== null && reportLinks.has(titleNorm(title));
    // a short list whose 'title' is itself one of the report links is a list page too
    if ((reportLinks.size >= 3 && (!E1 || titleIsLink || reportLinks.size >= 5)) || (reportLinks.size >= 2 && titleIsLink)) {
      return no(`列表页：含${reportLinks.size}个年报链接，无文章标题`);
    }
  }

  if (!E1) {
    const sigTables = page.tables.filter((_, i) =>
      [...scan.both, ...scan['2019'], ...scan['2021']].some((h) => h.table === i),
    );
    if (sigTables.length > 0 && !sigTables.some(tableHasNumber)) return no('表格为空白样表（无任何数字），且标题不是年报标题');
  }

  if (!E1 && E4 < 3) {
    const why = title ? `标题不符合年报标题格式：${title}` : '未找到标题';
    return no(`${why}；表格特征${E4}个（少于3个）${E2 || E3 ? '；仅有栏目或网址线索' : ''}`);
  }

  const held = [
    E1 ? `E1 标题（${choice.source}）` : null,
    E2 ? 'E2 栏目' : null,
    E3 ? 'E3 网址' : null,
    E4 > 0 ? `E4 表格特征${E4}个` : null,
  ].filter(Boolean);
  return { detected: true, reason: held.join('，'), ...base };
}
