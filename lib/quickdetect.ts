/**
 * The cheap detector that runs on every government page (report-format.md §13): a few
 * string tests on the title and, only when the title says nothing, one pass over the
 * tables' text. It must never miss a page that the full detection (lib/detect.ts) would
 * audit, so it errs towards "likely": the full auditor, injected only then, decides.
 * It imports nothing: the content script that carries it stays a few hundred bytes.
 */

/** §13.2, loosened: a year, 信息公开 and 年报/年度报告 in that order. */
const TITLE = /(?:19|20)\d{2}\s*年.*?政\s*[府务]\s*信\s*息\s*公\s*开.*?年\s*(?:度\s*)?报/;
/** §13.5 negative titles: 解读, the format notices, notices and letters. */
const NEGATIVE = /解读|图解|一图读懂|报告格式|(?:通知|函)\s*[)）】》"”]*\s*$/;
/** "both" table signatures (§8), whitespace deleted. */
const SIGNATURES = ['勾稽关系', '申请人情况', '本年新收政府信息公开申请数量', '结转下年度继续办理', '未经复议直接起诉', '复议后起诉', '信息内容', '第二十条第'];
/** Legacy (§8.1) reports are detected too (FMT-LEGACY). */
const LEGACY = ['依申请公开', '申请公开', '行政复议'];

export type QuickVerdict = 'likely' | 'unlikely';

function titles(doc: Document): string[] {
  const out: string[] = [];
  const meta = doc.querySelector('meta[name="ArticleTitle" i]')?.getAttribute('content');
  if (meta) out.push(meta);
  if (doc.title) out.push(doc.title.split('_')[0] ?? doc.title);
  for (const el of Array.from(doc.querySelectorAll('h1, h2, .article_title, .title')).slice(0, 6)) {
    const t = el.textContent ?? '';
    if (t.length < 200) out.push(t);
  }
  return out;
}

/** Count the distinct report signatures in the tables (capped passes over their text). */
function tableSignatures(doc: Document): number {
  const tables = doc.getElementsByTagName('table');
  const seen = new Set<string>();
  for (let i = 0; i < tables.length && i < 200; i++) {
    const text = (tables[i]!.textContent ?? '').replace(/\s+/g, '');
    if (!text.includes('公开') && !text.includes('复议')) continue;
    for (const s of SIGNATURES) if (!seen.has(s) && text.includes(s)) seen.add(s);
    if (seen.size >= 3) return seen.size;
  }
  return seen.size;
}

/** Whether the page is probably an annual report (then the full auditor is injected). */
export function quickDetect(doc: Document): QuickVerdict {
  const ts = titles(doc);
  const own = ts[0] ?? '';
  if (own && NEGATIVE.test(own.replace(/\s+/g, ''))) return 'unlikely';
  for (const t of ts) {
    const n = t.replace(/\s+/g, '');
    if (TITLE.test(n) && !NEGATIVE.test(n)) {
      // the title alone does it, but a list page carries the same words in its title:
      // it also lacks ArticleTitle and has many report links; the full auditor decides
      return 'likely';
    }
  }
  if (tableSignatures(doc) >= 3) return 'likely';
  // legacy pages: a report-ish title without the 政府信息公开 words
  const legacyTitle = ts.some((t) => /年.*?信息公开.*?报告/.test(t.replace(/\s+/g, '')));
  if (legacyTitle && LEGACY.some((w) => (doc.body?.textContent ?? '').includes(w))) return 'likely';
  return 'unlikely';
}
