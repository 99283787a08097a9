/**
 * The public round page: the resource, the rules, the qualified list and its hash, the
 * commitment, and after the draw the revealed secret, the public value, the seed, the
 * algorithm and every rank, with the verification file and the standalone verifier; the
 * applicant's own lookup and objection are on the same page.
 */
import { Alert, Button, Card, Descriptions, Form, Input, List, Result, Select, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useLoad } from '../use-load.js';
import * as api from './api-allocation.js';

const STEPS: api.RoundStatus[] = ['registration', 'review', 'list_published', 'committed', 'drawn'];
const STEP_TITLES = ['报名', '资格审核', '名单公示', '公布承诺值', '抽签'];

export function RoundSteps({ status }: { status: api.RoundStatus }) {
  const current = Math.max(0, STEPS.indexOf(status));
  return <Steps size="small" current={status === 'drawn' ? STEPS.length : current} items={STEP_TITLES.map((title) => ({ title }))} />;
}

export function Hash({ value, testId }: { value: string | null; testId?: string }) {
  if (!value) return <Typography.Text type="secondary">尚未公布</Typography.Text>;
  return (
    <Typography.Text code copyable className="allocation-hash" data-testid={testId}>
      {value}
    </Typography.Text>
  );
}

export function ResultsTable({ round }: { round: api.PublicRound }) {
  const names = new Map((round.qualified ?? []).map((q) => [q.applicationNo, q.name]));
  return (
    <Table
      size="small"
      rowKey="applicationNo"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      dataSource={round.results ?? []}
      data-testid="allocation-results"
      columns={[
        { title: '排位', dataIndex: 'rank', width: 80 },
        { title: '申请编号', dataIndex: 'applicationNo' },
        { title: '姓名', key: 'name', render: (_: unknown, r) => names.get(r.applicationNo) ?? '' },
        { title: '抽签组', dataIndex: 'group', render: (g: string | null) => g ?? '普通组' },
        { title: '结果', dataIndex: 'selected', render: (s: boolean) => (s ? <Tag color="green">入选</Tag> : <Tag>轮候</Tag>) },
      ]}
    />
  );
}

