import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { autoId } from './20261128T1500-knowledge.js';

/** Material pre-review (issue #5): rule sets per item, applications, revisions, files, decisions. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('prereview_rule_sets')
    .addColumn('item_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
    .addPrimaryKeyConstraint('prereview_rule_sets_pk', ['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('prereview_applications')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('item_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('item_version', 'integer', (c) => c.notNull())
    .addColumn('item_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('applicant_name', 'varchar(100)')
    .addColumn('suggestion', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // the reviewer's queue: by status and age, within departments
  await db.schema.createIndex('prereview_applications_queue_idx').on('prereview_applications').columns(['status', 'department_id', 'updated_at']).execute();

  await db.schema
    .createTable('prereview_revisions')
    .addColumn('application_id', 'varchar(32)', (c) => c.notNull().references('prereview_applications.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('rule_set_version', 'integer', (c) => c.notNull())
    .addColumn('suggestion', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('prereview_revisions_pk', ['application_id', 'revision'])
    .execute();

  await db.schema
    .createTable('prereview_files')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('application_id', 'varchar(32)', (c) => c.notNull().references('prereview_applications.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('extraction', 'varchar(16)', (c) => c.notNull())
    .addColumn('confidence', 'real')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('prereview_files_rev_seq', ['application_id', 'revision', 'seq'])
    .execute();

  await db.schema
    .createTable('prereview_decisions')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('application_id', 'varchar(32)', (c) => c.notNull().references('prereview_applications.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('suggestion', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prereview_decisions_app_idx').on('prereview_decisions').columns(['application_id', 'created_at']).execute();
}
