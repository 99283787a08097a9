import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocationExtractor, extractLocation, locationSchema } from './location.js';

/** A street table in the format of the national list (code,name,areaCode,provinceCode,cityCode), written for the test. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-divisions-'));
fs.writeFileSync(
  path.join(dir, 'streets.csv'),
  ['code,name,areaCode,provinceCode,cityCode', '440106006,"石牌街道",440106,44,4401', '110105026,"望京街道",110105,11,1101', '430121106,"春华镇",430121,43,4301'].join('\n'),
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('extractLocation', () => {
  const x = new LocationExtractor(dir);

  it('reads province, prefecture, county, township, community and road with the deepest division code', () => {
    const loc = x.extract('我家住在广州市天河区石牌街道华师社区，小区门口的中山大道西经常堵车');
    expect(loc).toEqual({
      province: '广东省',
      city: '广州市',
      area: '天河区',
      street: '石牌街道',
      community: '华师社区',
      road: '中山大道',
      divisionCode: '440106006',
      address: '广州市天河区石牌街道华师社区',
    });
    expect(locationSchema.parse(loc)).toEqual(loc);
  });

  it('fills the levels above a county named alone, and chooses a repeated county name by the city named', () => {
    expect(x.extract('深圳南山区粤海街道科技园')).toMatchObject({ province: '广东省', city: '深圳市', area: '南山区', divisionCode: '440305' });
    expect(x.extract('长春市朝阳区的一个路口')).toMatchObject({ province: '吉林省', area: '朝阳区', divisionCode: '220104' });
    // 朝阳区 is in Beijing and in Changchun: the township decides
    expect(x.extract('朝阳区望京街道晚上施工噪音').divisionCode).toBe('110105026');
    expect(x.extract('朝阳区晚上施工噪音').divisionCode).toBeUndefined();
  });

  it('keeps anonymised places as names without inventing a code for them', () => {
    const loc = x.extract('座落在A市A3区联丰路米兰春天G2栋320，一家影楼');
    expect(loc).toEqual({ city: 'A市', area: 'A3区', road: '联丰路', address: 'A市A3区联丰路米兰春天G2栋320' });
    // a township of the same name elsewhere is not this anonymised county's township
    expect(x.extract('西地省A市A7县春华镇金鼎村').divisionCode).toBeUndefined();
    expect(x.extract('西地省A市A7县春华镇金鼎村')).toMatchObject({ province: '西地省', area: 'A7县', street: '春华镇', community: '金鼎村' });
  });

  it('does not take ordinary words for places', () => {
    expect(x.extract('请问道路什么时候修好，走路很不方便，乡镇和农村都一样')).toEqual({});
    expect(x.extract('咨询社保缴费问题')).toEqual({});
    expect(x.extract('要求修好和平路上的路灯').road).toBe('和平路');
  });

  it('works without a street table (no township codes, names still read)', () => {
    const loc = extractLocation('位于A市A2区桂花坪街道的宿舍区（景蓉华苑）');
    expect(loc).toMatchObject({ city: 'A市', area: 'A2区', street: '桂花坪街道', community: '景蓉华苑' });
    expect(new LocationExtractor().extract('北京市海淀区中关村大街').divisionCode).toBe('110108');
  });

  it('names the line of a bad street table', () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-divisions-bad-'));
    fs.writeFileSync(path.join(bad, 'streets.csv'), 'code,name,areaCode\n440106006,石牌街道,440106\nx,坏,1\n');
    expect(() => new LocationExtractor(bad)).toThrow(/line 3/);
    expect(() => new LocationExtractor(path.join(bad, 'missing'))).toThrow(/XZ_DIVISIONS_DIR: .*streets\.csv not found/);
    fs.rmSync(bad, { recursive: true, force: true });
  });
});
