/** Composition of intake: taxonomy and 派单目录 configuration, suggestions, duplicates. */
import { createAnswerEngine } from '../../assistant/answer-engine.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { Env } from '../../config/env.js';
import type { Database } from '../../db/database.js';
import type { KnowledgeService } from '../../knowledge/knowledge.service.js';
import type { SearchService } from '../../search/search.service.js';
import { ClassifierStore } from '../classifier/store.js';
import { IntakeConfigService } from './intake-config.service.js';
import { IntakeRepository } from './intake.repository.js';
import { IntakeService } from './intake.service.js';
import { configureDivisions } from './location.js';

export interface IntakeServices {
  /** taxonomy and 派单目录 (hotline.config), and dispatch resolution */
  config: IntakeConfigService;
  /** suggestions at intake and duplicates of stored orders */
  suggestions: IntakeService;
  repository: IntakeRepository;
}

export function createIntakeServices(deps: { database: Database; audit: AuditRecorder; knowledge: KnowledgeService; search: SearchService; env: Env }): IntakeServices {
  configureDivisions(deps.env.divisionsDir);
  const repository = new IntakeRepository(deps.database.db);
  const config = new IntakeConfigService(deps.database.db, repository, deps.audit);
  const engine = createAnswerEngine({ knowledge: deps.knowledge, search: deps.search, env: deps.env });
  const suggestions = new IntakeService({ repo: repository, config, classifier: new ClassifierStore(deps.env.dataDir), engine, audit: deps.audit });
  return { config, suggestions, repository };
}
