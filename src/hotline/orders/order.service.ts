/**
 * Work orders (工单): intake by agents, citizens and the chat handoff (idempotent on a
 * client key), tracking by the citizen, the lists and the detail by role and department
 * scope, and the lifecycle. Every transition is a compare-and-set on version and status that
 * writes the order, its event, the audit record (a human decision with before/after/reason)
 * and its deadline timers in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ChatRepository } from '../../assistant/chat.repository.js';
import { presentMessage } from '../../assistant/chat.presenter.js';
import type { ChatMessage } from '../../assistant/chat.schema.js';
import { ANONYMOUS, type Actor } from '../../auth/actor.js';
import type { Clock } from '../../auth/clock.js';
import type { DepartmentScope } from '../../auth/department-scope.js';
import type { DepartmentNode } from '../../auth/department-tree.js';
import { assertCan, can } from '../../auth/policy.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { DB } from '../../db/database.types.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { detectFileKind, MIME } from '../../prereview/extraction/file-type.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { maskText } from '../../text/pii.js';
import { classifyType } from '../classifier/order-type.js';
import type { DeadlineService, Limits } from './deadline.service.js';
import { locate, writeOrder } from './order-intake.js';
import { planAction, UNSATISFIED_MAX, type PendingExtension } from './order-actions.js';
import { parseIds, presentEvent, presentOrder, presentPublicStatus, presentSummary } from './order.presenter.js';
import { ENDS_EXTENSION_REQUEST, OrderRepository, type OrderEventRow, type OrderRow, type OrderVisibility } from './order.repository.js';
import type { AttachmentMeta, Order, OrderActionInput, OrderCreateInput, OrderDetail, OrderListQuery, PublicOrderCreateInput } from './order.schema.js';
import { actionsFrom, nextStatus, STATUS_LABELS, TRANSITIONS, type OrderAction, type OrderStatus } from './order-state.js';

export const ORDER_RESOURCE = 'hotline.order';
const NOT_FOUND = (id: string) => new AppError(ErrorCode.NotFound, `未找到工单：${id}`, { id });
const TRACK_NOT_FOUND = '未找到该工单，请核对工单编号和来电号码后四位';

interface Meta {
  ip?: string;
}

/** The 派单目录's 主办 and 协办 for a category in a region (INTAKE's dispatch rules), if a rule applies. */
export type DispatchCatalogue = (category: string | null, divisionCode: string | null) => Promise<{ department: { id: number }; coDepartments: { id: number }[] } | undefined>;

