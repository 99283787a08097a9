import { describe, expect, it } from 'vitest';
import { findDepartment, withDescendants, wouldCycle, type DepartmentNode } from './department-tree.js';

const tree: DepartmentNode[] = [
  { id: 1, name: '云州市青禾区人民政府', parentId: null, kind: 'government', code: 'qh' },
  { id: 2, name: '青禾区民政局', parentId: 1, kind: 'bureau', code: 'qh-mz' },
  { id: 3, name: '青禾区民政局社会救助科', parentId: 2, kind: 'section', code: null },
  { id: 4, name: '青禾区医疗保障局', parentId: 1, kind: 'bureau', code: 'qh-yb' },
  { id: 5, name: '青禾区12345政务服务便民热线中心', parentId: 1, kind: 'center', code: '12345' },
];

describe('department tree', () => {
  it('a department sees itself and everything below it, not its siblings or parent', () => {
    expect([...withDescendants(tree, [2])].sort()).toEqual([2, 3]);
    expect([...withDescendants(tree, [3])]).toEqual([3]);
    expect(withDescendants(tree, [1]).size).toBe(5);
    expect([...withDescendants(tree, [2, 4])].sort()).toEqual([2, 3, 4]);
  });

  it('refuses to move a department below itself', () => {
    expect(wouldCycle(tree, 2, 3)).toBe(true);
    expect(wouldCycle(tree, 2, 2)).toBe(true);
    expect(wouldCycle(tree, 3, 4)).toBe(false);
    expect(wouldCycle(tree, 1, null)).toBe(false);
  });

  it('finds a department by exact name, then by code', () => {
    expect(findDepartment(tree, ' 青禾区民政局 ')?.id).toBe(2);
    expect(findDepartment(tree, 'qh-yb')?.id).toBe(4);
    expect(findDepartment(tree, '青禾区民政')).toBeUndefined();
    expect(findDepartment(tree, '')).toBeUndefined();
    expect(findDepartment(tree, null)).toBeUndefined();
  });
});
