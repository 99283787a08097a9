/** SQL for chat sessions and their messages, through Kysely only. */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { ChatMessagesTable, ChatSessionsTable } from './assistant.tables.js';

export type SessionRow = Selectable<ChatSessionsTable>;
export type MessageRow = Selectable<ChatMessagesTable>;
export type NewMessage = Omit<Insertable<ChatMessagesTable>, 'id' | 'seq' | 'session_id'>;

export class ChatRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): ChatRepository {
    return new ChatRepository(db);
  }

  async insertSession(row: Insertable<ChatSessionsTable>): Promise<void> {
    await this.db.insertInto('chat_sessions').values(row).execute();
  }

  async getSession(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('chat_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Updates the session only while it is in one of `modes` (when given): the compare-and-set
   * that lets exactly one of several agents take a queued session. Returns whether it matched.
   */
  async updateSession(id: string, patch: Updateable<ChatSessionsTable>, modes?: string[]): Promise<boolean> {
    let q = this.db.updateTable('chat_sessions').set(patch).where('id', '=', id);
    if (modes) q = q.where('mode', 'in', modes);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Appends messages with the next seq numbers of the session. The increment of
   * `last_seq` takes the row lock (PostgreSQL) or the write lock (SQLite), so messages written
   * at once from several processes get distinct, ordered seqs.
   */
  async appendMessages(sessionId: string, messages: NewMessage[], now: string): Promise<MessageRow[]> {
    const bumped = await this.db
      .updateTable('chat_sessions')
      .set((eb) => ({ last_seq: eb('last_seq', '+', messages.length), last_activity_at: now }))
      .where('id', '=', sessionId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const first = bumped.last_seq - messages.length + 1;
    const out: MessageRow[] = [];
    for (const [i, m] of messages.entries()) {
      const row = await this.db
        .insertInto('chat_messages')
        .values({ ...m, session_id: sessionId, seq: first + i })
        .returningAll()
        .executeTakeFirstOrThrow();
      out.push(row);
    }
    return out;
  }

  async messagesAfter(sessionId: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** The last `limit` messages, oldest first. */
  async recentMessages(sessionId: string, limit: number): Promise<MessageRow[]> {
    const rows = await this.db
      .selectFrom('chat_messages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }

  async getMessage(sessionId: string, id: number): Promise<MessageRow | undefined> {
    return this.db.selectFrom('chat_messages').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
  }
}
