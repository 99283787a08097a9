import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { autoId } from './20261128T1500-knowledge.js';

/** Tables for chat sessions, messages, handoff queue, feedback, callback requests (issue #4). */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('chat_sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('mode', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agent_user_id', 'varchar(64)')
    .addColumn('agent_name', 'varchar(128)')
    .addColumn('handoff_reason', 'varchar(100)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_activity_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('queued_at', 'varchar(32)')
    .addColumn('taken_at', 'varchar(32)')
    .addColumn('closed_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('chat_sessions_mode_idx').on('chat_sessions').columns(['mode', 'queued_at']).execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('session_id', 'varchar(64)', (c) => c.notNull().references('chat_sessions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)')
    .addColumn('reason', 'varchar(100)')
    .addColumn('citations', 'text', (c) => c.notNull())
    .addColumn('suggestions', 'text')
    .addColumn('producer', 'varchar(128)')
    .addColumn('producer_version', 'varchar(64)')
    .addColumn('reply_to', 'integer')
    .addColumn('author_user_id', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('chat_messages_session_seq', ['session_id', 'seq'])
    .execute();
  // the knowledge manager's review scans assistant answers by outcome and time
  await db.schema.createIndex('chat_messages_outcome_idx').on('chat_messages').columns(['role', 'outcome', 'created_at']).execute();

  await db.schema
    .createTable('chat_feedback')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('message_id', 'integer', (c) => c.notNull().unique().references('chat_messages.id').onDelete('cascade'))
    .addColumn('session_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('useful', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('callback_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('session_id', 'varchar(64)', (c) => c.notNull().references('chat_sessions.id').onDelete('cascade'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)', (c) => c.notNull())
    .addColumn('preferred_time', 'varchar(200)')
    .addColumn('note', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('handled_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('callback_requests_status_idx').on('callback_requests').columns(['status', 'created_at']).execute();
}
