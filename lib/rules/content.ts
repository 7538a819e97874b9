/**
 * The content tier (rules.md: T2-GUIZHANG-LEVEL and §K's quality hints): regulations reported by
 * a body that cannot make them; what sections 一, 五 and 六 should say, conversion debris,
 * outdated phrases, broken enumerations, and a township speaking of 政协 proposals. A finding
 * about the text has empty `cells`; one about a sentence carries it as `text` (the extension
 * finds it on the page).
 *
 * The section a sentence lies in comes from lib/narrative.ts (the template section headings
 * found by lib/sections.ts). A section whose heading is missing is not assessable here:
 * TPL-SECTIONS reports it.
 *
 * PLAUS-T2-SEMANTICS (T2 figures that measure something else than their label) is a
 * semi-manual hint in rules.md and is not implemented.
 */
import type { AuditContext, Rule, RuleFinding } from '../types';
import { compact } from '../normalise';
import { anchorOf, chineseNumeral, narrativeSentences, shortQuote, type Sentence } from '../narrative';
import { defineRule } from './define';

const BOTH = ['2019', '2021'] as const;
const ONLY_2021 = ['2021'] as const;

/** The sentences of template section `n`, or null when its heading is not on the page. */
function section(ctx: AuditContext, n: number): Sentence[] | null {
  if (!ctx.sections.some((h) => h.section === n)) return null;
  return narrativeSentences(ctx).filter((s) => s.section === n);
}

const textOf = (sentences: readonly Sentence[]) => sentences.map((s) => s.text).join('。');

/** A section's body says nothing: empty, 无 (with brackets or a full stop), or under 10 characters. */
function saysNothing(body: string): boolean {
  const t = compact(body).replace(/[。.，,；;：:]/g, '');
  return t.length < 10 || /^[（(]?无[)）]?$/.test(t);
}

const quoteOf = (s: Sentence) => `“${shortQuote(s.text)}”`;

// ------------------------------------------------------------------ CONTENT-SEC1-COVERAGE

/** The topics of 总体情况 (2021 format text) and the words that show each is covered. */
export const SEC1_TOPICS: readonly { topic: string; words: RegExp }[] = [
  { topic: '主动公开', words: /主动公开/ },
  { topic: '依申请公开', words: /依申请|公开申请/ },
  { topic: '政府信息管理', words: /信息管理/ },
  { topic: '平台建设', words: /平台|网站|公开栏|公示栏|新媒体|公众号/ },
  { topic: '监督保障', words: /监督保障|考核|社会评议|责任追究|问责|督查/ },
];

const sec1Coverage = defineRule(
  {
    id: 'CONTENT-SEC1-COVERAGE',
    severity: 'info',
    formats: BOTH,
    tier: 'content',
    title: { zh: '总体情况未涵盖规定方面', en: 'Overview leaves out required topics' },
    description: {
      zh: '第一部分“总体情况”应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面；列出正文未提及的方面。',
      en: 'Section 一 (overview) should cover proactive disclosure, disclosure on request, information management, platforms, and oversight; lists the topics its text does not mention.',
    },
  },
  (ctx) => {
    const one = section(ctx, 1);
    if (one === null) return [];
    const text = textOf(one);
    const missing = SEC1_TOPICS.filter((t) => !t.words.test(text)).map((t) => t.topic);
    return missing.length === 0 ? [] : [{ cells: [], message: `总体情况未提及：${missing.join('、')}` }];
  },
);

// ------------------------------------------------------------------ CONTENT-SEC5-IMPROVE, CONTENT-SEC5-PREV

const IMPROVEMENT = /改进|措施|整改|下一步|(?:将|要)(?:进一步|继续|加强|完善|持续|认真|着力|加大)|进一步(?:加强|完善|提高|提升|加大)/;

