import { App, Button, Collapse, Form, Input, Modal, Select, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { ApiError } from '../../api.js';
import * as api from '../../api-admin.js';
import { PERMISSION_LABEL, ROLE_LABEL, ROLES } from '../../admin-labels.js';
import { displayName, useAuth } from '../../auth.js';
import { AdminPage, generatePassword, LoadedView } from '../../components/AdminPage.js';
import { MIN_PASSWORD_LENGTH } from '../../components/ChangePasswordForm.js';
import { departmentOptions, departmentTree, type TreeOption } from '../../departments.js';
import { formatDateTime } from '../../labels.js';
import { useLoad } from '../../use-load.js';

interface Data {
  users: api.User[];
  departments: api.Department[];
  roles: api.RoleInfo[];
}

type Dialog = { kind: 'create' } | { kind: 'edit'; user: api.User } | { kind: 'password'; user: api.User } | null;

function isLocked(user: api.User): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();
}

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }));

function PasswordField({ label, name }: { label: string; name: string }) {
  const form = Form.useFormInstance();
  return (
    <Form.Item label={label} required extra={`至少 ${MIN_PASSWORD_LENGTH} 位；用户首次登录时须修改`}>
      <Space.Compact block>
        <Form.Item name={name} noStyle rules={[{ required: true, message: `请输入${label}` }, { min: MIN_PASSWORD_LENGTH, message: `${label}至少 ${MIN_PASSWORD_LENGTH} 位` }]}>
          <Input aria-label={label} autoComplete="new-password" />
        </Form.Item>
        <Button onClick={() => form.setFieldValue(name, generatePassword())}>随机生成</Button>
      </Space.Compact>
    </Form.Item>
  );
}

interface UserValues {
  name: string;
  displayName?: string;
  role: api.Role;
  departmentId?: api.Id;
  password: string;
  active: boolean;
  reason?: string;
}

