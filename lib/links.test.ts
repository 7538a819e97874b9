import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closeDocument, parseHtml } from './node';
import { createPageHtmlNext, findLinks, isReportTitle, linksFromDocument, resolveHref, type RawLink } from './links';

const FIXTURES = fileURLToPath(new URL('../tests/fixtures/lists/', import.meta.url));

function linksOf(html: string, base: string) {
  const doc = parseHtml(html);
  try {
    return linksFromDocument(doc, base);
  } finally {
    void closeDocument(doc);
  }
}

describe('the real Pingtan 年报 column (tests/fixtures/lists/pingtan-zfxxgknb.html)', () => {
  const base = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/';
  const found = linksOf(readFileSync(FIXTURES + 'pingtan-zfxxgknb.html', 'utf8'), base);

  it('finds the ten report links, resolved against the list URL, newest first', () => {
    expect(found.reports).toHaveLength(10);
    expect(found.reports.map((r) => r.year)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016]);
    expect(found.reports[1]).toEqual({
      url: 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm',
      title: '平潭综合实验区2024年度政府信息公开工作年度报告',
      year: 2024,
      kind: 'page',
    });
  });

  it('does not take the column link (政府信息公开年报, no year), the nav or the footer for reports', () => {
    const urls = found.reports.map((r) => r.url);
    expect(urls).not.toContain('https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/nlist.htm');
    expect(urls.every((u) => /\/zfxxgknb\/20\d{4}\/t\d{8}_\d+\.htm$/.test(u))).toBe(true);
  });

  it('has no next page (the pager is drawn by script from a template)', () => {
    expect(found.nextPage).toBeNull();
  });
});

/** A TRS list as many county sites publish it: ul/li, cut titles with the full one in title, a createPageHTML pager. */
const TRS_LIST = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_某某县人民政府</title></head><body>
<div class="breadcrumb"><a href="../../">首页</a> &gt; <a href="../">政府信息公开</a> &gt; <a href="./">政府信息公开年报</a></div>
<ul class="list">
  <li><a href="./202401/t20240115_1001.html" title="某某县人民政府2023年政府信息公开工作年度报告">某某县人民政府2023年政府信息公开工作年度…</a><span>2024-01-15</span></li>
  <li><a href="./202401/t20240118_1002.html" title="某某县教育局2023年政府信息公开工作年度报告">某某县教育局2023年政府信息公开工作年度报告</a><span>2024-01-18</span></li>
  <li><a href="./202401/t20240118_1002.html#top">某某县教育局2023年政府信息公开工作年度报告</a></li>
  <li><a href="./202401/t20240120_1003.html">一图读懂某某县2023年政府信息公开工作年度报告</a></li>
  <li><a href="./202401/t20240120_1004.html">《某某县2023年政府信息公开工作年度报告》解读</a></li>
  <li><a href="./202312/t20231220_0999.html">关于做好2023年政府信息公开工作年度报告编制和发布工作的通知</a></li>
  <li><a href="./202401/P020240122_1005.pdf">某某县卫生健康局2023年政府信息公开工作年度报告.pdf</a></li>
  <li><a href="/xxgk/nb/W020240123_1006.ofd" title="某某镇人民政府2023年政府信息公开工作年度报告">某某镇人民政府2023年政府信息…</a></li>
  <li><a href="./202301/t20230130_0901.html">某某县人民政府2022年度政府信息公开工作年报</a></li>
  <li><a href="./201402/t20140210_0101.html">某某县地方税务局2013年信息公开年度报告</a></li>
  <li><a href="javascript:void(0)">某某县2021年政府信息公开工作年度报告</a></li>
  <li><a href="./202201/t20220112_0801.html">某某县人民政府办公室2021年政府信息公开工…</a></li>
