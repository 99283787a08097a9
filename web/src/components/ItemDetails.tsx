/** The sections of a service item's guide after 申请材料, each small and data-driven. */
import { Steps, Tag } from 'antd';
import type { ServiceItem } from '../api.js';

type TimeLimit = ServiceItem['legalTimeLimit'];

export function formatTimeLimit(t: TimeLimit): string {
  if (!t) return '—';
  const main = t.unit === '即时' ? '即时办结' : `${t.value} 个${t.unit}`;
  return t.note ? `${main}（${t.note}）` : main;
}

export function Situations({ situations }: { situations: ServiceItem['situations'] }) {
  return (
    <div className="situations">
      {situations.map((q) => (
        <div key={q.id} className="situation">
          <p className="situation-question">{q.question}</p>
          <ul className="situation-options">
            {q.options.map((o) => (
              <li key={o.label}>
                <strong>{o.label}</strong>
                {o.addMaterials.length === 0 && o.removeMaterials.length === 0 && o.addConditions.length === 0 && !o.note && (
                  <span className="muted">：按基本材料办理</span>
                )}
                {o.addMaterials.length > 0 && (
                  <div>
                    需增加材料：
                    {o.addMaterials.map((m) => (
                      <Tag key={m.name} color="blue">
                        {m.name}
                      </Tag>
                    ))}
                  </div>
                )}
                {o.removeMaterials.length > 0 && (
                  <div>
                    无需提交：
                    {o.removeMaterials.map((n) => (
                      <Tag key={n}>{n}</Tag>
                    ))}
                  </div>
                )}
                {o.addConditions.length > 0 && <div>还需满足：{o.addConditions.join('；')}</div>}
                {o.note && <div className="muted">{o.note}</div>}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

export function TimeLimits({ item }: { item: ServiceItem }) {
  const visits = item.visits === 0 ? '0 次（全程网办）' : `${item.visits} 次${item.visitReason ? `（${item.visitReason}）` : ''}`;
  return (
    <dl className="kv">
      <dt>法定办结时限</dt>
      <dd>{formatTimeLimit(item.legalTimeLimit)}</dd>
      <dt>承诺办结时限</dt>
      <dd>{formatTimeLimit(item.promisedTimeLimit)}</dd>
      <dt>到办事现场次数</dt>
      <dd>{visits}</dd>
    </dl>
  );
}

export function Fees({ item }: { item: ServiceItem }) {
  if (!item.charged || item.fees.length === 0) return <p>不收费</p>;
  return (
    <ol className="plain-list">
      {item.fees.map((f) => (
        <li key={f.name}>
          <strong>{f.name}</strong>：{f.standard}
          {f.basis && <span className="muted">（依据：{f.basis}）</span>}
          {f.reducible && <Tag color="green">可减免</Tag>}
        </li>
      ))}
    </ol>
  );
}

export function Process({ steps }: { steps: ServiceItem['process'] }) {
  return (
    <Steps
      className="process-steps"
      orientation="vertical"
      size="small"
      current={steps.length}
      items={steps.map((p) => ({
        title: p.name,
        content: [p.handler && `办理人：${p.handler}`, p.timeLimit && `时限：${p.timeLimit}`, p.description].filter(Boolean).join('；'),
      }))}
    />
  );
}

export function Places({ item }: { item: ServiceItem }) {
  return (
    <div className="places">
      {item.places.map((p) => (
        <dl key={p.name} className="kv place">
          <dt>办理地点</dt>
          <dd>
            <strong>{p.name}</strong>
            <div>{p.address}</div>
          </dd>
          {p.hours && (
            <>
              <dt>办公时间</dt>
              <dd>{p.hours}</dd>
            </>
          )}
          {p.phone && (
            <>
              <dt>联系电话</dt>
              <dd>
                <a href={`tel:${p.phone}`}>{p.phone}</a>
              </dd>
            </>
          )}
        </dl>
      ))}
      {item.hours && <p>办理时间：{item.hours}</p>}
    </div>
  );
}

const yesNo = (v: boolean | undefined) => (v === undefined ? '—' : v ? '是' : '否');

export function Online({ item }: { item: ServiceItem }) {
  return (
    <dl className="kv">
      <dt>网上办理</dt>
      <dd>
        {item.onlineUrl ? (
          <a href={item.onlineUrl} target="_blank" rel="noopener noreferrer">
            {item.onlineUrl}
          </a>
        ) : (
          '暂不支持'
        )}
      </dd>
      <dt>支持预约</dt>
      <dd>{yesNo(item.appointment)}</dd>
      <dt>支持物流快递</dt>
      <dd>{yesNo(item.delivery)}</dd>
      <dt>支持网上支付</dt>
      <dd>{yesNo(item.onlinePayment)}</dd>
    </dl>
  );
}

export function Contact({ item }: { item: ServiceItem }) {
  return (
    <dl className="kv">
      {item.phone && (
        <>
          <dt>咨询电话</dt>
          <dd>
            <a href={`tel:${item.phone}`}>{item.phone}</a>
          </dd>
        </>
      )}
      {item.complaintPhone && (
        <>
          <dt>监督投诉电话</dt>
          <dd>
            <a href={`tel:${item.complaintPhone}`}>{item.complaintPhone}</a>
          </dd>
        </>
      )}
    </dl>
  );
}

export function LegalBasis({ basis }: { basis: ServiceItem['legalBasis'] }) {
  return (
    <ol className="plain-list">
      {basis.map((l, i) => (
        <li key={i}>
          《{l.title.replace(/^《|》$/g, '')}》{l.article}
          {l.docNumber && <span className="muted">（{l.docNumber}）</span>}
        </li>
      ))}
    </ol>
  );
}

export function ItemFaq({ faq }: { faq: ServiceItem['faq'] }) {
  return (
    <dl className="faq-list">
      {faq.map((f, i) => (
        <div key={i} id={`item-faq-${i}`} className="faq-pair">
          <dt>问：{f.question}</dt>
          <dd>答：{f.answer}</dd>
        </div>
      ))}
    </dl>
  );
}
