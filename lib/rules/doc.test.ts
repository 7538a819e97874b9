import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditContext, Finding } from '../types';
import { rules, isGovernmentHost, isLocalHost } from './doc';
import { cases } from './doc.cases';
import { realPage, SEEDS, htmlPage } from '../../tests/helpers/pages';
import { auditPage } from '../audit';

function run(id: string, ctx: AuditContext): Finding[] {
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(ctx).map((f) => ({ ruleId: id, ...f, severity: f.severity ?? rule.meta.severity }));
}

describe('doc.cases.ts', () => {
  for (const rc of cases) {
    describe(rc.ruleId, () => {
      it.each(rc.valid.map((c) => [c.name, c] as const))('valid: %s', (_name, c) => {
        expect(run(rc.ruleId, c.ctx())).toEqual([]);
      });
      it.each(rc.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_name, c) => {
        const found = run(rc.ruleId, c.ctx());
        expect(found).toHaveLength(c.findings.length);
        expect(found).toMatchObject(c.findings);
      });
    });
  }

  it('every rule has cases, at least one valid and one invalid', () => {
    expect(cases.map((c) => c.ruleId).sort()).toEqual(rules.map((r) => r.meta.id).sort());
    for (const c of cases) {
      expect(c.valid.length, c.ruleId).toBeGreaterThan(0);
      expect(c.invalid.length, c.ruleId).toBeGreaterThan(0);
    }
  });
});

describe('meta', () => {
  const index = new Map<string, string>();
  for (const line of readFileSync(new URL('../../docs/spec/rules.md', import.meta.url), 'utf8').split('\n')) {
    const m = /^\| \d+ \| (DOC-[A-Z-]+) \| ([a-z]+)/.exec(line);
    if (m && !/decision/.test(line)) index.set(m[1]!, m[2]!);
  }
  it('holds the A rules of rules.md except the decisions DOC-DETECT and DOC-NOT-REPORT', () => {
    expect(rules.map((r) => r.meta.id)).toEqual([...index.keys()]);
    expect(rules.map((r) => r.meta.id)).not.toContain('DOC-DETECT');
    for (const r of rules) expect(r.meta.severity, r.meta.id).toBe(index.get(r.meta.id));
  });
  it('has zh and en titles and descriptions', () => {
    for (const r of rules) {
      expect(r.meta.title.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.title.en).toMatch(/^[A-Z]/);
      expect(r.meta.description.en.length).toBeGreaterThan(40);
    }
  });
});

describe('hosts', () => {
  it('recognises local and private hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.8', '169.254.1.1', '::1', '[::1]', 'fd12:3456::1', 'nas.local']) {
      expect(isLocalHost(h), h).toBe(true);
    }
    for (const h of ['61.150.65.235', '172.32.0.1', '180.76.149.248', 'www.pingtan.gov.cn', 'www.eshutan.com']) expect(isLocalHost(h), h).toBe(false);
  });
  it('accepts *.gov.cn and allow-listed suffixes only', () => {
    expect(isGovernmentHost('www.pingtan.gov.cn', [])).toBe(true);
    expect(isGovernmentHost('WWW.SHANGHAI.GOV.CN.', [])).toBe(true);
    expect(isGovernmentHost('gov.cn.eshutan.com', [])).toBe(false);
    expect(isGovernmentHost('www.mygov.cn', [])).toBe(false);
    expect(isGovernmentHost('zwgk.example.org', ['.example.org'])).toBe(true);
    expect(isGovernmentHost('badexample.org', ['example.org'])).toBe(false);
  });
});

describe('on parsed pages', () => {
  it('Pingtan 2024 from its own URL: no DOC finding (real tables next to the 全真版 tab)', () => {
    const html = readFileSync(new URL('../../tests/fixtures/real/pingtan-2024.html', import.meta.url), 'utf8');
    const page = htmlPage(html, 'https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm');
    expect(auditPage(page, { rules }).result.findings).toEqual([]);
  });

  it('Pingtan 2024 served from a mirror host: DOC-MIRROR-DOMAIN quoting SiteDomain', () => {
    const html = readFileSync(new URL('../../tests/fixtures/real/pingtan-2024.html', import.meta.url), 'utf8');
    const page = htmlPage(html, 'http://www.gu456.com/XxgkAnnualReport/show/5819.html');
    const f = auditPage(page, { rules }).result.findings!;
    expect(f).toEqual([
      {
        ruleId: 'DOC-MIRROR-DOMAIN',
        severity: 'info',
        cells: [],
        message: '页面主机 www.gu456.com 不是 .gov.cn 政府网站域名，可能是转载或镜像页面；页面声明的站点域名为 www.pingtan.gov.cn',
      },
    ]);
  });

  it('an attachment-only report page', () => {
    const page = htmlPage(
      `<html><head><meta name="ArticleTitle" content="红星镇2020年政府信息公开工作年度报告"></head><body>
       <div class="article_content"><p>红星镇2020年政府信息公开工作年度报告全文见附件。</p>
       <p>附件：<a href="/xxgk/P020210125512345.pdf">红星镇2020年政府信息公开工作年度报告.pdf</a></p></div></body></html>`,
      'https://www.example.gov.cn/xxgk/zfxxgknb/202101/t20210125_1.html',
    );
    const f = auditPage(page, { rules }).result.findings!;
    expect(f.map((x) => x.ruleId)).toEqual(['DOC-ATTACHMENT-ONLY']);
  });

  it.each(Object.values(SEEDS))('seed %s (file input): no DOC finding', (name) => {
    expect(auditPage(realPage(name), { rules }).result.findings).toEqual([]);
  });
});
