import { Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api.js';
import { validateValue, type IdCardResult, type PhoneResult, type UsccResult } from '../api-prereview.js';

type Kind = 'idcard' | 'uscc' | 'phone';

/** What the instant check says about the value typed so far. */
export type Check = { state: 'empty' | 'checking' | 'unavailable' } | { state: 'valid'; text: string } | { state: 'invalid'; reason: string };

const DELAY_MS = 350;

function describe(kind: Kind, r: IdCardResult | UsccResult | PhoneResult): string {
  if (kind === 'idcard' && r.info) {
    const i = (r as IdCardResult).info!;
    return `出生日期 ${i.birthDate}，${i.sex}，${i.regionName}`;
  }
  if (kind === 'uscc' && r.info) {
    const i = (r as UsccResult).info!;
    return [i.authority, i.category, i.regionName].filter(Boolean).join('，');
  }
  if (kind === 'phone' && r.info) return { mobile: '手机号码', landline: '固定电话', service: '服务号码' }[(r as PhoneResult).info!.type];
  return '格式正确';
}

/** Checks the value with the public validator as the applicant types (debounced; the server has the region tables). */
export function useIdentifierCheck(kind: Kind, value: string): Check {
  const [check, setCheck] = useState<Check>({ state: 'empty' });
  const trimmed = value.trim();
  useEffect(() => {
    if (trimmed === '') {
      setCheck({ state: 'empty' });
      return;
    }
    setCheck({ state: 'checking' });
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      validateValue(kind, trimmed, ctrl.signal).then(
        (r) => setCheck(r.valid ? { state: 'valid', text: describe(kind, r) } : { state: 'invalid', reason: r.reason ?? '格式不正确' }),
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          // the server checks again on submission; an unreachable validator must not block the form
          setCheck(err instanceof ApiError && err.status === 400 ? { state: 'invalid', reason: err.message } : { state: 'unavailable' });
        },
      );
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [kind, trimmed]);
  return check;
}

/** A labelled input for an ID number, credit code or phone with its instant check below it. */
export function IdentifierField(props: {
  id: string;
  kind: Kind;
  label: string;
  value: string;
  onChange(value: string): void;
  check: Check;
  required?: boolean;
  /** shown as the error when required and empty after a submit attempt */
  missing?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'tel' | 'text';
}) {
  const { check } = props;
  const status = check.state === 'invalid' || props.missing ? 'error' : check.state === 'valid' ? 'success' : check.state === 'checking' ? 'validating' : undefined;
  const help =
    props.missing ??
    (check.state === 'invalid' ? check.reason : check.state === 'valid' ? `✓ ${check.text}` : check.state === 'unavailable' ? '暂时无法在线校验，提交后将再次检查' : check.state === 'checking' ? '正在校验…' : undefined);
  return (
    <Form.Item label={props.label} htmlFor={props.id} required={props.required} validateStatus={status} help={help ? <span data-testid={`${props.id}-check`} role={check.state === 'invalid' ? 'alert' : undefined}>{help}</span> : undefined} hasFeedback={check.state !== 'empty'}>
      <Input
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        autoComplete="off"
        maxLength={40}
        aria-invalid={status === 'error' || undefined}
      />
    </Form.Item>
  );
}
