import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { ApiError } from '../../api.js';
import * as api from '../../api-admin.js';
import { DEPARTMENT_KIND_LABEL } from '../../admin-labels.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { departmentOptions, departmentTree, type DepartmentNode } from '../../departments.js';
import { useLoad } from '../../use-load.js';

type Dialog = { kind: 'create'; parent?: api.Department } | { kind: 'edit'; department: api.Department } | null;

const KIND_COLOR: Record<api.DepartmentKind, string> = { government: 'red', bureau: 'blue', section: 'default', center: 'orange' };
const kindOptions = (Object.keys(DEPARTMENT_KIND_LABEL) as api.DepartmentKind[]).map((k) => ({ value: k, label: DEPARTMENT_KIND_LABEL[k] }));

/** The kind a new department under `parent` usually has: 区政府 → 委办局 → 科室. */
function childKind(parent: api.Department | undefined): api.DepartmentKind {
  if (!parent) return 'government';
  return parent.kind === 'government' ? 'bureau' : 'section';
}

interface Values {
  name: string;
  kind: api.DepartmentKind;
  parentId?: api.Id;
  code?: string;
}

function DepartmentDialog({ dialog, tree, onClose, onSaved }: { dialog: Exclude<Dialog, null>; tree: DepartmentNode[]; onClose(): void; onSaved(notice: string): void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = dialog.kind === 'edit' ? dialog.department : undefined;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    // an emptied code field removes the code
    const code = v.code?.trim() || null;
    try {
      if (editing) {
        await api.updateDepartment(editing.id, { name: v.name.trim(), kind: v.kind, parentId: v.parentId ?? null, code });
        onSaved(`已保存 ${v.name.trim()}`);
      } else {
        await api.createDepartment({ name: v.name.trim(), kind: v.kind, parentId: v.parentId, code });
        onSaved(`已新建 ${v.name.trim()}`);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '保存失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<Values> = editing
    ? { name: editing.name, kind: editing.kind, parentId: editing.parentId ?? undefined, code: editing.code ?? '' }
    : { kind: childKind(dialog.kind === 'create' ? dialog.parent : undefined), parentId: dialog.kind === 'create' ? dialog.parent?.id : undefined };

  return (
    <Modal open title={editing ? `编辑部门：${editing.name}` : '新建部门'} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" name="department" onFinish={submit} initialValues={initial}>
        {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
        <Form.Item label="部门名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入部门名称' }, { max: 200, message: '部门名称最多 200 个字符' }]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={kindOptions} />
        </Form.Item>
        <Form.Item label="上级部门" name="parentId">
          <TreeSelect treeData={departmentOptions(tree, editing?.id)} allowClear treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="无（顶级）" />
        </Form.Item>
        <Form.Item label="部门编码" name="code" extra="可选，如统一社会信用代码或内部编码" rules={[{ max: 64, message: '编码最多 64 个字符' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DepartmentsPage() {
  const { message } = App.useApp();
  const [state, reload] = useLoad((signal) => api.listDepartments(signal), 'departments');
  const [dialog, setDialog] = useState<Dialog>(null);

  const columns: ColumnsType<DepartmentNode> = [
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '类型', key: 'kind', render: (_, d) => <Tag color={KIND_COLOR[d.kind]}>{DEPARTMENT_KIND_LABEL[d.kind] ?? d.kind}</Tag> },
    { title: '编码', key: 'code', responsive: ['md'], render: (_, d) => d.code ?? <span className="muted">—</span> },
    {
      title: '操作',
      key: 'actions',
      render: (_, d) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setDialog({ kind: 'edit', department: d })} aria-label={`编辑 ${d.name}`}>
            编辑
          </Button>
          {d.kind !== 'section' && (
            <Button size="small" onClick={() => setDialog({ kind: 'create', parent: d })} aria-label={`在 ${d.name} 下新建部门`}>
              添加下级
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <AdminPage
      title="部门管理"
      actions={
        <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
          新建部门
        </Button>
      }
    >
      <LoadedView state={state} onRetry={reload}>
        {(items) => {
          const tree = departmentTree(items);
          return (
            <>
              <Table<DepartmentNode>
                // remount when rows are added, so new branches open like the first ones
                key={items.length}
                rowKey={(d) => String(d.id)}
                columns={columns}
                dataSource={tree}
                pagination={false}
                expandable={{ defaultExpandAllRows: true }}
                scroll={{ x: 'max-content' }}
                size="middle"
                locale={{ emptyText: '尚无部门，请先新建区政府或 12345 热线中心' }}
              />
              {dialog && (
                <DepartmentDialog
                  dialog={dialog}
                  tree={tree}
                  onClose={() => setDialog(null)}
                  onSaved={(notice) => {
                    setDialog(null);
                    void message.success(notice);
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
