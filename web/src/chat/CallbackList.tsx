import { App, Button, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { ApiError } from '../api.js';
import * as api from '../api-chat.js';
import { LoadedView } from '../components/AdminPage.js';
import { formatDateTime } from '../labels.js';
import { useLoad } from '../use-load.js';

type Filter = api.Callback['status'] | 'all';

const STATUS_TAG: Record<api.Callback['status'], { color: string; label: string }> = {
  open: { color: 'orange', label: '待回电' },
  done: { color: 'green', label: '已回电' },
  cancelled: { color: 'default', label: '已取消' },
};

/**
 * Callback requests left outside office hours. Names and numbers are masked; showing one in
 * full is an audited access, asked for per request by the agent who calls back.
 */
export function CallbackList({ onOpenSession, onChanged }: { onOpenSession(id: string): void; onChanged(): void }) {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('open');
  const [state, reload] = useLoad((signal) => api.listCallbacks(filter === 'all' ? undefined : filter, signal), filter);
  const [contacts, setContacts] = useState<Record<string, api.CallbackContact>>({});

  const run = async (what: () => Promise<unknown>) => {
    try {
      await what();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '操作失败，请稍后再试');
    }
  };
  const reveal = (id: string) => run(async () => {
    const c = await api.getCallbackContact(id);
    setContacts((all) => ({ ...all, [id]: c }));
  });
  const settle = (id: string, status: 'done' | 'cancelled') =>
    run(async () => {
      await api.updateCallback(id, status);
      message.success(status === 'done' ? '已标记为已回电' : '已取消该回电请求');
      reload();
      onChanged();
    });

  const columns: ColumnsType<api.Callback> = [
    { title: '提交时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 150 },
    { title: '姓名', key: 'name', render: (_, c) => contacts[c.id]?.name ?? c.name },
    { title: '电话', key: 'phone', render: (_, c) => contacts[c.id]?.phone ?? c.phone },
    { title: '方便联系时间', dataIndex: 'preferredTime', render: (v: string | null) => v ?? '—' },
    { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    { title: '状态', dataIndex: 'status', render: (s: api.Callback['status']) => <Tag color={STATUS_TAG[s].color}>{STATUS_TAG[s].label}</Tag>, width: 90 },
    {
      title: '操作',
      key: 'actions',
      render: (_, c) => (
        <Space wrap size={4}>
          <Button size="small" type="link" onClick={() => onOpenSession(c.sessionId)}>
            会话记录
          </Button>
          {!contacts[c.id] && (
            <Button size="small" type="link" onClick={() => void reveal(c.id)}>
              查看完整号码
            </Button>
          )}
          {c.status === 'open' && (
            <>
              <Button size="small" onClick={() => void settle(c.id, 'done')}>
                已回电
              </Button>
              <Popconfirm title="取消这条回电请求？" okText="取消请求" cancelText="返回" onConfirm={() => settle(c.id, 'cancelled')}>
                <Button size="small" danger>
                  取消
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="agent-callbacks">
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'open', label: '待回电' },
          { value: 'done', label: '已回电' },
          { value: 'cancelled', label: '已取消' },
          { value: 'all', label: '全部' },
        ]}
      />
      <p className="muted">姓名和电话已脱敏；查看完整号码会记入审计日志。</p>
      <LoadedView state={state} onRetry={reload}>
        {(items) => <Table rowKey="id" size="small" columns={columns} dataSource={items} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 800 }} locale={{ emptyText: '没有回电请求' }} />}
      </LoadedView>
    </div>
  );
}
