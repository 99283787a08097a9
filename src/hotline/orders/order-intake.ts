/**
 * Writing a new work order, whoever took the request (agent, citizen form, chat callback):
 * the order number, the place read from the text, and the idempotent insert with its
 * 'accept' event and audit record.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { DB } from '../../db/database.types.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { extractLocation, type Location } from '../intake/location.js';
import { OrderRepository, type OrderRow } from './order.repository.js';
import type { Channel } from './order.schema.js';
import { shanghaiDay } from './working-days.js';

/** Everything intake writes, whoever took the request. */
export interface NewOrder {
  channel: Channel;
  type: string;
  category: string | null;
  urgency: string;
  title: string;
  content: string;
  callerName: string | null;
  callerPhone: string | null;
  location: Location;
  chatSessionId: string | null;
  idempotencyKey: string | null;
  suggestions: Record<string, unknown>;
}

/** A unique index said no: another process inserted the same key (or order number) first. */
function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** GD + the Shanghai date + 8 random digits: not guessable from a neighbour's number. */
function newOrderNumber(now: Date): string {
  return `GD${shanghaiDay(now).replace(/-/g, '')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** The place: what the client gave wins; what it left out is read from the text. */
export function locate(given: Location | undefined, content: string): Location {
  if (given?.divisionCode) return given;
  const extracted = extractLocation([given?.address, content].filter(Boolean).join('\n'));
  return { ...extracted, ...Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined && v !== '')) };
}

/**
 * Writes a new order with its 'accept' event and audit record. With an idempotency key, a
 * retry (even one racing the first attempt in another process) returns the order already
 * written; the same key with other content is refused.
 */
export async function writeOrder(deps: { db: Kysely<DB>; audit: AuditRecorder; now: () => Date }, actor: Actor, o: NewOrder, meta: { ip?: string } = {}, trx?: Kysely<DB>): Promise<{ row: OrderRow; created: boolean }> {
  const attempt = async (db: Kysely<DB>): Promise<{ row: OrderRow; created: boolean }> => {
    const repo = new OrderRepository(db);
    if (o.idempotencyKey) {
      const seen = await repo.byIdempotencyKey(o.idempotencyKey);
      if (seen) {
        if (seen.title !== o.title || seen.content !== o.content) throw new AppError(ErrorCode.Conflict, `idempotencyKey 已用于另一工单（${seen.id}），请为新的诉求生成新的 idempotencyKey`, { field: 'idempotencyKey' });
        return { row: seen, created: false };
      }
    }
    const now = deps.now().toISOString();
    const row: OrderRow = {
      id: newOrderNumber(deps.now()),
      channel: o.channel,
      status: 'received',
      order_type: o.type,
      category: o.category,
      urgency: o.urgency,
      title: o.title,
      content: o.content,
      caller_name: o.callerName,
      caller_phone: o.callerPhone,
      location: JSON.stringify(o.location),
      division_code: o.location.divisionCode ?? null,
      department_id: null,
      co_department_ids: '[]',
      merged_into: null,
      chat_session_id: o.chatSessionId,
      attachments: '[]',
      suggestions: JSON.stringify(o.suggestions),
      reply: null,
      replied_at: null,
      satisfaction: null,
      sign_due_at: null,
      due_at: null,
      extended_days: 0,
      supervise_count: 0,
      reopen_count: 0,
      overdue_at: null,
      idempotency_key: o.idempotencyKey,
      version: 1,
      created_by: actor.name,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    await repo.insert(row);
    await repo.insertEvent({ order_id: row.id, action: 'accept', from_status: '', to_status: 'received', actor_user_id: actor.userId === null ? null : Number(actor.userId), actor_name: actor.name, reason: null, payload: JSON.stringify({ channel: o.channel }), at: now });
    await deps.audit.record(
      { actor, action: 'hotline.order.create', entityType: 'hotline_order', entityId: row.id, after: { status: 'received', channel: o.channel, type: o.type, category: o.category, urgency: o.urgency, title: o.title, chatSessionId: o.chatSessionId }, ip: meta.ip },
      db,
    );
    return { row, created: true };
  };
  if (trx) return attempt(trx);
  for (let i = 0; ; i++) {
    try {
      return await deps.db.transaction().execute(attempt);
    } catch (err) {
      // a concurrent retry with the same key, or (rarely) the same random number: the next round sees it
      if (i < 4 && isUniqueViolation(err)) continue;
      throw err;
    }
  }
}
