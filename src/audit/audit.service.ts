/**
 * The tamper-evident audit trail (issue #3, DOMAIN.md §6): append, verify, read. The chain
 * itself is defined in audit-chain.ts.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { canonicalJson, GENESIS_HASH, recordHash, type AuditRow } from './audit-chain.js';
import { AuditRepository } from './audit.repository.js';
import { auditInputSchema } from './audit.schema.js';
import type { AuditInput, AuditReceipt, AuditRecorder } from './audit.types.js';

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
}