const sec5Improve = defineRule(
  {
    id: 'CONTENT-SEC5-IMPROVE',
    severity: 'warning',
    formats: BOTH,
    tier: 'content',
    title: { zh: '存在问题未写改进措施', en: 'Problems listed without improvements' },
    description: {
      zh: '第五部分列出了存在的问题，但没有写改进措施或整改情况（如“改进”“措施”“整改”“下一步”“将进一步加强”）。',
      en: 'Section 五 lists problems but says nothing of how they are or will be remedied (改进, 措施, 整改, 下一步, 将进一步加强 …).',
    },
  },
  (ctx) => {
    const five = section(ctx, 5);
    if (five === null) return [];
    const text = textOf(five);
    if (saysNothing(text) || IMPROVEMENT.test(text)) return []; // an empty 五 is CONTENT-EMPTY-SECTION's
    return [{ cells: [], message: '第五部分只写了存在的问题，没有写改进措施或整改情况' }];
  },
);

const PREVIOUS_YEAR = /上一年度|上年度|去年|上年/;

const sec5Prev = defineRule(
  {
    id: 'CONTENT-SEC5-PREV',
    severity: 'info',
    formats: ONLY_2021,
    tier: 'content',
    title: { zh: '未说明上年度问题的整改情况', en: 'No word on last year’s problems' },
    description: {
      zh: '2021 年版格式的第五部分通常应说明上一年度报告所列问题的整改情况：没有一句话同时提到上一年度（上年度、去年）和问题或整改。',
      en: 'In the 2021 format, section 五 usually says how the problems of the previous report were rectified: no sentence names the previous year (上一年度, 上年度, 去年) together with 问题 or 整改.',
    },
  },
  (ctx) => {
    const five = section(ctx, 5);
    if (five === null || saysNothing(textOf(five))) return [];
    if (five.some((s) => PREVIOUS_YEAR.test(s.text) && /问题|整改/.test(s.text))) return [];
    return [{ cells: [], message: '第五部分没有说明上一年度报告所列问题的整改情况' }];
  },
);

// ------------------------------------------------------------------ CONTENT-SEC6-FEE, CONTENT-SEC6-MISPLACED

const sec6Fee = defineRule(
  {
    id: 'CONTENT-SEC6-FEE',
    severity: 'warning',
    formats: ONLY_2021,
    tier: 'content',
    title: { zh: '其他事项未报告信息处理费', en: 'Section 六 says nothing of processing fees' },
    description: {
      zh: '2021 年版格式要求在第六部分报告信息处理费的收取情况（未收取也应说明）；第六部分为“无”或未提及“信息处理费”。',
      en: 'The 2021 format wants section 六 to report the information processing fees charged (or that none were); section 六 is 无 or does not mention 信息处理费.',
    },
  },
  (ctx) => {
    const six = section(ctx, 6);
    if (six === null || /信息处理费/.test(textOf(six))) return [];
    return [{ cells: [], message: six.length === 0 || saysNothing(textOf(six)) ? '第六部分为“无”，未说明信息处理费的收取情况' : '第六部分未提及信息处理费的收取情况' }];
  },
);

const sec6Misplaced = defineRule(
  {
    id: 'CONTENT-SEC6-MISPLACED',
    severity: 'info',
    formats: BOTH,
    tier: 'content',
    title: { zh: '下一年度工作安排写在其他事项中', en: 'Next year’s plan in section 六' },
    description: {
      zh: '第六部分“其他需要报告的事项”写了下一年度的工作打算（“某年……将”“下一步”），这类内容应写在第五部分的改进情况中。',
      en: 'Section 六 (other matters) holds next year’s work plan (“<Y+1>年…将”, 下一步), which belongs with the improvements of section 五.',
    },
  },
  (ctx) => {
    const six = section(ctx, 6);
    if (six === null) return [];
    const next = ctx.year === null ? null : new RegExp(`${ctx.year + 1}\\s*年.*将`);
    const s = six.find((x) => /下一步/.test(x.text) || (next !== null && next.test(x.text)));
    return s ? [{ cells: [], message: `第六部分写了下一年度的工作安排：${quoteOf(s)}`, text: anchorOf(s) }] : [];
  },
);

