/**
 * The life of an allocation round, one state at a time:
 * draft → registration → review → list_published → committed → drawn.
 * Each step is a compare-and-set on the status inside a transaction with its audit record;
 * the published list, the commitment and the draw are also frozen by database triggers.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../auth/clock.js';
import { assertCan, can } from '../auth/policy.js';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { ALGORITHM_DESCRIPTION, ALGORITHM_ID, commitmentOf, draw, listHash, seedOf, type QualifiedEntry } from './algorithm.js';
import { beijingTime, parseGroups, parseQualified, presentPublicRound, presentRoundSummary } from './allocation.presenter.js';
import type { AllocationRepository, RoundRow } from './allocation.repository.js';
import { ROUND_STATUS_LABELS, type RoundInput, type RoundStatus } from './allocation.schema.js';
import { EXPORT_FORMAT, type AllocationExport } from './verify.js';

interface Meta {
  ip?: string;
}

export const SPECIFICATION = 'docs/allocation.md';

export function assertStaff(actor: Actor): void {
  if (can(actor, 'allocation.manage') || can(actor, 'allocation.review') || can(actor, 'allocation.supervise')) return;
  assertCan(actor, 'allocation.manage');
}

export class RoundsService {
  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      repo: AllocationRepository;
      audit: AuditRecorder;
      clock: Clock;
    },
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  async round(id: string): Promise<RoundRow> {
    const r = await this.deps.repo.round(id);
    if (!r) throw new AppError(ErrorCode.NotFound, `未找到分配轮次：${id}`);
    return r;
  }

  private assertStatus(r: RoundRow, ...allowed: RoundStatus[]): void {
    if (allowed.includes(r.status as RoundStatus)) return;
    throw new AppError(ErrorCode.Conflict, `该轮次当前为“${ROUND_STATUS_LABELS[r.status as RoundStatus]}”，不能执行此操作（需要：${allowed.map((s) => ROUND_STATUS_LABELS[s]).join('或')}）`, { status: r.status });
  }

  /** Moves the round from `from` to `to` only if nobody moved it in between. */
  private async transition(trx: Kysely<DB>, r: RoundRow, from: RoundStatus, set: Partial<RoundRow> & { status: RoundStatus }): Promise<void> {
    const res = await trx
      .updateTable('allocation_rounds')
      .set({ ...set, updated_at: this.now() })
      .where('id', '=', r.id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(ErrorCode.Conflict, '该轮次刚刚被他人更新，请刷新后再操作');
  }

  async listPublic() {
    return (await this.deps.repo.rounds({ publicOnly: true })).map(presentRoundSummary);
  }

  async listStaff(actor: Actor) {
    assertStaff(actor);
    return (await this.deps.repo.rounds({ publicOnly: false })).map(presentRoundSummary);
  }

  async getPublic(id: string) {
    const r = await this.round(id);
    if (r.status === 'draft') throw new AppError(ErrorCode.NotFound, `未找到分配轮次：${id}`);
    return presentPublicRound(r, r.status === 'drawn' ? await this.deps.repo.results(id) : null);
  }

  async getStaff(actor: Actor, id: string) {
    assertStaff(actor);
    const r = await this.round(id);
    const counts = await this.deps.repo.countByStatus(id);
    return {
      ...presentPublicRound(r, r.status === 'drawn' ? await this.deps.repo.results(id) : null),
      counts: { pending: counts.pending ?? 0, qualified: counts.qualified ?? 0, unqualified: counts.unqualified ?? 0 },
      openObjections: await this.deps.repo.openObjections(id),
    };
  }

  async create(actor: Actor, input: RoundInput, meta: Meta = {}) {
    assertCan(actor, 'allocation.manage');
    const now = this.now();
    const id = `AL${now.slice(0, 10).replace(/-/g, '')}${randomBytes(3).toString('hex').toUpperCase()}`;
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('allocation_rounds')
        .values({ id, ...roundColumns(input), status: 'draft', applicant_seq: 0, created_by: actor.name, created_at: now, updated_at: now })
        .execute();
      await this.deps.audit.record({ actor, action: 'allocation.round.create', entityType: 'allocation_round', entityId: id, after: input, ip: meta.ip }, trx);
    });
    return this.getStaff(actor, id);
  }

  /** Rules, groups, slots and the window change only while the round is a draft. */
  async update(actor: Actor, id: string, input: RoundInput, meta: Meta = {}) {
    assertCan(actor, 'allocation.manage');
    const r = await this.round(id);
    this.assertStatus(r, 'draft');
    await this.deps.db.transaction().execute(async (trx) => {
      await this.transition(trx, r, 'draft', { status: 'draft', ...roundColumns(input) });
      await this.deps.audit.record({ actor, action: 'allocation.round.update', entityType: 'allocation_round', entityId: id, before: roundInputOf(r), after: input, ip: meta.ip }, trx);
    });
    return this.getStaff(actor, id);
  }

  async openRegistration(actor: Actor, id: string, meta: Meta = {}) {
    assertCan(actor, 'allocation.manage');
    const r = await this.round(id);
    this.assertStatus(r, 'draft');
    if (r.registration_closes_at <= this.now()) throw new AppError(ErrorCode.Conflict, '报名截止时间已过，请先修改报名时间', { field: 'registrationClosesAt' });
    await this.step(actor, r, 'draft', { status: 'registration' }, 'allocation.registration.open', meta);
    return this.getStaff(actor, id);
  }

  /** Registration ends at its announced time, not earlier: nobody may be shut out by an early close. */
  async closeRegistration(actor: Actor, id: string, meta: Meta = {}) {
    assertCan(actor, 'allocation.manage');
    const r = await this.round(id);
    this.assertStatus(r, 'registration');
    if (this.now() < r.registration_closes_at) throw new AppError(ErrorCode.Conflict, `报名将于 ${beijingTime(r.registration_closes_at)} 截止，截止前不能结束报名`);
    await this.step(actor, r, 'registration', { status: 'review' }, 'allocation.registration.close', meta);
    return this.getStaff(actor, id);
  }

  private async step(actor: Actor, r: RoundRow, from: RoundStatus, set: Partial<RoundRow> & { status: RoundStatus }, action: string, meta: Meta, after: Record<string, unknown> = {}) {
    await this.deps.db.transaction().execute(async (trx) => {
      await this.transition(trx, r, from, set);
      await this.deps.audit.record({ actor, action, entityType: 'allocation_round', entityId: r.id, before: { status: from }, after: { status: set.status, ...after }, ip: meta.ip }, trx);
    });
  }

  /** Freezes the qualified list (application numbers, masked names, groups) and publishes its hash. */
  async publishList(actor: Actor, id: string, meta: Meta = {}) {
    assertCan(actor, 'allocation.manage');
    const r = await this.round(id);
    this.assertStatus(r, 'review');
    await this.deps.db.transaction().execute(async (trx) => {
      // lock the round row before reading the decisions: a reviewer's decision takes the same
      // lock first (applications.service decide), so none can commit unseen between the read
      // and the publication
      await lockRoundInReview(trx, id);
      const counts = await this.deps.repo.countByStatus(id, trx);
      if ((counts.pending ?? 0) > 0) throw new AppError(ErrorCode.Conflict, `还有 ${counts.pending} 份报名未作资格决定，不能公示合格名单`);
      const qualified: QualifiedEntry[] = (await this.deps.repo.qualifiedOf(id, trx)).map((a) => ({ applicationNo: a.application_no, name: a.name_masked, group: a.group_name }));
      const hash = await listHash(drawRoundOf(r), qualified);
      await this.transition(trx, r, 'review', { status: 'list_published', qualified_list: JSON.stringify(qualified), list_hash: hash, list_published_at: this.now() });
      await this.deps.audit.record(
        { actor, action: 'allocation.list.publish', entityType: 'allocation_round', entityId: id, before: { status: 'review' }, after: { status: 'list_published', listHash: hash, qualified: qualified.length, unqualified: counts.unqualified ?? 0 }, ip: meta.ip },
        trx,
      );
    });
    return this.getStaff(actor, id);
  }

  /** A fresh 32-byte secret, stored; its SHA-256 is published and can never change afterwards. */
  async publishCommitment(actor: Actor, id: string, meta: Meta = {}) {
    assertCan(actor, 'allocation.manage');
    const r = await this.round(id);
    this.assertStatus(r, 'list_published');
    if (r.commitment !== null) throw new AppError(ErrorCode.Conflict, '承诺值已经公布，不能更改');
    const secret = randomBytes(32).toString('hex');
    const commitment = await commitmentOf(secret);
    await this.step(actor, r, 'list_published', { status: 'committed', secret, commitment, committed_at: this.now() }, 'allocation.commitment.publish', meta, { commitment });
    return this.getStaff(actor, id);
  }

  /**
   * The draw: the supervisor's public value completes the seed; everyone qualified gets a
   * rank; the secret becomes public. Recorded with the seed so anyone can redo it.
   */
  async draw(actor: Actor, id: string, publicValue: string, meta: Meta = {}) {
    assertCan(actor, 'allocation.supervise');
    const r = await this.round(id);
    this.assertStatus(r, 'committed');
    const qualified = parseQualified(r)!;
    // the stored secret must still be the committed one: a changed row is refused before anything is drawn
    if ((await commitmentOf(r.secret!)) !== r.commitment) throw new AppError(ErrorCode.Internal, '秘密值与已公布的承诺值不符，抽签中止');
    if ((await listHash(drawRoundOf(r), qualified)) !== r.list_hash) throw new AppError(ErrorCode.Internal, '合格名单与已公布的名单哈希不符，抽签中止');
    const seed = await seedOf(r.secret!, publicValue, r.list_hash!);
    const results = await draw(drawRoundOf(r), qualified, seed);
    await this.deps.db.transaction().execute(async (trx) => {
      await this.transition(trx, r, 'committed', { status: 'drawn', public_value: publicValue, seed, drawn_at: this.now(), drawn_by: actor.name });
      // chunks keep each INSERT under the databases' bound-parameter limits
      for (let i = 0; i < results.length; i += 500) {
        await trx
          .insertInto('allocation_results')
          .values(results.slice(i, i + 500).map((x) => ({ round_id: id, application_no: x.applicationNo, rank: x.rank, group_name: x.group, selected: x.selected ? 1 : 0 })))
          .execute();
      }
      await this.deps.audit.record(
        {
          actor,
          action: 'allocation.draw',
          entityType: 'allocation_round',
          entityId: id,
          before: { status: 'committed', commitment: r.commitment, listHash: r.list_hash },
          after: { status: 'drawn', publicValue, seed, algorithm: ALGORITHM_ID, ranked: results.length, selected: results.filter((x) => x.selected).length },
          ip: meta.ip,
        },
        trx,
      );
    });
    return this.getStaff(actor, id);
  }

  /** Everything a third party needs to redo the draw (docs/allocation.md); public once drawn. */
  async exportRound(id: string): Promise<AllocationExport> {
    const r = await this.round(id);
    if (r.status !== 'drawn') throw new AppError(ErrorCode.Conflict, '该轮次尚未抽签，抽签后才能导出校验文件');
    const results = await this.deps.repo.results(id);
    return {
      format: EXPORT_FORMAT,
      algorithm: { id: ALGORITHM_ID, description: ALGORITHM_DESCRIPTION, specification: SPECIFICATION },
      round: {
        id: r.id,
        title: r.title,
        resource: { name: r.resource_name, kind: r.resource_kind, slots: r.slots },
        groups: parseGroups(r).map((g) => ({ name: g.name, quota: g.quota })),
        registration: { opensAt: r.registration_opens_at, closesAt: r.registration_closes_at },
        listPublishedAt: r.list_published_at!,
        committedAt: r.committed_at!,
        drawnAt: r.drawn_at!,
      },
      qualified: parseQualified(r)!,
      listHash: r.list_hash!,
      commitment: r.commitment!,
      secret: r.secret!,
      publicValue: r.public_value!,
      seed: r.seed!,
      results: results.map((x) => ({ applicationNo: x.application_no, rank: x.rank, group: x.group_name, selected: x.selected === 1 })),
    };
  }
}

