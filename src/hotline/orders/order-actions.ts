/**
 * What each lifecycle action changes on an order, given everything already read: the field
 * checks (a Chinese message naming the field), the new columns, the event's payload and the
 * deadline timers to schedule or cancel. Pure, so the service runs it inside its transaction
 * and the rules can be read in one place.
 */
import type { Updateable } from 'kysely';
import type { DepartmentNode } from '../../auth/department-tree.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import type { EnqueueInput } from '../../jobs/job-queue.js';
import type { HotlineOrdersTable } from '../hotline.tables.js';
import type { DeadlineService, Limits } from './deadline.service.js';
import { OPEN_STATUSES, type OrderStatus } from './order-state.js';
import type { OrderRow } from './order.repository.js';
import type { OrderActionInput } from './order.schema.js';

export const SIGN_DUE_JOB = 'hotline.sign_due';
export const REPLY_DUE_JOB = 'hotline.due';
export const signDueKey = (id: string, at: string) => `${SIGN_DUE_JOB}:${id}:${at}`;
export const replyDueKey = (id: string, at: string) => `${REPLY_DUE_JOB}:${id}:${at}`;

/** Satisfaction at or below this after a call-back counts as 不满意 (重办 possible, 办结 needs a reason). */
export const UNSATISFIED_MAX = 2;

export interface PendingExtension {
  days: number;
  reason: string | null;
  requestedBy: string;
  requestedAt: string;
}

export interface ActionFacts {
  row: OrderRow;
  input: OrderActionInput;
  now: Date;
  limits: Limits;
  deadlines: DeadlineService;
  departments: ReadonlyMap<number, DepartmentNode>;
  pendingExtension: PendingExtension | null;
  /** when the order was last dispatched (派单, 改派 or 重办) */
  dispatchedAt: string | null;
  /** merge: the order it goes into */
  target?: OrderRow;
}

export interface ActionPlan {
  patch: Updateable<HotlineOrdersTable>;
  payload: Record<string, unknown>;
  cancel: string[];
  enqueue: EnqueueInput[];
}

const invalid = (field: string, message: string) => new AppError(ErrorCode.ValidationFailed, message, { field });
const conflict = (message: string, details?: unknown) => new AppError(ErrorCode.Conflict, message, details);

function need<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) throw invalid(field, message);
  return value;
}

/** Timers of the current deadlines, cancelled when new ones replace them. */
function currentTimers(row: OrderRow): string[] {
  return [...(row.sign_due_at ? [signDueKey(row.id, row.sign_due_at)] : []), ...(row.due_at ? [replyDueKey(row.id, row.due_at)] : [])];
}

function dispatchPlan(f: ActionFacts, departmentId: number): ActionPlan {
  if (!f.departments.has(departmentId)) throw invalid('departmentId', `主办单位不存在：departmentId ${departmentId}`);
  const co = [...new Set(f.input.coDepartmentIds ?? [])].filter((id) => id !== departmentId);
  for (const id of co) if (!f.departments.has(id)) throw invalid('coDepartmentIds', `协办单位不存在：coDepartmentIds 中的 ${id}`);
  const { signDueAt, dueAt } = f.deadlines.dispatchDeadlines(f.now, f.limits);
  return {
    patch: { department_id: departmentId, co_department_ids: JSON.stringify(co), sign_due_at: signDueAt, due_at: dueAt, extended_days: 0, overdue_at: null },
    payload: { departmentId, departmentName: f.departments.get(departmentId)!.name, coDepartmentIds: co, signDueAt, dueAt, limits: f.limits },
    cancel: currentTimers(f.row),
    enqueue: [
      { kind: SIGN_DUE_JOB, payload: { orderId: f.row.id, dueAt: signDueAt }, runAt: new Date(signDueAt), dedupeKey: signDueKey(f.row.id, signDueAt) },
      { kind: REPLY_DUE_JOB, payload: { orderId: f.row.id, dueAt }, runAt: new Date(dueAt), dedupeKey: replyDueKey(f.row.id, dueAt) },
    ],
  };
}

const nothing = (payload: Record<string, unknown> = {}): ActionPlan => ({ patch: {}, payload, cancel: [], enqueue: [] });

