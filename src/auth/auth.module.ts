/** Composition of the accounts services (issue #3): users, departments, sessions, tokens, grants. */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { Env } from '../config/env.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthServices {}

export function createAuthServices(_deps: { db: Kysely<DB>; dialect: Dialect; audit: AuditRecorder; env: Env }): AuthServices {
  return {};
}
