import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quickDetect } from './quickdetect';
import { detectPage } from './detect';
import { pageFromDocument } from './page';
import { parseDoc } from '../tests/helpers/pages';

const dir = (p: string) => new URL(`../tests/fixtures/${p}/`, import.meta.url);
const pages = [
  ...readdirSync(dir('seeds')).map((n) => new URL(n, dir('seeds'))),
  ...readdirSync(dir('real')).filter((n) => n.endsWith('.html')).map((n) => new URL(n, dir('real'))),
  ...readdirSync(dir('mutated')).filter((n) => n.endsWith('.html')).map((n) => new URL(n, dir('mutated'))),
  new URL('../samples/not-a-report.html', import.meta.url),
];

const doc = (html: string) => parseDoc(html);

describe('quickDetect', () => {
  it.each(pages.map((u) => [u.pathname.split('/').slice(-2).join('/'), u] as const))('never misses what the full detection audits: %s', (_n, u) => {
    const d = doc(readFileSync(u, 'utf8'));
    const full = detectPage(pageFromDocument(d, { source: 'https://www.example.gov.cn/a.htm' })).detected;
    if (full) expect(quickDetect(d)).toBe('likely');
  });

  it('says likely for a report by its title alone', () => {
    expect(quickDetect(doc('<title>红星镇2020年政府信息公开工作年度报告_政府信息公开年报_红星镇</title><p>见附件</p>'))).toBe('likely');
    expect(quickDetect(doc('<meta name="ArticleTitle" content="平潭综合实验区2024年度政府信息公开工作年度报告"><title>x</title>'))).toBe('likely');
  });

  it('says likely for a page whose tables carry the report signatures', () => {
    const t = '<table><tr><td>申请人情况</td></tr><tr><td>一、本年新收政府信息公开申请数量</td></tr><tr><td>四、结转下年度继续办理</td></tr></table>';
    expect(quickDetect(doc(`<title>首页</title>${t}`))).toBe('likely');
  });

  it('says unlikely for the negative cases of report-format.md §13.5 and ordinary pages', () => {
    for (const title of [
      '文字解读:济南市历下区大明湖街道办事处2022年政府信息公开工作年度报告',
      '关于认真做好2021年政府信息公开工作年度报告编制发布工作的通知',
      '一图读懂2023年政府信息公开工作年度报告',
      '2024年部门预算公开',
      '政务动态',
    ]) {
      expect(quickDetect(doc(`<title>${title}</title><table><tr><td>预算</td><td>100</td></tr></table>`)), title).toBe('unlikely');
    }
  });
});
