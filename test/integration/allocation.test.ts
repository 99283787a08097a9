/**
 * Public resource allocation through HTTP on SQLite and PostgreSQL: a round from draft to
 * draw with the states enforced (window, reviewer decisions, list publication, commitment,
 * the supervisor's public value), permissions per role, the public page revealing the secret
 * only after the draw, the export recomputed by the verifier (and every tampering caught),
 * the applicant's lookup and objections, the audit trail, and the commitment frozen by the
 * service and by the database itself.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationDetailSchema, exportSchema, lookupResultSchema, objectionViewSchema, publicRoundSchema, registrationResultSchema, staffRoundSchema } from '../../src/allocation/allocation.schema.js';
import { canonicalList } from '../../src/allocation/algorithm.js';
import { simulateRound } from '../../src/allocation/simulate.js';
import { verifyExport, type AllocationExport } from '../../src/allocation/verify.js';
import { idCardCheckChar } from '../../src/prereview/validators/idcard.js';
import { bearerFor } from '../helpers/auth.js';
import { uniqueId } from '../helpers/factories.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

type H = Record<string, string>;
const id18 = (first17: string) => first17 + idCardCheckChar(first17);
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

interface Person {
  name: string;
  idNumber: string;
  householdDivision: string;
  income: number;
  holding: boolean;
  group: string | null;
}
const PEOPLE: Person[] = [
  { name: '张伟', idNumber: id18('11010119800101123'), householdDivision: '110101', income: 30000, holding: false, group: '优抚对象' },
  { name: '李娜', idNumber: id18('11010519900202234'), householdDivision: '110105', income: 20000, holding: false, group: '低保家庭' },
  { name: '王强', idNumber: id18('11010819850303345'), householdDivision: '110108', income: 45000, holding: false, group: null },
  { name: '欧阳娜娜', idNumber: id18('11010219950404456'), householdDivision: '110102', income: 10000, holding: false, group: null },
  { name: '赵敏', idNumber: id18('31010419880505567'), householdDivision: '310104', income: 15000, holding: false, group: null },
  { name: '陈杰', idNumber: id18('11010619700606678'), householdDivision: '110106', income: 90000, holding: false, group: null },
];

describe.each(DIALECTS)('public resource allocation (%s)', (dialect) => {
  let t: TestContext;
  let admin: H, reviewer: H, leader: H, agent: H;
  const realNow = () => new Date();

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '100000' } });
    admin = (await bearerFor(t, 'admin')).headers;
    reviewer = (await bearerFor(t, 'reviewer')).headers;
    leader = (await bearerFor(t, 'leader')).headers;
    agent = (await bearerFor(t, 'agent')).headers;
  });
  afterAll(async () => {
    t.ctx.auth.clock.now = realNow;
    await t?.close();
  });

  const api = (method: 'GET' | 'POST' | 'PUT', url: string, headers: H = {}, payload?: unknown) => t.app.inject({ method, url: `/api/v1/allocation${url}`, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const ok = async <T>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, schema: { parse(x: unknown): T }, status = 200): Promise<T> => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(status);
    return schema.parse(res.json());
  };
  const errorOf = async (p: Promise<{ statusCode: number; json(): unknown }>, status: number) => {
    const res = await p;
    expect(res.statusCode).toBe(status);
    const m = errorResponseSchema.parse(res.json()).error.message;
    expect(m).toMatch(HAN);
    return m;
  };

  function roundInput(overrides: Record<string, unknown> = {}) {
    const now = t.ctx.auth.clock.now();
    return {
      title: '青禾区 2026 年第四批公租房配租',
      resourceName: '青禾家园公共租赁住房',
      // its own kind per round: winners of one round are "already holding" in the next round of that kind
      resourceKind: uniqueId('公租房'),
      slots: 3,
      rules: [{ type: 'age', min: 18, max: 60 }, { type: 'household', prefixes: ['1101'] }, { type: 'income', max: 50000 }, { type: 'notHolding' }],
      groups: [
        { name: '优抚对象', quota: 1, description: '退役军人等' },
        { name: '低保家庭', quota: 1 },
      ],
      registrationOpensAt: new Date(now.getTime() - 3_600_000).toISOString(),
      registrationClosesAt: new Date(now.getTime() + 86_400_000).toISOString(),
      ...overrides,
    };
  }

  const register = (roundId: string, p: Person, phone = '13812345678') => api('POST', `/rounds/${roundId}/applications`, {}, { ...p, phone });

  /** A round taken to the given stage through the API, with PEOPLE registered and decided as suggested. */
  async function roundAt(stage: 'registration' | 'review' | 'committed', overrides: Record<string, unknown> = {}) {
    const round = await ok(api('POST', '/admin/rounds', admin, roundInput(overrides)), staffRoundSchema, 201);
    await ok(api('POST', `/admin/rounds/${round.id}/open`, admin), staffRoundSchema);
    const registered = [];
    const groups = new Set(round.groups.map((g) => g.name));
    for (const p of PEOPLE) registered.push(await ok(register(round.id, { ...p, group: p.group !== null && groups.has(p.group) ? p.group : null }), registrationResultSchema, 201));
    if (stage === 'registration') return { round, registered };
    const closes = new Date(round.registrationClosesAt);
    t.ctx.auth.clock.now = () => new Date(closes.getTime() + 1000);
    await ok(api('POST', `/admin/rounds/${round.id}/close`, admin), staffRoundSchema);
    if (stage === 'review') return { round, registered };
    for (const [i, r] of registered.entries()) {
      const qualified = r.suggestion === 'qualified';
      const group = PEOPLE[i]!.group;
      await ok(api('POST', `/admin/applications/${r.applicationNo}/decision`, reviewer, { decision: qualified ? 'qualified' : 'unqualified', group: qualified && group !== null && groups.has(group) ? group : null, reason: qualified ? '材料核验无误' : '不符合条件' }), applicationDetailSchema);
    }
    await ok(api('POST', `/admin/rounds/${round.id}/publish-list`, admin), staffRoundSchema);
    await ok(api('POST', `/admin/rounds/${round.id}/commit`, admin), staffRoundSchema);
    return { round, registered };
  }

  it('runs a round end to end: window, suggestions, decisions, list and hash, commitment, draw, export that verifies', async () => {
    t.ctx.auth.clock.now = realNow;
    expect((await api('POST', '/admin/rounds', {}, roundInput())).statusCode).toBe(401);
    await errorOf(api('POST', '/admin/rounds', reviewer, roundInput()), 403);
    expect(await errorOf(api('POST', '/admin/rounds', admin, roundInput({ slots: 1 })), 400)).toContain('超过名额数');
    const round = await ok(api('POST', '/admin/rounds', admin, roundInput()), staffRoundSchema, 201);
    expect(round).toMatchObject({ status: 'draft', statusLabel: '草稿', commitment: null });
    // a draft is not public, and nobody registers before the round opens
    expect((await api('GET', `/rounds/${round.id}`)).statusCode).toBe(404);
    expect(await errorOf(register(round.id, PEOPLE[0]), 409)).toContain('不在报名期内');
    await ok(api('POST', `/admin/rounds/${round.id}/open`, admin), staffRoundSchema);

    const regs: Array<{ applicationNo: string; suggestion: string; name: string; checks: Array<{ rule: string; status: string; explanation: string }> }> = [];
    for (const p of PEOPLE) regs.push(await ok(register(round.id, p), registrationResultSchema, 201));
    expect(regs.map((r) => r.applicationNo)).toEqual(PEOPLE.map((_, i) => `${round.id}-0000${i + 1}`));
    expect(regs[3]!.name).toBe('欧阳**');
    expect(regs.map((r) => r.suggestion)).toEqual(['qualified', 'qualified', 'qualified', 'qualified', 'unqualified', 'unqualified']);
    expect(regs[4]!.checks.find((c) => c.rule === 'household')).toMatchObject({ status: 'fail', explanation: expect.stringContaining('上海市徐汇区') });
    expect(regs[5]!.checks.find((c) => c.rule === 'income')).toMatchObject({ status: 'fail', explanation: expect.stringContaining('超过上限 50000 元') });
    expect(regs[0]!.checks.find((c) => c.rule === 'group')).toMatchObject({ status: 'uncertain' });

    // bad input is refused naming the field; a person registers once per round
    expect(await errorOf(register(round.id, { ...PEOPLE[0], idNumber: '110101198001011230' }), 400)).toContain('身份证号码：');
    expect(await errorOf(register(round.id, { ...PEOPLE[2], idNumber: id18('11010819850303399') }, '12345'), 400)).toContain('联系电话');
    expect(await errorOf(register(round.id, { ...PEOPLE[0], name: '张三' }), 409)).toContain('不能重复报名');

    // the applicant's lookup: wrong digits and unknown numbers look the same
    const last4 = PEOPLE[0].idNumber.slice(-4);
    expect(await errorOf(api('POST', `/rounds/${round.id}/lookup`, {}, { applicationNo: regs[0]!.applicationNo, idLast4: '0000' }), 404)).toContain('未找到');
    expect(await ok(api('POST', `/rounds/${round.id}/lookup`, {}, { applicationNo: regs[0]!.applicationNo, idLast4: last4 }), lookupResultSchema)).toMatchObject({ status: 'pending', rank: null });

    const closesBeijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(round.registrationClosesAt));
    expect(await errorOf(api('POST', `/admin/rounds/${round.id}/close`, admin), 409)).toContain(`报名将于 ${closesBeijing}（北京时间） 截止，截止前不能结束报名`);
    t.ctx.auth.clock.now = () => new Date(new Date(round.registrationClosesAt).getTime() + 1000);
    expect(await errorOf(register(round.id, { ...PEOPLE[0], idNumber: id18('11010119800101999') }), 409)).toContain(`至 ${closesBeijing}（北京时间）`);
    await ok(api('POST', `/admin/rounds/${round.id}/close`, admin), staffRoundSchema);

    // reviewers decide; administrators and supervisors do not
    await errorOf(api('POST', `/admin/applications/${regs[0]!.applicationNo}/decision`, admin, { decision: 'qualified', reason: '通过' }), 403);
    const detail = await ok(api('GET', `/admin/applications/${regs[0]!.applicationNo}`, reviewer), applicationDetailSchema);
    expect(detail).toMatchObject({ canDecide: true, suggestion: 'qualified', birthDate: '1980-01-01' });
    // the birth date and the 发证地 are shown; with the last 4 digits beside them the number would be whole again
    // (and a reviewer could look up or object in the applicant's name)
    expect(detail.idNumberMasked).not.toContain(last4);
    expect(JSON.stringify(detail)).not.toContain(PEOPLE[0].idNumber);
    expect(await errorOf(api('POST', `/admin/rounds/${round.id}/publish-list`, admin), 409)).toContain('未作资格决定');
    for (const [i, r] of regs.entries()) {
      // the reviewer overrides the suggestion for 陈杰 (income proven lower) with a reason
      const qualified = r.suggestion === 'qualified' || i === 5;
      const d = await ok(api('POST', `/admin/applications/${r.applicationNo}/decision`, reviewer, { decision: qualified ? 'qualified' : 'unqualified', group: qualified ? PEOPLE[i]!.group : null, reason: i === 5 ? '提供的收入证明显示人均收入低于上限' : '核验一致' }), applicationDetailSchema);
      expect(d.status).toBe(qualified ? 'qualified' : 'unqualified');
    }

    const listed = await ok(api('POST', `/admin/rounds/${round.id}/publish-list`, admin), staffRoundSchema);
    expect(listed.qualified!.map((q) => q.applicationNo)).toEqual([1, 2, 3, 4, 6].map((i) => `${round.id}-0000${i}`));
    expect(listed.qualified!.map((q) => q.name)).toEqual(['张*', '李*', '王*', '欧阳**', '陈*']);
    const canonical = canonicalList({ id: round.id, slots: 3, groups: [{ name: '优抚对象', quota: 1 }, { name: '低保家庭', quota: 1 }] }, listed.qualified!);
    expect(listed.listHash).toBe(sha256(canonical));
    // the list is frozen: no more decisions
    expect(await errorOf(api('POST', `/admin/applications/${regs[4]!.applicationNo}/decision`, reviewer, { decision: 'qualified', reason: '复核' }), 409)).toContain('资格审核阶段');

    await errorOf(api('POST', `/admin/rounds/${round.id}/draw`, leader, { publicValue: '2026325' }), 409);
    const committed = await ok(api('POST', `/admin/rounds/${round.id}/commit`, admin), staffRoundSchema);
    expect(committed.commitment).toMatch(/^[0-9a-f]{64}$/);
    const before = await ok(api('GET', `/rounds/${round.id}`), publicRoundSchema);
    expect(before).toMatchObject({ status: 'committed', commitment: committed.commitment, listHash: listed.listHash, secret: null, results: null });

    await errorOf(api('POST', `/admin/rounds/${round.id}/draw`, admin, { publicValue: '2026325' }), 403);
    expect(await errorOf(api('POST', `/admin/rounds/${round.id}/draw`, leader, { publicValue: '' }), 400)).toContain('publicValue');
    const PUBLIC_VALUE = '福彩3D 第2026325期 开奖号码 5 1 7';
    const drawn = await ok(api('POST', `/admin/rounds/${round.id}/draw`, leader, { publicValue: PUBLIC_VALUE }), staffRoundSchema);
    expect(drawn.status).toBe('drawn');
    const pub = await ok(api('GET', `/rounds/${round.id}`), publicRoundSchema);
    expect(sha256(Buffer.from(pub.secret!, 'hex'))).toBe(committed.commitment);
    expect(pub.seed).toBe(sha256(Buffer.concat([Buffer.from(pub.secret!, 'hex'), Buffer.from(PUBLIC_VALUE, 'utf8'), Buffer.from(pub.listHash!, 'hex')])));
    expect(pub.results!.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(pub.results!.filter((r) => r.selected)).toHaveLength(3);
    // priority groups first: each group's only member takes its quota
    expect(pub.results!.slice(0, 2)).toEqual([
      { applicationNo: regs[0]!.applicationNo, rank: 1, group: '优抚对象', selected: true },
      { applicationNo: regs[1]!.applicationNo, rank: 2, group: '低保家庭', selected: true },
    ]);
    expect(await errorOf(api('POST', `/admin/rounds/${round.id}/draw`, leader, { publicValue: 'again' }), 409)).toContain('已抽签');

    const exported = await ok(api('GET', `/rounds/${round.id}/export`), exportSchema);
    const report = await verifyExport(exported, { commitment: committed.commitment!, listHash: listed.listHash! });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);

    // the applicant sees the rank; an objection is filed, decided with a reply, and shown back
    const mine = await ok(api('POST', `/rounds/${round.id}/lookup`, {}, { applicationNo: regs[0]!.applicationNo, idLast4: last4 }), lookupResultSchema);
    expect(mine).toMatchObject({ status: 'qualified', drawn: true, rank: 1, selected: true, group: '优抚对象', reason: '核验一致' });
    const rejected = await ok(api('POST', `/rounds/${round.id}/lookup`, {}, { applicationNo: regs[4]!.applicationNo, idLast4: PEOPLE[4].idNumber.slice(-4) }), lookupResultSchema);
    expect(rejected).toMatchObject({ status: 'unqualified', statusLabel: '资格审核未通过', rank: null });
    const objection = await ok(api('POST', `/rounds/${round.id}/objections`, {}, { applicationNo: regs[4]!.applicationNo, idLast4: PEOPLE[4].idNumber.slice(-4), kind: 'eligibility', text: '本人已于今年迁入青禾区户籍，请复核' }), objectionViewSchema, 201);
    await errorOf(api('POST', `/rounds/${round.id}/objections`, {}, { applicationNo: regs[4]!.applicationNo, idLast4: '9999', kind: 'other', text: '猜测别人的编号' }), 404);
    await errorOf(api('POST', `/admin/objections/${objection.id}/decision`, agent, { outcome: 'dismissed', reply: '不成立' }), 403);
    const decided = await ok(api('POST', `/admin/objections/${objection.id}/decision`, reviewer, { outcome: 'dismissed', reply: '报名截止时户籍仍在上海市徐汇区，不符合户籍条件' }), objectionViewSchema);
    expect(decided).toMatchObject({ status: 'dismissed', decidedBy: expect.any(String) });
    await errorOf(api('POST', `/admin/objections/${objection.id}/decision`, reviewer, { outcome: 'upheld', reply: '改判' }), 409);
    const back = await ok(api('POST', `/rounds/${round.id}/lookup`, {}, { applicationNo: regs[4]!.applicationNo, idLast4: PEOPLE[4].idNumber.slice(-4) }), lookupResultSchema);
    expect(back.objections[0]).toMatchObject({ status: 'dismissed', reply: expect.stringContaining('徐汇区') });

    // the audit trail: the AI suggestion with each registration, the named reviewer's decision with the suggestion it saw, the draw
    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('entity_id', 'like', `${round.id}%`).orderBy('seq').execute();
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'allocation.register')).toHaveLength(6);
    expect(actions).toEqual(expect.arrayContaining(['allocation.round.create', 'allocation.registration.open', 'allocation.registration.close', 'allocation.list.publish', 'allocation.commitment.publish', 'allocation.draw']));
    const override = audit.find((a) => a.action === 'allocation.review.decision' && a.entity_id === regs[5]!.applicationNo)!;
    expect(override.reason).toBe('提供的收入证明显示人均收入低于上限');
    expect(JSON.parse(override.ai!)).toMatchObject({ outcome: 'unqualified', producer: 'rules:allocation-eligibility@1' });
    expect(override.actor_role).toBe('reviewer');
    const drawRecord = JSON.parse(audit.find((a) => a.action === 'allocation.draw')!.after!);
    expect(drawRecord).toMatchObject({ publicValue: PUBLIC_VALUE, seed: pub.seed });
    expect(audit.map((a) => `${a.after}${a.ai}`).join('')).not.toContain(PEOPLE[0].idNumber);
    // the ID number is stored encrypted, not in the clear
    const stored = await t.ctx.database.db.selectFrom('allocation_applications').selectAll().where('application_no', '=', regs[0]!.applicationNo).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(PEOPLE[0].idNumber);
    expect(stored.id_last4).toBe(last4);
  });

  it('detects tampering with the list, the secret, the public value or the results in an export', async () => {
    t.ctx.auth.clock.now = realNow;
    const { round } = await roundAt('committed');
    await ok(api('POST', `/admin/rounds/${round.id}/draw`, leader, { publicValue: '公证处 2026-12-01 现场摇号 483920' }), staffRoundSchema);
    const original = exportSchema.parse((await api('GET', `/rounds/${round.id}/export`)).json()) as AllocationExport;
    const published = await ok(api('GET', `/rounds/${round.id}`), publicRoundSchema);
    expect((await verifyExport(original)).ok).toBe(true);
    const tamper = async (change: (x: AllocationExport) => void, expected = {}) => {
      const copy = structuredClone(original);
      change(copy);
      const r = await verifyExport(copy, expected);
      expect(r.ok).toBe(false);
      return r.problems.join('\n');
    };
    expect(await tamper((x) => x.qualified.pop())).toContain('名单哈希不符');
    expect(await tamper((x) => (x.qualified[0]!.group = null))).toContain('名单哈希不符');
    expect(await tamper((x) => (x.round.resource.slots = 4))).toContain('名单哈希不符');
    expect(await tamper((x) => (x.secret = '00'.repeat(32)))).toContain('承诺值不符');
    expect(await tamper((x) => (x.publicValue = '公证处 2026-12-01 现场摇号 483921'))).toContain('种子不符');
    const first = original.results[0]!.applicationNo;
    const last = original.results[original.results.length - 1]!.applicationNo;
    expect(
      await tamper((x) => {
        x.results[0]!.applicationNo = last;
        x.results[x.results.length - 1]!.applicationNo = first;
      }),
    ).toContain(`申请编号 ${first} 的排位为`);
    expect(await tamper((x) => (x.results[3]!.selected = true))).toContain('标为入选');
    // a file regenerated from scratch with a new secret is consistent in itself; the commitment published before the draw catches it
    const forged = await tamper(
      (x) => {
        x.secret = 'ab'.repeat(32);
        x.commitment = sha256(Buffer.from(x.secret, 'hex'));
      },
      { commitment: published.commitment },
    );
    expect(forged).toContain('抽签前公布的承诺值');
  });

  it('never changes a published commitment: the service refuses and the database aborts', async () => {
    t.ctx.auth.clock.now = realNow;
    const { round } = await roundAt('committed');
    const committed = await ok(api('GET', `/admin/rounds/${round.id}`, admin), staffRoundSchema);
    expect(await errorOf(api('POST', `/admin/rounds/${round.id}/commit`, admin), 409)).toContain('承诺值已公布');
    await expect(t.ctx.allocation.rounds.publishCommitment({ kind: 'system', userId: null, name: 'system:test', role: 'admin', departmentId: null, via: 'cli' }, round.id)).rejects.toThrow(/不能执行此操作/);

    const db = t.ctx.database.db;
    const other = 'cd'.repeat(32);
    await expect(db.updateTable('allocation_rounds').set({ commitment: other }).where('id', '=', round.id).execute()).rejects.toThrow(/commitment is immutable/);
    await expect(db.updateTable('allocation_rounds').set({ secret: other }).where('id', '=', round.id).execute()).rejects.toThrow(/commitment is immutable/);
    await expect(db.updateTable('allocation_rounds').set({ commitment: null, secret: null }).where('id', '=', round.id).execute()).rejects.toThrow(/commitment is immutable/);
    await expect(db.updateTable('allocation_rounds').set({ list_hash: other }).where('id', '=', round.id).execute()).rejects.toThrow(/qualified list is immutable/);
    await expect(db.deleteFrom('allocation_rounds').where('id', '=', round.id).execute()).rejects.toThrow(/cannot be deleted/);
    // other columns still change (the status moves on at the draw)
    await db.updateTable('allocation_rounds').set({ updated_at: new Date().toISOString() }).where('id', '=', round.id).execute();
    const row = await db.selectFrom('allocation_rounds').select(['commitment', 'secret']).where('id', '=', round.id).executeTakeFirstOrThrow();
    expect(row.commitment).toBe(committed.commitment);

    await ok(api('POST', `/admin/rounds/${round.id}/draw`, leader, { publicValue: '483920' }), staffRoundSchema);
    expect((await db.selectFrom('allocation_results').select('rank').where('round_id', '=', round.id).execute()).length).toBe(4);
    await expect(db.updateTable('allocation_rounds').set({ public_value: '483921' }).where('id', '=', round.id).execute()).rejects.toThrow(/draw is immutable/);
    await expect(db.updateTable('allocation_results').set({ rank: 99 }).where('round_id', '=', round.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('allocation_results').where('round_id', '=', round.id).execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`TRUNCATE allocation_results CASCADE`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('enforces the order of the steps and who may take them', async () => {
    t.ctx.auth.clock.now = realNow;
    const { round, registered } = await roundAt('registration');
    await errorOf(api('PUT', `/admin/rounds/${round.id}`, admin, roundInput({ slots: 10 })), 409);
    await errorOf(api('POST', `/admin/rounds/${round.id}/publish-list`, admin), 409);
    await errorOf(api('POST', `/admin/rounds/${round.id}/commit`, admin), 409);
    await errorOf(api('POST', `/admin/applications/${registered[0]!.applicationNo}/decision`, reviewer, { decision: 'qualified', reason: '提前决定' }), 409);
    await errorOf(api('GET', `/admin/rounds/${round.id}/applications`, agent), 403);
    expect((await api('GET', `/admin/rounds/${round.id}/applications`)).statusCode).toBe(401);
    await errorOf(api('GET', `/admin/applications/${registered[0]!.applicationNo}`, leader), 403);
    // the supervisor sees the round and its progress, and nothing else
    expect((await ok(api('GET', `/admin/rounds/${round.id}`, leader), staffRoundSchema)).counts.pending).toBe(PEOPLE.length);
    // the full ID number: administrators only, with a reason, on the record
    await errorOf(api('POST', `/admin/applications/${registered[0]!.applicationNo}/reveal-id`, reviewer, { reason: '现场核验' }), 403);
    const revealed = await ok(api('POST', `/admin/applications/${registered[0]!.applicationNo}/reveal-id`, admin, { reason: '现场核验身份证原件' }), { parse: (x: unknown) => x as { idNumber: string } });
    expect(revealed.idNumber).toBe(PEOPLE[0].idNumber);
    const rec = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'allocation.id.reveal').where('entity_id', '=', registered[0]!.applicationNo).executeTakeFirstOrThrow();
    expect(rec.reason).toBe('现场核验身份证原件');
  });

  it('simulates a whole round on generated applicants through the services; its export verifies and its page matches', async () => {
    t.ctx.auth.clock.now = realNow;
    const data = await simulateRound(t.ctx.allocation, t.ctx.auth.clock, { applicants: 60, slots: 12, seed: `sim-${dialect}`, publicValue: '3 0 8' });
    expect(data.results).toHaveLength(data.qualified.length);
    expect(data.results.filter((r) => r.selected)).toHaveLength(12);
    expect(data.results.filter((r) => r.group !== null).length).toBeGreaterThan(0);
    expect((await verifyExport(data)).ok).toBe(true);
    const pub = await ok(api('GET', `/rounds/${data.round.id}`), publicRoundSchema);
    expect(pub).toMatchObject({ listHash: data.listHash, commitment: data.commitment, secret: data.secret, seed: data.seed });
    // the simulation moved the clock along its timeline and gave it back
    expect(Math.abs(t.ctx.auth.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('takes the 户籍迁入日期 as written on a 户口簿 and stores the date; an unreadable one is refused naming the field', async () => {
    t.ctx.auth.clock.now = realNow;
    const { round } = await roundAt('registration', { groups: [], rules: [{ type: 'residenceYears', min: 3 }] });
    const person = { ...PEOPLE[0]!, idNumber: id18('11010119811111123'), group: null };
    const reg = await ok(api('POST', `/rounds/${round.id}/applications`, {}, { ...person, phone: '13812345678', householdSince: '2010年1月1日迁入本址' }), registrationResultSchema, 201);
    expect(reg.checks.find((c) => c.rule === 'residenceYears')).toMatchObject({ status: 'pass', explanation: expect.stringContaining('2010-01-01') });
    expect((await ok(api('GET', `/admin/applications/${reg.applicationNo}`, reviewer), applicationDetailSchema)).householdSince).toBe('2010-01-01');
    const other = { ...person, idNumber: id18('11010119811111234') };
    const res = await api('POST', `/rounds/${round.id}/applications`, {}, { ...other, phone: '13812345678', householdSince: '很多年以前就迁来了' });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).error.message).toMatch(/^户籍迁入日期：/);
  });

  it('draws once when two supervisors press the button at the same moment', async () => {
    t.ctx.auth.clock.now = realNow;
    const { round } = await roundAt('committed');
    const { commitment } = await ok(api('GET', `/rounds/${round.id}`), publicRoundSchema);
    const both = await Promise.all(['福彩3D 2026325 517', '公证处现场摇号 0815'].map((publicValue) => api('POST', `/admin/rounds/${round.id}/draw`, leader, { publicValue })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = both.find((r) => r.statusCode === 409)!;
    expect(errorResponseSchema.parse(loser.json()).error.message).toMatch(HAN);
    const winner = staffRoundSchema.parse(both.find((r) => r.statusCode === 200)!.json());
    const page = await ok(api('GET', `/rounds/${round.id}`), publicRoundSchema);
    expect(page.publicValue).toBe(winner.publicValue);
    expect(page.results).toHaveLength(page.qualified!.length);
    expect((await verifyExport(await ok(api('GET', `/rounds/${round.id}/export`), exportSchema), { commitment: commitment! })).ok).toBe(true);
  });

  it('publishes every decision that was accepted: a decision racing the publication is in the list or refused', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      t.ctx.auth.clock.now = realNow;
      const { round, registered } = await roundAt('review');
      const groups = new Set(round.groups.map((g) => g.name));
      for (const [i, r] of registered.entries()) {
        const qualified = r.suggestion === 'qualified';
        const group = PEOPLE[i]!.group;
        await ok(api('POST', `/admin/applications/${r.applicationNo}/decision`, reviewer, { decision: qualified ? 'qualified' : 'unqualified', group: qualified && group !== null && groups.has(group) ? group : null, reason: '材料核验无误' }), applicationDetailSchema);
      }
      const target = registered.find((r) => r.suggestion === 'qualified')!;
      const [decision, publication] = await Promise.all([
        api('POST', `/admin/applications/${target.applicationNo}/decision`, reviewer, { decision: 'unqualified', group: null, reason: '复核发现不符合条件' }),
        api('POST', `/admin/rounds/${round.id}/publish-list`, admin),
      ]);
      expect(publication.statusCode, publication.body).toBe(200);
      expect([200, 409]).toContain(decision.statusCode);
      const page = await ok(api('GET', `/rounds/${round.id}`), publicRoundSchema);
      const listed = page.qualified!.some((q) => q.applicationNo === target.applicationNo);
      // accepted → left out of the list; refused → still in it: never accepted and listed anyway
      expect(listed).toBe(decision.statusCode === 409);
    }
  });

  it('refuses a person already selected in an earlier round of the same kind', async () => {
    t.ctx.auth.clock.now = realNow;
    const kind = uniqueId('夜市摊位');
    const first = await roundAt('committed', { resourceKind: kind, slots: 5, groups: [] });
    await ok(api('POST', `/admin/rounds/${first.round.id}/draw`, leader, { publicValue: '1' }), staffRoundSchema);
    t.ctx.auth.clock.now = realNow;
    const second = await ok(api('POST', '/admin/rounds', admin, roundInput({ resourceKind: kind, groups: [] })), staffRoundSchema, 201);
    await ok(api('POST', `/admin/rounds/${second.id}/open`, admin), staffRoundSchema);
    const again = await ok(register(second.id, { ...PEOPLE[0], group: null }), registrationResultSchema, 201);
    expect(again.suggestion).toBe('unqualified');
    expect(again.checks.find((c) => c.rule === 'notHolding')).toMatchObject({ status: 'fail', explanation: expect.stringContaining('曾在同类资源的轮次中签') });
  });
});
