import { Descriptions, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { ServiceItem } from '../api.js';
import { sectionIdForLabel } from '../labels.js';
import { GuideSection } from './GuideSection.js';
import { Contact, Fees, ItemFaq, LegalBasis, Online, Places, Process, Situations, TimeLimits } from './ItemDetails.js';
import { MaterialsTable } from './MaterialsTable.js';

function header(item: ServiceItem): DescriptionsProps['items'] {
  const rows: [string, ReactNode | undefined][] = [
    ['事项名称', item.name],
    ['事项类型', item.itemType],
    ['实施主体', item.agency],
    ['服务对象', item.serviceObjects.join('、')],
    ['办件类型', item.caseType],
    ['办理形式', item.handlingForms.join('、')],
    ['受托机构', item.delegatedAgency],
    ['行使层级', item.level],
    ['基本编码', item.baseCode],
    ['实施编码', item.implCode],
    ['审批结果', item.resultName && `${item.resultName}${item.resultType ? `（${item.resultType}）` : ''}`],
    ['通办范围', item.scope],
  ];
  return rows.filter(([, v]) => v !== undefined && v !== '').map(([label, children]) => ({ key: label, label, children }));
}

/**
 * A service item rendered as a 办事指南 in the national section order. `hitLabel` is the
 * passage label a search result pointed at ("materials", "situation:married" …).
 */
export function ItemGuide({ item, hitLabel }: { item: ServiceItem; hitLabel?: string }) {
  const hitId = hitLabel ? sectionIdForLabel(hitLabel) : undefined;
  const sections: { id: string; title: string; show: boolean; body: () => ReactNode }[] = [
    { id: 'sec-summary', title: '事项概述', show: !!item.summary, body: () => <p>{item.summary}</p> },
    {
      id: 'sec-conditions',
      title: '受理条件',
      show: item.conditions.length > 0,
      body: () => (
        <ol className="plain-list">
          {item.conditions.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ol>
      ),
    },
    { id: 'sec-materials', title: '申请材料', show: true, body: () => <MaterialsTable materials={item.materials} /> },
    { id: 'sec-situations', title: '办理情形', show: item.situations.length > 0, body: () => <Situations situations={item.situations} /> },
    { id: 'sec-timeLimit', title: '办理时限', show: true, body: () => <TimeLimits item={item} /> },
    { id: 'sec-fees', title: '收费标准', show: true, body: () => <Fees item={item} /> },
    { id: 'sec-process', title: '办理流程', show: item.process.length > 0, body: () => <Process steps={item.process} /> },
    { id: 'sec-places', title: '办理地点和时间', show: item.places.length > 0 || !!item.hours, body: () => <Places item={item} /> },
    { id: 'sec-online', title: '网上办理', show: true, body: () => <Online item={item} /> },
    { id: 'sec-contact', title: '咨询/投诉电话', show: !!(item.phone || item.complaintPhone), body: () => <Contact item={item} /> },
    { id: 'sec-legalBasis', title: '设定依据', show: item.legalBasis.length > 0, body: () => <LegalBasis basis={item.legalBasis} /> },
    { id: 'sec-faq', title: '常见问题', show: item.faq.length > 0, body: () => <ItemFaq faq={item.faq} /> },
  ];
  const shown = sections.filter((s) => s.show);
  return (
    <div className="item-guide">
      <GuideSection id="sec-name" title="基本信息" hit={hitId === 'sec-name' || hitId === 'sec-result'}>
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={header(item)} className="item-header" />
      </GuideSection>
      <nav className="guide-toc" aria-label="目录">
        {shown.map((s) => (
          <a key={s.id} href={`#${s.id}`}>
            {s.title}
          </a>
        ))}
      </nav>
      {shown.map((s) => (
        <GuideSection key={s.id} id={s.id} title={s.title} hit={hitId === s.id}>
          {s.body()}
        </GuideSection>
      ))}
    </div>
  );
}
