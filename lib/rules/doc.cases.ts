/**
 * Fixtures for the page and document rules (rules.md §A). No page of the corpus is an
 * attachment-only, image-table or mirror page, so the failing cases are built after the
 * situations rules.md describes; the passing ones mirror Pingtan 2024 (全真版 tab with a PDF
 * viewer and an empty 附件下载 list next to real tables; served from www.pingtan.gov.cn) and
 * the seeds (file input).
 */
import type { Block, SectionHeading, TableId } from '../types';
import type { RuleCases } from './cases';
import { makeContext, type ContextSpec } from '../../tests/helpers/context';

const PINGTAN_URL = 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm';

/** Tables T2/T3/T4 not identified on the page. */
const NO_TABLES: ContextSpec['tables'] = { T2: { found: false, parts: [] }, T3: { found: false, parts: [] }, T4: { found: false, parts: [] } };

const HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];

/** A report body: six headings; under 二/三/四 either a table part or an image. */
function body(under: Record<TableId, 'table' | 'image'>): { blocks: Block[]; sections: SectionHeading[] } {
  const blocks: Block[] = [{ kind: 'text', text: '红星镇2020年政府信息公开工作年度报告' }];
  const sections: SectionHeading[] = [];
  const heading = (n: number) => {
    sections.push({ section: n, numeral: n, text: HEADINGS[n - 1]!, block: blocks.length });
    blocks.push({ kind: 'text', text: HEADINGS[n - 1]! });
  };
  heading(1);
  blocks.push({ kind: 'text', text: '2020年，我镇认真落实县委、县政府有关政府信息公开工作要求。' });
  (['T2', 'T3', 'T4'] as const).forEach((t, i) => {
    heading(i + 2);
    if (under[t] === 'table') blocks.push({ kind: 'table', table: i });
    else blocks.push({ kind: 'image', src: `/picture/2021/${t.toLowerCase()}.png` });
  });
  heading(5);
  blocks.push({ kind: 'text', text: '一是公开内容不够全面不及时。下一步将进一步加强政务公开指导录入工作。' });
  heading(6);
  blocks.push({ kind: 'text', text: '无。' });
  return { blocks, sections };
}

const allTables = body({ T2: 'table', T3: 'table', T4: 'table' });
const t3Image = body({ T2: 'table', T3: 'image', T4: 'table' });
const allImages = body({ T2: 'image', T3: 'image', T4: 'image' });

