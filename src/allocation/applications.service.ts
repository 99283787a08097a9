/**
 * Applicants of allocation rounds: registration (with the rules' suggestion), the reviewers'
 * queue and decisions, the applicant's own lookup with application number + last 4 ID
 * digits, and objections (申诉) with staff decisions. AI suggests; a named reviewer decides;
 * both go into the audit trail.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ANONYMOUS, type Actor } from '../auth/actor.js';
import type { Clock } from '../auth/clock.js';
import { assertCan, can } from '../auth/policy.js';
import type { AuditAiOutput, AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { parseDocumentDate, regionOf, todayInShanghai, validateIdCard, validatePhone } from '../prereview/validators/index.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { maskName } from '../text/pii.js';
import { beijingTime, parseGroups, parseRules, presentApplicationDetail, presentApplicationSummary, presentObjection } from './allocation.presenter.js';
import type { AllocationRepository, ApplicationRow } from './allocation.repository.js';
import type { Check, RegistrationInput, Suggestion } from './allocation.schema.js';
import { ELIGIBILITY_PRODUCER, evaluateEligibility } from './eligibility.js';
import type { IdProtector } from './id-protection.js';
import { assertStaff, lockRoundInReview, type RoundsService } from './rounds.service.js';

interface Meta {
  ip?: string;
}

const STATUS_LABELS = { pending: '资格审核中', qualified: '资格审核通过', unqualified: '资格审核未通过' } as const;
const LOOKUP_NOT_FOUND = '未找到该报名记录，请核对申请编号和身份证号码后 4 位';

export class ApplicationsService {
  constructor(
    private readonly deps: {
      db: Kysely<DB>;
      repo: AllocationRepository;
      rounds: RoundsService;
      audit: AuditRecorder;
      clock: Clock;
      ids: IdProtector;
    },
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /**
   * A registration within the window: the ID number (GB 11643), phone and 户籍 code must be
   * valid to register at all; the round's rules then give a suggestion for the reviewer.
   */
  async register(actor: Actor, roundId: string, input: RegistrationInput, meta: Meta = {}) {
    const r = await this.deps.rounds.round(roundId);
    const now = this.now();
    if (r.status !== 'registration' || now < r.registration_opens_at || now >= r.registration_closes_at) {
      throw new AppError(ErrorCode.Conflict, `该轮次不在报名期内（报名时间 ${beijingTime(r.registration_opens_at)} 至 ${beijingTime(r.registration_closes_at)}）`);
    }
    const today = todayInShanghai(this.deps.clock.now());
    const id = validateIdCard(input.idNumber, { today });
    if (!id.valid) throw new AppError(ErrorCode.ValidationFailed, `身份证号码：${id.reason}`, { field: 'idNumber' });
    const phone = validatePhone(input.phone);
    if (!phone.valid) throw new AppError(ErrorCode.ValidationFailed, `联系电话：${phone.reason}`, { field: 'phone' });
    if (!regionOf(input.householdDivision)) throw new AppError(ErrorCode.ValidationFailed, `户籍所在地：行政区划代码 ${input.householdDivision} 不存在`, { field: 'householdDivision' });
    // stored as YYYY-MM-DD: the column holds a date, and a reviewer compares dates, not free text
    const householdSince = input.householdSince ? parseDocumentDate(input.householdSince) : null;
    if (input.householdSince && !householdSince) throw new AppError(ErrorCode.ValidationFailed, `户籍迁入日期：“${input.householdSince}”无法识别或不存在，请按 2015-06-01 的格式填写`, { field: 'householdSince' });
    const groups = parseGroups(r);
    if (input.group !== null && !groups.some((g) => g.name === input.group)) throw new AppError(ErrorCode.ValidationFailed, `优先组：本轮没有“${input.group}”`, { field: 'group' });
    const idNumber = id.info!.normalized;
    const idHmac = this.deps.ids.hmac(idNumber);
    const referenceDate = todayInShanghai(new Date(r.registration_closes_at));
    const { checks, suggestion } = evaluateEligibility(parseRules(r), { ...input, idNumber, householdSince: householdSince ?? undefined }, {
      referenceDate,
      groups,
      heldBefore: await this.deps.repo.heldBefore(idHmac, r.resource_kind, r.id),
    });

    const applicationNo = await this.deps.db.transaction().execute(async (trx) => {
      const dup = await trx.selectFrom('allocation_applications').select('application_no').where('round_id', '=', roundId).where('id_hmac', '=', idHmac).executeTakeFirst();
      if (dup) throw new AppError(ErrorCode.Conflict, '该身份证号码已在本轮报名，不能重复报名', { field: 'idNumber' });
      // the counter row is locked by this update until commit: numbers are unique and gapless
      const bumped = await trx.updateTable('allocation_rounds').set((eb) => ({ applicant_seq: eb('applicant_seq', '+', 1) })).where('id', '=', roundId).where('status', '=', 'registration').executeTakeFirst();
      if (Number(bumped.numUpdatedRows) !== 1) throw new AppError(ErrorCode.Conflict, '该轮次已停止报名');
      const { applicant_seq: seq } = await trx.selectFrom('allocation_rounds').select('applicant_seq').where('id', '=', roundId).executeTakeFirstOrThrow();
      const no = `${roundId}-${String(seq).padStart(5, '0')}`;
      await trx
        .insertInto('allocation_applications')
        .values({
          application_no: no,
          round_id: roundId,
          seq,
          name: input.name,
          name_masked: maskName(input.name),
          id_cipher: this.deps.ids.encrypt(idNumber),
          id_hmac: idHmac,
          id_last4: idNumber.slice(-4),
          birth_date: id.info!.birthDate,
          phone: phone.info!.normalized,
          household_division: input.householdDivision,
          household_since: householdSince,
          income: input.income,
          holding_declared: input.holding ? 1 : 0,
          claimed_group: input.group,
          status: 'pending',
          group_name: null,
          suggestion,
          checks: JSON.stringify(checks),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.deps.audit.record(
        {
          actor: actor.kind === 'anonymous' ? ANONYMOUS : actor,
          action: 'allocation.register',
          entityType: 'allocation_application',
          entityId: no,
          after: { roundId, status: 'pending', suggestion, claimedGroup: input.group },
          ai: aiOutput(no, r.title, roundId, checks, suggestion),
          ip: meta.ip,
        },
        trx,
      );
      return no;
    });
    return { applicationNo, roundId, name: maskName(input.name), suggestion, checks };
  }

  private assertReviewerOrManager(actor: Actor): void {
    if (!can(actor, 'allocation.manage')) assertCan(actor, 'allocation.review');
  }

  async queue(actor: Actor, roundId: string, opts: { status?: 'pending' | 'qualified' | 'unqualified'; limit: number; offset: number }) {
    this.assertReviewerOrManager(actor);
    await this.deps.rounds.round(roundId);
    return (await this.deps.repo.applications(roundId, opts)).map(presentApplicationSummary);
  }

  private async application(no: string): Promise<ApplicationRow> {
    const a = await this.deps.repo.application(no);
    if (!a) throw new AppError(ErrorCode.NotFound, `未找到报名记录：${no}`);
    return a;
  }

  async detail(actor: Actor, no: string) {
    this.assertReviewerOrManager(actor);
    const a = await this.application(no);
    const r = await this.deps.rounds.round(a.round_id);
    return {
      ...presentApplicationDetail(a),
      decisions: (await this.deps.repo.decisions(no)).map((d) => ({ decision: d.decision as 'qualified' | 'unqualified', group: d.group_name, reason: d.reason, suggestion: d.suggestion as Suggestion, userName: d.user_name, createdAt: d.created_at })),
      canDecide: r.status === 'review' && can(actor, 'allocation.review'),
    };
  }

  /** Decisions are taken while the round is in review; a later one replaces an earlier one until the list is published. */
  async decide(actor: Actor, no: string, input: { decision: 'qualified' | 'unqualified'; group: string | null; reason: string }, meta: Meta = {}) {
    assertCan(actor, 'allocation.review');
    const a = await this.application(no);
    const r = await this.deps.rounds.round(a.round_id);
    if (r.status !== 'review') throw new AppError(ErrorCode.Conflict, '只有在资格审核阶段才能作出资格决定');
    const group = input.decision === 'qualified' ? input.group : null;
    if (group !== null && !parseGroups(r).some((g) => g.name === group)) throw new AppError(ErrorCode.ValidationFailed, `优先组：本轮没有“${group}”`, { field: 'group' });
    const checks = JSON.parse(a.checks) as Check[];
    const now = this.now();
    await this.deps.db.transaction().execute(async (trx) => {
      // the round's lock first, as publishList takes it: a decision is in the list or refused
      await lockRoundInReview(trx, r.id);
      const res = await trx.updateTable('allocation_applications').set({ status: input.decision, group_name: group, updated_at: now }).where('application_no', '=', no).where('updated_at', '=', a.updated_at).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError(ErrorCode.Conflict, '该报名刚刚被他人处理，请刷新后再决定');
      await trx
        .insertInto('allocation_decisions')
        .values({ application_no: no, round_id: r.id, decision: input.decision, group_name: group, reason: input.reason, suggestion: a.suggestion, user_id: actor.userId ?? actor.name, user_name: actor.name, created_at: now })
        .execute();
      await this.deps.audit.record(
        {
          actor,
          action: 'allocation.review.decision',
          entityType: 'allocation_application',
          entityId: no,
          before: { status: a.status, group: a.group_name, suggestion: a.suggestion },
          after: { status: input.decision, group },
          reason: input.reason,
          ai: aiOutput(no, r.title, r.id, checks, a.suggestion as Suggestion),
          ip: meta.ip,
        },
        trx,
      );
    });
    return this.detail(actor, no);
  }

  /** The full ID number, for checking documents in person: administrators only, with a reason, audited. */
  async revealIdNumber(actor: Actor, no: string, reason: string, meta: Meta = {}): Promise<{ idNumber: string }> {
    assertCan(actor, 'allocation.manage');
    const a = await this.application(no);
    await this.deps.audit.record({ actor, action: 'allocation.id.reveal', entityType: 'allocation_application', entityId: no, reason, ip: meta.ip });
    return { idNumber: this.deps.ids.decrypt(a.id_cipher) };
  }

  /** The same 404 for an unknown number and wrong digits: neither tells that the other exists. */
  private async byLastDigits(roundId: string, no: string, last4: string): Promise<ApplicationRow> {
    const a = await this.deps.repo.application(no);
    const given = Buffer.from(last4.padEnd(4).slice(0, 4));
    const stored = Buffer.from(a?.id_last4 ?? '????');
    if (!a || a.round_id !== roundId || !timingSafeEqual(given, stored)) throw new AppError(ErrorCode.NotFound, LOOKUP_NOT_FOUND);
    return a;
  }

  async lookup(roundId: string, input: { applicationNo: string; idLast4: string }) {
    const r = await this.deps.rounds.round(roundId);
    const a = await this.byLastDigits(roundId, input.applicationNo, input.idLast4);
    const decision = (await this.deps.repo.decisions(a.application_no))[0];
    const result = r.status === 'drawn' ? await this.deps.repo.result(a.application_no) : undefined;
    // before publication a decision may still change: the applicant sees it once the list is out
    const published = r.list_hash !== null;
    const status: keyof typeof STATUS_LABELS = published ? (a.status as 'qualified' | 'unqualified') : 'pending';
    return {
      applicationNo: a.application_no,
      roundId,
      roundTitle: r.title,
      name: a.name_masked,
      status,
      statusLabel: STATUS_LABELS[status],
      reason: published && decision ? decision.reason : null,
      group: published ? a.group_name : null,
      drawn: r.status === 'drawn',
      rank: result?.rank ?? null,
      selected: result ? result.selected === 1 : null,
      objections: (await this.deps.repo.objections({ applicationNo: a.application_no })).map(presentObjection),
    };
  }

  async fileObjection(actor: Actor, roundId: string, input: { applicationNo: string; idLast4: string; kind: 'eligibility' | 'result' | 'other'; text: string }, meta: Meta = {}) {
    await this.deps.rounds.round(roundId);
    const a = await this.byLastDigits(roundId, input.applicationNo, input.idLast4);
    const now = this.now();
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('allocation_objections')
        .values({ round_id: roundId, application_no: a.application_no, kind: input.kind, text: input.text, status: 'open', reply: null, decided_by: null, decided_at: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.deps.audit.record({ actor: actor.kind === 'anonymous' ? ANONYMOUS : actor, action: 'allocation.objection.create', entityType: 'allocation_objection', entityId: String(row.id), after: { roundId, applicationNo: a.application_no, kind: input.kind, status: 'open' }, ip: meta.ip }, trx);
      return row.id;
    });
    return presentObjection((await this.deps.repo.objection(id))!);
  }

  async objections(actor: Actor, roundId: string, status?: 'open' | 'upheld' | 'dismissed') {
    assertStaff(actor);
    return (await this.deps.repo.objections({ roundId, status })).map(presentObjection);
  }

  async decideObjection(actor: Actor, id: number, input: { outcome: 'upheld' | 'dismissed'; reply: string }, meta: Meta = {}) {
    this.assertReviewerOrManager(actor);
    const o = await this.deps.repo.objection(id);
    if (!o) throw new AppError(ErrorCode.NotFound, `未找到申诉：${id}`);
    if (o.status !== 'open') throw new AppError(ErrorCode.Conflict, '该申诉已处理');
    const now = this.now();
    await this.deps.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('allocation_objections').set({ status: input.outcome, reply: input.reply, decided_by: actor.name, decided_at: now }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError(ErrorCode.Conflict, '该申诉刚刚被他人处理');
      await this.deps.audit.record({ actor, action: 'allocation.objection.decision', entityType: 'allocation_objection', entityId: String(id), before: { status: 'open' }, after: { status: input.outcome }, reason: input.reply, ip: meta.ip }, trx);
    });
    return presentObjection((await this.deps.repo.objection(id))!);
  }
}

function aiOutput(no: string, title: string, roundId: string, checks: Check[], suggestion: Suggestion): AuditAiOutput {
  return {
    question: `资格初审：${title}（报名 ${no}）`,
    answer: checks.map((c) => `[${c.status}] ${c.label}：${c.explanation}`).join('\n'),
    citations: [],
    producer: ELIGIBILITY_PRODUCER,
    producerVersion: roundId,
    outcome: suggestion,
  };
}
