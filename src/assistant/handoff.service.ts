/**
 * Handoff to a person: the queue, taking a session (one agent wins), agent replies and
 * closing — each an audited human decision — and callback requests outside office hours.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { assertCan } from '../auth/policy.js';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { maskName, maskText } from '../text/pii.js';
import { presentMessage, presentSession } from './chat.presenter.js';
import { ChatRepository, type SessionRow } from './chat.repository.js';
import { SESSION_NOT_FOUND, type Callback, type CallbackRequestInput, type ChatMode, type HandoffInfo, type SessionSummary } from './chat.schema.js';
import type { Clock } from './chat.service.js';
import { describeOfficeHours, isOpen, type OfficeHours } from './handoff.hours.js';
import { HandoffRepository, type CallbackRow } from './handoff.repository.js';

/**
 * Opens a 12345 work order for a callback request inside the callback's transaction and
 * returns its number (the hotline's OrderService; issue #6). Without one, the request is only
 * stored for the agents.
 */
export type CallbackOrderOpener = (trx: Kysely<DB>, request: { sessionId: string; name: string; phone: string; preferredTime: string | null; note: string | null }) => Promise<string>;

export interface HandoffSettings {
  officeHours: OfficeHours;
}

function presentCallback(row: CallbackRow): Callback {
  return {
    id: row.id,
    sessionId: row.session_id,
    name: maskName(row.name),
    phone: maskText(row.phone),
    preferredTime: row.preferred_time,
    note: row.note === null ? null : maskText(row.note),
    status: row.status as Callback['status'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Puts a bot session in the agents' queue (office hours) or offers a callback request
 * (outside them), with a system message in the transcript saying which. Runs inside the
 * caller's transaction.
 */
export async function beginHandoff(
  repo: ChatRepository,
  sessionId: string,
  reason: string,
  now: Date,
  settings: HandoffSettings,
): Promise<{ info: HandoffInfo; mode: ChatMode; seq: number }> {
  const at = now.toISOString();
  const hours = describeOfficeHours(settings.officeHours);
  const available = isOpen(settings.officeHours, now);
  const message = available
    ? '正在为您转接人工客服，请稍候。您可以继续输入问题，客服接入后会看到完整的对话记录。'
    : `现在是非工作时间（人工服务时间：${hours}）。您可以留下姓名和联系电话，工作人员会在工作时间内回电。`;
  if (available) await repo.updateSession(sessionId, { mode: 'queued', queued_at: at, handoff_reason: reason }, ['bot']);
  const [notice] = await repo.appendMessages(sessionId, [{ role: 'system', text: message, citations: '[]', producer: 'system', created_at: at }], at);
  return { info: { available, officeHours: hours, message }, mode: available ? 'queued' : 'bot', seq: notice!.seq };
}

export class HandoffService {
  private readonly chats: ChatRepository;
  private readonly repo: HandoffRepository;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      audit: AuditRecorder;
      clock: Clock;
      settings: HandoffSettings;
    },
  ) {
    this.chats = new ChatRepository(deps.db);
    this.repo = new HandoffRepository(deps.db);
  }

  private async session(id: string): Promise<SessionRow> {
    const s = await this.chats.getSession(id);
    if (!s) throw new AppError(ErrorCode.NotFound, SESSION_NOT_FOUND, { sessionId: id });
    return s;
  }

  /** The citizen asks for a person (the 转人工 button). Already queued or with an agent: nothing changes. */
  async request(sessionId: string): Promise<HandoffInfo & { sessionId: string; mode: ChatMode }> {
    const session = await this.session(sessionId);
    const hours = describeOfficeHours(this.deps.settings.officeHours);
    if (session.mode === 'closed') throw new AppError(ErrorCode.Conflict, '本次会话已结束，请重新开始对话', { sessionId });
    if (session.mode !== 'bot') {
      return { sessionId, mode: session.mode as ChatMode, available: true, officeHours: hours, message: session.mode === 'agent' ? '人工客服正在为您服务。' : '已在排队等待人工客服，请稍候。' };
    }
    const now = this.deps.clock.now();
    const h = await this.deps.db.transaction().execute((trx) => beginHandoff(this.chats.withDb(trx), sessionId, 'citizen_request', now, this.deps.settings));
    return { sessionId, mode: h.mode, ...h.info };
  }

  async queue(actor: Actor) {
    assertCan(actor, 'chat.agent');
    const queued = await this.repo.sessionsByMode('queued');
    const mine = actor.userId ? await this.repo.sessionsByMode('agent', actor.userId) : [];
    const previews = await this.repo.lastCitizenMessages([...queued, ...mine].map((s) => s.id));
    const summary = (s: SessionRow): SessionSummary => presentSession(s, previews.get(s.id) ?? null);
    return {
      queued: queued.map(summary),
      mine: mine.map(summary),
      openCallbacks: await this.repo.countCallbacks('open'),
      officeHours: describeOfficeHours(this.deps.settings.officeHours),
      open: isOpen(this.deps.settings.officeHours, this.deps.clock.now()),
    };
  }

  async transcript(actor: Actor, sessionId: string) {
    assertCan(actor, 'chat.agent');
    const session = await this.session(sessionId);
    const messages = await this.chats.messagesAfter(sessionId, 0, 10_000);
    const callbacks = await this.repo.listCallbacks({ sessionId, limit: 100 });
    const preview = [...messages].reverse().find((m) => m.role === 'citizen')?.text ?? null;
    return { session: presentSession(session, preview), messages: messages.map(presentMessage), callbacks: callbacks.map(presentCallback) };
  }

  /** Only one agent wins: the update applies only while the session is still queued. */
  async take(actor: Actor, sessionId: string, ip?: string): Promise<SessionSummary> {
    assertCan(actor, 'chat.agent');
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const chats = this.chats.withDb(trx);
      const won = await chats.updateSession(sessionId, { mode: 'agent', agent_user_id: actor.userId, agent_name: actor.name, taken_at: at }, ['queued']);
      if (!won) {
        const s = await chats.getSession(sessionId);
        if (!s) throw new AppError(ErrorCode.NotFound, SESSION_NOT_FOUND, { sessionId });
        const who = s.mode === 'agent' ? (s.agent_user_id === actor.userId ? '您已接入该会话' : '该会话已由其他坐席接入') : '该会话不在排队中';
        throw new AppError(ErrorCode.Conflict, who, { sessionId, mode: s.mode });
      }
      await chats.appendMessages(sessionId, [{ role: 'system', text: '人工客服已接入，正在为您服务。', citations: '[]', producer: 'system', created_at: at }], at);
      await this.deps.audit.record({ actor, action: 'chat.agent.take', entityType: 'chat_session', entityId: sessionId, before: { mode: 'queued' }, after: { mode: 'agent', agentUserId: actor.userId }, ip }, trx);
    });
    return presentSession((await this.chats.getSession(sessionId))!, null);
  }

  async reply(actor: Actor, sessionId: string, text: string, ip?: string) {
    assertCan(actor, 'chat.agent');
    const session = await this.session(sessionId);
    this.assertOwner(actor, session);
    const at = this.deps.clock.now().toISOString();
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const [m] = await this.chats
        .withDb(trx)
        .appendMessages(sessionId, [{ role: 'agent', text, citations: '[]', producer: `agent:${actor.name}`, author_user_id: actor.userId, created_at: at }], at);
      await this.deps.audit.record({ actor, action: 'chat.agent.reply', entityType: 'chat_session', entityId: sessionId, after: { messageId: m!.id, seq: m!.seq, text }, ip }, trx);
      return m!;
    });
    return presentMessage(row);
  }

  async close(actor: Actor, sessionId: string, reason: string | undefined, ip?: string): Promise<SessionSummary> {
    assertCan(actor, 'chat.agent');
    const session = await this.session(sessionId);
    if (session.mode === 'agent') this.assertOwner(actor, session);
    else if (session.mode !== 'queued') throw new AppError(ErrorCode.Conflict, session.mode === 'closed' ? '该会话已结束' : '该会话未转人工，无需结束', { sessionId, mode: session.mode });
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const chats = this.chats.withDb(trx);
      if (!(await chats.updateSession(sessionId, { mode: 'closed', closed_at: at }, [session.mode]))) {
        throw new AppError(ErrorCode.Conflict, '会话状态已变化，请刷新后重试', { sessionId });
      }
      await chats.appendMessages(sessionId, [{ role: 'system', text: '本次人工服务已结束，感谢您的咨询。如还有问题，可以重新向小政提问。', citations: '[]', producer: 'system', created_at: at }], at);
      await this.deps.audit.record({ actor, action: 'chat.agent.close', entityType: 'chat_session', entityId: sessionId, before: { mode: session.mode }, after: { mode: 'closed' }, reason, ip }, trx);
    });
    return presentSession((await this.chats.getSession(sessionId))!, null);
  }

  private assertOwner(actor: Actor, session: SessionRow): void {
    if (session.mode !== 'agent') throw new AppError(ErrorCode.Conflict, '请先接入该会话', { sessionId: session.id, mode: session.mode });
    if (session.agent_user_id !== actor.userId) throw new AppError(ErrorCode.Conflict, '该会话已由其他坐席接入', { sessionId: session.id });
  }

  /** A citizen leaves name and phone to be called back: stored, and a work order when the hotline opens one. */
  async createCallback(sessionId: string, input: CallbackRequestInput, openOrder?: CallbackOrderOpener): Promise<Callback> {
    await this.session(sessionId);
    const at = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.repo.withDb(trx).insertCallback({
        id: randomBytes(12).toString('base64url'),
        session_id: sessionId,
        name: input.name,
        phone: input.phone,
        preferred_time: input.preferredTime ?? null,
        note: input.note ?? null,
        status: 'open',
        created_at: at,
        updated_at: at,
        handled_by: null,
      });
      const hours = describeOfficeHours(this.deps.settings.officeHours);
      const orderId = openOrder ? await openOrder(trx, { sessionId, name: input.name, phone: input.phone, preferredTime: input.preferredTime ?? null, note: input.note ?? null }) : null;
      const order = orderId ? `工单编号 ${orderId}（可凭工单编号和电话后四位查询办理进度），` : '';
      await this.chats
        .withDb(trx)
        .appendMessages(sessionId, [{ role: 'system', text: `已收到您的回电请求（${maskText(input.phone)}），${order}工作人员会在人工服务时间（${hours}）内与您联系。`, citations: '[]', producer: 'system', created_at: at }], at);
      return presentCallback(row);
    });
  }

  async listCallbacks(actor: Actor, status: string | undefined, limit: number): Promise<Callback[]> {
    assertCan(actor, 'chat.agent');
    return (await this.repo.listCallbacks({ status, limit })).map(presentCallback);
  }

  /** The unmasked number, for the agent who calls back: an audited access to personal data. */
  async callbackContact(actor: Actor, id: string, ip?: string) {
    assertCan(actor, 'chat.agent');
    const row = await this.repo.getCallback(id);
    if (!row) throw new AppError(ErrorCode.NotFound, `未找到回电请求：${id}`, { id });
    await this.deps.audit.record({ actor, action: 'chat.callback.contact_viewed', entityType: 'callback_request', entityId: id, ip });
    return { id, name: row.name, phone: row.phone };
  }

  async updateCallback(actor: Actor, id: string, status: 'done' | 'cancelled', note: string | undefined, ip?: string): Promise<Callback> {
    assertCan(actor, 'chat.agent');
    const at = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const before = await repo.getCallback(id);
      if (!before) throw new AppError(ErrorCode.NotFound, `未找到回电请求：${id}`, { id });
      if (!(await repo.updateCallback(id, { status, updated_at: at, handled_by: actor.userId }, 'open'))) {
        throw new AppError(ErrorCode.Conflict, '该回电请求已处理', { id, status: before.status });
      }
      await this.deps.audit.record({ actor, action: 'chat.callback.update', entityType: 'callback_request', entityId: id, before: { status: before.status }, after: { status }, reason: note, ip }, trx);
      return presentCallback((await repo.getCallback(id))!);
    });
  }
}
