/** Composition of the consultation services (issue #4): chat, answers, handoff, feedback. */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { Env } from '../config/env.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { SearchService } from '../search/search.service.js';
import { createAnswerEngine } from './answer-engine.js';
import type { AnswerEngine } from './answer.types.js';
import { ChatService, DEFAULT_CHAT_SETTINGS, type ChatSettings, type Clock } from './chat.service.js';
import { FeedbackService } from './feedback.service.js';
import { HandoffService } from './handoff.service.js';

export interface AssistantServices {
  /** understands a message and composes the grounded answer (the chat service calls it) */
  engine: AnswerEngine;
  chat: ChatService;
  handoff: HandoffService;
  feedback: FeedbackService;
  /** "now" for sessions, office hours and stored times; tests replace `now` */
  clock: Clock;
  settings: ChatSettings;
}

export function createAssistantServices(deps: {
  db: Kysely<DB>;
  dialect: Dialect;
  audit: AuditRecorder;
  env: Env;
  knowledge: KnowledgeService;
  search: SearchService;
}): AssistantServices {
  const clock: Clock = { now: () => new Date() };
  // one mutable settings object shared by the services, so a test can change office hours in place
  const settings: ChatSettings = { ...DEFAULT_CHAT_SETTINGS, officeHours: deps.env.officeHours };
  const engine = createAnswerEngine({ knowledge: deps.knowledge, search: deps.search, env: deps.env, now: () => clock.now() });
  return {
    engine,
    chat: new ChatService({ db: deps.db, audit: deps.audit, engine, clock, settings }),
    handoff: new HandoffService({ db: deps.db, audit: deps.audit, clock, settings }),
    feedback: new FeedbackService({ db: deps.db, audit: deps.audit, knowledge: deps.knowledge, clock }),
    clock,
    settings,
  };
}
