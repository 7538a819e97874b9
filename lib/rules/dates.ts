/**
 * I. Year, date and entity (rules.md §I): the report year in the title and elsewhere, the
 * statistics-period sentence, malformed year phrases, the signature date, the 第四十九条
 * deadline, dates before the year ended, and the body's name across title, signature and
 * site metadata. Inputs: `ctx.detection` (title, year, entity, entity type), `ctx.sections`,
 * `ctx.narrative`, `ctx.pubDate` and `ctx.signature` (lib/sections.ts).
 */
import type { AuditContext, Rule, RuleFinding } from '../types';
import { defineRule } from './define';
import { compact } from '../normalise';
import { isAttachmentOnly } from './suppress';
import { matchHeading } from '../sections';

const BOTH = ['2019', '2021'] as const;

/** Shorten page text quoted in a message. */
function quote(text: string, max = 40): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Whitespace deleted (`2020 年`), full-width digits folded; punctuation kept as written (for quoting). */
export function squash(text: string): string {
  return text
    .replace(/[\s\u00a0\u3000\u2000-\u200b\ufeff]/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** `2021-01-25` → `2021年1月25日`. */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(y)}年${Number(m)}月${Number(d)}日`;
}

/** Narrative split into sentences (at 。！？；, and line breaks). */
function sentences(ctx: AuditContext): string[] {
  return ctx.narrative
    .flatMap((t) => t.split(/[。！？!?；;\n]/))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Text blocks of a template section (heading excluded), up to the next section heading. */
function sectionTexts(ctx: AuditContext, section: number): string[] {
  const own = [...ctx.sections].filter((h) => h.section === section).sort((a, b) => a.block - b.block)[0];
  if (!own) return [];
  let end = ctx.page.blocks.length;
  for (const h of ctx.sections) if (h.block > own.block && h.block < end) end = h.block;
  const out: string[] = [];
  // a heading run into its first paragraph: the rest of its block comes first
  const headBlock = ctx.page.blocks[own.block];
  if (headBlock?.kind === 'text') {
    const rest = matchHeading(headBlock.text)?.rest;
    if (rest) out.push(rest);
  }
  for (let i = own.block + 1; i < end; i++) {
    const b = ctx.page.blocks[i];
    if (b?.kind === 'text') out.push(b.text);
  }
  return out;
}

// ------------------------------------------------------------------ YEAR-TITLE

const yearTitle = defineRule(
  {
    id: 'YEAR-TITLE',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '标题未写明报告年度', en: 'Title does not state the report year' },
    description: {
      zh: '从页面标题（ArticleTitle、<title>、文章标题或文本首行）中按年报标题格式读不出报告年度。',
      en: 'The report year cannot be read from the title sources (ArticleTitle, <title>, the article heading or the first lines of a text) with the report title pattern.',
    },
  },
  (ctx) => {
    if (ctx.year !== null) return [];
    const t = ctx.detection.title;
    return [{ cells: [], message: t ? `标题“${quote(t, 60)}”中未写明报告年度` : '未找到报告标题，无法确定报告年度' }];
  },
);

// ------------------------------------------------------------------ YEAR-CONSISTENT

/** A table caption with a year: `2019年主动公开政府信息情况表`. */
const CAPTION = /^((?:19|20)\d{2})年度?[^。，,；;]{2,40}表$/;
/** A date with a year inside a period sentence: `2020年1月1日`, `2020-01-01`. */
const PERIOD_DATE = /((?:19|20)\d{2})(?:年\d{1,2}月|[-/.]\d{1,2}[-/.]\d)/g;
const PERIOD_KEY = /统计(?:期限|时间|周期|区间)/;

/** Year-bearing table captions: the text right before a table, or a table's single-cell first row. */
function captions(ctx: AuditContext): string[] {
  const out: string[] = [];
  ctx.page.blocks.forEach((b, i) => {
    if (b.kind !== 'table') return;
    const prev = ctx.page.blocks[i - 1];
    if (prev?.kind === 'text' && CAPTION.test(squash(prev.text))) out.push(prev.text.trim());
    const first = ctx.page.tables[b.table]?.rows[0]?.cells.filter((c) => squash(c.text) !== '');
    if (first?.length === 1 && CAPTION.test(squash(first[0]!.text))) out.push(first[0]!.text.trim());
  });
  return out;
}

/** The statistics-period clauses: from the keyword to the end of its sentence. */
function periodClauses(ctx: AuditContext): string[] {
  const out: string[] = [];
  for (const s of sentences(ctx)) {
    const c = squash(s);
    const k = PERIOD_KEY.exec(c);
    if (k) out.push(c.slice(k.index));
  }
  return out;
}

const yearConsistent = defineRule(
  {
    id: 'YEAR-CONSISTENT',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '正文中的报告年度与标题不一致', en: 'Report year stated inconsistently' },
    description: {
      zh: '表格标题（如“2019年主动公开政府信息情况表”）、统计期限（Y年1月1日至12月31日）以及“总体情况”第一句开头的年份都应等于标题年度Y；工作计划中的Y+1年和对比中的Y−1年不受此限。每处不一致报告一次。',
      en: 'Years in table captions (2019年主动公开政府信息情况表), in the statistics-period sentence (Y-01-01 … Y-12-31) and a leading YYYY年 in the first sentence of section 一 must equal the title year Y; Y+1 in plans and Y−1 in comparisons are allowed. One finding per mismatch.',
    },
  },
  (ctx) => {
    const y = ctx.year;
    if (y === null) return [];
    const out: RuleFinding[] = [];
    for (const cap of captions(ctx)) {
      const found = Number(CAPTION.exec(squash(cap))![1]);
      if (found !== y) out.push({ cells: [], expected: y, actual: found, message: `表格标题“${quote(cap)}”中的年度为${found}年，与报告年度${y}年不符` });
    }
    for (const clause of periodClauses(ctx)) {
      const years = [...clause.matchAll(PERIOD_DATE)].map((m) => Number(m[1]));
      const wrong = years.find((v) => v !== y);
      if (wrong !== undefined) {
        out.push({ cells: [], expected: y, actual: wrong, message: `统计期限说明“${quote(clause, 50)}”中的年度为${wrong}年，与报告年度${y}年不符` });
      }
    }
    const first = sectionTexts(ctx, 1).find((t) => squash(t) !== '');
    if (first) {
      const sentence = squash(first).split(/[。！？!?；;]/)[0] ?? '';
      const m = /^((?:19|20)\d{2})年/.exec(sentence);
      if (m && Number(m[1]) !== y) {
        const found = Number(m[1]);
        out.push({ cells: [], expected: y, actual: found, message: `“总体情况”第一句“${quote(sentence, 30)}”以${found}年开头，与报告年度${y}年不符` });
      }
    }
    return out;
  },
);

// ------------------------------------------------------------------ YEAR-PERIOD

const PERIOD_DATE_ANY = /(?:19|20)\d{2}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-/.]\d{1,2}/;

/** The narrative has a statistics-period sentence with dates. */
export function hasPeriodSentence(ctx: AuditContext): boolean {
  return sentences(ctx).some((s) => /统计期限|统计时间|统计周期/.test(squash(s)) && PERIOD_DATE_ANY.test(s));
}

const yearPeriod = defineRule(
  {
    id: 'YEAR-PERIOD',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '未说明数据统计期限', en: 'No statistics-period sentence' },
    description: {
      zh: '报告没有“本报告中所列数据的统计期限自Y年1月1日至12月31日”之类带日期的统计期限说明。这是惯例写法，尚未查到强制要求，故仅作提示。',
      en: 'The report has no statistics-period sentence with dates (本报告中所列数据的统计期限自Y年1月1日至12月31日 or similar). Customary rather than proven mandatory, hence info.',
    },
  },
  (ctx) => {
    if (isAttachmentOnly(ctx) || hasPeriodSentence(ctx)) return [];
    return [{ cells: [], message: '报告未说明数据的统计期限（如“本报告中所列数据的统计期限自1月1日至12月31日”）' }];
  },
);

// ------------------------------------------------------------------ YEAR-TYPO

/**
 * Malformed year phrases: `2019度` (年 missing) and `2019年年` (年 doubled). Correct phrases
 * with a second 年 are not matched: `2019年年度`, `2019年年报` (annual report), `2019年年底`,
 * `年初`, `年中`, `年末`, `年内`, `年终`.
 */
const YEAR_TYPOS = [/(?<!\d)(?:19|20)\d{2}度/g, /(?<!\d)(?:19|20)\d{2}年年(?![度报底初中末内终])/g];

const yearTypo = defineRule(
  {
    id: 'YEAR-TYPO',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '年份写法有误', en: 'Malformed year phrase' },
    description: {
      zh: '正文中出现“2019度”（缺“年”字）或“2019年年”（“年”字重复）这类年份笔误。每种写法报告一次。',
      en: 'The narrative contains a malformed year phrase such as 2019度 (年 missing) or 2019年年 (年 doubled). One finding per distinct phrase.',
    },
  },
  (ctx) => {
    const seen = new Map<string, string>();
    for (const text of ctx.narrative) {
      const c = squash(text);
      for (const re of YEAR_TYPOS) {
        for (const m of c.matchAll(re)) {
          if (seen.has(m[0])) continue;
          const context = c.slice(m.index!, m.index! + m[0].length + 3);
          seen.set(m[0], context);
        }
      }
    }
    return [...seen.entries()].map(([phrase, context]) => {
      const year = phrase.slice(0, 4);
      const hint = phrase.endsWith('度') ? `应为“${year}年度”或“${year}年”` : `“年”字重复，应为“${year}年”`;
      return { cells: [], message: `正文“${context}”中年份写法有误：${hint}` };
    });
  },
);

// ------------------------------------------------------------------ DATE-SIGN

const dateSign = defineRule(
  {
    id: 'DATE-SIGN',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '落款日期缺失或不合理', en: 'Signature date missing or implausible' },
    description: {
      zh: '报告末尾既无落款日期、页面也无发布日期时提示；落款日期不是有效日期（如“2021年13月”）、晚于发布日期或晚于Y+1年12月31日时警告。（落款日期在Y年12月31日及以前的情况由 DATE-PUB-BEFORE-END 报告。）',
      en: 'Info when the report has no signature date and the page no publication date (PubDate, 发布日期/发布时间); warning when the signature date is invalid (2021年13月), later than the publication date, or after Y+1-12-31. (A date on or before Y-12-31 is DATE-PUB-BEFORE-END.)',
    },
  },
  (ctx) => {
    const sig = ctx.signature;
    const hasSigDate = !!sig && (sig.date !== null || sig.rawDate !== null);
    if (!hasSigDate) {
      if (ctx.pubDate) return [];
      return [{ severity: 'info', cells: [], message: '报告末尾没有落款日期，页面上也没有发布日期，无法判断发布时间' }];
    }
    const out: RuleFinding[] = [];
    const raw = sig.rawDate ?? sig.date ?? '';
    if (sig.date === null) {
      out.push({ cells: [], message: `落款日期“${raw}”不是有效日期` });
      return out;
    }
    if (ctx.pubDate && sig.date > ctx.pubDate) {
      out.push({ cells: [], message: `落款日期“${raw}”晚于页面发布日期${cnDate(ctx.pubDate)}` });
    }
    if (ctx.year !== null && sig.date > `${ctx.year + 1}-12-31`) {
      out.push({ cells: [], message: `落款日期“${raw}”晚于${ctx.year + 1}年12月31日，与${ctx.year}年度报告不符` });
    }
    return out;
  },
);

// ------------------------------------------------------------------ DATE-DEADLINE

/** `MM-DD` setting → valid month-day, else the default 03-31. */
function monthDay(setting: string): string {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(setting.trim());
  if (!m) return '03-31';
  const mm = Number(m[1]);
  const dd = Number(m[2]);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return '03-31';
  return `${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** The publication deadline of a report for year Y (第四十九条; township: configurable). */
export function deadlineOf(ctx: AuditContext): { date: string; who: string } | null {
  const y = ctx.year;
  if (y === null) return null;
  switch (ctx.detection.entityType) {
    case 'department':
      return { date: `${y + 1}-01-31`, who: '县级以上人民政府部门' };
    case 'government':
      return { date: `${y + 1}-03-31`, who: '本级人民政府' };
    case 'township':
      return { date: `${y + 1}-${monthDay(ctx.settings.townshipDeadline)}`, who: '乡镇人民政府、街道办事处' };
    default:
      return null;
  }
}

const dateDeadline = defineRule(
  {
    id: 'DATE-DEADLINE',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '晚于法定期限发布', en: 'Published after the deadline' },
    description: {
      zh: '发布日期（PubDate，其次“发布日期/发布时间”，再次落款日期）晚于《政府信息公开条例》第四十九条的期限：部门为Y+1年1月31日，本级政府为Y+1年3月31日，乡镇、街道按设置（默认Y+1年3月31日）。无日期或主体类型不明时不评估。',
      en: 'The publication date (PubDate, else 发布日期/发布时间, else the signature date) is later than the 条例 第四十九条 deadline: departments Y+1-01-31, 本级 governments Y+1-03-31, townships configurable (default Y+1-03-31). Not assessable without a date or with an unknown entity type.',
    },
  },
  (ctx) => {
    const date = ctx.pubDate ?? ctx.signature?.date ?? null;
    const deadline = deadlineOf(ctx);
    if (!date || !deadline || date <= deadline.date) return [];
    const which = ctx.pubDate ? '发布日期' : '落款日期';
    return [
      {
        cells: [],
        message: `${which}${cnDate(date)}晚于${ctx.year}年度报告的发布期限${cnDate(deadline.date)}（${deadline.who}）`,
      },
    ];
  },
);

// ------------------------------------------------------------------ DATE-PUB-BEFORE-END

const datePubBeforeEnd = defineRule(
  {
    id: 'DATE-PUB-BEFORE-END',
    severity: 'error',
    formats: BOTH,
    tier: 'core',
    title: { zh: '报告日期早于年度结束', en: 'Report dated before its year ended' },
    description: {
      zh: '发布日期或落款日期不晚于报告年度的12月31日：年度尚未结束，报告不可能完整，通常是年度写错或日期写错。',
      en: 'The publication date or the signature date is on or before Y-12-31: the year had not ended, so the report cannot be complete; usually a wrong year or a wrong date.',
    },
  },
  (ctx) => {
    const y = ctx.year;
    if (y === null) return [];
    const end = `${y}-12-31`;
    const parts: string[] = [];
    if (ctx.pubDate && ctx.pubDate <= end) parts.push(`发布日期${cnDate(ctx.pubDate)}`);
    const sd = ctx.signature?.date;
    if (sd && sd <= end) parts.push(`落款日期${ctx.signature?.rawDate ?? cnDate(sd)}`);
    if (parts.length === 0) return [];
    return [{ cells: [], message: `${parts.join('、')}不晚于${y}年12月31日，早于报告年度结束` }];
  },
);

// ------------------------------------------------------------------ ENTITY-CONSISTENT

const ENTITY_SUFFIX = /(人民政府|政府|党工委管委会|管委会|管理委员会|办公室)$/;

/** The core name of a body: its name minus 人民政府/政府/管委会/办公室 suffixes. */
export function coreName(name: string): string {
  let c = compact(name);
  for (;;) {
    const next = c.replace(ENTITY_SUFFIX, '');
    if (next === c || next.length < 2) return c;
    c = next;
  }
}

/** Whether two names plausibly name the same body (or the site of a body the entity belongs to). */
export function sameBody(entity: string, other: string): boolean {
  const core = coreName(entity);
  const o = compact(other);
  if (o.includes(core)) return true;
  const oc = coreName(other);
  return oc.length >= 2 && compact(entity).includes(oc);
}

const entityConsistent = defineRule(
  {
    id: 'ENTITY-CONSISTENT',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '标题、落款与网站信息中的主体不一致', en: 'Body named inconsistently' },
    description: {
      zh: '标题中的主体名称（去掉“人民政府”“管委会”“办公室”等后缀）应出现在落款单位，以及页面的 SiteName、ContentSource、发布机构中（有则比较）。每处不一致报告一次；无可比较的信息时不评估。',
      en: 'The core name of the title\'s body (minus 人民政府/管委会/办公室 suffixes) must be contained in the signature and in SiteName/ContentSource/发布机构 where present. One finding per mismatch; not assessable when there is nothing to compare with.',
    },
  },
  (ctx) => {
    const entity = ctx.detection.entity;
    if (!entity) return [];
    const others: { what: string; name: string }[] = [];
    if (ctx.signature?.entity) others.push({ what: '落款单位', name: ctx.signature.entity });
    for (const [k, v] of Object.entries(ctx.page.meta)) {
      const key = k.toLowerCase();
      if (!v.trim()) continue;
      if (key === 'sitename') others.push({ what: '网站名称（SiteName）', name: v.trim() });
      else if (key === 'contentsource') others.push({ what: '信息来源（ContentSource）', name: v.trim() });
    }
    const publisher = ctx.page.dumpFields['发布机构'];
    if (publisher?.trim()) others.push({ what: '发布机构', name: publisher.trim() });
    const out: RuleFinding[] = [];
    for (const o of others) {
      if (sameBody(entity, o.name)) continue;
      out.push({ cells: [], message: `标题中的主体“${entity}”与${o.what}“${quote(o.name)}”不一致` });
    }
    return out;
  },
);

export const rules: Rule[] = [
  yearTitle,
  yearConsistent,
  yearPeriod,
  yearTypo,
  dateSign,
  dateDeadline,
  datePubBeforeEnd,
  entityConsistent,
];
