/**
 * 诉求办理进度 (/hotline/track): an order found by its number and the last four digits of the
 * caller's phone — its status, the public timeline and the reply.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { formatDateTime } from '../labels.js';
import * as api from './api-hotline.js';
import { statusLabel } from './labels.js';

type View = { kind: 'ask' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; order: api.PublicOrderStatus };

export default function TrackPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const given = (location.state as { phone?: string } | null)?.phone;
  const [lookup, setLookup] = useState<{ id: string; phone: string } | null>(() => {
    const id = params.get('id');
    return id && given ? { id, phone: given } : null;
  });
  const [view, setView] = useState<View>(lookup ? { kind: 'loading' } : { kind: 'ask' });

  useEffect(() => {
    document.title = '诉求办理进度查询 - 小政';
  }, []);

  useEffect(() => {
    if (!lookup) return;
    const ctrl = new AbortController();
    setView({ kind: 'loading' });
    api.trackOrder(lookup.id, lookup.phone, ctrl.signal).then(
      (order) => setView({ kind: 'done', order }),
      (err: unknown) => !ctrl.signal.aborted && setView({ kind: 'error', message: err instanceof ApiError ? err.message : '查询失败，请稍后再试' }),
    );
    return () => ctrl.abort();
  }, [lookup]);

  return (
    <div className="hotline-public">
      <h1 className="page-title">诉求办理进度查询</h1>
      <Card size="small">
        <Form
          name="hotline-track"
          layout="inline"
          className="hotline-track-form"
          initialValues={{ id: params.get('id') ?? '', phone: given ?? '' }}
          onFinish={(v: { id: string; phone: string }) => {
            const id = v.id.trim();
            setParams({ id }, { replace: true });
            setLookup({ id, phone: v.phone.trim() });
          }}
        >
          <Form.Item label="工单编号" name="id" rules={[{ required: true, whitespace: true, message: '请填写工单编号' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="手机号码后四位" name="phone" rules={[{ required: true, message: '请填写手机号码后四位' }, { pattern: /^\d{4}$/, message: '请填写 4 位数字' }]}>
            <Input autoComplete="off" inputMode="numeric" maxLength={4} className="hotline-last4" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {view.kind === 'loading' && <Skeleton active />}
      {view.kind === 'error' && <Alert type="error" showIcon title={view.message} role="alert" />}
      {view.kind === 'done' && <Tracked order={view.order} />}
    </div>
  );
}

function Tracked({ order }: { order: api.PublicOrderStatus }) {
  return (
    <Card size="small" title={order.title} className="hotline-tracked">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label="工单编号">{order.id}</Descriptions.Item>
        <Descriptions.Item label="办理状态">
          <strong data-testid="track-status">{order.statusLabel ?? statusLabel(order.status)}</strong>
        </Descriptions.Item>
        <Descriptions.Item label="提交时间">{formatDateTime(order.createdAt)}</Descriptions.Item>
        {order.departmentName && <Descriptions.Item label="承办单位">{order.departmentName}</Descriptions.Item>}
        {order.dueAt && order.status !== 'closed' && <Descriptions.Item label="答复时限">{formatDateTime(order.dueAt)}</Descriptions.Item>}
      </Descriptions>
      {order.reply && (
        <>
          <h2 className="hotline-h3">答复内容{order.repliedAt ? <span className="muted">（{formatDateTime(order.repliedAt)}）</span> : null}</h2>
          <p className="pre-line hotline-reply" data-testid="track-reply">
            {order.reply}
          </p>
        </>
      )}
      <h2 className="hotline-h3">办理过程</h2>
      <Timeline
        items={order.timeline.map((e) => ({
          content: (
            <div>
              <strong>{e.label}</strong> <span className="muted">{formatDateTime(e.at)}</span>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
