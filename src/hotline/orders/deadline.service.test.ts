import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_RULES, pickRule } from './deadline.service.js';
import type { DeadlineRule } from './order.schema.js';

const rule = (orderType: DeadlineRule['orderType'], categoryPrefix: string, handleDays: number): DeadlineRule => ({ orderType, categoryPrefix, handleDays, signHours: 2, returnDays: 2, maxExtensionDays: 10 });

describe('time-limit rules: the most specific wins', () => {
  const rules = [...DEFAULT_DEADLINE_RULES, rule('', '城乡建设', 7), rule('投诉', '城乡建设/住房', 5), rule('', '城乡建设/住房/物业管理', 4)];

  it('defaults: 咨询 3, 投诉 13, a type without its own rule 5 working days', () => {
    expect(pickRule(DEFAULT_DEADLINE_RULES, '咨询', null)?.handleDays).toBe(3);
    expect(pickRule(DEFAULT_DEADLINE_RULES, '投诉', '交通运输/出租车')?.handleDays).toBe(13);
    expect(pickRule(DEFAULT_DEADLINE_RULES, '表扬', null)?.handleDays).toBe(5);
  });

  it('a longer category prefix beats the type; at the same prefix the type decides', () => {
    expect(pickRule(rules, '咨询', '城乡建设/市政设施')?.handleDays).toBe(7);
    expect(pickRule(rules, '投诉', '城乡建设/住房/租赁')?.handleDays).toBe(5);
    expect(pickRule(rules, '咨询', '城乡建设/住房/租赁')?.handleDays).toBe(7);
    expect(pickRule(rules, '投诉', '城乡建设/住房/物业管理/收费')?.handleDays).toBe(4);
  });

  it('a prefix matches whole path segments only', () => {
    expect(pickRule(rules, '咨询', '城乡建设局事务')?.handleDays).toBe(3);
  });
});
