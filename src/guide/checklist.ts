/**
 * The personal checklist of one service item: which 情形 questions apply given the answers so
 * far (follow-ups only after the answer that leads to them), and the item's materials,
 * conditions, time limits, fees and places after the chosen options' effects. Pure: the same
 * item version and answers always give the same checklist, so a resumed session or an audit
 * reader can recompute what the citizen saw.
 */
import { describeMaterialUpdate, formatTimeLimit, materialSourceLabel, materialTypeLabel, necessityLabel } from '../knowledge/entry-text.js';
import type { Material, Passage, ServiceItem, SituationOption, SituationQuestion } from '../knowledge/knowledge.schema.js';
import { nextIdsOf, optionIdOf } from '../knowledge/situations.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { AnsweredView, Answers, Cause, ChecklistMaterial, Cite, ItemChecklist, QuestionView } from './guide.schema.js';

/** The item version a checklist is computed from. */
export interface ItemSource {
  docId: string;
  version: number;
  department: string | null;
  passages: Passage[];
  body: ServiceItem;
}

export interface ChecklistOptions {
  /** prefix of question keys (life events: `itemId/`) */
  keyPrefix?: string;
}

interface MaterialState {
  material: Material;
  notes: string[];
  causes: Cause[];
  label: string;
}

/** How to bring a material, in the words of a 办事指南: 原件1份、复印件2份、电子版. */
export function presentation(m: Pick<Material, 'originals' | 'copies' | 'form'>): string[] {
  const parts: string[] = [];
  if (m.originals) parts.push(`原件${m.originals}份`);
  if (m.copies) parts.push(`复印件${m.copies}份`);
  if (m.form === '电子') parts.push('电子版');
  else if (m.form === '纸质/电子') parts.push(parts.length ? '或电子版' : '纸质或电子版');
  else if (parts.length === 0) parts.push('纸质');
  return parts;
}

/**
 * Checks answers against the item's questions. Unknown questions and options, and several
 * options for a single-choice question, are errors naming the question; answers to follow-ups
 * whose leading answer was not given are ignored (the citizen changed an earlier answer).
 */
export function resolveAnswers(item: ServiceItem, answers: Answers, keyPrefix = ''): Map<string, number[]> {
  const chosen = new Map<string, number[]>();
  for (const [key, value] of Object.entries(answers)) {
    const q = item.situations.find((x) => x.id === key);
    if (!q) throw new AppError(ErrorCode.ValidationFailed, `事项“${item.name}”没有情形问题“${keyPrefix}${key}”`, { field: `answers.${keyPrefix}${key}` });
    const ids = Array.isArray(value) ? value : [value];
    if (ids.length === 0) continue;
    if (!q.multiple && ids.length > 1) {
      throw new AppError(ErrorCode.ValidationFailed, `情形问题“${q.question}”（${keyPrefix}${key}）只能选择一项`, { field: `answers.${keyPrefix}${key}` });
    }
    const indexes: number[] = [];
    for (const id of new Set(ids)) {
      const i = q.options.findIndex((o, oi) => optionIdOf(o, oi) === id);
      if (i < 0) throw new AppError(ErrorCode.ValidationFailed, `情形问题“${q.question}”（${keyPrefix}${key}）没有选项“${id}”`, { field: `answers.${keyPrefix}${key}` });
      indexes.push(i);
    }
    chosen.set(key, indexes.sort((a, b) => a - b));
  }
  return chosen;
}

