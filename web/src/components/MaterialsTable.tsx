import { Grid, Table, Tag, type TableColumnsType } from 'antd';
import type { Material } from '../api.js';
import { MATERIAL_SOURCE, MATERIAL_TYPE, NECESSITY } from '../labels.js';

const NECESSITY_COLOR: Record<string, string> = { '1': 'red', '2': 'default', '3': 'gold' };

function Necessity({ code }: { code: string }) {
  return <Tag color={NECESSITY_COLOR[code]}>{NECESSITY[code] ?? code}</Tag>;
}

function counts(m: Material): string {
  return `原件 ${m.originals} 份，复印件 ${m.copies} 份`;
}

function notes(m: Material): string {
  return [m.notes, m.paperSpec && `纸张规格：${m.paperSpec}`, m.acceptanceStandard && `受理标准：${m.acceptanceStandard}`, m.basis && `依据：${m.basis}`]
    .filter(Boolean)
    .join('；');
}

const columns: TableColumnsType<Material> = [
  { title: '序号', key: 'no', width: 56, align: 'center', render: (_v, _m, i) => i + 1 },
  { title: '材料名称', dataIndex: 'name', key: 'name', width: 160 },
  { title: '材料类型', dataIndex: 'type', key: 'type', width: 96, render: (v: string) => MATERIAL_TYPE[v] ?? v },
  { title: '来源渠道', dataIndex: 'source', key: 'source', width: 96, render: (v: string) => MATERIAL_SOURCE[v] ?? v },
  { title: '必要性', dataIndex: 'necessity', key: 'necessity', width: 84, render: (v: string) => <Necessity code={v} /> },
  { title: '材料形式', dataIndex: 'form', key: 'form', width: 90 },
  {
    title: '原件/复印件份数',
    key: 'counts',
    width: 96,
    render: (_v, m) => (
      <>
        <div>原件 {m.originals} 份</div>
        <div>复印件 {m.copies} 份</div>
      </>
    ),
  },
  { title: '备注', key: 'notes', render: (_v, m) => notes(m) || '—' },
];

/** 申请材料: the national guide's table on wide screens, one card per material on phones. */
export function MaterialsTable({ materials }: { materials: Material[] }) {
  const screens = Grid.useBreakpoint();
  if (materials.length === 0) return <p className="muted">无需提交材料</p>;
  if (screens.md === false) {
    return (
      <ol className="material-cards">
        {materials.map((m, i) => (
          <li key={`${m.name}-${i}`} className="material-card">
            <div className="material-name">
              {i + 1}. {m.name} <Necessity code={m.necessity} />
            </div>
            <dl>
              <dt>材料类型</dt>
              <dd>{MATERIAL_TYPE[m.type] ?? m.type}</dd>
              <dt>来源渠道</dt>
              <dd>{MATERIAL_SOURCE[m.source] ?? m.source}</dd>
              <dt>材料形式</dt>
              <dd>{m.form}</dd>
              <dt>份数</dt>
              <dd>{counts(m)}</dd>
              {notes(m) && (
                <>
                  <dt>备注</dt>
                  <dd>{notes(m)}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <Table<Material>
      className="materials-table"
      columns={columns}
      dataSource={materials.map((m, i) => ({ ...m, key: String(i) }))}
      pagination={false}
      size="middle"
      bordered
      scroll={{ x: 820 }}
    />
  );
}