// ------------------------------------------------------------------ CONTENT-EMPTY-SECTION

const emptySection = defineRule(
  {
    id: 'CONTENT-EMPTY-SECTION',
    severity: 'warning',
    formats: BOTH,
    tier: 'content',
    title: { zh: '部分内容为空', en: 'Section without content' },
    description: {
      zh: '第五部分为空、只写“无”或不足 10 个字；或第六部分没有任何文字（第六部分写“无”是明确的否定回答，不在此列）。',
      en: 'Section 五 is empty, just 无, or under 10 characters; or section 六 has no text at all (无 in 六 is an explicit nil and passes).',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    const five = section(ctx, 5);
    if (five !== null && saysNothing(textOf(five))) {
      const said = compact(textOf(five));
      out.push({ cells: [], message: said === '' ? '第五部分“存在的主要问题及改进情况”没有内容' : `第五部分“存在的主要问题及改进情况”只有“${said}”` });
    }
    const six = section(ctx, 6);
    if (six !== null && compact(textOf(six)).replace(/[。.]/g, '') === '') out.push({ cells: [], message: '第六部分“其他需要报告的事项”没有任何文字（没有事项应写“无”）' });
    return out;
  },
);

// ------------------------------------------------------------------ CONTENT-ARTIFACT

/** Conversion debris (rules.md CONTENT-ARTIFACT): one finding per kind found. */
const ARTIFACTS: readonly { kind: string; match: (text: string) => string | null; inCells: boolean }[] = [
  { kind: 'Word 书签标记', match: (t) => /\[bookmark:[^\]]*\]/i.exec(t)?.[0] ?? null, inCells: true },
  // a single cell of dashes is a placeholder (VAL-PLACEHOLDER-SYMBOL's matter), not a line
  { kind: '分隔线', match: (t) => (/^[\s\-－—–]*-{3,}[\s\-－—–]*$/.test(t) ? t.trim().replace(/\s+/g, ' ') : null), inCells: false },
  { kind: 'Word 条件注释', match: (t) => /<!--\[if[^\]]*\](?:-->|>)|<!(?:--)?\[endif\]-->/i.exec(t)?.[0] ?? null, inCells: true },
  { kind: '未解析的 &nbsp;', match: (t) => /&nbsp;?/i.exec(t)?.[0] ?? null, inCells: true },
];

const artifact = defineRule(
  {
    id: 'CONTENT-ARTIFACT',
    severity: 'info',
    formats: BOTH,
    tier: 'content',
    title: { zh: '页面含格式转换残留', en: 'Conversion debris in the page' },
    description: {
      zh: '正文或表格中留有文档转换的残留：“[bookmark: …]”书签标记、“------”分隔线、Word 条件注释“<!--[if …]-->”、字面的“&nbsp;”。每种残留报告一次。',
      en: 'The text or the tables hold conversion debris: [bookmark: …] marks, lines of ---, Word conditional comments <!--[if …]-->, a literal &nbsp;. One finding per kind.',
    },
  },
  (ctx) => {
    // the lines of the text blocks and the debris rows the mapping set aside, then the table cells
    const lines: string[] = [];
    for (const b of ctx.page.blocks) if (b.kind === 'text') lines.push(...b.text.split('\n'));
    for (const m of Object.values(ctx.tables)) for (const a of m.artifacts) lines.push(a.replace(/\|/g, ' '));
    const cells = ctx.page.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text)));
    const out: RuleFinding[] = [];
    for (const a of ARTIFACTS) {
      let hit: string | null = null;
      for (const t of a.inCells ? [...lines, ...cells] : lines) if ((hit = a.match(t)) !== null) break;
      if (hit !== null) out.push({ cells: [], message: `页面含${a.kind}：“${shortQuote(hit)}”` });
    }
    return out;
  },
);

