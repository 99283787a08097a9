/**
 * 受理: the agent's fast form, with the system's suggestions beside it as the agent types
 * (POST /hotline/suggest, debounced): type, category, department, urgency and place fill the
 * fields the agent has not set; a 咨询 the knowledge base answers can be closed at once; a
 * likely duplicate can be merged (并单). One idempotency key per order: a retried submit, or
 * a second step after the order was created, never makes a second order.
 */
import { Alert, App, AutoComplete, Button, Card, Empty, Form, Input, Progress, Radio, Select, Space, Tag, TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.js';
import { formatDateTime } from '../labels.js';
import { useLoad } from '../use-load.js';
import * as api from './api-hotline.js';
import { useDepartments } from './departments.js';
import { CHANNEL, formatLocation, ORDER_TYPES, URGENCY } from './labels.js';
import { StatusTag } from './OrderList.js';

const DEBOUNCE_MS = 500;
const MIN_TEXT = 6;

interface Values {
  channel: api.Channel;
  callerName?: string;
  callerPhone?: string;
  title: string;
  content: string;
  type: api.OrderType;
  category?: string;
  urgency: api.Urgency;
  address?: string;
  departmentId?: number;
  coDepartmentIds?: number[];
}

const INITIAL: Partial<Values> = { channel: 'phone', type: '咨询', urgency: 'normal' };

type Suggested = { status: 'idle' } | { status: 'loading'; last?: api.Suggestion } | { status: 'done'; data: api.Suggestion } | { status: 'error'; message: string };

/** Every node's path, parents before children: an agent may file under a first-level class too. */
function flatten(nodes: api.CategoryNode[]): string[] {
  return nodes.flatMap((n) => [n.path, ...flatten(n.children ?? [])]);
}

/** What was done with the last order, shown above the form until the next one. */
interface Done {
  order: api.Order;
  what: string;
}

export function IntakePanel({ onCreated }: { onCreated?: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const departments = useDepartments();
  const [key, setKey] = useState(api.newIdempotencyKey);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [suggested, setSuggested] = useState<Suggested>({ status: 'idle' });
  // fields the agent chose: a later suggestion never overwrites them
  const chosen = useRef(new Set<string>());
  const [categories] = useLoad((signal) => api.getCategories(signal), 'categories');
  const categoryOptions = useMemo(() => (categories.status === 'done' ? flatten(categories.data).map((path) => ({ value: path })) : []), [categories]);
  const title = Form.useWatch('title', form) ?? '';
  const content = Form.useWatch('content', form) ?? '';

  useEffect(() => {
    const text = content.trim();
    if (text.length < MIN_TEXT) {
      setSuggested({ status: 'idle' });
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setSuggested((s) => ({ status: 'loading', last: s.status === 'done' ? s.data : s.status === 'loading' ? s.last : undefined }));
      api.suggest({ title: title.trim() || undefined, text }, ctrl.signal).then(
        (data) => {
          setSuggested({ status: 'done', data });
          const fill: Partial<Values> = {};
          if (!chosen.current.has('type')) fill.type = data.type;
          if (!chosen.current.has('category') && data.category) fill.category = data.category;
          if (!chosen.current.has('urgency')) fill.urgency = data.urgency;
          if (!chosen.current.has('departmentId') && data.department) fill.departmentId = data.department.id;
          if (!chosen.current.has('coDepartmentIds') && data.coDepartments) fill.coDepartmentIds = data.coDepartments.map((d) => d.id);
          if (!chosen.current.has('address')) fill.address = formatLocation(data.location) || undefined;
          form.setFieldsValue(fill);
        },
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          setSuggested({ status: 'error', message: err instanceof ApiError ? err.message : '暂时无法给出建议' });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [title, content, form]);

  const suggestion = suggested.status === 'done' ? suggested.data : suggested.status === 'loading' ? suggested.last : undefined;

  const reset = () => {
    form.resetFields();
    chosen.current.clear();
    setKey(api.newIdempotencyKey());
    setSuggested({ status: 'idle' });
    setError(null);
  };

  /** Creates the order (idempotent), then runs `then` on it. */
  const run = async (what: string, then?: (order: api.Order) => Promise<api.Order>) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(what);
    setError(null);
    try {
      const address = v.address?.trim();
      const location = address ? { ...(suggestion?.location ?? {}), address } : suggestion?.location;
      let order = await api.createOrder({
        channel: v.channel,
        type: v.type,
        ...(v.category?.trim() ? { category: v.category.trim() } : {}),
        urgency: v.urgency,
        title: v.title.trim(),
        content: v.content.trim(),
        ...(v.callerName?.trim() ? { callerName: v.callerName.trim() } : {}),
        ...(v.callerPhone?.trim() ? { callerPhone: v.callerPhone.trim() } : {}),
        ...(location ? { location } : {}),
        idempotencyKey: key,
        ...(suggestion ? { suggestions: suggestion } : {}),
      });
      if (then) order = await then(order);
      message.success(`工单 ${order.id} ${what}`);
      setDone({ order, what });
      reset();
      onCreated?.();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : `${what}失败，请稍后再试`);
    } finally {
      setBusy(null);
    }
  };

  const dispatch = () =>
    run('已受理并派单', async (order) => {
      const v = form.getFieldsValue();
      if (v.departmentId === undefined || v.departmentId === null) return order;
      return api.act(order.id, { action: 'dispatch', expectedVersion: order.version, departmentId: v.departmentId, ...(v.coDepartmentIds?.length ? { coDepartmentIds: v.coDepartmentIds } : {}) });
    });

  const answer = (text: string) => run('已直接答复办结', (order) => api.act(order.id, { action: 'answer_directly', expectedVersion: order.version, reply: text }));

  const merge = (into: string) => run(`已并入 ${into}`, (order) => api.act(order.id, { action: 'merge', expectedVersion: order.version, intoOrderId: into, reason: '与已有工单反映同一事项' }));

  return (
    <div className="hotline-intake">
      <Card className="hotline-intake-form" size="small" title="来电/来件受理">
        {done && (
          <Alert
            type="success"
            showIcon
            className="form-alert"
            data-testid="intake-done"
            closable={{ onClose: () => setDone(null) }}
            title={
              <span>
                工单 <Link to={`/hotline/orders/${encodeURIComponent(done.order.id)}`}>{done.order.id}</Link> {done.what}
                {done.order.departmentName ? `（${done.order.departmentName}）` : ''}
              </span>
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error} className="form-alert" />}
        <Form<Values>
          form={form}
          name="hotline-intake"
          layout="vertical"
          initialValues={INITIAL}
          onValuesChange={(changed: Partial<Values>) => Object.keys(changed).forEach((k) => k !== 'title' && k !== 'content' && chosen.current.add(k))}
        >
          <Form.Item label="渠道" name="channel">
            <Radio.Group optionType="button" options={(Object.keys(CHANNEL) as api.Channel[]).map((c) => ({ value: c, label: CHANNEL[c] }))} />
          </Form.Item>
          <Space.Compact block className="hotline-caller">
            <Form.Item label="来电人" name="callerName" className="grow">
              <Input autoComplete="off" maxLength={50} />
            </Form.Item>
            <Form.Item label="联系电话" name="callerPhone" className="grow" rules={[{ pattern: /^[\d\s+-]{7,20}$/, message: '请填写正确的电话号码' }]}>
              <Input autoComplete="off" inputMode="tel" maxLength={20} />
            </Form.Item>
          </Space.Compact>
          <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
            <Input autoComplete="off" maxLength={200} placeholder="一句话概括诉求，如：小区停车收费过高" />
          </Form.Item>
          <Form.Item label="诉求内容" name="content" rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }]}>
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={20000} placeholder="记录来电人反映的事项、地点、时间和诉求" />
          </Form.Item>
          <div className="hotline-fields">
            <Form.Item label="诉求类型" name="type">
              <Select options={ORDER_TYPES.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
            <Form.Item label="紧急程度" name="urgency">
              <Select options={(Object.keys(URGENCY) as api.Urgency[]).map((u) => ({ value: u, label: URGENCY[u].label }))} />
            </Form.Item>
          </div>
          <Form.Item label="诉求分类" name="category">
            <AutoComplete
              options={categoryOptions}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
              placeholder="输入关键词选择分类，如：物业"
              allowClear
            />
          </Form.Item>
          <Form.Item label="事发地点" name="address">
            <Input autoComplete="off" placeholder="区、街道、社区、道路或详细地址" />
          </Form.Item>
          <div className="hotline-fields">
            <Form.Item label="承办单位（主办）" name="departmentId">
              <TreeSelect treeData={departments} showSearch treeNodeFilterProp="title" treeDefaultExpandAll allowClear placeholder="派单时必选" />
            </Form.Item>
            <Form.Item label="协办单位" name="coDepartmentIds">
              <TreeSelect treeData={departments} multiple showSearch treeNodeFilterProp="title" treeDefaultExpandAll allowClear placeholder="可选" />
            </Form.Item>
          </div>
          <Space wrap>
            <Button type="primary" loading={busy === '已受理并派单'} disabled={!!busy} onClick={() => {
              if (form.getFieldValue('departmentId') === undefined || form.getFieldValue('departmentId') === null) {
                setError('派单前请选择承办单位');
                return;
              }
              void dispatch();
            }}>
              受理并派单
            </Button>
            <Button loading={busy === '已受理'} disabled={!!busy} onClick={() => void run('已受理')}>
              仅受理
            </Button>
            <Button disabled={!!busy} onClick={reset}>
              清空
            </Button>
          </Space>
        </Form>
      </Card>
      <aside className="hotline-suggest" aria-label="智能建议" aria-live="polite">
        <SuggestionView state={suggested} suggestion={suggestion} busy={busy} onAnswer={(t) => void answer(t)} onMerge={(id) => void merge(id)} />
      </aside>
    </div>
  );
}

function SuggestionView({ state, suggestion, busy, onAnswer, onMerge }: { state: Suggested; suggestion?: api.Suggestion; busy: string | null; onAnswer(text: string): void; onMerge(id: string): void }) {
  if (state.status === 'idle') return <Card size="small" title="智能建议"><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入诉求内容后，这里给出分类、派单、直接答复和重复工单建议" /></Card>;
  if (state.status === 'error' && !suggestion) return <Card size="small" title="智能建议"><Alert type="warning" showIcon title={state.message} /></Card>;
  if (!suggestion) return <Card size="small" title="智能建议" loading />;
  const s = suggestion;
  return (
    <div className="hotline-suggest-cards" data-testid="suggestions">
      {s.emergencyNumbers && s.emergencyNumbers.length > 0 && (
        <Alert type="error" showIcon data-testid="suggest-emergency" title={`紧急情况：请立即转接 ${s.emergencyNumbers.join('、')}`} />
      )}
      <Card size="small" title="智能建议" extra={state.status === 'loading' ? <span className="muted">更新中…</span> : null}>
        {s.notes && s.notes.length > 0 && (
          <ul className="hotline-notes">
            {s.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        <dl className="hotline-dl">
          <dt>诉求类型</dt>
          <dd data-testid="suggest-type">{s.type}</dd>
          <dt>诉求分类</dt>
          <dd data-testid="suggest-category">
            {s.category ? (
              <>
                {s.category}
                {s.confidence !== null && <Progress percent={Math.round(s.confidence * 100)} size="small" className="hotline-confidence" aria-label="置信度" />}
              </>
            ) : (
              <span className="muted">暂无把握，请人工选择</span>
            )}
            {s.alternatives.length > 0 && <div className="muted">备选：{s.alternatives.slice(0, 3).map((a) => `${a.category}（${Math.round(a.confidence * 100)}%）`).join('、')}</div>}
            {s.terms.length > 0 && (
              <div className="hotline-terms">
                依据词：{s.terms.slice(0, 8).map((t) => <Tag key={t}>{t}</Tag>)}
              </div>
            )}
          </dd>
          <dt>承办单位</dt>
          <dd data-testid="suggest-department">{s.department ? s.department.name : <span className="muted">派单目录中没有匹配的单位</span>}{s.coDepartments?.length ? <span className="muted">（协办：{s.coDepartments.map((d) => d.name).join('、')}）</span> : null}</dd>
          <dt>紧急程度</dt>
          <dd><Tag color={URGENCY[s.urgency]?.color}>{URGENCY[s.urgency]?.label ?? s.urgency}</Tag></dd>
          <dt>事发地点</dt>
          <dd>{formatLocation(s.location) || <span className="muted">未识别</span>}</dd>
        </dl>
      </Card>
      {s.directAnswer && (
        <Card
          size="small"
          title="知识库可直接答复"
          className="hotline-direct"
          data-testid="direct-answer"
          extra={
            <Button type="primary" size="small" loading={busy === '已直接答复办结'} disabled={!!busy} onClick={() => onAnswer(s.directAnswer!.text)}>
              直接答复并办结
            </Button>
          }
        >
          <div className="pre-line hotline-answer" tabIndex={0} aria-label="答复内容">
            {s.directAnswer.text}
          </div>
          {s.directAnswer.citations.length > 0 && (
            <ol className="hotline-citations">
              {s.directAnswer.citations.map((c, i) => (
                <li key={`${c.entryId}-${i}`}>
                  <a href={`/entries/${encodeURIComponent(c.entryId)}?version=${c.version}`} target="_blank" rel="noreferrer">
                    {c.title}
                  </a>
                  {c.quote && <blockquote className="hotline-quote">{c.quote}</blockquote>}
                </li>
              ))}
            </ol>
          )}
        </Card>
      )}
      {s.duplicates.length > 0 && (
        <Card size="small" title={`可能重复的工单（${s.duplicates.length}）`} className="hotline-duplicates">
          <ul className="hotline-dup-list" data-testid="duplicates">
            {s.duplicates.map((d) => (
              <li key={d.id}>
                <div>
                  <Link to={`/hotline/orders/${encodeURIComponent(d.id)}`} target="_blank">
                    {d.id}
                  </Link>{' '}
                  <StatusTag status={d.status} />
                  <span className="muted">{formatDateTime(d.createdAt)} · 相似度 {Math.round(d.score * 100)}%</span>
                </div>
                <div>{d.title}</div>
                {d.reasons.length > 0 && <div className="muted">{d.reasons.join('；')}</div>}
                <Button size="small" disabled={!!busy} loading={busy === `已并入 ${d.id}`} onClick={() => onMerge(d.id)}>
                  并单
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
