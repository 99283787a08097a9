import { describe, expect, it } from 'vitest';
import { provincesIn } from './places.js';

describe('provincesIn', () => {
  it('reads provinces and prefectures, full or short, as their province', () => {
    expect([...provincesIn('陕西省在援企稳岗方面有哪些举措')]).toEqual(['61']);
    expect([...provincesIn('铁岭市对运输防控重点物资的收入给予什么政策')]).toEqual(['21']);
    expect([...provincesIn('广西乡村振兴专项资金用于什么')]).toEqual(['45']);
    expect([...provincesIn('延边州的补贴标准')]).toEqual(['22']);
    // autonomous regions by their short names too
    expect([...provincesIn('内蒙古绿色通道保障哪些车辆')]).toEqual(['15']);
    expect([...provincesIn('新疆和西藏的做法')].sort()).toEqual(['54', '65']);
    expect([...provincesIn('宁夏的补贴')]).toEqual(['64']);
    expect([...provincesIn('北京市和深圳的做法')].sort()).toEqual(['11', '44']);
  });

  it('finds no place in a question without one, nor county names that are ordinary words', () => {
    expect(provincesIn('纳税人如何电话咨询办理税费业务').size).toBe(0);
    expect(provincesIn('维护社会和平稳定').size).toBe(0);
  });
});
