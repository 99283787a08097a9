import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { CallbackRequestInput } from '../../../src/assistant/chat.schema.js';
import { ApiError } from '../api.js';
import type { HandoffInfo } from '../api-chat.js';

/** The same numbers the server accepts: a mainland mobile or a landline with its area code. */
const PHONE = /^(?:\+?86)?(?:1[3-9]\d{9}|0\d{2,3}\d{7,8})$/;

/** Outside office hours: name, phone and a note, so that staff call back. */
export function CallbackForm({ offer, onSubmit }: { offer: HandoffInfo; onSubmit(input: CallbackRequestInput): Promise<void> }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <section className="chat-callback" aria-labelledby="chat-callback-title" data-testid="callback-form">
      <h2 id="chat-callback-title" className="chat-callback-title">
        留下联系方式，工作人员回电
      </h2>
      <p className="muted">人工服务时间：{offer.officeHours}</p>
      {error && <Alert type="error" showIcon title={error} className="chat-callback-error" />}
      <Form
        layout="vertical"
        requiredMark
        onFinish={async (values: { name: string; phone: string; preferredTime?: string; note?: string }) => {
          setSending(true);
          setError(undefined);
          try {
            await onSubmit({ name: values.name, phone: values.phone, preferredTime: values.preferredTime || undefined, note: values.note || undefined });
          } catch (err) {
            setError(err instanceof ApiError ? err.message : '提交失败，请稍后再试');
          } finally {
            setSending(false);
          }
        }}
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50, message: '姓名最长 50 个字' }]}>
          <Input autoComplete="name" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          rules={[
            { required: true, message: '请填写联系电话' },
            { validator: (_, v: string | undefined) => (!v || PHONE.test(v.replace(/[\s-]/g, '')) ? Promise.resolve() : Promise.reject(new Error('请填写正确的手机号码或带区号的固定电话'))) },
          ]}
        >
          <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="preferredTime" label="方便联系的时间（选填）">
          <Input maxLength={100} placeholder="如：工作日上午" />
        </Form.Item>
        <Form.Item name="note" label="想咨询的问题（选填）">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending} block>
          提交回电请求
        </Button>
      </Form>
    </section>
  );
}
