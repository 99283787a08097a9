import { App, Alert, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea.js';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { downloadExport, exportFormats, type DocumentType, type ExportFormat, type Finding } from './api-documents.js';
import { PagedPreview } from './PagedPreview.js';
import { useCheckedText } from './use-checked-text.js';

interface Props {
  text: string;
  onChange?: (text: string) => void;
  type?: DocumentType;
  readOnly?: boolean;
  /** a stored, unchanged document exports from the server's copy */
  storedId?: string;
  /** buttons beside the export buttons (save, submit …) */
  actions?: ReactNode;
}

const FORMAT_LABEL: Record<ExportFormat, string> = { docx: '导出 Word（.docx）', pdf: '导出 PDF' };

/**
 * The text of a document with the checker's findings beside it (click one to select its place,
 * apply its fix), export buttons and the paged preview of the print.
 */
export function DocumentEditor({ text, onChange, type, readOnly, storedId, actions }: Props) {
  const { message } = App.useApp();
  const { checked, pending, error } = useCheckedText(text, type);
  const area = useRef<TextAreaRef>(null);
  const [selected, setSelected] = useState<number>();
  const [formats, setFormats] = useState<ExportFormat[]>(['docx']);
  const [exporting, setExporting] = useState<ExportFormat>();

  useEffect(() => {
    const ctrl = new AbortController();
    exportFormats(ctrl.signal).then(setFormats, () => undefined);
    return () => ctrl.abort();
  }, []);

  const current = checked && checked.text === text ? checked : undefined;
  const findings = current?.findings ?? [];

  const select = (f: Finding, i: number) => {
    setSelected(i);
    const el = area.current?.resizableTextArea?.textArea;
    if (!el || f.start === undefined) return;
    el.focus();
    el.setSelectionRange(f.start, f.end ?? f.start);
  };

  const applyFix = (f: Finding) => {
    if (f.start === undefined || f.fix === undefined || !onChange) return;
    onChange(text.slice(0, f.start) + f.fix + text.slice(f.end ?? f.start));
    setSelected(undefined);
  };

  const exportAs = async (format: ExportFormat) => {
    if (!current) return;
    setExporting(format);
    try {
      const name = await downloadExport(storedId ? { id: storedId } : { document: current.document }, format);
      message.success(`已导出：${name}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '导出失败，请稍后再试');
    } finally {
      setExporting(undefined);
    }
  };

  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <div className="gw-editor">
      <div className="gw-editor-grid">
        <div className="gw-text">
          <Input.TextArea
            ref={area}
            value={text}
            readOnly={readOnly}
            onChange={(e) => onChange?.(e.target.value)}
            autoSize={{ minRows: 18, maxRows: 40 }}
            aria-label="公文正文"
            data-testid="document-text"
          />
        </div>
        <Card
          size="small"
          title={
            <Space>
              格式检查
              {pending ? <Tag>检查中…</Tag> : current && (findings.length === 0 ? <Tag color="success">未发现问题</Tag> : <Tag color={errors ? 'error' : 'warning'}>{findings.length} 处</Tag>)}
            </Space>
          }
          className="gw-findings"
          data-testid="findings"
        >
          {error && <Alert type="error" showIcon message={error} />}
          {findings.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={pending ? '检查中…' : '按 GB/T 9704 检查：发文字号、标题、主送机关、层次序数、附件说明、成文日期等'} />
          ) : (
            <List
              dataSource={findings}
              renderItem={(f, i) => (
                <List.Item
                  className={`gw-finding${selected === i ? ' is-selected' : ''}`}
                  onClick={() => select(f, i)}
                  data-testid="finding"
                  data-rule={f.rule}
                  actions={
                    f.fix !== undefined && f.start !== undefined && !readOnly
                      ? [
                          <Button
                            key="fix"
                            size="small"
                            type="link"
                            onClick={(e) => {
                              e.stopPropagation();
                              applyFix(f);
                            }}
                          >
                            改正
                          </Button>,
                        ]
                      : undefined
                  }
                >
                  <div>
                    <Tag color={f.severity === 'error' ? 'error' : 'warning'}>{f.severity === 'error' ? '错误' : '提示'}</Tag>
                    <span>{f.message}</span>
                    {f.fix !== undefined && <div className="gw-finding-fix">建议改为：{f.fix}</div>}
                  </div>
                </List.Item>
              )}
            />
          )}
        </Card>
      </div>
      <Space wrap style={{ margin: '16px 0' }}>
        {actions}
        {formats.map((f) => (
          <Button key={f} onClick={() => void exportAs(f)} loading={exporting === f} disabled={!current || (exporting !== undefined && exporting !== f)}>
            {FORMAT_LABEL[f]}
          </Button>
        ))}
      </Space>
      <Typography.Title level={5}>版式预览（GB/T 9704：A4，每页 22 行，每行 28 字）</Typography.Title>
      {current ? <PagedPreview document={current.document} /> : <Empty description={pending ? '排版中…' : '输入或生成公文后显示版式预览'} />}
    </div>
  );
}
