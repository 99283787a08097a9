/**
 * 工单详情 (/hotline/orders/:id): the order's fields (the caller's phone masked unless the
 * viewer takes calls), the timeline of every transition (who, when, what, why), the chat
 * transcript when it came from a handoff, and the actions the server allows this viewer now.
 */
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Rate, Space, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { MessageView, type Speakers } from '../chat/MessageView.js';
import { AdminPage, LoadedView } from '../components/AdminPage.js';
import { formatDateTime } from '../labels.js';
import { useLoad } from '../use-load.js';
import * as api from './api-hotline.js';
import { ActionDialog, needsDialog, type ActionRequest } from './ActionDialog.js';
import { actionLabel, CHANNEL, formatLocation, SATISFACTION, statusLabel, URGENCY } from './labels.js';
import { Deadline, StatusTag, useNow } from './OrderList.js';
import '../chat/chat.css';

const SPEAKERS: Speakers = { citizen: '群众', assistant: '小政', agent: '坐席', system: '系统消息' };

/** The order in which actions appear: the usual next step first, side paths after. */
const ORDER: api.OrderAction[] = ['dispatch', 'answer_directly', 'sign', 'start', 'reply', 'visit', 'close', 'reopen', 'redispatch', 'extend_request', 'extend_approve', 'extend_reject', 'supervise', 'return', 'merge'];
const PRIMARY = new Set<api.OrderAction>(['dispatch', 'sign', 'start', 'reply', 'visit', 'close', 'redispatch', 'extend_approve']);
const DANGER = new Set<api.OrderAction>(['return', 'reopen', 'supervise']);

function payloadText(e: api.OrderEvent): string {
  const p = e.payload ?? {};
  const parts: string[] = [];
  if (typeof p.departmentName === 'string') parts.push(`承办单位：${p.departmentName}`);
  if (typeof p.days === 'number') parts.push(`${p.days} 个工作日`);
  if (typeof p.satisfaction === 'number') parts.push(`满意度：${p.satisfaction} 分（${SATISFACTION[p.satisfaction] ?? ''}）`);
  if (typeof p.intoOrderId === 'string') parts.push(`并入 ${p.intoOrderId}`);
  return parts.join('，');
}

