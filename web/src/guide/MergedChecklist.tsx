import { Tag } from 'antd';
import type { LifeEventGuideResponse } from './api-guide.js';
import { Causes, ChecklistView, MaterialLinks } from './ChecklistView.js';

/** A life event's checklist: every document once (with the items that need it), then the steps in order. */
export function MergedChecklist({ g }: { g: LifeEventGuideResponse }) {
  return (
    <div className="guide-merged">
      <section className="guide-section">
        <h3>需要准备的材料（合并后{g.materials.length}项）</h3>
        <ol className="guide-materials">
          {g.materials.map((m, i) => (
            <li key={m.key} className="guide-material" data-material={m.name}>
              <div className="guide-material-head">
                <span className="guide-material-no">{i + 1}.</span>
                <strong>{m.name}</strong>
                <Tag color={m.required ? 'red' : 'default'}>{m.required ? '必须提交' : '视情况提交'}</Tag>
              </div>
              <div className="guide-material-form">{m.presentation.join('、')}</div>
              <div className="guide-needed-by">
                用于：
                {m.neededBy.map((n) => (
                  <span key={n.itemId} className="guide-needed-item">
                    <Tag>{n.itemName}</Tag>
                    {n.copies > 0 && <span className="guide-muted">复印件{n.copies}份</span>}
                    <Causes causes={n.causes} />
                  </span>
                ))}
              </div>
              {m.neededBy.some((n) => n.notes.length > 0) && (
                <ul className="guide-notes">
                  {m.neededBy.flatMap((n) => n.notes.map((note, j) => <li key={`${n.itemId}-${j}`}>{m.neededBy.length > 1 ? `${n.itemName}：` : ''}{note}</li>))}
                </ul>
              )}
              <MaterialLinks m={m} />
            </li>
          ))}
        </ol>
      </section>
      <section className="guide-section">
        <h3>办理顺序</h3>
        {g.steps.map((s) => (
          <div key={s.itemId} className="guide-event-step" data-step={s.itemId}>
            <h4>
              第{s.order}步：{s.title}
              <span className="guide-muted">（{s.checklist.item.agency ?? s.checklist.item.department ?? ''}）</span>
            </h4>
            {s.note && <p className="guide-help">{s.note}</p>}
            <ChecklistView c={s.checklist} hideMaterials />
          </div>
        ))}
      </section>
    </div>
  );
}
