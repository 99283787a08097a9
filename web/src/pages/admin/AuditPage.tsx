import { AutoComplete, Button, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import * as api from '../../api-admin.js';
import { ACTION_LABEL, actionLabel, ENTITY_LABEL, entityLabel, roleLabel } from '../../admin-labels.js';
import { useAuth } from '../../auth.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { AuditChainStatus } from '../../components/AuditChainStatus.js';
import { formatDateTime } from '../../labels.js';
import { useLoad } from '../../use-load.js';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
type FilterForm = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** The filters in the URL; dates stay days (Asia/Shanghai), as the API takes them. */
function filterFromParams(params: URLSearchParams): api.AuditFilter {
  const f: api.AuditFilter = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k)?.trim();
    if (v) f[k] = v;
  }
  return f;
}

const actionOptions = Object.entries(ACTION_LABEL).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
const entityOptions = Object.entries(ENTITY_LABEL).map(([value, label]) => ({ value, label }));

function Filters({ params, onSearch }: { params: URLSearchParams; onSearch(v: FilterForm): void }) {
  const [form] = Form.useForm<FilterForm>();
  const key = FILTER_KEYS.map((k) => params.get(k) ?? '').join('|');
  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])));
    // the URL is the source of truth; `key` changes exactly when the filters in it do
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <Form form={form} layout="vertical" className="audit-filters" name="audit-filter" onFinish={onSearch} role="search" aria-label="筛选审计记录">
      <div className="audit-filter-grid">
        <Form.Item label="操作人" name="actor">
          <Input allowClear placeholder="用户名" autoComplete="off" />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <AutoComplete allowClear options={actionOptions} placeholder="如 auth.login" filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())} />
        </Form.Item>
        <Form.Item label="对象类型" name="entityType">
          <Select allowClear options={entityOptions} placeholder="全部" />
        </Form.Item>
        <Form.Item label="对象编号" name="entityId">
          <Input allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item label="开始日期" name="from">
          <Input type="date" />
        </Form.Item>
        <Form.Item label="结束日期" name="to">
          <Input type="date" />
        </Form.Item>
      </div>
      <Space wrap>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          重置
        </Button>
      </Space>
    </Form>
  );
}

interface PagingState {
  /** beforeSeq cursors of the pages already seen, so 上一页 can go back without a server offset */
  cursors?: (number | null)[];
}

export function AuditPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const before = Number(params.get('before')) || undefined;
  const cursors = (location.state as PagingState | null)?.cursors ?? [];
  const key = `${JSON.stringify(filter)}@${before ?? ''}`;
  const [state, reload] = useLoad((signal) => api.listAudit({ ...filter, beforeSeq: before, limit: PAGE_SIZE }, signal), key);

  const search = (v: FilterForm) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const value = v[k]?.trim();
      if (value) next.set(k, value);
    }
    setParams(next);
  };
  const goTo = (beforeSeq: number | undefined, nextCursors: (number | null)[]) => {
    const next = new URLSearchParams(params);
    if (beforeSeq) next.set('before', String(beforeSeq));
    else next.delete('before');
    setParams(next, { state: { cursors: nextCursors } satisfies PagingState });
  };

  const here = location.pathname + location.search;
  const columns: ColumnsType<api.AuditRecord> = [
    {
      title: '记录',
      key: 'seq',
      render: (_, r) => (
        <>
          <Link to={`/admin/audit/${r.seq}`} state={{ back: here }} aria-label={`查看第 ${r.seq} 条记录详情`}>
            #{r.seq}
          </Link>
          <span className="muted cell-sub">{formatDateTime(r.at)}</span>
        </>
      ),
    },
    { title: '操作', key: 'action', render: (_, r) => <span title={r.action}>{actionLabel(r.action)}</span> },
    {
      title: '操作人',
      key: 'actor',
      render: (_, r) => (
        <span>
          {r.actor.name}
          {r.actor.role && <span className="muted cell-sub">{roleLabel(r.actor.role)}</span>}
        </span>
      ),
    },
    {
      title: '对象',
      key: 'entity',
      responsive: ['sm'],
      render: (_, r) => (r.entityType ? `${entityLabel(r.entityType)}${r.entityId ? ` ${r.entityId}` : ''}` : <span className="muted">—</span>),
    },
    { title: '原因', key: 'reason', responsive: ['md'], ellipsis: true, render: (_, r) => r.reason ?? (r.ai ? `问：${r.ai.question}` : '') },
  ];

  const exportUrl = api.auditExportUrl(filter);
  return (
    <AdminPage
      title="审计日志"
      actions={
        auth.can('audit.export') && (
          <Button href={exportUrl} download>
            导出 JSONL
          </Button>
        )
      }
    >
      <AuditChainStatus />
      <Filters params={params} onSearch={search} />
      <LoadedView state={state} onRetry={reload}>
        {(page) => (
          <>
            <Table<api.AuditRecord>
              className="audit-table"
              rowKey="seq"
              columns={columns}
              dataSource={page.items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              size="middle"
              locale={{ emptyText: '没有符合条件的审计记录' }}
              onRow={(r) => ({ onClick: (e) => !(e.target as HTMLElement).closest('a') && navigate(`/admin/audit/${r.seq}`, { state: { back: here } }), className: 'clickable-row' })}
            />
            <nav className="audit-pager" aria-label="翻页">
              {before !== undefined && <Button onClick={() => goTo(undefined, [])}>最新</Button>}
              {cursors.length > 0 && <Button onClick={() => goTo(cursors[cursors.length - 1] ?? undefined, cursors.slice(0, -1))}>上一页</Button>}
              {page.nextBeforeSeq ? (
                <Button type="primary" onClick={() => goTo(page.nextBeforeSeq!, [...cursors, before ?? null])}>
                  下一页
                </Button>
              ) : (
                page.items.length > 0 && <span className="muted">已到最早的记录</span>
              )}
            </nav>
          </>
        )}
      </LoadedView>
    </AdminPage>
  );
}
