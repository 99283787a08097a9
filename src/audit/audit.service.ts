/**
 * The tamper-evident audit trail (issue #3, DOMAIN.md §6): append, verify, read. The chain
 * itself is defined in audit-chain.ts.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { Actor } from '../auth/actor.js';
import { canonicalJson, checkLink, GENESIS_HASH, recordHash, type AuditRow, type ChainFault } from './audit-chain.js';
import { presentAuditRecord } from './audit.presenter.js';
import { AuditRepository } from './audit.repository.js';
import { auditInputSchema, type AuditAnchor, type AuditFilterInput, type AuditRecord, type VerifyResult } from './audit.schema.js';
import type { AuditInput, AuditReceipt, AuditRecorder } from './audit.types.js';

/** Rows per read while walking the chain: memory stays flat however long the chain is. */
const BATCH = 2000;

export class AuditService implements AuditRecorder {
  private readonly repo: AuditRepository;

  constructor(
    readonly db: Kysely<DB>,
    readonly dialect: Dialect,
  ) {
    this.repo = new AuditRepository(db, dialect);
  }

  /**
   * Appends one record. Inside `trx` when given (the record then commits or rolls back with
   * the change it describes, and appenders wait for that transaction to end), otherwise in a
   * transaction of its own. The sequence number is the head's plus one, read under the append
   * lock, so numbers have no gaps and the chain has no forks even with several processes.
   */
  async record(input: AuditInput, trx?: Kysely<DB>): Promise<AuditReceipt> {
    const parsed = auditInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError(ErrorCode.ValidationFailed, `审计记录无效：${issue.path.join('.') || 'input'} ${issue.message}`, parsed.error.issues);
    }
    const append = async (db: Kysely<DB>): Promise<AuditReceipt> => {
      const repo = this.repo.withDb(db);
      await repo.lockForAppend();
      const head = await repo.head();
      const seq = (head?.seq ?? 0) + 1;
      // the clock may step back (NTP); `at` never goes backwards along the chain
      const now = new Date().toISOString();
      const at = head && head.at > now ? head.at : now;
      const unhashed: Omit<AuditRow, 'hash'> = {
        seq,
        at,
        actor_kind: input.actor.kind,
        actor_user_id: input.actor.userId,
        actor_name: input.actor.name,
        actor_role: input.actor.role,
        actor_department_id: input.actor.departmentId,
        action: input.action,
        entity_type: input.entityType ?? null,
        entity_id: input.entityId ?? null,
        before: input.before == null ? null : canonicalJson(input.before),
        after: input.after == null ? null : canonicalJson(input.after),
        ai: input.ai === undefined ? null : canonicalJson(input.ai),
        reason: input.reason ?? null,
        ip: input.ip ?? null,
        prev_hash: head?.hash ?? GENESIS_HASH,
      };
      const hash = recordHash(unhashed);
      await repo.insert({ ...unhashed, hash });
      return { seq, hash };
    };
    if (trx?.isTransaction) return append(trx);
    return (trx ?? this.db).transaction().execute(append);
  }

  /**
   * Walks the chain in seq order, in batches, and stops at the first bad record: a missing
   * number (deleted), content that no longer matches its hash (altered), a prev_hash that is
   * not the previous record's hash (inserted, removed or reordered with recomputed hashes),
   * or a published anchor whose record is gone (tail truncated) or now has another hash
   * (the chain was rewritten up to or past the anchor).
   * `fromSeq` starts later: the record before it must still match its own hash, and the
   * links before it are taken on trust.
   */
  async verify(opts: { fromSeq?: number; anchor?: AuditAnchor; batchSize?: number; onProgress?: (checked: number, headSeq: number) => void } = {}): Promise<VerifyResult> {
    const batch = opts.batchSize ?? BATCH;
    const head = await this.repo.head();
    const headOut = head ? { seq: head.seq, hash: head.hash } : null;
    const fail = (count: number, firstBad: ChainFault): VerifyResult => ({ ok: false, count, head: headOut, firstBad });
    const fromSeq = Math.max(1, opts.fromSeq ?? 1);
    let expected = fromSeq;
    let prevHash = GENESIS_HASH;
    if (fromSeq > 1) {
      const before = await this.repo.get(fromSeq - 1);
      if (!before) return fail(0, { seq: fromSeq - 1, problem: 'seq_gap', message: `记录 ${fromSeq - 1} 缺失：记录被删除` });
      if (recordHash(before) !== before.hash) return fail(0, { seq: before.seq, problem: 'hash_mismatch', message: `记录 ${before.seq} 的内容与其哈希不符：记录被篡改` });
      prevHash = before.hash;
    }
    const anchor = opts.anchor;
    if (anchor && anchor.seq < fromSeq) {
      const fault = await this.checkAnchorRecord(anchor);
      if (fault) return fail(0, fault);
    }
    let count = 0;
    let after = fromSeq - 1;
    for (;;) {
      const rows = await this.repo.batchAfter(after, batch);
      for (const row of rows) {
        const fault = checkLink(row, expected, prevHash);
        if (fault) return fail(count, fault);
        if (anchor && row.seq === anchor.seq && row.hash !== anchor.hash) return fail(count, anchorMismatch(anchor));
        count++;
        expected++;
        prevHash = row.hash;
        after = row.seq;
      }
      opts.onProgress?.(count, head?.seq ?? 0);
      if (rows.length < batch) break;
    }
    if (anchor && anchor.seq >= expected) {
      return fail(count, {
        seq: expected,
        problem: 'truncated',
        message: `链尾被截断：锚点记录 ${anchor.seq} 已不存在，现存最后一条为 ${expected - 1}`,
      });
    }
    return { ok: true, count, head: count > 0 ? { seq: expected - 1, hash: prevHash } : headOut };
  }

  private async checkAnchorRecord(anchor: AuditAnchor): Promise<ChainFault | null> {
    const row = await this.repo.get(anchor.seq);
    if (!row) return { seq: anchor.seq, problem: 'truncated', message: `锚点记录 ${anchor.seq} 已不存在` };
    if (row.hash !== anchor.hash) return anchorMismatch(anchor);
    if (recordHash(row) !== row.hash) return { seq: row.seq, problem: 'hash_mismatch', message: `记录 ${row.seq} 的内容与其哈希不符：记录被篡改` };
    return null;
  }

  /** The newest record's number and hash, to be published; null while the trail is empty. */
  async anchor(): Promise<{ seq: number; hash: string; at: string } | null> {
    const head = await this.repo.head();
    return head ? { seq: head.seq, hash: head.hash, at: head.at } : null;
  }

  async get(seq: number, opts: { pii: boolean }): Promise<AuditRecord> {
    const row = await this.repo.get(seq);
    if (!row) throw new AppError(ErrorCode.NotFound, `未找到审计记录：${seq}`, { seq });
    return presentAuditRecord(row, opts);
  }

  /** Newest first; `nextBeforeSeq` is set when an older page may exist. */
  async list(filter: AuditFilterInput & { beforeSeq?: number }, opts: { limit: number; pii: boolean }): Promise<{ items: AuditRecord[]; nextBeforeSeq?: number }> {
    const rows = await this.repo.list(filter, opts.limit);
    const items = rows.map((r) => presentAuditRecord(r, opts));
    return rows.length === opts.limit ? { items, nextBeforeSeq: rows[rows.length - 1]!.seq } : { items };
  }

  /**
   * Records the export (who, which filters) first, so an export that is interrupted is still
   * on the record, then yields the matching records older than that record, oldest first,
   * read in batches.
   */
  async export(actor: Actor, filter: AuditFilterInput, opts: { pii: boolean; ip?: string; target?: string }): Promise<{ receipt: AuditReceipt; records: AsyncIterable<AuditRecord> }> {
    const receipt = await this.record({
      actor,
      action: 'audit.export',
      entityType: 'audit_log',
      after: { filter, personalData: opts.pii ? 'unmasked' : 'masked', format: 'jsonl', ...(opts.target ? { target: opts.target } : {}) },
      ip: opts.ip,
    });
    const repo = this.repo;
    async function* records(): AsyncGenerator<AuditRecord> {
      let after = 0;
      for (;;) {
        const rows = await repo.listAscending(filter, after, receipt.seq, BATCH);
        for (const r of rows) yield presentAuditRecord(r, opts);
        if (rows.length < BATCH) return;
        after = rows[rows.length - 1]!.seq;
      }
    }
    return { receipt, records: records() };
  }
}

function anchorMismatch(anchor: AuditAnchor): ChainFault {
  return {
    seq: anchor.seq,
    problem: 'anchor_mismatch',
    message: `记录 ${anchor.seq} 的哈希与已发布的锚点不符：锚点之前（含）的链被改写`,
  };
}
