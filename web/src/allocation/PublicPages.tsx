/** The public list of rounds and the registration form. */
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, List, Result, Select, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useLoad } from '../use-load.js';
import * as api from './api-allocation.js';

export function PublicRoundsPage() {
  const [loaded] = useLoad((signal) => api.publicRounds(signal), 'rounds');
  return (
    <div className="allocation-page">
      <Typography.Title level={2}>公共资源分配</Typography.Title>
      <Typography.Paragraph type="secondary">公租房、学位、摊位等公共资源按公开规则分配：合格名单与哈希、抽签承诺值先行公布，抽签后任何人都可以用校验文件独立重算结果。</Typography.Paragraph>
      {loaded.status === 'loading' && <Spin className="page-spin" />}
      {loaded.status === 'error' && <Alert type="error" message={loaded.message} />}
      {loaded.status === 'done' && (
        <List
          dataSource={loaded.data}
          locale={{ emptyText: '暂无公开的分配轮次' }}
          renderItem={(r) => (
            <List.Item>
              <List.Item.Meta
                title={<Link to={`/allocation/rounds/${r.id}`}>{r.title}</Link>}
                description={`${r.resourceName} · ${r.slots} 个名额 · 报名截止 ${api.shanghai(r.registrationClosesAt)}`}
              />
              <Tag color={r.status === 'drawn' ? 'green' : 'blue'}>{r.statusLabel}</Tag>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

interface RegistrationForm {
  name: string;
  idNumber: string;
  phone: string;
  householdDivision: string;
  householdSince?: string;
  income: number;
  holding: boolean;
  group?: string;
}

export function RegisterPage() {
  const { id = '' } = useParams();
  const [loaded] = useLoad((signal) => api.publicRound(id, signal), id);
  const [done, setDone] = useState<api.RegistrationResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (loaded.status === 'loading') return <Spin className="page-spin" />;
  if (loaded.status === 'error') return <Result status="404" title="未找到该分配轮次" subTitle={loaded.message} />;
  const round = loaded.data;
  if (done) {
    return (
      <Result
        status="success"
        title="报名成功"
        subTitle={
          <span>
            申请编号 <Typography.Text strong copyable data-testid="application-no">{done.applicationNo}</Typography.Text>
            ，请妥善保存；凭申请编号和身份证号码后 4 位查询资格审核与抽签结果。
          </span>
        }
        extra={<Link to={`/allocation/rounds/${round.id}`}>返回轮次公示页</Link>}
      />
    );
  }
  const submit = async (v: RegistrationForm) => {
    setBusy(true);
    setError(null);
    try {
      setDone(await api.register(round.id, { ...v, householdSince: v.householdSince || undefined, holding: !!v.holding, group: v.group ?? null }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="allocation-page">
      <Typography.Title level={2}>报名：{round.title}</Typography.Title>
      {round.status !== 'registration' && <Alert type="warning" showIcon message="该轮次当前不在报名期内" />}
      <Card className="allocation-card">
        <Typography.Paragraph>资格条件：{round.ruleLabels.join('；') || '无特别条件'}</Typography.Paragraph>
        <Form<RegistrationForm> layout="vertical" onFinish={submit} initialValues={{ holding: false }} style={{ maxWidth: 520 }}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="idNumber" label="居民身份证号码" rules={[{ required: true, message: '请填写身份证号码' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="householdDivision" label="户籍所在地行政区划代码（6 位）" rules={[{ required: true, pattern: /^\d{6}$/, message: '请填写 6 位行政区划代码' }]}>
            <Input maxLength={6} placeholder="例如 110101" />
          </Form.Item>
          <Form.Item name="householdSince" label="户籍迁入日期（可选）">
            <Input placeholder="例如 2015-06-01" />
          </Form.Item>
          <Form.Item name="income" label="家庭人均年收入（元）" rules={[{ required: true, message: '请填写收入' }]}>
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
          {round.groups.length > 0 && (
            <Form.Item name="group" label="优先组（如适用，须提供证明材料）">
              <Select allowClear options={round.groups.map((g) => ({ value: g.name, label: g.name }))} />
            </Form.Item>
          )}
          <Form.Item name="holding" valuePropName="checked">
            <Checkbox>本人已持有或享受过同类资源</Checkbox>
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" loading={busy} disabled={round.status !== 'registration'}>
            提交报名
          </Button>
        </Form>
      </Card>
    </div>
  );
}
