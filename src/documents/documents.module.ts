/** Composition of official documents (issue #7): drafting, the GB/T 9704 checker, versions and approval, export. */
import type { AuditService } from '../audit/audit.service.js';
import { createLlmClient } from '../assistant/llm-client.js';
import type { AuthServices } from '../auth/auth.module.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/database.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { DraftingService } from './drafting/drafting.service.js';

export interface DocumentsDeps {
  database: Database;
  audit: AuditService;
  auth: AuthServices;
  env: Env;
}

export interface DocumentServices {
  /** checking, drafting, import, stored documents and their approval flow */
  service: DocumentsService;
  drafting: DraftingService;
}

export function createDocumentServices(deps: DocumentsDeps): DocumentServices {
  // the same optional OpenAI-compatible model as the consultation (XZ_LLM_*); without it, templates
  const llm = deps.env.llm ? createLlmClient(deps.env.llm) : undefined;
  const drafting = new DraftingService({ audit: deps.audit, llm, now: () => deps.auth.clock.now() });
  const service = new DocumentsService({ db: deps.database.db, repo: new DocumentsRepository(deps.database.db), scope: deps.auth.scope, audit: deps.audit, clock: deps.auth.clock, drafting });
  return { service, drafting };
}
