/**
 * The command line's cross-year checks: inputs grouped by body and ordered by year, consecutive
 * years compared, findings in --json carrying both reports' ids, the readable block naming the
 * pairing. Real pages (tests/fixtures/real/) and a mutated "previous year" of seed 002
 * (tests/fixtures/crossyear/002-previous-year-carry.txt: 2019, 结转下年度 2; the real 2020 seed carries 0 over).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditResultListSchema } from '../lib/schema';
import type { AuditResult } from '../lib/types';
import { EXIT_OK, main } from './report-audit';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NOW = new Date('2026-01-02T03:04:05.000Z');
const SEED_2019 = 'tests/fixtures/crossyear/002-previous-year-carry.txt';
const SEED_2020 = 'tests/fixtures/real/002_99c313048ea6a297.txt';
const PT = (y: number) => `tests/fixtures/real/pingtan-${y}.${y === 2024 ? 'html' : 'txt'}`;

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s), now: NOW, cwd: ROOT });
  return { code, out, err };
}

const json = (out: string) => AuditResultListSchema.parse(JSON.parse(out)) as AuditResult[];

describe('report-audit across years', () => {
  it('--json: the later year gets XYEAR-CARRY with both ids, whatever the input order', async () => {
    const { code, out } = await run(['--json', join(ROOT, SEED_2020), join(ROOT, SEED_2019)]);
    expect(code).toBe(EXIT_OK);
    const [y2020, y2019] = json(out);
    expect(y2020!.report?.year).toBe(2020);
    const carry = y2020!.findings!.filter((f) => f.ruleId === 'XYEAR-CARRY');
    expect(carry).toEqual([
      expect.objectContaining({ severity: 'error', cells: ['T3:2:natural'], expected: 2, actual: 0 }),
      expect.objectContaining({ severity: 'error', cells: ['T3:2:total'], expected: 2, actual: 0 }),
    ]);
    for (const f of y2020!.findings!.filter((f) => f.ruleId.startsWith('XYEAR-'))) {
      expect(f.reports).toEqual({ current: join(ROOT, SEED_2020), previous: join(ROOT, SEED_2019) });
    }
    // the copy also repeats the text but for its years
    expect(y2020!.findings!.map((f) => f.ruleId)).toContain('XYEAR-DUPLICATE');
    // errors first: the cross-year errors sort with the others (the seed alone has no error)
    expect(y2020!.findings![0]!.ruleId).toBe('XYEAR-CARRY');
    // the earlier year gets nothing from the comparison, and no finding of a single report carries ids
    expect(y2019!.findings!.some((f) => f.ruleId.startsWith('XYEAR-'))).toBe(false);
    expect(y2019!.findings!.every((f) => f.reports === undefined)).toBe(true);
  });

  it('readable: names the pairing, the match and the scope', async () => {
    const { code, out } = await run([SEED_2019, SEED_2020]);
    expect(code).toBe(EXIT_OK);
    const block = out.slice(out.indexOf('跨年比较'));
    expect(block).toContain(`同江市乐业镇 2020 年报告: ${SEED_2020}`);
    expect(block).toContain(`与 2019 年报告比较: ${SEED_2019}`);
    expect(block).toContain('匹配  机关“同江市乐业镇”名称相同；网站未知，仅按名称匹配');
    expect(block).toMatch(/错误\s+XYEAR-CARRY 上年结转与上年报告的结转下年度不符\s+表三 二、上年结转政府信息公开申请数量 \/ 自然人\s+2\s+0/);
    expect(out).toMatch(/合计：2 个输入，2 份年报；错误 2，/);
  });

  it('the real Pingtan reports: one body over 2014…2024, consecutive years compared on their text only, nothing found', async () => {
    const { code, out } = await run([PT(2024), PT(2018), PT(2014), PT(2017), PT(2016)]);
    expect(code).toBe(EXIT_OK);
    const block = out.slice(out.indexOf('跨年比较'));
    expect(block.match(/与 \d{4} 年报告比较/g)).toEqual(['与 2016 年报告比较', '与 2017 年报告比较']);
    expect(block).toContain(`平潭综合实验区 2017 年报告: ${PT(2017)}`);
    expect(block).toContain('同一网站（pingtan.gov.cn）');
    expect(block).toContain('旧版或未识别格式：只比较正文，不比较表格');
    expect(block).not.toMatch(/XYEAR-/);
    const results = json((await run(['--json', PT(2016), PT(2017), PT(2018)])).out);
    // each legacy page still has exactly its FMT-LEGACY finding (corpus README)
    for (const r of results) expect(r.findings!.map((f) => f.ruleId)).toEqual(['FMT-LEGACY']);
  });

  it('different bodies are never paired: seeds of different towns', async () => {
    const { out } = await run(['tests/fixtures/real/001_7c44bb757eda1ba7.txt', SEED_2020]);
    expect(out).not.toContain('跨年比较');
  });

  describe('over http: two years on one site', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((req, res) => {
        const file = req.url === '/nb/2019.htm' ? SEED_2019 : req.url === '/nb/2020.htm' ? SEED_2020 : null;
        if (!file) return void res.writeHead(404).end();
        // a text dump served as text/plain is read as a dump
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(readFileSync(join(ROOT, file)));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('pairs on name and site, ids are the URLs', async () => {
      const { out } = await run(['--json', `${base}/nb/2020.htm`, `${base}/nb/2019.htm`]);
      const [y2020] = json(out);
      const carry = y2020!.findings!.find((f) => f.ruleId === 'XYEAR-CARRY');
      expect(carry?.reports).toEqual({ current: `${base}/nb/2020.htm`, previous: `${base}/nb/2019.htm` });
      const readable = (await run([`${base}/nb/2019.htm`, `${base}/nb/2020.htm`])).out;
      expect(readable).toContain('同一网站（127.0.0.1）');
    });
  });
});
