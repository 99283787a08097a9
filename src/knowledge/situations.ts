/**
 * Checks a service item's 情形 tree beyond what field types can say: every option names
 * materials, conditions, fees, places and follow-up questions the item really has, follow-ups
 * form no cycle, and the options of a question can be told apart by what they change.
 * The schema runs it (imports, PUT /entries, scripts/check-demo.ts all report the same
 * issues with their paths); the guide relies on a tree that passed it.
 */
import type { SituationOption, SituationQuestion } from './knowledge.schema.js';

/** The id an option is answered with: its own, or its 1-based position. */
export function optionIdOf(option: { id?: string }, index: number): string {
  return option.id ?? String(index + 1);
}

/** The follow-up question ids of an option. */
export function nextIdsOf(option: { next?: string | string[] }): string[] {
  return option.next === undefined ? [] : Array.isArray(option.next) ? option.next : [option.next];
}

export interface SituationIssue {
  /** path inside the item, e.g. ['situations', 0, 'options', 1, 'removeMaterials', 0] */
  path: (string | number)[];
  message: string;
}

interface TreeOwner {
  conditions: string[];
  materials: { id?: string; name: string }[];
  fees: { name: string }[];
  places: { name: string }[];
  situations: SituationQuestion[];
}

/** Whether choosing the option changes anything a citizen would see. */
export function optionHasEffect(o: SituationOption): boolean {
  return (
    o.addMaterials.length > 0 ||
    o.removeMaterials.length > 0 ||
    (o.updateMaterials?.length ?? 0) > 0 ||
    o.addConditions.length > 0 ||
    (o.removeConditions?.length ?? 0) > 0 ||
    o.legalTimeLimit !== undefined ||
    o.promisedTimeLimit !== undefined ||
    (o.addFees?.length ?? 0) > 0 ||
    (o.removeFees?.length ?? 0) > 0 ||
    (o.places?.length ?? 0) > 0 ||
    o.visits !== undefined ||
    !!o.note ||
    nextIdsOf(o).length > 0
  );
}

export function validateSituations(item: TreeOwner): SituationIssue[] {
  const issues: SituationIssue[] = [];
  const qs = item.situations;
  const where = (qi: number, oi?: number) => {
    const q = qs[qi]!;
    return oi === undefined ? `情形问题“${q.question}”` : `情形问题“${q.question}”的选项“${q.options[oi]!.label}”`;
  };

  const materialKeys = new Set<string>();
  const materialIds = new Set<string>();
  item.materials.forEach((m, i) => {
    if (m.id !== undefined) {
      if (materialIds.has(m.id)) issues.push({ path: ['materials', i, 'id'], message: `材料编号“${m.id}”重复` });
      materialIds.add(m.id);
      materialKeys.add(m.id);
    }
    materialKeys.add(m.name);
  });
  const conditions = new Set(item.conditions);
  const fees = new Set(item.fees.map((f) => f.name));
  for (const q of qs) {
    for (const o of q.options) {
      for (const m of o.addMaterials) {
        materialKeys.add(m.name);
        if (m.id !== undefined) materialKeys.add(m.id);
      }
      for (const c of o.addConditions) conditions.add(c);
      for (const f of o.addFees ?? []) fees.add(f.name);
    }
  }
  const places = new Set(item.places.map((p) => p.name));

  const index = new Map<string, number>();
  qs.forEach((q, qi) => {
    if (index.has(q.id)) issues.push({ path: ['situations', qi, 'id'], message: `情形问题编号“${q.id}”重复` });
    else index.set(q.id, qi);
  });

  qs.forEach((q, qi) => {
    const optionIds = new Set<string>();
    const silent: number[] = [];
    q.options.forEach((o, oi) => {
      const base = ['situations', qi, 'options', oi];
      const oid = optionIdOf(o, oi);
      if (optionIds.has(oid)) issues.push({ path: [...base, 'id'], message: `${where(qi, oi)}：选项编号“${oid}”重复` });
      optionIds.add(oid);
      o.removeMaterials.forEach((ref, i) => {
        if (!materialKeys.has(ref)) issues.push({ path: [...base, 'removeMaterials', i], message: `${where(qi, oi)}：要减少的材料“${ref}”不是本事项的材料` });
      });
      o.updateMaterials?.forEach((u, i) => {
        if (!materialKeys.has(u.material)) issues.push({ path: [...base, 'updateMaterials', i, 'material'], message: `${where(qi, oi)}：要调整的材料“${u.material}”不是本事项的材料` });
      });
      o.removeConditions?.forEach((c, i) => {
        if (!conditions.has(c)) issues.push({ path: [...base, 'removeConditions', i], message: `${where(qi, oi)}：要去掉的受理条件“${c}”不是本事项的条件` });
      });
      o.removeFees?.forEach((f, i) => {
        if (!fees.has(f)) issues.push({ path: [...base, 'removeFees', i], message: `${where(qi, oi)}：要免除的收费项目“${f}”不是本事项的收费项目` });
      });
      o.places?.forEach((p, i) => {
        if (!places.has(p)) issues.push({ path: [...base, 'places', i], message: `${where(qi, oi)}：办理地点“${p}”不是本事项的办理地点` });
      });
      nextIdsOf(o).forEach((n, i) => {
        const path = Array.isArray(o.next) ? [...base, 'next', i] : [...base, 'next'];
        if (n === q.id) issues.push({ path, message: `${where(qi, oi)}：后续问题不能是问题自身` });
        else if (!index.has(n)) issues.push({ path, message: `${where(qi, oi)}：后续问题“${n}”不存在` });
      });
      if (!optionHasEffect(o)) silent.push(oi);
    });
    // one option may be the plain case; two without any effect cannot be told apart
    if (silent.length > 1) {
      for (const oi of silent) {
        issues.push({
          path: ['situations', qi, 'options', oi],
          message: `${where(qi, oi)}没有任何效果，与同一问题的选项“${silent.filter((x) => x !== oi).map((x) => q.options[x]!.label).join('”“')}”无法区分：请设置材料、条件、时限、收费的变化、后续问题或说明`,
        });
      }
    }
  });

  for (const cycle of findCycles(qs, index)) {
    const qi = index.get(cycle[0]!)!;
    issues.push({ path: ['situations', qi], message: `情形问题的后续问题形成循环：${cycle.map((id) => `“${qs[index.get(id)!]!.question}”`).join(' → ')}` });
  }
  return issues;
}

/** Cycles of the follow-up graph, each as the question ids along it (first repeated at the end). */
function findCycles(qs: SituationQuestion[], index: Map<string, number>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    const q = qs[index.get(id)!]!;
    for (const next of new Set(q.options.flatMap(nextIdsOf))) {
      if (!index.has(next) || next === id) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of index.keys()) if (!state.has(id)) visit(id);
  return cycles;
}
