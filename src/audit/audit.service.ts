/** The audit trail (issue #3): implemented in the next commits. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import type { AuditInput, AuditReceipt, AuditRecorder } from './audit.types.js';

export class AuditService implements AuditRecorder {
  constructor(
    readonly db: Kysely<DB>,
    readonly dialect: Dialect,
  ) {}

  async record(_input: AuditInput, _trx?: Kysely<DB>): Promise<AuditReceipt> {
    throw new Error('audit trail not implemented yet (issue #3)');
  }
}
