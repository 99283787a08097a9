/**
 * Composition root: opens the database and wires services with only the repositories they
 * need. The HTTP server, the CLI and the tests all start from here.
 */
import fs from 'node:fs';
import path from 'node:path';
import './shared/zod-setup.js';
import { packageRoot, type Env } from './config/env.js';
import { createAssistantServices, type AssistantServices } from './assistant/assistant.module.js';
import { AuditService } from './audit/audit.service.js';
import { createAllocationServices, type AllocationServices } from './allocation/allocation.module.js';
import { createAuthServices, type AuthServices } from './auth/auth.module.js';
import { openDatabase, type Database } from './db/database.js';
import { createDocumentServices, type DocumentServices } from './documents/documents.module.js';
import { createGuideService } from './guide/guide.module.js';
import type { GuideService } from './guide/guide.service.js';
import { createHotlineServices, type HotlineServices } from './hotline/hotline.module.js';
import { KnowledgeService } from './knowledge/knowledge.service.js';
import { createPrereviewService } from './prereview/prereview.module.js';
import type { PrereviewService } from './prereview/prereview.service.js';
import { SearchService } from './search/search.service.js';

export interface AppContext {
  env: Env;
  version: string;
  database: Database;
  knowledge: KnowledgeService;
  search: SearchService;
  audit: AuditService;
  auth: AuthServices;
  assistant: AssistantServices;
  /** material pre-review (issue #5) */
  prereview: PrereviewService;
  /** guided service: 情形 checklists, life events, resumable sessions (issue #5) */
  guide: GuideService;
  /** 12345 hotline work orders (issue #6) */
  hotline: HotlineServices;
  /** official documents (issue #7) */
  documents: DocumentServices;
  /** public resource allocation (issue #8) */
  allocation: AllocationServices;
  close(): Promise<void>;
}

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export async function createAppContext(env: Env, opts: { searchIndex?: boolean } = {}): Promise<AppContext> {
  const database = await openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
  const knowledge = new KnowledgeService(database.db);
  const search = new SearchService({ db: database.db, knowledge: knowledge.repository, dataDir: env.dataDir, syncIntervalMs: env.searchSyncMs, indexWorkers: env.indexWorkers });
  const audit = new AuditService(database.db, database.dialect);
  const auth = createAuthServices({ db: database.db, dialect: database.dialect, audit, env });
  const assistant = createAssistantServices({ db: database.db, dialect: database.dialect, audit, env, knowledge, search });
  const prereview = createPrereviewService({ db: database.db, audit, auth, knowledge });
  const guide = createGuideService({ database, knowledge, audit });
  const hotline = createHotlineServices({ database, audit, auth, knowledge, search, env });
  const documents = createDocumentServices({ database, audit, auth, env });
  const allocation = createAllocationServices({ database, audit, auth, env });
  if (opts.searchIndex !== false) await search.init();
  return {
    env,
    version: packageVersion(),
    database,
    knowledge,
    search,
    audit,
    auth,
    assistant,
    prereview,
    guide,
    hotline,
    documents,
    allocation,
    async close() {
      search.close();
      await database.close();
    },
  };
}
