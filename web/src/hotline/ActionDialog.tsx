/**
 * One dialog for every order action that needs more than a click: who it goes to (派单, 改派,
 * 重办), why (退单, 督办, 驳回延期), how long (延期), the reply (答复, with a draft to edit),
 * the citizen's satisfaction (回访) or the order it joins (并单). The server decides whether the
 * action is allowed; its Chinese message is shown when it refuses.
 */
import { Alert, App, AutoComplete, Button, Form, Input, InputNumber, Modal, Rate, TreeSelect } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.js';
import { useLoad } from '../use-load.js';
import * as api from './api-hotline.js';
import { useDepartments } from './departments.js';
import { actionLabel, SATISFACTION } from './labels.js';

/** Actions done with one click (and a confirmation in the dialog-less case). */
export const PLAIN_ACTIONS: api.OrderAction[] = ['sign', 'start', 'close'];

interface Needs {
  department?: 'required' | 'optional';
  coDepartments?: boolean;
  reason?: 'required' | 'optional';
  reasonLabel?: string;
  days?: 'required' | 'optional';
  reply?: boolean;
  satisfaction?: boolean;
  intoOrder?: boolean;
}

const NEEDS: Partial<Record<api.OrderAction, Needs>> = {
  dispatch: { department: 'required', coDepartments: true, reason: 'optional', reasonLabel: '派单说明' },
  redispatch: { department: 'required', coDepartments: true, reason: 'required', reasonLabel: '改派理由' },
  return: { reason: 'required', reasonLabel: '退单理由' },
  extend_request: { days: 'required', reason: 'required', reasonLabel: '延期理由' },
  extend_approve: { days: 'optional', reason: 'optional', reasonLabel: '审批意见' },
  extend_reject: { reason: 'required', reasonLabel: '驳回理由' },
  supervise: { reason: 'required', reasonLabel: '督办意见' },
  reopen: { department: 'optional', reason: 'required', reasonLabel: '重办理由' },
  reply: { reply: true },
  answer_directly: { reply: true },
  visit: { satisfaction: true, reason: 'optional', reasonLabel: '回访记录' },
  merge: { intoOrder: true, reason: 'optional', reasonLabel: '并单说明' },
};

interface Values {
  departmentId?: number;
  coDepartmentIds?: number[];
  reason?: string;
  days?: number;
  reply?: string;
  satisfaction?: number;
  intoOrderId?: string;
}

export interface ActionRequest {
  /** `version` guards against acting on a stale view (409 when someone acted meanwhile) */
  order: Pick<api.Order, 'id'> & Partial<Pick<api.Order, 'version' | 'departmentId' | 'reply'>>;
  action: api.OrderAction;
  /** prefilled values (the suggested department, a draft reply) */
  initial?: Values;
}

