/**
 * The knowledge editor's 情形 tree editor (/admin/items/:id/situations): questions, options
 * and their effects, saved through PUT /api/v1/entries/:id as a new version. The server's
 * check (unknown materials, cycles, options without effect) comes back naming the path; it is
 * shown next to the form.
 */
import { Alert, App, Button, Card, Empty, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { situationOptionSchema, situationQuestionSchema } from '../../../src/knowledge/knowledge.schema.js';
import { ApiError, getEntry, getHistory, request, type EntryVersion, type ServiceItem } from '../api.js';
import { staff } from '../api-admin.js';
import { useLoad } from '../use-load.js';
import './guide.css';

type Question = z.input<typeof situationQuestionSchema>;
type Option = z.input<typeof situationOptionSchema>;
type NewMaterial = NonNullable<Option['addMaterials']>[number];

const NECESSITY = [
  { value: '1', label: '必要' },
  { value: '2', label: '非必要' },
  { value: '3', label: '容缺后补' },
];
const FORMS = ['纸质', '电子', '纸质/电子'].map((v) => ({ value: v, label: v }));
const UNITS = ['工作日', '自然日', '小时', '即时'].map((v) => ({ value: v, label: v }));

/** `body.situations.2.options.1.removeMaterials.0` → 「问题3 / 选项2 / removeMaterials」 */
function describeField(field: string): string {
  const m = /situations\.(\d+)(?:\.options\.(\d+))?(?:\.(\w+))?/.exec(field);
  if (!m) return field;
  return [`问题${Number(m[1]) + 1}`, m[2] !== undefined ? `选项${Number(m[2]) + 1}` : '', m[3] ?? ''].filter(Boolean).join(' / ');
}

const options = (values: string[]) => values.map((v) => ({ value: v, label: v }));

function MaterialsEditor({ value, onChange }: { value: NewMaterial[]; onChange: (v: NewMaterial[]) => void }) {
  const set = (i: number, patch: Partial<NewMaterial>) => onChange(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="sit-materials">
      {value.map((m, i) => (
        <Space key={i} wrap className="sit-material">
          <Input aria-label="增加材料名称" placeholder="材料名称" value={m.name} onChange={(e) => set(i, { name: e.target.value })} style={{ width: 220 }} />
          <Select aria-label="必要性" value={m.necessity ?? '1'} options={NECESSITY} onChange={(v) => set(i, { necessity: v as NewMaterial['necessity'] })} style={{ width: 110 }} />
          <Select aria-label="材料形式" value={m.form ?? '纸质/电子'} options={FORMS} onChange={(v) => set(i, { form: v as NewMaterial['form'] })} style={{ width: 110 }} />
          <InputNumber aria-label="原件份数" addonBefore="原件" min={0} value={m.originals ?? 0} onChange={(v) => set(i, { originals: v ?? 0 })} style={{ width: 120 }} />
          <InputNumber aria-label="复印件份数" addonBefore="复印件" min={0} value={m.copies ?? 0} onChange={(v) => set(i, { copies: v ?? 0 })} style={{ width: 130 }} />
          <Input aria-label="材料说明" placeholder="填报须知" value={m.notes ?? ''} onChange={(e) => set(i, { notes: e.target.value || undefined })} style={{ width: 220 }} />
          <Button danger size="small" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            删除
          </Button>
        </Space>
      ))}
      <Button size="small" onClick={() => onChange([...value, { name: '', necessity: '1', form: '纸质', originals: 1, copies: 0 }])}>
        增加材料
      </Button>
    </div>
  );
}

function OptionEditor({ item, questions, qIndex, option, oIndex, onChange, onRemove }: {
  item: ServiceItem;
  questions: Question[];
  qIndex: number;
  option: Option;
  oIndex: number;
  onChange: (o: Option) => void;
  onRemove: () => void;
}) {
  const set = (patch: Partial<Option>) => onChange({ ...option, ...patch });
  const materialNames = [...item.materials.map((m) => m.name), ...questions.flatMap((q) => q.options.flatMap((o) => (o.addMaterials ?? []).map((m) => m.name)))].filter(Boolean);
  const nextIds = option.next === undefined ? [] : Array.isArray(option.next) ? option.next : [option.next];
  const none = (list: string[] | undefined) => (list && list.length ? list : undefined);
  return (
    <div className="sit-option" data-option={oIndex + 1}>
      <Space wrap>
        <Tag>选项{oIndex + 1}</Tag>
        <Input aria-label={`问题${qIndex + 1}选项${oIndex + 1}名称`} placeholder="选项，如：本市户籍" value={option.label} onChange={(e) => set({ label: e.target.value })} style={{ width: 260 }} />
        <Input aria-label="选项编号" placeholder={`编号（默认 ${oIndex + 1}）`} value={option.id ?? ''} onChange={(e) => set({ id: e.target.value || undefined })} style={{ width: 150 }} />
        <Button danger size="small" onClick={onRemove}>
          删除选项
        </Button>
      </Space>
      <div className="sit-effects">
        <label>
          增加材料
          <MaterialsEditor value={option.addMaterials ?? []} onChange={(v) => set({ addMaterials: v })} />
        </label>
        <label>
          无需提交的材料
          <Select aria-label="无需提交的材料" mode="multiple" value={option.removeMaterials ?? []} options={options([...new Set(materialNames)])} onChange={(v) => set({ removeMaterials: v })} />
        </label>
        <label>
          增加受理条件
          <Select aria-label="增加受理条件" mode="tags" value={option.addConditions ?? []} onChange={(v) => set({ addConditions: v })} open={false} placeholder="输入后回车" />
        </label>
        <label>
          不适用的受理条件
          <Select aria-label="不适用的受理条件" mode="multiple" value={option.removeConditions ?? []} options={options(item.conditions)} onChange={(v) => set({ removeConditions: none(v) })} />
        </label>
        <label>
          承诺办结时限
          <Space wrap>
            <InputNumber
              aria-label="承诺办结时限"
              min={0}
              value={option.promisedTimeLimit?.value}
              onChange={(v) => set({ promisedTimeLimit: v === null ? undefined : { value: v, unit: option.promisedTimeLimit?.unit ?? '工作日', note: option.promisedTimeLimit?.note } })}
            />
            <Select aria-label="时限单位" value={option.promisedTimeLimit?.unit ?? '工作日'} options={UNITS} disabled={!option.promisedTimeLimit} onChange={(u) => option.promisedTimeLimit && set({ promisedTimeLimit: { ...option.promisedTimeLimit, unit: u as '工作日' } })} style={{ width: 100 }} />
          </Space>
        </label>
        <label>
          免收的收费项目
          <Select aria-label="免收的收费项目" mode="multiple" value={option.removeFees ?? []} options={options(item.fees.map((f) => f.name))} onChange={(v) => set({ removeFees: none(v) })} />
        </label>
        <label>
          仅限以下办理地点
          <Select aria-label="仅限办理地点" mode="multiple" value={option.places ?? []} options={options(item.places.map((p) => p.name))} onChange={(v) => set({ places: none(v) })} />
        </label>
        <label>
          后续问题（选择此项后才问）
          <Select
            aria-label="后续问题"
            mode="multiple"
            value={nextIds}
            options={questions.filter((_, i) => i !== qIndex).map((q) => ({ value: q.id, label: `${q.question}（${q.id}）` }))}
            onChange={(v: string[]) => set({ next: v.length === 0 ? undefined : v.length === 1 ? v[0] : v })}
          />
        </label>
        <label>
          说明
          <Input.TextArea aria-label="选项说明" autoSize value={option.note ?? ''} onChange={(e) => set({ note: e.target.value || undefined })} />
        </label>
      </div>
    </div>
  );
}

function Editor({ entry }: { entry: EntryVersion }) {
  const { message } = App.useApp();
  const item = entry.body as unknown as ServiceItem;
  const [questions, setQuestions] = useState<Question[]>(() => structuredClone(item.situations) as Question[]);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [saved, setSaved] = useState<number | null>(null);

  const setQuestion = (i: number, q: Question) => setQuestions(questions.map((x, j) => (j === i ? q : x)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...questions];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    setQuestions(next);
  };

  const save = async () => {
    setSaving(true);
    setErrors([]);
    try {
      const qs = note.trim() ? `?note=${encodeURIComponent(note.trim())}` : '';
      const r = await staff<{ changed: boolean; entry: EntryVersion }>('PUT', `/entries/${encodeURIComponent(entry.id)}${qs}`, { ...entry.body, situations: questions });
      setSaved(r.entry.version);
      void message.success(r.changed ? `已保存为第 ${r.entry.version} 版` : '内容没有变化，未产生新版本');
    } catch (err) {
      const details = err instanceof ApiError && Array.isArray(err.details) ? (err.details as { field: string; message: string }[]) : [];
      setErrors(details.length ? details : [{ field: '', message: err instanceof ApiError ? err.message : '保存失败，请稍后再试' }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="sit-editor">
      <Typography.Title level={3}>办理情形：{item.name}</Typography.Title>
      <p className="guide-muted">
        正在编辑第 {entry.version} 版（{entry.status === 'draft' ? '草稿' : '已发布'}）。保存后生成新版本，办事引导随即使用新版本。
        <Link to={`/entries/${encodeURIComponent(entry.id)}/guide`}>试用办事引导</Link>
      </p>
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="sit-errors"
          title="情形设置有误，未保存"
          description={
            <ul>
              {errors.map((e, i) => (
                <li key={i}>
                  {e.field && <strong>{describeField(e.field)}：</strong>}
                  {e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {saved !== null && errors.length === 0 && <Alert type="success" showIcon title={`已保存，现为第 ${saved} 版`} className="sit-saved" />}
      {questions.length === 0 && <Empty description="尚无办理情形" />}
      {questions.map((q, qi) => (
        <Card
          key={qi}
          className="sit-question"
          data-question={q.id}
          size="small"
          title={`问题${qi + 1}`}
          extra={
            <Space>
              <Button size="small" disabled={qi === 0} onClick={() => move(qi, -1)} aria-label={`上移问题${qi + 1}`}>
                上移
              </Button>
              <Button size="small" disabled={qi === questions.length - 1} onClick={() => move(qi, 1)} aria-label={`下移问题${qi + 1}`}>
                下移
              </Button>
              <Button size="small" danger onClick={() => setQuestions(questions.filter((_, j) => j !== qi))}>
                删除问题
              </Button>
            </Space>
          }
        >
          <Space wrap className="sit-question-head">
            <Input aria-label={`问题${qi + 1}编号`} addonBefore="编号" value={q.id} onChange={(e) => setQuestion(qi, { ...q, id: e.target.value })} style={{ width: 200 }} />
            <Input aria-label={`问题${qi + 1}内容`} placeholder="问题，如：是否本市户籍？" value={q.question} onChange={(e) => setQuestion(qi, { ...q, question: e.target.value })} style={{ width: 360 }} />
            <label>
              可多选 <Switch checked={!!q.multiple} onChange={(v) => setQuestion(qi, { ...q, multiple: v || undefined })} />
            </label>
          </Space>
          <Input aria-label={`问题${qi + 1}提示`} placeholder="提示（可选）" value={q.help ?? ''} onChange={(e) => setQuestion(qi, { ...q, help: e.target.value || undefined })} />
          {q.options.map((o, oi) => (
            <OptionEditor
              key={oi}
              item={item}
              questions={questions}
              qIndex={qi}
              option={o}
              oIndex={oi}
              onChange={(no) => setQuestion(qi, { ...q, options: q.options.map((x, j) => (j === oi ? no : x)) })}
              onRemove={() => setQuestion(qi, { ...q, options: q.options.filter((_, j) => j !== oi) })}
            />
          ))}
          <Button onClick={() => setQuestion(qi, { ...q, options: [...q.options, { label: '' }] })}>增加选项</Button>
        </Card>
      ))}
      <Space wrap className="sit-footer">
        <Button onClick={() => setQuestions([...questions, { id: `q${questions.length + 1}`, question: '', options: [{ label: '是' }, { label: '否' }] }])}>增加问题</Button>
        <Input aria-label="修改说明" placeholder="修改说明（记入版本历史和审计日志）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 320 }} />
        <Button type="primary" loading={saving} onClick={() => void save()}>
          保存为新版本
        </Button>
      </Space>
    </div>
  );
}

/** The latest version (a draft included) is what an editor edits. */
async function loadLatest(id: string, signal: AbortSignal): Promise<EntryVersion> {
  const [latest] = await getHistory(id, signal);
  return getEntry(id, { version: latest!.version }, signal);
}

export function SituationsEditorPage() {
  const { id = '' } = useParams();
  const [state] = useLoad((signal) => loadLatest(id, signal), `situations:${id}`);
  if (state.status === 'loading') return <Card loading />;
  if (state.status === 'error') return <Alert type="error" showIcon title={state.message} />;
  if (state.data.kind !== 'item') return <Alert type="warning" showIcon title="该条目不是办事事项，没有办理情形" />;
  return <Editor key={`${id}@${state.data.version}`} entry={state.data} />;
}

interface EntryRow {
  id: string;
  title: string;
  status: string;
  version: number;
}

/** Items to choose from (/admin/items). */
export function ItemsSituationsListPage() {
  const [filter, setFilter] = useState('');
  const [state] = useLoad((signal) => request<{ items: EntryRow[] }>('/api/v1/entries?kind=item&limit=200', { signal }).then((r) => r.items), 'admin-items');
  if (state.status === 'error') return <Alert type="error" showIcon title={state.message} />;
  const rows = state.status === 'done' ? state.data.filter((r) => !filter || r.title.includes(filter) || r.id.includes(filter)) : [];
  return (
    <div>
      <Typography.Title level={3}>办理情形</Typography.Title>
      <Input.Search aria-label="筛选事项" placeholder="按事项名称或编号筛选" allowClear onChange={(e) => setFilter(e.target.value.trim())} style={{ maxWidth: 360, marginBottom: 12 }} />
      <Table<EntryRow>
        rowKey="id"
        size="small"
        loading={state.status === 'loading'}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '事项', dataIndex: 'title', key: 'title' },
          { title: '编号', dataIndex: 'id', key: 'id', responsive: ['md'] },
          { title: '版本', dataIndex: 'version', key: 'version', width: 70 },
          { title: '', key: 'edit', width: 100, render: (_v, r) => <Link to={`/admin/items/${encodeURIComponent(r.id)}/situations`}>编辑情形</Link> },
        ]}
      />
    </div>
  );
}
