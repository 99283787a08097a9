/**
 * The citizen's side of a conversation: sessions, the answer engine's turn, storage and the
 * audit record of every answer, and relaying to a live agent once the session is handed off.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { todayInShanghai } from '../knowledge/validity.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { AnswerEngine, AnswerResult, ConversationTurn } from './answer.types.js';
import { presentMessage } from './chat.presenter.js';
import { ChatRepository, type NewMessage, type SessionRow } from './chat.repository.js';
import { SESSION_NOT_FOUND, type ChatMode, type ChatRequest, type ChatResponse, type HandoffInfo, type MessagesResponse } from './chat.schema.js';
import { beginHandoff, type HandoffSettings } from './handoff.service.js';

export interface Clock {
  now(): Date;
}

export interface ChatSettings extends HandoffSettings {
  /** a bot conversation idle this long starts afresh */
  sessionIdleMs: number;
  /** earlier turns handed to the engine */
  historyTurns: number;
  /** how often an open event stream looks for new messages in the database */
  eventPollMs: number;
}

export const DEFAULT_CHAT_SETTINGS = { sessionIdleMs: 30 * 60_000, historyTurns: 20, eventPollMs: 1000 };

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

export interface AskInput extends ChatRequest {
  actor: Actor;
  ip?: string;
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
}

export class ChatService {
  private readonly repo: ChatRepository;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      audit: AuditRecorder;
      engine: AnswerEngine;
      clock: Clock;
      settings: ChatSettings;
    },
  ) {
    this.repo = new ChatRepository(deps.db);
  }

  /** Throws the citizen-facing 404 for an unknown session id (before a stream is opened). */
  async assertSession(sessionId: string): Promise<void> {
    if (!(await this.repo.getSession(sessionId))) throw new AppError(ErrorCode.NotFound, SESSION_NOT_FOUND, { sessionId });
  }

  /**
   * One citizen message. In a bot session the engine answers (streamed through `onDelta`) and
   * the question, the answer and its audit record are written in one transaction; in a queued
   * or agent session the message is stored for the agent. An idle or closed session is
   * replaced by a new one: the reply's `sessionId` is the one to use from then on.
   */
  async ask(input: AskInput): Promise<ChatResponse> {
    const now = this.deps.clock.now();
    let session = input.sessionId ? await this.repo.getSession(input.sessionId) : undefined;
    if (input.sessionId && !session) throw new AppError(ErrorCode.NotFound, SESSION_NOT_FOUND, { sessionId: input.sessionId });
    if (session && this.isStale(session, now)) session = undefined;

    if (session && (session.mode === 'queued' || session.mode === 'agent')) return this.relay(session, input.message, now);

    const history = session ? await this.history(session.id) : [];
    const state = session ? (JSON.parse(session.state) as Record<string, unknown>) : {};
    const result = await this.deps.engine.answer({
      message: input.message,
      history,
      state,
      date: todayInShanghai(now),
      onDelta: input.onDelta,
      signal: input.signal,
    });
    return this.store(session, input, result, now);
  }

  private isStale(session: SessionRow, now: Date): boolean {
    if (session.mode === 'closed') return true;
    return session.mode === 'bot' && now.getTime() - Date.parse(session.last_activity_at) > this.deps.settings.sessionIdleMs;
  }

  private async history(sessionId: string): Promise<ConversationTurn[]> {
    const rows = await this.repo.recentMessages(sessionId, this.deps.settings.historyTurns);
    return rows.map((r) => ({ role: r.role as ConversationTurn['role'], text: r.text }));
  }

  private async relay(session: SessionRow, message: string, now: Date): Promise<ChatResponse> {
    const at = now.toISOString();
    const [row] = await this.deps.db.transaction().execute((trx) =>
      this.repo.withDb(trx).appendMessages(session.id, [{ role: 'citizen', text: message, citations: '[]', created_at: at }], at),
    );
    return { sessionId: session.id, messageId: row!.id, seq: row!.seq, mode: session.mode as ChatMode, answer: '', citations: [], outcome: 'handoff', relayed: true };
  }

  private async store(session: SessionRow | undefined, input: AskInput, result: AnswerResult, now: Date): Promise<ChatResponse> {
    const at = now.toISOString();
    const sessionId = session?.id ?? newSessionId();
    // words the sensitive-word policy masks are stored and audited masked
    const asked = result.maskedMessage ?? input.message;
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      if (!session) {
        await repo.insertSession({ id: sessionId, channel: input.channel, mode: 'bot', state: '{}', last_seq: 0, created_at: at, last_activity_at: at });
      }
      const [question] = await repo.appendMessages(sessionId, [{ role: 'citizen', text: asked, citations: '[]', created_at: at }], at);
      const answer: NewMessage = {
        role: 'assistant',
        text: result.answer,
        outcome: result.outcome,
        reason: result.reason ?? null,
        citations: JSON.stringify(result.citations),
        suggestions: result.suggestions?.length ? JSON.stringify(result.suggestions) : null,
        producer: result.producer,
        producer_version: result.producerVersion,
        reply_to: question!.id,
        created_at: at,
      };
      const [stored] = await repo.appendMessages(sessionId, [answer], at);
      await repo.updateSession(sessionId, { state: JSON.stringify(result.state ?? {}) });
      let handoff: HandoffInfo | undefined;
      let mode: ChatMode = 'bot';
      let seq = stored!.seq;
      if (result.outcome === 'handoff') {
        const h = await beginHandoff(repo, sessionId, result.reason ?? 'engine', now, this.deps.settings);
        handoff = h.info;
        mode = h.mode;
        seq = h.seq;
      }
      await this.deps.audit.record(
        {
          actor: input.actor,
          action: 'ai.answer',
          entityType: 'chat_session',
          entityId: sessionId,
          after: { messageId: stored!.id, seq: stored!.seq, reason: result.reason ?? null, mode },
          ai: {
            question: asked,
            answer: result.answer,
            citations: result.citations.map((c) => ({ docId: c.docId, version: c.version, start: c.start, end: c.end })),
            producer: result.producer,
            producerVersion: result.producerVersion,
            outcome: result.outcome,
          },
          ip: input.ip,
        },
        trx,
      );
      return {
        sessionId,
        messageId: stored!.id,
        seq,
        mode,
        answer: result.answer,
        citations: result.citations,
        outcome: result.outcome,
        ...(result.reason ? { reason: result.reason } : {}),
        ...(result.suggestions?.length ? { suggestions: result.suggestions } : {}),
        relayed: false,
        ...(handoff ? { handoff } : {}),
      };
    });
  }

  /** Messages after `afterSeq` (polling and the event stream read the database, so any process can serve them). */
  async messagesAfter(sessionId: string, afterSeq: number, limit = 200): Promise<MessagesResponse> {
    const session = await this.repo.getSession(sessionId);
    if (!session) throw new AppError(ErrorCode.NotFound, SESSION_NOT_FOUND, { sessionId });
    const rows = await this.repo.messagesAfter(sessionId, afterSeq, limit);
    return { sessionId, mode: session.mode as ChatMode, messages: rows.map(presentMessage) };
  }
}
