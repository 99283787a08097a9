import { describe, expect, it } from 'vitest';
import { idCardCheckChar, isExpired, organizationCheckChar, parseDocumentDate, parseValidityPeriod, regionOf, usccCheckChar, validateIdCard, validatePhone, validateUscc } from './index.js';

const TODAY = '2026-11-28';
const id = (first17: string) => first17 + idCardCheckChar(first17);
const uscc = (first8: string, org8: string) => {
  const org = org8 + organizationCheckChar(org8);
  return first8 + org + usccCheckChar(first8 + org);
};

describe('validateIdCard (GB 11643)', () => {
  it('accepts the examples printed in the standard and gives birth date, sex and region', () => {
    const r = validateIdCard('11010519491231002X', { today: TODAY });
    expect(r).toEqual({
      valid: true,
      info: { normalized: '11010519491231002X', birthDate: '1949-12-31', sex: '女', regionCode: '110105', regionName: '北京市朝阳区', regionLevel: 'county', age: 76 },
    });
    // 440524 (潮阳县) was abolished: still a valid number, named down to the prefecture
    expect(validateIdCard('440524188001010014', { today: TODAY })).toMatchObject({ valid: true, info: { birthDate: '1880-01-01', sex: '男', regionName: '广东省汕头市', regionLevel: 'prefecture' } });
  });

  it.each([
    ['110101199003074514', '男', '北京市东城区'],
    ['440106198512310046', '女', '广东省广州市天河区'],
    ['650102200002290013', '男', '新疆维吾尔自治区乌鲁木齐市天山区'],
    ['810000199001010011', '男', '香港特别行政区'],
  ])('computes and accepts %s', (n, sex, region) => {
    const valid = id(n.slice(0, 17));
    expect(validateIdCard(valid, { today: TODAY })).toMatchObject({ valid: true, info: { sex, regionName: region } });
  });

  it('normalises lower-case x, full-width digits and grouping spaces', () => {
    expect(validateIdCard('11010519491231002x', { today: TODAY })).toMatchObject({ valid: true, info: { normalized: '11010519491231002X' } });
    expect(validateIdCard(' 110105 19491231 002X ', { today: TODAY }).valid).toBe(true);
    expect(validateIdCard('１１０１０５１９４９１２３１００２Ｘ', { today: TODAY }).valid).toBe(true);
  });

  it.each([
    ['', '不能为空'],
    ['11010519491231002', '应为18位，现为17位'],
    ['1101051949123100211', '应为18位，现为19位'],
    ['110105194912310', '15位第一代'],
    ['11010519491231002Y', '最后一位为数字或X'],
    ['1101051949123X0021', '前17位应为数字'],
    ['110105194912310021', '校验位不正确'],
    ['110105194912310020', '校验位不正确'],
  ])('rejects %j (%s)', (value, reason) => {
    const r = validateIdCard(value, { today: TODAY });
    expect(r.valid).toBe(false);
    expect(r.reason).toContain(reason);
  });

  it('rejects birth dates that do not exist or lie in the future, with a correct check digit', () => {
    expect(validateIdCard(id('11010119900230001'), { today: TODAY }).reason).toContain('出生日期 19900230 不存在');
    expect(validateIdCard(id('11010119010229001'), { today: TODAY }).reason).toContain('不存在');
    expect(validateIdCard(id('11010120000229001'), { today: TODAY }).valid).toBe(true);
    expect(validateIdCard(id('11010119901301001'), { today: TODAY }).reason).toContain('不存在');
    expect(validateIdCard(id('11010120261129001'), { today: TODAY }).reason).toContain('晚于今天');
    expect(validateIdCard(id('11010120261128001'), { today: TODAY })).toMatchObject({ valid: true, info: { age: 0 } });
  });

  it('rejects an address code whose province does not exist', () => {
    for (const head of ['000000', '190101', '990101', '200101']) {
      expect(validateIdCard(id(`${head}19900101001`), { today: TODAY }).reason).toContain(`地址码 ${head}`);
    }
  });

  it('counts the age in full years on the given day', () => {
    const n = id('11010119900307001');
    expect(validateIdCard(n, { today: '2026-03-06' }).info?.age).toBe(35);
    expect(validateIdCard(n, { today: '2026-03-07' }).info?.age).toBe(36);
  });
});

