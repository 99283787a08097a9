/**
 * The hash chain of the audit trail, as pure functions so the writer, the verifier and any
 * outside tool agree on one definition.
 *
 * Canonical encoding of a record: JSON with the object's keys sorted by UTF-16 code unit
 * order and no whitespace, of every column of audit_log except `hash` — that includes `seq`
 * and `prev_hash`, so a record cannot be moved or re-linked without changing its hash. The
 * JSON columns (before, after, ai) enter as the stored text (itself canonical JSON), never
 * re-parsed, so verification does not depend on how a driver returns JSON.
 * `hash = hex(SHA-256(UTF-8(canonical encoding)))`; the first record's `prev_hash` is 64 zeros.
 */
import { createHash } from 'node:crypto';
import type { AuditLogTable } from './audit.tables.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditRow = AuditLogTable;
export type UnhashedRow = Omit<AuditRow, 'hash'>;

/** The columns that enter the hash, sorted: adding a column is a format change, never silent. */
export const HASHED_COLUMNS = [
  'action',
  'actor_department_id',
  'actor_kind',
  'actor_name',
  'actor_role',
  'actor_user_id',
  'after',
  'ai',
  'at',
  'before',
  'entity_id',
  'entity_type',
  'ip',
  'prev_hash',
  'reason',
  'seq',
] as const satisfies readonly (keyof UnhashedRow)[];

/**
 * JSON with sorted keys and no whitespace. Goes through JSON.stringify first so toJSON
 * (Dates), undefined members and non-finite numbers behave exactly as in plain JSON.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return encode(plain);
}

function encode(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(obj[k])}`).join(',')}}`;
}

/** The exact text that is hashed for a record. */
export function canonicalRecord(row: UnhashedRow): string {
  // the values are strings, numbers and null, so plain JSON.stringify of an object built in
  // sorted key order is the canonical form (and, run once per record, the fastest way to it)
  const sorted: Record<string, unknown> = {};
  for (const c of HASHED_COLUMNS) sorted[c] = row[c] ?? null;
  return JSON.stringify(sorted);
}

export function recordHash(row: UnhashedRow): string {
  return createHash('sha256').update(canonicalRecord(row), 'utf8').digest('hex');
}

export type ChainProblem = 'seq_gap' | 'hash_mismatch' | 'prev_hash_mismatch' | 'anchor_mismatch' | 'truncated';

export interface ChainFault {
  seq: number;
  problem: ChainProblem;
  /** Chinese, for the CLI and the audit viewer */
  message: string;
}

/**
 * Checks one record against the one before it (`expectedSeq`, `prevHash`). The order of the
 * checks decides what is reported: a missing number first (a deleted record), then a record
 * whose content no longer matches its hash (altered), then a broken link (a record was
 * inserted, removed or moved before it and the hashes were recomputed).
 */
export function checkLink(row: AuditRow, expectedSeq: number, prevHash: string): ChainFault | null {
  if (row.seq !== expectedSeq) {
    return row.seq > expectedSeq
      ? { seq: expectedSeq, problem: 'seq_gap', message: `记录 ${expectedSeq} 缺失（下一条为 ${row.seq}）：记录被删除` }
      : { seq: row.seq, problem: 'seq_gap', message: `记录序号 ${row.seq} 重复或倒序` };
  }
  if (recordHash(row) !== row.hash) {
    return { seq: row.seq, problem: 'hash_mismatch', message: `记录 ${row.seq} 的内容与其哈希不符：记录被篡改` };
  }
  if (row.prev_hash !== prevHash) {
    return {
      seq: row.seq,
      problem: 'prev_hash_mismatch',
      message: `记录 ${row.seq} 的 prev_hash 与上一条记录的哈希不符：其前有记录被插入、删除或调换`,
    };
  }
  return null;
}
