/**
 * Label normalisation and matching (report-format.md §10).
 */
import { WS_CLASS } from './value';

const WS = new RegExp(`[${WS_CLASS}]`, 'g');
const WS_RUN = new RegExp(`[${WS_CLASS}]+`, 'g');

/** Traditional → simplified for the template vocabulary only (§10 step 7). */
const TRAD: Record<string, string> = {
  總: '总', 計: '计', 統: '统', 處: '处', 機: '机', 構: '构', 關: '关', 資: '资', 訊: '讯', 開: '开', 請: '请',
  數: '数', 結: '结', 務: '务', 類: '类', 現: '现', 項: '项', 規: '规', 範: '范', 許: '许', 複: '复', 議: '议',
  訟: '讼', 審: '审', 維: '维', 糾: '纠', 門: '门', 業: '业', 組: '组', 織: '织', 護: '护', 權: '权', 險: '险',
  過: '过', 內: '内', 據: '据', 費: '费', 採: '采', 購: '购', 額: '额', 製: '制', 發: '发', 廢: '废', 屬: '属',
  國: '国', 禁: '禁', 這: '这', 並: '并', 報: '报', 書: '书', 應: '应', 與: '与', 來: '来', 為: '为', 無: '无',
  從: '从', 單: '单', 實: '实', 體: '体', 別: '别', 經: '经', 補: '补', 確: '确', 認: '认', 舉: '举', 訴: '诉',
  訪: '访', 稱: '称', 獲: '获', 專: '专', 況: '况', 區: '区', 級: '级', 縣: '县', 鄉: '乡', 鎮: '镇',
  強: '强', 収: '收', 証: '证', 證: '证', 則: '则', 後: '后', 讓: '让', 會: '会', 學: '学', 濟: '济', 環: '环',
};
const TRAD_RE = new RegExp(`[${Object.keys(TRAD).join('')}]`, 'g');

/**
 * A Map that forgets everything once it holds `limit` entries: a memo for pure functions of
 * strings that stays bounded however many distinct strings a page (or a long session of
 * audits in one content script) passes through it.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): V {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/** Texts longer than this are normalised without the memo (one-off paragraphs, not labels or values). */
const MEMO_MAX_LENGTH = 200;
const labelMemo = new BoundedMemo<string>(20_000);

function normaliseLabelUncached(text: string): string {
  let s = text.normalize('NFKC').replace(WS, '');
  s = s.replace(/[“”＂「」]/g, '"').replace(/[‘’]/g, "'");
  s = s.replace(/^(\d{1,2})[、．.](?!\d)/, '$1.');
  s = s.replace(/[:。]+$/, '');
  s = s.replace(TRAD_RE, (ch) => TRAD[ch] ?? ch);
  return s;
}

/**
 * Normalise a label for matching: NFKC, whitespace deleted, quotes and list markers
 * unified, trailing `:`/`。` stripped, template vocabulary folded to simplified.
 * Memoised: a page repeats the same few cell texts (`0`, `1`, the template labels) many times.
 */
export function normaliseLabel(text: string): string {
  if (text.length > MEMO_MAX_LENGTH) return normaliseLabelUncached(text);
  return labelMemo.get(text) ?? labelMemo.set(text, normaliseLabelUncached(text));
}

/** The cell's normalised label text, computed once per cell and cached on it. */
export function cellNorm(cell: { text: string; norm?: string }): string {
  if (cell.norm === undefined) cell.norm = normaliseLabel(cell.text);
  return cell.norm;
}

/** Display form: whitespace runs collapsed to one space, trimmed. */
export function displayText(text: string): string {
  return text.replace(WS_RUN, ' ').trim();
}

/** Text with every whitespace character deleted (NFKC applied). */
export function compact(text: string): string {
  return text.normalize('NFKC').replace(WS, '');
}

/** Levenshtein distance with an early exit above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Whitelist of known wrong words (normalised form → canonical), §9. */
export const LABEL_WHITELIST: readonly { wrong: string; right: string; meaningChanged: boolean }[] = [
  { wrong: '住房举报', right: '信访举报', meaningChanged: true },
  { wrong: '集中收购', right: '集中采购', meaningChanged: true },
  { wrong: '只记', right: '只计', meaningChanged: false },
  { wrong: '本年度新收', right: '本年新收', meaningChanged: false },
  { wrong: '逾期未缴费', right: '逾期未按收费通知要求缴纳费用', meaningChanged: false },
];

export type LabelMatch =
  | { kind: 'exact' }
  | { kind: 'whitelist'; meaningChanged: boolean }
  | { kind: 'fuzzy'; distance: number }
  | { kind: 'none' };

const NON_CJK = /[^\u3400-\u9fff]/g;
/** The label's Chinese characters only. */
export function cjkSkeleton(label: string): string {
  return label.replace(NON_CJK, '');
}

const HAS_CJK = /[\u3400-\u9fff]/;
const EXACT: LabelMatch = Object.freeze({ kind: 'exact' });
const NONE: LabelMatch = Object.freeze({ kind: 'none' });
const matchMemo = new BoundedMemo<LabelMatch>(50_000);
const cjkLengthMemo = new BoundedMemo<number>(5_000);
/** The shortcut below relies on every whitelisted wrong word holding a Chinese character. */
const WHITELIST_CJK = LABEL_WHITELIST.every((w) => HAS_CJK.test(w.wrong));

function cjkLength(label: string): number {
  return cjkLengthMemo.get(label) ?? cjkLengthMemo.set(label, cjkSkeleton(label).length);
}

/**
 * Match a normalised page label against a normalised template label:
 * exact → whitelist → edit distance ≤ 2 (≤ 1 under 6 characters).
 * Positional matching is the caller's (it knows where the row sits).
 *
 * Memoised per (found, expected): the mapper tries every page label against every template
 * label of a table, and a page repeats its labels (split tables, repeated headers). The
 * results are frozen, shared objects.
 */
export function matchLabel(found: string, expected: string): LabelMatch {
  if (found === expected) return EXACT;
  const max = expected.length < 6 ? 1 : 2;
  // a text without Chinese characters (a number, a placeholder) is at least one edit per
  // Chinese character away from the label, carries no whitelisted word and has no skeleton:
  // no match, decided without the edit distance
  if (WHITELIST_CJK && !HAS_CJK.test(found) && cjkLength(expected) > max) return NONE;
  if (found.length + expected.length > MEMO_MAX_LENGTH) return matchLabelUncached(found, expected, max);
  const key = `${found}\u0000${expected}`;
  return matchMemo.get(key) ?? matchMemo.set(key, matchLabelUncached(found, expected, max));
}

function matchLabelUncached(found: string, expected: string, max: number): LabelMatch {
  for (const w of LABEL_WHITELIST) {
    if (found.includes(w.wrong) && found.replace(w.wrong, w.right) === expected) {
      return Object.freeze({ kind: 'whitelist', meaningChanged: w.meaningChanged });
    }
  }
  const d = editDistance(found, expected, max);
  if (d <= max) return Object.freeze({ kind: 'fuzzy', distance: d });
  // same Chinese text with stray non-CJK characters (pasted markup, stray Latin letters):
  // still the template row, reported as a typo
  const skeleton = cjkSkeleton(expected);
  if (skeleton.length >= 2 && cjkSkeleton(found) === skeleton) return Object.freeze({ kind: 'fuzzy', distance: d });
  return NONE;
}
