/**
 * Answers about a service item, phrased from its structured fields (not a field dump) and
 * citing the passages of its rendered text that carry them (entry-text.ts: one passage per
 * field). When the citizen's 情形 are known, the materials and conditions are the ones of
 * that situation: added materials, removed ones, extra conditions and notes.
 */
import { formatTimeLimit } from '../knowledge/entry-text.js';
import { serviceItemSchema, type EntryVersion, type Material, type ServiceItem } from '../knowledge/knowledge.schema.js';
import type { IntentField } from '../search/field-intent.js';
import type { Citation } from './answer.types.js';
import { citeLine, citePassage, uniqueCitations } from './citations.js';

export type ItemField = IntentField | 'overview';

export interface ComposedAnswer {
  text: string;
  citations: Citation[];
  suggestions?: string[];
}

/** chosen 情形 options: question id → option index */
export type SituationChoices = Record<string, number>;

export function itemBody(entry: EntryVersion): ServiceItem {
  return serviceItemSchema.parse(entry.body);
}

const NECESSITY_NOTE: Record<string, string> = { '2': '非必要', '3': '可容缺后补' };

function materialLine(m: Material): string {
  const bits: string[] = [];
  if (m.originals) bits.push(`原件${m.originals}份`);
  if (m.copies) bits.push(`复印件${m.copies}份`);
  if (!m.originals && !m.copies && m.form === '电子') bits.push('电子');
  const necessity = NECESSITY_NOTE[m.necessity];
  if (necessity) bits.push(necessity);
  const note = m.notes ? `：${m.notes.replace(/[。.]$/, '')}` : '';
  return `${m.name}${bits.length ? `（${bits.join('，')}）` : ''}${note}`;
}

const numbered = (lines: string[]) => lines.map((l, i) => `${i + 1}. ${l}`).join('\n');

function chosenOptions(item: ServiceItem, choices: SituationChoices) {
  return item.situations.flatMap((q) => {
    const i = choices[q.id];
    const o = i === undefined ? undefined : q.options[i];
    return o ? [{ q, o, index: i! }] : [];
  });
}

function situationCitation(entry: EntryVersion, qid: string, index: number, label: string): Citation | null {
  return citeLine(entry, `situation:${qid}`, `${index + 1}. ${label}`);
}

function materialsAnswer(entry: EntryVersion, item: ServiceItem, choices: SituationChoices): ComposedAnswer {
  const chosen = chosenOptions(item, choices);
  const removed = new Set(chosen.flatMap((c) => c.o.removeMaterials));
  const materials = [...item.materials.filter((m) => !removed.has(m.name)), ...chosen.flatMap((c) => c.o.addMaterials)];
  const lines: string[] = [];
  if (chosen.length) lines.push(`按您的情况（${chosen.map((c) => c.o.label).join('；')}），办理${item.name}需要准备：`);
  else lines.push(`办理${item.name}需要准备以下材料：`);
  lines.push(numbered(materials.map(materialLine)));
  const notes = chosen.flatMap((c) => [...c.o.addConditions, ...(c.o.note ? [c.o.note] : [])]);
  if (notes.length) lines.push(`另外请注意：${notes.map((n) => n.replace(/[。；;]$/, '')).join('；')}。`);
  const open = item.situations.filter((q) => choices[q.id] === undefined);
  let suggestions: string[] | undefined;
  if (open.length && item.situations.length) {
    lines.push(`材料会因情况不同而变化（${open.map((q) => q.question.replace(/[？?]$/, '')).join('；')}），告诉我您的情况，我帮您列出要增加或免交的材料。`);
    suggestions = open[0]!.options.map((o) => o.label).slice(0, 4);
  }
  return {
    text: lines.join('\n'),
    citations: uniqueCitations([citePassage(entry, 'materials'), ...chosen.map((c) => situationCitation(entry, c.q.id, c.index, c.o.label))]),
    suggestions,
  };
}

function conditionsAnswer(entry: EntryVersion, item: ServiceItem, choices: SituationChoices): ComposedAnswer {
  const chosen = chosenOptions(item, choices);
  const extra = chosen.flatMap((c) => c.o.addConditions);
  const lines = [`申请${item.name}需要符合以下条件：`, numbered([...item.conditions, ...extra])];
  if (item.serviceObjects.length) lines.push(`服务对象：${item.serviceObjects.join('、')}。`);
  return {
    text: lines.join('\n'),
    citations: uniqueCitations([citePassage(entry, 'conditions'), item.serviceObjects.length ? citePassage(entry, 'name') : null, ...chosen.filter((c) => c.o.addConditions.length).map((c) => situationCitation(entry, c.q.id, c.index, c.o.label))]),
  };
}

function timeAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer {
  const promised = formatTimeLimit(item.promisedTimeLimit);
  const legal = formatTimeLimit(item.legalTimeLimit);
  const parts: string[] = [];
  if (promised) parts.push(`${item.name}承诺${promised.startsWith('即时') ? promised : `在${promised}内办结`}`);
  if (legal) parts.push(`${promised ? '法定办结时限为' : `${item.name}的法定办结时限为`}${legal}`);
  let text = parts.length ? `${parts.join('；')}。` : '';
  text += item.visits === 0 ? '全程网办，无需到现场。' : `需要到现场${item.visits}次${item.visitReason ? `（${item.visitReason}）` : ''}。`;
  return { text, citations: uniqueCitations([citePassage(entry, 'timeLimit')]) };
}

function feesAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer {
  const text = item.charged && item.fees.length
    ? `办理${item.name}需要收费：\n${numbered(item.fees.map((f) => `${f.name}：${f.standard}${f.reducible ? '（符合条件的可减免）' : ''}`))}`
    : `办理${item.name}不收费。`;
  return { text, citations: uniqueCitations([citePassage(entry, 'fees')]) };
}

function placesAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer | null {
  if (!item.places.length && !item.hours) return null;
  const lines: string[] = [];
  if (item.places.length) {
    lines.push(`可以到以下地点办理${item.name}：`);
    lines.push(numbered(item.places.map((p) => `${p.name}：${p.address}${p.hours ? `（办公时间：${p.hours}）` : ''}${p.phone ? `，电话${p.phone}` : ''}`)));
  }
  if (item.hours && !item.places.every((p) => p.hours === item.hours)) lines.push(`办理时间：${item.hours}。`);
  const citations = [citePassage(entry, 'places')];
  if (item.onlineUrl) {
    lines.push(`也可以网上办理：${item.onlineUrl}`);
    citations.push(citePassage(entry, 'online'));
  }
  return { text: lines.join('\n'), citations: uniqueCitations(citations) };
}

function onlineAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer {
  const lines: string[] = [];
  const citations: (Citation | null)[] = [];
  if (item.onlineUrl) {
    lines.push(`${item.name}可以网上办理，网址：${item.onlineUrl}`);
    const extras = [item.appointment && '网上预约', item.delivery && '邮寄送达', item.onlinePayment && '网上支付'].filter(Boolean);
    if (extras.length) lines.push(`支持${extras.join('、')}。`);
    citations.push(citePassage(entry, 'online'));
  }
  if (item.visits === 0) {
    lines.push('全程网办，无需到现场。');
    citations.push(citePassage(entry, 'timeLimit'));
  } else if (item.onlineUrl) {
    lines.push(`不过仍需要到现场${item.visits}次${item.visitReason ? `（${item.visitReason}）` : ''}。`);
    citations.push(citePassage(entry, 'timeLimit'));
  }
  if (item.handlingForms.length) {
    lines.push(`${item.onlineUrl ? '' : `${item.name}`}办理形式：${item.handlingForms.join('、')}。`);
    citations.push(citePassage(entry, 'name'));
  }
  if (!item.onlineUrl && !item.handlingForms.length) return { text: `${item.name}暂未提供网上办理方式，请到窗口办理。`, citations: uniqueCitations([citePassage(entry, 'name')]) };
  return { text: lines.join('\n'), citations: uniqueCitations(citations) };
}

function contactAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer | null {
  const parts: string[] = [];
  if (item.phone) parts.push(`咨询电话：${item.phone}`);
  if (item.complaintPhone) parts.push(`监督投诉电话：${item.complaintPhone}`);
  if (!parts.length) return null;
  return { text: `${item.name}的${parts.join('；')}。`, citations: uniqueCitations([citePassage(entry, 'contact')]) };
}

function processAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer | null {
  if (!item.process.length) return null;
  const steps = item.process.map((p) => {
    const who = [p.handler, p.timeLimit && `时限${p.timeLimit}`].filter(Boolean).join('，');
    return `${p.name}${who ? `（${who}）` : ''}${p.description ? `：${p.description}` : ''}`;
  });
  return { text: `办理${item.name}的流程：\n${numbered(steps)}`, citations: uniqueCitations([citePassage(entry, 'process')]) };
}

function legalAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer | null {
  if (!item.legalBasis.length) return null;
  const lines = item.legalBasis.map((l) => `《${l.title.replace(/^《|》$/g, '')}》${l.article ?? ''}${l.docNumber ? `（${l.docNumber}）` : ''}`);
  return { text: `${item.name}的设定依据：\n${numbered(lines)}`, citations: uniqueCitations([citePassage(entry, 'legalBasis')]) };
}

function resultAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer | null {
  if (!item.resultName && !item.scope) return null;
  const parts: string[] = [];
  if (item.resultName) parts.push(`办结后发给：${item.resultName}${item.resultType ? `（${item.resultType}）` : ''}`);
  if (item.scope) parts.push(`通办范围：${item.scope}`);
  return { text: `${parts.join('；')}。`, citations: uniqueCitations([citePassage(entry, 'result')]) };
}

export const FOLLOW_UP_SUGGESTIONS = ['需要带什么材料？', '要多久能办好？', '在哪里办？', '要收费吗？', '网上能办吗？'];

function overviewAnswer(entry: EntryVersion, item: ServiceItem): ComposedAnswer {
  const lines: string[] = [];
  const citations: (Citation | null)[] = [];
  if (item.summary) {
    lines.push(item.summary);
    citations.push(citePassage(entry, 'summary'));
  }
  const facts: string[] = [];
  if (item.handlingForms.length) {
    facts.push(`办理形式：${item.handlingForms.join('、')}`);
    citations.push(citePassage(entry, 'name'));
  }
  const promised = formatTimeLimit(item.promisedTimeLimit);
  if (promised) {
    facts.push(`承诺办结时限：${promised.replace(/（.*$/, '')}`);
    citations.push(citePassage(entry, 'timeLimit'));
  }
  facts.push(item.charged ? '需要收费' : '不收费');
  citations.push(citePassage(entry, 'fees'));
  lines.push(`${facts.join('；')}。`);
  if (item.materials.length) {
    lines.push(`需要准备${item.materials.length}项材料，主要是：${item.materials.slice(0, 3).map((m) => m.name).join('、')}${item.materials.length > 3 ? '等' : ''}。`);
    citations.push(citePassage(entry, 'materials'));
  }
  lines.push('您可以继续问我需要带什么材料、在哪里办、多久能办好。');
  return { text: `关于${item.name}：\n${lines.join('\n')}`, citations: uniqueCitations(citations), suggestions: FOLLOW_UP_SUGGESTIONS.slice(0, 4) };
}

/**
 * The answer about one field of an item (null when the item has nothing on it: the caller
 * then says so, grounded in what the item does have).
 */
export function answerField(entry: EntryVersion, item: ServiceItem, field: ItemField, choices: SituationChoices = {}): ComposedAnswer | null {
  switch (field) {
    case 'materials':
      return item.materials.length || item.situations.length ? materialsAnswer(entry, item, choices) : null;
    case 'conditions':
      return item.conditions.length ? conditionsAnswer(entry, item, choices) : null;
    case 'timeLimit':
      return timeAnswer(entry, item);
    case 'fees':
      return feesAnswer(entry, item);
    case 'places':
      return placesAnswer(entry, item);
    case 'online':
      return onlineAnswer(entry, item);
    case 'contact':
      return contactAnswer(entry, item) ?? placesAnswer(entry, item);
    case 'process':
      return processAnswer(entry, item);
    case 'legalBasis':
      return legalAnswer(entry, item);
    case 'result':
      return resultAnswer(entry, item);
    case 'overview':
      return overviewAnswer(entry, item);
  }
}

/** Answers several fields at once ("在哪办？要带什么？"), joined; falls back to the overview. */
export function answerItem(entry: EntryVersion, fields: ItemField[], choices: SituationChoices = {}): ComposedAnswer {
  const item = itemBody(entry);
  const parts = (fields.length ? fields : ['overview' as const]).map((f) => answerField(entry, item, f, choices)).filter((x): x is ComposedAnswer => x !== null);
  if (parts.length === 0) return overviewAnswer(entry, item);
  return {
    text: parts.map((p) => p.text).join('\n'),
    citations: uniqueCitations(parts.flatMap((p) => p.citations)),
    suggestions: parts.find((p) => p.suggestions)?.suggestions ?? FOLLOW_UP_SUGGESTIONS.filter((s) => !fields.some((f) => SUGGESTION_FIELD[s] === f)).slice(0, 3),
  };
}

const SUGGESTION_FIELD: Record<string, ItemField> = {
  '需要带什么材料？': 'materials',
  '要多久能办好？': 'timeLimit',
  '在哪里办？': 'places',
  '要收费吗？': 'fees',
  '网上能办吗？': 'online',
};
