import { describe, expect, it } from 'vitest';
import { maskAddress, maskIp, maskName, maskPersonalData, maskText } from './pii.js';

describe('maskText', () => {
  it('hides the birth date and sequence of an 18-digit ID number, keeping 3 + 4 characters', () => {
    expect(maskText('身份证号110101199003074518，请核对')).toBe('身份证号110***********4518，请核对');
    expect(maskText('证件：11010119900307451X')).toBe('证件：110***********451X');
    expect(maskText('旧证 110101900307451')).toBe('旧证 110*********451');
  });

  it('leaves longer digit runs and shorter numbers alone instead of cutting an ID out of them', () => {
    expect(maskText('订单 1101011990030745181234')).toBe('订单 1101011990030745181234');
    expect(maskText('办理时限 20 个工作日，收费 0 元，文号〔2026〕3号')).toBe('办理时限 20 个工作日，收费 0 元，文号〔2026〕3号');
  });

  it('masks mobile numbers in any common spelling', () => {
    expect(maskText('电话13812345678')).toBe('电话138****5678');
    expect(maskText('+86 138-1234-5678')).toBe('138****5678');
    expect(maskText('8613812345678 或 138 1234 5678')).toBe('138****5678 或 138****5678');
  });

  it('masks landlines keeping the area code', () => {
    expect(maskText('请拨 0571-87654321 或 (010)12345678')).toBe('请拨 0571-****4321 或 010-****5678');
    expect(maskText('热线 12345')).toBe('热线 12345');
  });

  it('hides house numbers of street addresses but keeps the road', () => {
    expect(maskText('住在青禾区人民路1号3栋2单元501室')).toBe('住在青禾区人民路***');
    expect(maskText('幸福小区3-2-501的住户')).toBe('幸福小区***的住户');
    expect(maskText('家住东风村五组十二号')).toBe('家住东风村***');
    expect(maskText('地点：示范区政务服务中心')).toBe('地点：示范区政务服务中心');
  });
});

describe('maskName / maskAddress / maskIp', () => {
  it('keeps only the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('John Smith')).toBe('J*** S****');
  });

  it('keeps the administrative part of an address', () => {
    expect(maskAddress('云州市青禾区人民路1号3栋501室')).toBe('云州市青禾区****');
    expect(maskAddress('浙江省杭州市西湖区北山街道曙光路12号')).toBe('浙江省杭州市西湖区北山街道****');
    expect(maskAddress('人民路1号')).toBe('人民****');
    expect(maskAddress('青禾区人民路幸福小区5栋')).toBe('青禾区****');
  });

  it('keeps the network part of an address', () => {
    expect(maskIp('203.0.113.45')).toBe('203.0.*.*');
    expect(maskIp('::ffff:10.1.2.3')).toBe('::ffff:10.1.*.*');
    expect(maskIp('2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:*');
  });
});

describe('maskPersonalData', () => {
  it('masks recursively, whole values under name and address keys, and never mutates the input', () => {
    const input = {
      citizenName: '李四',
      contact: { phone: '13912345678', address: '云州市青禾区人民路8号' },
      notes: ['身份证 110101199003074518'],
      count: 3,
      ok: true,
      none: null,
    };
    const copy = structuredClone(input);
    expect(maskPersonalData(input)).toEqual({
      citizenName: '李*',
      contact: { phone: '139****5678', address: '云州市青禾区****' },
      notes: ['身份证 110***********4518'],
      count: 3,
      ok: true,
      none: null,
    });
    expect(input).toEqual(copy);
  });

  it('uses the keys a caller marks', () => {
    expect(maskPersonalData({ owner: '赵六', name: 'wangfang' }, { nameKeys: ['owner'] })).toEqual({ owner: '赵*', name: 'wangfang' });
  });
});
