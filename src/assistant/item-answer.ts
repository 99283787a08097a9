/**
 * Answers about a service item, phrased from its structured fields (not a field dump) and
 * citing the passages of its rendered text that carry them (entry-text.ts: one passage per
 * field). When the citizen's 情形 are known, every field is the one of that situation, as the
 * guided service's checklist computes it: materials, conditions, time limits, fees, places
 * and visits, each change citing the line of the 情形 passage that states it.
 */
import { formatTimeLimit } from '../knowledge/entry-text.js';
import { serviceItemSchema, type EntryVersion, type ServiceItem } from '../knowledge/knowledge.schema.js';
import { optionIdOf } from '../knowledge/situations.js';
import { computeChecklist } from '../guide/checklist.js';
import type { Answers, Cause, ChecklistMaterial, ItemChecklist } from '../guide/guide.schema.js';
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

function materialLine(m: ChecklistMaterial): string {
  const bits: string[] = [];
  if (m.originals) bits.push(`原件${m.originals}份`);
  if (m.copies) bits.push(`复印件${m.copies}份`);
  if (!m.originals && !m.copies && m.form === '电子') bits.push('电子');
  const necessity = NECESSITY_NOTE[m.necessity];
  if (necessity) bits.push(necessity);
  const notes = m.notes.map((n) => n.replace(/[。.；;]$/, '')).join('；');
  return `${m.name}${bits.length ? `（${bits.join('，')}）` : ''}${notes ? `：${notes}` : ''}`;
}

const numbered = (lines: string[]) => lines.map((l, i) => `${i + 1}. ${l}`).join('\n');

/**
 * The item as the citizen's 情形 make it: the guided service's personal checklist
 * (guide/checklist.ts), so chat and guide never disagree on materials, conditions, time
 * limits, fees, places or visits. Choices of another version (an index the item no longer
 * has) are dropped rather than failing the answer.
 */
export function personalChecklist(entry: EntryVersion, item: ServiceItem, choices: SituationChoices): ItemChecklist {
  const answers: Answers = {};
  for (const q of item.situations) {
    const i = choices[q.id];
    const o = i === undefined ? undefined : q.options[i];
    if (o) answers[q.id] = optionIdOf(o, i!);
  }
  return computeChecklist({ docId: entry.id, version: entry.version, department: entry.department, passages: entry.passages, body: item }, answers);
}

/** The line of the 情形 passage that states the chosen option and its effects ("2. 外省市户籍…"). */
function causeCitation(entry: EntryVersion, item: ServiceItem, cause: Cause): Citation | null {
  const q = item.situations.find((x) => x.id === cause.questionId);
  const index = q ? q.options.findIndex((o, i) => optionIdOf(o, i) === cause.optionId) : -1;
  return index < 0 ? null : citeLine(entry, `situation:${cause.questionId}`, `${index + 1}. ${cause.option}`);
}

const causeCitations = (entry: EntryVersion, item: ServiceItem, causes: Cause[]) => causes.map((c) => causeCitation(entry, item, c));

/** "按您的情况（外省市户籍（跨省异地换领）），" when options changed what follows. */
function asYourCase(causes: Cause[]): string {
  const labels = [...new Set(causes.map((c) => c.option))];
  return labels.length ? `按您的情况（${labels.join('；')}），` : '';
}

function materialsAnswer(entry: EntryVersion, item: ServiceItem, list: ItemChecklist): ComposedAnswer {
  const causes = list.answered.length ? list.answered.flatMap((a) => a.labels) : [];
  const lines: string[] = [];
  if (causes.length) lines.push(`按您的情况（${causes.join('；')}），办理${item.name}需要准备：`);
  else lines.push(`办理${item.name}需要准备以下材料：`);
  lines.push(numbered(list.materials.map(materialLine)));
  if (list.removedMaterials.length) lines.push(`无需提交：${list.removedMaterials.map((m) => m.name).join('、')}。`);
  const situational = list.conditions.filter((c) => c.causes.length).map((c) => c.text);
  const notes = [...situational, ...list.notes.map((n) => n.text)];
  if (notes.length) lines.push(`另外请注意：${notes.map((n) => n.replace(/[。；;]$/, '')).join('；')}。`);
  let suggestions: string[] | undefined;
  const open = list.remaining;
  if (open.length) {
    lines.push(`材料会因情况不同而变化（${open.map((q) => q.question.replace(/[？?]$/, '')).join('；')}），告诉我您的情况，我帮您列出要增加或免交的材料。`);
    suggestions = open[0]!.options.map((o) => o.label).slice(0, 4);
  }
  return {
    text: lines.join('\n'),
    citations: uniqueCitations([citePassage(entry, 'materials'), ...list.answered.flatMap((a) => causeCitations(entry, item, a.optionIds.map((optionId, k) => ({ questionId: a.questionId, question: a.question, optionId, option: a.labels[k]! }))))]),
    suggestions,
  };
}

