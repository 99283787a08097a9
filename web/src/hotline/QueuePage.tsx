/**
 * 承办队列 (/hotline/queue): the orders dispatched to the handler's department (the server
 * limits the list to the department scope), soonest deadline first, overdue in red; sign,
 * return with a reason, start, reply (with a draft to edit) and ask for an extension.
 */
import { Button, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AdminPage } from '../components/AdminPage.js';
import type * as api from './api-hotline.js';
import type { ActionRequest } from './ActionDialog.js';
import { OrderList } from './OrderList.js';

const VIEWS = {
  dispatched: { label: '待签收', filter: { status: 'dispatched' } },
  signed: { label: '已签收', filter: { status: 'signed' } },
  handling: { label: '办理中', filter: { status: 'handling' } },
  overdue: { label: '已超期', filter: { overdue: true } },
  all: { label: '全部', filter: {} },
} satisfies Record<string, { label: string; filter: api.OrderFilter }>;
type View = keyof typeof VIEWS;

function handlerActions(o: api.OrderSummary, open: (r: ActionRequest) => void, run: (o: api.OrderSummary, a: api.OrderAction) => void) {
  const order = { id: o.id, version: o.version };
  return (
    <Space size={4} wrap>
      {o.status === 'dispatched' && (
        <Button size="small" type="primary" onClick={() => run(o, 'sign')}>
          签收
        </Button>
      )}
      {o.status === 'signed' && (
        <Button size="small" type="primary" onClick={() => run(o, 'start')}>
          开始办理
        </Button>
      )}
      {o.status === 'handling' && (
        <Button size="small" type="primary" onClick={() => open({ order, action: 'reply' })}>
          答复
        </Button>
      )}
      {(o.status === 'signed' || o.status === 'handling') && (
        <Button size="small" onClick={() => open({ order, action: 'extend_request' })}>
          申请延期
        </Button>
      )}
      {(o.status === 'dispatched' || o.status === 'signed') && (
        <Button size="small" danger onClick={() => open({ order, action: 'return' })}>
          退单
        </Button>
      )}
    </Space>
  );
}

export default function QueuePage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('view') as View | null;
  const view: View = requested && requested in VIEWS ? requested : 'dispatched';
  const [reloadKey, setReloadKey] = useState(0);
  return (
    <AdminPage title="承办队列" actions={<Button onClick={() => setReloadKey((n) => n + 1)}>刷新</Button>}>
      <Segmented
        className="queue-filter wrap-segmented"
        value={view}
        onChange={(v) => setParams(v === 'dispatched' ? {} : { view: String(v) })}
        options={(Object.keys(VIEWS) as View[]).map((k) => ({ value: k, label: VIEWS[k].label }))}
      />
      <OrderList key={view} fixed={VIEWS[view].filter} showFilters={false} byDeadline reloadKey={reloadKey} actions={handlerActions} emptyText="暂无工单" />
    </AdminPage>
  );
}
