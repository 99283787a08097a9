/**
 * The eligibility suggestion: a round's declarative rules checked against one registration
 * with the pre-review validators. It is advice to the reviewer, who decides; a rule that
 * cannot be checked from the data is `uncertain`, never guessed.
 */
import { parseDocumentDate, regionOf, validateIdCard, validatePhone } from '../prereview/validators/index.js';
import { ageOn } from '../prereview/validators/idcard.js';
import type { Check, EligibilityRule, Group, Suggestion } from './allocation.schema.js';

export const ELIGIBILITY_PRODUCER = 'rules:allocation-eligibility@1';

export interface EligibilityFacts {
  idNumber: string;
  phone: string;
  householdDivision: string;
  householdSince?: string;
  income: number;
  holding: boolean;
  group: string | null;
}

export interface EligibilityContext {
  /** YYYY-MM-DD (Asia/Shanghai) on which ages and years of residence are counted: the registration close */
  referenceDate: string;
  groups: Group[];
  /** selected in an earlier round of the same resource kind */
  heldBefore: boolean;
}

const regionName = (code: string) => regionOf(code)?.name ?? code;

/** The rule as a sentence for the public page and the report. */
export function ruleLabel(rule: EligibilityRule): string {
  switch (rule.type) {
    case 'age':
      if (rule.min !== undefined && rule.max !== undefined) return `年龄 ${rule.min} 至 ${rule.max} 周岁`;
      return rule.min !== undefined ? `年满 ${rule.min} 周岁` : `不超过 ${rule.max} 周岁`;
    case 'household':
      return `户籍在${rule.prefixes.map((p) => regionName(p.padEnd(6, '0'))).join('、')}`;
    case 'income':
      return `家庭人均年收入不超过 ${rule.max} 元`;
    case 'residenceYears':
      return `户籍迁入满 ${rule.min} 年`;
    case 'notHolding':
      return '未享受过同类资源（未持有、未曾在同类轮次中签）';
  }
}

function check(rule: EligibilityRule, f: EligibilityFacts, ctx: EligibilityContext, age: number | null): Check {
  const label = ruleLabel(rule);
  const out = (status: Check['status'], explanation: string): Check => ({ rule: rule.type, label, status, explanation });
  switch (rule.type) {
    case 'age': {
      if (age === null) return out('uncertain', '身份证号码无效，无法计算年龄');
      const ok = (rule.min === undefined || age >= rule.min) && (rule.max === undefined || age <= rule.max);
      return out(ok ? 'pass' : 'fail', `按身份证号码计算，截至 ${ctx.referenceDate} 年龄为 ${age} 周岁`);
    }
    case 'household': {
      const region = regionOf(f.householdDivision);
      if (!region) return out('fail', `户籍所在地代码 ${f.householdDivision} 不是有效的行政区划代码`);
      const ok = rule.prefixes.some((p) => f.householdDivision.startsWith(p));
      return out(ok ? 'pass' : 'fail', `户籍所在地为${region.name}（${f.householdDivision}）`);
    }
    case 'income':
      return out(f.income <= rule.max ? 'pass' : 'fail', `申报家庭人均年收入 ${f.income} 元${f.income <= rule.max ? '，未超过' : '，超过'}上限 ${rule.max} 元`);
    case 'residenceYears': {
      if (!f.householdSince) return out('uncertain', '未填写户籍迁入日期，需人工核实');
      const since = parseDocumentDate(f.householdSince);
      if (!since) return out('uncertain', `户籍迁入日期“${f.householdSince}”无法识别或不存在，需人工核实`);
      if (since > ctx.referenceDate) return out('fail', `户籍迁入日期 ${since} 晚于 ${ctx.referenceDate}`);
      const years = ageOn(since, ctx.referenceDate);
      return out(years >= rule.min ? 'pass' : 'fail', `户籍于 ${since} 迁入，截至 ${ctx.referenceDate} 满 ${years} 年`);
    }
    case 'notHolding':
      if (f.holding) return out('fail', '申请人申报已持有同类资源');
      if (ctx.heldBefore) return out('fail', '申请人曾在同类资源的轮次中签');
      return out('pass', '申请人申报未持有同类资源，且未在同类轮次中签');
  }
}

/** Rules' results and the overall suggestion: any fail → unqualified, any uncertain → uncertain. */
export function evaluateEligibility(rules: EligibilityRule[], f: EligibilityFacts, ctx: EligibilityContext): { checks: Check[]; suggestion: Suggestion } {
  const checks: Check[] = [];
  const id = validateIdCard(f.idNumber, { today: ctx.referenceDate });
  checks.push({
    rule: 'idNumber',
    label: '居民身份证号码有效（GB 11643）',
    status: id.valid ? 'pass' : 'fail',
    explanation: id.valid ? `出生日期 ${id.info!.birthDate}，${id.info!.sex}，发证地 ${id.info!.regionName}` : id.reason!,
  });
  const phone = validatePhone(f.phone);
  checks.push({ rule: 'phone', label: '联系电话有效', status: phone.valid ? 'pass' : 'fail', explanation: phone.valid ? (phone.info!.type === 'mobile' ? '手机号码' : '固定电话') : phone.reason! });
  const age = id.valid ? ageOn(id.info!.birthDate, ctx.referenceDate) : null;
  for (const rule of rules) checks.push(check(rule, f, ctx, age));
  if (f.group !== null) {
    const known = ctx.groups.some((g) => g.name === f.group);
    checks.push({
      rule: 'group',
      label: `优先组：${f.group}`,
      status: known ? 'uncertain' : 'fail',
      explanation: known ? `申请人申报属于“${f.group}”，须核验相关证明后确认` : `本轮没有名为“${f.group}”的优先组`,
    });
  }
  // the group claim needs a person in any case; it does not make the basic eligibility uncertain
  const basic = checks.filter((c) => c.rule !== 'group');
  const suggestion: Suggestion = basic.some((c) => c.status === 'fail') ? 'unqualified' : basic.some((c) => c.status === 'uncertain') ? 'uncertain' : 'qualified';
  return { checks, suggestion };
}
