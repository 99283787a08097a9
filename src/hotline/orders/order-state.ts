/**
 * The work-order lifecycle (DOMAIN.md §3, contract-hotline.md) as data: which action moves an
 * order from which state to which, and who may take it. Every path goes 受理 → 派单 → 签收 →
 * 办理 → 答复 → 回访 → 办结 one step at a time; the side paths (退单/改派, 延期, 督办, 重办,
 * 并单, 即时办结) are listed here too, so no caller can invent a jump.
 */
import type { Permission } from '../../auth/policy.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { ACTION_LABELS, STATUS_LABELS } from './order-labels.js';

export { ACTION_LABELS, STATUS_LABELS } from './order-labels.js';

export const ORDER_STATUSES = ['received', 'dispatched', 'signed', 'handling', 'replied', 'visited', 'closed', 'returned', 'merged'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];


export const ORDER_ACTIONS = ['dispatch', 'sign', 'start', 'reply', 'visit', 'close', 'return', 'redispatch', 'extend_request', 'extend_approve', 'extend_reject', 'supervise', 'reopen', 'merge', 'answer_directly'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];


/** States in which the order is still being worked on (a deadline can run out, it can be merged into). */
export const OPEN_STATUSES: readonly OrderStatus[] = ['received', 'dispatched', 'signed', 'handling', 'returned'];

interface Transition {
  from: readonly OrderStatus[];
  /** 'same': the action records a decision without moving the order (延期, 督办) */
  to: OrderStatus | 'same';
  permission: Permission;
  /** department actions need the order's 主办 or 协办 department in the actor's own scope */
  byDepartment: boolean;
}

export const TRANSITIONS: Record<OrderAction, Transition> = {
  dispatch: { from: ['received'], to: 'dispatched', permission: 'hotline.intake', byDepartment: false },
  sign: { from: ['dispatched'], to: 'signed', permission: 'hotline.handle', byDepartment: true },
  start: { from: ['signed'], to: 'handling', permission: 'hotline.handle', byDepartment: true },
  reply: { from: ['handling'], to: 'replied', permission: 'hotline.handle', byDepartment: true },
  visit: { from: ['replied'], to: 'visited', permission: 'hotline.intake', byDepartment: false },
  close: { from: ['visited'], to: 'closed', permission: 'hotline.intake', byDepartment: false },
  return: { from: ['dispatched', 'signed'], to: 'returned', permission: 'hotline.handle', byDepartment: true },
  redispatch: { from: ['returned'], to: 'dispatched', permission: 'hotline.intake', byDepartment: false },
  extend_request: { from: ['signed', 'handling'], to: 'same', permission: 'hotline.handle', byDepartment: true },
  extend_approve: { from: ['signed', 'handling'], to: 'same', permission: 'hotline.supervise', byDepartment: false },
  extend_reject: { from: ['signed', 'handling'], to: 'same', permission: 'hotline.supervise', byDepartment: false },
  supervise: { from: ['dispatched', 'signed', 'handling', 'returned'], to: 'same', permission: 'hotline.supervise', byDepartment: false },
  reopen: { from: ['visited'], to: 'dispatched', permission: 'hotline.supervise', byDepartment: false },
  merge: { from: ['received', 'dispatched', 'signed', 'handling', 'returned'], to: 'merged', permission: 'hotline.intake', byDepartment: false },
  answer_directly: { from: ['received'], to: 'closed', permission: 'hotline.intake', byDepartment: false },
};

/** The state an action leads to from `status`, or a 409 naming the current state and the action. */
export function nextStatus(status: OrderStatus, action: OrderAction): OrderStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    const allowed = t.from.map((s) => `“${STATUS_LABELS[s]}”`).join('、');
    throw new AppError(ErrorCode.Conflict, `工单当前状态为“${STATUS_LABELS[status]}”，不能执行“${ACTION_LABELS[action]}”（仅限${allowed}的工单）`, { status, action });
  }
  return t.to === 'same' ? status : t.to;
}

/** Actions the lifecycle allows from a state, before asking who acts. */
export function actionsFrom(status: OrderStatus): OrderAction[] {
  return ORDER_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}
