import type { Kysely } from 'kysely';

/** Guide sessions (issue #5): stored answers, resumable by token for 30 days. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guide_sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('date', 'varchar(10)')
    .addColumn('versions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // expired sessions are swept by expiry time
  await db.schema.createIndex('guide_sessions_expires_idx').on('guide_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guide_sessions').execute();
}
