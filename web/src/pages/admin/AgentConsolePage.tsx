import { Alert, App, Badge, Button, Empty, Tabs, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api.js';
import * as api from '../../api-chat.js';
import { useAuth } from '../../auth.js';
import { AgentTranscript } from '../../chat/AgentTranscript.js';
import { CallbackList } from '../../chat/CallbackList.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { useLoad } from '../../use-load.js';
import '../../chat/chat.css';
import '../../chat/agent.css';

const REFRESH_MS = 5000;
const CHANNEL: Record<string, string> = { web: '网站', widget: '网站挂件', api: '接口' };

function waited(since: string | null, now: number): string {
  if (!since) return '';
  const s = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} 分 ${s % 60} 秒` : `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}

function SessionItem({ s, first, selected, onOpen, onTake, now }: { s: api.SessionSummary; first?: string; selected: boolean; onOpen(): void; onTake?: () => void; now: number }) {
  const latest = s.preview ?? '（无文字消息）';
  return (
    <li className={`agent-queue-item${selected ? ' is-selected' : ''}`} data-testid="queue-item">
      <button type="button" className="agent-queue-open" onClick={onOpen} aria-current={selected || undefined}>
        {first && first !== latest && <span className="agent-queue-first">{first}</span>}
        <span className="agent-queue-preview">{latest}</span>
        <span className="agent-queue-meta">
          {s.mode === 'queued' ? `已等待 ${waited(s.queuedAt, now)}` : `接入于 ${waited(s.takenAt, now)}前`} · {CHANNEL[s.channel] ?? s.channel}
        </span>
      </button>
      {onTake && (
        <Button size="small" type="primary" onClick={onTake}>
          接入
        </Button>
      )}
    </li>
  );
}

/** 人工坐席: the queue of handed-off conversations, the agent's own, and callback requests. */
export function AgentConsolePage() {
  const { message } = App.useApp();
  const auth = useAuth();
  const me = auth.state.status === 'signed-in' ? String(auth.state.user.id) : '';
  const [params, setParams] = useSearchParams();
  const selected = params.get('session') ?? undefined;
  const tab = params.get('tab') === 'callbacks' ? 'callbacks' : 'sessions';
  const [queue, reloadQueue] = useLoad((signal) => api.getAgentQueue(signal), 'queue');
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const t = setInterval(() => {
      reloadQueue();
      setNow(Date.now());
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, [reloadQueue]);

  // what each waiting citizen first asked: read once per session from its transcript, since the
  // queue carries only the latest message (often just "转人工")
  const [firsts, setFirsts] = useState<Record<string, string>>({});
  const asked = useRef(new Set<string>());
  const data = queue.status === 'done' ? queue.data : undefined;
  useEffect(() => {
    for (const s of [...(data?.queued ?? []), ...(data?.mine ?? [])]) {
      if (asked.current.has(s.sessionId)) continue;
      asked.current.add(s.sessionId);
      api.getAgentSession(s.sessionId).then(
        (t) => {
          const first = t.messages.find((m) => m.role === 'citizen')?.text;
          if (first) setFirsts((all) => ({ ...all, [s.sessionId]: first }));
        },
        () => asked.current.delete(s.sessionId),
      );
    }
  }, [data]);

  // the tab shows how many wait, for an agent working in another window
  const waiting = data?.queued.length ?? 0;
  useEffect(() => {
    document.title = `${waiting ? `（${waiting}人排队）` : ''}人工坐席 - 小政工作台`;
  }, [waiting]);

  const open = (sessionId: string) => setParams({ session: sessionId });
  const take = async (sessionId: string) => {
    try {
      await api.takeSession(sessionId);
      message.success('已接入会话');
      open(sessionId);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '接入失败，请稍后再试');
    }
    reloadQueue();
  };

  const sessions = (
    <div className="agent-console">
      <aside className="agent-queue" aria-label="会话列表">
        <LoadedView state={queue} onRetry={reloadQueue}>
          {(q) => (
            <>
              {!q.open && <Alert type="warning" showIcon title={`当前为非人工服务时间（${q.officeHours}）`} className="agent-hours" />}
              <h2 className="agent-queue-title">
                排队中 <Badge count={q.queued.length} showZero color={q.queued.length ? '#fa8c16' : '#bfbfbf'} />
              </h2>
              {q.queued.length ? (
                <ol className="agent-queue-list" data-testid="agent-queue">
                  {q.queued.map((s) => (
                    <SessionItem key={s.sessionId} s={s} first={firsts[s.sessionId]} now={now} selected={s.sessionId === selected} onOpen={() => open(s.sessionId)} onTake={() => void take(s.sessionId)} />
                  ))}
                </ol>
              ) : (
                <p className="muted">暂无排队的群众</p>
              )}
              <h2 className="agent-queue-title">
                我的会话 <Badge count={q.mine.length} showZero color={q.mine.length ? '#52c41a' : '#bfbfbf'} />
              </h2>
              {q.mine.length ? (
                <ol className="agent-queue-list" data-testid="agent-mine">
                  {q.mine.map((s) => (
                    <SessionItem key={s.sessionId} s={s} first={firsts[s.sessionId]} now={now} selected={s.sessionId === selected} onOpen={() => open(s.sessionId)} />
                  ))}
                </ol>
              ) : (
                <p className="muted">暂无正在服务的会话</p>
              )}
            </>
          )}
        </LoadedView>
      </aside>
      <div className="agent-main">
        {selected ? <AgentTranscript key={selected} sessionId={selected} me={me} onChanged={reloadQueue} /> : <Empty description="从左侧选择一个会话查看记录" />}
      </div>
    </div>
  );

  return (
    <AdminPage title="人工坐席" actions={data && <Tag color={data.open ? 'green' : 'default'}>人工服务时间：{data.officeHours}</Tag>}>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'callbacks' ? { tab: 'callbacks' } : selected ? { session: selected } : {})}
        items={[
          { key: 'sessions', label: '会话', children: sessions },
          {
            key: 'callbacks',
            label: (
              <span>
                回电请求 <Badge count={data?.openCallbacks ?? 0} size="small" />
              </span>
            ),
            children: <CallbackList onOpenSession={open} onChanged={reloadQueue} />,
          },
        ]}
      />
    </AdminPage>
  );
}