// ------------------------------------------------------------------ CONTENT-BOILERPLATE

/** Outdated or generic phrases: rules.md CONTENT-BOILERPLATE's list, the default of AuditSettings.boilerplatePhrases. */
export const BOILERPLATE_PHRASES: readonly string[] = ['一项全新工作', '刚刚起步', '科学发展观为指导'];

const boilerplate = defineRule(
  {
    id: 'CONTENT-BOILERPLATE',
    severity: 'info',
    formats: BOTH,
    tier: 'content',
    title: { zh: '正文含过时或套话表述', en: 'Outdated or generic phrases' },
    description: {
      zh: `正文使用了过时或套用的表述（默认列表：${BOILERPLATE_PHRASES.map((p) => `“${p}”`).join('、')}，可在审计设置中更改），多为沿用多年前的报告。`,
      en: `The text uses outdated or generic phrases (by default ${BOILERPLATE_PHRASES.join(', ')}; the audit settings can change the list), usually carried over from reports of years ago.`,
    },
  },
  (ctx) => {
    const found: string[] = [];
    let first: Sentence | null = null;
    for (const s of narrativeSentences(ctx)) {
      for (const p of ctx.settings.boilerplatePhrases) {
        if (!found.includes(p) && compact(s.text).includes(p)) {
          found.push(p);
          first ??= s;
        }
      }
    }
    if (first === null) return [];
    return [{ cells: [], message: `正文含过时或套话表述：${found.map((p) => `“${p}”`).join('、')}`, text: anchorOf(first) }];
  },
);

// ------------------------------------------------------------------ CONTENT-ORDINAL