</ul>
<div class="page"><script>
var currentPage = 0;//所在页从0开始
var countPage = 3//共多少页
createPageHTML(countPage, currentPage, "index", "html");
</script></div>
<div class="footer"><a href="http://www.gov.cn/">中国政府网</a><a href="../sitemap.html">网站地图</a></div>
</body></html>`;

describe('a TRS-style county list', () => {
  const base = 'http://www.example.gov.cn/zwgk/zfxxgknb/index.html';
  const found = linksOf(TRS_LIST, base);
  const byUrl = new Map(found.reports.map((r) => [r.url.replace('http://www.example.gov.cn/', ''), r]));

  it('takes the full title from the title attribute when the text is cut', () => {
    expect(byUrl.get('zwgk/zfxxgknb/202401/t20240115_1001.html')).toMatchObject({ title: '某某县人民政府2023年政府信息公开工作年度报告', year: 2023, kind: 'page' });
  });

  it('lists a URL once (fragments dropped)', () => {
    expect(found.reports.filter((r) => r.url.endsWith('t20240118_1002.html'))).toHaveLength(1);
  });

  it('leaves out 一图读懂, 解读 and the 通知 about reports', () => {
    for (const id of ['1003', '1004', '0999']) expect([...byUrl.keys()].some((u) => u.includes(id))).toBe(false);
  });

  it('marks .pdf and .ofd links as attachment-only reports', () => {
    expect(byUrl.get('zwgk/zfxxgknb/202401/P020240122_1005.pdf')).toMatchObject({ kind: 'attachment', year: 2023 });
    expect(byUrl.get('xxgk/nb/W020240123_1006.ofd')).toMatchObject({ kind: 'attachment', title: '某某镇人民政府2023年政府信息公开工作年度报告' });
  });

  it('accepts 年报 and legacy 信息公开年度报告 titles, and a cut title when the URL has a 年报 token', () => {
    expect(byUrl.get('zwgk/zfxxgknb/202301/t20230130_0901.html')?.year).toBe(2022);
    expect(byUrl.get('zwgk/zfxxgknb/201402/t20140210_0101.html')?.year).toBe(2013);
    expect(byUrl.get('zwgk/zfxxgknb/202201/t20220112_0801.html')).toMatchObject({ title: '某某县人民政府办公室2021年政府信息公开工…', year: 2021 });
  });

  it('skips javascript: links; finds exactly the expected set', () => {
    expect(found.reports).toHaveLength(7);
  });

  it('follows the createPageHTML pager to index_1.html', () => {
    expect(found.nextPage).toBe('http://www.example.gov.cn/zwgk/zfxxgknb/index_1.html');
  });
});

describe('next-page links', () => {
  const base = 'https://www.example.gov.cn/col/col123/index.html?uid=1&pageNum=2';
  const next = (links: RawLink[], scripts: string[] = []) => findLinks({ links, scripts }, base).nextPage;

  it('reads 下一页, 下页, ›, » and rel=next, never javascript: or the page itself', () => {
    expect(next([{ href: '?uid=1&pageNum=3', text: ' 下一页 ' }])).toBe('https://www.example.gov.cn/col/col123/index.html?uid=1&pageNum=3');
    expect(next([{ href: 'index_3.html', text: '下页' }])).toBe('https://www.example.gov.cn/col/col123/index_3.html');
    expect(next([{ href: 'p3.html', text: '›' }])).toBe('https://www.example.gov.cn/col/col123/p3.html');
    expect(next([{ href: 'p3.html', text: '»' }])).toBe('https://www.example.gov.cn/col/col123/p3.html');
    expect(next([{ href: 'p3.html', text: '', rel: 'next' }])).toBe('https://www.example.gov.cn/col/col123/p3.html');
    expect(next([{ href: 'javascript:goPage(3)', text: '下一页' }])).toBeNull();
    expect(next([{ href: base, text: '下一页' }])).toBeNull();
    expect(next([{ href: 'p9.html', text: '尾页' }, { href: 'p1.html', text: '上一页' }])).toBeNull();
  });

  it('createPageHTML: the last page has no next; the 6-argument form; literal arguments', () => {
    expect(createPageHtmlNext(['var countPage = 3;\nvar currentPage = 2;\ncreatePageHTML(countPage, currentPage, "index", "shtml");'], base)).toBeNull();
    expect(createPageHtmlNext(["createPageHTML('page_div', 12, 4, 'index', 'shtml', 230);"], base)).toBe('https://www.example.gov.cn/col/col123/index_5.shtml');
    expect(createPageHtmlNext(['createPageHTML(5, 0, "index", "htm");'], base)).toBe('https://www.example.gov.cn/col/col123/index_1.htm');
    expect(createPageHtmlNext(['document.write("no pager")'], base)).toBeNull();
  });
});

describe('titles and URLs', () => {
  it('isReportTitle', () => {
    expect(isReportTitle('2019年上海市人民政府办公厅政府信息公开工作年度报告')).toBe(true);
    expect(isReportTitle('政府信息公开年报')).toBe(false);
    expect(isReportTitle('关于2014年政府信息公开工作要点落实情况的函')).toBe(false);
    expect(isReportTitle('某某县2023年政府信息公开工作年度报告的解读')).toBe(false);
    expect(isReportTitle('国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知')).toBe(false);
    // cut titles need a 年报 token in the URL
    expect(isReportTitle('某某县2021年政府信息公开工…')).toBe(false);
    expect(isReportTitle('某某县2021年政府信息公开工…', true)).toBe(true);
  });

  it('resolveHref', () => {
    const base = 'https://a.gov.cn/x/y/index.htm';
    expect(resolveHref('../z/1.htm#p', base)).toBe('https://a.gov.cn/x/z/1.htm');
    expect(resolveHref('#top', base)).toBeNull();
    expect(resolveHref('mailto:a@b.cn', base)).toBeNull();
    expect(resolveHref(' JavaScript:void(0)', base)).toBeNull();
    expect(resolveHref('//b.gov.cn/2.htm', base)).toBe('https://b.gov.cn/2.htm');
  });
});