describe('validateUscc (GB 32100)', () => {
  it('accepts the example of the standard and names authority, category and region', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({
      valid: true,
      info: { normalized: '91350100M000100Y43', authority: '工商', category: '企业', regionCode: '350100', regionName: '福建省福州市', organizationCode: 'M000100Y4' },
    });
  });

  it.each([
    ['11110000', '00001234', '机构编制', '机关', '北京市'],
    ['52440106', 'MJ000000', '民政', '民办非企业单位', '广东省广州市天河区'],
    ['92320102', 'MA1XYU00', '工商', '个体工商户', '江苏省南京市玄武区'],
    ['12100000', '40000000', '机构编制', '事业单位', '全国（中央）'],
  ])('computes and accepts %s%s', (head, org, authority, category, region) => {
    expect(validateUscc(uscc(head, org))).toMatchObject({ valid: true, info: { authority, category, regionName: region } });
  });

  it('normalises case and spaces', () => {
    expect(validateUscc(' 91350100m000100y43 ')).toMatchObject({ valid: true, info: { normalized: '91350100M000100Y43' } });
  });

  it.each([
    ['', '不能为空'],
    ['91350100M000100Y4', '应为18位，现为17位'],
    ['91350100M000100Y44', '校验位不正确'],
    ['91350100I000100Y43', '第9位“I”不是允许的字符'],
    ['91350100M000100O43', '第16位“O”'],
    ['Z1350100M000100Y43', '第1位“Z”'],
    ['9135010SM000100Y43', '第8位“S”'],
  ])('rejects %j (%s)', (value, reason) => {
    const r = validateUscc(value);
    expect(r.valid).toBe(false);
    expect(r.reason).toContain(reason);
  });

  it('rejects a code whose check character fits but whose organisation code does not', () => {
    const org = 'M000100Y5';
    const first17 = `91350100${org}`;
    const code = first17 + usccCheckChar(first17);
    expect(validateUscc(code).reason).toContain('组织机构代码 M000100Y5');
  });
});

describe('validatePhone', () => {
  it.each([
    ['13812345678', 'mobile', '13812345678'],
    ['+86 138 1234 5678', 'mobile', '13812345678'],
    ['199-1234-5678', 'mobile', '19912345678'],
    ['010-62345678', 'landline', '010-62345678'],
    ['(0571)87654321', 'landline', '0571-87654321'],
    ['（0755）8765432', 'landline', '0755-8765432'],
    ['02161234567', 'landline', '021-61234567'],
    ['0371-6789012', 'landline', '0371-6789012'],
    ['400-810-8888', 'service', '400-8108888'],
  ])('accepts %j as %s', (value, type, normalized) => {
    expect(validatePhone(value)).toMatchObject({ valid: true, info: { type, normalized } });
  });

  it('reads an extension', () => {
    expect(validatePhone('010-62345678转123').info).toMatchObject({ type: 'landline', extension: '123' });
    expect(validatePhone('010-62345678-8001').info).toMatchObject({ normalized: '010-62345678', extension: '8001' });
  });

  it.each([
    ['', '不能为空'],
    ['12812345678', '第二位应为3至9'],
    ['1381234567', '手机号码应为11位'],
    ['138123456789', '手机号码应为11位'],
    ['62345678', '请加上区号'],
    ['010-12345678', '不以0或1开头'],
    ['010-0234567', '不以0或1开头'],
    ['0261-2345678', '区号 026 不存在'],
    ['138-abcd-5678', '只能包含数字'],
  ])('rejects %j (%s)', (value, reason) => {
    const r = validatePhone(value);
    expect(r.valid).toBe(false);
    expect(r.reason).toContain(reason);
  });
});

describe('document dates', () => {
  it.each([
    ['2016.05.01', '2016-05-01'],
    ['签发日期：2016年5月1日', '2016-05-01'],
    ['2016/5/1', '2016-05-01'],
    ['20160501', '2016-05-01'],
    ['2016-02-30', null],
    ['无日期', null],
  ])('parses %j', (text, date) => {
    expect(parseDocumentDate(text)).toBe(date);
  });

  it('reads validity periods and decides expiry inclusively', () => {
    const p = parseValidityPeriod('有效期限 2016.05.01-2026.05.01')!;
    expect(p).toEqual({ from: '2016-05-01', to: '2026-05-01', indefinite: false });
    expect(isExpired(p, '2026-05-01')).toBe(false);
    expect(isExpired(p, '2026-05-02')).toBe(true);
    const forever = parseValidityPeriod('2010.01.01-长期')!;
    expect(forever).toEqual({ from: '2010-01-01', to: null, indefinite: true });
    expect(isExpired(forever, '2099-01-01')).toBe(false);
    expect(parseValidityPeriod('没有日期')).toBeNull();
  });

  it('names regions at the deepest known level', () => {
    expect(regionOf('330106')).toMatchObject({ name: '浙江省杭州市西湖区', level: 'county' });
    expect(regionOf('110000')).toMatchObject({ name: '北京市', level: 'province' });
    expect(regionOf('990000')).toBeNull();
  });
});
