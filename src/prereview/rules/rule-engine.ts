/**
 * Runs an item's rules over the applicant's form and the files' extracted fields and writes
 * the report: each rule pass / fail / uncertain, with the evidence (which file, which text)
 * and a plain-Chinese explanation of what to fix. It suggests; a reviewer decides.
 */
import { FIELD_REF, type DocType, type Evidence, type Report, type Rule, type RuleResult, type RuleStatus } from '../prereview.schema.js';
import { docTypeOfMaterial } from '../extraction/classify.js';
import { isExpired, parseDocumentDate, parseValidityPeriod } from '../validators/dates.js';
import { ageOn, validateIdCard } from '../validators/idcard.js';
import { validatePhone } from '../validators/phone.js';
import { validateUscc } from '../validators/uscc.js';
import { compactIdentifier } from '../validators/normalize.js';
import { ConditionSyntaxError, MissingValueError, evaluateCondition, parseCondition } from './condition.js';

export interface CheckedFile {
  name: string;
  docType: DocType;
  text: string;
  fields: Record<string, string>;
  /** why the file could not be read, when it could not */
  problem?: string;
}

export interface RuleInput {
  form: Record<string, string>;
  files: CheckedFile[];
  /** YYYY-MM-DD, Asia/Shanghai */
  today: string;
}

const FORM = '申请表单';

/** Form keys people use for the same thing, so rules written as form.name also read form.姓名. */
const FORM_ALIASES: Record<string, string[]> = {
  name: ['姓名', 'applicantName', '申请人姓名'],
  idNumber: ['公民身份号码', '身份证号码', '身份证号'],
  phone: ['联系电话', '手机号码', '电话'],
  companyName: ['企业名称', '名称', '单位名称'],
  uscc: ['统一社会信用代码'],
  address: ['住址', '地址', '住所'],
};

interface Resolved {
  value: string | undefined;
  source: string;
  field: string;
  /** when the value could not be looked up: what is missing, in Chinese */
  missing?: string;
  /** a file of the type is there but the field was not found in it */
  unread?: boolean;
}

function formValue(form: Record<string, string>, key: string): string | undefined {
  const keys = [key, ...(FORM_ALIASES[key] ?? []), ...Object.entries(FORM_ALIASES).filter(([, al]) => al.includes(key)).flatMap(([k, al]) => [k, ...al])];
  for (const k of keys) {
    const v = form[k]?.trim();
    if (v) return v;
  }
  return undefined;
}

function resolve(ref: string, input: RuleInput): Resolved {
  const m = FIELD_REF.exec(ref)!;
  if (m[1]) {
    const v = formValue(input.form, m[1]);
    return { value: v, source: FORM, field: m[1], missing: v === undefined ? `申请表单未填写“${m[1]}”` : undefined };
  }
  const docType = m[2] as DocType;
  const field = m[3]!;
  const files = input.files.filter((f) => f.docType === docType);
  if (files.length === 0) return { value: undefined, source: docType, field, missing: `未找到${docType}` };
  const withField = files.find((f) => f.fields[field]);
  if (!withField) {
    const f = files[0]!;
    return { value: undefined, source: f.name, field, unread: true, missing: `在“${f.name}”中未能识别出${field}${f.problem ? `（${f.problem}）` : ''}` };
  }
  return { value: withField.fields[field], source: withField.name, field };
}

/** Not filled in on the form, or no file of the type at all (as opposed to a file that could not be read). */
const notProvided = (r: Resolved) => r.value === undefined && !r.unread;

const result = (rule: Rule, label: string, status: RuleStatus, explanation: string, evidence: Evidence[] = []): RuleResult => ({ ruleId: rule.id, kind: rule.kind, label: rule.label ?? label, status, explanation, evidence });
const ev = (r: Resolved): Evidence => ({ source: r.source, field: r.field, text: r.value ?? '' });
const fieldName = (ref: string) => {
  const m = FIELD_REF.exec(ref)!;
  // a form key written in English (form.idNumber) is named by its Chinese label
  return m[1] ? `申请表单的${FORM_ALIASES[m[1]]?.[0] ?? m[1]}` : `${m[2]}的${m[3]}`;
};

