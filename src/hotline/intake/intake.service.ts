/**
 * Suggestions shown to an agent taking an order: type and category (the trained classifier),
 * the responsible departments (派单目录), urgency, the place, a direct answer from the
 * knowledge base for a 咨询 — only when grounded, with its citations — and likely duplicates.
 * Every suggestion shown is recorded as an AI output (ai.suggest).
 */
import type { AnswerEngine } from '../../assistant/answer.types.js';
import type { Actor } from '../../auth/actor.js';
import { assertCan } from '../../auth/policy.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { classifyType } from '../classifier/order-type.js';
import type { ClassifierStore } from '../classifier/store.js';
import { DUPLICATE_TUNING, findDuplicates, parseLocation, TermCache, type DuplicateCandidate } from './duplicates.js';
import type { IntakeConfigService } from './intake-config.service.js';
import type { SuggestRequest, SuggestResponse } from './intake.schema.js';
import type { IntakeRepository } from './intake.repository.js';
import { extractLocation } from './location.js';
import { assessUrgency } from './urgency.js';

const DAY = 86_400_000;
/** recent orders compared for duplicates; a busy center's month stays within this */
const CANDIDATE_LIMIT = 5000;

export const SUGGEST_PRODUCER = 'rules:hotline-intake';
export const SUGGEST_VERSION = '1.0.0';

export class IntakeService {
  private readonly terms = new TermCache();

  constructor(
    private readonly deps: {
      repo: IntakeRepository;
      config: IntakeConfigService;
      classifier: ClassifierStore;
      engine: AnswerEngine;
      audit: AuditRecorder;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async suggest(actor: Actor, input: SuggestRequest, meta: { ip?: string } = {}): Promise<SuggestResponse> {
    assertCan(actor, 'hotline.intake');
    const notes: string[] = [];
    const classifier = this.deps.classifier.current();
    const classified = classifier?.classify(input);
    if (!classifier) notes.push('工单分类模型尚未训练，未给出分类建议（管理员可运行 xiaozheng hotline train）');
    const type = classified?.type ?? classifyType(input.title, input.text);
    const category = classified?.category ?? null;
    const location = extractLocation([input.title, input.text].filter(Boolean).join('。'));
    const urgency = assessUrgency(input.title, input.text);
    if (urgency.advice) notes.push(urgency.advice);

    const dispatch = await this.deps.config.resolve(category, location.divisionCode ?? null);
    if (category && !dispatch) notes.push(`派单目录中没有适用于“${category}”的规则，请人工选择承办单位`);

    let directAnswer: SuggestResponse['directAnswer'];
    if (type === '咨询' && urgency.urgency !== 'emergency') {
      directAnswer = await this.directAnswer(input);
      if (!directAnswer) notes.push('知识库中没有能直接答复的依据，需派单办理');
    }

    const at = this.now();
    const candidates = await this.deps.repo.ordersBetween(new Date(at.getTime() - DUPLICATE_TUNING.windowDays * DAY).toISOString(), new Date(at.getTime() + DAY).toISOString(), CANDIDATE_LIMIT);
    const duplicates = findDuplicates({ title: input.title, text: input.text, location, at }, candidates, this.terms);

    const result: SuggestResponse = {
      type,
      category,
      confidence: classified?.confidence ?? null,
      alternatives: classified?.alternatives ?? [],
      terms: classified?.terms ?? [],
      department: dispatch ? { ...dispatch.department, ruleId: dispatch.ruleId } : undefined,
      coDepartments: dispatch?.coDepartments ?? [],
      urgency: urgency.urgency,
      emergencyNumbers: urgency.numbers,
      location,
      directAnswer,
      duplicates,
      notes,
    };
    await this.deps.audit.record({
      actor,
      action: 'ai.suggest',
      entityType: 'hotline_text',
      ai: {
        question: [input.title, input.text].filter(Boolean).join('\n'),
        answer: summary(result),
        citations: (directAnswer?.citations ?? []).map((c) => ({ docId: c.entryId, version: c.version })),
        producer: SUGGEST_PRODUCER,
        producerVersion: `${SUGGEST_VERSION}+classifier:${classifier?.model.trainedAt ?? 'none'}`,
        outcome: result.urgency,
      },
      ip: meta.ip,
    });
    return result;
  }

  /** Candidates for 并单 of a stored order: recent orders around its creation, same matter and place. */
  async duplicatesOf(actor: Actor, orderId: string): Promise<DuplicateCandidate[]> {
    assertCan(actor, 'hotline.intake');
    const order = await this.deps.repo.order(orderId);
    if (!order) throw new AppError(ErrorCode.NotFound, `工单不存在：${orderId}`);
    const at = new Date(order.createdAt);
    const w = DUPLICATE_TUNING.windowDays * DAY;
    const candidates = await this.deps.repo.ordersBetween(new Date(at.getTime() - w).toISOString(), new Date(at.getTime() + w).toISOString(), CANDIDATE_LIMIT);
    return findDuplicates({ title: order.title, text: order.content, location: parseLocation(order.location), at, excludeId: order.id }, candidates, this.terms);
  }

  /** The consultation engine's answer when it is grounded (answered with citations); silent otherwise. */
  private async directAnswer(input: SuggestRequest): Promise<SuggestResponse['directAnswer']> {
    const message = [input.title, input.text].filter(Boolean).join('。').slice(0, 300);
    try {
      const r = await this.deps.engine.answer({ message, history: [], state: {} });
      if (r.outcome !== 'answered' || r.citations.length === 0) return undefined;
      return { text: r.answer, citations: r.citations.map((c) => ({ entryId: c.docId, version: c.version, title: c.title, quote: c.quote })) };
    } catch (err) {
      // the search index is still loading: no answer now is better than no suggestion at all
      if (err instanceof AppError && err.code === ErrorCode.Unavailable) return undefined;
      throw err;
    }
  }
}

function summary(r: SuggestResponse): string {
  return [
    `类型：${r.type}`,
    `分类：${r.category ?? '无'}${r.confidence != null ? `（${r.confidence.toFixed(3)}）` : ''}`,
    `承办：${r.department?.name ?? '无'}${r.coDepartments.length ? `；协办：${r.coDepartments.map((d) => d.name).join('、')}` : ''}`,
    `紧急程度：${r.urgency}${r.emergencyNumbers.length ? `（${r.emergencyNumbers.join('/')}）` : ''}`,
    `直接答复：${r.directAnswer ? '有' : '无'}`,
    `疑似重复：${r.duplicates.map((d) => d.id).join('、') || '无'}`,
  ].join('；');
}