export function computeChecklist(source: ItemSource, answers: Answers, opts: ChecklistOptions = {}): ItemChecklist {
  const item = source.body;
  const prefix = opts.keyPrefix ?? '';
  const chosen = resolveAnswers(item, answers, prefix);
  const cite = (label: string): Cite => {
    const p = source.passages.find((x) => x.label === label);
    return p ? { docId: source.docId, version: source.version, label, start: p.start, end: p.end } : { docId: source.docId, version: source.version, label };
  };
  const causeCite = (causes: Cause[], fallback: string) => cite(causes.length ? `situation:${causes[causes.length - 1]!.questionId}` : fallback);

  const byId = new Map(item.situations.map((q) => [q.id, q]));
  const followUps = new Set(item.situations.flatMap((q) => q.options.flatMap(nextIdsOf)));
  const answered: AnsweredView[] = [];
  const remaining: QuestionView[] = [];
  const applied: { cause: Cause; option: SituationOption }[] = [];
  const visited = new Set<string>();

  const view = (q: SituationQuestion, followUpOf?: QuestionView['followUpOf']): QuestionView => ({
    key: prefix + q.id,
    questionId: q.id,
    question: q.question,
    ...(q.help ? { help: q.help } : {}),
    multiple: q.multiple ?? false,
    options: q.options.map((o, i) => ({ id: optionIdOf(o, i), label: o.label })),
    ...(followUpOf ? { followUpOf } : {}),
  });
  // depth-first: a follow-up comes right after the answer that leads to it
  const visit = (q: SituationQuestion, followUpOf?: QuestionView['followUpOf']) => {
    if (visited.has(q.id)) return;
    visited.add(q.id);
    const picks = chosen.get(q.id);
    if (!picks) {
      remaining.push(view(q, followUpOf));
      return;
    }
    answered.push({ ...view(q, followUpOf), optionIds: picks.map((i) => optionIdOf(q.options[i]!, i)), labels: picks.map((i) => q.options[i]!.label) });
    for (const i of picks) {
      const option = q.options[i]!;
      const optionId = optionIdOf(option, i);
      applied.push({ cause: { questionId: q.id, question: q.question, optionId, option: option.label }, option });
      for (const next of nextIdsOf(option)) {
        const nq = byId.get(next);
        if (nq) visit(nq, { key: prefix + q.id, optionId });
      }
    }
  };
  for (const q of item.situations) if (!followUps.has(q.id)) visit(q);

  // materials
  const materials: MaterialState[] = item.materials.map((m) => ({ material: { ...m }, notes: m.notes ? [m.notes] : [], causes: [], label: 'materials' }));
  const removedMaterials: ItemChecklist['removedMaterials'] = [];
  const find = (ref: string) => materials.findIndex((s) => s.material.id === ref || s.material.name === ref);
  // conditions
  const conditions = item.conditions.map((text) => ({ text, causes: [] as Cause[], label: 'conditions' }));
  const removedConditions: ItemChecklist['removedConditions'] = [];
  // fees
  const fees = item.fees.map((f) => ({ ...f, causes: [] as Cause[], label: 'fees' }));
  const removedFees: ItemChecklist['fees']['removed'] = [];
  let feesChanged = false;
  let legal = item.legalTimeLimit ? { limit: item.legalTimeLimit, causes: [] as Cause[] } : undefined;
  let promised = item.promisedTimeLimit ? { limit: item.promisedTimeLimit, causes: [] as Cause[] } : undefined;
  let places = item.places;
  const placeCauses: Cause[] = [];
  let visits = { count: item.visits, causes: [] as Cause[] };
  const notes: ItemChecklist['notes'] = [];

  for (const { cause, option: o } of applied) {
    const here = `situation:${cause.questionId}`;
    for (const ref of o.removeMaterials) {
      const i = find(ref);
      if (i >= 0) {
        removedMaterials.push({ name: materials[i]!.material.name, causes: [cause], cite: cite(here) });
        materials.splice(i, 1);
      }
    }
    for (const m of o.addMaterials) {
      const i = find(m.id ?? m.name);
      const state: MaterialState = { material: { ...m }, notes: m.notes ? [m.notes] : [], causes: [...(i >= 0 ? materials[i]!.causes : []), cause], label: here };
      if (i >= 0) materials[i] = state;
      else materials.push(state);
    }
    for (const u of o.updateMaterials ?? []) {
      const s = materials[find(u.material)];
      if (!s) continue;
      s.material = {
        ...s.material,
        ...(u.necessity ? { necessity: u.necessity } : {}),
        ...(u.form ? { form: u.form } : {}),
        ...(u.originals !== undefined ? { originals: u.originals } : {}),
        ...(u.copies !== undefined ? { copies: u.copies } : {}),
      };
      s.notes.push(u.notes ?? describeMaterialUpdate(u));
      s.causes.push(cause);
      s.label = here;
    }
    for (const text of o.removeConditions ?? []) {
      const i = conditions.findIndex((c) => c.text === text);
      if (i >= 0) {
        conditions.splice(i, 1);
        removedConditions.push({ text, causes: [cause], cite: cite(here) });
      }
    }
    for (const text of o.addConditions) if (!conditions.some((c) => c.text === text)) conditions.push({ text, causes: [cause], label: here });
    if (o.legalTimeLimit) legal = { limit: o.legalTimeLimit, causes: [cause] };
    if (o.promisedTimeLimit) promised = { limit: o.promisedTimeLimit, causes: [cause] };
    for (const name of o.removeFees ?? []) {
      const i = fees.findIndex((f) => f.name === name);
      if (i >= 0) {
        fees.splice(i, 1);
        removedFees.push({ name, causes: [cause], cite: cite(here) });
        feesChanged = true;
      }
    }
    for (const f of o.addFees ?? []) {
      fees.push({ ...f, causes: [cause], label: here });
      feesChanged = true;
    }
    if (o.places?.length) {
      const allowed = new Set(o.places);
      places = places.filter((p) => allowed.has(p.name));
      placeCauses.push(cause);
    }
    if (o.visits !== undefined) visits = { count: o.visits, causes: [cause] };
    if (o.note) notes.push({ text: o.note, causes: [cause], cite: cite(here) });
  }

  const checklistMaterials: ChecklistMaterial[] = materials.map((s, i) => {
    const m = s.material;
    return {
      key: m.id ?? `m${i + 1}:${m.name}`,
      name: m.name,
      type: m.type,
      typeLabel: materialTypeLabel(m.type),
      sourceLabel: materialSourceLabel(m.source),
      necessity: m.necessity,
      necessityLabel: necessityLabel(m.necessity),
      required: m.necessity === '1',
      form: m.form,
      originals: m.originals,
      copies: m.copies,
      presentation: presentation(m),
      ...(m.paperSpec ? { paperSpec: m.paperSpec } : {}),
      notes: s.notes,
      ...(m.blankForm ? { blankForm: m.blankForm } : {}),
      ...(m.sample ? { sample: m.sample } : {}),
      ...(m.acceptanceStandard ? { acceptanceStandard: m.acceptanceStandard } : {}),
      causes: s.causes,
      cite: cite(s.label),
    };
  });
  const timeView = (t: typeof legal) =>
    t && { value: t.limit.value, unit: t.limit.unit, ...(t.limit.note ? { note: t.limit.note } : {}), text: formatTimeLimit(t.limit)!, causes: t.causes, cite: causeCite(t.causes, 'timeLimit') };
  const feeCauses = removedFees.flatMap((f) => f.causes);

  return {
    item: { docId: source.docId, version: source.version, name: item.name, ...(item.agency ? { agency: item.agency } : {}), department: source.department },
    complete: remaining.length === 0,
    answered,
    remaining,
    materials: checklistMaterials,
    removedMaterials,
    conditions: conditions.map((c) => ({ text: c.text, causes: c.causes, cite: cite(c.label) })),
    removedConditions,
    timeLimits: { ...(legal ? { legal: timeView(legal) } : {}), ...(promised ? { promised: timeView(promised) } : {}) },
    fees: {
      // an item marked charged without fee rows stays charged; once options touched the fees, the rows decide
      charged: fees.length > 0 || (item.charged && item.fees.length === 0 && !feesChanged),
      items: fees.map((f) => ({
        name: f.name,
        standard: f.standard,
        ...(f.basis ? { basis: f.basis } : {}),
        reducible: f.reducible,
        causes: f.causes.length ? f.causes : feeCauses,
        cite: cite(f.label),
      })),
      removed: removedFees,
    },
    where: {
      places: places.map((p) => ({ name: p.name, address: p.address, ...(p.hours ? { hours: p.hours } : {}), ...(p.phone ? { phone: p.phone } : {}) })),
      ...(item.hours ? { hours: item.hours } : {}),
      ...(item.phone ? { phone: item.phone } : {}),
      causes: placeCauses,
      cite: causeCite(placeCauses, 'places'),
    },
    visits: { count: visits.count, ...(item.visitReason && visits.count > 0 ? { reason: item.visitReason } : {}), causes: visits.causes, cite: causeCite(visits.causes, 'timeLimit') },
    online: {
      ...(item.onlineUrl ? { url: item.onlineUrl } : {}),
      ...(item.appointment !== undefined ? { appointment: item.appointment } : {}),
      ...(item.delivery !== undefined ? { delivery: item.delivery } : {}),
      ...(item.onlinePayment !== undefined ? { onlinePayment: item.onlinePayment } : {}),
      cite: cite('online'),
    },
    notes,
    cite: { docId: source.docId, version: source.version },
  };
}

/** The checklist as plain text: what the audit trail records as shown to the citizen. */
export function checklistText(c: ItemChecklist): string {
  const lines = [`${c.item.name}（第${c.item.version}版）`];
  if (c.answered.length) lines.push(`情形：${c.answered.map((a) => `${a.question}${a.labels.join('、')}`).join('；')}`);
  if (!c.complete) lines.push(`待回答：${c.remaining.map((q) => q.question).join('；')}`);
  lines.push(`材料：${c.materials.map((m) => `${m.name}（${m.presentation.join('、')}${m.required ? '' : `，${m.necessityLabel}`}）`).join('；')}`);
  if (c.conditions.length) lines.push(`条件：${c.conditions.map((x) => x.text).join('；')}`);
  if (c.timeLimits.promised) lines.push(`承诺时限：${c.timeLimits.promised.text}`);
  lines.push(`收费：${c.fees.charged ? c.fees.items.map((f) => `${f.name}${f.standard}`).join('；') || '收费' : '不收费'}`);
  if (c.where.places.length) lines.push(`地点：${c.where.places.map((p) => p.name).join('；')}`);
  return lines.join('\n');
}
