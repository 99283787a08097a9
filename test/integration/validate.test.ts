/**
 * Public identifier checks through HTTP on both databases: answers with the facts a form
 * needs (birth date, sex, region; authority, category), Chinese reasons, no sign-in, and the
 * global per-address rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardResultSchema, phoneResultSchema, usccResultSchema } from '../../src/prereview/validate.schema.js';
import { brokenIdNumber, idNumber, uscc } from '../fixtures/prereview/generate.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

describe.each(DIALECTS)('validate API (%s)', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '12' } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const post = (what: string, value: unknown, ip = '198.51.100.7') => t.app.inject({ method: 'POST', url: `/api/v1/validate/${what}`, payload: { value }, remoteAddress: ip });

  it('checks an ID number: birth date, sex and region, or the reason in Chinese', async () => {
    const ok = idCardResultSchema.parse((await post('idcard', idNumber('330106', '19880229', '062'))).json());
    expect(ok).toMatchObject({ valid: true, info: { birthDate: '1988-02-29', sex: '女', regionName: '浙江省杭州市西湖区' } });
    const bad = idCardResultSchema.parse((await post('idcard', brokenIdNumber(idNumber()))).json());
    expect(bad.valid).toBe(false);
    expect(bad.reason).toMatch(HAN);
    expect(bad.reason).toContain('校验位');
    expect(idCardResultSchema.parse((await post('idcard', idNumber('110101', '19900230', '001'))).json()).reason).toContain('不存在');
  });

  it('checks a credit code and a phone number', async () => {
    expect(usccResultSchema.parse((await post('uscc', uscc('91110105', 'MA01AB3C'))).json())).toMatchObject({ valid: true, info: { authority: '工商', category: '企业', regionName: '北京市朝阳区' } });
    expect(usccResultSchema.parse((await post('uscc', '91350100M000100Y4O')).json()).reason).toContain('第18位“O”');
    expect(phoneResultSchema.parse((await post('phone', '0571-87654321')).json())).toMatchObject({ valid: true, info: { type: 'landline', areaCode: '0571' } });
    expect(phoneResultSchema.parse((await post('phone', '1381234567')).json()).valid).toBe(false);
  });

  it('names the missing field', async () => {
    const res = await post('phone', undefined, '198.51.100.8');
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).error.message).toContain('value');
  });

  it('is rate-limited per address like every public endpoint', async () => {
    const ip = '203.0.113.99';
    const codes: number[] = [];
    for (let i = 0; i < 14; i++) codes.push((await post('phone', '13812345678', ip)).statusCode);
    expect(codes.slice(0, 12).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});
