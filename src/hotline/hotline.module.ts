/**
 * Composition of the 12345 hotline (issue #6): work orders and their lifecycle, the job
 * queue behind deadline timers, intake suggestions (taxonomy, 派单目录, location, duplicates),
 * reply drafting and hot spots. Each part adds its services here.
 */
import type { AuditService } from '../audit/audit.service.js';
import type { AuthServices } from '../auth/auth.module.js';
import type { Env } from '../config/env.js';
import type { Database } from '../db/database.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { SearchService } from '../search/search.service.js';
import { createOrderServices, type OrderServices } from './orders/orders.module.js';
import { createIntakeServices, type IntakeServices } from './intake/intake.module.js';
import { HotspotsService } from './hotspots/hotspots.service.js';
import { ReplyDraftService } from './replies/reply-draft.service.js';
import { createClassifierServices, type ClassifierServices } from './classifier/classifier.module.js';

export interface HotlineDeps {
  database: Database;
  audit: AuditService;
  auth: AuthServices;
  knowledge: KnowledgeService;
  search: SearchService;
  env: Env;
}

/** ORDERS: work orders and their lifecycle (`orders`), time limits (`deadlines`), the job queue behind the timers (`jobs`) */
export interface HotlineServices extends OrderServices {
  intake: IntakeServices;
  /** INTAKE: reply drafts from similar replied orders and the knowledge base */
  replies: ReplyDraftService;
  /** INTAKE: hot spots and dashboard figures */
  hotspots: HotspotsService;
  /** CLASSIFIER: the served model and retraining from closed orders */
  classifier: ClassifierServices;
}

export function createHotlineServices(deps: HotlineDeps): HotlineServices {
  const intake = createIntakeServices(deps);
  return {
    // dispatch without a chosen department follows the 派单目录
    ...createOrderServices({ ...deps, dispatchCatalogue: (category, divisionCode) => intake.config.resolve(category, divisionCode) }),
    intake,
    replies: new ReplyDraftService({ repo: intake.repository, search: deps.search, knowledge: deps.knowledge, scope: deps.auth.scope, audit: deps.audit }),
    hotspots: new HotspotsService(deps.database.db),
    classifier: createClassifierServices(deps),
  };
}
