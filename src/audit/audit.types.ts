/**
 * The contract every capability uses to write the audit trail (issue #3). The implementation
 * (hash chain, storage, verification) lives in audit.service.ts.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { DB } from '../db/database.types.js';

/** One source an AI output used: a knowledge entry at a version (and optionally the span quoted). */
export interface AuditCitation {
  docId: string;
  version: number;
  start?: number;
  end?: number;
}

/** The AI part of a record: what was asked, what was shown, from which sources, by what producer. */
export interface AuditAiOutput {
  question: string;
  answer: string;
  citations: AuditCitation[];
  /** 'rules:<rule set>' or 'llm:<model>' */
  producer: string;
  producerVersion: string;
  /** e.g. 'answered' | 'clarify' | 'handoff' | 'refused', or a classifier's confidence */
  outcome?: string;
}

export interface AuditInput {
  actor: Actor;
  /**
   * Dotted verb, domain first: 'auth.login', 'auth.login_failed', 'auth.logout', 'user.create',
   * 'user.update', 'token.create', 'grant.create', 'grant.revoke', 'kb.entry.update',
   * 'ai.answer', 'audit.export', 'hotline.order.dispatch' …
   */
  action: string;
  /** what the action was about: 'user', 'department', 'grant', 'entry', 'chat_session' … */
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  /** a human decision's reason (required by the calling service where the domain demands one) */
  reason?: string;
  ai?: AuditAiOutput;
  /** client address, masked in views like other personal data */
  ip?: string;
}

export interface AuditReceipt {
  seq: number;
  hash: string;
}

export interface AuditRecorder {
  /**
   * Appends one record to the chain. Pass the caller's transaction so the record commits (or
   * rolls back) with the change it describes.
   */
  record(input: AuditInput, trx?: Kysely<DB>): Promise<AuditReceipt>;
}
