/** Kysely table types of this domain; src/db/database.types.ts joins them into DB. */

/**
 * One record of the hash-chained audit trail. Rows are only ever inserted (triggers reject
 * UPDATE and DELETE). `seq` is assigned by AuditService under a lock, so it has no gaps;
 * `hash` is the SHA-256 of the canonical encoding of every other column (audit-chain.ts).
 */
export interface AuditLogTable {
  seq: number;
  /** UTC ISO-8601 with milliseconds, stored as text so it hashes identically on both engines */
  at: string;
  actor_kind: string;
  actor_user_id: string | null;
  actor_name: string;
  actor_role: string | null;
  actor_department_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  /** canonical JSON text (sorted keys) or null */
  before: string | null;
  after: string | null;
  ai: string | null;
  reason: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
