import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance, matchLabel, normaliseLabel } from './normalise';

describe('normaliseLabel (report-format.md §10)', () => {
  it.each([
    ['三\n、\n本\n年\n度\n办\n理\n结\n果', '三、本年度办理结果'], // vertical label (seed 000)
    ['社会\n公益\n组织', '社会公益组织'],
    ['自 然 人', '自然人'], // spaced characters (seed 001)
    ['社会\u00a0公益 \u00a0\u3000组织', '社会公益组织'], // NBSP / U+3000 runs (Pingtan 2024)
    ['(一) 予以公开', '(一)予以公开'],
    ['（一）予以公开', '(一)予以公开'], // full-width brackets fold by NFKC
    ['第二十条第(一)项', '第二十条第(一)项'],
    ['1. 本机关不', '1.本机关不'],
    ['1、属于国家秘密', '1.属于国家秘密'],
    ['１．属于国家秘密', '1.属于国家秘密'],
    ['3.危及“三安全一稳定”', '3.危及"三安全一稳定"'],
    ['信息内容：', '信息内容'],
    ['總計', '总计'], // traditional characters of the template vocabulary
    ['\ufeff本年新\u200b制作数量', '本年新制作数量'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseLabel(input)).toBe(expected);
  });

  it('property: whitespace and full-width variants of a label normalise to the same text', () => {
    const labels = ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '5.要求行政机关确认或重新出具已获取信息', '本年增/减', '第二十条第（五）项'];
    const ws = fc.constantFrom(' ', '\u00a0', '\u3000', '\n', '\t', '\u2002', '\ufeff', '\u200b');
    fc.assert(
      fc.property(fc.constantFrom(...labels), fc.array(fc.tuple(fc.nat(), ws), { maxLength: 12 }), (label, inserts) => {
        let s = label;
        for (const [pos, ch] of inserts) {
          const i = pos % (s.length + 1);
          s = s.slice(0, i) + ch + s.slice(i);
        }
        const halfWidth = s.replace(/[（）：，]/g, (c) => ({ '（': '(', '）': ')', '：': ':', '，': ',' })[c]!);
        expect(normaliseLabel(s)).toBe(normaliseLabel(label));
        expect(normaliseLabel(halfWidth)).toBe(normaliseLabel(label));
      }),
    );
  });
});

describe('matchLabel', () => {
  const n = normaliseLabel;
  it('exact', () => expect(matchLabel(n('（七）总计'), n('(七) 总计')).kind).toBe('exact'));
  it('whitelist: meaning-changing substitutions are flagged', () => {
    expect(matchLabel(n('1.住房举报投诉类申请'), n('1.信访举报投诉类申请'))).toEqual({ kind: 'whitelist', meaningChanged: true });
    expect(matchLabel(n('政府集中收购'), n('政府集中采购'))).toEqual({ kind: 'whitelist', meaningChanged: true });
    expect(matchLabel(n('（二）部分公开（区分处理的，只记这一情形，不计其他情形）'), n('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'))).toEqual({
      kind: 'whitelist',
      meaningChanged: false,
    });
  });
  it('edit distance ≤ 2, ≤ 1 under 6 characters', () => {
    expect(matchLabel('规范性文件', '行政规范性文件').kind).toBe('fuzzy');
    expect(matchLabel('规则', '规章').kind).toBe('fuzzy');
    expect(matchLabel('总计', '规章').kind).toBe('none');
    expect(matchLabel('法律服', '法律服务机构').kind).toBe('none');
  });
  it('editDistance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('a', 'abcdef', 2)).toBe(3); // early exit above max
  });
});
