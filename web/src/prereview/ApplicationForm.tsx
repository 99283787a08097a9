import { Alert, Button, Form, Input, Radio } from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, type ServiceItem } from '../api.js';
import type { UploadFile } from '../api-prereview.js';
import { IdentifierField, useIdentifierCheck, type Check } from './IdentifierField.js';
import { MAX_FILES, slotFileName } from './files.js';
import { MaterialSlot, type Slot } from './MaterialSlot.js';

/** The applicant's fields, under the keys the pre-review rules read (form.name, form.idNumber …). */
export interface ApplicantFields {
  name: string;
  idNumber: string;
  phone: string;
  companyName: string;
  uscc: string;
}
export const EMPTY_FIELDS: ApplicantFields = { name: '', idNumber: '', phone: '', companyName: '', uscc: '' };

/** What the applicant entered and chose, kept so a resubmission starts from it. */
export interface Draft {
  fields: ApplicantFields;
  asCompany: boolean;
  files: Record<string, File[]>;
}

type Item = Pick<ServiceItem, 'id' | 'name' | 'materials' | 'serviceObjects'>;

export function slotsOf(item: Item): Slot[] {
  return [...item.materials.map((m, i) => ({ key: `m${i}`, material: m.name, necessity: m.necessity, notes: m.notes })), { key: 'other', material: null }];
}

function blocking(check: Check): string | undefined {
  return check.state === 'invalid' ? check.reason : undefined;
}

/**
 * The applicant's form and one upload slot per material of the item. Refuses to send what is
 * certainly wrong (a missing field, an ID number the validator rejects) with the reason at the
 * field; everything else is for the pre-review to judge.
 */
