/** Composition of material pre-review (issue #5). */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { AuthServices } from '../auth/auth.module.js';
import type { DB } from '../db/database.types.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import { PaddleOcrEngine, type OcrEngine } from './extraction/ocr.js';
import { PrereviewRepository } from './prereview.repository.js';
import { DEFAULT_PREREVIEW_SETTINGS, PrereviewService } from './prereview.service.js';

/** One OCR engine per process: the models take seconds and ~100 MB to load. */
let sharedOcr: OcrEngine | undefined;
export function processOcrEngine(): OcrEngine {
  sharedOcr ??= new PaddleOcrEngine((err) => console.warn(`prereview: OCR engine unavailable: ${(err as Error).message}`));
  return sharedOcr;
}

export function createPrereviewService(deps: { db: Kysely<DB>; audit: AuditRecorder; auth: AuthServices; knowledge: KnowledgeService; ocr?: OcrEngine }): PrereviewService {
  return new PrereviewService({
    db: deps.db,
    repo: new PrereviewRepository(deps.db),
    knowledge: deps.knowledge,
    scope: deps.auth.scope,
    audit: deps.audit,
    clock: deps.auth.clock,
    ocr: deps.ocr ?? processOcrEngine(),
    settings: { ...DEFAULT_PREREVIEW_SETTINGS },
  });
}