function LookupCard({ round }: { round: api.PublicRound }) {
  const [result, setResult] = useState<api.LookupResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [credentials, setCredentials] = useState<{ applicationNo: string; idLast4: string } | null>(null);
  const [objectionSent, setObjectionSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const query = async (values: { applicationNo: string; idLast4: string }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.lookup(round.id, values));
      setCredentials(values);
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? err.message : '查询失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="查询本人结果" className="allocation-card">
      <Form layout="inline" onFinish={query}>
        <Form.Item name="applicationNo" label="申请编号" rules={[{ required: true, message: '请填写申请编号' }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item name="idLast4" label="身份证号码后 4 位" rules={[{ required: true, pattern: /^\d{3}[\dXx]$/, message: '请填写身份证号码后 4 位' }]}>
          <Input style={{ width: 100 }} maxLength={4} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          查询
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {result && credentials && (
        <div data-testid="lookup-result" style={{ marginTop: 16 }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="申请人">
              {result.name}（{result.applicationNo}）
            </Descriptions.Item>
            <Descriptions.Item label="资格审核">
              {result.statusLabel}
              {result.reason ? `：${result.reason}` : ''}
            </Descriptions.Item>
            {result.group && <Descriptions.Item label="优先组">{result.group}</Descriptions.Item>}
            <Descriptions.Item label="抽签结果">{result.drawn ? (result.rank ? `排位第 ${result.rank} 名，${result.selected ? '入选' : '轮候'}` : '未参加抽签') : '尚未抽签'}</Descriptions.Item>
          </Descriptions>
          {result.objections.length > 0 && (
            <List
              header="我的申诉"
              size="small"
              dataSource={result.objections}
              renderItem={(o) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <span>
                      [{api.OBJECTION_KIND_LABELS[o.kind]}] {o.text}
                    </span>
                    <span data-testid="objection-status">
                      {api.OBJECTION_STATUS_LABELS[o.status]}
                      {o.reply ? `：${o.reply}` : ''}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          )}
          <Form
            layout="vertical"
            style={{ marginTop: 16 }}
            onFinish={async (v: { kind: api.Objection['kind']; text: string }) => {
              try {
                await api.fileObjection(round.id, { ...credentials, ...v });
                setObjectionSent('申诉已提交，工作人员处理后可在此查询处理意见');
                await query(credentials);
              } catch (err) {
                setObjectionSent(err instanceof ApiError ? err.message : '提交失败，请稍后再试');
              }
            }}
          >
            <Typography.Title level={5}>提出申诉</Typography.Title>
            <Form.Item name="kind" label="申诉事项" initialValue="eligibility">
              <Select style={{ width: 200 }} options={Object.entries(api.OBJECTION_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="text" label="申诉内容" rules={[{ required: true, min: 5, message: '申诉内容至少 5 个字' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Button htmlType="submit">提交申诉</Button>
            {objectionSent && <Alert style={{ marginTop: 8 }} type="info" message={objectionSent} />}
          </Form>
        </div>
      )}
    </Card>
  );
}

export default function PublicRoundPage() {
  const { id = '' } = useParams();
  const [loaded] = useLoad((signal) => api.publicRound(id, signal), id);
  if (loaded.status === 'loading') return <Spin className="page-spin" />;
  if (loaded.status === 'error') return <Result status="404" title="未找到该分配轮次" subTitle={loaded.message} />;
  const round = loaded.data;
  return (
    <div className="allocation-page">
      <Typography.Title level={2}>{round.title}</Typography.Title>
      <RoundSteps status={round.status} />
      <Card className="allocation-card" title="轮次信息">
        <Descriptions column={1} size="small">
          <Descriptions.Item label="资源">
            {round.resourceName}（{round.resourceKind}），共 {round.slots} 个名额
          </Descriptions.Item>
          <Descriptions.Item label="状态">{round.statusLabel}</Descriptions.Item>
          <Descriptions.Item label="报名时间">
            {api.shanghai(round.registrationOpensAt)} 至 {api.shanghai(round.registrationClosesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="资格条件">{round.ruleLabels.length ? round.ruleLabels.join('；') : '无特别条件'}（另须身份证号码与联系电话有效）</Descriptions.Item>
          <Descriptions.Item label="优先组（按顺序先抽）">{round.groups.length ? round.groups.map((g, i) => `${i + 1}. ${g.name}（${g.quota} 个名额）`).join('；') : '无'}</Descriptions.Item>
          {round.description && <Descriptions.Item label="说明">{round.description}</Descriptions.Item>}
        </Descriptions>
        {round.status === 'registration' && (
          <Link to={`/allocation/rounds/${round.id}/register`}>
            <Button type="primary">我要报名</Button>
          </Link>
        )}
      </Card>

      <Card className="allocation-card" title="公开校验信息">
        {/* the hashes take the row's width; without a fixed label width antd squeezes the labels to a few characters a line */}
        <Descriptions column={1} size="small" bordered styles={{ label: { width: '28%' } }}>
          <Descriptions.Item label="合格名单哈希（SHA-256）">
            <Hash value={round.listHash} testId="list-hash" />
          </Descriptions.Item>
          <Descriptions.Item label="承诺值 SHA-256(秘密)">
            <Hash value={round.commitment} testId="commitment" />
          </Descriptions.Item>
          <Descriptions.Item label="秘密（抽签后公开）">
            <Hash value={round.secret} testId="secret" />
          </Descriptions.Item>
          <Descriptions.Item label="公开随机值">{round.publicValue ?? <Typography.Text type="secondary">抽签时由监督人输入</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label="种子">
            <Hash value={round.seed} />
          </Descriptions.Item>
          <Descriptions.Item label={`算法（${round.algorithm.id}）`}>{round.algorithm.description}</Descriptions.Item>
        </Descriptions>
        {round.status === 'drawn' && (
          <Space style={{ marginTop: 12 }}>
            <a href={api.exportUrl(round.id)} download>
              <Button>下载校验文件（JSON）</Button>
            </a>
            <a href="/allocation-verify.html" target="_blank" rel="noreferrer">
              <Button>打开离线校验页面</Button>
            </a>
          </Space>
        )}
      </Card>

      {round.qualified && (
        <Card className="allocation-card" title={`合格名单（${round.qualified.length} 人，公示于 ${api.shanghai(round.listPublishedAt)}）`}>
          <Table
            size="small"
            rowKey="applicationNo"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={round.qualified}
            data-testid="qualified-list"
            columns={[
              { title: '申请编号', dataIndex: 'applicationNo' },
              { title: '姓名', dataIndex: 'name' },
              { title: '优先组', dataIndex: 'group', render: (g: string | null) => g ?? '—' },
            ]}
          />
        </Card>
      )}
      {round.results && (
        <Card className="allocation-card" title={`抽签结果（${api.shanghai(round.drawnAt)}）`}>
          <ResultsTable round={round} />
        </Card>
      )}
      <LookupCard round={round} />
    </div>
  );
}