export function planAction(f: ActionFacts): ActionPlan {
  const { row, input, now } = f;
  const at = now.toISOString();
  switch (input.action) {
    case 'dispatch':
      return dispatchPlan(f, need(input.departmentId, 'departmentId', '派单须选择主办单位（departmentId）：派单目录中没有适用于该类别和区域的规则'));
    case 'redispatch':
      need(input.reason, 'reason', '改派须填写理由（reason）');
      return dispatchPlan(f, need(input.departmentId, 'departmentId', '改派须选择新的主办单位（departmentId）'));
    case 'sign':
    case 'start':
      return nothing();
    case 'reply': {
      const reply = need(input.reply, 'reply', '请填写答复内容（reply）');
      return { ...nothing(), patch: { reply, replied_at: at } };
    }
    case 'visit': {
      const satisfaction = need(input.satisfaction, 'satisfaction', '请填写回访满意度（satisfaction，1–5）');
      return { ...nothing({ satisfaction }), patch: { satisfaction } };
    }
    case 'close':
      if ((row.satisfaction ?? 5) <= UNSATISFIED_MAX && !input.reason) throw invalid('reason', '回访不满意的工单办结须填写理由（reason），或由中心决定重办');
      return { ...nothing(), patch: { closed_at: at } };
    case 'return': {
      need(input.reason, 'reason', '退单须填写理由（reason），说明不属于本单位职责的依据');
      const until = f.dispatchedAt ? f.deadlines.returnDeadline(f.dispatchedAt, f.limits) : null;
      if (until && at > until) throw conflict(`已超过退单期限（派单后 ${f.limits.returnDays} 个工作日内，截至 ${until}），请办理或申请延期`, { returnDueAt: until });
      // the deadlines belonged to the department that gave the order back
      return { patch: { sign_due_at: null, due_at: null }, payload: { departmentId: row.department_id }, cancel: currentTimers(row), enqueue: [] };
    }
    case 'extend_request': {
      const days = need(input.days, 'days', '申请延期须填写延期天数（days，工作日）');
      need(input.reason, 'reason', '申请延期须填写理由（reason）');
      if (f.pendingExtension) throw conflict('该工单已有待审批的延期申请，请等待中心审批');
      // an extension is asked for while there is time left; past the deadline the center supervises (督办)
      if (row.due_at && at >= row.due_at) throw conflict(`办理期限（${row.due_at}）已过，不能再申请延期，请尽快答复`, { dueAt: row.due_at });
      if (row.extended_days + days > f.limits.maxExtensionDays) throw invalid('days', `延期累计不能超过 ${f.limits.maxExtensionDays} 个工作日（已延期 ${row.extended_days} 个工作日）`);
      return nothing({ days });
    }
    case 'extend_approve': {
      const pending = f.pendingExtension;
      if (!pending) throw conflict('该工单没有待审批的延期申请');
      const days = input.days ?? pending.days;
      if (days > pending.days) throw invalid('days', `批准的延期天数不能超过申请的 ${pending.days} 个工作日`);
      if (row.extended_days + days > f.limits.maxExtensionDays) throw invalid('days', `延期累计不能超过 ${f.limits.maxExtensionDays} 个工作日（已延期 ${row.extended_days} 个工作日）`);
      if (!row.due_at) throw conflict('该工单没有办理期限，不能延期');
      const dueAt = f.deadlines.extendDue(row.due_at, days);
      return {
        patch: { due_at: dueAt, extended_days: row.extended_days + days },
        payload: { days, requestedDays: pending.days, previousDueAt: row.due_at, dueAt },
        cancel: [replyDueKey(row.id, row.due_at)],
        enqueue: [{ kind: REPLY_DUE_JOB, payload: { orderId: row.id, dueAt }, runAt: new Date(dueAt), dedupeKey: replyDueKey(row.id, dueAt) }],
      };
    }
    case 'extend_reject':
      if (!f.pendingExtension) throw conflict('该工单没有待审批的延期申请');
      need(input.reason, 'reason', '驳回延期须填写理由（reason）');
      return nothing({ requestedDays: f.pendingExtension.days });
    case 'supervise':
      need(input.reason, 'reason', '督办须填写督办意见（reason）');
      return { ...nothing({ count: row.supervise_count + 1 }), patch: { supervise_count: row.supervise_count + 1 } };
    case 'reopen': {
      if ((row.satisfaction ?? 5) > UNSATISFIED_MAX) throw conflict(`回访满意度为 ${row.satisfaction ?? '未评价'}，只有回访不满意（${UNSATISFIED_MAX} 分及以下）的工单可以重办`);
      need(input.reason, 'reason', '重办须填写理由（reason）');
      const plan = dispatchPlan(f, input.departmentId ?? need(row.department_id ?? undefined, 'departmentId', '重办须选择主办单位（departmentId）'));
      return {
        ...plan,
        patch: { ...plan.patch, reopen_count: row.reopen_count + 1, reply: null, replied_at: null, satisfaction: null },
        payload: { ...plan.payload, previousReply: row.reply, previousSatisfaction: row.satisfaction },
      };
    }
    case 'merge': {
      const into = need(input.intoOrderId, 'intoOrderId', '并单须指定并入的工单编号（intoOrderId）');
      if (into === row.id) throw invalid('intoOrderId', '工单不能并入自身');
      const target = f.target;
      if (!target) throw invalid('intoOrderId', `未找到并入的工单：${into}`);
      if (!OPEN_STATUSES.includes(target.status as OrderStatus)) throw conflict(`工单 ${into} 已办结或已并单，不能再并入`);
      return { patch: { merged_into: into, closed_at: at }, payload: { intoOrderId: into }, cancel: currentTimers(row), enqueue: [] };
    }
    case 'answer_directly': {
      if (row.order_type !== '咨询') throw conflict(`只有咨询类工单可以即时办结，该工单为“${row.order_type}”，请派单`);
      const reply = need(input.reply, 'reply', '即时办结须填写答复内容（reply）');
      return { ...nothing(), patch: { reply, replied_at: at, closed_at: at } };
    }
  }
}
