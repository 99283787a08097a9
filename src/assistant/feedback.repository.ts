/** SQL for answer feedback and the knowledge manager's review, through Kysely only. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.types.js';

export interface ReviewRow {
  message_id: number;
  session_id: string;
  answer: string;
  outcome: string | null;
  reason: string | null;
  created_at: string;
  question: string | null;
  useful: number | null;
  feedback_reason: string | null;
}

export class FeedbackRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** One rating per message: rating again replaces the earlier one. */
  async upsert(row: { message_id: number; session_id: string; useful: number; reason: string | null; created_at: string }): Promise<void> {
    await this.db
      .insertInto('chat_feedback')
      .values(row)
      .onConflict((oc) => oc.column('message_id').doUpdateSet({ useful: row.useful, reason: row.reason, created_at: row.created_at }))
      .execute();
  }

  /**
   * Assistant answers with the question they answered and their rating: the unanswered ones
   * (clarify/handoff/refused or no source) or the ones rated 没用, newest first.
   */
  async reviewRows(kind: 'unanswered' | 'bad', opts: { from?: string; limit: number }): Promise<ReviewRow[]> {
    let q = this.db
      .selectFrom('chat_messages as m')
      .leftJoin('chat_messages as q', 'q.id', 'm.reply_to')
      .leftJoin('chat_feedback as f', 'f.message_id', 'm.id')
      .select([
        'm.id as message_id',
        'm.session_id',
        'm.text as answer',
        'm.outcome',
        'm.reason',
        'm.created_at',
        'q.text as question',
        'f.useful',
        'f.reason as feedback_reason',
      ])
      .where('m.role', '=', 'assistant');
    q =
      kind === 'bad'
        ? q.where('f.useful', '=', 0)
        : q.where((eb) => eb.or([eb('m.outcome', 'in', ['clarify', 'handoff', 'refused']), eb('m.reason', '=', 'no_source')]));
    if (opts.from) q = q.where('m.created_at', '>=', opts.from);
    return q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(opts.limit).execute();
  }
}
