/**
 * Intake on SQLite and PostgreSQL: the taxonomy and 派单目录 (import with line-numbered
 * errors, nothing half-written; the most specific rule wins), suggestions for a new order
 * (with and without a trained model, emergencies, the place, a grounded direct answer for a
 * 咨询, likely duplicates) recorded as AI outputs, and duplicates of a stored order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseTrainingJsonl } from '../../src/hotline/classifier/evaluate.js';
import { train } from '../../src/hotline/classifier/model.js';
import { saveModel } from '../../src/hotline/classifier/store.js';
import { hotspotSchema, statsSchema } from '../../src/hotline/hotspots/hotspots.schema.js';
import { replyDraftSchema } from '../../src/hotline/replies/reply-draft.schema.js';
import { importHistory, parseHistoryJsonl } from '../../src/hotline/replies/history-import.js';
import { categoryNodeSchema, dispatchRuleViewSchema, duplicateSchema, suggestResponseSchema } from '../../src/hotline/intake/intake.schema.js';
import { extractLocation } from '../../src/hotline/intake/location.js';
import { bearerFor, createDepartment } from '../helpers/auth.js';
import { buildFaq, buildPolicy, uniqueId } from '../helpers/factories.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const TAXONOMY = ['一级分类,二级分类,三级分类', '城乡建设,物业管理,物业收费', '城乡建设,市政设施,路灯照明', '教育文体,义务教育,', '民政,社会救助,临时救助'].join('\n');

const TRAINING = [
  { title: '小区物业乱收停车费', text: '小区物业公司擅自提高停车收费标准，业主不同意。', category: '城乡建设/物业管理/物业收费' },
  { title: '物业收费不合理', text: '物业费上涨没有经过业主大会，物业收费不透明。', category: '城乡建设/物业管理/物业收费' },
  { title: '路灯不亮', text: '小区门口道路路灯坏了一个月没人修，晚上很黑。', category: '城乡建设/市政设施/路灯照明' },
  { title: '路灯损坏', text: '主干道路灯损坏多处，夜间行人不安全。', category: '城乡建设/市政设施/路灯照明' },
  { title: '孩子入学难', text: '孩子报名小学被拒，学位不够，入学怎么办。', category: '教育文体/义务教育' },
  { title: '学校乱收费', text: '学校要求学生交补课费和资料费。', category: '教育文体/义务教育' },
]
  .map((o) => JSON.stringify(o))
  .join('\n');

describe.each(DIALECTS)('hotline intake (%s)', (dialect) => {
  let t: TestContext;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let wuye: number;
  let jiedao: number;
  let jiaoyu: number;
  let xiangzhen: number;

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  /** An order stored as the orders module stores one (location extracted from its text). */
  async function insertOrder(o: {
    title: string;
    content: string;
    createdAt?: string;
    status?: string;
    reply?: string;
    departmentId?: number;
    dueAt?: string;
    repliedAt?: string;
    satisfaction?: number;
    channel?: string;
    category?: string;
  }): Promise<string> {
    const id = uniqueId('GD').replace(/[^\w]/g, '').slice(0, 30);
    const at = o.createdAt ?? new Date().toISOString();
    const location = extractLocation(`${o.title}。${o.content}`);
    await t.ctx.database.db
      .insertInto('hotline_orders')
      .values({
        id, channel: o.channel ?? 'phone', status: o.status ?? 'received', order_type: '投诉', category: o.category ?? null, urgency: 'normal', title: o.title, content: o.content,
        caller_name: null, caller_phone: null, location: JSON.stringify(location), division_code: location.divisionCode ?? null, department_id: o.departmentId ?? null,
        co_department_ids: '[]', merged_into: null, chat_session_id: null, attachments: '[]', suggestions: '{}', reply: o.reply ?? null, replied_at: o.repliedAt ?? (o.reply ? at : null),
        satisfaction: o.satisfaction ?? null, sign_due_at: null, due_at: o.dueAt ?? null, extended_days: 0, supervise_count: 0, reopen_count: 0, overdue_at: null,
        idempotency_key: null, version: 1, created_by: 'test', created_at: at, updated_at: at, closed_at: null,
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    t = await openTestContext(dialect);
    admin = (await bearerFor(t, 'admin')).headers;
    agent = (await bearerFor(t, 'agent')).headers;
    const gov = await createDepartment(t, '测试区人民政府', 'government');
    wuye = await createDepartment(t, '测试区住房和城乡建设局', 'bureau', gov);
    jiedao = await createDepartment(t, '测试区天河街道办事处', 'bureau', gov);
    jiaoyu = await createDepartment(t, '测试区教育局', 'bureau', gov);
    xiangzhen = await createDepartment(t, '测试区城管局', 'bureau', gov);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('imports a taxonomy of any depth and serves it as a tree; a bad file names the line and writes nothing', async () => {
    const bad = await api('POST', '/hotline/categories/import', admin, { csv: `${TAXONOMY}\n民政,,临时救助` });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).error.message).toContain('第 6 行');
    expect(z.array(categoryNodeSchema).parse((await api('GET', '/hotline/categories', agent)).json())).toEqual([]);

    expect((await api('POST', '/hotline/categories/import', agent, { csv: TAXONOMY })).statusCode).toBe(403);
    const ok = await api('POST', '/hotline/categories/import', admin, { csv: TAXONOMY });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ added: 10, total: 10 });
    const tree = z.array(categoryNodeSchema).parse((await api('GET', '/hotline/categories', agent)).json());
    expect(tree.map((n) => n.name)).toEqual(['城乡建设', '教育文体', '民政']);
    expect(tree[0]!.children.map((n) => n.path)).toEqual(['城乡建设/物业管理', '城乡建设/市政设施']);
    expect(tree[0]!.children[0]!.children[0]).toMatchObject({ path: '城乡建设/物业管理/物业收费', level: 3, children: [] });

    // the file is the whole taxonomy: a class left out is no longer offered
    const again = await api('POST', '/hotline/categories/import', admin, { csv: TAXONOMY.split('\n').slice(0, 4).join('\n') });
    expect(again.json()).toMatchObject({ added: 0, deactivated: 3 });
    expect(z.array(categoryNodeSchema).parse((await api('GET', '/hotline/categories', agent)).json()).map((n) => n.name)).toEqual(['城乡建设', '教育文体']);
  });

  it('keeps a 派单目录 where the most specific rule decides 主办 and 协办', async () => {
    const badCsv = ['分类,区划代码,主办单位,协办单位', '城乡建设,,测试区住房和城乡建设局,', '城乡建设/物业管理,4401,测试区不存在局,'].join('\n');
    const bad = await api('POST', '/hotline/dispatch-rules/import', admin, { csv: badCsv });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.message).toMatch(/第 3 行：主办单位“测试区不存在局”不存在/);
    expect(z.array(dispatchRuleViewSchema).parse((await api('GET', '/hotline/dispatch-rules', admin)).json())).toEqual([]);

    const csv = [
      '分类,区划代码,主办单位,协办单位',
      '城乡建设,,测试区住房和城乡建设局,',
      '城乡建设/物业管理,440106,测试区天河街道办事处,测试区住房和城乡建设局；测试区城管局',
      '教育文体,,测试区教育局,',
    ].join('\n');
    const ok = await api('POST', '/hotline/dispatch-rules/import', admin, { csv });
    expect(ok.json()).toEqual({ created: 3, updated: 0 });
    const intake = t.ctx.hotline.intake.config;
    expect((await intake.resolve('城乡建设/物业管理/物业收费', '440106006'))?.department.id).toBe(jiedao);
    expect((await intake.resolve('城乡建设/物业管理/物业收费', '440106006'))?.coDepartments.map((d) => d.id)).toEqual([wuye, xiangzhen]);
    // elsewhere, or another branch of 城乡建设: the general rule
    expect((await intake.resolve('城乡建设/物业管理/物业收费', '110105'))?.department.id).toBe(wuye);
    expect((await intake.resolve('城乡建设/市政设施', null))?.department.id).toBe(wuye);
    expect(await intake.resolve('民政/社会救助', null)).toBeUndefined();

    const created = await api('POST', '/hotline/dispatch-rules', admin, { categoryPrefix: '民政', regionPrefix: '', departmentId: xiangzhen, coDepartmentIds: [] });
    expect(created.statusCode, created.body).toBe(201);
    const dup = await api('POST', '/hotline/dispatch-rules', admin, { categoryPrefix: '民政', regionPrefix: '', departmentId: wuye });
    expect(dup.statusCode).toBe(409);
    const badRegion = await api('POST', '/hotline/dispatch-rules', admin, { categoryPrefix: '民政', regionPrefix: '44a', departmentId: wuye });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.body).toContain('regionPrefix');
    const id = created.json().id as number;
    expect((await api('PUT', `/hotline/dispatch-rules/${id}`, admin, { categoryPrefix: '民政', regionPrefix: '', departmentId: jiaoyu })).statusCode).toBe(200);
    expect((await intake.resolve('民政/社会救助', null))?.department.id).toBe(jiaoyu);
    expect((await api('DELETE', `/hotline/dispatch-rules/${id}`, admin)).statusCode).toBe(204);
    expect(await intake.resolve('民政/社会救助', null)).toBeUndefined();
    expect((await api('GET', '/hotline/dispatch-rules', agent)).statusCode).toBe(403);
  });

  it('suggests without a trained model, saying why, and tells to call 119 at once in an emergency', async () => {
    const res = await api('POST', '/hotline/suggest', agent, { text: '广州市天河区石牌街道华师社区的路灯坏了一个月了' });
    expect(res.statusCode, res.body).toBe(200);
    const s = suggestResponseSchema.parse(res.json());
    expect(s.category).toBeNull();
    expect(s.notes.join('')).toContain('hotline train');
    expect(s.location).toMatchObject({ city: '广州市', area: '天河区', community: '华师社区', divisionCode: '440106' });

    const fire = suggestResponseSchema.parse((await api('POST', '/hotline/suggest', agent, { text: '我们楼下着火了，浓烟很大' })).json());
    expect(fire.urgency).toBe('emergency');
    expect(fire.emergencyNumbers).toEqual(['119']);
    expect(fire.notes.join('')).toMatch(/立即.*119/);
    expect((await api('POST', '/hotline/suggest', {}, { text: '路灯坏了' })).statusCode).toBe(401);
    expect((await api('POST', '/hotline/suggest', admin, { text: '路灯坏了' })).statusCode).toBe(403);
    const empty = await api('POST', '/hotline/suggest', agent, { text: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(HAN);
  });

  it('suggests category, departments and likely duplicates with a model, recorded as an AI output', async () => {
    saveModel(t.dataDir, train(parseTrainingJsonl(TRAINING).examples));
    const earlier = await insertOrder({ title: '华景小区物业乱收停车费', content: '广州市天河区华景小区物业擅自提高停车收费标准，每月停车费涨到500元。', createdAt: new Date(Date.now() - 3 * 86400_000).toISOString() });
    const elsewhere = await insertOrder({ title: '华景小区物业乱收停车费', content: '北京市朝阳区望京街道华景小区物业擅自提高停车收费标准。' });
    const old = await insertOrder({ title: '华景小区物业乱收停车费', content: '广州市天河区华景小区物业擅自提高停车收费标准。', createdAt: new Date(Date.now() - 90 * 86400_000).toISOString() });
    const other = await insertOrder({ title: '华景小区路灯不亮', content: '广州市天河区华景小区门口路灯坏了。' });

    const res = await api('POST', '/hotline/suggest', agent, { title: '投诉物业停车收费', text: '广州市天河区华景小区物业又提高停车收费标准了，停车费每月500元，业主没有同意。' });
    expect(res.statusCode, res.body).toBe(200);
    const s = suggestResponseSchema.parse(res.json());
    expect(s.category).toBe('城乡建设/物业管理/物业收费');
    expect(s.confidence).toBeGreaterThan(0);
    expect(s.type).toBe('投诉');
    expect(s.department).toMatchObject({ id: jiedao, name: '测试区天河街道办事处' });
    expect(s.coDepartments.map((d) => d.id)).toEqual([wuye, xiangzhen]);
    expect(s.urgency).toBe('normal');
    const ids = s.duplicates.map((d) => d.id);
    expect(ids).toContain(earlier);
    for (const not of [elsewhere, old, other]) expect(ids).not.toContain(not);
    expect(s.duplicates[0]!.reasons.join(' ')).toContain('华景小区');

    const rec = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'ai.suggest').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const ai = JSON.parse(rec.ai!) as { question: string; answer: string; producer: string; producerVersion: string };
    expect(ai.question).toContain('华景小区');
    expect(ai.answer).toContain('测试区天河街道办事处');
    expect(ai.answer).toContain(earlier);
    expect(ai.producerVersion).toMatch(/classifier:\d{4}-/);

    const dups = await api('GET', `/hotline/orders/${earlier}/duplicates`, agent);
    expect(dups.statusCode, dups.body).toBe(200);
    expect(z.array(duplicateSchema).parse(dups.json()).map((d) => d.id)).toEqual([]);
    const later = await insertOrder({ title: '华景小区停车费又涨了', content: '广州市天河区华景小区物业把停车收费标准提高到每月500元，业主不同意。' });
    expect(z.array(duplicateSchema).parse((await api('GET', `/hotline/orders/${later}/duplicates`, agent)).json()).map((d) => d.id)).toContain(earlier);
    expect((await api('GET', '/hotline/orders/NOPE/duplicates', agent)).statusCode).toBe(404);
  });

  it('offers a direct answer for a 咨询 only when the knowledge base grounds it, quoting the source', async () => {
    const faq = buildFaq({ question: '营业执照丢失了怎么补办？', answer: '可登录示范区政务服务网申请补领营业执照，无需登报声明作废，审核通过后三个工作日内领取。' });
    await t.ctx.knowledge.upsert([faq]);
    await t.ctx.search.sync();
    const s = suggestResponseSchema.parse((await api('POST', '/hotline/suggest', agent, { text: '请问营业执照丢失了怎么补办？' })).json());
    expect(s.type).toBe('咨询');
    expect(s.directAnswer?.text).toContain('政务服务网');
    const cite = s.directAnswer!.citations[0]!;
    expect(cite.entryId).toBe(faq.id);
    const entry = await t.ctx.knowledge.get(faq.id);
    expect(entry!.text).toContain(cite.quote);

    const none = suggestResponseSchema.parse((await api('POST', '/hotline/suggest', agent, { text: '请问游艇驾驶执照去哪里考？' })).json());
    expect(none.directAnswer).toBeUndefined();
    expect(none.notes.join('')).toContain('没有能直接答复的依据');
  });

  it('drafts a reply from the most similar replied order and the knowledge base, naming its sources', async () => {
    const replied = await insertOrder({
      title: '锦苑小区电梯经常故障',
      content: '广州市天河区锦苑小区3栋电梯经常故障停运，老人上下楼困难。',
      status: 'closed',
      createdAt: new Date(Date.now() - 60 * 86400_000).toISOString(),
      reply: '网友您好！您的留言已收悉。经调查核实，锦苑小区3栋电梯因主板老化导致故障，区市场监管局已责令物业公司于两周内更换主板并完成检测。感谢您对我们工作的理解和支持。',
    });
    const policy = buildPolicy({ text: ['示范区住宅电梯安全管理办法', '第一条 住宅电梯发生故障停运的，物业服务企业应当在二十四小时内组织维修，并向业主公示维修进度。', '第二条 本办法自印发之日起施行。'].join('\n') });
    await t.ctx.knowledge.upsert([policy]);
    await t.ctx.search.sync();
    const order = await insertOrder({ title: '锦苑小区电梯故障停运', content: '广州市天河区锦苑小区5栋电梯又坏了，停运三天，物业不维修。', departmentId: wuye });

    const res = await api('POST', `/hotline/orders/${order}/reply-draft`, agent, {});
    expect(res.statusCode, res.body).toBe(200);
    const d = replyDraftSchema.parse(res.json());
    expect(d.draft).toContain('锦苑小区电梯故障停运');
    expect(d.draft).toContain('责令物业公司于两周内更换主板');
    // greetings and thanks of the old reply are not carried over as its substance
    expect(d.draft.match(/感谢/g)).toHaveLength(1);
    expect(d.sources.find((x) => x.kind === 'order')).toMatchObject({ id: replied, title: '锦苑小区电梯经常故障' });
    const k = d.sources.find((x) => x.kind === 'knowledge');
    expect(k).toMatchObject({ id: policy.id });
    const entry = await t.ctx.knowledge.get(policy.id);
    expect(entry!.text.slice(k!.start!, k!.end!)).toBe(k!.quote);
    // search ranks the policy for any text; it is offered only for an order about its matter
    const noise = await insertOrder({ title: '锦苑小区门口摊贩占道', content: '广州市天河区锦苑小区门口摊贩占道经营，电梯口堆满杂物。' });
    const unrelated = replyDraftSchema.parse((await api('POST', `/hotline/orders/${noise}/reply-draft`, agent, {})).json());
    expect(unrelated.sources.filter((x) => x.kind === 'knowledge')).toEqual([]);
    const rec = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'ai.reply_draft').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(rec.entity_id).toBe(noise);

    // a handler drafts for its own department's orders only
    const own = (await bearerFor(t, 'handler', { departmentId: wuye })).headers;
    const stranger = (await bearerFor(t, 'handler', { departmentId: jiaoyu })).headers;
    expect((await api('POST', `/hotline/orders/${order}/reply-draft`, own, {})).statusCode).toBe(200);
    expect((await api('POST', `/hotline/orders/${order}/reply-draft`, stranger, {})).statusCode).toBe(404);
  });

  it('finds hot spots of one matter at one place with counts per period and a trend', async () => {
    const to = new Date('2021-03-15T00:00:00Z');
    const day = (n: number) => new Date(to.getTime() - n * 86400_000 + 3600_000).toISOString();
    for (const n of [1, 2, 2, 9]) await insertOrder({ title: '枫林小区门口夜市油烟扰民', content: `广州市天河区枫林小区门口夜市烧烤油烟很大，晚上噪音扰民（第${n}天）。`, createdAt: day(n) });
    await insertOrder({ title: '枫林小区门口夜市油烟扰民', content: '北京市朝阳区望京街道枫林小区门口夜市烧烤油烟很大。', createdAt: day(3) });
    await insertOrder({ title: '孩子入学报名', content: '请问小学入学报名需要什么材料？', createdAt: day(3) });

    const res = await api('GET', '/hotline/hotspots?days=14&window=week&to=2021-03-15T00:00:00Z', (await bearerFor(t, 'auditor')).headers);
    expect(res.statusCode, res.body).toBe(200);
    const spots = z.array(hotspotSchema).parse(res.json());
    expect(spots).toHaveLength(1);
    expect(spots[0]!).toMatchObject({ count: 4, place: '天河区 枫林小区', divisionCode: '440106' });
    expect(spots[0]!.trend.map((x) => x.count)).toEqual([1, 3]);
    expect(spots[0]!.label).toMatch(/^天河区 枫林小区 .+ 3 件\/周$/);
    expect((await api('GET', '/hotline/hotspots', (await bearerFor(t, 'handler')).headers)).statusCode).toBe(403);
    expect((await api('GET', '/hotline/hotspots?window=month', agent)).statusCode).toBe(400);
  });

  it('reports categories over time, deadline compliance by department, satisfaction, status and channel', async () => {
    const at = (d: string) => `2020-03-${d}T02:00:00.000Z`;
    await insertOrder({ title: 'a', content: '物业收费', category: '城乡建设/物业管理', createdAt: at('02'), departmentId: wuye, dueAt: at('09'), repliedAt: at('05'), reply: '已处理', status: 'closed', satisfaction: 5 });
    await insertOrder({ title: 'b', content: '物业收费', category: '城乡建设/物业管理', createdAt: at('02'), departmentId: wuye, dueAt: at('09'), repliedAt: at('12'), reply: '已处理', status: 'visited', satisfaction: 2, channel: 'web' });
    await insertOrder({ title: 'c', content: '入学', category: '教育文体', createdAt: at('03'), departmentId: jiaoyu, dueAt: at('04'), status: 'handling' });
    const res = await api('GET', '/hotline/stats?from=2020-03-01T00:00:00Z&to=2020-03-31T00:00:00Z', agent);
    expect(res.statusCode, res.body).toBe(200);
    const s = statsSchema.parse(res.json());
    expect(s.total).toBe(3);
    expect(s.period).toBe('day');
    expect(s.byCategoryOverTime).toEqual([
      { period: '2020-03-02', category: '城乡建设', count: 2 },
      { period: '2020-03-03', category: '教育文体', count: 1 },
    ]);
    expect(s.slaByDepartment.find((d) => d.departmentId === wuye)).toMatchObject({ due: 2, onTime: 1, late: 1, rate: 0.5, departmentName: '测试区住房和城乡建设局' });
    expect(s.slaByDepartment.find((d) => d.departmentId === jiaoyu)).toMatchObject({ due: 1, openOverdue: 1, rate: 0 });
    expect(s.satisfaction).toMatchObject({ count: 2, average: 3.5 });
    expect(s.satisfaction.distribution.find((x) => x.score === 5)?.count).toBe(1);
    expect(s.byStatus).toHaveLength(3);
    expect(s.byChannel).toEqual([{ channel: 'phone', count: 2 }, { channel: 'web', count: 1 }]);
    const bad = await api('GET', '/hotline/stats?from=2020-03-31T00:00:00Z&to=2020-03-01T00:00:00Z', agent);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('from');
  });

  it('imports historic orders once, as closed orders with their replies; a bad line names its number', async () => {
    const file = [
      { id: 'h1', title: '历史工单一', time: '2019-2-28 11:25:05', text: 'A市A3区联丰路路灯不亮', reply: '已修复', replyTime: '2019-3-2 9:00:00' },
      { id: 'h2', title: '历史工单二', time: '2019-3-1 08:00:00', text: '咨询社保缴费', category: '劳动和社会保障' },
    ]
      .map((o) => JSON.stringify(o))
      .join('\n');
    const { lines, errors } = parseHistoryJsonl(file);
    expect(errors).toEqual([]);
    expect(await importHistory(t.ctx.database.db, lines, 'system:test')).toEqual({ imported: 2, skipped: 0 });
    expect(await importHistory(t.ctx.database.db, lines, 'system:test')).toEqual({ imported: 0, skipped: 2 });
    const row = await t.ctx.database.db.selectFrom('hotline_orders').selectAll().where('id', '=', 'LSh1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', reply: '已修复', created_at: '2019-02-28T03:25:05.000Z', replied_at: '2019-03-02T01:00:00.000Z' });
    expect(JSON.parse(row.location)).toMatchObject({ area: 'A3区', road: '联丰路' });
    const bad = parseHistoryJsonl(`${file}\n{"title":"x","time":"2019-13-40","text":"y"}`);
    expect(bad.errors).toEqual([{ line: 3, message: expect.stringContaining('time') }]);
  });
});
