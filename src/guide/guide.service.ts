/**
 * Guided service (情形引导, issue #5): computes a citizen's checklist for an item or a life
 * event from the item versions in force, keeps the answers in a resumable session, and
 * records each checklist shown in the audit trail ('ai.guide', a rules producer, the cited
 * item versions) in the same transaction as the session.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import type { ServiceItem } from '../knowledge/knowledge.schema.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import { optionIdOf } from '../knowledge/situations.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { checklistText, computeChecklist, type ItemSource } from './checklist.js';
import { GuideRepository, type GuideSessionRow } from './guide.repository.js';
import type { Answers, GuideRequest, ItemChecklist, ItemGuideResponse, LifeEvent, LifeEventGuide, ResumedSession } from './guide.schema.js';
import { computeLifeEventGuide } from './life-event.js';

/** The rules that turn a 情形 tree into a checklist; bump when their meaning changes. */
export const GUIDE_RULES_VERSION = '1';
export const GUIDE_PRODUCER = `rules:guide@${GUIDE_RULES_VERSION}`;
export const GUIDE_SESSION_DAYS = 30;

export interface GuideClock {
  now(): Date;
}

export interface RequestMeta {
  actor: Actor;
  ip?: string;
}

type Kind = 'item' | 'life_event';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class GuideService {
  private readonly repo: GuideRepository;
  /** "now" for session expiry; tests move it */
  readonly clock: GuideClock;

  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      knowledge: KnowledgeService;
      audit: AuditRecorder;
      lifeEvents: LifeEvent[];
      clock: GuideClock;
    },
  ) {
    this.repo = new GuideRepository(deps.db);
    this.clock = deps.clock;
  }

  /** The item version in force (a draft, a retired or a not-yet-valid item gives no guide). */
  async itemSource(id: string, date?: string): Promise<ItemSource> {
    const entry = await this.deps.knowledge.get(id, { date }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === ErrorCode.NotFound) throw new AppError(ErrorCode.NotFound, `未找到办事事项：${id}`, { id });
      throw err;
    });
    if (entry.kind !== 'item') throw new AppError(ErrorCode.NotFound, `未找到办事事项：${id}`, { id });
    if (!entry.inForce || entry.status === 'draft') throw new AppError(ErrorCode.NotFound, `事项“${entry.title}”当前没有有效的办事指南`, { id });
    return { docId: entry.id, version: entry.version, department: entry.department, passages: entry.passages, body: entry.body as unknown as ServiceItem };
  }

  async itemGuide(id: string, req: GuideRequest, meta: RequestMeta): Promise<ItemGuideResponse> {
    const source = await this.itemSource(id, req.date);
    const answers = req.answers ?? {};
    const checklist = computeChecklist(source, answers);
    const session = await this.save('item', id, answers, req.date ?? null, { [id]: source.version }, req.resumeToken, meta, checklist, undefined);
    return { ...checklist, session };
  }

  lifeEvent(id: string): LifeEvent {
    const event = this.deps.lifeEvents.find((e) => e.id === id);
    if (!event) throw new AppError(ErrorCode.NotFound, `未找到“一件事”：${id}`, { id });
    return event;
  }

  private async lifeEventSources(event: LifeEvent, date?: string): Promise<Map<string, ItemSource>> {
    const sources = new Map<string, ItemSource>();
    for (const step of event.steps) sources.set(step.itemId, await this.itemSource(step.itemId, date));
    return sources;
  }

  /** Life events whose items all have a guide in force today. */
  async listLifeEvents() {
    const out = [];
    for (const event of this.deps.lifeEvents) {
      const sources = await this.lifeEventSources(event).catch((err: unknown) => {
        if (err instanceof AppError && err.code === ErrorCode.NotFound) return undefined;
        throw err;
      });
      if (!sources) continue;
      out.push({
        id: event.id,
        name: event.name,
        ...(event.summary ? { summary: event.summary } : {}),
        steps: event.steps.map((s) => {
          const src = sources.get(s.itemId)!;
          return { itemId: s.itemId, itemName: src.body.name, department: src.department, ...(s.title ? { title: s.title } : {}), conditional: !!s.when };
        }),
      });
    }
    return out;
  }

  async lifeEventGuide(id: string, req: GuideRequest, meta: RequestMeta): Promise<LifeEventGuide & { session: ItemGuideResponse['session'] }> {
    const event = this.lifeEvent(id);
    const sources = await this.lifeEventSources(event, req.date);
    const answers = req.answers ?? {};
    const guide = computeLifeEventGuide(event, sources, answers);
    const versions = Object.fromEntries([...sources].map(([k, s]) => [k, s.version]));
    const session = await this.save('life_event', id, answers, req.date ?? null, versions, req.resumeToken, meta, undefined, guide);
    return { ...guide, session };
  }

  /** The session behind a resume link, recomputed with the item versions in force now. */
  async resume(token: string, meta: RequestMeta): Promise<ResumedSession> {
    const row = await this.repo.byTokenHash(hashToken(token), this.clock.now().toISOString());
    if (!row) throw new AppError(ErrorCode.NotFound, '办事引导记录不存在或已过期（保存30天），请重新开始', {});
    const stored = JSON.parse(row.answers) as Answers;
    const before = JSON.parse(row.versions) as Record<string, number>;
    const date = row.date ?? undefined;
    if (row.kind === 'item') {
      const source = await this.itemSource(row.target_id, date);
      const answers = keepValidItemAnswers(source.body, stored);
      const guide = await this.itemGuide(row.target_id, { answers, date, resumeToken: token }, meta);
      return { kind: 'item', targetId: row.target_id, answers, date: row.date, versionChanged: before[row.target_id] !== source.version, guide };
    }
    const event = this.lifeEvent(row.target_id);
    const sources = await this.lifeEventSources(event, date);
    const answers = keepValidEventAnswers(event, sources, stored);
    const guide = await this.lifeEventGuide(row.target_id, { answers, date, resumeToken: token }, meta);
    const versionChanged = [...sources].some(([k, s]) => before[k] !== s.version);
    return { kind: 'life_event', targetId: row.target_id, answers, date: row.date, versionChanged, guide };
  }

  private async save(
    kind: Kind,
    targetId: string,
    answers: Answers,
    date: string | null,
    versions: Record<string, number>,
    resumeToken: string | undefined,
    meta: RequestMeta,
    item: ItemChecklist | undefined,
    event: LifeEventGuide | undefined,
  ): Promise<ItemGuideResponse['session']> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + GUIDE_SESSION_DAYS * 86_400_000).toISOString();
    const stamp = now.toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      // a token of an expired session, or of another item, starts a new session
      let row = resumeToken ? await repo.byTokenHash(hashToken(resumeToken), stamp) : undefined;
      if (row && (row.kind !== kind || row.target_id !== targetId)) row = undefined;
      let token = resumeToken!;
      const patch = { answers: JSON.stringify(answers), date, versions: JSON.stringify(versions), updated_at: stamp, expires_at: expiresAt };
      let sessionId: string;
      if (row) {
        sessionId = row.id;
        await repo.update(row.id, patch);
      } else {
        // expired sessions go as new ones come, so the table holds about 30 days of sessions
        await repo.deleteExpired(stamp);
        token = randomBytes(24).toString('base64url');
        sessionId = randomUUID();
        const fresh: GuideSessionRow = { id: sessionId, token_hash: hashToken(token), kind, target_id: targetId, created_at: stamp, ...patch };
        await repo.insert(fresh);
      }
      const citations = item ? [{ docId: item.cite.docId, version: item.cite.version }] : event!.citations.map((c) => ({ docId: c.docId, version: c.version }));
      await this.deps.audit.record(
        {
          actor: meta.actor,
          action: 'ai.guide',
          entityType: 'guide_session',
          entityId: sessionId,
          after: { kind, targetId, answers, date, complete: (item ?? event)!.complete },
          ai: {
            question: item ? `情形引导：${item.item.name}` : `一件事：${event!.event.name}`,
            answer: item ? checklistText(item) : event!.steps.map((s) => checklistText(s.checklist)).join('\n\n'),
            citations,
            producer: GUIDE_PRODUCER,
            producerVersion: GUIDE_RULES_VERSION,
            outcome: (item ?? event)!.complete ? 'complete' : 'partial',
          },
          ip: meta.ip,
        },
        trx,
      );
      return { resumeToken: token, resumeUrl: `/guide/${token}`, expiresAt };
    });
  }
}