function UserDialog({ dialog, tree, onClose, onSaved }: { dialog: Exclude<Dialog, null>; tree: TreeOption[]; onClose(): void; onSaved(notice: string, password?: string): void }) {
  const [form] = Form.useForm<UserValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const user = dialog.kind === 'create' ? undefined : dialog.user;
  const title = dialog.kind === 'create' ? '新建用户' : dialog.kind === 'edit' ? `编辑用户：${user!.name}` : `重置密码：${user!.name}`;

  const submit = async (v: UserValues) => {
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === 'create') {
        const created = await api.createUser({ name: v.name.trim(), displayName: v.displayName?.trim() || undefined, role: v.role, departmentId: v.departmentId, password: v.password });
        onSaved(`已创建用户 ${created.name}`, v.password);
      } else if (dialog.kind === 'edit') {
        await api.updateUser(user!.id, {
          displayName: v.displayName?.trim() || undefined,
          role: v.role,
          departmentId: v.departmentId ?? null,
          active: v.active,
          reason: v.reason?.trim() || undefined,
        });
        onSaved(`已保存用户 ${user!.name}`);
      } else {
        await api.updateUser(user!.id, { password: v.password, reason: v.reason?.trim() || undefined });
        onSaved(`已重置 ${user!.name} 的密码`, v.password);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={busy} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        name="user"
        onFinish={submit}
        initialValues={user ? { displayName: user.displayName ?? '', role: user.role, departmentId: user.departmentId ?? undefined, active: user.active } : { role: 'handler', active: true }}
      >
        {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
        {dialog.kind === 'create' && (
          <Form.Item label="用户名" name="name" extra="登录时使用，创建后不可修改" rules={[{ required: true, whitespace: true, message: '请输入用户名' }, { max: 64, message: '用户名最多 64 个字符' }]}>
            <Input autoComplete="off" autoFocus />
          </Form.Item>
        )}
        {dialog.kind !== 'password' && (
          <>
            <Form.Item label="姓名" name="displayName" rules={[{ max: 100, message: '姓名最多 100 个字符' }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={roleOptions} />
            </Form.Item>
            <Form.Item label="所属部门" name="departmentId">
              <TreeSelect treeData={tree} allowClear treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="不属于任何部门" />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'edit' && (
          <Form.Item label="账号启用" name="active" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        )}
        {dialog.kind !== 'edit' && <PasswordField label={dialog.kind === 'create' ? '初始密码' : '新密码'} name="password" />}
        {dialog.kind !== 'create' && (
          <Form.Item label="变更原因" name="reason" extra="记入审计日志">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function RolesMatrix({ roles }: { roles: api.RoleInfo[] }) {
  return (
    <Collapse
      className="roles-matrix"
      items={[
        {
          key: 'roles',
          label: '角色与权限一览',
          children: (
            <dl className="roles-list">
              {roles.map((r) => (
                <div key={r.role} className="roles-row">
                  <dt>{r.label}</dt>
                  <dd>
                    {r.permissions.length ? r.permissions.map((p) => <Tag key={p}>{PERMISSION_LABEL[p] ?? p}</Tag>) : <span className="muted">无后台权限</span>}
                  </dd>
                </div>
              ))}
            </dl>
          ),
        },
      ]}
    />
  );
}

export function UsersPage() {
  const auth = useAuth();
  const { message, modal } = App.useApp();
  const [state, reload] = useLoad<Data>(async (signal) => {
    const [users, departments, roles] = await Promise.all([api.listUsers(signal), api.listDepartments(signal), api.listRoles(signal)]);
    return { users, departments, roles };
  }, 'users');
  const [dialog, setDialog] = useState<Dialog>(null);
  const me = auth.state.status === 'signed-in' ? auth.state.user : undefined;

  const saved = (notice: string, password?: string) => {
    // one's own role or department may have changed: the header and menu follow
    if (dialog && dialog.kind !== 'create' && me && dialog.user.id === me.id) void auth.refresh();
    setDialog(null);
    reload();
    if (password) {
      modal.success({
        title: notice,
        content: (
          <div>
            请将密码当面或通过安全渠道告知本人：
            <Typography.Text code copyable={{ text: password, tooltips: ['复制', '已复制'] }} data-testid="issued-password">
              {password}
            </Typography.Text>
          </div>
        ),
        okText: '知道了',
      });
    } else {
      void message.success(notice);
    }
  };

  const unlock = async (user: api.User) => {
    try {
      await api.unlockUser(user.id);
      void message.success(`已解锁 ${user.name}`);
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : '解锁失败');
    }
  };

  const columns: ColumnsType<api.User> = [
    { title: '用户名', dataIndex: 'name', key: 'name' },
    { title: '姓名', key: 'displayName', responsive: ['sm'], render: (_, u) => displayName(u) },
    { title: '角色', dataIndex: 'roleLabel', key: 'role' },
    { title: '部门', key: 'department', responsive: ['md'], render: (_, u) => u.departmentName ?? <span className="muted">—</span> },
    {
      title: '状态',
      key: 'status',
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
          {isLocked(u) && <Tag color="red">锁定至 {formatDateTime(u.lockedUntil!)}</Tag>}
          {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
        </Space>
      ),
    },
    { title: '创建时间', key: 'createdAt', responsive: ['lg'], render: (_, u) => formatDateTime(u.createdAt) },
    {
      title: '操作',
      key: 'actions',
      render: (_, u) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })} aria-label={`编辑 ${u.name}`}>
            编辑
          </Button>
          <Button size="small" onClick={() => setDialog({ kind: 'password', user: u })} aria-label={`重置 ${u.name} 的密码`}>
            重置密码
          </Button>
          {isLocked(u) && (
            <Button size="small" danger onClick={() => void unlock(u)} aria-label={`解锁 ${u.name}`}>
              解锁
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <AdminPage
      title="用户管理"
      actions={
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
          新建用户
        </Button>
      }
    >
      <LoadedView state={state} onRetry={reload}>
        {(data) => (
          <>
            <Table<api.User> rowKey="id" columns={columns} dataSource={data.users} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} size="middle" />
            <RolesMatrix roles={data.roles} />
            {dialog && <UserDialog dialog={dialog} tree={departmentOptions(departmentTree(data.departments))} onClose={() => setDialog(null)} onSaved={saved} />}
          </>
        )}
      </LoadedView>
    </AdminPage>
  );
}
