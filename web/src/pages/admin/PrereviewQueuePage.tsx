import { Segmented, Table, Tag } from 'antd';
import { formatDateTime } from '../../labels.js';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getQueue, type ApplicationStatus, type QueueItem } from '../../api-prereview.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { APPLICATION_STATUS } from '../../prereview/labels.js';
import { RuleStatusTag } from '../../prereview/ReportView.js';
import { useLoad } from '../../use-load.js';
import '../../prereview/prereview.css';

const PAGE_SIZE = 20;
const STATUSES: ApplicationStatus[] = ['pending', 'supplement', 'accepted', 'rejected'];

const columns: ColumnsType<QueueItem> = [
  { title: '申请编号', dataIndex: 'id', key: 'id', render: (id: string) => <Link to={`/admin/prereview/${encodeURIComponent(id)}`}>{id}</Link> },
  { title: '办理事项', dataIndex: 'itemName', key: 'item' },
  { title: '申请人', dataIndex: 'applicantName', key: 'applicant', render: (v: string | null) => v ?? '—' },
  { title: 'AI 预审', dataIndex: 'suggestion', key: 'suggestion', render: (s: QueueItem['suggestion']) => <RuleStatusTag status={s} /> },
  { title: '提交次数', dataIndex: 'revision', key: 'revision', align: 'center' },
  { title: '状态', dataIndex: 'status', key: 'status', render: (s: ApplicationStatus) => <Tag color={APPLICATION_STATUS[s].color}>{APPLICATION_STATUS[s].label}</Tag> },
  { title: '更新时间', dataIndex: 'updatedAt', key: 'updated', className: 'nowrap', render: (v: string) => formatDateTime(v) },
];

/** 材料预审 queue: the applications of the reviewer's departments (and shared ones), by status. */
export function PrereviewQueuePage() {
  const [params, setParams] = useSearchParams();
  const status = (STATUSES as string[]).includes(params.get('status') ?? '') ? (params.get('status') as ApplicationStatus) : 'pending';
  const [page, setPage] = useState(1);
  const [state, reload] = useLoad((signal) => getQueue(status, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal), `${status}:${page}`);
  return (
    <AdminPage title="材料预审">
      <Segmented
        className="queue-filter"
        value={status}
        onChange={(v) => {
          setPage(1);
          setParams(v === 'pending' ? {} : { status: String(v) });
        }}
        options={STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS[s].label }))}
      />
      <LoadedView state={state} onRetry={reload}>
        {(data) => (
          <Table<QueueItem>
            className="prereview-queue"
            rowKey="id"
            columns={columns}
            dataSource={data.items}
            size="middle"
            scroll={{ x: 760 }}
            locale={{ emptyText: status === 'pending' ? '暂无待审核的申请' : '暂无申请' }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
          />
        )}
      </LoadedView>
    </AdminPage>
  );
}
