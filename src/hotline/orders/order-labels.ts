/**
 * Chinese names of work-order states and actions. No imports beyond types, so the web UI shows
 * the server's own table (web/src/hotline/labels.ts) instead of a copy.
 */
import type { OrderAction, OrderStatus } from './order-state.js';

export const STATUS_LABELS: Record<OrderStatus, string> = {
  received: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  handling: '办理中',
  replied: '已答复',
  visited: '已回访',
  closed: '已办结',
  returned: '已退单',
  merged: '已并单',
};

export const ACTION_LABELS: Record<OrderAction | 'accept' | 'overdue' | 'note', string> = {
  accept: '受理',
  dispatch: '派单',
  sign: '签收',
  start: '开始办理',
  reply: '答复',
  visit: '回访',
  close: '办结',
  return: '退单',
  redispatch: '改派',
  extend_request: '申请延期',
  extend_approve: '批准延期',
  extend_reject: '驳回延期',
  supervise: '督办',
  reopen: '重办',
  merge: '并单',
  answer_directly: '即时办结',
  overdue: '超期',
  note: '备注',
};
