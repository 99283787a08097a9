/** SQL for the audit trail, through Kysely only. Inserts and reads; there is no update or delete. */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import type { AuditRow } from './audit-chain.js';

/** The advisory-lock key for "append to audit_log": ASCII "xzaudit" read as a bigint (beyond a double, hence text). */
const APPEND_LOCK_KEY = '33911556205209972';

export interface AuditFilter {
  /** login name or user id */
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** UTC ISO bounds on `at`, inclusive / exclusive */
  from?: string;
  to?: string;
  beforeSeq?: number;
}

export class AuditRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: Dialect,
  ) {}

  withDb(db: Kysely<DB>): AuditRepository {
    return new AuditRepository(db, this.dialect);
  }

  /**
   * Serialises appenders until the surrounding transaction ends. PostgreSQL: a
   * transaction-scoped advisory lock, shared by every process on the database. SQLite has one
   * writer; a write statement (which matches no row, so the append-only trigger never fires)
   * takes the write lock before the head is read, so another process cannot append between
   * our read and our insert.
   */
  async lockForAppend(): Promise<void> {
    if (this.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY}::bigint)`.execute(this.db);
    } else {
      await sql`update audit_log set seq = seq where 0`.execute(this.db);
    }
  }

  async head(): Promise<Pick<AuditRow, 'seq' | 'hash' | 'at'> | undefined> {
    return this.db.selectFrom('audit_log').select(['seq', 'hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  }

  async insert(row: AuditRow): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }

  async get(seq: number): Promise<AuditRow | undefined> {
    return this.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirst();
  }

  /** Records with seq > afterSeq in ascending order: the verifier's keyset batches. */
  async batchAfter(afterSeq: number, limit: number): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(limit).execute();
  }

  /** Newest first, keyset-paged by `beforeSeq`. */
  async list(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    let q = this.filtered(filter);
    if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
    return q.orderBy('seq', 'desc').limit(limit).execute();
  }

  /** Oldest first within (afterSeq, beforeSeq): the export's batches. */
  async listAscending(filter: AuditFilter, afterSeq: number, beforeSeq: number, limit: number): Promise<AuditRow[]> {
    return this.filtered(filter).where('seq', '>', afterSeq).where('seq', '<', beforeSeq).orderBy('seq', 'asc').limit(limit).execute();
  }

  private filtered(filter: AuditFilter) {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (filter.actor !== undefined) {
      const actor = filter.actor;
      q = q.where((eb) => eb.or([eb('actor_name', '=', actor), eb('actor_user_id', '=', actor)]));
    }
    if (filter.action !== undefined) q = q.where('action', '=', filter.action);
    if (filter.entityType !== undefined) q = q.where('entity_type', '=', filter.entityType);
    if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId);
    if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('at', '<', filter.to);
    return q;
  }
}
