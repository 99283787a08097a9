/** The department tree (区政府 → 委办局 → 科室; the 12345 center) from the flat list the API returns. */
import type { Department, Id } from './api-admin.js';

export interface DepartmentNode extends Department {
  children?: DepartmentNode[];
  /** names from the root down, e.g. 青禾区人民政府 / 区人力资源和社会保障局 */
  path: string;
}

export function departmentTree(items: Department[]): DepartmentNode[] {
  const byId = new Map(items.map((d) => [String(d.id), d]));
  const children = new Map<string | null, Department[]>();
  for (const d of items) {
    // a parent that is missing from the list (not visible, or deleted) makes the node a root
    const parent = d.parentId !== null && byId.has(String(d.parentId)) ? String(d.parentId) : null;
    children.set(parent, [...(children.get(parent) ?? []), d]);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, prefix: string): DepartmentNode[] =>
    (children.get(parent) ?? [])
      .filter((d) => !seen.has(String(d.id)) && seen.add(String(d.id)))
      .sort((a, b) => (a.code ?? a.name).localeCompare(b.code ?? b.name, 'zh-CN'))
      .map((d) => {
        const path = prefix ? `${prefix} / ${d.name}` : d.name;
        const kids = build(String(d.id), path);
        return { ...d, path, ...(kids.length ? { children: kids } : {}) };
      });
  return build(null, '');
}

/** Options for antd TreeSelect: value = id, title = name. */
export interface TreeOption {
  value: Id;
  title: string;
  children?: TreeOption[];
}

/** `exclude`: a department being edited, which cannot become its own parent or descendant's child. */
export function departmentOptions(nodes: DepartmentNode[], exclude?: Id): TreeOption[] {
  return nodes
    .filter((n) => exclude === undefined || String(n.id) !== String(exclude))
    .map((n) => ({ value: n.id, title: n.name, ...(n.children ? { children: departmentOptions(n.children, exclude) } : {}) }));
}

/** id (as a string: audit actors carry ids as strings) → name */
export function departmentNames(items: Department[]): Map<string, string> {
  return new Map(items.map((d) => [String(d.id), d.name]));
}
