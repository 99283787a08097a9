/**
 * 受理台 (/hotline): the 12345 agent's intake form with suggestions, the order list with
 * dispatch, and supervision — overdue orders to 督办, extension requests to decide, returned
 * orders to 改派.
 */
import { Badge, Button, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth.js';
import { AdminPage } from '../components/AdminPage.js';
import { useLoad } from '../use-load.js';
import * as api from './api-hotline.js';
import { IntakePanel } from './IntakePanel.js';
import { centerActions, OrderList } from './OrderList.js';

const TABS = ['intake', 'orders', 'supervise'] as const;
type Tab = (typeof TABS)[number];

function Supervision({ reloadKey: bump }: { reloadKey: number }) {
  return (
    <div className="hotline-supervise">
      <h2 className="hotline-h2">延期申请</h2>
      <p className="muted">承办单位申请延期的工单，批准后答复时限按工作日顺延。</p>
      <OrderList
        fixed={{ extension: 'pending' }}
        showFilters={false}
        reloadKey={bump}
        emptyText="暂无待审批的延期申请"
        extraColumns={[{ title: '延期申请', key: 'ext', width: 220, render: (_: unknown, o) => (o.pendingExtension ? `${o.pendingExtension.days} 个工作日：${o.pendingExtension.reason ?? ''}` : '—') }]}
        actions={(o, open) => (
          <Space size={4}>
            <Button size="small" type="primary" onClick={() => open({ order: o, action: 'extend_approve', initial: { days: o.pendingExtension?.days } })}>
              批准延期
            </Button>
            <Button size="small" onClick={() => open({ order: o, action: 'extend_reject' })}>
              驳回
            </Button>
          </Space>
        )}
      />
      <h2 className="hotline-h2">退单待改派</h2>
      <OrderList fixed={{ status: 'returned' }} showFilters={false} reloadKey={bump} emptyText="暂无退回的工单" actions={centerActions} />
      <h2 className="hotline-h2">超期工单</h2>
      <OrderList fixed={{ overdue: true }} showFilters={false} reloadKey={bump} emptyText="暂无超期工单" actions={centerActions} />
    </div>
  );
}

export default function ConsolePage() {
  const auth = useAuth();
  const [params, setParams] = useSearchParams();
  const canIntake = auth.can('hotline.intake');
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : canIntake ? 'intake' : 'supervise';
  const [created, setCreated] = useState(0);
  const [overdue] = useLoad((signal) => api.listOrders({ overdue: true, limit: 1 }, signal), `overdue:${created}`);
  const overdueCount = overdue.status === 'done' ? overdue.data.total : 0;

  const items = [
    ...(canIntake ? [{ key: 'intake', label: '受理', children: <IntakePanel onCreated={() => setCreated((n) => n + 1)} /> }] : []),
    { key: 'orders', label: '工单', children: <OrderList reloadKey={created} actions={canIntake ? centerActions : undefined} /> },
    ...(auth.can('hotline.supervise')
      ? [{ key: 'supervise', label: <span>督办 <Badge count={overdueCount} size="small" /></span>, children: <Supervision reloadKey={created} /> }]
      : []),
  ];
  return (
    <AdminPage title="12345 热线受理台">
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'intake' ? {} : { tab: k })} items={items} destroyOnHidden />
    </AdminPage>
  );
}
