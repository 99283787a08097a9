import { Alert, Tag, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { NECESSITY } from '../labels.js';
import { ACCEPT, fileProblem, formatSize } from './files.js';

const NECESSITY_COLOR: Record<string, string> = { '1': 'red', '2': 'default', '3': 'gold' };

export interface Slot {
  key: string;
  /** the item's material, or null for 其他材料 */
  material: string | null;
  necessity?: string;
  notes?: string;
}

/** One material's upload area: drag and drop or choose (keyboard: Tab to it, Enter), checked before upload. */
export function MaterialSlot({ slot, index, files, onChange, disabled }: { slot: Slot; index: number; files: File[]; onChange(files: File[]): void; disabled?: boolean }) {
  const [problems, setProblems] = useState<string[]>([]);
  const title = slot.material ?? '其他材料（可选）';
  const headingId = `slot-${slot.key}-title`;
  const list: UploadFile[] = files.map((f, i) => ({ uid: `${i}-${f.name}-${f.size}`, name: `${f.name}（${formatSize(f.size)}）`, status: 'done' }));

  async function add(batch: File[]) {
    const checked = await Promise.all(batch.map(async (f) => ({ f, problem: await fileProblem(f) })));
    setProblems(checked.flatMap((c) => (c.problem ? [c.problem] : [])));
    const ok = checked.filter((c) => !c.problem).map((c) => c.f);
    if (ok.length) onChange([...files, ...ok]);
  }

  return (
    <div className="material-slot" role="group" aria-labelledby={headingId} data-testid={`slot-${index}`} data-material={slot.material ?? ''}>
      <div className="material-slot-head" id={headingId}>
        <span className="material-slot-name">
          {index + 1}. {title}
        </span>
        {slot.necessity && <Tag color={NECESSITY_COLOR[slot.necessity]}>{NECESSITY[slot.necessity] ?? slot.necessity}</Tag>}
      </div>
      {slot.notes && <p className="muted material-slot-notes">{slot.notes}</p>}
      <Upload.Dragger
        accept={ACCEPT}
        multiple
        disabled={disabled}
        fileList={list}
        beforeUpload={(file, batch) => {
          // antd calls this once per file of a batch: act on the batch once, upload nothing yet
          if (file === batch[0]) void add(batch);
          return Upload.LIST_IGNORE;
        }}
        onRemove={(removed) => {
          onChange(files.filter((_, i) => list[i]!.uid !== removed.uid));
          setProblems([]);
          return false;
        }}
      >
        <p className="material-slot-drop">点击选择或将文件拖到此处</p>
        <p className="muted material-slot-hint">PDF、Word（DOCX）、JPG、PNG，每个不超过 10 MB</p>
      </Upload.Dragger>
      {problems.length > 0 && <Alert className="material-slot-error" type="error" showIcon role="alert" title={problems.join('；')} />}
    </div>
  );
}