/** Stored answers that still fit the item's current 情形 tree (an editor may have changed it). */
export function keepValidItemAnswers(item: ServiceItem, answers: Answers): Answers {
  const out: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    const q = item.situations.find((x) => x.id === key);
    if (!q) continue;
    const ids = (Array.isArray(value) ? value : [value]).filter((id) => q.options.some((o, i) => optionIdOf(o, i) === id));
    if (ids.length === 0) continue;
    out[key] = q.multiple ? ids : ids[0]!;
  }
  return out;
}

function keepValidEventAnswers(event: LifeEvent, sources: Map<string, ItemSource>, answers: Answers): Answers {
  const out: Answers = {};
  const perItem = new Map<string, Answers>();
  for (const [key, value] of Object.entries(answers)) {
    const slash = key.indexOf('/');
    if (slash < 0) {
      const q = event.questions.find((x) => x.id === key);
      const ids = q ? (Array.isArray(value) ? value : [value]).filter((id) => q.options.some((o) => o.id === id)) : [];
      if (q && ids.length) out[key] = q.multiple ? ids : ids[0]!;
    } else {
      const itemId = key.slice(0, slash);
      perItem.set(itemId, { ...perItem.get(itemId), [key.slice(slash + 1)]: value });
    }
  }
  for (const [itemId, a] of perItem) {
    const src = sources.get(itemId);
    if (!src) continue;
    for (const [qid, v] of Object.entries(keepValidItemAnswers(src.body, a))) out[`${itemId}/${qid}`] = v;
  }
  return out;
}
