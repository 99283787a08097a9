import { Alert, Button, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth.js';
import { useLoad } from '../use-load.js';
import { listDocuments, type DocumentStatus, type DocumentSummary } from './api-documents.js';
import { formatDateTime } from '../labels.js';
import { STATUS_COLORS } from './labels.js';

const FILTERS: { value: DocumentStatus | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'drafting', label: '拟稿' },
  { value: 'reviewing', label: '待核稿' },
  { value: 'reviewed', label: '待签发' },
  { value: 'signed', label: '已签发' },
];

/** 公文列表: the department's documents with their status in the 拟稿 → 核稿 → 签发 flow. */
export default function DocumentListPage() {
  const auth = useAuth();
  const [status, setStatus] = useState<DocumentStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const [loaded] = useLoad((signal) => listDocuments({ status: status === 'all' ? undefined : status, offset: (page - 1) * 50 }, signal), `list:${status}:${page}`);
  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3}>公文</Typography.Title>
        {auth.can('documents.draft') && (
          <Link to="/documents/new">
            <Button type="primary">起草公文</Button>
          </Link>
        )}
      </div>
      <Segmented
        options={FILTERS}
        value={status}
        onChange={(v) => {
          setStatus(v as DocumentStatus | 'all');
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
      />
      {loaded.status === 'error' && <Alert type="error" showIcon message={loaded.message} />}
      <Table<DocumentSummary>
        rowKey="id"
        className="gw-list"
        loading={loaded.status === 'loading'}
        dataSource={loaded.status === 'done' ? loaded.data.items : []}
        pagination={{ current: page, pageSize: 50, total: loaded.status === 'done' ? loaded.data.total : 0, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: 800 }}
        columns={[
          { title: '标题', dataIndex: 'title', render: (t: string, r) => <Link to={`/documents/${encodeURIComponent(r.id)}`}>{t}</Link> },
          { title: '文种', dataIndex: 'type', width: 80 },
          { title: '发文字号', dataIndex: 'docNumber', width: 180, render: (v: string | null) => v ?? '—' },
          { title: '状态', dataIndex: 'status', width: 140, render: (s: DocumentStatus, r) => <Tag color={STATUS_COLORS[s]}>{r.statusLabel}</Tag> },
          { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
          { title: '拟稿人', dataIndex: 'createdByName', width: 110 },
          { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </div>
  );
}
