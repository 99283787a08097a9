/** Composition of the consultation services (issue #4): chat, answers, handoff, feedback. */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { Env } from '../config/env.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { SearchService } from '../search/search.service.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AssistantServices {}

export function createAssistantServices(_deps: {
  db: Kysely<DB>;
  dialect: Dialect;
  audit: AuditRecorder;
  env: Env;
  knowledge: KnowledgeService;
  search: SearchService;
}): AssistantServices {
  return {};
}
