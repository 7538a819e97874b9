import { describe, expect, it } from 'vitest';
import type { AuditResult, Finding } from '../lib/types';
import { RULES_BY_ID } from '../lib/rules';
import {
  NOT_A_REPORT,
  ROWS_PER_RULE,
  clean,
  countFindings,
  countsLine,
  displayWidth,
  findingPlace,
  formatNumber,
  formatResult,
  formatTable,
  formatTotals,
  padEnd,
  ruleLabel,
} from './format';

function report(findings: Finding[], over: Partial<NonNullable<AuditResult['report']>> = {}): AuditResult {
  return {
    schemaVersion: 1,
    tool: { name: 'report-auditor', version: '0.1.0' },
    source: 'pages/a.html',
    auditedAt: '2026-01-01T00:00:00.000Z',
    detected: true,
    report: { title: '某某镇2020年政府信息公开工作年度报告', year: 2020, entity: '某某镇', format: '2019', ...over },
    cells: {},
    findings,
  };
}

const rowsum: Finding = {
  ruleId: 'T3-ROWSUM',
  severity: 'error',
  cells: ['T3:3.7:natural', 'T3:3.1:natural'],
  expected: 26,
  actual: 20,
  message: '（七）总计 自然人 为 20，但各办理结果之和为 26',
};
const blank = (col: string): Finding => ({ ruleId: 'VAL-BLANK', severity: 'warning', cells: [`T3:1:${col}`], message: `表三 一 / ${col} 为空白` });
const pageLevel: Finding = { ruleId: 'DATE-SIGN', severity: 'info', cells: [], message: '报告末尾没有落款日期' };

describe('display width', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('表三')).toBe(4);
    expect(displayWidth('（七）总计')).toBe(10);
    expect(displayWidth('０１２')).toBe(6);
    expect(displayWidth('、。“')).toBe(5); // 、。 wide; the curly quote is ambiguous, counted narrow
    expect(displayWidth('\u3000')).toBe(2);
    expect(displayWidth('𠀀')).toBe(2); // CJK extension B, outside the BMP
  });

  it('gives combining marks, zero-width and control characters no width', () => {
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('a\u200bb\ufeff')).toBe(2);
    expect(displayWidth('\u001b[31m')).toBe(4); // ESC itself is zero; clean() removes it from page text
  });

  it('pads by display width', () => {
    expect(padEnd('表三', 6)).toBe('表三  ');
    expect(padEnd('ab', 6)).toBe('ab    ');
    expect(padEnd('太长的文字', 4)).toBe('太长的文字');
  });
});

describe('clean', () => {
  it('removes terminal escapes, bidi overrides and line breaks from page text', () => {
    expect(clean('a\u001b[2J\u001b[31mb')).toBe('a [2J [31mb');
    expect(clean('标题\r\n第二行\t\u202e反转')).toBe('标题 第二行 反转');
    expect(clean('  x  ')).toBe('x');
  });
});

describe('formatTable', () => {
  it('aligns every column by display width, the last one unpadded', () => {
    const lines = formatTable(
      ['级别', '单元格', '应为', '说明'],
      [
        ['错误', '表三 （七）总计 / 自然人', '26', '很长的说明'],
        ['提示', 'T3 x', '1234', 'short'],
      ],
      ['left', 'left', 'right', 'left'],
    );
    expect(lines).toHaveLength(4);
    // the third column ends at the same display column on every line
    const endOfCol3 = (l: string) => displayWidth(l.slice(0, l.lastIndexOf('  ')));
    expect(new Set(lines.map(endOfCol3)).size).toBe(1);
    expect(lines[1]).toMatch(/^-+ {2}-+ {2}-+ {2}-{4}$/); // the last rule is as wide as its header 说明
    expect(lines[2]).toContain('  26  很长的说明');
    expect(lines[3]).toContain('1234  short');
    for (const l of lines) expect(l).toBe(l.trimEnd());
  });
});

describe('labels', () => {
  it('names the cell in an auditor’s words, or the whole page', () => {
    expect(findingPlace(rowsum, '2019')).toBe('表三 （七）总计 / 自然人');
    expect(findingPlace(pageLevel, '2019')).toBe('（全页）');
    expect(findingPlace({ ...rowsum, cells: ['T4:cases:review.total'] }, null)).toBe('表四 行政复议 / 总计');
  });

  it('names a narrative finding without cells by its sentence, and ends its message with the sentence when the message does not quote it whole', () => {
    const quote = '七是推进回应百姓关切，截至前，我镇接到县长热线转交件受理件共 14 件，到镇里上访件 37 件';
    const narr = { ruleId: 'NARR-PLACEHOLDER', severity: 'warning' as const, cells: [], message: '正文“七是推进回应百姓关切…”有日期缺失（截至前）', text: { quote, block: 7, start: 0, end: quote.length } };
    expect(findingPlace(narr, '2019')).toBe('正文“七是推进回应百姓关切，截至前，我…”');
    const row = formatResult(report([narr])).split('\n').find((l) => l.includes('NARR-PLACEHOLDER'))!;
    expect(row).toContain(`有日期缺失（截至前） 原文：“${quote}”`);
    const whole = { ...narr, message: `正文“${quote}”有日期缺失（截至前）` };
    expect(formatResult(report([whole]))).not.toContain('原文：');
  });

  it('gives rule id and Chinese title, or the id alone for an unknown rule', () => {
    const known = [...RULES_BY_ID.values()][0]!;
    expect(ruleLabel(known.meta.id)).toBe(`${known.meta.id} ${known.meta.title.zh}`);
    expect(ruleLabel('NO-SUCH-RULE')).toBe('NO-SUCH-RULE');
  });

  it('prints numbers as the report does', () => {
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(26)).toBe('26');
    expect(formatNumber(3249.75)).toBe('3249.75');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });

  it('counts by severity', () => {
    const c = countFindings([rowsum, blank('research'), blank('legal'), pageLevel]);
    expect(c).toEqual({ error: 1, warning: 2, info: 1 });
    expect(countsLine(c)).toBe('共 4 条：错误 1，警告 2，提示 1');
    expect(countsLine({ error: 0, warning: 0, info: 0 })).toBe('未发现问题 (no findings)');
  });
});

