import { Alert, Button, Empty, Skeleton, Tag } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import type { SearchHit, SearchResponse } from '../api.js';
import { KIND_COLOR, KIND_LABEL, passageLabel } from '../labels.js';
import { Highlight } from './Highlight.js';

/** passage ids are `${docId}@${version}#${seq}` */
function passageSeq(passageId: string): string {
  return passageId.slice(passageId.lastIndexOf('#') + 1);
}

export function entryHref(docId: string, version: number, passageId?: string): string {
  const qs = new URLSearchParams({ version: String(version) });
  if (passageId) qs.set('passage', passageSeq(passageId));
  return `/entries/${encodeURIComponent(docId)}?${qs}`;
}

/** Policy section labels are the heading's first words and can run long. */
function shortLabel(label: string): string {
  const l = passageLabel(label);
  return l.length > 28 ? `${l.slice(0, 28)}…` : l;
}

function HitCard({ hit }: { hit: SearchHit }) {
  // the entry page links back to these results
  const back = { search: useLocation().search };
  const href = entryHref(hit.docId, hit.version, hit.passage.id);
  return (
    <li className="hit" data-kind={hit.kind}>
      <div className="hit-head">
        <Tag color={KIND_COLOR[hit.kind]} className="kind-tag">
          {KIND_LABEL[hit.kind]}
        </Tag>
        <Link to={href} state={back} className="hit-title">
          {hit.title}
        </Link>
      </div>
      <div className="hit-label">{shortLabel(hit.passage.label)}</div>
      <p className="hit-passage">
        <Highlight html={hit.passage.highlight} maxChars={180} />
      </p>
      {hit.morePassages && hit.morePassages.length > 0 && (
        <div className="hit-more">
          <span>其他匹配：</span>
          {hit.morePassages.slice(0, 4).map((p) => (
            <Link key={p.id} to={entryHref(hit.docId, hit.version, p.id)} state={back}>
              {shortLabel(p.label)}
            </Link>
          ))}
        </div>
      )}
    </li>
  );
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'done'; data: SearchResponse };

export function SearchResults({ state, onRetry }: { state: SearchState; onRetry: () => void }) {
  if (state.status === 'idle') return null;
  if (state.status === 'loading') {
    return (
      <div className="results" aria-busy="true">
        <Skeleton active paragraph={{ rows: 3 }} />
        <Skeleton active paragraph={{ rows: 3 }} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert
        className="results"
        type="error"
        showIcon
        title="搜索失败"
        description={state.message}
        action={
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        }
      />
    );
  }
  const { hits, total, tookMs } = state.data;
  if (hits.length === 0) {
    return (
      <Empty
        className="results results-empty"
        description={
          <>
            <div>未找到相关结果</div>
            <div className="muted">请尝试更换关键词、使用更简短的说法，或减少筛选条件</div>
          </>
        }
      />
    );
  }
  return (
    <section className="results" aria-label="搜索结果">
      <div className="results-stats">
        找到 <strong>{total}</strong> 条相关结果{total > hits.length ? `，显示前 ${hits.length} 条` : ''}
        <span className="took">（用时 {Math.max(1, Math.round(tookMs))} 毫秒）</span>
      </div>
      <ol className="hit-list">
        {hits.map((h) => (
          <HitCard key={h.passage.id} hit={h} />
        ))}
      </ol>
    </section>
  );
}
