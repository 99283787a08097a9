import { App, Alert, Button, Card, Form, Input, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api.js';
import { useLoad } from '../use-load.js';
import { createDocument, draft, getTemplates, importDocx, type DocumentType, type Template } from './api-documents.js';
import { DocumentEditor } from './DocumentEditor.js';

type Source = 'template' | 'llm' | 'import' | 'text';

/** the fields of a 批复 the server fills from the stored 请示 it answers */
const FROM_REQUEST = new Set(['requester', 'requestTitle', 'requestNumber', 'subject']);

const message = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

/** 起草公文: pick a type, fill the key points, get a draft to edit with the checker beside it; or import a .docx. */
export default function DraftPage() {
  const { message: toast } = App.useApp();
  const navigate = useNavigate();
  const [templates] = useLoad((signal) => getTemplates(signal), 'templates');
  // /documents/new?reply=<id>: a 批复 to a stored 请示 (its 字号, title and 发文机关 are cited)
  const replyTo = useSearchParams()[0].get('reply') ?? undefined;
  const [type, setType] = useState<DocumentType | undefined>(replyTo ? '批复' : undefined);
  const [form] = Form.useForm<Record<string, string>>();
  const [text, setText] = useState('');
  const [source, setSource] = useState<Source>('text');
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<'draft' | 'save' | 'import'>();

  const list = templates.status === 'done' ? templates.data : [];
  const template: Template | undefined = list.find((t) => t.type === type);

  const generate = async (values: Record<string, string>) => {
    if (!type) return;
    setBusy('draft');
    try {
      const { request: requestText, ...rest } = values;
      const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'string' && v.trim()));
      const fromRequest = type !== '批复' ? undefined : replyTo ? { documentId: replyTo } : requestText?.trim() ? { text: requestText } : undefined;
      const r = await draft(type, fields, fromRequest);
      setText(r.text);
      setSource(r.producer);
      setNotice(r.notice);
    } catch (err) {
      toast.error(message(err, '生成草稿失败，请稍后再试'));
    } finally {
      setBusy(undefined);
    }
  };

  const save = async () => {
    setBusy('save');
    try {
      const record = await createDocument({ text, type, source });
      toast.success('已保存为第 1 版');
      navigate(`/documents/${encodeURIComponent(record.id)}`);
    } catch (err) {
      toast.error(message(err, '保存失败，请稍后再试'));
    } finally {
      setBusy(undefined);
    }
  };

  const importFile = async (file: File) => {
    setBusy('import');
    try {
      const r = await importDocx(file);
      setText(r.text);
      setType(r.document.type);
      setSource('import');
      setNotice(undefined);
      toast.success(`已读取 ${file.name}，请查看右侧的格式检查结果`);
    } catch (err) {
      toast.error(message(err, '读取 .docx 失败'));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="gw-draft">
      <Typography.Title level={3}>起草公文</Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap align="center">
          <span>文种</span>
          <Select
            style={{ width: 200 }}
            placeholder="选择或输入文种"
            aria-label="文种"
            showSearch
            optionFilterProp="label"
            value={type}
            loading={templates.status === 'loading'}
            onChange={(v: DocumentType) => {
              setType(v);
              form.resetFields();
            }}
            options={list.map((t) => ({ value: t.type, label: `${t.type}（${t.direction}）` }))}
            data-testid="document-type"
          />
          <Upload accept=".docx" showUploadList={false} beforeUpload={(f) => (void importFile(f), false)}>
            <Button loading={busy === 'import'}>导入 .docx 检查</Button>
          </Upload>
        </Space>
        {templates.status === 'error' && <Alert type="error" showIcon message={templates.message} style={{ marginTop: 12 }} />}
        {template && (
          <Form form={form} layout="vertical" onFinish={(v) => void generate(v)} style={{ marginTop: 16 }} data-testid="draft-form">
            <Typography.Paragraph type="secondary">
              {template.direction}，结束语：{template.closing || '无'}
            </Typography.Paragraph>
            {template.fields.map((f) => (
              <Form.Item key={f.name} name={f.name} label={f.label} extra={f.hint || undefined} rules={f.required && !(replyTo && FROM_REQUEST.has(f.name)) ? [{ required: true, whitespace: true, message: `请填写${f.label}` }] : []}>
                {f.multiline ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} /> : <Input />}
              </Form.Item>
            ))}
            {template.type === '批复' && replyTo && <Alert type="info" showIcon message="答复已保存的请示：其标题、发文字号和发文机关将自动引用" style={{ marginBottom: 16 }} />}
            {template.type === '批复' && !replyTo && (
              <Form.Item name="request" label="来文请示（粘贴全文，自动引用其标题和发文字号）">
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={busy === 'draft'}>
              生成草稿
            </Button>
          </Form>
        )}
      </Card>
      {notice && <Alert type="info" showIcon message={notice} style={{ marginBottom: 16 }} />}
      {text && (
        <DocumentEditor
          text={text}
          onChange={setText}
          type={type}
          actions={
            <Button type="primary" onClick={() => void save()} loading={busy === 'save'}>
              保存
            </Button>
          }
        />
      )}
    </div>
  );
}
