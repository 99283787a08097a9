/**
 * One round for staff: its progress and the step the signed-in role may take now (open,
 * close, publish the list, publish the commitment, draw with the public value), the review
 * queue with the rules' suggestion and the reviewer's decision, results and objections.
 */
import { Alert, App as AntApp, Button, Card, Descriptions, Drawer, Form, Input, List, Radio, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { useLoad } from '../use-load.js';
import * as api from './api-allocation.js';
import { Hash, ResultsTable, RoundSteps } from './PublicRoundPage.js';

const CHECK_COLORS = { pass: 'green', fail: 'red', uncertain: 'orange' } as const;
const CHECK_LABELS = { pass: '通过', fail: '不通过', uncertain: '需核实' } as const;

function ReviewDrawer({ no, round, onClose, onDecided }: { no: string; round: api.StaffRound; onClose(): void; onDecided(): void }) {
  const [loaded, reload] = useLoad((signal) => api.application(no, signal), no);
  const [error, setError] = useState<string | null>(null);
  return (
    <Drawer open width={640} title={`资格审核：${no}`} onClose={onClose}>
      {loaded.status === 'loading' && <Spin />}
      {loaded.status === 'error' && <Alert type="error" message={loaded.message} />}
      {loaded.status === 'done' && (
        <div data-testid="review-drawer">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="姓名">{loaded.data.name}</Descriptions.Item>
            <Descriptions.Item label="身份证号码">{loaded.data.idNumberMasked}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{loaded.data.birthDate}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{loaded.data.phoneMasked}</Descriptions.Item>
            <Descriptions.Item label="户籍">{loaded.data.householdRegion ?? loaded.data.householdDivision}</Descriptions.Item>
            <Descriptions.Item label="家庭人均年收入">{loaded.data.income} 元</Descriptions.Item>
            <Descriptions.Item label="申报优先组">{loaded.data.claimedGroup ?? '无'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            AI 初审建议：<Tag data-testid="ai-suggestion">{api.SUGGESTION_LABELS[loaded.data.suggestion]}</Tag>
          </Typography.Title>
          <List
            size="small"
            dataSource={loaded.data.checks}
            renderItem={(c) => (
              <List.Item>
                <Tag color={CHECK_COLORS[c.status]}>{CHECK_LABELS[c.status]}</Tag> {c.label}：{c.explanation}
              </List.Item>
            )}
          />
          {loaded.data.decisions.length > 0 && (
            <List
              header="决定记录"
              size="small"
              dataSource={loaded.data.decisions}
              renderItem={(d) => (
                <List.Item>
                  {api.shanghai(d.createdAt)} {d.userName}：{api.APPLICATION_STATUS_LABELS[d.decision]}
                  {d.group ? `（${d.group}）` : ''}，理由：{d.reason}
                </List.Item>
              )}
            />
          )}
          {loaded.data.canDecide && (
            <Form
              layout="vertical"
              style={{ marginTop: 16 }}
              initialValues={{ decision: loaded.data.suggestion === 'unqualified' ? 'unqualified' : 'qualified', group: loaded.data.claimedGroup ?? undefined }}
              onFinish={async (v: { decision: 'qualified' | 'unqualified'; group?: string; reason: string }) => {
                setError(null);
                try {
                  await api.decide(no, { decision: v.decision, group: v.decision === 'qualified' ? (v.group ?? null) : null, reason: v.reason });
                  reload();
                  onDecided();
                } catch (err) {
                  setError(err instanceof ApiError ? err.message : '保存失败');
                }
              }}
            >
              <Form.Item name="decision" label="决定">
                <Radio.Group options={[{ value: 'qualified', label: '合格' }, { value: 'unqualified', label: '不合格' }]} />
              </Form.Item>
              {round.groups.length > 0 && (
                <Form.Item name="group" label="确认的优先组">
                  <Select allowClear options={round.groups.map((g) => ({ value: g.name, label: g.name }))} />
                </Form.Item>
              )}
              <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2, message: '请填写决定理由' }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
              <Button type="primary" htmlType="submit">
                保存决定
              </Button>
            </Form>
          )}
        </div>
      )}
    </Drawer>
  );
}

function Actions({ round, onChange }: { round: api.StaffRound; onChange(): void }) {
  const auth = useAuth();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const [publicValue, setPublicValue] = useState('');
  const act = async (fn: () => Promise<api.StaffRound>, done: string) => {
    setBusy(true);
    try {
      await fn();
      onChange();
      void message.success(done);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : '操作失败');
    } finally {
      setBusy(false);
    }
  };
  const manage = auth.can('allocation.manage');
  const step = (s: api.RoundStep, label: string, done: string) => (
    <Button type="primary" loading={busy} onClick={() => void act(() => api.roundStep(round.id, s), done)}>
      {label}
    </Button>
  );
  if (round.status === 'draft' && manage) return step('open', '开始报名', '已开始报名');
  if (round.status === 'registration' && manage) return step('close', '截止报名，进入资格审核', '报名已截止');
  if (round.status === 'review' && manage) return step('publish-list', '公示合格名单', '合格名单及哈希已公示');
  if (round.status === 'list_published' && manage) return step('commit', '生成秘密并公布承诺值', '承诺值已公布');
  if (round.status === 'committed' && auth.can('allocation.supervise')) {
    return (
      <Space wrap>
        <Input style={{ width: 360 }} aria-label="公开随机值" placeholder="公开随机值，如当期福利彩票开奖号码" value={publicValue} onChange={(e) => setPublicValue(e.target.value)} />
        <Button type="primary" danger loading={busy} disabled={!publicValue.trim()} onClick={() => void act(() => api.drawRound(round.id, publicValue.trim()), '抽签完成，秘密已公开')}>
          抽签
        </Button>
      </Space>
    );
  }
  if (round.status === 'committed') return <Typography.Text type="secondary">等待监督人在抽签时输入公开随机值</Typography.Text>;
  return null;
}

