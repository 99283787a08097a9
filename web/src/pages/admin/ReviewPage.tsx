import { App, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api.js';
import * as api from '../../api-chat.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { formatDateTime } from '../../labels.js';
import { useLoad } from '../../use-load.js';
import '../../chat/agent.css';

const OUTCOME_LABEL: Record<string, { label: string; color: string }> = {
  answered: { label: '已回答', color: 'blue' },
  clarify: { label: '追问澄清', color: 'gold' },
  handoff: { label: '转人工', color: 'orange' },
  refused: { label: '未回答', color: 'red' },
};

/** The engine's reason codes (src/assistant/answer-engine.ts) in words: 'out_of_scope:shopping' → 超出范围（购物）. */
const REASON_LABEL: Record<string, string> = {
  low_confidence: '把握不足',
  no_source: '没有出处',
  asked_for_human: '要求人工',
  citizen_request: '要求人工',
  sensitive: '敏感内容',
  out_of_scope: '超出范围',
  emergency: '紧急情况',
  greeting: '问候',
};
const DETAIL_LABEL: Record<string, string> = {
  shopping: '购物',
  general_knowledge: '常识问答',
  chitchat: '闲聊',
  personal_data: '他人个人信息',
  injection: '套取系统指令',
  unknown: '无法判断',
  refuse: '拒答',
  handoff: '转人工',
};

function reasonLabel(code: string): string {
  const [head, detail] = code.split(':', 2);
  const label = REASON_LABEL[head!];
  if (!label) return code;
  return detail ? `${label}（${DETAIL_LABEL[detail] ?? detail}）` : label;
}

function Counts({ counts, label }: { counts: Record<string, number>; label(k: string): { text: string; color?: string } }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return <span className="muted">—</span>;
  return (
    <Space size={[4, 4]} wrap>
      {entries.map(([k, n]) => {
        const l = label(k);
        return (
          <Tag key={k} color={l.color}>
            {l.text} × {n}
          </Tag>
        );
      })}
    </Space>
  );
}

/** 咨询复盘: questions the assistant could not answer or that citizens rated 没用, and FAQ drafts from them. */
export function ReviewPage() {
  const { message } = App.useApp();
  const [kind, setKind] = useState<api.ReviewKind>('unanswered');
  const [state, reload] = useLoad((signal) => api.getReview(kind, signal), kind);
  const [drafts, setDrafts] = useState<Record<string, api.FaqDraft>>({});
  const [creating, setCreating] = useState<string | null>(null);

  const draft = async (g: api.ReviewGroup) => {
    setCreating(g.normalized);
    try {
      const d = await api.createFaqDraft({ question: g.question });
      setDrafts((all) => ({ ...all, [g.normalized]: d }));
      message.success(`已创建常见问题草稿 ${d.id}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '草稿创建失败，请稍后再试');
    } finally {
      setCreating(null);
    }
  };

  const columns: ColumnsType<api.ReviewGroup> = [
    { title: '问题', dataIndex: 'question', render: (q: string) => <span className="review-question">{q}</span> },
    { title: '次数', dataIndex: 'count', width: 70, align: 'right' },
    {
      title: '结果',
      key: 'outcomes',
      render: (_, g) => <Counts counts={g.outcomes} label={(k) => ({ text: OUTCOME_LABEL[k]?.label ?? k, color: OUTCOME_LABEL[k]?.color })} />,
    },
    { title: '原因', key: 'reasons', render: (_, g) => <Counts counts={g.reasons} label={(k) => ({ text: reasonLabel(k) })} /> },
    ...(kind === 'bad'
      ? [
          {
            title: '没用',
            key: 'bad',
            render: (_: unknown, g: api.ReviewGroup) => (
              <div>
                <div>{g.notUseful} 次</div>
                {g.feedbackReasons.map((r) => (
                  <div key={r} className="muted review-feedback">
                    {r}
                  </div>
                ))}
              </div>
            ),
          },
        ]
      : []),
    { title: '最近提问', dataIndex: 'lastAskedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '常见问题',
      key: 'draft',
      width: 170,
      render: (_, g) => {
        const d = drafts[g.normalized];
        if (d) {
          return (
            <span data-testid="faq-draft">
              已创建草稿{' '}
              <Link to={`/entries/${encodeURIComponent(d.id)}?version=${d.version}`}>
                <Typography.Text code>{d.id}</Typography.Text>
              </Link>
            </span>
          );
        }
        return (
          <Button size="small" onClick={() => void draft(g)} loading={creating === g.normalized}>
            生成 FAQ 草稿
          </Button>
        );
      },
    },
  ];

  return (
    <AdminPage
      title="咨询复盘"
      actions={
        <Button onClick={reload} aria-label="刷新">
          刷新
        </Button>
      }
    >
      <Segmented<api.ReviewKind>
        value={kind}
        onChange={setKind}
        options={[
          { value: 'unanswered', label: '未能回答的问题' },
          { value: 'bad', label: '被评为“没用”的回答' },
        ]}
      />
      <LoadedView state={state} onRetry={reload}>
        {(r) => (
          <>
            <p className="muted review-total">
              共 {r.total} 次提问，归并为 {r.groups.length} 个问题（相同问题按字面归并，次数多的在前）。草稿不会公开，需由知识编辑补充答案后发布。
            </p>
            <Table
              rowKey="normalized"
              size="small"
              columns={columns}
              dataSource={r.groups}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 900 }}
              locale={{ emptyText: kind === 'unanswered' ? '暂无未能回答的问题' : '暂无被评为没用的回答' }}
              expandable={{
                expandedRowRender: (g) => (
                  <ul className="review-samples">
                    {g.samples.map((s) => (
                      <li key={s.messageId}>
                        <div>
                          <strong>问：</strong>
                          {s.question} <span className="muted">（{formatDateTime(s.at)}）</span>
                        </div>
                        <div className="review-answer">
                          <strong>答：</strong>
                          {s.answer}
                        </div>
                      </li>
                    ))}
                  </ul>
                ),
              }}
            />
          </>
        )}
      </LoadedView>
    </AdminPage>
  );
}
