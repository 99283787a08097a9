import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { autoId } from './20261128T1500-knowledge.js';

/** Tables for accounts, departments, sessions, API tokens, sharing grants (issue #3). */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('code', 'varchar(64)', (c) => c.unique())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_since', 'varchar(32)')
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)')
    .addColumn('last_used_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('sharing_grants')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('owner_department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('grantee_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('grantee_department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('resource', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .addColumn('revoked_by', 'varchar(100)')
    .addColumn('revoke_reason', 'text')
    .addCheckConstraint('sharing_grants_one_grantee', sql`(grantee_user_id is null) <> (grantee_department_id is null)`)
    .execute();
  await db.schema.createIndex('sharing_grants_resource_idx').on('sharing_grants').columns(['resource', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sharing_grants', 'api_tokens', 'sessions', 'users', 'departments']) await db.schema.dropTable(t).execute();
}
