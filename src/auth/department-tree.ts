/** The department tree as data: who is below whom. Pure, so the scope rules are unit-tested. */

export const DEPARTMENT_KINDS = ['government', 'bureau', 'section', 'center'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export interface DepartmentNode {
  id: number;
  name: string;
  parentId: number | null;
  kind: DepartmentKind;
  code: string | null;
}

/** The given departments and everything below them. */
export function withDescendants(all: readonly DepartmentNode[], roots: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const d of all) {
    if (d.parentId === null) continue;
    const list = children.get(d.parentId);
    if (list) list.push(d.id);
    else children.set(d.parentId, [d.id]);
  }
  const out = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Whether making `parentId` the parent of `id` would put `id` below itself. */
export function wouldCycle(all: readonly DepartmentNode[], id: number, parentId: number | null): boolean {
  return parentId !== null && withDescendants(all, [id]).has(parentId);
}

/**
 * The department a free-text name refers to (an entry's `department` field, a CLI argument):
 * exact name first, then code. Whitespace around the text is ignored.
 */
export function findDepartment(all: readonly DepartmentNode[], text: string | null | undefined): DepartmentNode | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  return all.find((d) => d.name === t) ?? all.find((d) => d.code !== null && d.code === t);
}
