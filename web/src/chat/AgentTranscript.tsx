import { Alert, App, Button, Input, Popconfirm, Skeleton, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.js';
import * as api from '../api-chat.js';
import { formatDateTime } from '../labels.js';
import { shown } from './conversation-state.js';
import { MessageView, type Speakers } from './MessageView.js';

const AGENT_VIEW: Speakers = { citizen: '群众', assistant: '小政（智能回答）', agent: '人工客服', system: '系统消息' };

export const MODE_TAG: Record<api.ChatMode, { color: string; label: string }> = {
  bot: { color: 'default', label: '智能应答' },
  queued: { color: 'orange', label: '排队中' },
  agent: { color: 'green', label: '人工服务中' },
  closed: { color: 'default', label: '已结束' },
};

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; data: api.AgentSession };

function mergeMessages(current: api.ChatMessage[], incoming: api.ChatMessage[]): api.ChatMessage[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * One handed-off conversation in the agent console: the whole transcript (the assistant's
 * answers with their sources included), live while open; take, reply and close.
 */
export function AgentTranscript({ sessionId, me, onChanged }: { sessionId: string; me: string; onChanged(): void }) {
  const { message } = App.useApp();
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState<'take' | 'reply' | 'close' | null>(null);
  const [attempt, setAttempt] = useState(0);
  const end = useRef<HTMLLIElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    api.getAgentSession(sessionId, ctrl.signal).then(
      (data) => setState({ status: 'done', data }),
      (err: unknown) => !ctrl.signal.aborted && setState({ status: 'error', message: err instanceof ApiError ? err.message : '会话加载失败' }),
    );
    return () => ctrl.abort();
  }, [sessionId, attempt]);

  const loaded = state.status === 'done';
  const mode = loaded ? state.data.session.mode : undefined;
  // follow the conversation while it is open: the citizen's messages arrive as they are sent
  useEffect(() => {
    if (!loaded || mode === 'closed') return;
    const after = state.status === 'done' ? (state.data.messages.at(-1)?.seq ?? 0) : 0;
    return api.followSession(sessionId, after, {
      onMessage: (m) => setState((s) => (s.status === 'done' ? { ...s, data: { ...s.data, messages: mergeMessages(s.data.messages, [m]) } } : s)),
      onMode: (next) => setState((s) => (s.status === 'done' && s.data.session.mode !== next ? { ...s, data: { ...s.data, session: { ...s.data.session, mode: next } } } : s)),
    });
    // re-subscribe only when the session or its open/closed state changes, not per message
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId, loaded, mode === 'closed']);

  const count = state.status === 'done' ? state.data.messages.length : 0;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [count]);

  const act = useCallback(
    async (what: 'take' | 'reply' | 'close', run: () => Promise<void>) => {
      setBusy(what);
      try {
        await run();
      } catch (err) {
        message.error(err instanceof ApiError ? err.message : '操作失败，请稍后再试');
        // someone else may have taken or closed it: show the session as it is now
        if (err instanceof ApiError && err.status === 409) {
          setAttempt((n) => n + 1);
          onChanged();
        }
      } finally {
        setBusy(null);
      }
    },
    [message, onChanged],
  );

  if (state.status === 'loading') return <Skeleton active paragraph={{ rows: 6 }} />;
  if (state.status === 'error') return <Alert type="error" showIcon title={state.message} action={<Button size="small" onClick={() => setAttempt((n) => n + 1)}>重试</Button>} />;

  const { session, messages, callbacks } = state.data;
  const mine = session.mode === 'agent' && session.agentUserId === me;
  const tag = MODE_TAG[session.mode];

  const take = () =>
    act('take', async () => {
      const s = await api.takeSession(sessionId);
      setState((st) => (st.status === 'done' ? { ...st, data: { ...st.data, session: s } } : st));
      onChanged();
    });
  const reply = () => {
    const text = draft.trim();
    if (!text) return;
    return act('reply', async () => {
      const m = await api.agentReply(sessionId, text);
      setDraft('');
      setState((st) => (st.status === 'done' ? { ...st, data: { ...st.data, messages: mergeMessages(st.data.messages, [m]) } } : st));
    });
  };
  const close = () =>
    act('close', async () => {
      const s = await api.closeSession(sessionId);
      setState((st) => (st.status === 'done' ? { ...st, data: { ...st.data, session: s } } : st));
      onChanged();
      setAttempt((n) => n + 1);
    });

  return (
    <section className="agent-transcript" aria-label="会话记录" data-testid="agent-transcript">
      <header className="agent-transcript-head">
        <div>
          <Tag color={tag.color}>{tag.label}</Tag>
          <span className="muted">
            会话 {session.sessionId.slice(0, 8)} · 开始于 {formatDateTime(session.createdAt)}
            {session.agentName ? ` · 坐席：${session.agentName}` : ''}
          </span>
        </div>
        <div className="agent-transcript-actions">
          {session.mode === 'queued' && (
            <Button type="primary" onClick={() => void take()} loading={busy === 'take'}>
              接入
            </Button>
          )}
          {(mine || session.mode === 'queued') && (
            <Popconfirm title="结束本次人工服务？" description="群众会收到服务结束的提示。" okText="结束" cancelText="取消" onConfirm={() => close()}>
              <Button danger loading={busy === 'close'}>
                结束服务
              </Button>
            </Popconfirm>
          )}
        </div>
      </header>
      {callbacks.length > 0 && <Alert type="info" showIcon title={`该会话有 ${callbacks.length} 条回电请求`} className="agent-callback-note" />}
      <ol className="chat-log agent-log" aria-live="polite" aria-label="对话记录">
        {messages.map((m) => (
          <MessageView key={m.seq} message={shown(m)} speakers={AGENT_VIEW} />
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
      {mine ? (
        <form
          className="chat-composer agent-composer"
          onSubmit={(e) => {
            e.preventDefault();
            void reply();
          }}
        >
          <Input.TextArea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                void reply();
              }
            }}
            placeholder="回复群众，按 Enter 发送"
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            aria-label="回复内容"
            autoFocus
          />
          <Button type="primary" htmlType="submit" loading={busy === 'reply'} disabled={!draft.trim()}>
            发送
          </Button>
        </form>
      ) : (
        <p className="muted agent-hint">
          {session.mode === 'queued' ? '接入后即可回复群众。' : session.mode === 'agent' ? '该会话由其他坐席服务中，仅可查看。' : '会话已结束，仅可查看。'}
        </p>
      )}
    </section>
  );
}
