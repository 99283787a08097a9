import { Alert, Button, Form, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.js';
import { decideApplication, type Decision, type ReviewerDetail } from '../api-prereview.js';
import { DECISION } from './labels.js';

const ORDER: Decision[] = ['accept', 'supplement', 'reject'];

/** 受理 / 补正 / 不予受理 with the reason the applicant will read; the AI's suggestion never decides. */
export function DecisionForm({ app, onDecided }: { app: ReviewerDetail; onDecided(d: ReviewerDetail): void }) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const missing = reason.trim().length < 2 ? '请填写理由（至少 2 个字），申请人将看到这段理由' : undefined;

  async function decide(d: Decision) {
    setBusy(d);
    setError(null);
    try {
      onDecided(await decideApplication(app.id, d, reason.trim()));
      setReason('');
      setTried(false);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '提交失败，请稍后再试');
    } finally {
      setBusy(null);
    }
  }

  return (
    <Form layout="vertical" className="decision-form" onSubmitCapture={(e) => e.preventDefault()}>
      <Form.Item label="审核理由" htmlFor="decision-reason" required validateStatus={tried && missing ? 'error' : undefined} help={tried ? missing : '受理、补正、不予受理都须写明理由；补正时请写清需要补交或修改的材料。'}>
        <Input.TextArea id="decision-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
      </Form.Item>
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-problems" />}
      <Space wrap>
        {ORDER.map((d) => (
          <Popconfirm
            key={d}
            title={`确定${DECISION[d]}？`}
            description="决定将通知申请人并记入审计日志。"
            okText="确定"
            cancelText="取消"
            disabled={!!missing}
            onConfirm={() => decide(d)}
          >
            <Button type={d === 'accept' ? 'primary' : 'default'} danger={d === 'reject'} loading={busy === d} disabled={busy !== null && busy !== d} onClick={() => setTried(true)}>
              {DECISION[d]}
            </Button>
          </Popconfirm>
        ))}
      </Space>
    </Form>
  );
}
