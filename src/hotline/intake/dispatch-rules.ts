/**
 * 派单目录: which department handles a category in a region. A rule matches when its category
 * prefix is the order's category or an ancestor of it ('' = any) and its region prefix is a
 * prefix of the order's division code ('' = anywhere). The most specific rule wins: the
 * deepest category, then the longest region, then the higher priority.
 */
import { CATEGORY_SEPARATOR } from '../classifier/model.js';

export interface DispatchRule {
  id: number;
  categoryPrefix: string;
  regionPrefix: string;
  departmentId: number;
  coDepartmentIds: number[];
  priority: number;
  note: string | null;
}

function categoryMatches(prefix: string, category: string): boolean {
  return prefix === '' || category === prefix || category.startsWith(prefix + CATEGORY_SEPARATOR);
}

export function resolveRule(rules: DispatchRule[], category: string | null, divisionCode: string | null): DispatchRule | undefined {
  let best: DispatchRule | undefined;
  let bestKey: number[] = [];
  for (const r of rules) {
    if (!categoryMatches(r.categoryPrefix, category ?? '')) continue;
    if (r.categoryPrefix !== '' && !category) continue;
    if (r.regionPrefix !== '' && !(divisionCode ?? '').startsWith(r.regionPrefix)) continue;
    const depth = r.categoryPrefix === '' ? 0 : r.categoryPrefix.split(CATEGORY_SEPARATOR).length;
    const key = [depth, r.regionPrefix.length, r.priority, -r.id];
    if (!best || compare(key, bestKey) > 0) {
      best = r;
      bestKey = key;
    }
  }
  return best;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
