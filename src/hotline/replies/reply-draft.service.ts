/**
 * POST /hotline/orders/:id/reply-draft: a draft built from similar replied orders and the
 * knowledge base, with its sources, recorded as an AI output (ai.reply_draft).
 */
import type { Actor } from '../../auth/actor.js';
import type { DepartmentScope } from '../../auth/department-scope.js';
import { can } from '../../auth/policy.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { KnowledgeService } from '../../knowledge/knowledge.service.js';
import type { SearchService } from '../../search/search.service.js';
import { contentWords } from '../../assistant/answer-engine.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { extractLocation } from '../intake/location.js';
import { TermCache } from '../intake/duplicates.js';
import type { IntakeRepository } from '../intake/intake.repository.js';
import { composeDraft, ReplyIndex, type DraftSource, type KnowledgePassage } from './reply-draft.js';

/** the same resource name the orders module checks department scope with */
const ORDER_RESOURCE = 'hotline.order';
const HISTORY_LIMIT = 20_000;
/** share of the title's matter words a knowledge passage must hold to be offered */
const MIN_TITLE_WORDS_HELD = 0.6;
const COMPLAINT_WORDS = new Set(['反映', '投诉', '举报', '咨询', '建议', '希望', '请求', '要求', '问题', '情况', '关于', '严重', '相关', '部门', '解决', '处理', '尽快']);
/** replies written meanwhile join the drafts' history within this time */
const INDEX_TTL_MS = 60_000;

export const DRAFT_PRODUCER = 'rules:hotline-reply-draft';
export const DRAFT_VERSION = '1.0.0';

export class ReplyDraftService {
  private readonly terms = new TermCache();
  private index?: { built: number; index: Promise<ReplyIndex> };

  constructor(
    private readonly deps: {
      repo: IntakeRepository;
      search: Pick<SearchService, 'search' | 'status'>;
      knowledge: Pick<KnowledgeService, 'get'>;
      scope: DepartmentScope;
      audit: AuditRecorder;
    },
  ) {}

  async draft(actor: Actor, orderId: string, meta: { ip?: string } = {}): Promise<{ draft: string; sources: DraftSource[] }> {
    if (!can(actor, 'hotline.intake') && !can(actor, 'hotline.handle')) {
      if (actor.kind === 'anonymous') throw new AppError(ErrorCode.Unauthorized, '请先登录');
      throw new AppError(ErrorCode.Forbidden, '您没有执行此操作的权限');
    }
    const order = await this.deps.repo.order(orderId);
    // a handler drafts only for orders of its departments; others are not revealed
    if (!order || (!can(actor, 'hotline.intake') && !(await this.deps.scope.canSee(actor, ORDER_RESOURCE, order.departmentId)))) {
      throw new AppError(ErrorCode.NotFound, `工单不存在：${orderId}`);
    }
    const similar = (await this.replyIndex()).similar(order);
    const passages = await this.passages(order);
    const result = composeDraft(order, similar, passages);
    await this.deps.audit.record({
      actor,
      action: 'ai.reply_draft',
      entityType: 'hotline_order',
      entityId: order.id,
      ai: {
        question: `${order.title}\n${order.content}`,
        answer: result.draft,
        citations: result.sources.filter((s) => s.kind === 'knowledge').map((s) => ({ docId: s.id, version: s.version!, start: s.start, end: s.end })),
        producer: DRAFT_PRODUCER,
        producerVersion: DRAFT_VERSION,
        outcome: `orders:${similar.length}`,
      },
      ip: meta.ip,
    });
    return result;
  }

  private replyIndex(): Promise<ReplyIndex> {
    if (!this.index || Date.now() - this.index.built > INDEX_TTL_MS) {
      const index = this.deps.repo.repliedOrders(HISTORY_LIMIT).then((history) => new ReplyIndex(history, this.terms));
      // a failed build is not kept: the next draft tries again
      index.catch(() => (this.index = undefined));
      this.index = { built: Date.now(), index };
    }
    return this.index.index;
  }

  /**
   * Policy, law and FAQ passages about the order's matter; none while the index is loading.
   * Search always finds something for a long complaint, so a passage must also hold most of
   * the words of the order's title (its matter, places aside).
   */
  private async passages(order: { title: string; content: string }): Promise<KnowledgePassage[]> {
    if (!this.deps.search.status().ready) return [];
    const words = matterWords(order.title);
    if (words.length === 0) return [];
    const { hits } = this.deps.search.search({ query: `${order.title} ${order.content}`.slice(0, 200), limit: 5, kinds: ['policy', 'law', 'faq'] });
    return hits
      .filter((h) => {
        const held = words.filter((w) => h.title.includes(w) || h.passage.text.includes(w)).length;
        return held >= Math.min(2, words.length) && held / words.length >= MIN_TITLE_WORDS_HELD;
      })
      .map((h) => ({ entryId: h.docId, version: h.version, title: h.title, start: h.passage.start, end: h.passage.end, text: h.passage.text, score: h.score }));
  }
}

/** Content words of a title without the places it names (A3区, 某某小区) and complaint verbs. */
export function matterWords(title: string): string[] {
  const loc = extractLocation(title);
  const places = [loc.province, loc.city, loc.area, loc.street, loc.community, loc.road].filter((p): p is string => !!p);
  const bare = places.reduce((t, p) => t.split(p).join(' '), title);
  return contentWords(bare, null).filter((w) => !COMPLAINT_WORDS.has(w));
}