export function drawRoundOf(r: RoundRow) {
  return { id: r.id, slots: r.slots, groups: parseGroups(r).map((g) => ({ name: g.name, quota: g.quota })) };
}

function roundColumns(input: RoundInput) {
  return {
    title: input.title,
    resource_name: input.resourceName,
    resource_kind: input.resourceKind,
    slots: input.slots,
    description: input.description ?? null,
    rules: JSON.stringify(input.rules),
    groups: JSON.stringify(input.groups),
    registration_opens_at: new Date(input.registrationOpensAt).toISOString(),
    registration_closes_at: new Date(input.registrationClosesAt).toISOString(),
  };
}

function roundInputOf(r: RoundRow) {
  return { title: r.title, resourceName: r.resource_name, resourceKind: r.resource_kind, slots: r.slots, rules: JSON.parse(r.rules), groups: JSON.parse(r.groups), registrationOpensAt: r.registration_opens_at, registrationClosesAt: r.registration_closes_at };
}

/**
 * Row lock on a round still in review (PostgreSQL: the UPDATE's row lock until commit; SQLite:
 * the write lock of the transaction). Decisions and the publication of the list both take it
 * first, so they are serialised; 409 when the round has left review.
 */
export async function lockRoundInReview(trx: Kysely<DB>, id: string): Promise<void> {
  const res = await trx.updateTable('allocation_rounds').set({ status: 'review' }).where('id', '=', id).where('status', '=', 'review').executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError(ErrorCode.Conflict, '合格名单已公示，不能再改变资格决定');
}
