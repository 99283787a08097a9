/**
 * The configurable multi-level taxonomy (分类体系): a CSV whose header names the levels
 * (一级分类,二级分类,三级分类 …, any depth) and whose rows are paths, a leaf per row; a shorter
 * row ends its path early. Paths are joined with '/', as the classifier's categories are.
 */
import { z } from 'zod';
import { CATEGORY_SEPARATOR } from '../classifier/model.js';
import { failOnLineErrors, parseCsvRows } from './csv-rows.js';

export interface CategoryNode {
  path: string;
  name: string;
  level: number;
  children: CategoryNode[];
}

const segmentSchema = z
  .string()
  .max(100, '分类名称不能超过 100 字')
  .refine((s) => !s.includes(CATEGORY_SEPARATOR), `分类名称不能含“${CATEGORY_SEPARATOR}”`);

/** Every node of the file (each prefix of each row), parents before children; errors name the line. */
export function parseTaxonomyCsv(text: string): { path: string; name: string; level: number; parentPath: string | null }[] {
  const { header, rows } = parseCsvRows(text, '分类文件');
  if (header.length === 0 || header.every((h) => h === '')) failOnLineErrors([{ line: 1, message: '表头为空，应为“一级分类,二级分类,…”' }], '分类文件');
  const errors: { line: number; message: string }[] = [];
  const nodes = new Map<string, { path: string; name: string; level: number; parentPath: string | null }>();
  for (const { line, cells } of rows) {
    if (cells.length > header.length && cells.slice(header.length).some((c) => c !== '')) {
      errors.push({ line, message: `有 ${cells.length} 列，表头只有 ${header.length} 列` });
      continue;
    }
    let last = cells.length;
    while (last > 0 && cells[last - 1] === '') last--;
    const parts = cells.slice(0, last);
    const gap = parts.findIndex((c) => c === '');
    if (gap >= 0) {
      errors.push({ line, message: `第 ${gap + 1} 列（${header[gap] || `第 ${gap + 1} 级`}）为空，但后面还有下级分类` });
      continue;
    }
    const bad = parts.map((p, i) => ({ i, r: segmentSchema.safeParse(p) })).find(({ r }) => !r.success);
    if (bad) {
      errors.push({ line, message: `第 ${bad.i + 1} 列（${header[bad.i] || `第 ${bad.i + 1} 级`}）：${bad.r.error!.issues[0]!.message}` });
      continue;
    }
    for (let level = 1; level <= parts.length; level++) {
      const path = parts.slice(0, level).join(CATEGORY_SEPARATOR);
      if (!nodes.has(path)) nodes.set(path, { path, name: parts[level - 1]!, level, parentPath: level > 1 ? parts.slice(0, level - 1).join(CATEGORY_SEPARATOR) : null });
    }
  }
  failOnLineErrors(errors, '分类文件');
  if (nodes.size === 0) failOnLineErrors([{ line: 2, message: '没有任何分类' }], '分类文件');
  return [...nodes.values()];
}

/** Flat rows (any order) → the tree, children in name order as the file gave them. */
export function buildTree(rows: { path: string; name: string; level: number; parentPath: string | null }[]): CategoryNode[] {
  const byPath = new Map<string, CategoryNode>();
  const sorted = [...rows].sort((a, b) => a.level - b.level);
  const roots: CategoryNode[] = [];
  for (const r of sorted) {
    const node: CategoryNode = { path: r.path, name: r.name, level: r.level, children: [] };
    byPath.set(r.path, node);
    const parent = r.parentPath ? byPath.get(r.parentPath) : undefined;
    if (parent) parent.children.push(node);
    else if (r.parentPath === null) roots.push(node);
  }
  return roots;
}