export class OrderService {
  private readonly repo: OrderRepository;
  private readonly chats: ChatRepository;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      audit: AuditRecorder;
      scope: DepartmentScope;
      departments: () => Promise<DepartmentNode[]>;
      dispatchCatalogue: DispatchCatalogue;
      deadlines: DeadlineService;
      jobs: JobQueue;
      now: () => Date;
      /** the time orders, deadlines and timers run on; tests replace `now` */
      clock: Clock;
    },
  ) {
    this.repo = new OrderRepository(deps.db);
    this.chats = new ChatRepository(deps.db);
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  private async departmentMap(): Promise<Map<number, DepartmentNode>> {
    return new Map((await this.deps.departments()).map((d) => [d.id, d]));
  }

  private async present(actor: Actor, row: OrderRow): Promise<Order> {
    return presentOrder(row, await this.departmentMap(), { pii: can(actor, 'hotline.intake') });
  }

  // ---- intake ----

  /** An agent's intake (phone, web, app, or a chat session turned into an order). 200 instead of 201 when the key was seen. */
  async create(actor: Actor, input: OrderCreateInput, meta: Meta = {}): Promise<{ order: Order; created: boolean }> {
    assertCan(actor, 'hotline.intake');
    let { title, content } = input;
    if (input.chatSessionId) {
      if (!(await this.chats.getSession(input.chatSessionId))) throw new AppError(ErrorCode.NotFound, `未找到咨询会话：${input.chatSessionId}`, { field: 'chatSessionId' });
      if (!title || !content) {
        const asked = (await this.chats.messagesAfter(input.chatSessionId, 0, 10_000)).filter((m) => m.role === 'citizen').map((m) => m.text);
        content ||= asked.join('\n').slice(0, 10_000);
        title ||= (asked[0] ?? '').slice(0, 60);
      }
    }
    if (!title) throw new AppError(ErrorCode.ValidationFailed, '请填写标题（title）', { field: 'title' });
    if (!content) throw new AppError(ErrorCode.ValidationFailed, '请填写诉求内容（content）', { field: 'content' });
    if (input.category && (await this.repo.categoryKnown(input.category)) === false) {
      throw new AppError(ErrorCode.ValidationFailed, `类别不在分类目录中：category “${input.category}”`, { field: 'category' });
    }
    const { row, created } = await writeOrder(this.deps, actor, {
      channel: input.chatSessionId ? 'chat' : input.channel,
      type: input.type,
      category: input.category ?? null,
      urgency: input.urgency,
      title,
      content,
      callerName: input.callerName ?? null,
      callerPhone: input.callerPhone ?? null,
      location: locate(input.location, content),
      chatSessionId: input.chatSessionId ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
      suggestions: input.suggestions ?? {},
    }, meta);
    return { order: await this.present(actor, row), created };
  }

  /** The citizen's web form: no account, the type read from cue words unless chosen. */
  async createPublic(input: PublicOrderCreateInput, meta: Meta = {}): Promise<{ id: string; trackingCode: string; message: string; created: boolean }> {
    const { row, created } = await writeOrder(this.deps, ANONYMOUS, {
      channel: 'web',
      type: input.type ?? classifyType(input.title, input.content),
      category: null,
      urgency: 'normal',
      title: input.title,
      content: input.content,
      callerName: input.callerName,
      callerPhone: input.callerPhone,
      location: locate(input.location, input.content),
      chatSessionId: null,
      idempotencyKey: input.idempotencyKey ?? null,
      suggestions: {},
    }, meta);
    return { id: row.id, trackingCode: row.id, message: `您的诉求已受理，工单编号 ${row.id}。请凭工单编号和联系电话后四位查询办理进度。`, created };
  }

  /**
   * A callback request left in the chat (outside office hours) becomes an order of channel
   * 'chat' inside the callback's transaction; the transcript stays in the chat tables and is
   * shown with the order. Returns the order number the citizen is told.
   */
  async openFromChatCallback(trx: Kysely<DB>, req: { sessionId: string; name: string; phone: string; preferredTime: string | null; note: string | null }, meta: Meta = {}): Promise<string> {
    const asked = (await this.chats.withDb(trx).messagesAfter(req.sessionId, 0, 10_000)).filter((m) => m.role === 'citizen').map((m) => m.text);
    const title = (asked[0] ?? req.note ?? '咨询会话回电请求').slice(0, 60);
    const content = [...asked, ...(req.note ? [`备注：${req.note}`] : []), ...(req.preferredTime ? [`方便联系的时间：${req.preferredTime}`] : [])].join('\n').slice(0, 10_000) || '群众在咨询会话中留下回电请求。';
    const { row } = await writeOrder(this.deps, 
      ANONYMOUS,
      { channel: 'chat', type: classifyType(title, content), category: null, urgency: 'normal', title, content, callerName: req.name, callerPhone: req.phone, location: locate(undefined, content), chatSessionId: req.sessionId, idempotencyKey: null, suggestions: {} },
      meta,
      trx,
    );
    return row.id;
  }

  /** The citizen's tracking page: order number + the last 4 digits of the phone given. */
  async track(id: string, phoneLast4: string) {
    const row = await this.repo.byId(id);
    if (!row?.caller_phone || !row.caller_phone.endsWith(phoneLast4)) throw new AppError(ErrorCode.NotFound, TRACK_NOT_FOUND);
    // a merged order is answered through the order it went into
    const answering = row.merged_into ? ((await this.repo.byId(row.merged_into)) ?? row) : row;
    const departments = await this.departmentMap();
    const dept = answering.department_id === null ? null : (departments.get(answering.department_id)?.name ?? null);
    return presentPublicStatus(row, await this.repo.events(id), dept, { text: answering.reply, at: answering.replied_at });
  }

  // ---- reading ----

  /** Agents and the center see every order; a department's handlers those of their scope (主办 or 协办). */
  private async readScope(actor: Actor): Promise<OrderVisibility> {
    if (can(actor, 'hotline.intake') || can(actor, 'hotline.supervise') || can(actor, 'hotline.stats')) return 'all';
    assertCan(actor, 'hotline.handle');
    return this.deps.scope.visibleDepartmentIds(actor, ORDER_RESOURCE);
  }

  private inScope(visible: OrderVisibility, row: OrderRow): boolean {
    if (visible === 'all') return true;
    return (row.department_id !== null && visible.has(row.department_id)) || parseIds(row.co_department_ids).some((id) => visible.has(id));
  }

  private async visibleOrder(actor: Actor, id: string): Promise<OrderRow> {
    const visible = await this.readScope(actor);
    const row = await this.repo.byId(id);
    // outside the scope the order does not exist for the reader
    if (!row || !this.inScope(visible, row)) throw NOT_FOUND(id);
    return row;
  }

  async list(actor: Actor, q: OrderListQuery) {
    const visible = await this.readScope(actor);
    const { rows, total } = await this.repo.list(q, visible);
    const departments = await this.departmentMap();
    const pii = can(actor, 'hotline.intake');
    const events = await this.repo.extensionEvents(rows.map((r) => r.id));
    return { items: rows.map((r) => ({ ...presentSummary(r, departments, { pii }), pendingExtension: pendingExtension(events.get(r.id) ?? []) })), total };
  }

  async detail(actor: Actor, id: string): Promise<OrderDetail> {
    const row = await this.visibleOrder(actor, id);
    const events = await this.repo.events(id);
    const pending = pendingExtension(events);
    const limits = await this.deps.deadlines.limitsFor(row.order_type, row.category);
    const own = await this.deps.scope.ownDepartmentIds(actor);
    const detail: OrderDetail = {
      order: await this.present(actor, row),
      events: events.map(presentEvent),
      allowedActions: this.allowedActions(actor, row, own, pending, this.returnOpen(events, limits)),
      pendingExtension: pending,
      limits,
    };
    if (row.chat_session_id) detail.transcript = await this.transcript(actor, row.chat_session_id);
    return detail;
  }

  private async transcript(actor: Actor, sessionId: string): Promise<ChatMessage[]> {
    const messages = (await this.chats.messagesAfter(sessionId, 0, 10_000)).map(presentMessage);
    // the citizen may have typed a number or an ID: in full only for those who take calls
    return can(actor, 'hotline.intake') ? messages : messages.map((m) => ({ ...m, text: maskText(m.text) }));
  }

  /** Whether the department may still return (退单) the order: within returnDays of the last dispatch. */
  private returnOpen(events: readonly OrderEventRow[], limits: Limits): boolean {
    const dispatchedAt = lastDispatchAt(events);
    return !dispatchedAt || this.deps.now().toISOString() <= this.deps.deadlines.returnDeadline(dispatchedAt, limits);
  }

  private allowedActions(actor: Actor, row: OrderRow, own: OrderVisibility, pending: PendingExtension | null, returnOpen: boolean): OrderAction[] {
    return actionsFrom(row.status as OrderStatus).filter((a) => {
      const t = TRANSITIONS[a];
      if (!can(actor, t.permission)) return false;
      if (t.byDepartment && !this.inScope(own, row)) return false;
      if (a === 'return' && (!returnOpen || !(own === 'all' || (row.department_id !== null && own.has(row.department_id))))) return false;
      if (a === 'extend_request') return !pending && !(row.due_at && this.deps.now().toISOString() >= row.due_at);
      if (a === 'extend_approve' || a === 'extend_reject') return pending !== null;
      if (a === 'answer_directly') return row.order_type === '咨询';
      if (a === 'reopen') return (row.satisfaction ?? 5) <= UNSATISFIED_MAX;
      return true;
    });
  }

  // ---- attachments ----

  /**
   * Files added to an order (a photo of the place, the department's written reply): by the
   * center, or by a department the order was sent to. Each file is checked by its first bytes;
   * the content goes to the database so every server process can serve it.
   */
  async attach(actor: Actor, id: string, files: { name: string; data: Buffer }[], meta: Meta = {}): Promise<Order> {
    const row = await this.visibleOrder(actor, id);
    if (!can(actor, 'hotline.intake')) {
      assertCan(actor, 'hotline.handle');
      if (!this.inScope(await this.deps.scope.ownDepartmentIds(actor), row)) throw new AppError(ErrorCode.Forbidden, '该工单不是派给本单位（主办或协办）的，不能添加附件');
    }
    if (row.status === 'closed' || row.status === 'merged') throw new AppError(ErrorCode.Conflict, `工单当前状态为“${STATUS_LABELS[row.status as OrderStatus]}”，不能再添加附件`);
    if (files.length === 0) throw new AppError(ErrorCode.ValidationFailed, '请至少选择一个附件文件（files）', { field: 'files' });
    const checked = files.map((f) => {
      if (f.data.length === 0) throw new AppError(ErrorCode.ValidationFailed, `附件“${f.name}”是空的`, { field: 'files', file: f.name });
      const kind = detectFileKind(f.data);
      if (!kind) throw new AppError(ErrorCode.ValidationFailed, `附件“${f.name}”的格式不受支持：只接受 PDF、Word（DOCX）、JPG、PNG 文件（按文件内容判断）`, { field: 'files', file: f.name });
      return { ...f, mime: MIME[kind], sha256: createHash('sha256').update(f.data).digest('hex') };
    });
    const at = this.deps.now().toISOString();
    const updated = await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const current = (await repo.byId(id))!;
      const list = JSON.parse(current.attachments) as AttachmentMeta[];
      const added: AttachmentMeta[] = [];
      for (const f of checked) {
        const seq = list.length + added.length + 1;
        await trx.insertInto('hotline_attachments').values({ order_id: id, seq, name: f.name, mime: f.mime, size: f.data.length, sha256: f.sha256, content: f.data, created_at: at }).execute();
        added.push({ seq, name: f.name, mime: f.mime, size: f.data.length, sha256: f.sha256 });
      }
      // compare-and-set on the list's version: two uploads at once cannot both take the same numbers
      if (!(await repo.update(id, { version: current.version, status: current.status }, { attachments: JSON.stringify([...list, ...added]), version: current.version + 1, updated_at: at }))) throw staleVersion(current.version);
      await repo.insertEvent({ order_id: id, action: 'note', from_status: current.status, to_status: current.status, actor_user_id: actor.userId === null ? null : Number(actor.userId), actor_name: actor.name, reason: null, payload: JSON.stringify({ attachments: added.map((a) => a.name) }), at });
      await this.deps.audit.record({ actor, action: 'hotline.order.attach', entityType: 'hotline_order', entityId: id, after: { attachments: added }, ip: meta.ip }, trx);
      return (await repo.byId(id))!;
    });
    return this.present(actor, updated);
  }

  async attachment(actor: Actor, id: string, seq: number): Promise<{ name: string; mime: string; content: Buffer }> {
    await this.visibleOrder(actor, id);
    const f = await this.deps.db.selectFrom('hotline_attachments').select(['name', 'mime', 'content']).where('order_id', '=', id).where('seq', '=', seq).executeTakeFirst();
    if (!f) throw new AppError(ErrorCode.NotFound, `未找到附件：${id} 第 ${seq} 个`);
    return { name: f.name, mime: f.mime, content: Buffer.from(f.content) };
  }

  // ---- the lifecycle ----

  async act(actor: Actor, id: string, input: OrderActionInput, meta: Meta = {}): Promise<Order> {
    const t = TRANSITIONS[input.action];
    assertCan(actor, t.permission);
    const row = await this.visibleOrder(actor, id);
    if (t.byDepartment) {
      const own = await this.deps.scope.ownDepartmentIds(actor);
      if (!this.inScope(own, row)) throw new AppError(ErrorCode.Forbidden, '该工单不是派给本单位（主办或协办）的，不能办理');
      if (input.action === 'return' && own !== 'all' && (row.department_id === null || !own.has(row.department_id))) throw new AppError(ErrorCode.Forbidden, '只有主办单位可以退单，协办单位请与主办单位联系');
    }
    const to = nextStatus(row.status as OrderStatus, input.action);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) throw staleVersion(row.version);

    const events = await this.repo.events(id);
    const limits = await this.deps.deadlines.limitsFor(row.order_type, row.category);
    const target = input.action === 'merge' && input.intoOrderId ? await this.repo.byId(input.intoOrderId) : undefined;
    const now = this.deps.now();
    if ((input.action === 'dispatch' || input.action === 'redispatch') && input.departmentId === undefined) {
      const rule = await this.deps.dispatchCatalogue(row.category, row.division_code);
      if (rule) input = { ...input, departmentId: rule.department.id, coDepartmentIds: input.coDepartmentIds ?? rule.coDepartments.map((d) => d.id) };
    }
    const plan = planAction({
      row,
      input,
      now,
      limits,
      deadlines: this.deps.deadlines,
      departments: await this.departmentMap(),
      pendingExtension: pendingExtension(events),
      dispatchedAt: lastDispatchAt(events),
      target,
    });
    const at = now.toISOString();
    const actorUserId = actor.userId === null ? null : Number(actor.userId);
    const updated = await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      if (!(await repo.update(id, { version: row.version, status: row.status }, { ...plan.patch, status: to, version: row.version + 1, updated_at: at }))) {
        const now2 = await repo.byId(id);
        throw staleVersion(now2?.version ?? row.version);
      }
      await repo.insertEvent({ order_id: id, action: input.action, from_status: row.status, to_status: to, actor_user_id: actorUserId, actor_name: actor.name, reason: input.reason ?? null, payload: JSON.stringify(plan.payload), at });
      if (input.action === 'merge' && target) {
        await repo.insertEvent({ order_id: target.id, action: 'note', from_status: target.status, to_status: target.status, actor_user_id: actorUserId, actor_name: actor.name, reason: input.reason ?? null, payload: JSON.stringify({ mergedFrom: id }), at });
      }
      for (const key of plan.cancel) await this.deps.jobs.cancel(key, trx);
      for (const job of plan.enqueue) await this.deps.jobs.enqueue(job, trx);
      await this.deps.audit.record(
        {
          actor,
          action: `hotline.order.${input.action}`,
          entityType: 'hotline_order',
          entityId: id,
          before: { status: row.status, version: row.version, ...pick(row, plan.patch) },
          after: { status: to, version: row.version + 1, ...plan.payload, ...(input.reply ? { reply: input.reply } : {}) },
          reason: input.reason,
          ip: meta.ip,
        },
        trx,
      );
      return (await repo.byId(id))!;
    });
    return this.present(actor, updated);
  }
}

function staleVersion(current: number): AppError {
  return new AppError(ErrorCode.Conflict, `工单已被他人更新（当前版本 ${current}），请刷新后再操作`, { field: 'expectedVersion', version: current });
}

/** The columns a patch changes, as they were before (the audit record's "before"). */
function pick(row: OrderRow, patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, row[k as keyof OrderRow]]));
}


/** When the order was last dispatched (派单, 改派 or 重办): the return window starts there. */
function lastDispatchAt(events: readonly OrderEventRow[]): string | null {
  return [...events].reverse().find((e) => e.action === 'dispatch' || e.action === 'redispatch' || e.action === 'reopen')?.at ?? null;
}

/** The last extension request not yet approved or rejected. */
export function pendingExtension(events: readonly OrderEventRow[]): PendingExtension | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if ((ENDS_EXTENSION_REQUEST as readonly string[]).includes(e.action)) return null;
    if (e.action === 'extend_request') return { days: Number((JSON.parse(e.payload) as { days: number }).days), reason: e.reason, requestedBy: e.actor_name, requestedAt: e.at };
  }
  return null;
}
