/**
 * Rules for an item that has none saved: derived from its materials list. Required materials
 * must be present; identity documents are checked (number, expiry) and compared with the
 * form; a licence's credit code is checked and its name compared with the form.
 */
import type { ServiceItem } from '../../knowledge/knowledge.schema.js';
import { docTypeOfMaterial } from '../extraction/classify.js';
import type { DocType, Rule } from '../prereview.schema.js';

export function defaultRules(item: Pick<ServiceItem, 'materials' | 'serviceObjects'>): Rule[] {
  const rules: Rule[] = [];
  const types = new Set<DocType>();
  item.materials.forEach((m, i) => {
    const t = docTypeOfMaterial(m.name);
    if (t) types.add(t);
    if (m.necessity === '1') rules.push({ id: `material-${i + 1}`, kind: 'required_material', material: m.name, optional: false, ...(t ? { docType: t } : {}) });
  });
  if (types.has('居民身份证')) {
    rules.push(
      { id: 'idcard-number', kind: 'field', field: 'file[居民身份证].公民身份号码', validator: 'idcard', optional: false },
      { id: 'idcard-valid', kind: 'not_expired', docType: '居民身份证', field: '有效期限', optional: false },
      { id: 'form-name-idcard', kind: 'consistency', a: 'form.name', b: 'file[居民身份证].姓名', optional: true },
      { id: 'form-id-idcard', kind: 'consistency', a: 'form.idNumber', b: 'file[居民身份证].公民身份号码', optional: true },
    );
  }
  if (types.has('营业执照')) {
    rules.push(
      { id: 'licence-uscc', kind: 'field', field: 'file[营业执照].统一社会信用代码', validator: 'uscc', optional: false },
      { id: 'form-company-licence', kind: 'consistency', a: 'form.companyName', b: 'file[营业执照].名称', optional: true },
      { id: 'form-uscc-licence', kind: 'consistency', a: 'form.uscc', b: 'file[营业执照].统一社会信用代码', optional: true },
    );
  }
  if (types.has('申请表') && types.has('居民身份证')) {
    rules.push({ id: 'application-name-idcard', kind: 'consistency', a: 'file[申请表].姓名', b: 'file[居民身份证].姓名', optional: true });
  }
  rules.push(
    { id: 'form-idnumber', kind: 'field', field: 'form.idNumber', validator: 'idcard', optional: true },
    { id: 'form-uscc', kind: 'field', field: 'form.uscc', validator: 'uscc', optional: true },
    { id: 'form-phone', kind: 'field', field: 'form.phone', validator: 'phone', optional: true },
  );
  return rules;
}
