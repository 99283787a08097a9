import { Alert, Breadcrumb, Button, Result, Skeleton, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { postGuide, resumeGuide, type Answers, type GuideKind, type GuideResult } from './api-guide.js';
import { ChecklistView } from './ChecklistView.js';
import { MergedChecklist } from './MergedChecklist.js';
import { QuestionFlow } from './QuestionFlow.js';
import './guide.css';

interface Loaded {
  kind: GuideKind;
  id: string;
  answers: Answers;
  result: GuideResult;
  versionChanged?: boolean;
}

/** What a freshly started session hands to its own resume URL, so the page does not load twice. */
interface CarriedState {
  guide?: Loaded;
}

type Start = { kind: GuideKind; id: string } | { token: string };

function errorText(err: unknown): string {
  return err instanceof ApiError ? err.message : '加载失败，请稍后再试';
}

/**
 * The guided flow of an item or a life event: questions one by one, the personal checklist
 * beside them (changing with each answer), printable, and a link that resumes it anywhere.
 * Every session lives at /guide/:token, so a reload or another device continues it.
 */
function GuideFlowPage({ start }: { start: Start }) {
  const location = useLocation();
  const navigate = useNavigate();
  const carried = (location.state as CarriedState | null)?.guide;
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error'; message: string; notFound: boolean } | { status: 'done'; g: Loaded }>(
    carried ? { status: 'done', g: carried } : { status: 'loading' },
  );
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const startKey = 'token' in start ? start.token : `${start.kind}:${start.id}`;
  // a session handed over by navigation is already loaded; anything else is fetched
  const loadedFor = useRef<string | null>(carried ? startKey : null);
  // a signed-in member of staff sends the session's CSRF token with the guide's POSTs: wait for it
  const authReady = useAuth().state.status !== 'loading';
  const startRef = useRef(start);
  startRef.current = start;

  useEffect(() => {
    // history keeps navigation state across a reload: drop it, so a reload asks the server
    if (carried) navigate(location.pathname, { replace: true, state: null });
    // once, for the session handed over
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (loadedFor.current === startKey || !authReady) return;
    const start = startRef.current;
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    const load = async (): Promise<Loaded> => {
      if ('token' in start) {
        const s = await resumeGuide(start.token, ctrl.signal);
        const result: GuideResult = s.kind === 'item' ? { kind: 'item', data: s.guide } : { kind: 'life_event', data: s.guide };
        return { kind: s.kind, id: s.targetId, answers: s.answers, result, versionChanged: s.versionChanged };
      }
      const result = await postGuide(start.kind, start.id, {}, undefined, ctrl.signal);
      return { kind: start.kind, id: start.id, answers: {}, result };
    };
    load().then(
      (g) => {
        loadedFor.current = startKey;
        setState({ status: 'done', g });
        if (!('token' in start)) navigate(g.result.data.session.resumeUrl, { replace: true, state: { guide: g } satisfies CarriedState });
      },
      (err: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', message: errorText(err), notFound: err instanceof ApiError && err.status === 404 });
      },
    );
    return () => ctrl.abort();
  }, [startKey, navigate, authReady]);

  if (state.status === 'loading') return <Skeleton active paragraph={{ rows: 8 }} />;
  if (state.status === 'error') {
    return (
      <Result
        status={state.notFound ? '404' : 'error'}
        title={state.notFound ? '未找到办事引导' : '加载失败'}
        subTitle={state.message}
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    );
  }
  const { g } = state;
  const data = g.result.data;
  const title = g.result.kind === 'item' ? g.result.data.item.name : g.result.data.event.name;
  const resumeLink = `${window.location.origin}${data.session.resumeUrl}`;

  const answer = async (key: string, value: string | string[]) => {
    const answers = { ...g.answers, [key]: value };
    setBusy(true);
    setActionError(null);
    try {
      const result = await postGuide(g.kind, g.id, answers, data.session.resumeToken);
      const next: Loaded = { ...g, answers, result, versionChanged: false };
      setState({ status: 'done', g: next });
      // an expired session was replaced by a new one: follow its link
      if (result.data.session.resumeToken !== data.session.resumeToken) {
        navigate(result.data.session.resumeUrl, { replace: true, state: { guide: next } satisfies CarriedState });
      }
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="guide-page">
      <Breadcrumb
        className="no-print"
        items={[
          { title: <Link to="/">首页</Link> },
          g.kind === 'item' ? { title: <Link to={`/entries/${encodeURIComponent(g.id)}`}>办事指南</Link> } : { title: <Link to="/life-events">一件事一次办</Link> },
          { title: '办事引导' },
        ]}
      />
      <header className="guide-header">
        <h1>{title}</h1>
        <p className="guide-subtitle">{g.kind === 'item' ? '个人办事清单' : '一件事一次办 · 合并办事清单'}</p>
      </header>
      {g.versionChanged && <Alert className="no-print" type="info" showIcon title="办事指南已更新，清单已按现行版本重新生成。" />}
      {actionError && <Alert className="no-print" type="error" showIcon title={actionError} />}
      <div className="guide-layout">
        <aside className="guide-side no-print" aria-label="办理情形">
          <h2 className="guide-side-title">{data.complete ? '您的情形' : '请回答以下问题'}</h2>
          <QuestionFlow answered={data.answered} remaining={data.remaining} answers={g.answers} busy={busy} onAnswer={(k, v) => void answer(k, v)} />
        </aside>
        <main className="guide-main" aria-live="polite">
          {data.complete ? (
            <Alert className="guide-done" type="success" showIcon title="您的个人办事清单已生成" description="请按清单准备材料；清单依据现行办事指南生成，以受理窗口审核为准。" />
          ) : (
            <Alert className="guide-partial" type="warning" showIcon title={`还有 ${data.remaining.length} 个问题未回答，清单会随回答更新`} />
          )}
          <div className="guide-tools no-print">
            <Space wrap>
              <Button type="primary" onClick={() => window.print()}>
                打印清单
              </Button>
              <span className="guide-resume">
                续办链接（30天内有效）：
                <Typography.Text copyable={{ text: resumeLink, tooltips: ['复制链接', '已复制'] }} className="guide-resume-link" data-testid="resume-link">
                  {resumeLink}
                </Typography.Text>
              </span>
            </Space>
          </div>
          <div className="guide-checklist">
            {g.result.kind === 'item' ? <ChecklistView c={g.result.data} /> : <MergedChecklist g={g.result.data} />}
          </div>
        </main>
      </div>
    </div>
  );
}

export function ItemGuideRoute() {
  const { id = '' } = useParams();
  return <GuideFlowPage key={`item:${id}`} start={{ kind: 'item', id }} />;
}

export function LifeEventGuideRoute() {
  const { id = '' } = useParams();
  return <GuideFlowPage key={`event:${id}`} start={{ kind: 'life_event', id }} />;
}

export function ResumeGuideRoute() {
  const { token = '' } = useParams();
  return <GuideFlowPage key={`token:${token}`} start={{ token }} />;
}
