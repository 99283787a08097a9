import { Alert, Skeleton, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { HistoryVersion } from '../api.js';
import { formatDateTime, formatValidity } from '../labels.js';

const STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'green' },
  retired: { label: '已废止', color: 'red' },
};

export type HistoryState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'done'; versions: HistoryVersion[] };

/** 版本历史: every version of the entry, newest first; any can be opened. */
export function VersionHistory({ id, state, current }: { id: string; state: HistoryState; current: number }) {
  if (state.status === 'loading') return <Skeleton active paragraph={{ rows: 3 }} />;
  if (state.status === 'error') return <Alert type="warning" showIcon title="版本历史暂时无法加载" description={state.message} />;
  const versions = [...state.versions].sort((a, b) => b.version - a.version);
  return (
    <ol className="version-list">
      {versions.map((v) => {
        const status = STATUS[v.status] ?? { label: v.status, color: 'default' };
        const isCurrent = v.version === current;
        return (
          <li key={v.version} className={`version${isCurrent ? ' is-current' : ''}`}>
            <div className="version-head">
              {isCurrent ? (
                <strong>第 {v.version} 版（当前查看）</strong>
              ) : (
                <Link to={`/entries/${encodeURIComponent(id)}?version=${v.version}`}>查看第 {v.version} 版</Link>
              )}
              <Tag color={status.color}>{status.label}</Tag>
            </div>
            <div className="version-meta">有效期：{formatValidity(v.validFrom, v.validTo)}</div>
            <div className="version-meta">更新于 {formatDateTime(v.createdAt)}</div>
            {v.note && <div className="version-meta">说明：{v.note}</div>}
          </li>
        );
      })}
    </ol>
  );
}
