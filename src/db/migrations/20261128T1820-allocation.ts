import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Public resource allocation (issue #8). */
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
