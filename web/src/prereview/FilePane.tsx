import { Descriptions, Empty, Segmented, Switch, Tag } from 'antd';
import { useState } from 'react';
import type { ReviewerDetail } from '../api-prereview.js';
import { EXTRACTION } from './labels.js';

type File = ReviewerDetail['files'][number];

/**
 * The original beside the report: images inline, PDFs in a frame (the browser's viewer), a DOCX
 * as its text; the recognised text and key fields on demand, to compare with the image.
 */
export function FilePane({ files }: { files: File[] }) {
  const [selected, setSelected] = useState(0);
  const [showText, setShowText] = useState(false);
  const f = files[selected];
  if (!f) return <Empty description="没有材料文件" />;
  const inline = `${f.downloadUrl}?disposition=inline`;
  const canPreview = f.mime.startsWith('image/') || f.mime === 'application/pdf';
  return (
    <section className="workbench-files" aria-label="材料原件">
      <Segmented
        className="file-tabs"
        value={selected}
        onChange={(v) => setSelected(Number(v))}
        options={files.map((file, i) => ({ value: i, label: <span title={file.name}>{`${i + 1}. ${file.docType === '其他' ? file.name : file.docType}`}</span> }))}
        block
      />
      <div className="file-meta">
        <strong>{f.name}</strong> <Tag>{f.docType}</Tag>
        <span className="muted">
          {EXTRACTION[f.extraction] ?? f.extraction}
          {f.confidence !== null && `，置信度 ${Math.round(f.confidence * 100)}%`}
        </span>{' '}
        <a href={f.downloadUrl} download={f.name}>
          下载原件
        </a>
      </div>
      <label className="text-toggle">
        <Switch size="small" checked={showText || !canPreview} disabled={!canPreview} onChange={setShowText} aria-label="显示识别文字" /> 显示识别文字
      </label>
      {showText || !canPreview ? (
        <>
          {Object.keys(f.fields).length > 0 && (
            <Descriptions size="small" bordered column={1} title="识别出的关键信息" items={Object.entries(f.fields).map(([k, v]) => ({ key: k, label: k, children: v }))} />
          )}
          <pre className="file-text" data-testid="file-text">
            {f.text || '（未识别出文字）'}
          </pre>
        </>
      ) : f.mime.startsWith('image/') ? (
        <img className="file-preview" src={inline} alt={`材料原件：${f.name}`} />
      ) : (
        <iframe className="file-preview" src={inline} title={`材料原件：${f.name}`} />
      )}
    </section>
  );
}
