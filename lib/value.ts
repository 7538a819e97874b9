/**
 * Value-cell normalisation (report-format.md §11): raw cell text → number or null,
 * with the flags the VAL-* rules report.
 */
import type { CellValue, ValueFlag } from './types';

/** Whitespace deleted by normalisation: spaces, tabs, breaks, NBSP, U+3000, U+2000–U+200B, U+FEFF. */
export const WS_CLASS = '\\s\\u00a0\\u3000\\u2000-\\u200b\\ufeff';
const WS = new RegExp(`[${WS_CLASS}]`, 'g');
const WS_EDGE = new RegExp(`^[${WS_CLASS}]+|[${WS_CLASS}]+$`, 'g');

/** Placeholders standing for "nothing" (VAL-PLACEHOLDER-SYMBOL), after NFKC. */
const PLACEHOLDERS = new Set(['/', '-', '—', '——', '−', '×', '无', '--', '―', '―――', '\\', '*', '——————']);
const FULLWIDTH = /[\uff10-\uff19\uff0b\uff0d\uff0e]/;
const UNIT = /(亿元|万元|元|人次|件|项|个|条|次|宗)$/;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?/;
const SPACED_THOUSANDS = /^\d{1,3}( \d{3})+(\.\d+)?$/;
const SIGN_WORD = /^(增加|增|减少|减)(\d+(\.\d+)?)$/;

export function normaliseValue(raw: string): CellValue {
  const flags: ValueFlag[] = [];
  const nfkc = raw.normalize('NFKC');
  if (FULLWIDTH.test(raw)) flags.push('fullwidth');
  const trimmed = nfkc.replace(WS_EDGE, '');
  if (trimmed === '') return { raw, value: null, flags: ['blank'] };

  // thousands separators are detected before spaces are deleted ("1 234")
  let text = trimmed;
  if (SPACED_THOUSANDS.test(text)) {
    flags.push('thousands');
    text = text.replace(/ /g, '');
  }
  const compact = text.replace(WS, '');
  if (trimmed !== nfkc && NUMBER.test(compact.replace(UNIT, '').replace(/[,，]/g, ''))) flags.push('whitespace');
  text = compact;

  if (PLACEHOLDERS.has(text) || /^[-—―−_]+$/.test(text)) return { raw, value: null, flags: [...flags, 'placeholder'] };

  let sign = 1;
  const sw = SIGN_WORD.exec(text);
  if (sw) {
    flags.push('signedWord');
    sign = sw[1]!.startsWith('减') ? -1 : 1;
    text = sw[2]!;
  }
  if (THOUSANDS.test(text)) {
    if (!flags.includes('thousands')) flags.push('thousands');
    text = text.replace(/[,，]/g, '');
  }
  let unit: string | undefined;
  const u = UNIT.exec(text);
  if (u && text.length > u[0].length) {
    unit = u[1];
    text = text.slice(0, -u[0].length);
    flags.push('unit');
  }
  if (!NUMBER.test(text)) return { raw, value: null, flags: [...flags.filter((f) => f === 'fullwidth'), 'text'] };
  const value = sign * Number(text);
  return unit ? { raw, value: Object.is(value, -0) ? 0 : value, flags, unit } : { raw, value: Object.is(value, -0) ? 0 : value, flags };
}
