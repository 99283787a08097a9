import type { Kysely } from "kysely";
import type { Dialect } from '../database.js';

/** Auto-increment primary keys differ between the two engines; everything else is shared. */
export function autoId(dialect: Dialect) {
  return dialect === 'postgres'
    ? (col: any) => col.primaryKey().generatedByDefaultAsIdentity()
    : (col: any) => col.primaryKey().autoIncrement();
}

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('entries')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entries_kind_idx').on('entries').columns(['kind', 'status']).execute();

  await db.schema
    .createTable('entry_versions')
    .addColumn('entry_id', 'varchar(128)', (c) => c.notNull().references('entries.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('valid_from', 'varchar(10)')
    .addColumn('valid_to', 'varchar(10)')
    .addColumn('region', 'text')
    .addColumn('department', 'text')
    .addColumn('service_objects', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('passages', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('change_note', 'text')
    .addPrimaryKeyConstraint('entry_versions_pk', ['entry_id', 'version'])
    .execute();

  await db.schema
    .createTable('kb_changes')
    .addColumn('seq', 'integer', autoId(dialect))
    .addColumn('entry_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('alias', 'varchar(100)', (c) => c.notNull())
    .addColumn('canonical', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('search_synonyms_pair', ['alias', 'canonical'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['search_synonyms', 'kb_changes', 'entry_versions', 'entries']) await db.schema.dropTable(t).execute();
}