/** `一是` … `十二是` after a start, a punctuation mark or a space (not the 一 of 统一是). */
const CN_ORDINAL = /(?:^|[，。；：、,;:\s“"（(])([一二三四五六七八九十]{1,3})是/g;
/** A numbered paragraph: `1、`, `2．`. */
const ARABIC_ITEM = /^\s*(\d{1,2})[、.．](?!\d)/;
/** A top-level heading of any kind (`二、强化组织领导`): it opens a new enumeration scope. */
const TOP_HEADING = /^\s*[一二三四五六七八九十]{1,3}、/;

interface Ordinal {
  n: number;
  label: string;
  sentence: Sentence;
}

/** The first place where a sequence does not step by one (restarting at 1 is allowed). */
function firstBreak(seq: readonly Ordinal[]): [Ordinal, Ordinal] | null {
  for (let i = 1; i < seq.length; i++) {
    const prev = seq[i - 1]!;
    const cur = seq[i]!;
    if (cur.n !== prev.n + 1 && cur.n !== 1) return [prev, cur];
  }
  return null;
}

const ordinal = defineRule(
  {
    id: 'CONTENT-ORDINAL',
    severity: 'info',
    formats: BOTH,
    tier: 'content',
    title: { zh: '列举序号不连续', en: 'Broken enumeration' },
    description: {
      zh: '同一部分内“一是、二是……”或段首“1、2、……”的序号应逐一递增（从“一是”或“1”重新开始可以）；出现重复或跳号。',
      en: 'Within a section, 一是/二是/… (or paragraphs numbered 1、2、…) should step by one (restarting at one is fine); one repeats or skips.',
    },
  },
  (ctx) => {
    const out: RuleFinding[] = [];
    let cn: Ordinal[] = [];
    let arabic: Ordinal[] = [];
    const flush = () => {
      for (const seq of [cn, arabic]) {
        const hit = firstBreak(seq);
        if (hit) {
          const [a, b] = hit;
          out.push({ cells: [], message: `列举序号不连续：“${a.label}”之后是“${b.label}”（${quoteOf(b.sentence)}）`, text: anchorOf(b.sentence) });
        }
      }
      cn = [];
      arabic = [];
    };
    let section = -1;
    let para = -1;
    for (const s of narrativeSentences(ctx)) {
      const newPara = s.para !== para;
      if (s.section !== section || (newPara && TOP_HEADING.test(s.text))) flush();
      section = s.section;
      para = s.para;
      if (newPara) {
        const m = ARABIC_ITEM.exec(s.text);
        if (m) arabic.push({ n: Number(m[1]), label: `${m[1]}、`, sentence: s });
      }
      for (const m of s.text.matchAll(CN_ORDINAL)) {
        const n = chineseNumeral(m[1]!);
        if (n !== null && n > 0) cn.push({ n, label: `${m[1]}是`, sentence: s });
      }
    }
    flush();
    return out;
  },
);

// ------------------------------------------------------------------ T2-GUIZHANG-LEVEL

/**
 * The body is below the level that makes 规章: a township, or a 县/旗 (or a district of a city)
 * government or department. Null when the level cannot be told from the name (rules.md: not assessable).
 */
export function belowRuleMakingLevel(ctx: AuditContext): boolean | null {
  if (ctx.detection.entityType === 'township') return true;
  const e = compact(ctx.detection.entity ?? '');
  if (e === '') return null;
  if (/自治区|省|直辖市/.test(e) && !/[县旗]/.test(e)) return false;
  if (/[县旗]/.test(e) || /市.+区/.test(e)) return true;
  return null;
}

const guizhangLevel = defineRule(
  {
    id: 'T2-GUIZHANG-LEVEL',
    severity: 'warning',
    formats: BOTH,
    tier: 'content',
    title: { zh: '无规章制定权的机关填报了规章', en: 'Regulations reported by a body that cannot make them' },
    description: {
      zh: '只有国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府可以制定规章；乡镇、县（旗）和市辖区的政府及其部门在表二“规章”一行填了大于 0 的数。',
      en: 'Only State Council departments and the governments of provinces, autonomous regions, municipalities, cities with districts and autonomous prefectures make 规章; a township, county or district body reports regulations above 0 in table 二.',
    },
  },
  (ctx) => {
    if (belowRuleMakingLevel(ctx) !== true) return [];
    const cells = [...ctx.cells.entries()].filter(([id, c]) => id.startsWith('T2:regulations:') && c.value !== null && c.value > 0).map(([id]) => id);
    if (cells.length === 0) return [];
    return [{ cells, message: `${ctx.detection.entity ?? '本机关'}不具有规章制定权，表二“规章”却填报了 ${cells.map((id) => ctx.cells.get(id)!.value).join('、')}` }];
  },
);

// ------------------------------------------------------------------ PLAUS-TOWNSHIP-CPPCC

const townshipCppcc = defineRule(
  {
    id: 'PLAUS-TOWNSHIP-CPPCC',
    severity: 'info',
    formats: BOTH,
    tier: 'content',
    title: { zh: '乡镇报告提及政协提案', en: 'Township report speaks of 政协 proposals' },
    description: {
      zh: '政协只设在县级及以上，乡镇、街道的报告提到“政协”（如“办理政协提案”）多为套用上级报告或表述不准确。',
      en: 'A 政协 (CPPCC) exists only at county level and above; a township or street report mentioning 政协 usually copied a higher body’s text or misnames what it handled.',
    },
  },
  (ctx) => {
    if (ctx.detection.entityType !== 'township') return [];
    const s = narrativeSentences(ctx).find((x) => x.text.includes('政协'));
    return s ? [{ cells: [], message: `乡镇报告提及政协：${quoteOf(s)}`, text: anchorOf(s) }] : [];
  },
);

export const rules: Rule[] = [guizhangLevel, sec1Coverage, sec5Improve, sec5Prev, sec6Fee, sec6Misplaced, emptySection, artifact, boilerplate, ordinal, townshipCppcc];
