import { Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { Link, useLocation, useParams } from 'react-router-dom';
import * as api from '../../api-admin.js';
import { ACTOR_KIND_LABEL, actionLabel, entityLabel, roleLabel } from '../../admin-labels.js';
import { diffRows, type DiffRow } from '../../audit-diff.js';
import { AdminPage, LoadedView } from '../../components/AdminPage.js';
import { departmentNames } from '../../departments.js';
import { formatDateTime } from '../../labels.js';
import { useLoad } from '../../use-load.js';

/** Chinese names of fields that appear in before/after snapshots; others show as they are. */
const FIELD_LABEL: Record<string, string> = {
  name: '名称',
  displayName: '姓名',
  role: '角色',
  departmentId: '部门',
  departmentName: '部门名称',
  active: '启用',
  mustChangePassword: '须修改密码',
  lockedUntil: '锁定至',
  kind: '类型',
  parentId: '上级部门',
  code: '编码',
  label: '用途说明',
  userId: '用户',
  expiresAt: '有效期至',
  revokedAt: '撤销时间',
  ownerDepartmentId: '数据所属部门',
  granteeUserId: '被授权人',
  granteeDepartmentId: '被授权部门',
  resource: '共享内容',
  purpose: '用途',
  title: '标题',
  status: '状态',
  version: '版本',
};

function fieldLabel(field: string): string {
  if (!field) return '值';
  const last = field.split('.').pop()!;
  return FIELD_LABEL[field] ?? FIELD_LABEL[last] ?? field;
}

/** Fields holding a department id: shown with the department's name. */
const DEPARTMENT_FIELDS = new Set(['departmentId', 'parentId', 'ownerDepartmentId', 'granteeDepartmentId']);

const OUTCOME_LABEL: Record<string, string> = { answered: '已答复', clarify: '追问澄清', handoff: '转人工', refused: '拒答' };

function Value({ v, field, departments }: { v: string | undefined; field: string; departments: Map<string, string> }) {
  if (v === undefined) return <span className="muted">（无）</span>;
  const name = DEPARTMENT_FIELDS.has(field.split('.').pop()!) ? departments.get(v) : undefined;
  return <span className="diff-value">{name ? `${name}（${v}）` : v}</span>;
}

function Diff({ before, after, departments }: { before: unknown; after: unknown; departments: Map<string, string> }) {
  const rows = diffRows(before, after);
  if (!rows.length) return <p className="muted">此记录没有变更前后的数据。</p>;
  return (
    <Table<DiffRow>
      className="audit-diff"
      rowKey={(r) => r.field || 'value'}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      rowClassName={(r) => (r.changed ? 'diff-changed' : '')}
      columns={[
        {
          title: '字段',
          key: 'field',
          render: (_, r) => (
            <span title={r.field}>
              {fieldLabel(r.field)}
              {r.changed && (
                <Tag color="orange" className="diff-tag">
                  已变更
                </Tag>
              )}
            </span>
          ),
        },
        { title: '变更前', key: 'before', render: (_, r) => <Value v={r.before} field={r.field} departments={departments} /> },
        { title: '变更后', key: 'after', render: (_, r) => <Value v={r.after} field={r.field} departments={departments} /> },
      ]}
    />
  );
}

function AiOutput({ ai }: { ai: NonNullable<api.AuditRecord['ai']> }) {
  return (
    <Card className="audit-card" title="AI 输出" size="small">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="问题">
          <span className="pre-line">{ai.question}</span>
        </Descriptions.Item>
        <Descriptions.Item label="答复">
          <span className="pre-line">{ai.answer}</span>
        </Descriptions.Item>
        <Descriptions.Item label="引用来源">
          {ai.citations.length ? (
            <ol className="audit-citations">
              {ai.citations.map((c, i) => (
                <li key={i}>
                  <Link to={`/entries/${encodeURIComponent(c.docId)}?version=${c.version}`}>
                    {c.docId}（第 {c.version} 版）
                  </Link>
                  {c.start !== undefined && c.end !== undefined && (
                    <span className="muted">
                      {' '}
                      第 {c.start}–{c.end} 字
                    </span>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <span className="muted">无引用</span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="生成方">
          {ai.producer} <span className="muted">版本 {ai.producerVersion}</span>
        </Descriptions.Item>
        {ai.outcome && <Descriptions.Item label="结果">{OUTCOME_LABEL[ai.outcome] ?? ai.outcome}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

export function AuditRecordPage() {
  const { seq = '' } = useParams();
  const location = useLocation();
  const back = (location.state as { back?: string } | null)?.back ?? '/admin/audit';
  const n = Number(seq);
  const [state, reload] = useLoad(async (signal) => {
    const [record, departments] = await Promise.all([api.getAuditRecord(n, signal), api.listDepartments(signal).catch(() => [])]);
    return { record, departments: departmentNames(departments) };
  }, seq);

  return (
    <AdminPage
      title={`审计记录 #${seq}`}
      actions={
        <Link to={back}>
          <Button>返回列表</Button>
        </Link>
      }
    >
      <LoadedView state={state} onRetry={reload}>
        {({ record: r, departments }) => (
          <div className="audit-record" data-testid="audit-record">
            <Card className="audit-card" size="small" title={actionLabel(r.action)}>
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
                <Descriptions.Item label="时间">{formatDateTime(r.at)}</Descriptions.Item>
                <Descriptions.Item label="操作">
                  {actionLabel(r.action)} <code className="muted">{r.action}</code>
                </Descriptions.Item>
                <Descriptions.Item label="操作人">
                  {r.actor.name}
                  {r.actor.kind !== 'user' && <span className="muted">（{ACTOR_KIND_LABEL[r.actor.kind] ?? r.actor.kind}）</span>}
                </Descriptions.Item>
                <Descriptions.Item label="角色">{roleLabel(r.actor.role)}</Descriptions.Item>
                <Descriptions.Item label="部门">
                  {r.actor.departmentId ? (departments.get(String(r.actor.departmentId)) ?? `编号 ${r.actor.departmentId}`) : <span className="muted">—</span>}
                </Descriptions.Item>
                <Descriptions.Item label="对象">{r.entityType ? `${entityLabel(r.entityType)}${r.entityId ? ` ${r.entityId}` : ''}` : <span className="muted">—</span>}</Descriptions.Item>
                <Descriptions.Item label="原因" span={{ xs: 1, sm: 1, md: 2 }}>
                  {r.reason ?? <span className="muted">—</span>}
                </Descriptions.Item>
                <Descriptions.Item label="来源地址">{r.ip ?? <span className="muted">—</span>}</Descriptions.Item>
              </Descriptions>
            </Card>
            {r.ai && <AiOutput ai={r.ai} />}
            <Card className="audit-card" title="变更内容" size="small">
              <Diff before={r.before} after={r.after} departments={departments} />
            </Card>
            <Card className="audit-card" title="哈希链" size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="本条哈希">
                  <Typography.Text className="hash" copyable={{ tooltips: ['复制', '已复制'] }}>
                    {r.hash}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label="上一条哈希">
                  <span className="hash">{r.prevHash}</span>
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </div>
        )}
      </LoadedView>
    </AdminPage>
  );
}
