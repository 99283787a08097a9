import { Alert, Breadcrumb, Button, Card, Result, Skeleton, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, getEntry, getHistory, type EntryVersion, type ServiceItem } from '../api.js';
import { FaqView } from '../components/FaqView.js';
import { ItemGuide } from '../components/ItemGuide.js';
import { PolicyView } from '../components/PolicyView.js';
import { VersionHistory, type HistoryState } from '../components/VersionHistory.js';
import { formatValidity, KIND_COLOR, KIND_LABEL } from '../labels.js';
import { PrereviewButton } from '../prereview/PrereviewButton.js';
import '../entry.css';
import '../documents.css';

/** `key` names the request a state answers, so a new URL never shows the previous entry. */
type EntryState = { key: string } & (
  | { status: 'loading' }
  | { status: 'error'; message: string; notFound: boolean }
  | { status: 'done'; entry: EntryVersion }
);

function positiveInt(v: string | null): number | undefined {
  const n = Number(v);
  return v !== null && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function EntryBody({ entry, hitSeq }: { entry: EntryVersion; hitSeq?: number }) {
  const hitLabel = entry.passages.find((p) => p.seq === hitSeq)?.label;
  if (entry.kind === 'item') return <ItemGuide item={entry.body as unknown as ServiceItem} hitLabel={hitLabel} />;
  if (entry.kind === 'faq') return <FaqView entry={entry} hitLabel={hitLabel} />;
  return <PolicyView entry={entry} hitSeq={hitSeq} />;
}

/** Why this version is not the one in force, in words a citizen understands. */
function NotInForce({ entry }: { entry: EntryVersion }) {
  const older = entry.version < entry.latestVersion;
  return (
    <Alert
      className="not-in-force"
      type="warning"
      showIcon
      title={older ? '历史版本，非现行有效' : '非现行有效'}
      description={older ? '您正在查看的是历史版本，内容可能已经变更，办事请以现行版本为准。' : '该内容已废止、尚未生效或不在有效期内，仅供参考。'}
      action={
        older ? (
          <Link to={`/entries/${encodeURIComponent(entry.id)}`}>
            <Button size="small" type="primary">
              查看现行版本
            </Button>
          </Link>
        ) : undefined
      }
    />
  );
}

export function EntryPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const fromSearch = (location.state as { search?: string } | null)?.search;
  const version = positiveInt(params.get('version'));
  const hitSeq = positiveInt(params.get('passage'));
  const key = `${id}@${version ?? ''}`;
  const [stored, setState] = useState<EntryState>({ key, status: 'loading' });
  const state: EntryState = stored.key === key ? stored : { key, status: 'loading' };
  const [history, setHistory] = useState<HistoryState>({ status: 'loading' });

  useEffect(() => {
    const ctrl = new AbortController();
    getEntry(id, { version }, ctrl.signal).then(
      (entry) => setState({ key, status: 'done', entry }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        const apiErr = err instanceof ApiError ? err : undefined;
        setState({ key, status: 'error', message: apiErr?.message ?? '内容暂时无法加载，请稍后再试', notFound: apiErr?.status === 404 });
      },
    );
    return () => ctrl.abort();
  }, [id, version, key]);

  useEffect(() => {
    const ctrl = new AbortController();
    setHistory({ status: 'loading' });
    getHistory(id, ctrl.signal).then(
      (versions) => setHistory({ status: 'done', versions }),
      (err: unknown) => {
        if (!ctrl.signal.aborted) setHistory({ status: 'error', message: err instanceof ApiError ? err.message : '请稍后再试' });
      },
    );
    return () => ctrl.abort();
  }, [id]);

  const entry = state.status === 'done' ? state.entry : undefined;
  useEffect(() => {
    if (!entry) return;
    document.title = `${entry.title} - 小政`;
    document.querySelector('[data-hit="true"]')?.scrollIntoView({ block: 'center' });
  }, [entry, hitSeq]);

  if (state.status === 'loading') return <Skeleton active paragraph={{ rows: 10 }} />;
  if (state.status === 'error') {
    return (
      <Result
        status={state.notFound ? '404' : 'error'}
        title={state.notFound ? '未找到该内容' : '加载失败'}
        subTitle={state.message}
        extra={
          <Link to="/">
            <Button type="primary">返回搜索</Button>
          </Link>
        }
      />
    );
  }
  const e = state.entry;
  return (
    <div className="entry-page">
      <Breadcrumb
        className="entry-breadcrumb"
        items={[{ title: <Link to={fromSearch ? `/${fromSearch}` : '/'}>{fromSearch ? '搜索结果' : '首页'}</Link> }, { title: KIND_LABEL[e.kind] }]}
      />
      <div className="entry-layout">
        <article className="entry-main">
          <header className="entry-header">
            <Tag color={KIND_COLOR[e.kind]}>{KIND_LABEL[e.kind]}</Tag>
            <h1 className="entry-title">{e.title}</h1>
            <div className="entry-meta">
              {e.docNumber && <span>{e.docNumber}</span>}
              {e.region && <span>{e.region}</span>}
              {e.department && <span>{e.department}</span>}
              <span>有效期：{formatValidity(e.validFrom, e.validTo)}</span>
              <span>
                第 {e.version} 版{e.inForce ? '（现行有效）' : ''}
              </span>
            </div>
          </header>
          {e.kind === 'item' && e.inForce && (
            <Link to={`/entries/${encodeURIComponent(e.id)}/guide`} className="guide-start">
              <Button type="primary" size="large">
                办事引导
              </Button>
            </Link>
          )}
          {!e.inForce && <NotInForce entry={e} />}
          {e.kind === 'item' && e.inForce && <PrereviewButton itemId={e.id} />}
          <EntryBody entry={e} hitSeq={hitSeq} />
        </article>
        <aside className="entry-side">
          <Card title="版本历史" size="small" className="history-card">
            <VersionHistory id={e.id} state={history} current={e.version} />
          </Card>
        </aside>
      </div>
    </div>
  );
}
