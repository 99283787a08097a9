import { App, Alert, Button, Card, Descriptions, Input, List, Modal, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { useLoad } from '../use-load.js';
import { getDocument, getVersion, getVersions, reviewDocument, saveDocument, signDocument, submitDocument, type DocumentRecord } from './api-documents.js';
import { DocumentEditor } from './DocumentEditor.js';
import { formatDateTime } from '../labels.js';
import { FLOW_LABELS, STATUS_COLORS } from './labels.js';

type Decision = { kind: 'review' | 'sign'; action: 'approve' | 'sign' | 'return' };

/** One stored document: edit while 拟稿, then 提交核稿 → 核稿 → 签发, with its flow and versions. */
export default function DocumentPage() {
  const { id = '' } = useParams();
  const auth = useAuth();
  const { message } = App.useApp();
  const [loaded, reload] = useLoad((signal) => getDocument(id, signal), `document:${id}`);
  const [record, setRecord] = useState<DocumentRecord>();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string>();
  const [returning, setReturning] = useState<Decision>();
  const [reason, setReason] = useState('');
  const [versionsKey, setVersionsKey] = useState(0);
  const [versions] = useLoad((signal) => getVersions(id, signal), `versions:${id}:${versionsKey}`);
  const [shownVersion, setShownVersion] = useState<{ version: number; text: string }>();

  useEffect(() => {
    if (loaded.status !== 'done') return;
    setRecord(loaded.data);
    setText(loaded.data.text);
  }, [loaded]);

  if (loaded.status === 'loading' || (!record && loaded.status === 'done')) return <Spin className="page-spin" />;
  if (loaded.status === 'error' || !record) return <Result status="warning" title={loaded.status === 'error' ? loaded.message : '未找到公文'} extra={<Link to="/documents">返回公文列表</Link>} />;

  const editable = record.status === 'drafting' && auth.can('documents.draft');
  const changed = text !== record.text;

  const act = async (label: string, work: () => Promise<DocumentRecord>) => {
    setBusy(label);
    try {
      const next = await work();
      setRecord(next);
      setText(next.text);
      setVersionsKey((k) => k + 1);
      message.success(`${label}：已完成`);
      return true;
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : `${label}失败，请稍后再试`);
      if (err instanceof ApiError && err.status === 409) reload();
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const decide = async (d: Decision, why?: string) => {
    const label = d.action === 'return' ? '退回' : d.kind === 'review' ? '核稿通过' : '签发';
    const done = await act(label, () => (d.kind === 'review' ? reviewDocument(record.id, d.action as 'approve' | 'return', why) : signDocument(record.id, d.action as 'sign' | 'return', why)));
    if (done) {
      setReturning(undefined);
      setReason('');
    }
  };

  const actions = (
    <>
      {editable && (
        <Button type="primary" disabled={!changed} loading={busy === '保存'} onClick={() => void act('保存', () => saveDocument(record.id, { text, type: record.type, baseVersion: record.version }))}>
          保存新版本
        </Button>
      )}
      {editable && (
        <Button disabled={changed} loading={busy === '提交核稿'} onClick={() => void act('提交核稿', () => submitDocument(record.id))}>
          提交核稿
        </Button>
      )}
      {record.type === '请示' && auth.can('documents.draft') && (
        <Link to={`/documents/new?reply=${encodeURIComponent(record.id)}`}>
          <Button>起草批复</Button>
        </Link>
      )}
      {record.status === 'reviewing' && auth.can('documents.review') && (
        <>
          <Button type="primary" loading={busy === '核稿通过'} onClick={() => void decide({ kind: 'review', action: 'approve' })}>
            核稿通过
          </Button>
          <Button danger onClick={() => setReturning({ kind: 'review', action: 'return' })}>
            退回修改
          </Button>
        </>
      )}
      {record.status === 'reviewed' && auth.can('documents.sign') && (
        <>
          <Button type="primary" loading={busy === '签发'} onClick={() => void decide({ kind: 'sign', action: 'sign' })}>
            签发
          </Button>
          <Button danger onClick={() => setReturning({ kind: 'sign', action: 'return' })}>
            退回修改
          </Button>
        </>
      )}
    </>
  );

  return (
    <div className="gw-document">
      <Typography.Title level={3}>{record.title}</Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[record.status]} data-testid="document-status">
            {record.statusLabel}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="文种">{record.type}</Descriptions.Item>
        <Descriptions.Item label="发文字号">{record.docNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="版本">第 {record.version} 版</Descriptions.Item>
      </Descriptions>
      {changed && editable && <Alert type="info" showIcon message="有未保存的修改" style={{ marginBottom: 12 }} />}
      <DocumentEditor text={text} onChange={editable ? setText : undefined} readOnly={!editable} type={record.type} storedId={changed ? undefined : record.id} actions={actions} />
      <div className="gw-editor-grid" style={{ marginTop: 16 }}>
        <Card size="small" title="流转记录">
          <Timeline
            items={record.flow.map((s) => ({
              color: s.action === 'return' ? 'red' : s.action === 'sign' ? 'green' : 'blue',
              children: (
                <div>
                  <strong>{FLOW_LABELS[s.action]}</strong> · {s.actorName} · {formatDateTime(s.at)} · 第 {s.version} 版
                  {s.reason && <div>理由：{s.reason}</div>}
                </div>
              ),
            }))}
          />
        </Card>
        <Card size="small" title="版本记录">
          {versions.status === 'done' ? (
            <List
              size="small"
              dataSource={versions.data}
              renderItem={(v) => (
                <List.Item
                  actions={[
                    <Button
                      key="view"
                      size="small"
                      type="link"
                      onClick={() => void getVersion(record.id, v.version).then((d) => setShownVersion({ version: d.version, text: d.text }), (err: unknown) => message.error(err instanceof ApiError ? err.message : '读取版本失败'))}
                    >
                      查看
                    </Button>,
                  ]}
                >
                  第 {v.version} 版 · {v.createdByName} · {formatDateTime(v.createdAt)}
                  {v.note ? ` · ${v.note}` : ''}
                </List.Item>
              )}
            />
          ) : versions.status === 'error' ? (
            <Alert type="error" message={versions.message} />
          ) : (
            <Spin />
          )}
        </Card>
      </div>
      <Modal
        open={!!returning}
        title="退回修改"
        okText="退回"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy === '退回' }}
        onOk={() => returning && void decide(returning, reason.trim())}
        onCancel={() => setReturning(undefined)}
      >
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明退回理由（必填）" aria-label="退回理由" autoSize={{ minRows: 3 }} />
      </Modal>
      <Modal open={!!shownVersion} title={shownVersion ? `第 ${shownVersion.version} 版` : ''} footer={null} onCancel={() => setShownVersion(undefined)} width={720}>
        <pre className="gw-version-text">{shownVersion?.text}</pre>
      </Modal>
    </div>
  );
}
