import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.js';
import { changePassword } from '../api-admin.js';

/** The server's passwordSchema (src/auth/auth.schema.ts) asks for this many characters. */
export const MIN_PASSWORD_LENGTH = 10;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; `forced` after a one-time password, where there is no way around it. */
export function ChangePasswordForm({ forced, onDone }: { forced?: boolean; onDone(): void | Promise<void> }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      form.resetFields();
      await onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '修改密码失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} className="password-form" name="change-password">
      {forced && <Alert className="form-alert" type="info" showIcon title="您正在使用一次性密码登录，请先设置新密码再继续。" />}
      {error && <Alert className="form-alert" type="error" showIcon title={error} role="alert" />}
      <Form.Item label={forced ? '一次性密码' : '当前密码'} name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra={`至少 ${MIN_PASSWORD_LENGTH} 位，不能与当前密码相同`}
        rules={[
          { required: true, message: '请输入新密码' },
          { min: MIN_PASSWORD_LENGTH, message: `新密码至少 ${MIN_PASSWORD_LENGTH} 位` },
          ({ getFieldValue }) => ({
            validator: (_, value: string) => (value && value === getFieldValue('currentPassword') ? Promise.reject(new Error('新密码不能与当前密码相同')) : Promise.resolve()),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {forced ? '设置新密码并继续' : '修改密码'}
      </Button>
    </Form>
  );
}
