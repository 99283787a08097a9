import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { autoId } from './20261128T1500-knowledge.js';

/** 12345 hotline (issue #6): taxonomy, 派单目录, time limits, work orders, their events, and the job queue. */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('hotline_categories')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('path', 'varchar(300)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('parent_path', 'varchar(300)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hotline_dispatch_rules')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('category_prefix', 'varchar(300)', (c) => c.notNull())
    .addColumn('region_prefix', 'varchar(12)', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('co_department_ids', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hotline_dispatch_rules_key').on('hotline_dispatch_rules').columns(['category_prefix', 'region_prefix']).unique().execute();

  await db.schema
    .createTable('hotline_deadline_rules')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('order_type', 'varchar(8)', (c) => c.notNull())
    .addColumn('category_prefix', 'varchar(300)', (c) => c.notNull())
    .addColumn('handle_days', 'integer', (c) => c.notNull())
    .addColumn('sign_hours', 'integer', (c) => c.notNull())
    .addColumn('return_days', 'integer', (c) => c.notNull())
    .addColumn('max_extension_days', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hotline_deadline_rules_key').on('hotline_deadline_rules').columns(['order_type', 'category_prefix']).unique().execute();

  await db.schema
    .createTable('hotline_orders')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('order_type', 'varchar(8)', (c) => c.notNull())
    .addColumn('category', 'varchar(300)')
    .addColumn('urgency', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('caller_name', 'varchar(100)')
    .addColumn('caller_phone', 'varchar(32)')
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)')
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('co_department_ids', 'text', (c) => c.notNull())
    .addColumn('merged_into', 'varchar(32)')
    .addColumn('chat_session_id', 'varchar(64)')
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('suggestions', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'varchar(32)')
    .addColumn('satisfaction', 'integer')
    .addColumn('sign_due_at', 'varchar(32)')
    .addColumn('due_at', 'varchar(32)')
    .addColumn('extended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervise_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_at', 'varchar(32)')
    .addColumn('idempotency_key', 'varchar(128)', (c) => c.unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(32)')
    .execute();
  // queues: a department's open orders by deadline; the center's views by status and age
  await db.schema.createIndex('hotline_orders_department_idx').on('hotline_orders').columns(['department_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('hotline_orders_status_idx').on('hotline_orders').columns(['status', 'created_at']).execute();
  // duplicates and hot spots look at recent orders of one place and category
  await db.schema.createIndex('hotline_orders_place_idx').on('hotline_orders').columns(['division_code', 'category', 'created_at']).execute();
  await db.schema.createIndex('hotline_orders_created_idx').on('hotline_orders').column('created_at').execute();

  await db.schema
    .createTable('hotline_order_events')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('order_id', 'varchar(32)', (c) => c.notNull().references('hotline_orders.id').onDelete('cascade'))
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('to_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hotline_order_events_order_idx').on('hotline_order_events').columns(['order_id', 'id']).execute();

  await db.schema
    .createTable('hotline_attachments')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('order_id', 'varchar(32)', (c) => c.notNull().references('hotline_orders.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.unique())
    .addColumn('run_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', 'varchar(128)')
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
}
