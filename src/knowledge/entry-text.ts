/**
 * Turns a validated entry body into its canonical text and passages. The canonical text is
 * what citations quote: every passage is a [start, end) span of it. For policies and laws the
 * text is kept exactly as imported (offsets given by others, e.g. evaluation spans, stay
 * valid); for service items and FAQs it is rendered from the structured fields, one passage
 * per field group.
 */
import type { EntryBody, Faq, Material, MaterialUpdate, Passage, ServiceItem } from './knowledge.schema.js';
import { splitPolicyPassages } from './passages.js';

export interface RenderedEntry {
  title: string;
  text: string;
  passages: Passage[];
}

const MATERIAL_TYPE: Record<string, string> = { '1': '证件证书证明', '2': '申请表格文书', '3': '其他' };
const MATERIAL_SOURCE: Record<string, string> = { '10': '申请人自备', '20': '政府部门核发', '99': '其他' };
const NECESSITY: Record<string, string> = { '1': '必要', '2': '非必要', '3': '容缺后补' };

/** Builds text section by section, recording each section's span as a passage. */
class TextBuilder {
  private parts: string[] = [];
  private length = 0;
  readonly passages: Passage[] = [];

  section(label: string, body: string | undefined | null): void {
    if (!body || !body.trim()) return;
    if (this.length > 0) this.push('\n');
    const start = this.length;
    this.push(body.trimEnd());
    this.passages.push({ seq: this.passages.length, start, end: this.length, label });
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

export function describeMaterial(m: Material): string {
  const bits: string[] = [];
  if (m.originals) bits.push(`原件${m.originals}份`);
  if (m.copies) bits.push(`复印件${m.copies}份`);
  bits.push(m.form);
  bits.push(NECESSITY[m.necessity] ?? '');
  if (m.source !== '10') bits.push(MATERIAL_SOURCE[m.source] ?? '');
  let s = `${m.name}（${bits.filter(Boolean).join('，')}）`;
  if (m.paperSpec) s += `，规格：${m.paperSpec}`;
  if (m.notes) s += `。${m.notes.replace(/[。.]$/, '')}`;
  if (m.blankForm) s += `。空白表格：${m.blankForm}`;
  if (m.sample) s += `。示例样表：${m.sample}`;
  return s;
}

/** An option's change to a material, e.g. "改为必要，原件1份". */
export function describeMaterialUpdate(u: MaterialUpdate): string {
  const bits: string[] = [];
  if (u.necessity) bits.push(`改为${NECESSITY[u.necessity]}`);
  if (u.originals !== undefined) bits.push(`原件${u.originals}份`);
  if (u.copies !== undefined) bits.push(`复印件${u.copies}份`);
  if (u.form) bits.push(u.form);
  if (u.notes) bits.push(u.notes);
  return bits.join('，');
}

export function materialTypeLabel(code: string): string {
  return MATERIAL_TYPE[code] ?? code;
}

export function materialSourceLabel(code: string): string {
  return MATERIAL_SOURCE[code] ?? code;
}

export function necessityLabel(code: string): string {
  return NECESSITY[code] ?? code;
}

function numbered(lines: string[]): string {
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n');
}

export function formatTimeLimit(t: { value: number; unit: string; note?: string } | undefined): string | undefined {
  if (!t) return undefined;
  const main = t.unit === '即时' ? '即时办结' : `${t.value}个${t.unit}`;
  return t.note ? `${main}（${t.note}）` : main;
}

function renderItem(item: ServiceItem): RenderedEntry {
  const b = new TextBuilder();
  const head = [`事项名称：${item.name}`];
  if (item.itemType) head.push(`事项类型：${item.itemType}`);
  if (item.agency) head.push(`实施主体：${item.agency}`);
  if (item.serviceObjects.length) head.push(`服务对象：${item.serviceObjects.join('、')}`);
  if (item.caseType) head.push(`办件类型：${item.caseType}`);
  if (item.handlingForms.length) head.push(`办理形式：${item.handlingForms.join('、')}`);
  b.section('name', head.join('\n'));
  b.section('summary', item.summary ? `事项概述：${item.summary}` : undefined);
  if (item.conditions.length) b.section('conditions', `受理条件：\n${numbered(item.conditions)}`);
  if (item.materials.length) b.section('materials', `申请材料：\n${numbered(item.materials.map(describeMaterial))}`);
  for (const q of item.situations) {
    const opts = q.options.map((o) => {
      const changes: string[] = [];
      if (o.addMaterials.length) changes.push(`需增加：${o.addMaterials.map((m) => m.name).join('、')}`);
      if (o.removeMaterials.length) changes.push(`无需提交：${o.removeMaterials.join('、')}`);
      for (const u of o.updateMaterials ?? []) changes.push(`${u.material}：${describeMaterialUpdate(u)}`);
      if (o.addConditions.length) changes.push(`条件：${o.addConditions.join('；')}`);
      if (o.removeConditions?.length) changes.push(`不适用的条件：${o.removeConditions.join('；')}`);
      const legal = formatTimeLimit(o.legalTimeLimit);
      const promised = formatTimeLimit(o.promisedTimeLimit);
      if (legal) changes.push(`法定办结时限：${legal}`);
      if (promised) changes.push(`承诺办结时限：${promised}`);
      if (o.addFees?.length) changes.push(`收费：${o.addFees.map((f) => `${f.name}${f.standard}`).join('、')}`);
      if (o.removeFees?.length) changes.push(`免收：${o.removeFees.join('、')}`);
      if (o.places?.length) changes.push(`办理地点：${o.places.join('、')}`);
      if (o.visits !== undefined) changes.push(o.visits === 0 ? '无需到现场' : `到现场${o.visits}次`);
      if (o.note) changes.push(o.note);
      return `${o.label}${changes.length ? `：${changes.join('；')}` : ''}`;
    });
    b.section(`situation:${q.id}`, `办理情形：${q.question}${q.multiple ? '（可多选）' : ''}\n${numbered(opts)}`);
  }
  const times: string[] = [];
  const legal = formatTimeLimit(item.legalTimeLimit);
  const promised = formatTimeLimit(item.promisedTimeLimit);
  if (legal) times.push(`法定办结时限：${legal}`);
  if (promised) times.push(`承诺办结时限：${promised}`);
  times.push(
    item.visits === 0
      ? '到办事现场次数：0次（全程网办）'
      : `到办事现场次数：${item.visits}次${item.visitReason ? `（${item.visitReason}）` : ''}`,
  );
  b.section('timeLimit', times.join('\n'));
  const fee = item.charged
    ? `收费标准：\n${numbered(item.fees.map((f) => `${f.name}：${f.standard}${f.basis ? `（依据：${f.basis}）` : ''}${f.reducible ? '，可减免' : ''}`))}`
    : '收费标准：不收费';
  b.section('fees', fee);
  if (item.process.length) {
    b.section(
      'process',
      `办理流程：\n${numbered(item.process.map((p) => [p.name, p.handler && `办理人：${p.handler}`, p.timeLimit && `时限：${p.timeLimit}`, p.description].filter(Boolean).join('，')))}`,
    );
  }
  const where: string[] = [];
  for (const p of item.places) {
    where.push(`${p.name}：${p.address}${p.hours ? `，办公时间：${p.hours}` : ''}${p.phone ? `，电话：${p.phone}` : ''}`);
  }
  if (where.length || item.hours) {
    b.section('places', `办理地点和时间：\n${[...where, item.hours ? `办理时间：${item.hours}` : ''].filter(Boolean).join('\n')}`);
  }
  const online: string[] = [];
  if (item.onlineUrl) online.push(`网上办理地址：${item.onlineUrl}`);
  if (item.appointment !== undefined) online.push(`支持预约：${item.appointment ? '是' : '否'}`);
  if (item.delivery !== undefined) online.push(`支持物流快递：${item.delivery ? '是' : '否'}`);
  if (item.onlinePayment !== undefined) online.push(`支持网上支付：${item.onlinePayment ? '是' : '否'}`);
  b.section('online', online.join('\n'));
  const contact: string[] = [];
  if (item.phone) contact.push(`咨询电话：${item.phone}`);
  if (item.complaintPhone) contact.push(`监督投诉电话：${item.complaintPhone}`);
  b.section('contact', contact.join('\n'));
  if (item.legalBasis.length) {
    b.section(
      'legalBasis',
      `设定依据：\n${numbered(item.legalBasis.map((l) => `《${l.title.replace(/^《|》$/g, '')}》${l.article ?? ''}${l.docNumber ? `（${l.docNumber}）` : ''}`))}`,
    );
  }
  const result: string[] = [];
  if (item.resultName) result.push(`审批结果：${item.resultName}${item.resultType ? `（${item.resultType}）` : ''}`);
  if (item.scope) result.push(`通办范围：${item.scope}`);
  b.section('result', result.join('\n'));
  item.faq.forEach((f, i) => b.section(`faq:${i}`, `问：${f.question}\n答：${f.answer}`));
  return { title: item.name, text: b.toString(), passages: b.passages };
}

function renderFaq(faq: Faq): RenderedEntry {
  const b = new TextBuilder();
  b.section('question', `问：${faq.question}`);
  if (faq.alternatives.length) b.section('alternatives', `相似问法：${faq.alternatives.join('；')}`);
  b.section('answer', `答：${faq.answer}`);
  return { title: faq.question, text: b.toString(), passages: b.passages };
}

/**
 * The title of a policy given only as text: its first line, cut at the first space or
 * sentence end (policy files usually open with the title, then the date or 主送机关).
 */
export function deriveTitle(text: string): string {
  const firstLine = text.trim().split(/\r?\n/, 1)[0] ?? '';
  const cut = firstLine.split(/[\s　。！？]/u, 1)[0] ?? firstLine;
  const title = cut.length >= 4 ? cut : firstLine;
  return title.length > 120 ? `${title.slice(0, 120)}…` : title;
}

export function renderEntry(body: EntryBody): RenderedEntry {
  switch (body.kind) {
    case 'item':
      return renderItem(body);
    case 'faq':
      return renderFaq(body);
    case 'policy':
    case 'law': {
      const title = body.title?.trim() || deriveTitle(body.text);
      return { title, text: body.text, passages: splitPolicyPassages(body.text, body.kind) };
    }
  }
}
