import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { ApiError } from '../../api.js';
import * as api from '../../api-admin.js';
import { displayName, useAuth } from '../../auth.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { formatDateTime } from '../../labels.js';
import { useLoad } from '../../use-load.js';

const EXPIRY_OPTIONS = [
  { value: 30, label: '30 天' },
  { value: 90, label: '90 天' },
  { value: 180, label: '180 天' },
  { value: 365, label: '一年' },
  { value: 0, label: '长期有效' },
];

type Status = 'active' | 'expired' | 'revoked';

function statusOf(t: api.ApiToken): Status {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now()) return 'expired';
  return 'active';
}

const STATUS_TAG: Record<Status, { color: string; label: string }> = {
  active: { color: 'green', label: '有效' },
  expired: { color: 'default', label: '已过期' },
  revoked: { color: 'red', label: '已撤销' },
};

interface Values {
  label: string;
  expiresInDays: number;
  userId?: api.Id;
}

function CreateDialog({ users, me, onClose, onCreated }: { users: api.User[]; me: api.User; onClose(): void; onCreated(token: string): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.createToken({
        label: v.label.trim(),
        ...(v.expiresInDays ? { expiresInDays: v.expiresInDays } : {}),
        ...(v.userId !== undefined && String(v.userId) !== String(me.id) ? { userId: v.userId } : {}),
      });
      onCreated(created.token);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '创建失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="创建 API 令牌" onCancel={onClose} onOk={() => form.submit()} okText="创建" confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" name="token" onFinish={submit} initialValues={{ expiresInDays: 90, userId: me.id }}>
        {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
        <Form.Item label="用途说明" name="label" extra="如：工单系统对接、夜间导入脚本" rules={[{ required: true, whitespace: true, message: '请填写用途说明' }, { max: 200, message: '最多 200 个字符' }]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item label="有效期" name="expiresInDays">
          <Select options={EXPIRY_OPTIONS} />
        </Form.Item>
        {users.length > 0 && (
          <Form.Item label="令牌所属用户" name="userId" extra="令牌以该用户的身份和权限访问接口">
            <Select showSearch optionFilterProp="label" options={users.filter((u) => u.active).map((u) => ({ value: u.id, label: `${displayName(u)}（${u.name}）` }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function SecretDialog({ token, onClose }: { token: string; onClose(): void }) {
  return (
    <Modal open title="令牌已创建" onCancel={onClose} footer={<Button type="primary" onClick={onClose}>我已保存</Button>} maskClosable={false}>
      <Alert type="warning" showIcon title="令牌只显示这一次，请立即复制并妥善保存。关闭后无法再次查看，遗失只能撤销后重新创建。" />
      <Typography.Paragraph className="token-secret" copyable={{ text: token, tooltips: ['复制令牌', '已复制'] }} data-testid="token-secret">
        <code>{token}</code>
      </Typography.Paragraph>
      <p className="muted">使用方法：在请求头中加入 Authorization: Bearer 令牌。</p>
    </Modal>
  );
}

export function TokensPage() {
  const auth = useAuth();
  const { message } = App.useApp();
  const admin = auth.can('user.manage');
  const me = auth.state.status === 'signed-in' ? auth.state.user : undefined;
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [state, reload] = useLoad(async (signal) => {
    const [tokens, users] = await Promise.all([api.listTokens(signal), admin ? api.listUsers(signal) : Promise.resolve([])]);
    return { tokens, users };
  }, `tokens:${admin}`);

  const revoke = async (t: api.ApiToken) => {
    try {
      await api.revokeToken(t.id);
      void message.success(`已撤销令牌「${t.label}」`);
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : '撤销失败');
    }
  };

  const columns: ColumnsType<api.ApiToken> = [
    { title: '用途说明', dataIndex: 'label', key: 'label' },
    ...(admin ? [{ title: '所属用户', dataIndex: 'userName', key: 'user' }] : []),
    { title: '创建时间', key: 'createdAt', render: (_, t) => formatDateTime(t.createdAt) },
    { title: '最近使用', key: 'lastUsedAt', responsive: ['md'], render: (_, t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">从未使用</span>) },
    { title: '有效期至', key: 'expiresAt', render: (_, t) => (t.expiresAt ? formatDateTime(t.expiresAt) : '长期有效') },
    {
      title: '状态',
      key: 'status',
      render: (_, t) => {
        const s = STATUS_TAG[statusOf(t)];
        return <Tag color={s.color}>{s.label}</Tag>;
      },
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, t) =>
        statusOf(t) === 'active' ? (
          <Popconfirm title="撤销后使用该令牌的程序将无法访问，确定撤销？" okText="撤销" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => revoke(t)}>
            <Button size="small" danger aria-label={`撤销令牌 ${t.label}`}>
              撤销
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <AdminPage
      title={admin ? 'API 令牌' : '我的令牌'}
      actions={
        <Button type="primary" onClick={() => setCreating(true)}>
          创建令牌
        </Button>
      }
    >
      <p className="admin-intro muted">API 令牌供系统对接和脚本使用，与您的账号拥有相同权限。不再使用的令牌请及时撤销。</p>
      <LoadedView state={state} onRetry={reload}>
        {(data) => (
          <>
            <Table<api.ApiToken>
              rowKey={(t) => String(t.id)}
              columns={columns}
              dataSource={data.tokens}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              size="middle"
              locale={{ emptyText: '尚未创建令牌' }}
            />
            {creating && me && (
              <CreateDialog
                users={data.users}
                me={me}
                onClose={() => setCreating(false)}
                onCreated={(token) => {
                  setCreating(false);
                  setSecret(token);
                  reload();
                }}
              />
            )}
            {secret && <SecretDialog token={secret} onClose={() => setSecret(null)} />}
          </>
        )}
      </LoadedView>
    </AdminPage>
  );
}
