import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { autoId } from './20261128T1500-knowledge.js';

/** Official documents (issue #7): documents, their versions and the approval steps. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(8)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('doc_number', 'varchar(50)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('department_id', 'integer')
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // lists: a department's documents by status, newest first
  await db.schema.createIndex('documents_list_idx').on('documents').columns(['department_id', 'status', 'updated_at']).execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('document_id', 'varchar(32)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_versions_pk', ['document_id', 'version'])
    .execute();

  await db.schema
    .createTable('document_actions')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('document_id', 'varchar(32)', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('actor_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('role', 'varchar(32)')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_actions_doc_idx').on('document_actions').columns(['document_id', 'id']).execute();
}
