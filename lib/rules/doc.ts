/**
 * A. Page and document (rules.md §A): the report body only in an attachment, tables as
 * images, and reports served from non-government hosts. DOC-DETECT and DOC-NOT-REPORT are
 * decisions taken by lib/detect.ts (they set `detected`) and never appear as findings.
 *
 * The attachment and image conditions are shared with the TPL rules' suppression
 * (./suppress.ts), so that the DOC finding and the silenced TPL findings always agree.
 */
import type { AuditContext, Rule, RuleFinding, TableId } from '../types';
import { defineRule } from './define';
import { isAttachmentLink, isAttachmentOnly, isImageTable, TABLE_IDS } from './suppress';

const BOTH = ['2019', '2021'] as const;

const TABLE_NAMES: Record<TableId, string> = {
  T2: '表二“主动公开政府信息情况”',
  T3: '表三“收到和处理政府信息公开申请情况”',
  T4: '表四“政府信息公开行政复议、行政诉讼情况”',
};

// ------------------------------------------------------------------ DOC-ATTACHMENT-ONLY

const docAttachmentOnly = defineRule(
  {
    id: 'DOC-ATTACHMENT-ONLY',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '年报正文仅以附件形式发布', en: 'Report body only in an attachment' },
    description: {
      zh: '页面被识别为年报，但未找到任何带年报特征的统计表，且正文链接了 PDF、Word、WPS、OFD、Excel 附件或嵌入了 PDF 阅读器/翻页电子书：页面本身没有可审核的内容。',
      en: 'The page is a detected report, but no table carries report signatures and the content links a .pdf/.doc/.docx/.wps/.ofd/.xls/.xlsx file or embeds a PDF viewer / flip-book: there is nothing to audit on the page itself.',
    },
  },
  (ctx) => {
    if (!isAttachmentOnly(ctx)) return [];
    const files = ctx.page.links.filter(isAttachmentLink);
    const what: string[] = [];
    if (files.length > 0) {
      const names = files.slice(0, 3).map((l) => l.text || l.href);
      what.push(`附件链接${files.length}个（${names.join('、')}${files.length > 3 ? '等' : ''}）`);
    }
    if (ctx.page.hasViewerFrame) what.push('嵌入的 PDF 阅读器或电子书');
    return [
      {
        cells: [],
        message: `页面未发现年报统计表，正文仅见${what.join('和')}：年报内容以附件形式发布，无法在页面上审核`,
      },
    ];
  },
);

// ------------------------------------------------------------------ DOC-IMAGE-TABLE

const docImageTable = defineRule(
  {
    id: 'DOC-IMAGE-TABLE',
    severity: 'warning',
    formats: BOTH,
    tier: 'core',
    title: { zh: '统计表为图片', en: 'Table published as an image' },
    description: {
      zh: '第二、三、四部分标题下应有统计表的位置是一张图片，且页面上没有对应的表格，表中数字无法读取和核对。每张受影响的表报告一次。',
      en: 'Under the heading of section 二, 三 or 四 an image stands where the table should be and no matching table exists, so its numbers cannot be read or checked. One finding per affected table.',
    },
  },
  (ctx) => {
    // on an attachment-only page DOC-ATTACHMENT-ONLY already covers every table
    if (isAttachmentOnly(ctx)) return [];
    const out: RuleFinding[] = [];
    for (const t of TABLE_IDS) {
      if (!isImageTable(ctx, t)) continue;
      out.push({ cells: [], message: `${TABLE_NAMES[t]}以图片形式发布，页面上没有可读取的表格，无法核对其中数字` });
    }
    return out;
  },
);

// ------------------------------------------------------------------ DOC-MIRROR-DOMAIN

/** IPv4 address → its four numbers, else null. */
function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

/** Loopback, private, link-local and other non-public addresses and names. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === '' || h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  const v4 = ipv4(h);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (h.includes(':')) {
    // IPv6: loopback, unspecified, unique local (fc00::/7), link-local (fe80::/10)
    return h === '::1' || h === '::' || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h);
  }
  return false;
}

function isIpAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return ipv4(h) !== null || h.includes(':');
}

/** The host is a government host: `*.gov.cn` or on the allow-list (suffix match). */
export function isGovernmentHost(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'gov.cn' || h.endsWith('.gov.cn')) return true;
  return allowed.some((a) => {
    const s = a.trim().toLowerCase().replace(/^\*?\./, '').replace(/\.$/, '');
    return s !== '' && (h === s || h.endsWith(`.${s}`));
  });
}

function metaSiteDomain(ctx: AuditContext): string | null {
  for (const [k, v] of Object.entries(ctx.page.meta)) if (k.toLowerCase() === 'sitedomain' && v.trim()) return v.trim();
  return null;
}

const docMirrorDomain = defineRule(
  {
    id: 'DOC-MIRROR-DOMAIN',
    severity: 'info',
    formats: BOTH,
    tier: 'core',
    title: { zh: '年报页面不在政府网站域名下', en: 'Report served from a non-government host' },
    description: {
      zh: '页面主机名不以 .gov.cn 结尾且不在允许列表中（含以 IP 地址访问的政府网站），可能是转载或镜像页面；如页面声明了 SiteDomain，提示中给出其声称的站点域名。本地文件、localhost 和内网地址不评估。',
      en: 'The page host does not end in .gov.cn and is not on the allow-list (government sites served from a bare IP address included): possibly a republished or mirrored copy. The message quotes the SiteDomain the page claims, when present. Not assessable for file input, localhost and private addresses.',
    },
  },
  (ctx) => {
    const { page } = ctx;
    if (page.isFile || !page.host || /^file:/i.test(page.source)) return [];
    const host = page.host.toLowerCase();
    if (isLocalHost(host) || isGovernmentHost(host, ctx.settings.allowedHosts)) return [];
    const claimed = metaSiteDomain(ctx);
    const claim = claimed && claimed.toLowerCase() !== host ? `；页面声明的站点域名为 ${claimed}` : '';
    const message = isIpAddress(host)
      ? `页面通过 IP 地址 ${host} 访问，不是 .gov.cn 政府网站域名${claim}`
      : `页面主机 ${host} 不是 .gov.cn 政府网站域名，可能是转载或镜像页面${claim}`;
    return [{ cells: [], message }];
  },
);

export const rules: Rule[] = [docAttachmentOnly, docImageTable, docMirrorDomain];
