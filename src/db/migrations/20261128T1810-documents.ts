import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Official documents (issue #7). */
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
