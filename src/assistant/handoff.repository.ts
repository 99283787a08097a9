/** SQL for the agent queue and callback requests, through Kysely only. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { CallbackRequestsTable } from './assistant.tables.js';
import type { SessionRow } from './chat.repository.js';

export type CallbackRow = Selectable<CallbackRequestsTable>;

export class HandoffRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): HandoffRepository {
    return new HandoffRepository(db);
  }

  async sessionsByMode(mode: string, agentUserId?: string): Promise<SessionRow[]> {
    let q = this.db.selectFrom('chat_sessions').selectAll().where('mode', '=', mode);
    if (agentUserId !== undefined) q = q.where('agent_user_id', '=', agentUserId);
    return q.orderBy('queued_at').orderBy('created_at').limit(500).execute();
  }

  /** The last citizen message of each session, for the queue's preview. */
  async lastCitizenMessages(sessionIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (sessionIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('chat_messages as m')
      .select(['m.session_id', 'm.text'])
      .where('m.session_id', 'in', sessionIds)
      .where('m.role', '=', 'citizen')
      .where('m.seq', '=', (eb) =>
        eb
          .selectFrom('chat_messages as m2')
          .select((e) => e.fn.max('m2.seq').as('s'))
          .whereRef('m2.session_id', '=', 'm.session_id')
          .where('m2.role', '=', 'citizen'),
      )
      .execute();
    for (const r of rows) out.set(r.session_id, r.text);
    return out;
  }

  async insertCallback(row: Insertable<CallbackRequestsTable>): Promise<CallbackRow> {
    return this.db.insertInto('callback_requests').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async getCallback(id: string): Promise<CallbackRow | undefined> {
    return this.db.selectFrom('callback_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listCallbacks(opts: { status?: string; sessionId?: string; limit: number }): Promise<CallbackRow[]> {
    let q = this.db.selectFrom('callback_requests').selectAll();
    if (opts.status) q = q.where('status', '=', opts.status);
    if (opts.sessionId) q = q.where('session_id', '=', opts.sessionId);
    return q.orderBy('created_at').limit(opts.limit).execute();
  }

  async countCallbacks(status: string): Promise<number> {
    const r = await this.db.selectFrom('callback_requests').select((e) => e.fn.countAll<number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async updateCallback(id: string, patch: Updateable<CallbackRequestsTable>, fromStatus: string): Promise<boolean> {
    const r = await this.db.updateTable('callback_requests').set(patch).where('id', '=', id).where('status', '=', fromStatus).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
