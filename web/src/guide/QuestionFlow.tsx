import { Button, Card, Checkbox, Radio, Space, Steps, Tag } from 'antd';
import { useEffect, useId, useState } from 'react';
import type { AnsweredView, Answers, QuestionView } from './api-guide.js';

interface Props {
  answered: AnsweredView[];
  remaining: QuestionView[];
  answers: Answers;
  busy: boolean;
  onAnswer: (key: string, value: string | string[]) => void;
}

/**
 * One question at a time, with the answers so far as steps that can be changed. Native radio
 * and checkbox inputs keep it keyboard-operable (Tab to the group, arrows to choose, Enter on 下一步).
 */
export function QuestionFlow({ answered, remaining, answers, busy, onAnswer }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const current: QuestionView | undefined = (editing ? answered.find((a) => a.key === editing) : undefined) ?? remaining[0];
  const [draft, setDraft] = useState<string[]>([]);
  const headingId = useId();

  useEffect(() => {
    if (!current) return;
    const v = answers[current.key];
    setDraft(v === undefined ? [] : Array.isArray(v) ? v : [v]);
    // the draft follows the question shown, not every change of the answers object
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current?.key]);

  const submit = () => {
    if (!current || draft.length === 0) return;
    onAnswer(current.key, current.multiple ? draft : draft[0]!);
    setEditing(null);
  };

  const steps = [
    ...answered.map((a) => ({
      key: a.key,
      status: a.key === current?.key ? ('process' as const) : ('finish' as const),
      title: <span className="guide-step-title">{a.question}</span>,
      description: (
        <span className="guide-step-answer">
          {a.itemName && <Tag>{a.itemName}</Tag>}
          {a.labels.join('、')}
          <Button type="link" size="small" onClick={() => setEditing(a.key)} aria-label={`修改：${a.question}`} className="no-print">
            修改
          </Button>
        </span>
      ),
    })),
    ...remaining.map((q) => ({
      key: q.key,
      status: q.key === current?.key ? ('process' as const) : ('wait' as const),
      title: <span className="guide-step-title">{q.question}</span>,
      description: q.itemName ? <Tag>{q.itemName}</Tag> : undefined,
    })),
  ];

  return (
    <div className="guide-flow">
      <Steps direction="vertical" size="small" items={steps} className="guide-steps" />
      {current && (
        <Card className="guide-question" size="small">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <fieldset className="guide-fieldset">
              <legend id={headingId} className="guide-question-title">
                {current.itemName && <Tag color="blue">{current.itemName}</Tag>}
                {current.question}
                {current.multiple && <span className="guide-multi">（可多选）</span>}
              </legend>
              {current.help && <p className="guide-help">{current.help}</p>}
              {current.multiple ? (
                <Checkbox.Group value={draft} onChange={(v) => setDraft(v as string[])} aria-labelledby={headingId}>
                  <Space direction="vertical">
                    {current.options.map((o) => (
                      <Checkbox key={o.id} value={o.id}>
                        {o.label}
                      </Checkbox>
                    ))}
                  </Space>
                </Checkbox.Group>
              ) : (
                <Radio.Group value={draft[0]} onChange={(e) => setDraft([e.target.value as string])} aria-labelledby={headingId} name={current.key}>
                  <Space direction="vertical">
                    {current.options.map((o) => (
                      <Radio key={o.id} value={o.id}>
                        {o.label}
                      </Radio>
                    ))}
                  </Space>
                </Radio.Group>
              )}
            </fieldset>
            <Space className="guide-actions">
              <Button type="primary" htmlType="submit" disabled={draft.length === 0} loading={busy}>
                {editing ? '确定修改' : '下一步'}
              </Button>
              {editing && <Button onClick={() => setEditing(null)}>取消修改</Button>}
            </Space>
          </form>
        </Card>
      )}
    </div>
  );
}
