import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar } from '../prereview/validators/idcard.js';
import { roundInputSchema, type EligibilityRule } from './allocation.schema.js';
import { evaluateEligibility, ruleLabel, type EligibilityFacts } from './eligibility.js';
import { IdProtector } from './id-protection.js';
import { verifyExport } from './verify.js';

const id18 = (first17: string) => first17 + idCardCheckChar(first17);
const FACTS: EligibilityFacts = { idNumber: id18('11010119900307451'), phone: '13812345678', householdDivision: '110105', householdSince: '2015年6月1日', income: 30000, holding: false, group: null };
const CTX = { referenceDate: '2026-12-01', groups: [{ name: '低保家庭', quota: 1, description: '' }], heldBefore: false };
const RULES: EligibilityRule[] = [{ type: 'age', min: 18, max: 60 }, { type: 'household', prefixes: ['1101'] }, { type: 'income', max: 50000 }, { type: 'residenceYears', min: 5 }, { type: 'notHolding' }];
const statusOf = (r: ReturnType<typeof evaluateEligibility>, rule: string) => r.checks.find((c) => c.rule === rule)?.status;

describe('eligibility suggestion', () => {
  it('passes an applicant meeting every rule, explaining each from the data', () => {
    const r = evaluateEligibility(RULES, FACTS, CTX);
    expect(r.suggestion).toBe('qualified');
    expect(r.checks.map((c) => c.rule)).toEqual(['idNumber', 'phone', 'age', 'household', 'income', 'residenceYears', 'notHolding']);
    expect(r.checks.find((c) => c.rule === 'age')!.explanation).toContain('年龄为 36 周岁');
    expect(r.checks.find((c) => c.rule === 'household')!.explanation).toContain('北京市朝阳区');
    expect(r.checks.find((c) => c.rule === 'residenceYears')!.explanation).toContain('2015-06-01 迁入，截至 2026-12-01 满 11 年');
  });

  it('fails each rule for its own reason', () => {
    expect(statusOf(evaluateEligibility(RULES, { ...FACTS, idNumber: id18('11010120100307451') }, CTX), 'age')).toBe('fail');
    expect(statusOf(evaluateEligibility(RULES, { ...FACTS, householdDivision: '310104' }, CTX), 'household')).toBe('fail');
    expect(statusOf(evaluateEligibility(RULES, { ...FACTS, income: 50001 }, CTX), 'income')).toBe('fail');
    expect(statusOf(evaluateEligibility(RULES, { ...FACTS, householdSince: '2024-01-01' }, CTX), 'residenceYears')).toBe('fail');
    expect(evaluateEligibility(RULES, { ...FACTS, holding: true }, CTX).checks.find((c) => c.rule === 'notHolding')!.explanation).toContain('申报已持有');
    expect(evaluateEligibility(RULES, FACTS, { ...CTX, heldBefore: true }).suggestion).toBe('unqualified');
    const badId = evaluateEligibility(RULES, { ...FACTS, idNumber: '110101199003074510' }, CTX);
    expect(badId.checks[0]!.explanation).toContain('校验位');
    expect(statusOf(badId, 'age')).toBe('uncertain');
  });

  it('is uncertain, not failing, when data to check a rule is missing; a claimed group needs a person but no doubt on eligibility', () => {
    expect(evaluateEligibility(RULES, { ...FACTS, householdSince: undefined }, CTX).suggestion).toBe('uncertain');
    expect(evaluateEligibility(RULES, { ...FACTS, householdSince: '2015-02-30' }, CTX).suggestion).toBe('uncertain');
    const claimed = evaluateEligibility(RULES, { ...FACTS, group: '低保家庭' }, CTX);
    expect(claimed.suggestion).toBe('qualified');
    expect(statusOf(claimed, 'group')).toBe('uncertain');
    expect(statusOf(evaluateEligibility(RULES, { ...FACTS, group: '优抚对象' }, CTX), 'group')).toBe('fail');
  });

  it('labels rules in Chinese for the public page', () => {
    expect(RULES.map(ruleLabel)).toEqual(['年龄 18 至 60 周岁', '户籍在北京市', '家庭人均年收入不超过 50000 元', '户籍迁入满 5 年', '未享受过同类资源（未持有、未曾在同类轮次中签）']);
  });

  it('refuses a round whose quotas exceed the slots or whose division prefix does not exist', () => {
    const base = { title: 't', resourceName: 'r', resourceKind: 'k', slots: 2, registrationOpensAt: '2026-12-01T09:00:00+08:00', registrationClosesAt: '2026-12-08T17:00:00+08:00' };
    expect(roundInputSchema.safeParse({ ...base, groups: [{ name: 'a', quota: 3 }] }).error?.issues[0]?.message).toContain('超过名额数');
    expect(roundInputSchema.safeParse({ ...base, rules: [{ type: 'household', prefixes: ['99'] }] }).success).toBe(false);
    expect(roundInputSchema.safeParse({ ...base, registrationClosesAt: base.registrationOpensAt }).error?.issues[0]?.message).toContain('晚于');
  });
});

describe('ID protection', () => {
  it('encrypts with a fresh nonce, decrypts, and gives a stable keyed HMAC', () => {
    const p = new IdProtector(randomBytes(32));
    const a = p.encrypt(FACTS.idNumber);
    expect(a).not.toBe(p.encrypt(FACTS.idNumber));
    expect(a).not.toContain(FACTS.idNumber);
    expect(p.decrypt(a)).toBe(FACTS.idNumber);
    expect(p.hmac(FACTS.idNumber)).toBe(p.hmac(FACTS.idNumber));
    expect(new IdProtector(randomBytes(32)).hmac(FACTS.idNumber)).not.toBe(p.hmac(FACTS.idNumber));
    const tampered = Buffer.from(a, 'base64');
    tampered[tampered.length - 1]! ^= 1;
    expect(() => p.decrypt(tampered.toString('base64'))).toThrow();
  });
});

describe('verifyExport on malformed input', () => {
  it('names what is wrong instead of throwing', async () => {
    expect((await verifyExport(null)).problems).toEqual(['文件内容不是 JSON 对象']);
    const r = await verifyExport({ format: 'other', algorithm: { id: 'x' }, round: {}, qualified: 'no', listHash: 'zz', commitment: '', secret: 1, seed: null, publicValue: '', results: [{}] });
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/format[\s\S]*algorithm\.id[\s\S]*名额数[\s\S]*qualified[\s\S]*listHash[\s\S]*publicValue[\s\S]*results/);
  });
});
