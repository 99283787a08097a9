/**
 * Citizens rate answers (有用/没用); the knowledge manager reviews unanswered and badly rated
 * questions, grouped by wording, and turns one into a draft FAQ entry.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import { DepartmentsRepository } from '../auth/departments.repository.js';
import { assertCan } from '../auth/policy.js';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { entryInputSchema, type EntryBody } from '../knowledge/knowledge.schema.js';
import { toVersionRow, type KnowledgeService } from '../knowledge/knowledge.service.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { normalizeText } from '../text/normalize.js';
import { ChatRepository } from './chat.repository.js';
import { SESSION_NOT_FOUND, type ReviewResponse } from './chat.schema.js';
import type { Clock } from './chat.service.js';
import { FeedbackRepository, type ReviewRow } from './feedback.repository.js';

/** Rows read for one review: enough for months of a district's unanswered questions. */
const REVIEW_SCAN = 5000;
const SAMPLES = 3;
/** the answer of a draft FAQ created from a question alone: the editor fills it in before publishing */
export const FAQ_DRAFT_PLACEHOLDER = '（待补充答案：请编辑后再发布）';

/**
 * The grouping key of a question: normalised (full-width, case, traditional → simplified),
 * without spaces, punctuation, a leading 请问 or trailing modal particles.
 */
export function normalizeQuestion(q: string): string {
  return normalizeText(q)
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/^(请问|你好|您好)+/u, '')
    .replace(/[吗呢啊呀吧么哈]+$/u, '');
}

export class FeedbackService {
  private readonly repo: FeedbackRepository;
  private readonly chats: ChatRepository;
  private readonly departments: DepartmentsRepository;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      audit: AuditRecorder;
      knowledge: KnowledgeService;
      clock: Clock;
    },
  ) {
    this.repo = new FeedbackRepository(deps.db);
    this.chats = new ChatRepository(deps.db);
    this.departments = new DepartmentsRepository(deps.db);
  }

  async rate(sessionId: string, messageId: number, input: { useful: boolean; reason?: string }) {
    if (!(await this.chats.getSession(sessionId))) throw new AppError(ErrorCode.NotFound, SESSION_NOT_FOUND, { sessionId });
    const message = await this.chats.getMessage(sessionId, messageId);
    if (!message) throw new AppError(ErrorCode.NotFound, '未找到这条回答', { sessionId, messageId });
    if (message.role !== 'assistant' && message.role !== 'agent') throw new AppError(ErrorCode.ValidationFailed, '只能评价小政或客服的回答', { messageId });
    const reason = input.reason ?? null;
    await this.repo.upsert({ message_id: messageId, session_id: sessionId, useful: input.useful ? 1 : 0, reason, created_at: this.deps.clock.now().toISOString() });
    return { messageId, useful: input.useful, reason };
  }

  async review(actor: Actor, opts: { kind: 'unanswered' | 'bad'; from?: string; limit: number }): Promise<ReviewResponse> {
    assertCan(actor, 'assistant.review');
    const rows = await this.repo.reviewRows(opts.kind, { from: opts.from, limit: REVIEW_SCAN });
    const groups = new Map<string, ReviewRow[]>();
    for (const r of rows) {
      const key = normalizeQuestion(r.question ?? '') || (r.question ?? '');
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
    const count = (values: Array<string | null>) => {
      const out: Record<string, number> = {};
      for (const v of values) if (v) out[v] = (out[v] ?? 0) + 1;
      return out;
    };
    const out = [...groups.entries()].map(([normalized, g]) => ({
      // rows are newest first: the group's first row is the latest wording
      question: g[0]!.question ?? '',
      normalized,
      count: g.length,
      outcomes: count(g.map((r) => r.outcome)),
      reasons: count(g.map((r) => r.reason)),
      notUseful: g.filter((r) => r.useful === 0).length,
      feedbackReasons: [...new Set(g.map((r) => r.feedback_reason).filter((x): x is string => !!x))].slice(0, 10),
      lastAskedAt: g[0]!.created_at,
      samples: g.slice(0, SAMPLES).map((r) => ({ sessionId: r.session_id, messageId: r.message_id, question: r.question ?? '', answer: r.answer, outcome: r.outcome, at: r.created_at })),
    }));
    out.sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt));
    return { kind: opts.kind, total: rows.length, groups: out.slice(0, opts.limit) };
  }

  /**
   * A new FAQ entry in status draft (not published, so not searched or answered from until an
   * editor publishes it), filed under the reviewer's department so that department's editors
   * see and finish it, written with its audit record in one transaction.
   */
  async createFaqDraft(actor: Actor, input: { question: string; answer?: string; relatedId?: string }, ip?: string) {
    assertCan(actor, 'assistant.review');
    const now = this.deps.clock.now();
    const department = actor.departmentId === null ? undefined : (await this.departments.all()).find((d) => String(d.id) === actor.departmentId)?.name;
    const body = entryInputSchema.parse({
      kind: 'faq',
      id: `faq-draft-${randomBytes(6).toString('hex')}`,
      status: 'draft',
      question: input.question,
      answer: input.answer ?? FAQ_DRAFT_PLACEHOLDER,
      ...(input.relatedId ? { relatedId: input.relatedId } : {}),
      ...(department ? { department } : {}),
    }) as Extract<EntryBody, { kind: 'faq' }>;
    const at = now.toISOString();
    const row = toVersionRow(body, 1, at, '由咨询复盘创建的草稿');
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.knowledge.repository.withDb(trx).insertVersions([row], new Set([body.id]), at);
      await this.deps.audit.record(
        { actor, action: 'assistant.faq_draft.create', entityType: 'entry', entityId: body.id, after: { kind: 'faq', status: 'draft', version: 1, question: body.question, answer: body.answer }, ip },
        trx,
      );
    });
    return { id: body.id, version: 1, status: 'draft' as const, question: body.question, answer: body.answer, department: body.department ?? null };
  }
}