/** The result of one rule, or null when an optional rule's values were not provided. */
export function evaluateRule(rule: Rule, input: RuleInput): RuleResult | null {
  switch (rule.kind) {
    case 'required_material': {
      const docType = rule.docType ?? docTypeOfMaterial(rule.material);
      const label = `提交了“${rule.material}”`;
      const byType = docType && docType !== '其他' ? input.files.find((f) => f.docType === docType) : undefined;
      if (byType) return result(rule, label, 'pass', `已识别出${docType}：${byType.name}`, [{ source: byType.name, field: '证件类型', text: docType! }]);
      const core = rule.material.replace(/^(原|申请人|法定代表人)|(原件|复印件|及复印件|（.*?）|\(.*?\))/gu, '');
      // a file already recognised as another document is not this material, whatever it mentions
      const byName = input.files.find((f) => f.docType === '其他' && !f.problem && (f.name.includes(core) || (core.length >= 4 && f.text.includes(core))));
      if (byName) return result(rule, label, docType ? 'uncertain' : 'pass', docType ? `“${byName.name}”的名称或内容提到“${core}”，但未能确认是${docType}，请人工核对` : `已找到“${byName.name}”`, [{ source: byName.name, text: core }]);
      const unreadable = input.files.filter((f) => f.problem);
      if (unreadable.length > 0) return result(rule, label, 'uncertain', `未能确认是否提交了“${rule.material}”：${unreadable.map((f) => `“${f.name}”${f.problem}`).join('；')}。请重新上传清晰的文件`, unreadable.map((f) => ({ source: f.name, text: f.problem! })));
      if (!docType) return result(rule, label, 'uncertain', `无法自动判断是否提交了“${rule.material}”，请在文件名中写明材料名称，或由工作人员核对`);
      return result(rule, label, 'fail', `缺少“${rule.material}”，请上传${docType}的清晰照片或扫描件`);
    }
    case 'field': {
      const r = resolve(rule.field, input);
      const label = `${fieldName(rule.field)}${{ idcard: '是有效的身份证号码', uscc: '是有效的统一社会信用代码', phone: '是有效的电话号码', date: '是有效的日期', nonempty: '已填写' }[rule.validator]}`;
      if (r.value === undefined) {
        if (rule.optional && notProvided(r)) return null;
        return result(rule, label, rule.validator === 'nonempty' && r.source === FORM ? 'fail' : 'uncertain', r.missing!);
      }
      const check =
        rule.validator === 'idcard' ? validateIdCard(r.value, { today: input.today }) : rule.validator === 'uscc' ? validateUscc(r.value) : rule.validator === 'phone' ? validatePhone(r.value) : rule.validator === 'date' ? { valid: parseDocumentDate(r.value) !== null, reason: '日期不存在或格式不正确' } : { valid: true };
      if (check.valid) return result(rule, label, 'pass', `${fieldName(rule.field)}“${r.value}”校验通过`, [ev(r)]);
      return result(rule, label, 'fail', `${fieldName(rule.field)}“${r.value}”有误：${check.reason}。请核对后重新填写或上传`, [ev(r)]);
    }
    case 'not_expired': {
      const r = resolve(`file[${rule.docType}].${rule.field}`, input);
      const label = `${rule.docType}在有效期内`;
      if (r.value === undefined) return rule.optional && notProvided(r) ? null : result(rule, label, 'uncertain', `${r.missing}，无法确认是否在有效期内，请人工核对`);
      const p = parseValidityPeriod(r.value);
      if (!p) return result(rule, label, 'uncertain', `“${r.value}”中没有可识别的日期，请人工核对有效期`, [ev(r)]);
      if (isExpired(p, input.today)) return result(rule, label, 'fail', `${rule.docType}已于 ${p.to} 过期，请先办理换领或提供有效期内的${rule.docType}`, [ev(r)]);
      return result(rule, label, 'pass', p.indefinite ? `${rule.docType}长期有效` : `${rule.docType}有效期至 ${p.to}`, [ev(r)]);
    }
    case 'age': {
      const r = resolve(rule.field, input);
      const range = rule.min !== undefined && rule.max !== undefined ? `${rule.min}至${rule.max}周岁` : rule.min !== undefined ? `年满${rule.min}周岁` : `不超过${rule.max}周岁`;
      const label = `申请人${range}`;
      if (r.value === undefined) return rule.optional && notProvided(r) ? null : result(rule, label, 'uncertain', `${r.missing}，无法计算年龄`);
      const id = validateIdCard(r.value, { today: input.today });
      const birth = id.valid ? id.info!.birthDate : parseDocumentDate(r.value);
      if (!birth) return result(rule, label, 'uncertain', `无法从“${r.value}”得出出生日期，请人工核对年龄`, [ev(r)]);
      const age = ageOn(birth, input.today);
      const ok = (rule.min === undefined || age >= rule.min) && (rule.max === undefined || age <= rule.max);
      return result(rule, label, ok ? 'pass' : 'fail', ok ? `出生日期 ${birth}，现年 ${age} 周岁，符合要求` : `出生日期 ${birth}，现年 ${age} 周岁，不符合“${range}”的条件`, [ev(r)]);
    }
    case 'consistency': {
      const a = resolve(rule.a, input);
      const b = resolve(rule.b, input);
      const label = `${fieldName(rule.a)}与${fieldName(rule.b)}一致`;
      if (a.value === undefined || b.value === undefined) {
        if (rule.optional && (notProvided(a) || notProvided(b))) return null;
        return result(rule, label, 'uncertain', `${[a.missing, b.missing].filter(Boolean).join('；')}，无法比对`, [a, b].filter((x) => x.value !== undefined).map(ev));
      }
      if (sameValue(a.value, b.value)) return result(rule, label, 'pass', `两处均为“${a.value}”`, [ev(a), ev(b)]);
      return result(rule, label, 'fail', `${fieldName(rule.a)}为“${a.value}”，${fieldName(rule.b)}为“${b.value}”，两者不一致。请核对是否填错或上传了他人的材料`, [ev(a), ev(b)]);
    }
    case 'condition': {
      const label = rule.label ?? rule.message;
      try {
        const value = evaluateCondition(parseCondition(rule.expr), conditionScope(input));
        return result(rule, label, value ? 'pass' : 'fail', value ? '符合条件' : rule.message, [{ source: '条件', text: rule.expr }]);
      } catch (err) {
        if (err instanceof MissingValueError) return rule.optional ? null : result(rule, label, 'uncertain', `缺少判断所需的信息（${err.path}），请人工核对`, [{ source: '条件', text: rule.expr }]);
        if (err instanceof ConditionSyntaxError) return result(rule, label, 'uncertain', `规则配置有误，无法自动判断：${err.message}`, [{ source: '条件', text: rule.expr }]);
        throw err;
      }
    }
  }
}

