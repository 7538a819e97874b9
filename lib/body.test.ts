import { describe, expect, it } from 'vitest';
import { bodyName, matchBodies, sameSite, siteOf } from './body';

describe('bodyName', () => {
  it.each([
    ['韩庄镇人民政府', '韩庄镇', 'body'],
    ['韩庄镇', '韩庄镇', 'body'],
    ['平潭综合实验区管委会', '平潭综合实验区', 'body'], // pingtan-2014's title
    ['平潭综合实验区党工委管委会', '平潭综合实验区', 'body'], // pingtan-2024's SiteName
    ['红椿镇 人民政府', '红椿镇', 'body'],
    ['ＸＸ县人民政府', 'XX县', 'body'], // full-width letters
    ['某县人民政府办公室', '某县#办公室', 'office'],
    ['某县政府办公室', '某县#办公室', 'office'],
    ['上海市人民政府办公厅', '上海市#办公室', 'office'],
    ['平潭综合实验区管委会办公室', '平潭综合实验区#办公室', 'office'],
    ['某市教育局办公室', '某市教育局办公室', 'body'], // a bureau's office is a name of its own
    ['某市教育局', '某市教育局', 'body'],
  ])('%s → key %s (%s)', (name, key, kind) => {
    const b = bodyName(name);
    expect(b.key).toBe(key);
    expect(b.kind).toBe(kind);
  });

  it('keeps a government and its office apart', () => {
    expect(bodyName('某县人民政府').key).not.toBe(bodyName('某县人民政府办公室').key);
  });
});

describe('sites', () => {
  it('reads the host without www and port', () => {
    expect(siteOf('https://www.pingtan.gov.cn/zwgk/t1.htm')).toBe('pingtan.gov.cn');
    expect(siteOf('http://WWW.X.gov.cn:8080/a')).toBe('x.gov.cn');
    expect(siteOf('file:///tmp/a.html')).toBeNull();
    expect(siteOf('samples/a.html')).toBeNull();
    expect(siteOf(null)).toBeNull();
  });
  it('treats a subdomain as the same site', () => {
    expect(sameSite('zwgk.pingtan.gov.cn', 'pingtan.gov.cn')).toBe(true);
    expect(sameSite('pingtan.gov.cn', 'fuzhou.gov.cn')).toBe(false);
    expect(sameSite('apingtan.gov.cn', 'pingtan.gov.cn')).toBe(false);
  });
});

describe('matchBodies', () => {
  it('matches pingtan 2014 (管委会) with 2024 on the same site, and says why', () => {
    const m = matchBodies({ entity: '平潭综合实验区', site: 'pingtan.gov.cn' }, { entity: '平潭综合实验区管委会', site: 'pingtan.gov.cn' });
    expect(m).toMatchObject({ same: true, basis: 'name-and-site' });
    expect(m.reason).toContain('平潭综合实验区管委会');
    expect(m.reason).toContain('pingtan.gov.cn');
  });
  it('matches on the name alone when a site is unknown, and says so', () => {
    const m = matchBodies({ entity: '韩庄镇', site: null }, { entity: '韩庄镇人民政府', site: 'hz.gov.cn' });
    expect(m).toMatchObject({ same: true, basis: 'name-only' });
    expect(m.reason).toContain('网站未知');
  });
  it('never pairs one name on two sites (there are many 城关镇)', () => {
    const m = matchBodies({ entity: '城关镇人民政府', site: 'a.gov.cn' }, { entity: '城关镇', site: 'b.gov.cn' });
    expect(m).toMatchObject({ same: false, basis: 'different-site' });
  });
  it('does not pair different bodies of one site, nor a government with its office', () => {
    expect(matchBodies({ entity: '红星镇', site: 'x.gov.cn' }, { entity: '红椿镇', site: 'x.gov.cn' }).basis).toBe('different-name');
    expect(matchBodies({ entity: '某县人民政府', site: 'x.gov.cn' }, { entity: '某县人民政府办公室', site: 'x.gov.cn' }).same).toBe(false);
  });
  it('cannot match without a name', () => {
    expect(matchBodies({ entity: null, site: 'x.gov.cn' }, { entity: '红星镇', site: 'x.gov.cn' }).basis).toBe('no-name');
  });
});
