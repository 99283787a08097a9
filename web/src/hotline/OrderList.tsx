/**
 * The order list with its filters (status, type, overdue, words) and the row actions a list
 * offers: 派单 for a new order, 改派 for a returned one, 督办 for an overdue one.
 */
import { Alert, App, Button, Checkbox, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.js';
import { LoadedView } from '../components/AdminPage.js';
import { formatDateTime } from '../labels.js';
import { useLoad } from '../use-load.js';
import * as api from './api-hotline.js';
import { ActionDialog, type ActionRequest } from './ActionDialog.js';
import { actionLabel, ORDER_TYPES, remaining, STATUS, STATUSES, URGENCY } from './labels.js';

const PAGE_SIZE = 20;
/** the most the API returns at once (GET /hotline/orders limit) */
const BY_DEADLINE_MAX = 200;

/** Ticks once a minute, so deadlines count down on a page left open. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function StatusTag({ status }: { status: string }) {
  const s = STATUS[status as api.OrderStatus];
  return <Tag color={s?.color}>{s?.label ?? status}</Tag>;
}

/**
 * The deadline that matters now — to sign before 签收, to reply after — as the moment it falls
 * (the server set it in working time, holidays and 调休 included) and the clock time left; red
 * once past.
 */
export function Deadline({ order, now }: { order: Pick<api.OrderSummary, 'status' | 'dueAt' | 'signDueAt' | 'overdue'>; now: number }) {
  if (['closed', 'merged', 'replied', 'visited'].includes(order.status)) return <span className="muted">—</span>;
  const signing = order.status === 'dispatched';
  const at = signing ? order.signDueAt : order.dueAt;
  const r = remaining(at, now);
  if (!at || !r) return <span className="muted">—</span>;
  const late = r.overdue || (!signing && order.overdue);
  return (
    <span className={`hotline-deadline${late ? ' hotline-overdue' : ''}`} data-overdue={late || undefined}>
      {signing ? '签收' : '答复'}截止 {formatDateTime(at).slice(5)}
      <span className="hotline-left">（{r.text}）</span>
    </span>
  );
}

/** The deadline that matters now (to sign, else to reply) as a number for sorting; none last. */
function deadlineOf(o: api.OrderSummary): number {
  const at = o.status === 'dispatched' ? o.signDueAt : o.dueAt;
  const t = at ? Date.parse(at) : NaN;
  return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}

export const orderLink = (id: string) => <Link to={`/hotline/orders/${encodeURIComponent(id)}`}>{id}</Link>;

/** Columns shared by the agent's list and the department's queue. */
export function orderColumns(now: number): ColumnsType<api.OrderSummary> {
  return [
    { title: '工单编号', dataIndex: 'id', key: 'id', className: 'nowrap', width: 170, render: orderLink },
    { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true },
    {
      title: '类型',
      dataIndex: 'type',
      key: 'type',
      className: 'nowrap',
      width: 100,
      render: (t: string, o) => (
        <>
          {t}
          {o.urgency !== 'normal' && <Tag color={URGENCY[o.urgency]?.color} className="hotline-urgency">{URGENCY[o.urgency]?.label ?? o.urgency}</Tag>}
        </>
      ),
    },
    { title: '状态', dataIndex: 'status', key: 'status', className: 'nowrap', width: 90, render: (s: string) => <StatusTag status={s} /> },
    { title: '承办单位', dataIndex: 'departmentName', key: 'dept', width: 170, render: (v?: string | null) => v ?? <span className="muted">未派单</span> },
    { title: '办理时限', key: 'due', className: 'nowrap', width: 160, render: (_: unknown, o) => <Deadline order={o} now={now} /> },
    { title: '受理时间', dataIndex: 'createdAt', key: 'created', className: 'nowrap', width: 140, render: (v: string) => formatDateTime(v) },
  ];
}

export interface ListFilter {
  status?: api.OrderStatus;
  type?: api.OrderType;
  overdue?: boolean;
  q?: string;
}

/**
 * `fixed`: filters the caller sets and the user cannot change; `actions`: the buttons of a row
 * (the queue's 签收, the center's 派单); the list reloads after any action.
 */
export function OrderList({ fixed, showFilters = true, actions, extraColumns = [], reloadKey = 0, emptyText = '暂无工单', byDeadline }: {
  fixed?: api.OrderFilter;
  showFilters?: boolean;
  /** `open` shows the action dialog; `run` does a one-click action (签收, 开始办理) */
  actions?: (o: api.OrderSummary, open: (r: ActionRequest) => void, run: (o: api.OrderSummary, action: api.OrderAction) => void) => ReactNode;
  /**
   * Soonest deadline first (the department's queue). The API lists newest first, so the queue
   * reads its first BY_DEADLINE_MAX orders at once and orders them here.
   */
  byDeadline?: boolean;
  extraColumns?: ColumnsType<api.OrderSummary>;
  reloadKey?: number;
  emptyText?: string;
}) {
  const now = useNow();
  const [filter, setFilter] = useState<ListFilter>({});
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<ActionRequest | null>(null);
  const { message } = App.useApp();
  const query: api.OrderFilter = { ...filter, ...fixed, ...(byDeadline ? { limit: BY_DEADLINE_MAX, offset: 0 } : { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) };
  const [state, reload] = useLoad((signal) => api.listOrders(query, signal), `${JSON.stringify(query)}:${reloadKey}`);
  const run = async (o: api.OrderSummary, action: api.OrderAction) => {
    try {
      const order = await api.act(o.id, { action, ...(o.version !== undefined ? { expectedVersion: o.version } : {}) });
      message.success(`工单 ${order.id} ${actionLabel(action)}成功`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : `${actionLabel(action)}失败，请稍后再试`);
    }
    reload();
  };
  const rows = (items: api.OrderSummary[]) => (byDeadline ? [...items].sort((a, b) => deadlineOf(a) - deadlineOf(b)) : items);
  const set = (patch: ListFilter) => {
    setPage(1);
    setFilter((f) => ({ ...f, ...patch }));
  };
  const columns: ColumnsType<api.OrderSummary> = [
    ...orderColumns(now),
    ...extraColumns,
    ...(actions ? [{ title: '操作', key: 'actions', className: 'nowrap', fixed: 'right' as const, width: 150, render: (_: unknown, o: api.OrderSummary) => actions(o, setDialog, (x, a) => void run(x, a)) }] : []),
  ];
  return (
    <div className="hotline-list">
      {showFilters && (
        <Space wrap className="admin-toolbar">
          <Select
            aria-label="状态"
            className="hotline-filter"
            allowClear
            placeholder="全部状态"
            value={filter.status}
            onChange={(v?: api.OrderStatus) => set({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: STATUS[s].label }))}
          />
          <Select aria-label="类型" className="hotline-filter" allowClear placeholder="全部类型" value={filter.type} onChange={(v?: api.OrderType) => set({ type: v })} options={ORDER_TYPES.map((t) => ({ value: t, label: t }))} />
          <Checkbox checked={!!filter.overdue} onChange={(e) => set({ overdue: e.target.checked || undefined })}>
            只看超期
          </Checkbox>
          <Input.Search aria-label="搜索工单" placeholder="编号、标题或内容" allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ q: v.trim() || undefined })} className="hotline-search" />
          <Button onClick={reload}>刷新</Button>
        </Space>
      )}
      <LoadedView state={state} onRetry={reload}>
        {(data) => (
          <>
            {byDeadline && data.total > data.items.length && <Alert type="info" showIcon className="form-alert" title={`共 ${data.total} 件，按时限排列的是最新受理的 ${data.items.length} 件`} />}
            <Table<api.OrderSummary>
              className="hotline-orders"
              rowKey="id"
              columns={columns}
              dataSource={rows(data.items)}
              size="middle"
              scroll={{ x: 1100 }}
              rowClassName={(o) => (o.overdue ? 'is-overdue' : '')}
              locale={{ emptyText }}
              pagination={{ current: page, pageSize: PAGE_SIZE, total: byDeadline ? data.items.length : data.total, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
            />
          </>
        )}
      </LoadedView>
      <ActionDialog
        request={dialog}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          reload();
        }}
      />
    </div>
  );
}

/** 派单 / 改派 / 督办 as a list offers them, by the row's state. */
export function centerActions(o: api.OrderSummary, open: (r: ActionRequest) => void): ReactNode {
  const order = { id: o.id, version: o.version };
  const buttons: ReactNode[] = [];
  if (o.status === 'received') buttons.push(<Button key="d" size="small" type="primary" onClick={() => open({ order, action: 'dispatch' })}>派单</Button>);
  if (o.status === 'returned') buttons.push(<Button key="r" size="small" type="primary" onClick={() => open({ order, action: 'redispatch' })}>改派</Button>);
  if (o.overdue && !['closed', 'merged'].includes(o.status)) buttons.push(<Button key="s" size="small" danger onClick={() => open({ order, action: 'supervise' })}>督办</Button>);
  return buttons.length ? <Space size={4}>{buttons}</Space> : null;
}