describe('formatResult', () => {
  it('shows source, title, year, format, entity, then one row per finding and a summary', () => {
    const text = formatResult(report([rowsum, blank('research'), pageLevel]));
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'pages/a.html',
      '  标题  某某镇2020年政府信息公开工作年度报告',
      '  年度  2020',
      '  格式  2019 年版',
      '  机关  某某镇',
    ]);
    const header = lines.find((l) => l.includes('级别'))!;
    expect(header).toMatch(/级别 +规则 +单元格 +应为 +实为 +说明/);
    const row = lines.find((l) => l.includes('T3-ROWSUM'))!;
    expect(row).toMatch(/^ {2}错误 {2}T3-ROWSUM\b.*表三 （七）总计 \/ 自然人 +26 +20 {2}（七）总计 自然人 为 20，但各办理结果之和为 26$/);
    expect(lines.find((l) => l.includes('DATE-SIGN'))).toMatch(/^ {2}提示 .*（全页）/);
    expect(lines.at(-1)).toBe('  共 3 条：错误 1，警告 1，提示 1');
    // all rows of the table start their columns at the same display positions
    const table = lines.filter((l) => /^ {2}(级别|----|错误|警告|提示)/.test(l));
    const colStarts = (l: string) => {
      const starts: number[] = [];
      let w = 0;
      let prevSpace = 0;
      for (const ch of l) {
        if (ch === ' ') prevSpace++;
        else {
          if (prevSpace >= 2 && starts.length < 3) starts.push(w);
          prevSpace = 0;
        }
        w += displayWidth(ch);
      }
      return starts.join(',');
    };
    expect(new Set(table.map(colStarts)).size).toBe(1);
  });

  it('says when a value is unknown and marks legacy formats', () => {
    const text = formatResult(report([], { title: null, year: null, entity: null, format: null }), { legacy: true });
    expect(text).toContain('标题  （未识别）');
    expect(text).toContain('年度  （未识别）');
    expect(text).toContain('格式  旧版（2019 年以前的格式）');
    expect(text).toContain('机关  （未识别）');
    expect(text).not.toContain('级别');
    expect(text.split('\n').at(-1)).toBe('  未发现问题 (no findings)');
  });

  it('lists at most a few rows per rule unless asked for all', () => {
    const cols = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
    const r = report([rowsum, ...cols.map(blank)]);
    const short = formatResult(r);
    expect(short.split('\n').filter((l) => l.includes('VAL-BLANK'))).toHaveLength(ROWS_PER_RULE + 1);
    expect(short).toContain(`未列出：VAL-BLANK 另 ${cols.length - ROWS_PER_RULE} 条（--all 列出全部）`);
    expect(short).toContain('共 8 条：错误 1，警告 7，提示 0');
    const all = formatResult(r, { rowsPerRule: Infinity });
    expect(all.split('\n').filter((l) => l.includes('VAL-BLANK'))).toHaveLength(cols.length);
    expect(all).not.toContain('未列出');
  });

  it('prints a page that is not a report as such, with the reason', () => {
    const r: AuditResult = { schemaVersion: 1, tool: { name: 'report-auditor', version: '0.1.0' }, source: 'list.html', auditedAt: '2026-01-01T00:00:00.000Z', detected: false };
    expect(formatResult(r, { reason: '列表页' })).toBe(`list.html\n  ${NOT_A_REPORT}\n  原因：列表页`);
    expect(formatResult(r)).toBe(`list.html\n  ${NOT_A_REPORT}`);
  });

  it('cannot be driven by escape sequences in page text', () => {
    const text = formatResult(report([{ ...pageLevel, message: 'x\u001b[2Jy\nz' }], { title: '标题\u001b]0;pwned\u0007' }));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

describe('formatTotals', () => {
  it('sums several inputs', () => {
    expect(formatTotals({ reports: 2, notReports: 1, unreadable: 1, counts: { error: 1, warning: 2, info: 3 } })).toBe(
      '合计：4 个输入，2 份年报，1 个不是年报，1 个无法读取；错误 1，警告 2，提示 3',
    );
    expect(formatTotals({ reports: 2, notReports: 0, unreadable: 0, counts: { error: 0, warning: 0, info: 0 } })).toBe(
      '合计：2 个输入，2 份年报；错误 0，警告 0，提示 0',
    );
  });
});
