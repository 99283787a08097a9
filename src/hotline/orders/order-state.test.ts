import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.js';
import { actionsFrom, nextStatus, ORDER_ACTIONS, ORDER_STATUSES, TRANSITIONS, type OrderAction, type OrderStatus } from './order-state.js';

/** The main line of DOMAIN.md §3 in order. */
const MAIN_LINE: OrderStatus[] = ['received', 'dispatched', 'signed', 'handling', 'replied', 'visited', 'closed'];

describe('work-order state machine', () => {
  it('walks the main line one step at a time', () => {
    const path: OrderAction[] = ['dispatch', 'sign', 'start', 'reply', 'visit', 'close'];
    let s: OrderStatus = 'received';
    const seen: OrderStatus[] = [s];
    for (const a of path) seen.push((s = nextStatus(s, a)));
    expect(seen).toEqual(MAIN_LINE);
  });

  it('never moves an order forward past a state of the main line', () => {
    for (const action of ORDER_ACTIONS) {
      for (const from of TRANSITIONS[action].from) {
        const to = nextStatus(from, action);
        const i = MAIN_LINE.indexOf(from);
        const j = MAIN_LINE.indexOf(to);
        // the only forward jump allowed is 即时办结: a 咨询 answered at intake has no department to go through
        if (i >= 0 && j > i + 1) expect(action, `${from} → ${to}`).toBe('answer_directly');
      }
    }
  });

  it('refuses a skipped step naming the current state and the action', () => {
    expect(() => nextStatus('received', 'reply')).toThrow(AppError);
    expect(() => nextStatus('received', 'reply')).toThrow('工单当前状态为“已受理”，不能执行“答复”');
    expect(() => nextStatus('dispatched', 'start')).toThrow('不能执行“开始办理”');
    expect(() => nextStatus('handling', 'close')).toThrow('“办理中”');
  });

  it('side paths: 退单 then 改派, 重办 back to 派单, 延期 and 督办 keep the state', () => {
    expect(nextStatus(nextStatus('signed', 'return'), 'redispatch')).toBe('dispatched');
    expect(nextStatus('visited', 'reopen')).toBe('dispatched');
    expect(nextStatus('handling', 'extend_request')).toBe('handling');
    expect(nextStatus('handling', 'extend_approve')).toBe('handling');
    expect(nextStatus('dispatched', 'supervise')).toBe('dispatched');
    expect(nextStatus('handling', 'merge')).toBe('merged');
    expect(nextStatus('received', 'answer_directly')).toBe('closed');
    // a replied order is no longer returned: the department did the work
    expect(() => nextStatus('replied', 'return')).toThrow('不能执行“退单”');
  });

  it('closed and merged orders are final', () => {
    expect(actionsFrom('closed')).toEqual([]);
    expect(actionsFrom('merged')).toEqual([]);
    for (const s of ORDER_STATUSES.filter((x) => x !== 'closed' && x !== 'merged')) expect(actionsFrom(s).length, s).toBeGreaterThan(0);
  });
});
