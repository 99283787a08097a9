/**
 * POST /api/v1/hotline/classify: agents only, a clear 503 until a model has been trained, and
 * after `hotline train` has saved one into the data directory the running server answers with
 * it — no restart. POST /api/v1/hotline/classifier/retrain: administrators retrain from the
 * closed orders (and a JSONL history); too little data or a bad line leaves the model as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import { parseTrainingJsonl } from '../../src/hotline/classifier/evaluate.js';
import { classifyResponseSchema, retrainResponseSchema } from '../../src/hotline/classifier/classifier.schema.js';
import { train } from '../../src/hotline/classifier/model.js';
import { loadModel, modelPath, saveModel } from '../../src/hotline/classifier/store.js';
import { bearerFor } from '../helpers/auth.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

/** A small history in the training file's format: two first-level categories, one with a second level. */
const FIXTURE = [
  { title: '公交车不按站停靠', text: '12路公交车经常不按站停靠，司机态度差，乘客无法上车。', category: '交通运输/公交' },
  { title: '公交线路调整', text: '希望增加公交线路班次，早高峰公交车太挤。', category: '交通运输/公交' },
  { title: '出租车拒载', text: '出租车司机拒载绕路，希望交通部门加强出租车管理。', category: '交通运输/出租车' },
  { title: '出租车乱收费', text: '出租车不打表乱收费，司机绕路多收钱。', category: '交通运输/出租车' },
  { title: '学校补课收费', text: '学校老师组织学生周末补课并收取补课费。', category: '教育文体' },
  { title: '入学难', text: '孩子入学报名被学校拒绝，学位不够。', category: '教育文体' },
  { title: '教师待遇', text: '乡村教师工资长期偏低，学校留不住老师。', category: '教育文体' },
  { title: '校车安全', text: '学校校车超载，学生上学安全没有保障。', category: '教育文体' },
]
  .map((o) => JSON.stringify(o))
  .join('\n');

/** Short messages of a topic: topic words mixed into phrases every topic shares. */
const TOPICS = {
  '环境保护/噪声污染': ['工地夜间施工', '噪音扰民', '搅拌机轰鸣', '广场舞音响', '凌晨打桩', '噪声超标'],
  '城乡建设/物业管理': ['物业不维修电梯', '物业费上涨', '小区停车位', '业主委员会', '维修基金', '物业公司'],
} as const;
const SHARED = ['希望有关部门尽快处理', '已经反映多次', '影响居民生活', '请领导重视'];

function topicMessage(category: keyof typeof TOPICS, i: number): { title: string; content: string } {
  const w = TOPICS[category];
  return { title: `${w[i % w.length]}问题`, content: `${w[(i + 1) % w.length]}，${SHARED[i % SHARED.length]}，${w[(i + 3) % w.length]}。` };
}

