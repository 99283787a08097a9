/** Work-order rows → API shapes; the caller's name and phone masked for readers who do not take calls. */
import type { DepartmentNode } from '../../auth/department-tree.js';
import { maskName, maskText } from '../../text/pii.js';
import type { Location } from '../intake/location.js';
import { ACTION_LABELS, STATUS_LABELS, type OrderStatus } from './order-state.js';
import type { OrderEventRow, OrderRow } from './order.repository.js';
import { actionLabel, type AttachmentMeta, type Channel, type Order, type OrderEvent, type OrderSummary, type PublicOrderStatus } from './order.schema.js';

export const parseIds = (json: string): number[] => (JSON.parse(json) as unknown[]).filter((x): x is number => typeof x === 'number');

export function presentOrder(row: OrderRow, departments: ReadonlyMap<number, DepartmentNode>, opts: { pii: boolean }): Order {
  const name = (id: number | null) => (id === null ? null : (departments.get(id)?.name ?? `部门 ${id}`));
  return {
    id: row.id,
    channel: row.channel as Channel,
    status: row.status as OrderStatus,
    statusLabel: STATUS_LABELS[row.status as OrderStatus] ?? row.status,
    type: row.order_type,
    category: row.category,
    urgency: row.urgency as Order['urgency'],
    title: row.title,
    content: row.content,
    callerName: row.caller_name === null ? null : opts.pii ? row.caller_name : maskName(row.caller_name),
    callerPhone: row.caller_phone === null ? null : opts.pii ? row.caller_phone : maskText(row.caller_phone),
    location: JSON.parse(row.location) as Location,
    divisionCode: row.division_code,
    departmentId: row.department_id,
    departmentName: name(row.department_id),
    coDepartments: parseIds(row.co_department_ids).map((id) => ({ id, name: name(id)! })),
    mergedInto: row.merged_into,
    chatSessionId: row.chat_session_id,
    attachments: (JSON.parse(row.attachments) as AttachmentMeta[]).map((a) => ({ ...a, downloadUrl: `/api/v1/hotline/orders/${encodeURIComponent(row.id)}/attachments/${a.seq}` })),
    reply: row.reply,
    repliedAt: row.replied_at,
    satisfaction: row.satisfaction,
    signDueAt: row.sign_due_at,
    dueAt: row.due_at,
    extendedDays: row.extended_days,
    superviseCount: row.supervise_count,
    reopenCount: row.reopen_count,
    overdue: row.overdue_at !== null,
    overdueAt: row.overdue_at,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

export function presentSummary(row: OrderRow, departments: ReadonlyMap<number, DepartmentNode>, opts: { pii: boolean }): Omit<OrderSummary, 'pendingExtension'> {
  const { content: _c, reply: _r, attachments: _a, location: _l, ...summary } = presentOrder(row, departments, opts);
  return summary;
}

export function presentEvent(e: OrderEventRow): OrderEvent {
  return { id: e.id, action: e.action, actionLabel: actionLabel(e.action), fromStatus: e.from_status, toStatus: e.to_status, actorName: e.actor_name, reason: e.reason, payload: JSON.parse(e.payload) as Record<string, unknown>, at: e.at };
}

/** What the citizen sees on the tracking page: no staff names, internal steps (退单, 督办, 延期, 超期) left out. */
const PUBLIC_ACTIONS = new Set(['accept', 'dispatch', 'redispatch', 'sign', 'start', 'reply', 'visit', 'close', 'reopen', 'merge', 'answer_directly']);

export function presentPublicStatus(row: OrderRow, events: OrderEventRow[], departmentName: string | null, reply: { text: string | null; at: string | null }): PublicOrderStatus {
  return {
    id: row.id,
    status: row.status as OrderStatus,
    statusLabel: STATUS_LABELS[row.status as OrderStatus] ?? row.status,
    type: row.order_type,
    title: row.title,
    callerName: row.caller_name === null ? null : maskName(row.caller_name),
    callerPhone: row.caller_phone === null ? null : maskText(row.caller_phone),
    departmentName,
    dueAt: row.due_at,
    reply: reply.text,
    repliedAt: reply.at,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    timeline: events.filter((e) => PUBLIC_ACTIONS.has(e.action)).map((e) => ({ label: (ACTION_LABELS as Record<string, string>)[e.action] ?? e.action, status: STATUS_LABELS[e.to_status as OrderStatus] ?? e.to_status, at: e.at })),
  };
}