export const cases: RuleCases[] = [
  {
    ruleId: 'DOC-ATTACHMENT-ONLY',
    valid: [
      {
        name: 'Pingtan 2024: PDF viewer tab and an empty 附件下载 list next to real tables',
        ctx: () => makeContext({ format: '2021', year: 2024, page: { hasViewerFrame: true, links: [] } }),
      },
      {
        name: 'no report table and no attachment (TPL-TABLE-MISSING matter)',
        ctx: () => makeContext({ tables: NO_TABLES }),
      },
      {
        name: 'real tables and an attachment link to the same report',
        ctx: () =>
          makeContext({ page: { links: [{ href: '/xxgk/P020210125.pdf', text: '韩庄镇2020年政府信息公开工作年度报告.pdf' }] } }),
      },
    ],
    invalid: [
      {
        name: 'no table, the body is a linked PDF',
        ctx: () =>
          makeContext({
            tables: NO_TABLES,
            page: { links: [{ href: '/xxgk/zfxxgknb/202101/P020210125.pdf', text: '韩庄镇2020年政府信息公开工作年度报告.pdf' }] },
          }),
        findings: [
          {
            severity: 'warning',
            cells: [],
            message: '页面未发现年报统计表，正文仅见附件链接1个（韩庄镇2020年政府信息公开工作年度报告.pdf）：年报内容以附件形式发布，无法在页面上审核',
          },
        ],
      },
      {
        name: 'no table, a flip-book viewer frame only',
        ctx: () => makeContext({ tables: NO_TABLES, page: { hasViewerFrame: true } }),
        findings: [{ severity: 'warning', cells: [], message: '页面未发现年报统计表，正文仅见嵌入的 PDF 阅读器或电子书：年报内容以附件形式发布，无法在页面上审核' }],
      },
    ],
  },
  {
    ruleId: 'DOC-IMAGE-TABLE',
    valid: [
      {
        name: 'every table under its heading',
        ctx: () => makeContext({ page: { blocks: allTables.blocks }, sections: allTables.sections }),
      },
      {
        name: 'an image under 三 but T3 was identified (a logo or a chart next to the table)',
        ctx: () => makeContext({ page: { blocks: t3Image.blocks }, sections: t3Image.sections }),
      },
      {
        name: 'attachment-only page: DOC-ATTACHMENT-ONLY covers the tables',
        ctx: () =>
          makeContext({
            tables: NO_TABLES,
            page: { blocks: allImages.blocks, hasViewerFrame: true },
            sections: allImages.sections,
          }),
      },
    ],
    invalid: [
      {
        name: 'T3 is a picture under 三、收到和处理政府信息公开申请情况',
        ctx: () =>
          makeContext({
            tables: { T3: { found: false, parts: [] } },
            page: { blocks: t3Image.blocks },
            sections: t3Image.sections,
          }),
        findings: [{ severity: 'warning', cells: [], message: '表三“收到和处理政府信息公开申请情况”以图片形式发布，页面上没有可读取的表格，无法核对其中数字' }],
      },
      {
        name: 'all three tables are pictures',
        ctx: () => makeContext({ tables: NO_TABLES, page: { blocks: allImages.blocks }, sections: allImages.sections }),
        findings: [
          { cells: [], message: '表二“主动公开政府信息情况”以图片形式发布，页面上没有可读取的表格，无法核对其中数字' },
          { cells: [], message: '表三“收到和处理政府信息公开申请情况”以图片形式发布，页面上没有可读取的表格，无法核对其中数字' },
          { cells: [], message: '表四“政府信息公开行政复议、行政诉讼情况”以图片形式发布，页面上没有可读取的表格，无法核对其中数字' },
        ],
      },
    ],
  },
  {
    ruleId: 'DOC-MIRROR-DOMAIN',
    valid: [
      {
        name: 'Pingtan 2024 on www.pingtan.gov.cn',
        ctx: () =>
          makeContext({
            page: { source: PINGTAN_URL, isFile: false, host: 'www.pingtan.gov.cn', meta: { SiteDomain: 'www.pingtan.gov.cn' } },
          }),
      },
      { name: 'CLI file input (the seeds)', ctx: () => makeContext({ page: { source: 'shared/seeds/004_f7f13551a3070eae.txt', isFile: true } }) },
      {
        name: 'localhost',
        ctx: () => makeContext({ page: { source: 'http://localhost:5173/pingtan-2024.html', isFile: false, host: 'localhost' } }),
      },
      {
        name: 'a private address',
        ctx: () => makeContext({ page: { source: 'http://192.168.1.20/nb.html', isFile: false, host: '192.168.1.20' } }),
      },
      {
        name: 'a host on the allow-list',
        ctx: () =>
          makeContext({
            page: { source: 'https://nb.zwgk.example.org/nb.html', isFile: false, host: 'nb.zwgk.example.org' },
            settings: { allowedHosts: ['zwgk.example.org'] },
          }),
      },
    ],
    invalid: [
      {
        name: 'a mirror claiming www.pingtan.gov.cn',
        ctx: () =>
          makeContext({
            page: {
              source: 'http://www.eshutan.com/zfxxgknb/97791.html',
              isFile: false,
              host: 'www.eshutan.com',
              meta: { SiteDomain: 'www.pingtan.gov.cn' },
            },
          }),
        findings: [
          {
            severity: 'info',
            cells: [],
            message: '页面主机 www.eshutan.com 不是 .gov.cn 政府网站域名，可能是转载或镜像页面；页面声明的站点域名为 www.pingtan.gov.cn',
          },
        ],
      },
      {
        name: '杨陵: a government site served from a bare IP',
        ctx: () =>
          makeContext({
            page: {
              source: 'http://61.150.65.235/zfxxgk/zfxxgknb/bmxxgknb/1906985041421463553.html',
              isFile: false,
              host: '61.150.65.235',
            },
          }),
        findings: [{ severity: 'info', cells: [], message: '页面通过 IP 地址 61.150.65.235 访问，不是 .gov.cn 政府网站域名' }],
      },
    ],
  },
];