function conditionsAnswer(entry: EntryVersion, item: ServiceItem, list: ItemChecklist): ComposedAnswer | null {
  if (!list.conditions.length) return null;
  const lines = [`申请${item.name}需要符合以下条件：`, numbered(list.conditions.map((c) => c.text))];
  if (list.removedConditions.length) lines.push(`按您的情况，以下条件不适用：${list.removedConditions.map((c) => c.text).join('；')}。`);
  if (item.serviceObjects.length) lines.push(`服务对象：${item.serviceObjects.join('、')}。`);
  const causes = [...list.conditions.flatMap((c) => c.causes), ...list.removedConditions.flatMap((c) => c.causes)];
  return {
    text: lines.join('\n'),
    citations: uniqueCitations([citePassage(entry, 'conditions'), item.serviceObjects.length ? citePassage(entry, 'name') : null, ...causeCitations(entry, item, causes)]),
  };
}

function timeAnswer(entry: EntryVersion, item: ServiceItem, list: ItemChecklist): ComposedAnswer {
  const { promised, legal } = list.timeLimits;
  const parts: string[] = [];
  if (promised) parts.push(`${asYourCase(promised.causes)}${item.name}承诺${promised.text.startsWith('即时') ? promised.text : `在${promised.text}内办结`}`);
  if (legal) parts.push(`${promised ? '法定办结时限为' : `${asYourCase(legal.causes)}${item.name}的法定办结时限为`}${legal.text}`);
  let text = parts.length ? `${parts.join('；')}。` : '';
  const visits = list.visits;
  text += visits.count === 0 ? '全程网办，无需到现场。' : `需要到现场${visits.count}次${visits.reason ? `（${visits.reason}）` : ''}。`;
  const causes = [...(promised?.causes ?? []), ...(legal?.causes ?? []), ...visits.causes];
  const timeUnchanged = !promised?.causes.length || !legal?.causes.length || !visits.causes.length;
  return { text, citations: uniqueCitations([...causeCitations(entry, item, causes), timeUnchanged ? citePassage(entry, 'timeLimit') : null]) };
}

function feesAnswer(entry: EntryVersion, item: ServiceItem, list: ItemChecklist): ComposedAnswer {
  const causes = [...list.fees.items.flatMap((f) => f.causes), ...list.fees.removed.flatMap((f) => f.causes)];
  const intro = asYourCase(causes);
  let text = list.fees.charged && list.fees.items.length
    ? `${intro}办理${item.name}需要收费：\n${numbered(list.fees.items.map((f) => `${f.name}：${f.standard}${f.reducible ? '（符合条件的可减免）' : ''}`))}`
    : list.fees.charged ? `${intro}办理${item.name}需要收费。` : `${intro}办理${item.name}不收费。`;
  if (list.fees.removed.length && list.fees.charged) text += `\n免收：${list.fees.removed.map((f) => f.name).join('、')}。`;
  return { text, citations: uniqueCitations([citePassage(entry, 'fees'), ...causeCitations(entry, item, causes)]) };
}

function placesAnswer(entry: EntryVersion, item: ServiceItem, list: ItemChecklist): ComposedAnswer | null {
  const places = list.where.places;
  if (!places.length && !item.hours) return null;
  const lines: string[] = [];
  if (places.length) {
    lines.push(`${asYourCase(list.where.causes)}可以到以下地点办理${item.name}：`);
    lines.push(numbered(places.map((p) => `${p.name}：${p.address}${p.hours ? `（办公时间：${p.hours}）` : ''}${p.phone ? `，电话${p.phone}` : ''}`)));
  }
  if (item.hours && !places.every((p) => p.hours === item.hours)) lines.push(`办理时间：${item.hours}。`);
  const citations = [citePassage(entry, 'places'), ...causeCitations(entry, item, list.where.causes)];
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
  const list = () => personalChecklist(entry, item, choices);
  switch (field) {
    case 'materials':
      return item.materials.length || item.situations.length ? materialsAnswer(entry, item, list()) : null;
    case 'conditions':
      return conditionsAnswer(entry, item, list());
    case 'timeLimit':
      return timeAnswer(entry, item, list());
    case 'fees':
      return feesAnswer(entry, item, list());
    case 'places':
      return placesAnswer(entry, item, list());
    case 'online':
      return onlineAnswer(entry, item);
    case 'contact':
      return contactAnswer(entry, item) ?? placesAnswer(entry, item, list());
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