/** The dialog for `request` (closed when null); `onDone` gets the order as it is now. */
export function ActionDialog({ request, onClose, onDone }: { request: ActionRequest | null; onClose(): void; onDone(order: api.Order): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [drafting, setDrafting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sources, setSources] = useState<api.ReplyDraft['sources']>([]);
  const departments = useDepartments(!!request && !!NEEDS[request.action]?.department);
  const needs = request ? (NEEDS[request.action] ?? {}) : {};
  const label = request ? actionLabel(request.action) : '';

  const submit = async (v: Values) => {
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      const order = await api.act(request.order.id, {
        action: request.action,
        ...(request.order.version !== undefined ? { expectedVersion: request.order.version } : {}),
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.departmentId !== undefined ? { departmentId: v.departmentId } : {}),
        ...(v.coDepartmentIds?.length ? { coDepartmentIds: v.coDepartmentIds } : {}),
        ...(v.days !== undefined && v.days !== null ? { days: v.days } : {}),
        ...(v.reply?.trim() ? { reply: v.reply.trim() } : {}),
        ...(v.satisfaction ? { satisfaction: v.satisfaction } : {}),
        ...(v.intoOrderId?.trim() ? { intoOrderId: v.intoOrderId.trim() } : {}),
      });
      message.success(`${label}成功`);
      onDone(order);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : `${label}失败，请稍后再试`);
    } finally {
      setBusy(false);
    }
  };

  const draft = async () => {
    if (!request) return;
    setDrafting(true);
    setError(null);
    try {
      const d = await api.draftReply(request.order.id);
      form.setFieldValue('reply', d.draft);
      setSources(d.sources);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '起草失败，请稍后再试');
    } finally {
      setDrafting(false);
    }
  };

  return (
    <Modal
      open={!!request}
      title={`${label}${request ? ` · ${request.order.id}` : ''}`}
      okText={label}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={needs.reply ? 720 : 520}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name={`hotline-${request?.action ?? 'action'}`}
        className="hotline-action-form"
        initialValues={{ departmentId: request?.initial?.departmentId ?? undefined, reply: request?.initial?.reply ?? request?.order.reply ?? undefined, ...request?.initial }}
        onFinish={(v) => void submit(v)}
        preserve={false}
      >
        {error && <Alert type="error" showIcon title={error} className="form-alert" />}
        {needs.department && (
          <Form.Item label="承办单位（主办）" name="departmentId" rules={needs.department === 'required' ? [{ required: true, message: '请选择承办单位' }] : []}>
            <TreeSelect treeData={departments} showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder="选择承办单位" allowClear={needs.department === 'optional'} />
          </Form.Item>
        )}
        {needs.coDepartments && (
          <Form.Item label="协办单位" name="coDepartmentIds">
            <TreeSelect treeData={departments} multiple showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder="可选" allowClear />
          </Form.Item>
        )}
        {needs.intoOrder && request && <MergeTarget orderId={request.order.id} />}
        {needs.days && (
          <Form.Item label="延期天数（工作日）" name="days" rules={needs.days === 'required' ? [{ required: true, message: '请填写延期天数' }] : []}>
            <InputNumber min={1} max={30} precision={0} />
          </Form.Item>
        )}
        {needs.satisfaction && (
          <Form.Item label="满意度" name="satisfaction" rules={[{ required: true, message: '请选择群众的满意度' }]}>
            <SatisfactionInput />
          </Form.Item>
        )}
        {needs.reply && (
          <>
            {request?.action === 'reply' && (
              <div className="hotline-draft-bar">
                <Button onClick={() => void draft()} loading={drafting}>
                  起草答复
                </Button>
                <span className="muted">参考相似的已办结工单和知识库起草，请核对后修改</span>
              </div>
            )}
            <Form.Item label="答复内容" name="reply" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={5000} showCount />
            </Form.Item>
            {sources.length > 0 && (
              <div className="hotline-draft-sources">
                <div className="muted">起草依据（借用的句子可能含有其他工单的姓名、地点和日期，请逐句核对）：</div>
                <ul>
                  {sources.map((s) => (
                    <li key={`${s.kind}:${s.id}`}>
                      {s.kind === 'order' ? (
                        <>
                          相似工单{' '}
                          <a href={`/hotline/orders/${encodeURIComponent(s.id)}`} target="_blank" rel="noreferrer">
                            {s.id}
                          </a>
                          ：{s.title}
                        </>
                      ) : (
                        <>
                          知识库{' '}
                          <a href={`/entries/${encodeURIComponent(s.id)}${s.version ? `?version=${s.version}` : ''}`} target="_blank" rel="noreferrer">
                            {s.title}
                          </a>
                        </>
                      )}
                      {s.quote && <blockquote className="hotline-quote">{s.quote}</blockquote>}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
        {needs.reason && (
          <Form.Item label={needs.reasonLabel ?? '理由'} name="reason" rules={needs.reason === 'required' ? [{ required: true, whitespace: true, message: `请填写${needs.reasonLabel ?? '理由'}` }] : []}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 1–5 stars with the word for the chosen score (非常不满意 … 非常满意). */
function SatisfactionInput({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  return (
    <span className="hotline-satisfaction">
      <Rate count={5} value={value} onChange={onChange} tooltips={[1, 2, 3, 4, 5].map((n) => SATISFACTION[n]!)} aria-label="满意度" />
      {value ? <span data-testid="satisfaction-label">{SATISFACTION[value]}</span> : <span className="muted">请按群众的评价选择</span>}
    </span>
  );
}

/** 并单: the order to merge into, from the likely duplicates or typed by its number. */
function MergeTarget({ orderId }: { orderId: string }) {
  const [candidates] = useLoad((signal) => api.getDuplicates(orderId, signal), orderId);
  const options = candidates.status === 'done' ? candidates.data.map((d) => ({ value: d.id, label: `${d.id} ${d.title}（相似度 ${Math.round(d.score * 100)}%）` })) : [];
  return (
    <Form.Item
      label="并入工单编号"
      name="intoOrderId"
      extra={candidates.status === 'done' && !candidates.data.length ? '没有找到相似的工单，可直接填写工单编号' : undefined}
      rules={[{ required: true, whitespace: true, message: '请填写要并入的工单编号' }]}
    >
      <AutoComplete options={options} placeholder="选择相似工单或填写编号" />
    </Form.Item>
  );
}

/** Whether `action` opens the dialog (anything but a plain click). */
export function needsDialog(action: api.OrderAction): boolean {
  return !!NEEDS[action];
}