export function ApplicationForm({ item, initial, submitLabel, onSubmit }: { item: Item; initial?: Draft; submitLabel: string; onSubmit(form: Record<string, string>, files: UploadFile[], draft: Draft): Promise<void> }) {
  const forCompany = item.serviceObjects.includes('法人');
  const forPerson = item.serviceObjects.includes('自然人') || !forCompany;
  const [fields, setFields] = useState<ApplicantFields>(initial?.fields ?? EMPTY_FIELDS);
  const [asCompany, setAsCompany] = useState(initial?.asCompany ?? (forCompany && !forPerson));
  const [files, setFiles] = useState<Record<string, File[]>>(initial?.files ?? {});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const slots = useMemo(() => slotsOf(item), [item]);

  const idCheck = useIdentifierCheck('idcard', fields.idNumber);
  const phoneCheck = useIdentifierCheck('phone', fields.phone);
  const usccCheck = useIdentifierCheck('uscc', asCompany ? fields.uscc : '');
  const set = (k: keyof ApplicantFields) => (v: string) => setFields((f) => ({ ...f, [k]: v }));

  const fileCount = Object.values(files).reduce((n, l) => n + l.length, 0);
  const missing: Partial<Record<keyof ApplicantFields | 'files', string>> = {};
  if (!fields.name.trim()) missing.name = asCompany ? '请填写经办人姓名' : '请填写申请人姓名';
  if (!fields.idNumber.trim()) missing.idNumber = '请填写公民身份号码';
  if (!fields.phone.trim()) missing.phone = '请填写手机号码';
  if (asCompany && !fields.companyName.trim()) missing.companyName = '请填写单位名称';
  if (asCompany && !fields.uscc.trim()) missing.uscc = '请填写统一社会信用代码';
  if (fileCount === 0) missing.files = '请至少上传一个材料文件';
  else if (fileCount > MAX_FILES) missing.files = `一次最多上传 ${MAX_FILES} 个文件，现有 ${fileCount} 个`;
  const invalid = [blocking(idCheck) && '公民身份号码', blocking(phoneCheck) && '手机号码', asCompany && blocking(usccCheck) && '统一社会信用代码'].filter(Boolean) as string[];
  const shown = (k: keyof typeof missing) => (tried ? missing[k] : undefined);

  async function submit() {
    setTried(true);
    setError(null);
    if (Object.keys(missing).length > 0 || invalid.length > 0) return;
    const form: Record<string, string> = {};
    const keys: Array<keyof ApplicantFields> = asCompany ? ['name', 'idNumber', 'phone', 'companyName', 'uscc'] : ['name', 'idNumber', 'phone'];
    for (const k of keys) if (fields[k].trim()) form[k] = fields[k].trim();
    const upload = slots.flatMap((s) => (files[s.key] ?? []).map((f) => ({ name: slotFileName(s.material, f.name), file: f })));
    setBusy(true);
    try {
      await onSubmit(form, upload, { fields, asCompany, files });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  const problems = tried ? [...Object.values(missing), ...invalid.map((f) => `${f}有误`)] : [];
  return (
    <Form layout="vertical" className="application-form" onFinish={() => void submit()} requiredMark>
      {forCompany && forPerson && (
        <Form.Item label="申请人类型">
          <Radio.Group value={asCompany ? 'company' : 'person'} onChange={(e) => setAsCompany(e.target.value === 'company')} optionType="button" options={[{ value: 'person', label: '个人' }, { value: 'company', label: '单位（法人）' }]} />
        </Form.Item>
      )}
      <fieldset className="form-group">
        <legend>{asCompany ? '单位及经办人信息' : '申请人信息'}</legend>
        {asCompany && (
          <>
            <Form.Item label="单位名称" htmlFor="pr-company" required validateStatus={shown('companyName') ? 'error' : undefined} help={shown('companyName')}>
              <Input id="pr-company" value={fields.companyName} onChange={(e) => set('companyName')(e.target.value)} maxLength={100} placeholder="与营业执照上的名称一致" />
            </Form.Item>
            <IdentifierField id="pr-uscc" kind="uscc" label="统一社会信用代码" value={fields.uscc} onChange={set('uscc')} check={usccCheck} required missing={shown('uscc')} placeholder="18 位，见营业执照" />
          </>
        )}
        <Form.Item label={asCompany ? '经办人姓名' : '姓名'} htmlFor="pr-name" required validateStatus={shown('name') ? 'error' : undefined} help={shown('name')}>
          <Input id="pr-name" value={fields.name} onChange={(e) => set('name')(e.target.value)} maxLength={50} autoComplete="name" placeholder="与身份证上的姓名一致" />
        </Form.Item>
        <IdentifierField id="pr-idnumber" kind="idcard" label="公民身份号码" value={fields.idNumber} onChange={set('idNumber')} check={idCheck} required missing={shown('idNumber')} placeholder="18 位居民身份证号码" />
        <IdentifierField id="pr-phone" kind="phone" label="手机号码" value={fields.phone} onChange={set('phone')} check={phoneCheck} required missing={shown('phone')} inputMode="tel" placeholder="用于接收办理进度" />
      </fieldset>
      <fieldset className="form-group">
        <legend>申请材料</legend>
        <p className="muted">每项材料请上传清晰的照片、扫描件或电子文件；证件请拍全四角。</p>
        <div className="material-slots">
          {slots.map((s, i) => (
            <MaterialSlot key={s.key} slot={s} index={i} files={files[s.key] ?? []} disabled={busy} onChange={(l) => setFiles((f) => ({ ...f, [s.key]: l }))} />
          ))}
        </div>
        {shown('files') && <Alert type="error" showIcon role="alert" title={shown('files')} />}
      </fieldset>
      {problems.length > 0 && <Alert className="form-problems" type="error" showIcon role="alert" title={`请先修改：${problems.join('；')}`} />}
      {error && <Alert className="form-problems" type="error" showIcon role="alert" title={error} />}
      <Button type="primary" htmlType="submit" size="large" loading={busy} className="application-submit">
        {busy ? '正在预审，请稍候…' : submitLabel}
      </Button>
    </Form>
  );
}
