import { App, Button, Form, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { ApiError } from '../../api.js';
import * as api from '../../api-admin.js';
import { RESOURCE_LABEL, resourceLabel } from '../../admin-labels.js';
import { displayName, useAuth } from '../../auth.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { departmentOptions, departmentTree } from '../../departments.js';
import { formatDateTime } from '../../labels.js';
import { useLoad } from '../../use-load.js';

type Status = 'active' | 'expired' | 'revoked';
const STATUS_LABEL: Record<Status, string> = { active: '有效', expired: '已过期', revoked: '已撤销' };
const STATUS_COLOR: Record<Status, string> = { active: 'green', expired: 'default', revoked: 'red' };

function statusOf(g: api.Grant): Status {
  if (g.revokedAt) return 'revoked';
  return g.active ? 'active' : 'expired';
}

/** yyyy-mm-dd in Asia/Shanghai, `days` from today: the bounds of the expiry date input. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

interface Values {
  ownerDepartmentId: api.Id;
  granteeKind: 'user' | 'department';
  granteeUserId?: api.Id;
  granteeDepartmentId?: api.Id;
  resource: api.GrantResource;
  purpose: string;
  expiresOn: string;
}

function GrantDialog({ departments, users, onClose, onSaved }: { departments: api.Department[]; users: api.User[]; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<Values>();
  const granteeKind = Form.useWatch('granteeKind', form) ?? 'department';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tree = departmentOptions(departmentTree(departments));

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.createGrant({
        ownerDepartmentId: v.ownerDepartmentId,
        ...(v.granteeKind === 'user' ? { granteeUserId: v.granteeUserId } : { granteeDepartmentId: v.granteeDepartmentId }),
        resource: v.resource,
        purpose: v.purpose.trim(),
        // the end of the chosen day in Asia/Shanghai (UTC+8)
        expiresAt: new Date(`${v.expiresOn}T23:59:59+08:00`).toISOString(),
      });
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title="新建共享授权" onCancel={onClose} onOk={() => form.submit()} okText="授权" confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" name="grant" onFinish={submit} initialValues={{ granteeKind: 'department', resource: 'kb.entry', expiresOn: shanghaiDate(30) }}>
        {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
        <Form.Item label="数据所属部门" name="ownerDepartmentId" rules={[{ required: true, message: '请选择数据所属部门' }]}>
          <TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item label="被授权对象" name="granteeKind">
          <Radio.Group
            options={[
              { value: 'department', label: '部门' },
              { value: 'user', label: '个人' },
            ]}
          />
        </Form.Item>
        {granteeKind === 'user' ? (
          <Form.Item label="被授权人" name="granteeUserId" rules={[{ required: true, message: '请选择被授权人' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={users.filter((u) => u.active).map((u) => ({ value: u.id, label: `${displayName(u)}（${u.name}${u.departmentName ? ` · ${u.departmentName}` : ''}）` }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label="被授权部门" name="granteeDepartmentId" rules={[{ required: true, message: '请选择被授权部门' }]}>
            <TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
          </Form.Item>
        )}
        <Form.Item label="共享内容" name="resource" rules={[{ required: true, message: '请选择共享内容' }]}>
          <Select options={Object.entries(RESOURCE_LABEL).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="用途" name="purpose" extra="写明为什么需要这些数据，记入审计日志" rules={[{ required: true, whitespace: true, message: '请填写用途' }, { max: 500, message: '用途最多 500 个字符' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item label="有效期至" name="expiresOn" extra="最长一年" rules={[{ required: true, message: '请选择有效期' }]}>
          <Input type="date" min={shanghaiDate(0)} max={shanghaiDate(365)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RevokeDialog({ grant, onClose, onDone }: { grant: api.Grant; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.revokeGrant(grant.id, reason.trim());
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '撤销失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="撤销共享授权" onCancel={onClose} onOk={() => form.submit()} okText="撤销" okButtonProps={{ danger: true }} confirmLoading={busy} destroyOnHidden>
      <p>
        撤销后，{grant.granteeUserName ?? grant.granteeDepartmentName} 将不能再查看 {grant.ownerDepartmentName} 的{resourceLabel(grant.resource)}。
      </p>
      <Form form={form} layout="vertical" name="revoke" onFinish={submit}>
        {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
        <Form.Item label="撤销原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }]}>
          <Input.TextArea rows={2} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function GrantsPage() {
  const auth = useAuth();
  const { message } = App.useApp();
  const manage = auth.can('grant.manage');
  const [filter, setFilter] = useState<Status | 'all'>('active');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<api.Grant | null>(null);
  const [state, reload] = useLoad(async (signal) => {
    const [grants, departments, users] = await Promise.all([
      api.listGrants(signal),
      manage ? api.listDepartments(signal) : Promise.resolve([]),
      manage ? api.listUsers(signal) : Promise.resolve([]),
    ]);
    return { grants, departments, users };
  }, `grants:${manage}`);

  const columns: ColumnsType<api.Grant> = [
    { title: '数据所属部门', dataIndex: 'ownerDepartmentName', key: 'owner' },
    {
      title: '被授权对象',
      key: 'grantee',
      render: (_, g) => (g.granteeUserName ? <span>个人：{g.granteeUserName}</span> : <span>部门：{g.granteeDepartmentName}</span>),
    },
    { title: '共享内容', key: 'resource', render: (_, g) => resourceLabel(g.resource) },
    { title: '用途', dataIndex: 'purpose', key: 'purpose' },
    { title: '有效期至', key: 'expiresAt', render: (_, g) => formatDateTime(g.expiresAt) },
    {
      title: '状态',
      key: 'status',
      render: (_, g) => {
        const s = statusOf(g);
        return (
          <>
            <Tag color={STATUS_COLOR[s]}>{STATUS_LABEL[s]}</Tag>
            {g.revokedAt && (
              <span className="muted cell-sub">
                {g.revokedBy} 于 {formatDateTime(g.revokedAt)} 撤销{g.revokeReason ? `：${g.revokeReason}` : ''}
              </span>
            )}
          </>
        );
      },
    },
    { title: '授权人', key: 'createdBy', responsive: ['lg'], render: (_, g) => `${g.createdBy} · ${formatDateTime(g.createdAt)}` },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, g: api.Grant) =>
              statusOf(g) === 'active' ? (
                <Button size="small" danger onClick={() => setRevoking(g)}>
                  撤销
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <AdminPage
      title="共享授权"
      actions={
        manage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            新建授权
          </Button>
        )
      }
    >
      <p className="admin-intro muted">跨部门信息共享须有明确授权：谁、可以查看哪个部门的什么数据、用途、有效期。授权的创建和撤销均记入审计日志。</p>
      <LoadedView state={state} onRetry={reload}>
        {(data) => {
          const rows = filter === 'all' ? data.grants : data.grants.filter((g) => statusOf(g) === filter);
          return (
            <>
              <Space className="admin-toolbar" wrap>
                <Segmented
                  className="wrap-segmented"
                  aria-label="按状态筛选"
                  value={filter}
                  onChange={(v) => setFilter(v as Status | 'all')}
                  options={(['active', 'expired', 'revoked', 'all'] as const).map((s) => ({
                    value: s,
                    label: `${s === 'all' ? '全部' : STATUS_LABEL[s]}（${s === 'all' ? data.grants.length : data.grants.filter((g) => statusOf(g) === s).length}）`,
                  }))}
                />
              </Space>
              <Table<api.Grant>
                rowKey={(g) => String(g.id)}
                columns={columns}
                dataSource={rows}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                size="middle"
                locale={{ emptyText: '没有符合条件的授权' }}
              />
              {creating && (
                <GrantDialog
                  departments={data.departments}
                  users={data.users}
                  onClose={() => setCreating(false)}
                  onSaved={() => {
                    setCreating(false);
                    setFilter('active');
                    void message.success('已创建共享授权');
                    reload();
                  }}
                />
              )}
              {revoking && (
                <RevokeDialog
                  grant={revoking}
                  onClose={() => setRevoking(null)}
                  onDone={() => {
                    setRevoking(null);
                    void message.success('已撤销共享授权');
                    reload();
                  }}
                />
              )}
            </>
          );
        }}
      </LoadedView>
    </AdminPage>
  );
}