describe.each(DIALECTS)('hotline classify API (%s)', (dialect) => {
  let t: TestContext;
  let agent: Record<string, string>;
  let admin: Record<string, string>;
  let seq = 0;
  const retrain = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/hotline/classifier/retrain', headers, payload });
  async function insertOrder(o: { title: string; content: string; status: string; category: string | null }): Promise<void> {
    const at = new Date(Date.UTC(2026, 10, 1, 8, 0, seq)).toISOString();
    await t.ctx.database.db
      .insertInto('hotline_orders')
      .values({
        id: `GD-CLS-${++seq}`, channel: 'phone', status: o.status, order_type: '投诉', category: o.category, urgency: 'normal', title: o.title, content: o.content,
        caller_name: null, caller_phone: null, location: '{}', division_code: null, department_id: null, co_department_ids: '[]', merged_into: null,
        chat_session_id: null, attachments: '[]', suggestions: '{}', reply: o.status === 'closed' ? '已处理' : null, replied_at: null, satisfaction: null,
        sign_due_at: null, due_at: null, extended_days: 0, supervise_count: 0, reopen_count: 0, overdue_at: null, idempotency_key: null, version: 1,
        created_by: 'test', created_at: at, updated_at: at, closed_at: o.status === 'closed' ? at : null,
      })
      .execute();
  }
  const classify = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/hotline/classify', headers, payload });
  const order = { title: '公交车司机拒载', text: '今天早上公交车到站不停，司机不让乘客上车。' };

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    agent = (await bearerFor(t, 'agent')).headers;
    admin = (await bearerFor(t, 'admin')).headers;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('asks the anonymous public to sign in and refuses roles without hotline intake', async () => {
    const anon = await classify({}, order);
    expect(anon.statusCode, anon.body).toBe(401);
    for (const role of ['citizen', 'drafter'] as const) {
      const res = await classify((await bearerFor(t, role)).headers, order);
      expect(res.statusCode, res.body).toBe(403);
      expect(errorResponseSchema.parse(res.json()).error.code).toBe('FORBIDDEN');
    }
  });

  it('answers 503 in Chinese before any model is trained', async () => {
    const res = await classify(agent, order);
    expect(res.statusCode, res.body).toBe(503);
    const { error } = errorResponseSchema.parse(res.json());
    expect(error.message).toMatch(HAN);
    expect(error.message).toContain('hotline train');
  });

  it('rejects an order without text, naming the field', async () => {
    const res = await classify(agent, { title: '标题', text: '  ' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.body).toContain('text');
  });

  it('classifies with the model trained and saved into the data directory, explaining the decision', async () => {
    const { examples, errors } = parseTrainingJsonl(FIXTURE);
    expect(errors).toEqual([]);
    saveModel(t.dataDir, train(examples));

    const res = await classify(agent, order);
    expect(res.statusCode, res.body).toBe(200);
    const body = classifyResponseSchema.parse(res.json());
    expect(body.category).toBe('交通运输/公交');
    expect(body.alternatives).toEqual([{ category: '教育文体', confidence: expect.any(Number) }]);
    expect(body.confidence).toBeGreaterThan(body.alternatives[0]!.confidence);
    expect(body.terms).toContain('公交车');
    // the suggestion is in the audit trail with the question, the answer and the model's version
    const rec = (await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'ai.classify').orderBy('seq', 'desc').executeTakeFirstOrThrow());
    const ai = JSON.parse(rec.ai!) as { question: string; answer: string; producer: string; producerVersion: string };
    expect(ai.question).toContain('公交车到站不停');
    expect(ai.answer).toContain('交通运输/公交');
    expect(ai.producer).toBe('model:hotline-classifier');
    expect(ai.producerVersion).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const school = classifyResponseSchema.parse((await classify(agent, { text: '请问学校补课收费是否合规？' })).json());
    expect(school.category).toBe('教育文体');
    expect(school.type).toBe('咨询');
  });

  it('lets only administrators retrain', async () => {
    expect((await retrain({}, {})).statusCode).toBe(401);
    const res = await retrain(agent, {});
    expect(res.statusCode, res.body).toBe(403);
  });

  it('keeps the current model when there are too few closed orders, saying how many there are', async () => {
    const before = loadModel(t.dataDir)!.trainedAt;
    for (let i = 0; i < 3; i++) await insertOrder({ ...topicMessage('环境保护/噪声污染', i), status: 'closed', category: '环境保护/噪声污染' });
    const res = await retrain(admin, {});
    expect(res.statusCode, res.body).toBe(400);
    const { error } = errorResponseSchema.parse(res.json());
    expect(error.message).toContain('已办结且有分类的工单 3 条');
    expect(error.message).toContain('50');
    expect(loadModel(t.dataDir)!.trainedAt).toBe(before);
  });

  it('retrains from closed, categorised orders and the taxonomy; the server answers with the new model at once', async () => {
    for (let i = 3; i < 15; i++) await insertOrder({ ...topicMessage('环境保护/噪声污染', i), status: 'closed', category: '环境保护/噪声污染' });
    for (let i = 0; i < 15; i++) await insertOrder({ ...topicMessage('城乡建设/物业管理', i), status: 'closed', category: '城乡建设/物业管理' });
    // neither an open order nor a closed one without category teaches anything
    await insertOrder({ title: '学校乱收费', content: '学校收取补课费。', status: 'handling', category: '教育文体' });
    await insertOrder({ title: '学校乱收费', content: '学校收取补课费。', status: 'closed', category: null });
    await t.ctx.hotline.intake.config.importTaxonomy(systemActor('test'), '一级分类,二级分类,三级分类\n环境保护,噪声污染,施工噪声\n城乡建设,物业管理,电梯维修\n教育文体,教育收费,乱收费\n');

    const res = await retrain(admin, { min: 20, folds: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const body = retrainResponseSchema.parse(res.json());
    expect(body).toMatchObject({ examples: 30, fromOrders: 30, fromFile: 0, categories: ['城乡建设', '环境保护'] });
    expect(body.taxonomyExamples).toBe(2);
    expect(body.evaluation!.folds).toBe(3);
    expect(body.evaluation!.accuracy).toBeGreaterThan(0.8);
    // written whole, then renamed into place: no partial file is left next to it
    expect(fs.readdirSync(path.dirname(modelPath(t.dataDir)))).toEqual(['model.json']);

    const r = classifyResponseSchema.parse((await classify(agent, { text: '旁边工地凌晨打桩，噪音太大睡不着。' })).json());
    expect(r.category).toBe('环境保护/噪声污染');
    expect(r.alternatives.map((a) => a.category)).toEqual(['城乡建设']);
    const rec = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'hotline.classifier.retrain').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(rec.after!)).toMatchObject({ fromOrders: 30, trainedAt: body.trainedAt });
  });

  it('merges a JSONL history with the orders, and refuses a history with a bad line without touching the model', async () => {
    const before = loadModel(t.dataDir)!.trainedAt;
    const bad = await retrain(admin, { min: 20, folds: 0, jsonl: `${FIXTURE.split('\n')[0]}\n{"text": "缺少分类"}` });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.body).toContain('第 2 行');
    expect(loadModel(t.dataDir)!.trainedAt).toBe(before);

    const res = await retrain(admin, { min: 20, folds: 0, jsonl: FIXTURE });
    expect(res.statusCode, res.body).toBe(200);
    const body = retrainResponseSchema.parse(res.json());
    expect(body).toMatchObject({ examples: 38, fromOrders: 30, fromFile: 8, evaluation: null });
    expect(body.categories).toEqual(['交通运输', '城乡建设', '教育文体', '环境保护']);
    const r = classifyResponseSchema.parse((await classify(agent, order)).json());
    expect(r.category).toBe('交通运输/公交');
  });
});