function conditionScope(input: RuleInput) {
  const file: Record<string, Record<string, string>> = {};
  for (const f of input.files) {
    // the first file of a type wins, as for file[类型].字段 references
    file[f.docType] ??= { ...f.fields };
  }
  const form: Record<string, string> = { ...input.form };
  for (const [k, aliases] of Object.entries(FORM_ALIASES)) {
    const v = formValue(input.form, k);
    if (v !== undefined) for (const key of [k, ...aliases]) form[key] ??= v;
  }
  return { form, file, today: input.today };
}

/** Equal after the differences that carry no meaning: width, spaces, case, brackets. */
export function sameValue(a: string, b: string): boolean {
  const norm = (s: string) => compactIdentifier(s).toUpperCase().replace(/[()（）]/g, '');
  return norm(a) === norm(b);
}

export function buildReport(results: RuleResult[], meta: { ruleSetVersion: number; producer: string; ocrEngine: string; checkedAt: string }): Report {
  const counts = { pass: 0, fail: 0, uncertain: 0 };
  for (const r of results) counts[r.status] += 1;
  const suggestion: RuleStatus = counts.fail > 0 ? 'fail' : counts.uncertain > 0 ? 'uncertain' : 'pass';
  const summary =
    suggestion === 'pass'
      ? `预审的 ${results.length} 项检查全部通过，等待工作人员审核。`
      : suggestion === 'fail'
        ? `有 ${counts.fail} 项未通过${counts.uncertain ? `、${counts.uncertain} 项需人工核对` : ''}，请按说明修改后重新提交。`
        : `有 ${counts.uncertain} 项无法自动确认，将由工作人员核对。`;
  return { suggestion, summary, counts, results, ...meta };
}

export function runRules(rules: Rule[], input: RuleInput): RuleResult[] {
  return rules.map((r) => evaluateRule(r, input)).filter((r): r is RuleResult => r !== null);
}
