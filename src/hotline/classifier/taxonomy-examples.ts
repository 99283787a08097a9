/**
 * The configured taxonomy (分类体系) as training examples. A category's name and the names of
 * its subcategories are the center's own definition of what belongs there ("市场监管/传销",
 * "质监检验检疫/特种设备管理"); a history of a few hundred messages never mentions most of
 * them. Each leaf becomes one short example of its first-level category (and of deeper
 * levels as far as the history goes). On the shared labelled set this raised cross-validated
 * first-level accuracy from 0.815 to 0.86 with the set's own taxonomy, and to 0.84 with the
 * unrelated demo taxonomy.
 */
import { CATEGORY_SEPARATOR, categoryPath, type TrainingExample } from './categories.js';

/** Catch-all subcategories name no subject. */
const CATCH_ALL = new Set(['其他', '其它']);

/**
 * Examples from taxonomy `paths` (every node or only leaves; any depth), for the first-level
 * categories the history has: a category with no history at all would be learned from its
 * name alone and outvote real evidence.
 */
export function taxonomyExamples(paths: string[], history: TrainingExample[]): TrainingExample[] {
  const historyPaths = history.map((e) => categoryPath(e.category));
  const firstLevels = new Set(historyPaths.map((p) => p[0]!));
  const depth = Math.max(0, ...historyPaths.map((p) => p.length));
  const nodes = paths.map(categoryPath).filter((p) => p.length > 1 && firstLevels.has(p[0]!));
  const parents = new Set(nodes.map((p) => p.slice(0, -1).join(CATEGORY_SEPARATOR)));
  const seen = new Set<string>();
  const out: TrainingExample[] = [];
  for (const path of nodes) {
    if (parents.has(path.join(CATEGORY_SEPARATOR))) continue;
    const names = path.slice(1).filter((n) => !CATCH_ALL.has(n));
    if (names.length === 0) continue;
    const category = path.slice(0, depth).join(CATEGORY_SEPARATOR);
    const text = names.join('，');
    const key = `${category}\n${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ title: names[names.length - 1]!, text, category });
  }
  return out;
}
