import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Cause, ChecklistMaterial, ItemChecklist } from './api-guide.js';

/** The answers that put an element on the list, e.g. 「因：外省市户籍」. */
export function Causes({ causes }: { causes: Cause[] }) {
  if (causes.length === 0) return null;
  return (
    <span className="guide-causes">
      {causes.map((c) => (
        <Tooltip key={`${c.questionId}:${c.optionId}`} title={`${c.question}${c.option}`}>
          <Tag color="purple" className="guide-cause">
            因：{c.option}
          </Tag>
        </Tooltip>
      ))}
    </span>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="guide-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** The blank form and the filled-in sample of a material, when the item has them. */
export function MaterialLinks({ m }: { m: { blankForm?: string | null; sample?: string | null } }) {
  if (!m.blankForm && !m.sample) return null;
  return (
    <div className="guide-links">
      {m.blankForm && <a href={m.blankForm}>空白表格</a>}
      {m.sample && <a href={m.sample}>示例样表</a>}
    </div>
  );
}

export function MaterialLine({ m, index }: { m: ChecklistMaterial; index: number }) {
  return (
    <li className="guide-material" data-material={m.name}>
      <div className="guide-material-head">
        <span className="guide-material-no">{index + 1}.</span>
        <strong>{m.name}</strong>
        <Tag color={m.required ? 'red' : m.necessity === '3' ? 'gold' : 'default'}>{m.required ? '必须提交' : m.necessityLabel}</Tag>
        <Causes causes={m.causes} />
      </div>
      <div className="guide-material-form">
        {m.presentation.join('、')}
        {m.paperSpec ? `，${m.paperSpec}` : ''}
        <span className="guide-muted">（{m.typeLabel}，{m.sourceLabel}）</span>
      </div>
      {m.notes.length > 0 && (
        <ul className="guide-notes">
          {m.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      <MaterialLinks m={m} />
    </li>
  );
}

/** The personal checklist of one item, in the order a citizen prepares: what, whether, how long, how much, where. */
export function ChecklistView({ c, hideMaterials = false }: { c: ItemChecklist; hideMaterials?: boolean }) {
  const entryLink = `/entries/${encodeURIComponent(c.item.docId)}?version=${c.item.version}`;
  return (
    <div className="guide-checklist-item">
      {!hideMaterials && (
        <Section title={`需要准备的材料（${c.materials.length}项）`}>
          <ol className="guide-materials">
            {c.materials.map((m, i) => (
              <MaterialLine key={m.key} m={m} index={i} />
            ))}
          </ol>
          {c.removedMaterials.length > 0 && (
            <p className="guide-removed">
              无需提交：
              {c.removedMaterials.map((r) => (
                <span key={r.name}>
                  {r.name}
                  <Causes causes={r.causes} />
                </span>
              ))}
            </p>
          )}
        </Section>
      )}
      {c.conditions.length > 0 && (
        <Section title="办理条件">
          <ol className="plain-list">
            {c.conditions.map((x) => (
              <li key={x.text}>
                {x.text} <Causes causes={x.causes} />
              </li>
            ))}
          </ol>
        </Section>
      )}
      <Section title="办理时限">
        {c.timeLimits.promised && (
          <p>
            承诺办结时限：{c.timeLimits.promised.text} <Causes causes={c.timeLimits.promised.causes} />
          </p>
        )}
        {c.timeLimits.legal && <p>法定办结时限：{c.timeLimits.legal.text}</p>}
        <p>
          到现场次数：{c.visits.count === 0 ? '0次（全程网办）' : `${c.visits.count}次`}
          {c.visits.reason ? `（${c.visits.reason}）` : ''} <Causes causes={c.visits.causes} />
        </p>
      </Section>
      <Section title="收费">
        {c.fees.charged ? (
          <ul className="plain-list">
            {c.fees.items.map((f) => (
              <li key={f.name}>
                {f.name}：{f.standard} <Causes causes={f.causes} />
              </li>
            ))}
          </ul>
        ) : (
          <p>
            不收费 <Causes causes={c.fees.removed.flatMap((f) => f.causes)} />
          </p>
        )}
      </Section>
      <Section title="办理地点和时间">
        <Causes causes={c.where.causes} />
        <ul className="plain-list">
          {c.where.places.map((p) => (
            <li key={p.name}>
              <strong>{p.name}</strong>：{p.address}
              {p.hours ? `；${p.hours}` : ''}
              {p.phone ? `；电话 ${p.phone}` : ''}
            </li>
          ))}
        </ul>
        {c.where.hours && <p>办理时间：{c.where.hours}</p>}
        {c.where.phone && <p>咨询电话：{c.where.phone}</p>}
      </Section>
      {(c.online.url || c.online.appointment) && (
        <Section title="网上办理">
          {c.online.url && (
            <p>
              网上办理地址：<a href={c.online.url}>{c.online.url}</a>
            </p>
          )}
          {c.online.appointment && <p>支持网上预约</p>}
          {c.online.delivery && <p>支持快递送达</p>}
        </Section>
      )}
      {c.notes.length > 0 && (
        <Section title="温馨提示">
          <ul className="plain-list">
            {c.notes.map((n) => (
              <li key={n.text}>
                {n.text} <Causes causes={n.causes} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      <p className="guide-source">
        依据：<Link to={entryLink}>《{c.item.name}》办事指南 第{c.item.version}版</Link>
        {c.item.agency ? `（${c.item.agency}）` : ''}
      </p>
    </div>
  );
}