function Events({ events }: { events: api.OrderEvent[] }) {
  if (!events.length) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      className="hotline-timeline"
      items={events.map((e) => ({
        color: e.action === 'overdue' || e.action === 'return' || e.action === 'supervise' ? 'red' : e.toStatus === 'closed' ? 'green' : 'blue',
        content: (
          <div className="hotline-event" data-action={e.action}>
            <div>
              <strong>{e.actionLabel ?? actionLabel(e.action)}</strong>
              {e.fromStatus && e.fromStatus !== e.toStatus && <span className="muted">（{statusLabel(e.fromStatus)} → {statusLabel(e.toStatus)}）</span>}
            </div>
            <div className="muted">
              {formatDateTime(e.at)} · {e.actorName}
            </div>
            {payloadText(e) && <div>{payloadText(e)}</div>}
            {e.reason && <div className="pre-line hotline-reason">{e.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}

function OrderView({ detail, onChanged }: { detail: api.OrderDetail; onChanged(): void }) {
  const { message } = App.useApp();
  const now = useNow();
  const { order, events, transcript, allowedActions, pendingExtension } = detail;
  const [dialog, setDialog] = useState<ActionRequest | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const allowed = ORDER.filter((a) => allowedActions.includes(a));

  const plain = async (action: api.OrderAction) => {
    setBusy(action);
    try {
      await api.act(order.id, { action, expectedVersion: order.version });
      message.success(`${actionLabel(action)}成功`);
      onChanged();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : `${actionLabel(action)}失败，请稍后再试`);
      onChanged();
    } finally {
      setBusy(null);
    }
  };

  const location = formatLocation(order.location);
  return (
    <div className="hotline-order">
      <div className="hotline-order-main">
        <Card size="small" title={order.title} extra={<StatusTag status={order.status} />} data-testid="order-card">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="hotline-fields-view">
            <Descriptions.Item label="工单编号">{order.id}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="order-status">{order.statusLabel ?? statusLabel(order.status)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="诉求类型">{order.type}</Descriptions.Item>
            <Descriptions.Item label="紧急程度">
              <Tag color={URGENCY[order.urgency]?.color}>{URGENCY[order.urgency]?.label ?? order.urgency}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="诉求分类">{order.category ?? <span className="muted">未分类</span>}</Descriptions.Item>
            <Descriptions.Item label="渠道">{CHANNEL[order.channel] ?? order.channel}</Descriptions.Item>
            <Descriptions.Item label="来电人">{order.callerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">
              <span data-testid="caller-phone">{order.callerPhone ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label="事发地点">{location || '—'}</Descriptions.Item>
            <Descriptions.Item label="承办单位">
              {order.departmentName ?? <span className="muted">未派单</span>}
              {order.coDepartments.length > 0 && <span className="muted">（协办：{order.coDepartments.map((d) => d.name).join('、')}）</span>}
            </Descriptions.Item>
            <Descriptions.Item label="办理时限">
              {order.status === 'dispatched' || order.status === 'signed' || order.status === 'handling' ? <Deadline order={order} now={now} /> : order.dueAt ? formatDateTime(order.dueAt) : '—'}
              {order.extendedDays > 0 && <span className="muted">（已延期 {order.extendedDays} 个工作日）</span>}
            </Descriptions.Item>
            <Descriptions.Item label="受理时间">{formatDateTime(order.createdAt)}</Descriptions.Item>
            {order.superviseCount > 0 && <Descriptions.Item label="督办">{order.superviseCount} 次</Descriptions.Item>}
            {order.reopenCount > 0 && <Descriptions.Item label="重办">{order.reopenCount} 次</Descriptions.Item>}
            {detail.limits && (
              <Descriptions.Item label="时限规则">
                签收 {detail.limits.signHours} 个工作小时，办理 {detail.limits.handleDays} 个工作日，最多延期 {detail.limits.maxExtensionDays} 个工作日
              </Descriptions.Item>
            )}
            {order.mergedInto && <Descriptions.Item label="已并入">{order.mergedInto}</Descriptions.Item>}
            {order.satisfaction !== null && (
              <Descriptions.Item label="满意度">
                <span className="hotline-satisfaction">
                  <Rate disabled value={order.satisfaction} /> {SATISFACTION[order.satisfaction]}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <h3 className="hotline-h3">诉求内容</h3>
          <p className="pre-line hotline-content">{order.content}</p>
          {order.attachments.length > 0 && <p className="muted">附件：{order.attachments.map((a) => a.name).join('、')}</p>}
          {order.reply && (
            <>
              <h3 className="hotline-h3">答复{order.repliedAt ? <span className="muted">（{formatDateTime(order.repliedAt)}）</span> : null}</h3>
              <p className="pre-line hotline-reply" data-testid="order-reply">
                {order.reply}
              </p>
            </>
          )}
        </Card>
        {transcript && transcript.length > 0 && (
          <Card size="small" title="在线咨询记录（转工单前的对话）" className="hotline-transcript">
            <ol className="chat-log hotline-chat-log" aria-label="对话记录">
              {transcript.map((m) => (
                <MessageView key={m.id} message={{ ...m, key: String(m.id) }} speakers={SPEAKERS} />
              ))}
            </ol>
          </Card>
        )}
      </div>
      <aside className="hotline-order-side">
        <Card size="small" title="办理操作">
          {pendingExtension && (
            <Alert
              type="warning"
              showIcon
              className="form-alert"
              data-testid="pending-extension"
              title={`承办单位申请延期 ${pendingExtension.days} 个工作日，待中心审批`}
              description={pendingExtension.reason ?? undefined}
            />
          )}
          {allowed.length ? (
            <Space wrap data-testid="order-actions">
              {allowed.map((a) =>
                needsDialog(a) ? (
                  <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={DANGER.has(a)} disabled={!!busy} onClick={() => setDialog({ order, action: a, initial: a === 'extend_approve' && pendingExtension ? { days: pendingExtension.days } : undefined })}>
                    {actionLabel(a)}
                  </Button>
                ) : (
                  <Popconfirm key={a} title={`确定${actionLabel(a)}？`} okText="确定" cancelText="取消" onConfirm={() => void plain(a)}>
                    <Button type={PRIMARY.has(a) ? 'primary' : 'default'} loading={busy === a} disabled={!!busy && busy !== a}>
                      {actionLabel(a)}
                    </Button>
                  </Popconfirm>
                ),
              )}
            </Space>
          ) : (
            <p className="muted">{order.status === 'closed' ? '工单已办结' : '当前没有您可以执行的操作'}</p>
          )}
        </Card>
        <Card size="small" title="办理过程">
          <Events events={events} />
        </Card>
      </aside>
      <ActionDialog
        request={dialog}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          onChanged();
        }}
      />
    </div>
  );
}

export default function OrderPage() {
  const { id = '' } = useParams();
  const [state, reload] = useLoad((signal) => api.getOrder(id, signal), id);
  useEffect(() => {
    document.title = `工单 ${id} - 小政工作台`;
  }, [id]);
  return (
    <AdminPage title={`工单 ${id}`}>
      <LoadedView state={state} onRetry={reload}>
        {(detail) => (detail.order.status === 'merged' && detail.order.mergedInto ? (
          <>
            <Alert type="info" showIcon title={`此工单已并入 ${detail.order.mergedInto}`} className="form-alert" />
            <OrderView detail={detail} onChanged={reload} />
          </>
        ) : (
          <OrderView detail={detail} onChanged={reload} />
        ))}
      </LoadedView>
    </AdminPage>
  );
}
