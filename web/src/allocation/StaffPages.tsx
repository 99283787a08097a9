/** Staff pages: the sign-in guard, the list of rounds and the form that creates a round. */
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { useLoad } from '../use-load.js';
import * as api from './api-allocation.js';

export const ALLOCATION_PERMISSIONS = ['allocation.manage', 'allocation.review', 'allocation.supervise'];

/** Signed-in staff with an allocation permission; the public goes to the login page. */
export function RequireAllocationStaff({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { state } = auth;
  const unverified = state.status === 'anonymous' && !!state.unverified;
  useEffect(() => {
    if (unverified) void auth.refresh();
  }, [unverified, auth]);
  if (state.status === 'loading' || unverified) return <Spin className="page-spin" />;
  if (state.status === 'error') return <Result status="error" title="无法获取登录状态" subTitle={state.message} />;
  if (state.status === 'anonymous' || state.user.mustChangePassword) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (!ALLOCATION_PERMISSIONS.some((p) => auth.can(p))) return <Result status="403" title="无权访问" subTitle="公共资源分配的管理页面仅对管理员、资格审核员和监督人开放" />;
  return <>{children}</>;
}

export function StaffRoundsPage() {
  const auth = useAuth();
  const [loaded] = useLoad((signal) => api.staffRounds(signal), 'staff-rounds');
  return (
    <div className="allocation-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={2}>公共资源分配 · 轮次管理</Typography.Title>
        {auth.can('allocation.manage') && (
          <Link to="/allocation/admin/new">
            <Button type="primary">新建轮次</Button>
          </Link>
        )}
      </Space>
      {loaded.status === 'loading' && <Spin className="page-spin" />}
      {loaded.status === 'error' && <Alert type="error" message={loaded.message} />}
      {loaded.status === 'done' && (
        <Table
          rowKey="id"
          dataSource={loaded.data}
          pagination={false}
          columns={[
            { title: '轮次', dataIndex: 'title', render: (t: string, r) => <Link to={`/allocation/admin/rounds/${r.id}`}>{t}</Link> },
            { title: '资源', dataIndex: 'resourceName' },
            { title: '名额', dataIndex: 'slots', width: 80 },
            { title: '报名人数', dataIndex: 'applicants', width: 100 },
            { title: '状态', dataIndex: 'statusLabel', render: (s: string) => <Tag>{s}</Tag> },
          ]}
        />
      )}
    </div>
  );
}

interface RoundForm {
  title: string;
  resourceName: string;
  resourceKind: string;
  slots: number;
  description?: string;
  opensAt: string;
  closesAt: string;
  ageMin?: number;
  ageMax?: number;
  household?: string;
  incomeMax?: number;
  notHolding?: boolean;
  groups?: Array<{ name: string; quota: number; description?: string }>;
}

/** `datetime-local` is the browser's local time; the API takes an instant. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function toInput(v: RoundForm): api.RoundInput {
  const rules: api.EligibilityRule[] = [];
  if (v.ageMin != null || v.ageMax != null) rules.push({ type: 'age', ...(v.ageMin != null ? { min: v.ageMin } : {}), ...(v.ageMax != null ? { max: v.ageMax } : {}) });
  const prefixes = (v.household ?? '').split(/[\s,，、]+/u).filter(Boolean);
  if (prefixes.length) rules.push({ type: 'household', prefixes });
  if (v.incomeMax != null) rules.push({ type: 'income', max: v.incomeMax });
  if (v.notHolding) rules.push({ type: 'notHolding' });
  return {
    title: v.title,
    resourceName: v.resourceName,
    resourceKind: v.resourceKind,
    slots: v.slots,
    description: v.description || undefined,
    rules,
    groups: (v.groups ?? []).map((g) => ({ name: g.name, quota: g.quota, description: g.description ?? '' })),
    registrationOpensAt: new Date(v.opensAt).toISOString(),
    registrationClosesAt: new Date(v.closesAt).toISOString(),
  };
}

export function NewRoundPage() {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = new Date();
  return (
    <div className="allocation-page">
      <Typography.Title level={2}>新建分配轮次</Typography.Title>
      <Card className="allocation-card">
        <Form<RoundForm>
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={{ opensAt: localInput(now), closesAt: localInput(new Date(now.getTime() + 7 * 86_400_000)), notHolding: true, groups: [] }}
          onFinish={async (v) => {
            setBusy(true);
            setError(null);
            try {
              const round = await api.createRound(toInput(v));
              navigate(`/allocation/admin/rounds/${round.id}`);
            } catch (err) {
              setError(err instanceof ApiError ? err.message : '保存失败，请稍后再试');
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="title" label="轮次名称" rules={[{ required: true, message: '请填写轮次名称' }]}>
            <Input placeholder="例如 2026 年第四批公租房配租" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="resourceName" label="资源名称" rules={[{ required: true, message: '请填写资源名称' }]}>
              <Input placeholder="例如 青禾家园公共租赁住房" style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="resourceKind" label="资源类别" rules={[{ required: true, message: '请填写资源类别' }]}>
              <Input placeholder="公租房 / 义务教育学位 / 夜市摊位" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="slots" label="名额数" rules={[{ required: true, message: '请填写名额数' }]}>
              <InputNumber min={1} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label="说明">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="opensAt" label="报名开始" rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="closesAt" label="报名截止" rules={[{ required: true }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>资格条件</Typography.Title>
          <Space wrap>
            <Form.Item name="ageMin" label="最低年龄">
              <InputNumber min={0} max={150} />
            </Form.Item>
            <Form.Item name="ageMax" label="最高年龄">
              <InputNumber min={0} max={150} />
            </Form.Item>
            <Form.Item name="incomeMax" label="家庭人均年收入上限（元）">
              <InputNumber min={0} style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="household" label="户籍地区代码前缀（2、4 或 6 位，多个用逗号分隔）">
            <Input placeholder="例如 1101" />
          </Form.Item>
          <Form.Item name="notHolding" valuePropName="checked">
            <Checkbox>未享受过同类资源（含同类轮次中签）</Checkbox>
          </Form.Item>
          <Typography.Title level={5}>优先组（按顺序先抽，各有配额）</Typography.Title>
          <Form.List name="groups">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <span>{i + 1}.</span>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '组名' }]}>
                      <Input placeholder="组名，如 优抚对象" aria-label={`优先组 ${i + 1} 名称`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quota']} rules={[{ required: true, message: '配额' }]}>
                      <InputNumber min={0} placeholder="配额" aria-label={`优先组 ${i + 1} 配额`} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <div>
                  <Button onClick={() => add({ quota: 1 })}>添加优先组</Button>
                </div>
              </>
            )}
          </Form.List>
          {error && <Alert type="error" showIcon message={error} style={{ margin: '12px 0' }} />}
          <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }}>
            保存为草稿
          </Button>
        </Form>
      </Card>
    </div>
  );
}
