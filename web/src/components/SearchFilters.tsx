import { Button, Input, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { EntryKind } from '../api.js';
import { KIND_LABEL } from '../labels.js';
import type { SearchForm } from '../search-params.js';

interface Props {
  form: SearchForm;
  onChange: (patch: Partial<SearchForm>) => void;
}

const KIND_OPTIONS = [{ label: '全部', value: '' }, ...(Object.keys(KIND_LABEL) as EntryKind[]).map((k) => ({ label: KIND_LABEL[k], value: k }))];

/** A text filter applied on Enter or when the field loses focus, not on every keystroke. */
function TextFilter({ label, value, placeholder, onCommit }: { label: string; value?: string; placeholder: string; onCommit: (v: string | undefined) => void }) {
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const commit = () => {
    if ((draft.trim() || undefined) !== value) onCommit(draft.trim() || undefined);
  };
  return (
    <label className="filter-field">
      <span className="filter-label">{label}</span>
      <Input
        value={draft}
        placeholder={placeholder}
        allowClear
        onChange={(e) => {
          setDraft(e.target.value);
          // the clear button fires a change with an empty value: apply at once
          if (e.type !== 'change' && !e.target.value) onCommit(undefined);
        }}
        onPressEnter={commit}
        onBlur={commit}
      />
    </label>
  );
}

export function SearchFilters({ form, onChange }: Props) {
  // on phones the detailed filters fold away behind a button (see styles.css)
  const [open, setOpen] = useState(false);
  const active = [form.region, form.department, form.serviceObject, form.date].filter(Boolean).length;
  return (
    <div className={`search-filters${open ? ' is-open' : ''}`} aria-label="筛选条件">
      <Radio.Group
        className="kind-filter"
        optionType="button"
        buttonStyle="solid"
        options={KIND_OPTIONS}
        value={form.kind ?? ''}
        onChange={(e) => onChange({ kind: (e.target.value as EntryKind | '') || undefined })}
        aria-label="类别"
      />
      <Button className="filter-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? '收起筛选' : `更多筛选${active ? `（已选 ${active} 项）` : ''}`}
      </Button>
      <div className="filter-row">
        <TextFilter label="地区" value={form.region} placeholder="如：青禾区" onCommit={(region) => onChange({ region })} />
        <TextFilter label="部门" value={form.department} placeholder="如：住房公积金" onCommit={(department) => onChange({ department })} />
        <label className="filter-field">
          <span className="filter-label">服务对象</span>
          <Select
            value={form.serviceObject ?? ''}
            onChange={(v: string) => onChange({ serviceObject: (v || undefined) as SearchForm['serviceObject'] })}
            options={[
              { label: '不限', value: '' },
              { label: '自然人（个人）', value: '自然人' },
              { label: '法人（企业、单位）', value: '法人' },
            ]}
          />
        </label>
        <label className="filter-field">
          <span className="filter-label">有效日期</span>
          <Input type="date" value={form.date ?? ''} onChange={(e) => onChange({ date: e.target.value || undefined })} aria-label="有效日期（默认今天）" />
        </label>
      </div>
    </div>
  );
}
