import { Button, Input, Radio } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.js';

const REASONS = ['答非所问', '内容不准确或已过时', '信息不完整', '看不懂', '其他'];

/** 有用 / 没用 under an answer; 没用 asks why (a choice and optional words) before sending. */
export function Feedback({ rated, onRate }: { rated?: boolean; onRate(useful: boolean, reason?: string): Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<string>();
  const [detail, setDetail] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  if (rated !== undefined) {
    return (
      <div className="chat-feedback is-done" role="status">
        {rated ? '感谢您的评价！' : '感谢反馈，我们会改进这条回答。'}
      </div>
    );
  }
  const submit = async (useful: boolean, why?: string) => {
    setSending(true);
    setError(undefined);
    try {
      await onRate(useful, why);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '评价提交失败，请稍后再试');
    } finally {
      setSending(false);
    }
  };
  return (
    <div className="chat-feedback">
      {!asking ? (
        <div className="chat-feedback-buttons">
          <span className="muted">这条回答对您有帮助吗？</span>
          <Button size="small" onClick={() => void submit(true)} loading={sending}>
            有用
          </Button>
          <Button size="small" onClick={() => setAsking(true)}>
            没用
          </Button>
        </div>
      ) : (
        <form
          className="chat-feedback-form"
          aria-label="没用的原因"
          onSubmit={(e) => {
            e.preventDefault();
            const why = [reason, detail.trim()].filter(Boolean).join('：');
            void submit(false, why || undefined);
          }}
        >
          <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as string)} aria-label="原因">
            {REASONS.map((r) => (
              <Radio key={r} value={r}>
                {r}
              </Radio>
            ))}
          </Radio.Group>
          <Input.TextArea value={detail} onChange={(e) => setDetail(e.target.value)} placeholder="补充说明（选填）" maxLength={400} autoSize={{ minRows: 1, maxRows: 3 }} aria-label="补充说明" />
          <div className="chat-feedback-buttons">
            <Button size="small" type="primary" htmlType="submit" loading={sending}>
              提交
            </Button>
            <Button size="small" onClick={() => setAsking(false)}>
              取消
            </Button>
          </div>
        </form>
      )}
      {error && (
        <div className="chat-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