function Objections({ round }: { round: api.StaffRound }) {
  const [loaded, reload] = useLoad((signal) => api.objections(round.id, signal), `${round.id}-objections`);
  const [replies, setReplies] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  if (loaded.status !== 'done') return null;
  const decide = async (id: number, outcome: 'upheld' | 'dismissed') => {
    setError(null);
    try {
      await api.decideObjection(id, { outcome, reply: replies[id] ?? '' });
      reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '保存失败');
    }
  };
  return (
    <Card className="allocation-card" title={`申诉（${loaded.data.length}）`}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
      <List
        dataSource={loaded.data}
        locale={{ emptyText: '暂无申诉' }}
        renderItem={(o) => (
          <List.Item data-testid="objection">
            <Space direction="vertical" style={{ width: '100%' }}>
              <span>
                {o.applicationNo} · [{api.OBJECTION_KIND_LABELS[o.kind]}] {o.text}
              </span>
              {o.status === 'open' ? (
                <Space wrap>
                  <Input style={{ width: 360 }} aria-label="处理意见" placeholder="处理意见" value={replies[o.id] ?? ''} onChange={(e) => setReplies({ ...replies, [o.id]: e.target.value })} />
                  <Button onClick={() => void decide(o.id, 'upheld')}>申诉成立</Button>
                  <Button onClick={() => void decide(o.id, 'dismissed')}>申诉不成立</Button>
                </Space>
              ) : (
                <span>
                  {api.OBJECTION_STATUS_LABELS[o.status]}：{o.reply}（{o.decidedBy}，{api.shanghai(o.decidedAt)}）
                </span>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export default function RoundAdminPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  const [loaded, reload] = useLoad((signal) => api.staffRound(id, signal), id);
  const [queueKey, setQueueKey] = useState(0);
  const [queue] = useLoad((signal) => (auth.can('allocation.review') || auth.can('allocation.manage') ? api.applications(id, signal) : Promise.resolve([])), `${id}-${queueKey}`);
  const [reviewing, setReviewing] = useState<string | null>(null);
  if (loaded.status === 'loading') return <Spin className="page-spin" />;
  if (loaded.status === 'error') return <Result status="404" title="未找到该轮次" subTitle={loaded.message} />;
  const round = loaded.data;
  const changed = () => {
    reload();
    setQueueKey((k) => k + 1);
  };
  return (
    <div className="allocation-page">
      <Typography.Title level={2}>{round.title}</Typography.Title>
      <RoundSteps status={round.status} />
      <Card className="allocation-card" title={<span data-testid="round-status">{round.statusLabel}</span>} extra={round.status !== 'draft' && <Link to={`/allocation/rounds/${round.id}`}>公示页</Link>}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="资源">
            {round.resourceName}，{round.slots} 个名额
          </Descriptions.Item>
          <Descriptions.Item label="报名">
            {api.shanghai(round.registrationOpensAt)} 至 {api.shanghai(round.registrationClosesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="审核进度">
            待审核 {round.counts.pending}，合格 {round.counts.qualified}，不合格 {round.counts.unqualified}
          </Descriptions.Item>
          <Descriptions.Item label="待处理申诉">{round.openObjections}</Descriptions.Item>
          <Descriptions.Item label="名单哈希" span={2}>
            <Hash value={round.listHash} />
          </Descriptions.Item>
          <Descriptions.Item label="承诺值" span={2}>
            <Hash value={round.commitment} testId="staff-commitment" />
          </Descriptions.Item>
          {round.publicValue && <Descriptions.Item label="公开随机值">{round.publicValue}</Descriptions.Item>}
        </Descriptions>
        <div style={{ marginTop: 12 }}>
          <Actions round={round} onChange={changed} />
        </div>
      </Card>
      {queue.status === 'done' && queue.data.length > 0 && (
        <Card className="allocation-card" title="报名与资格审核">
          <Table
            size="small"
            rowKey="applicationNo"
            dataSource={queue.data}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="review-queue"
            columns={[
              { title: '申请编号', dataIndex: 'applicationNo' },
              { title: '姓名', dataIndex: 'name' },
              { title: 'AI 建议', dataIndex: 'suggestion', render: (s: keyof typeof api.SUGGESTION_LABELS) => api.SUGGESTION_LABELS[s] },
              { title: '申报优先组', dataIndex: 'claimedGroup', render: (g: string | null) => g ?? '—' },
              { title: '状态', dataIndex: 'status', render: (s: keyof typeof api.APPLICATION_STATUS_LABELS, r) => `${api.APPLICATION_STATUS_LABELS[s]}${r.group ? `（${r.group}）` : ''}` },
              { title: '', key: 'open', render: (_: unknown, r) => <Button size="small" onClick={() => setReviewing(r.applicationNo)}>{round.status === 'review' ? '审核' : '查看'}</Button> },
            ]}
          />
        </Card>
      )}
      {round.results && (
        <Card className="allocation-card" title="抽签结果">
          <ResultsTable round={round} />
        </Card>
      )}
      <Objections round={round} />
      {reviewing && <ReviewDrawer no={reviewing} round={round} onClose={() => setReviewing(null)} onDecided={changed} />}
    </div>
  );
}
