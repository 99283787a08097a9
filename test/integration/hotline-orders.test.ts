/**
 * 12345 work orders through HTTP on SQLite and PostgreSQL: intake by an agent (idempotent)
 * and by a citizen (tracking with the phone's last four digits, masked), the lifecycle with
 * its 409s, deadlines on working days, the department boundary of handlers, 延期/督办/重办/并单/
 * 即时办结, the audit trail of every decision, the overdue timer, the time-limit rules, and a
 * chat session turned into an order with its transcript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderDetailSchema, orderListSchema, orderSchema, publicOrderCreatedSchema, publicOrderStatusSchema, deadlineRulesSchema, type Order } from '../../src/hotline/orders/order.schema.js';
import { bearerFor, createDepartment } from '../helpers/auth.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';
import { multipart } from '../fixtures/prereview/multipart.js';
import { ask, poll } from './chat-support.js';

type H = Record<string, string>;
/** Wednesday 25 November 2026, 10:00 in Shanghai: deadlines below are counted from here. */
const DISPATCH_AT = new Date('2026-11-25T10:00:00+08:00');
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();

describe.each(DIALECTS)('hotline work orders (%s)', (dialect) => {
  let t: TestContext;
  let agent: H, leader: H, admin: H, handlerA: H, handlerB: H, handlerC: H;
  let deptA: number, deptB: number, deptC: number;

  beforeAll(async () => {
    t = await openTestContext(dialect, { env: { XZ_RATE_LIMIT_PER_MIN: '100000' } });
    const gov = await createDepartment(t, '云州市青禾区人民政府', 'government');
    deptA = await createDepartment(t, '青禾区住房和城乡建设局', 'bureau', gov);
    deptB = await createDepartment(t, '青禾区城市管理局', 'bureau', gov);
    deptC = await createDepartment(t, '青禾区民政局', 'bureau', gov);
    agent = (await bearerFor(t, 'agent')).headers;
    leader = (await bearerFor(t, 'leader')).headers;
    admin = (await bearerFor(t, 'admin')).headers;
    handlerA = (await bearerFor(t, 'handler', { departmentId: deptA })).headers;
    handlerB = (await bearerFor(t, 'handler', { departmentId: deptB })).headers;
    handlerC = (await bearerFor(t, 'handler', { departmentId: deptC })).headers;
    t.ctx.hotline.orders.clock.now = () => DISPATCH_AT;
  });
  afterAll(async () => {
    await t?.close();
  });

  const intake = (body: Record<string, unknown>, headers: H = agent) => t.app.inject({ method: 'POST', url: '/api/v1/hotline/orders', headers, payload: body });
  const act = (id: string, body: Record<string, unknown>, headers: H) => t.app.inject({ method: 'POST', url: `/api/v1/hotline/orders/${id}/actions`, headers, payload: body });
  async function actOk(id: string, body: Record<string, unknown>, headers: H): Promise<Order> {
    const res = await act(id, body, headers);
    expect(res.statusCode, res.body).toBe(200);
    return orderSchema.parse(res.json());
  }
  const detail = async (id: string, headers: H) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/hotline/orders/${id}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return orderDetailSchema.parse(res.json());
  };
  async function newOrder(over: Record<string, unknown> = {}): Promise<Order> {
    const res = await intake({ channel: 'phone', type: '投诉', title: '小区门口夜间施工噪音', content: '青禾区人民路18号工地每天夜里施工到凌晨两点，噪音很大，请尽快处理。', callerName: '王小明', callerPhone: '13812345678', ...over });
    expect(res.statusCode, res.body).toBe(201);
    return orderSchema.parse(res.json());
  }
  const errorOf = (res: { json(): unknown }) => errorResponseSchema.parse(res.json()).error.message;

  it('an agent takes an order; a retried submit with the same key returns the same order, never a second', async () => {
    const body = { channel: 'phone', type: '咨询', title: '新生儿落户需要什么材料', content: '孩子刚出生，想问落户要带什么材料。', callerName: '李四', callerPhone: '139 0000 1234', idempotencyKey: 'bench-key-0001' };
    const first = await intake(body);
    expect(first.statusCode, first.body).toBe(201);
    const order = orderSchema.parse(first.json());
    expect(order.id).toMatch(/^GD20261125\d{8}$/);
    expect(order).toMatchObject({ status: 'received', statusLabel: '已受理', callerPhone: '13900001234', callerName: '李四', version: 1 });
    const again = await intake(body);
    expect(again.statusCode).toBe(200);
    expect(orderSchema.parse(again.json()).id).toBe(order.id);
    // two retries at once (the bench kills the server mid-request and resends)
    const racing = await Promise.all([intake({ ...body, idempotencyKey: 'bench-key-0002' }), intake({ ...body, idempotencyKey: 'bench-key-0002' })]);
    expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(new Set(racing.map((r) => orderSchema.parse(r.json()).id)).size).toBe(1);
    const rows = await t.ctx.database.db.selectFrom('hotline_orders').select('id').where('idempotency_key', 'in', ['bench-key-0001', 'bench-key-0002']).execute();
    expect(rows).toHaveLength(2);
    const reused = await intake({ ...body, content: '另一件事' });
    expect(reused.statusCode).toBe(409);
    expect(errorOf(reused)).toContain('idempotencyKey');
  });

  it('refuses bad input in Chinese naming the field, and only agents take orders', async () => {
    const noType = await intake({ channel: 'phone', title: 'x', content: 'y' });
    expect(noType.statusCode).toBe(400);
    expect(errorOf(noType)).toMatch(/type/);
    expect(errorOf(noType)).toMatch(HAN);
    const badPhone = await intake({ channel: 'phone', type: '咨询', title: 'x', content: 'y', callerPhone: '12345' });
    expect(errorOf(badPhone)).toMatch(/callerPhone/);
    const noContent = await intake({ channel: 'phone', type: '咨询', title: '只有标题' });
    expect(errorOf(noContent)).toContain('content');
    expect((await intake({ channel: 'phone', type: '咨询', title: 'x', content: 'y' }, handlerA)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/hotline/orders', payload: { channel: 'phone', type: '咨询', title: 'x', content: 'y' } })).statusCode).toBe(401);
  });

  it('walks the whole lifecycle with working-day deadlines; no step skipped; every action in events and audit', async () => {
    const o = await newOrder();
    // before dispatch no department sees it; the center cannot jump ahead either
    expect((await act(o.id, { action: 'sign' }, handlerA)).statusCode).toBe(404);
    const skip = await act(o.id, { action: 'visit', satisfaction: 5 }, agent);
    expect(skip.statusCode).toBe(409);
    expect(errorOf(skip)).toContain('工单当前状态为“已受理”，不能执行“回访”');

    const noDept = await act(o.id, { action: 'dispatch' }, agent);
    expect(noDept.statusCode).toBe(400);
    expect(errorOf(noDept)).toContain('departmentId');
    const dispatched = await actOk(o.id, { action: 'dispatch', departmentId: deptA, coDepartmentIds: [deptB], expectedVersion: 1 }, agent);
    // 投诉: 13 working days; signing within 2 working hours
    expect(dispatched).toMatchObject({ status: 'dispatched', departmentName: '青禾区住房和城乡建设局', coDepartments: [{ id: deptB, name: '青禾区城市管理局' }], signDueAt: sh('2026-11-25T12:00:00'), dueAt: sh('2026-12-15T00:00:00'), version: 2 });

    // a department that neither leads nor assists sees nothing of it
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/hotline/orders/${o.id}`, headers: handlerC })).statusCode).toBe(404);
    expect((await act(o.id, { action: 'sign' }, handlerC)).statusCode).toBe(404);
    const listC = orderListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/hotline/orders?limit=200', headers: handlerC })).json());
    expect(listC.items.map((i) => i.id)).not.toContain(o.id);
    const listB = orderListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/hotline/orders?limit=200', headers: handlerB })).json());
    expect(listB.items.map((i) => i.id)).toContain(o.id);
    // handlers read the caller masked; the agent who calls back reads it in full
    const seenByA = await detail(o.id, handlerA);
    expect(seenByA.order).toMatchObject({ callerName: '王**', callerPhone: '138****5678' });
    expect(seenByA.allowedActions).toEqual(['sign', 'return']);
    expect((await detail(o.id, handlerB)).allowedActions).toEqual(['sign']);
    expect((await detail(o.id, agent)).order.callerPhone).toBe('13812345678');

    const skipStart = await act(o.id, { action: 'start' }, handlerA);
    expect(errorOf(skipStart)).toContain('“已派单”，不能执行“开始办理”');
    await actOk(o.id, { action: 'sign' }, handlerA);
    const stale = await act(o.id, { action: 'start', expectedVersion: 2 }, handlerA);
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale)).toContain('当前版本 3');
    await actOk(o.id, { action: 'start', expectedVersion: 3 }, handlerA);

    // 延期: asked by the department, within the limit, approved by the center
    const tooLong = await act(o.id, { action: 'extend_request', days: 11, reason: '需现场多次核查' }, handlerA);
    expect(tooLong.statusCode).toBe(400);
    expect(errorOf(tooLong)).toContain('10 个工作日');
    await actOk(o.id, { action: 'extend_request', days: 3, reason: '需协调施工单位整改' }, handlerA);
    expect((await act(o.id, { action: 'extend_request', days: 1, reason: '再延' }, handlerA)).statusCode).toBe(409);
    expect((await act(o.id, { action: 'extend_approve' }, handlerA)).statusCode).toBe(403);
    const pending = await detail(o.id, leader);
    expect(pending.pendingExtension).toMatchObject({ days: 3, reason: '需协调施工单位整改' });
    expect(pending.allowedActions).toEqual(expect.arrayContaining(['extend_approve', 'extend_reject', 'supervise']));
    const extensionList = async () => orderListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/hotline/orders?extension=pending&limit=200', headers: leader })).json()).items;
    expect((await extensionList()).find((i) => i.id === o.id)?.pendingExtension).toMatchObject({ days: 3, reason: '需协调施工单位整改' });
    const extended = await actOk(o.id, { action: 'extend_approve', reason: '同意' }, leader);
    expect((await extensionList()).map((i) => i.id)).not.toContain(o.id);
    expect(extended).toMatchObject({ dueAt: sh('2026-12-18T00:00:00'), extendedDays: 3, status: 'handling' });
    await actOk(o.id, { action: 'supervise', reason: '群众反映强烈，请加快办理' }, leader);

    const noReply = await act(o.id, { action: 'reply' }, handlerA);
    expect(errorOf(noReply)).toContain('reply');
    await actOk(o.id, { action: 'reply', reply: '已责令施工单位夜间22时后停止施工。' }, handlerA);
    const visited = await actOk(o.id, { action: 'visit', satisfaction: 1, reason: '群众表示仍有施工' }, agent);
    expect(visited.satisfaction).toBe(1);
    const closeUnhappy = await act(o.id, { action: 'close' }, agent);
    expect(closeUnhappy.statusCode).toBe(400);
    expect(errorOf(closeUnhappy)).toContain('reason');
    // 重办 after the unsatisfied call-back: back to 派单 with fresh deadlines, the old reply kept in the events
    const reopened = await actOk(o.id, { action: 'reopen', reason: '回访不满意，夜间仍在施工' }, leader);
    expect(reopened).toMatchObject({ status: 'dispatched', reopenCount: 1, reply: null, satisfaction: null, extendedDays: 0, departmentId: deptA });
    for (const a of ['sign', 'start']) await actOk(o.id, { action: a }, handlerA);
    await actOk(o.id, { action: 'reply', reply: '已联合城管执法，工地已停止夜间施工。' }, handlerA);
    await actOk(o.id, { action: 'visit', satisfaction: 5 }, agent);
    expect((await act(o.id, { action: 'reopen', reason: '再办' }, leader)).statusCode).toBe(409);
    const closed = await actOk(o.id, { action: 'close' }, agent);
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已办结' });
    expect(closed.closedAt).not.toBeNull();

    const d = await detail(o.id, agent);
    expect(d.allowedActions).toEqual([]);
    expect(d.events.map((e) => e.action)).toEqual(['accept', 'dispatch', 'sign', 'start', 'extend_request', 'extend_approve', 'supervise', 'reply', 'visit', 'reopen', 'sign', 'start', 'reply', 'visit', 'close']);
    expect(d.events.find((e) => e.action === 'supervise')).toMatchObject({ actionLabel: '督办', reason: '群众反映强烈，请加快办理', fromStatus: 'handling', toStatus: 'handling' });
    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', o.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['hotline.order.create', ...d.events.slice(1).map((e) => `hotline.order.${e.action}`)]);
    const reopenAudit = audit.find((a) => a.action === 'hotline.order.reopen')!;
    expect(reopenAudit.reason).toBe('回访不满意，夜间仍在施工');
    expect(JSON.parse(reopenAudit.before!)).toMatchObject({ status: 'visited', satisfaction: 1 });
    expect(JSON.parse(reopenAudit.after!)).toMatchObject({ status: 'dispatched', previousSatisfaction: 1 });
  });

  it('退单 by the lead department with a reason, then 改派; a co-department cannot return', async () => {
    const o = await newOrder({ title: '路灯不亮', content: '青禾区幸福路的路灯坏了一周。' });
    await actOk(o.id, { action: 'dispatch', departmentId: deptA, coDepartmentIds: [deptB] }, agent);
    expect((await act(o.id, { action: 'return', reason: '不归我们管' }, handlerB)).statusCode).toBe(403);
    const noReason = await act(o.id, { action: 'return' }, handlerA);
    expect(errorOf(noReason)).toContain('reason');
    const returned = await actOk(o.id, { action: 'return', reason: '路灯由城管局负责' }, handlerA);
    expect(returned).toMatchObject({ status: 'returned', dueAt: null });
    const re = await actOk(o.id, { action: 'redispatch', departmentId: deptB, reason: '按职责改派城管局' }, agent);
    expect(re).toMatchObject({ status: 'dispatched', departmentId: deptB, coDepartments: [] });
    expect((await detail(o.id, handlerB)).allowedActions).toContain('sign');
    // the return window is 2 working days from dispatch: after it, the department must handle or ask for more time
    t.ctx.hotline.orders.clock.now = () => new Date('2026-11-30T09:00:00+08:00');
    try {
      const late = await act(o.id, { action: 'return', reason: '也不归我们管' }, handlerB);
      expect(late.statusCode).toBe(409);
      expect(errorOf(late)).toContain('退单期限');
    } finally {
      t.ctx.hotline.orders.clock.now = () => DISPATCH_AT;
    }
  });

  it('即时办结 for a 咨询 only; 并单 into an open order', async () => {
    const q = await newOrder({ type: '咨询', title: '社保卡补办地点', content: '请问社保卡丢了去哪里补办？' });
    const closed = await actOk(q.id, { action: 'answer_directly', reply: '可到区政务服务中心社保窗口或通过手机App补办。' }, agent);
    expect(closed).toMatchObject({ status: 'closed', reply: '可到区政务服务中心社保窗口或通过手机App补办。' });
    const complaint = await newOrder();
    const refused = await act(complaint.id, { action: 'answer_directly', reply: '好的' }, agent);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toContain('咨询');

    const dup = await newOrder({ title: '工地夜间施工', content: '人民路18号工地夜里施工吵得睡不着' });
    expect((await act(dup.id, { action: 'merge', intoOrderId: q.id }, agent)).statusCode).toBe(409);
    const merged = await actOk(dup.id, { action: 'merge', intoOrderId: complaint.id, reason: '同一工地同一问题' }, agent);
    expect(merged).toMatchObject({ status: 'merged', mergedInto: complaint.id });
    expect((await detail(complaint.id, agent)).events.at(-1)).toMatchObject({ action: 'note', payload: { mergedFrom: dup.id } });
  });

  it('a citizen submits on the web and follows the order with the last four digits of the phone', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/hotline/public/orders', payload: { title: '建议增设公交站', content: '建议在青禾区幸福路口增设公交站点，方便居民出行。', callerName: '赵六', callerPhone: '13700001111', idempotencyKey: 'citizen-form-1' } });
    expect(res.statusCode, res.body).toBe(201);
    const created = publicOrderCreatedSchema.parse(res.json());
    expect(created.message).toContain(created.id);
    const track = await t.app.inject({ method: 'GET', url: `/api/v1/hotline/public/orders/${created.id}?phone=1111` });
    expect(track.statusCode, track.body).toBe(200);
    const status = publicOrderStatusSchema.parse(track.json());
    expect(status).toMatchObject({ statusLabel: '已受理', type: '建议', callerName: '赵*', callerPhone: '137****1111' });
    expect(status.timeline.map((e) => e.label)).toEqual(['受理']);
    const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/hotline/public/orders/${created.id}?phone=2222` });
    expect(wrong.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/hotline/public/orders/${created.id}?phone=12` })).statusCode).toBe(400);
    const order = await detail(created.id, agent);
    expect(order.order.channel).toBe('web');

    await actOk(created.id, { action: 'dispatch', departmentId: deptB }, agent);
    await actOk(created.id, { action: 'return', reason: '内部：不属本单位' }, handlerB);
    await actOk(created.id, { action: 'redispatch', departmentId: deptA, reason: '改派' }, agent);
    await actOk(created.id, { action: 'sign' }, handlerA);
    await actOk(created.id, { action: 'start' }, handlerA);
    await actOk(created.id, { action: 'reply', reply: '已纳入明年公交线网优化计划。' }, handlerA);
    const later = publicOrderStatusSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/hotline/public/orders/${created.id}?phone=1111` })).json());
    expect(later).toMatchObject({ statusLabel: '已答复', reply: '已纳入明年公交线网优化计划。', departmentName: '青禾区住房和城乡建设局' });
    // the citizen sees the steps, not the internal return and its reason
    expect(later.timeline.map((e) => e.label)).toEqual(['受理', '派单', '改派', '签收', '开始办理', '答复']);
    expect(JSON.stringify(later)).not.toContain('内部');
  });

  it('time limits per type and category: admins read and replace them, the most specific rule applies at dispatch', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/hotline/deadline-rules', headers: agent })).statusCode).toBe(403);
    const current = deadlineRulesSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/hotline/deadline-rules', headers: admin })).json());
    expect(current.rules.find((r) => r.orderType === '咨询')).toMatchObject({ handleDays: 3, signHours: 2, returnDays: 2, maxExtensionDays: 10 });
    const withoutCatchAll = await t.app.inject({ method: 'PUT', url: '/api/v1/hotline/deadline-rules', headers: admin, payload: { rules: current.rules.filter((r) => r.orderType !== '') } });
    expect(withoutCatchAll.statusCode).toBe(400);
    expect(errorOf(withoutCatchAll)).toContain('任意类型');
    const rules = [...current.rules.map(({ id: _id, ...r }) => r), { orderType: '投诉' as const, categoryPrefix: '城乡建设/住房', handleDays: 5, signHours: 4, returnDays: 1, maxExtensionDays: 5 }];
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/hotline/deadline-rules', headers: admin, payload: { rules } });
    expect(saved.statusCode, saved.body).toBe(200);
    const o = await newOrder({ category: '城乡建设/住房/物业管理' });
    const d = await actOk(o.id, { action: 'dispatch', departmentId: deptA }, agent);
    expect(d).toMatchObject({ signDueAt: sh('2026-11-25T14:00:00'), dueAt: sh('2026-12-03T00:00:00') });
    expect((await detail(o.id, agent)).limits).toEqual({ handleDays: 5, signHours: 4, returnDays: 1, maxExtensionDays: 5 });
    const audit = await t.ctx.audit.list({ action: 'hotline.deadline_rules.update' }, { limit: 5, pii: false });
    expect(audit.items).toHaveLength(1);
  });

  it('attachments: a photo by the agent and the department, checked by content, downloaded by those who see the order', async () => {
    const o = await newOrder({ title: '路面塌陷', content: '青禾区建设路中段路面塌陷。' });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('现场照片')]);
    const upload = (headers: H, files: Array<{ name: string; data: Buffer }>) => {
      const body = multipart({}, files);
      return t.app.inject({ method: 'POST', url: `/api/v1/hotline/orders/${o.id}/attachments`, payload: body.payload, headers: { ...headers, ...body.headers } });
    };
    const bad = await upload(agent, [{ name: '病毒.exe', data: Buffer.from('MZ\x90\x00 not a picture') }]);
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toContain('病毒.exe');
    const first = await upload(agent, [{ name: '现场.png', data: png }]);
    expect(first.statusCode, first.body).toBe(200);
    expect(orderSchema.parse(first.json()).attachments).toEqual([expect.objectContaining({ seq: 1, name: '现场.png', mime: 'image/png', size: png.length })]);
    await actOk(o.id, { action: 'dispatch', departmentId: deptA }, agent);
    expect((await upload(handlerC, [{ name: 'x.png', data: png }])).statusCode).toBe(404);
    const second = orderSchema.parse((await upload(handlerA, [{ name: '整改后.png', data: png }])).json());
    expect(second.attachments.map((a) => a.name)).toEqual(['现场.png', '整改后.png']);
    const download = await t.app.inject({ method: 'GET', url: second.attachments[1]!.downloadUrl, headers: handlerA });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(png)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: second.attachments[0]!.downloadUrl, headers: handlerC })).statusCode).toBe(404);
  });

  it('dispatch without a chosen department follows the 派单目录 (category + region)', async () => {
    const rule = await t.app.inject({ method: 'POST', url: '/api/v1/hotline/dispatch-rules', headers: admin, payload: { categoryPrefix: '城乡建设/市政设施', regionPrefix: '', departmentId: deptB, coDepartmentIds: [deptA] } });
    expect(rule.statusCode, rule.body).toBeLessThan(300);
    const o = await newOrder({ category: '城乡建设/市政设施/路灯' });
    const d = await actOk(o.id, { action: 'dispatch' }, agent);
    expect(d).toMatchObject({ departmentId: deptB, coDepartments: [{ id: deptA, name: '青禾区住房和城乡建设局' }] });
    const uncovered = await newOrder({ category: '教育/招生' });
    const refused = await act(uncovered.id, { action: 'dispatch' }, agent);
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused)).toContain('派单目录');
  });

  it('a missed sign deadline marks the order overdue once and puts it in the supervision list', async () => {
    const o = await newOrder({ title: '井盖缺失', content: '青禾区建设路口井盖丢失，很危险。' });
    await actOk(o.id, { action: 'dispatch', departmentId: deptA }, agent);
    expect(await t.ctx.hotline.jobs.runDue()).toBe(0);
    t.ctx.hotline.orders.clock.now = () => new Date('2026-11-25T12:01:00+08:00');
    try {
      expect(await t.ctx.hotline.jobs.runDue()).toBeGreaterThanOrEqual(1);
      expect(await t.ctx.hotline.jobs.runDue()).toBe(0);
    } finally {
      t.ctx.hotline.orders.clock.now = () => DISPATCH_AT;
    }
    const d = await detail(o.id, agent);
    expect(d.order.overdue).toBe(true);
    expect(d.events.filter((e) => e.action === 'overdue')).toEqual([expect.objectContaining({ actionLabel: '超期', reason: '超过签收时限未签收', payload: { kind: 'sign', dueAt: sh('2026-11-25T12:00:00') } })]);
    const supervision = orderListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/hotline/orders?overdue=true&limit=200', headers: leader })).json());
    expect(supervision.items.map((i) => i.id)).toContain(o.id);
    expect(supervision.items.every((i) => i.overdue)).toBe(true);

    // signed late and then not answered in time: the reply deadline (13 working days for 投诉) runs out too
    await actOk(o.id, { action: 'sign' }, handlerA);
    t.ctx.hotline.orders.clock.now = () => new Date('2026-12-15T00:01:00+08:00');
    try {
      expect(await t.ctx.hotline.jobs.runDue()).toBeGreaterThanOrEqual(1);
      // too late to ask for more time
      const late = await act(o.id, { action: 'extend_request', days: 2, reason: '来不及了' }, handlerA);
      expect(late.statusCode).toBe(409);
      expect(errorOf(late)).toContain('办理期限');
      // nor to return it: only the work itself is left
      expect((await detail(o.id, handlerA)).allowedActions).toEqual(['start']);
    } finally {
      t.ctx.hotline.orders.clock.now = () => DISPATCH_AT;
    }
    const after = await detail(o.id, leader);
    expect(after.events.filter((e) => e.action === 'overdue').map((e) => e.payload)).toEqual([
      { kind: 'sign', dueAt: sh('2026-11-25T12:00:00') },
      { kind: 'reply', dueAt: sh('2026-12-15T00:00:00') },
    ]);
    expect(after.events.at(-1)?.reason).toBe('超过办理时限未答复');
  });

  it('an agent turns a chat session into an order; its detail shows the transcript', async () => {
    const chat = await ask(t, '我家楼下的垃圾站好几天没人清运了，臭得不行');
    const res = await intake({ channel: 'chat', type: '投诉', chatSessionId: chat.sessionId, callerPhone: '13600002222' });
    expect(res.statusCode, res.body).toBe(201);
    const o = orderSchema.parse(res.json());
    expect(o).toMatchObject({ channel: 'chat', chatSessionId: chat.sessionId, title: '我家楼下的垃圾站好几天没人清运了，臭得不行' });
    const d = await detail(o.id, agent);
    expect(d.transcript?.map((m) => m.role)).toEqual(expect.arrayContaining(['citizen']));
    expect(d.transcript?.[0]?.text).toContain('垃圾站');
    const unknown = await intake({ channel: 'chat', type: '投诉', chatSessionId: 'no-such-session' });
    expect(unknown.statusCode).toBe(404);
  });

  it('a callback request left in the chat becomes a work order; the citizen is told its number and can track it', async () => {
    const saved = t.ctx.assistant.clock.now;
    t.ctx.assistant.clock.now = () => new Date('2026-11-28T22:00:00+08:00');
    try {
      const chat = await ask(t, '小区物业乱收停车费，我要投诉');
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/chat/${chat.sessionId}/callback`, payload: { name: '钱七', phone: '135 0000 3333', preferredTime: '周一上午', note: '停车费每月多收两百' } });
      expect(res.statusCode, res.body).toBe(201);
      const notice = (await poll(t, chat.sessionId)).messages.at(-1)!;
      const number = /工单编号 (GD\d{16})/.exec(notice.text)?.[1];
      expect(number, notice.text).toBeTruthy();
      expect(notice.text).toContain('135****3333');
      const d = await detail(number!, agent);
      expect(d.order).toMatchObject({ channel: 'chat', chatSessionId: chat.sessionId, type: '投诉', callerName: '钱七', callerPhone: '13500003333', title: '小区物业乱收停车费，我要投诉' });
      expect(d.order.content).toContain('停车费每月多收两百');
      expect(d.transcript?.some((m) => m.role === 'system' && m.text.includes(number!))).toBe(true);
      const track = await t.app.inject({ method: 'GET', url: `/api/v1/hotline/public/orders/${number}?phone=3333` });
      expect(publicOrderStatusSchema.parse(track.json()).statusLabel).toBe('已受理');
    } finally {
      t.ctx.assistant.clock.now = saved;
    }
  });
});
