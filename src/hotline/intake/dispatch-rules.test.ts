import { describe, expect, it } from 'vitest';
import { resolveRule, type DispatchRule } from './dispatch-rules.js';

const rule = (id: number, categoryPrefix: string, regionPrefix: string, priority = 0): DispatchRule => ({ id, categoryPrefix, regionPrefix, departmentId: id * 10, coDepartmentIds: [], priority, note: null });

describe('派单目录 resolution', () => {
  const rules = [rule(1, '', ''), rule(2, '城乡建设', ''), rule(3, '城乡建设/物业管理', ''), rule(4, '城乡建设/物业管理', '4401'), rule(5, '城乡建设', '440106')];

  it('prefers the deepest category, then the longest region', () => {
    expect(resolveRule(rules, '城乡建设/物业管理/物业收费', '440106006')?.id).toBe(4);
    expect(resolveRule(rules, '城乡建设/物业管理/物业收费', '110105')?.id).toBe(3);
    expect(resolveRule(rules, '城乡建设/市政设施', '440106006')?.id).toBe(5);
    expect(resolveRule(rules, '城乡建设/市政设施', null)?.id).toBe(2);
  });

  it('matches whole path segments only, and falls back to the catch-all rule', () => {
    expect(resolveRule(rules, '城乡建设局/其他', null)?.id).toBe(1);
    expect(resolveRule(rules, null, '440106')?.id).toBe(1);
    expect(resolveRule(rules.slice(1), null, null)).toBeUndefined();
  });

  it('breaks a tie of equally specific rules by priority', () => {
    expect(resolveRule([rule(7, '民政', '', 0), rule(8, '民政', '', 5)], '民政/救助', null)?.id).toBe(8);
  });
});
