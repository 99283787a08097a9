/**
 * POST /api/v1/hotline/classify: agents only, a clear 503 until a model has been trained, and
 * after `hotline train` has saved one into the data directory the running server answers with
 * it — no restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrainingJsonl } from '../../src/hotline/classifier/evaluate.js';
import { classifyResponseSchema } from '../../src/hotline/classifier/classifier.schema.js';
import { train } from '../../src/hotline/classifier/model.js';
import { saveModel } from '../../src/hotline/classifier/store.js';
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

describe.each(DIALECTS)('hotline classify API (%s)', (dialect) => {
  let t: TestContext;
  let agent: Record<string, string>;
  const classify = (headers: Record<string, string>, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/hotline/classify', headers, payload });
  const order = { title: '公交车司机拒载', text: '今天早上公交车到站不停，司机不让乘客上车。' };

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    agent = (await bearerFor(t, 'agent')).headers;
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
});
