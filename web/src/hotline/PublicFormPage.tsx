/**
 * 12345 网上诉求 (/hotline/new): the citizen's web form — who, how to reach them, what and
 * where. The answer is the order number, which with the phone's last four digits opens the
 * tracking page. The idempotency key makes a double submit (or a retry after a lost answer)
 * one order.
 */
import { Alert, Button, Card, Form, Input, Result, Select } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api.js';
import * as api from './api-hotline.js';
import { ORDER_TYPES } from './labels.js';

interface Values {
  type?: api.OrderType;
  callerName: string;
  callerPhone: string;
  title: string;
  content: string;
  place?: string;
}

export default function PublicFormPage() {
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(api.newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; phone: string } | null>(null);

  useEffect(() => {
    document.title = '12345 网上诉求 - 小政';
  }, []);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const place = v.place?.trim();
      const res = await api.submitPublicOrder({
        ...(v.type ? { type: v.type } : {}),
        title: v.title.trim(),
        content: v.content.trim(),
        callerName: v.callerName.trim(),
        callerPhone: v.callerPhone.replace(/[\s-]/g, ''),
        ...(place ? { location: { address: place } } : {}),
        idempotencyKey: key,
      });
      setDone({ id: res.trackingCode ?? res.id, phone: v.callerPhone.replace(/\D/g, '').slice(-4) });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="hotline-public">
        <Result
          status="success"
          title="诉求已提交"
          subTitle={
            <>
              您的工单编号是 <strong data-testid="public-order-id">{done.id}</strong>，请记下编号。承办单位将在规定时限内答复，可凭工单编号和手机号码后四位查询办理进度。
            </>
          }
          extra={[
            <Link key="track" to={`/hotline/track?id=${encodeURIComponent(done.id)}`} state={{ phone: done.phone }}>
              <Button type="primary">查询办理进度</Button>
            </Link>,
            <Button
              key="again"
              onClick={() => {
                form.resetFields();
                setKey(api.newIdempotencyKey());
                setDone(null);
              }}
            >
              再提一件诉求
            </Button>,
          ]}
        />
      </div>
    );
  }

  return (
    <div className="hotline-public">
      <h1 className="page-title">12345 网上诉求</h1>
      <p className="muted">
        反映咨询、求助、投诉、举报、建议等诉求，由 12345 热线受理后转交承办单位办理。紧急情况请直接拨打 110、119、120、122。已提交的诉求可
        <Link to="/hotline/track">查询办理进度</Link>。
      </p>
      <Card size="small">
        {error && <Alert type="error" showIcon title={error} className="form-alert" />}
        <Form<Values> form={form} name="hotline-public" layout="vertical" onFinish={(v) => void submit(v)} scrollToFirstError>
          <div className="hotline-fields">
            <Form.Item label="姓名" name="callerName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input autoComplete="name" maxLength={50} />
            </Form.Item>
            <Form.Item
              label="手机号码"
              name="callerPhone"
              rules={[
                { required: true, message: '请填写手机号码' },
                { pattern: /^(?:\+?86)?[\s-]*(?:1[3-9]\d[\s-]*\d{4}[\s-]*\d{4}|0\d{2,3}[\s-]*\d{7,8})$/, message: '请填写正确的手机号码或带区号的固定电话' },
              ]}
            >
              <Input autoComplete="tel" inputMode="tel" maxLength={20} />
            </Form.Item>
          </div>
          <Form.Item label="诉求类型" name="type">
            <Select allowClear placeholder="不确定可不选" options={ORDER_TYPES.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请用一句话概括您的诉求' }]}>
            <Input maxLength={100} placeholder="如：小区门口路灯不亮" />
          </Form.Item>
          <Form.Item label="诉求内容" name="content" rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }, { min: 10, message: '请把情况写清楚一些（至少 10 个字）' }]}>
            <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={5000} showCount placeholder="请写明事情经过、时间和您的诉求" />
          </Form.Item>
          <Form.Item label="事发地点" name="place">
            <Input maxLength={200} placeholder="区、街道、社区、道路或小区名称" />
          </Form.Item>
          <p className="muted hotline-privacy">您的姓名和电话仅用于办理和回访，对外展示时将隐去。</p>
          <Button type="primary" htmlType="submit" loading={busy}>
            提交诉求
          </Button>
        </Form>
      </Card>
    </div>
  );
}
