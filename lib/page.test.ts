import { describe, expect, it } from 'vitest';
import { cellText, pageFromDocument } from './page';
import { htmlPage, parseDoc, realPage } from '../tests/helpers/pages';

describe('pageFromDocument', () => {
  it('Pingtan 2024: meta set, content root, blocks in order, tables, viewer frame', () => {
    const p = realPage('pingtan-2024.html');
    expect(p.meta.ArticleTitle).toBe('平潭综合实验区2024年度政府信息公开工作年度报告');
    expect(p.meta.ColumnName).toBe('政府信息公开年报');
    expect(p.meta.PubDate).toBe('2025-03-10 15:35');
    expect(p.htmlTitle).toMatch(/^平潭综合实验区2024年度政府信息公开工作年度报告_政府信息公开年报_/);
    expect(p.root?.className).toMatch(/TRS_Editor/);
    expect(p.tables).toHaveLength(3);
    const kinds = p.blocks.map((b) => b.kind);
    expect(kinds.filter((k) => k === 'table')).toHaveLength(3);
    const texts = p.blocks.filter((b) => b.kind === 'text').map((b) => (b as { text: string }).text);
    const i1 = texts.findIndex((t) => t.startsWith('一、总体情况'));
    const i6 = texts.findIndex((t) => t.startsWith('六、其他需要报告的事项'));
    expect(i1).toBeGreaterThanOrEqual(0);
    expect(i6).toBeGreaterThan(i1);
    // a table block sits between headings 二 and 三
    const tIdx = p.blocks.findIndex((b) => b.kind === 'table');
    const h2 = p.blocks.findIndex((b) => b.kind === 'text' && b.text.startsWith('二、主动公开'));
    const h3 = p.blocks.findIndex((b) => b.kind === 'text' && b.text.startsWith('三、收到和处理'));
    expect(h2).toBeLessThan(tIdx);
    expect(tIdx).toBeLessThan(h3);
  });

  it('Shanghai 2019 (no head): the centred bold first paragraph is a heading candidate', () => {
    const p = realPage('shanghai-2019-body.html');
    expect(p.headingCandidates).toContain('2019年上海市人民政府办公厅政府信息公开工作年度报告');
    expect(p.isFile).toBe(true);
    expect(p.host).toBeNull();
  });

  it('cell text: text nodes joined, HTML formatting whitespace collapsed, NBSP kept', () => {
    const doc = parseDoc('<table><tr><td>\n  <p>本年新<br/>制作数量</p>\n</td><td><p>&nbsp;0</p></td><td><span>2</span>\n<span>1</span></td></tr></table>');
    const tds = Array.from(doc.querySelectorAll('td'));
    expect(tds.map(cellText)).toEqual(['本年新制作数量', '\u00a00', '2 1']);
  });

  it('layout tables that contain the report tables are walked into, not taken as data tables', () => {
    const p = htmlPage('<table><tr><td><p>一、总体情况</p><table><tr><td>信息内容</td></tr></table></td></tr></table>');
    expect(p.tables).toHaveLength(1);
    expect(p.tables[0]!.rows[0]!.cells[0]!.text).toBe('信息内容');
    expect(p.blocks[0]).toMatchObject({ kind: 'text', text: '一、总体情况' });
  });

  it('scripts and styles are not content; host comes from the URL; attachment links are listed', () => {
    const doc = parseDoc('<div id="zoom"><script>var x="一、总体情况"</script><style>p{}</style><p>正文正文正文正文正文正文正文正文正文正文正文</p><a href="/a/report.pdf">附件：年报.pdf</a><img src="t.png"></div>');
    const p = pageFromDocument(doc, { source: 'https://www.example.gov.cn/zfxxgknb/t1.htm' });
    expect(p.host).toBe('www.example.gov.cn');
    expect(p.isFile).toBe(false);
    expect(p.blocks.some((b) => b.kind === 'text' && b.text.includes('总体情况'))).toBe(false);
    expect(p.links).toEqual([{ href: '/a/report.pdf', text: '附件：年报.pdf' }]);
    expect(p.blocks.some((b) => b.kind === 'image')).toBe(true);
  });

  it('does not overflow on deeply nested markup', () => {
    const depth = 3000;
    const html = '<div>'.repeat(depth) + '深' + '</div>'.repeat(depth);
    expect(() => htmlPage(html)).not.toThrow();
  });
});
