/**
 * 一件事一次办: one guided flow over the items of a life event. Shared questions are asked once
 * and mapped onto each item's own questions; the remaining item questions are asked under
 * `itemId/questionId`; steps may depend on a shared answer. The result keeps each item's
 * checklist (in step order) and merges the materials: a document several items need appears
 * once, listing every item that needs it.
 */
import { optionIdOf } from '../knowledge/situations.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { computeChecklist, presentation, type ItemSource } from './checklist.js';
import type { AnsweredView, Answers, Cite, LifeEvent, LifeEventGuide, MergedMaterial, QuestionView } from './guide.schema.js';

/** Material names compare without quotes, book-title marks and spaces: 《出生医学证明》 = 出生医学证明. */
export function normalizeMaterialName(name: string): string {
  return name.replace(/[《》〈〉“”"'‘’「」\s　]/gu, '').replace(/（/gu, '(').replace(/）/gu, ')');
}

/** Splits an answer key into its item and question (`itemId/questionId`), or a shared question id. */
function splitKey(key: string): { itemId?: string; questionId: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { questionId: key } : { itemId: key.slice(0, slash), questionId: key.slice(slash + 1) };
}

function stepsOf(event: LifeEvent): Set<string> {
  return new Set(event.steps.map((s) => s.itemId));
}

export function computeLifeEventGuide(event: LifeEvent, sources: Map<string, ItemSource>, answers: Answers): LifeEventGuide {
  const shared = new Map<string, string[]>();
  const perItem = new Map<string, Answers>();
  const stepIds = stepsOf(event);
  for (const [key, value] of Object.entries(answers)) {
    const { itemId, questionId } = splitKey(key);
    const ids = Array.isArray(value) ? value : [value];
    if (itemId === undefined) {
      const q = event.questions.find((x) => x.id === questionId);
      if (!q) throw new AppError(ErrorCode.ValidationFailed, `“${event.name}”没有问题“${key}”`, { field: `answers.${key}` });
      if (ids.length === 0) continue;
      if (!q.multiple && ids.length > 1) throw new AppError(ErrorCode.ValidationFailed, `问题“${q.question}”（${key}）只能选择一项`, { field: `answers.${key}` });
      const unknown = ids.find((id) => !q.options.some((o) => o.id === id));
      if (unknown !== undefined) throw new AppError(ErrorCode.ValidationFailed, `问题“${q.question}”（${key}）没有选项“${unknown}”`, { field: `answers.${key}` });
      shared.set(questionId, [...new Set(ids)]);
    } else {
      if (!stepIds.has(itemId)) throw new AppError(ErrorCode.ValidationFailed, `“${event.name}”不包含事项“${itemId}”（${key}）`, { field: `answers.${key}` });
      perItem.set(itemId, { ...perItem.get(itemId), [questionId]: value });
    }
  }

  const answered: AnsweredView[] = [];
  const remaining: QuestionView[] = [];
  for (const q of event.questions) {
    const v: QuestionView = { key: q.id, questionId: q.id, question: q.question, ...(q.help ? { help: q.help } : {}), multiple: q.multiple ?? false, options: q.options };
    const picked = shared.get(q.id);
    if (picked) answered.push({ ...v, optionIds: picked, labels: picked.map((id) => q.options.find((o) => o.id === id)!.label) });
    else remaining.push(v);
  }

  const steps: LifeEventGuide['steps'] = [];
  for (const step of event.steps) {
    if (step.when) {
      const picked = shared.get(step.when.question);
      if (!picked || !picked.some((id) => step.when!.options.includes(id))) continue;
    }
    const source = sources.get(step.itemId)!;
    const item = source.body;
    const mapped = new Set<string>();
    const itemAnswers: Answers = { ...perItem.get(step.itemId) };
    for (const [questionId, map] of Object.entries(step.answers)) {
      const q = item.situations.find((x) => x.id === questionId);
      // a mapping the item no longer matches (its tree was edited) falls back to asking the item's question
      if (!q) continue;
      const valid = (id: string | undefined) => id !== undefined && q.options.some((o, i) => optionIdOf(o, i) === id);
      if (typeof map === 'string') {
        if (!valid(map)) continue;
        mapped.add(questionId);
        itemAnswers[questionId] = map;
        continue;
      }
      const targets = Object.values(map.options);
      if (!targets.every(valid)) continue;
      mapped.add(questionId);
      const picked = shared.get(map.question);
      delete itemAnswers[questionId];
      if (picked) {
        const options = [...new Set(picked.map((id) => map.options[id]).filter((x): x is string => x !== undefined))];
        if (options.length) itemAnswers[questionId] = q.multiple ? options : options[0]!;
      }
    }
    const checklist = computeChecklist(source, itemAnswers, { keyPrefix: `${step.itemId}/` });
    const tag = { itemId: step.itemId, itemName: item.name };
    for (const a of checklist.answered) if (!mapped.has(a.questionId)) answered.push({ ...a, ...tag });
    for (const r of checklist.remaining) if (!mapped.has(r.questionId)) remaining.push({ ...r, ...tag });
    steps.push({ order: steps.length + 1, itemId: step.itemId, title: step.title ?? item.name, ...(step.note ? { note: step.note } : {}), checklist });
  }

  const citations: Cite[] = steps.map((s) => s.checklist.cite);
  return {
    event: { id: event.id, name: event.name, ...(event.summary ? { summary: event.summary } : {}) },
    // a step that waits for a shared answer is not on the list yet; that answer is in `remaining`
    complete: remaining.length === 0,
    answered,
    remaining,
    steps,
    materials: mergeMaterials(event, steps),
    citations,
  };
}

const FORM_ORDER = ['纸质', '纸质/电子', '电子'];

/** One entry per document over all steps, in the order they first appear. */
export function mergeMaterials(event: Pick<LifeEvent, 'sameMaterials'>, steps: LifeEventGuide['steps']): MergedMaterial[] {
  const canonical = new Map<string, string>();
  for (const [name, aliases] of Object.entries(event.sameMaterials)) {
    for (const n of [name, ...aliases]) canonical.set(normalizeMaterialName(n), name);
  }
  const groups = new Map<string, { name: string; form: string; blankForm?: string; sample?: string; neededBy: MergedMaterial['neededBy'] }>();
  for (const step of steps) {
    for (const m of step.checklist.materials) {
      const norm = normalizeMaterialName(m.name);
      const name = canonical.get(norm) ?? m.name;
      const key = canonical.has(norm) ? normalizeMaterialName(name) : norm;
      let g = groups.get(key);
      if (!g) {
        g = { name, form: m.form, neededBy: [] };
        groups.set(key, g);
      }
      // paper is the strictest form: if any item wants paper, bring paper
      if (FORM_ORDER.indexOf(m.form) < FORM_ORDER.indexOf(g.form)) g.form = m.form;
      g.blankForm ??= m.blankForm;
      g.sample ??= m.sample;
      g.neededBy.push({
        itemId: step.itemId,
        itemName: step.checklist.item.name,
        name: m.name,
        originals: m.originals,
        copies: m.copies,
        required: m.required,
        notes: m.notes,
        causes: m.causes,
        cite: m.cite,
      });
    }
  }
  return [...groups.entries()].map(([key, g]) => {
    const originals = Math.max(...g.neededBy.map((n) => n.originals));
    const copies = g.neededBy.reduce((sum, n) => sum + n.copies, 0);
    return {
      key,
      name: g.name,
      required: g.neededBy.some((n) => n.required),
      originals,
      copies,
      presentation: presentation({ originals, copies, form: g.form as '纸质' }),
      ...(g.blankForm ? { blankForm: g.blankForm } : {}),
      ...(g.sample ? { sample: g.sample } : {}),
      neededBy: g.neededBy,
    };
  });
}
