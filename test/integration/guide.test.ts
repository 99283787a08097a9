/**
 * Guided service through HTTP on both databases: the personal checklist of a demo item,
 * invalid answers, resumable sessions (another device, expiry), the audit record of each
 * checklist, life events with merged materials, and a 情形 tree edited through PUT /entries
 * (a new version the guide then uses and cites).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config/env.js';
import { itemGuideResponseSchema, lifeEventGuideResponseSchema, lifeEventSummarySchema, resumedSessionSchema } from '../../src/guide/guide.schema.js';
import { GUIDE_PRODUCER } from '../../src/guide/guide.service.js';
import { entryInputSchema, entryVersionSchema } from '../../src/knowledge/knowledge.schema.js';
import { createDepartment, createUser, signIn } from '../helpers/auth.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const demoItems = readFileSync(path.join(packageRoot(), 'data', 'demo', 'items.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => entryInputSchema.parse(JSON.parse(l)));

describe.each(DIALECTS)('guided service (%s)', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    await t.ctx.knowledge.upsert(demoItems);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function guide(id: string, payload: unknown) {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/items/${encodeURIComponent(id)}/guide`, payload: payload as object });
    expect(res.statusCode, res.body).toBe(200);
    return itemGuideResponseSchema.parse(res.json());
  }
  async function error(method: 'GET' | 'POST', url: string, payload?: object) {
    const res = await t.app.inject({ method, url, payload });
    return { status: res.statusCode, error: errorResponseSchema.parse(res.json()).error };
  }

  it('computes the personal checklist of 居民身份证换领 and changes it with an answer', async () => {
    const first = await guide('qh-item-001', { answers: {} });
    expect(first.complete).toBe(false);
    expect(first.remaining.map((q) => q.questionId)).toEqual(['reason', 'huji', 'minor', 'dibao']);
    expect(first.item).toMatchObject({ docId: 'qh-item-001', version: 1, name: '居民身份证换领' });

    const local = await guide('qh-item-001', { answers: { reason: 'expiry', huji: 'local', minor: 'adult', dibao: 'no' } });
    expect(local.complete).toBe(true);
    expect(local.fees.items.map((f) => f.standard)).toEqual(['每证20元']);
    expect(local.timeLimits.promised?.text).toMatch(/^15个工作日/);
    expect(local.where.places).toHaveLength(3);
    const oldCard = local.materials.find((m) => m.name === '原居民身份证')!;
    expect(oldCard).toMatchObject({ required: true, presentation: ['原件1份'], cite: { docId: 'qh-item-001', version: 1, label: 'materials' } });

    const away = await guide('qh-item-001', { answers: { reason: 'damaged', huji: 'other', minor: 'minor', dibao: 'no' } });
    expect(away.fees.items.map((f) => f.standard)).toEqual(['每证40元']);
    expect(away.timeLimits.promised).toMatchObject({ value: 20, causes: [{ questionId: 'huji', optionId: 'other' }] });
    expect(away.where.places.map((p) => p.name)).toEqual(['青禾区政务服务中心公安户政窗口']);
    expect(away.where.places[0]).toMatchObject({ address: expect.stringContaining('禾兴路188号'), hours: expect.stringContaining('周一至周五') });
    const guardian = away.materials.find((m) => m.name === '监护人居民身份证')!;
    expect(guardian.causes).toEqual([{ questionId: 'minor', question: '申请人是否未满十六周岁？', optionId: 'minor', option: '未满十六周岁' }]);
    expect(away.materials.find((m) => m.name === '居民户口簿')).toMatchObject({ required: true });

    const poor = await guide('qh-item-001', { answers: { reason: 'expiry', huji: 'local', minor: 'adult', dibao: 'yes' } });
    expect(poor.fees).toMatchObject({ charged: false, items: [] });
  });

  it('asks a follow-up only after the answer that leads to it', async () => {
    const first = await guide('qh-item-036', { answers: { prior: 'first' } });
    expect(first).toMatchObject({ complete: true, remaining: [] });
    const prior = await guide('qh-item-036', { answers: { prior: 'prior' } });
    expect(prior.remaining).toMatchObject([{ questionId: 'priorDoc', followUpOf: { key: 'prior', optionId: 'prior' } }]);
    const missing = await guide('qh-item-036', { answers: { prior: 'prior', priorDoc: 'missing' } });
    expect(missing.materials.map((m) => m.name)).toContain('离婚证、离婚调解书或生效的离婚判决书，或配偶死亡证明');
  });

  it('answers 404 for an unknown item and 400 naming the question for invalid answers', async () => {
    const unknown = await error('POST', '/api/v1/items/no-such-item/guide', { answers: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.error.message).toBe('未找到办事事项：no-such-item');
    const badQuestion = await error('POST', '/api/v1/items/qh-item-001/guide', { answers: { colour: 'red' } });
    expect(badQuestion.status).toBe(400);
    expect(badQuestion.error.message).toContain('没有情形问题“colour”');
    const badOption = await error('POST', '/api/v1/items/qh-item-001/guide', { answers: { huji: 'mars' } });
    expect(badOption.status).toBe(400);
    expect(badOption.error.message).toBe('情形问题“户籍是否在云州市？”（huji）没有选项“mars”');
    const two = await error('POST', '/api/v1/items/qh-item-001/guide', { answers: { huji: ['local', 'other'] } });
    expect(two.status).toBe(400);
    expect(two.error.message).toBe('情形问题“户籍是否在云州市？”（huji）只能选择一项');
    expect(HAN.test(two.error.message)).toBe(true);
  });

  it('resumes a session from its link (another device), keeps one session per link, and forgets it after 30 days', async () => {
    const start = await guide('qh-item-028', { answers: { family: 'single' } });
    const token = start.session.resumeToken;
    expect(start.session.resumeUrl).toBe(`/guide/${token}`);
    const more = await guide('qh-item-028', { answers: { family: 'single', license: 'yes', food: 'food' }, resumeToken: token });
    expect(more.session.resumeToken).toBe(token);

    // a fresh client with only the link
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/guide/${token}` });
    expect(res.statusCode, res.body).toBe(200);
    const resumed = resumedSessionSchema.parse(res.json());
    expect(resumed).toMatchObject({ kind: 'item', targetId: 'qh-item-028', answers: { family: 'single', license: 'yes', food: 'food' }, versionChanged: false });
    expect(itemGuideResponseSchema.parse(resumed.guide).conditions.map((c) => c.text)).toContain('取得营业执照后，须取得《食品经营许可证》方可开展食品经营活动');

    const realNow = t.ctx.guide.clock.now;
    try {
      t.ctx.guide.clock.now = () => new Date(Date.now() + 31 * 86_400_000);
      const expired = await error('GET', `/api/v1/guide/${token}`);
      expect(expired.status).toBe(404);
      expect(expired.error.message).toContain('已过期');
    } finally {
      t.ctx.guide.clock.now = realNow;
    }
    expect((await error('GET', '/api/v1/guide/not-a-real-token-at-all')).status).toBe(404);
  });

  it('records each checklist shown in the audit trail with the rules producer and the cited item version', async () => {
    const g = await guide('qh-item-018', { answers: { who: 'employer', flex: 'normal', short: 'enough', special: 'yes' } });
    const { items } = await t.ctx.audit.list({ action: 'ai.guide' }, { limit: 50, pii: false });
    const rec = items.find((r) => (r.after as { targetId?: string } | null)?.targetId === 'qh-item-018')!;
    expect(rec.ai).toMatchObject({ producer: GUIDE_PRODUCER, citations: [{ docId: 'qh-item-018', version: g.item.version }], outcome: 'complete' });
    expect(rec.ai!.answer).toContain('《特殊工种提前退休审批表》');
    // the token is the citizen's key: the trail names the session by its id instead
    expect(JSON.stringify(rec)).not.toContain(g.session.resumeToken);
  });

  it('lists life events and merges the checklist of 开办餐饮店, each document once with all items that need it', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/life-events' });
    expect(list.statusCode).toBe(200);
    const events = lifeEventSummarySchema.array().parse(list.json().items);
    expect(events.map((e) => e.id)).toEqual(['newborn', 'restaurant', 'retire', 'marriage']);
    expect(events.find((e) => e.id === 'restaurant')!.steps.map((s) => s.department)).toContain('青禾区水务局');

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/life-events/restaurant/guide',
      payload: { answers: { entity: 'company', tobacco: 'no', agent: 'agent', 'qh-item-033/promise': 'no' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const g = lifeEventGuideResponseSchema.parse(res.json());
    // the company registration asks its own questions, under the item's id
    expect(g.remaining.map((q) => q.key)).toEqual(['qh-item-029/shareholder', 'qh-item-029/prior']);
    expect(g.remaining[0]).toMatchObject({ itemId: 'qh-item-029', itemName: '公司设立登记' });
    expect(g.steps.map((s) => `${s.order}.${s.itemId}`)).toEqual(['1.qh-item-029', '2.qh-item-032', '3.qh-item-033', '4.qh-item-048']);
    expect(g.materials.filter((m) => m.name === '代理人居民身份证')).toHaveLength(1);
    expect(g.materials.find((m) => m.name === '代理人居民身份证')!.neededBy.map((n) => n.itemId)).toEqual(['qh-item-029', 'qh-item-033']);
    // the shared answer 公司 chose 032's 企业 option: the accounting report stays on the list
    expect(g.steps[1]!.checklist.materials.map((m) => m.name)).toContain('财务会计制度及核算软件备案报告');

    const bad = await error('POST', '/api/v1/life-events/restaurant/guide', { answers: { entity: 'bank' } });
    expect(bad.status).toBe(400);
    expect(bad.error.message).toBe('问题“以什么主体开办？”（entity）没有选项“bank”');
    expect((await error('POST', '/api/v1/life-events/no-such-event/guide', { answers: {} })).status).toBe(404);

    const resumed = resumedSessionSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/guide/${g.session.resumeToken}` })).json());
    expect(resumed.kind).toBe('life_event');
    expect(resumed.answers).toMatchObject({ entity: 'company' });
  });

  it('saves an edited 情形 tree through PUT /entries as a new version that the guide then uses and cites', async () => {
    const police = await createDepartment(t, '云州市青禾区公安分局', 'bureau');
    const editor = await createUser(t, 'knowledge-editor', { departmentId: police });
    const s = await signIn(t, editor.user.name, editor.password);
    const before = await guide('qh-item-002', { answers: {} });
    const res0 = await t.app.inject({ method: 'GET', url: '/api/v1/entries/qh-item-002' });
    const current = entryVersionSchema.parse(res0.json());
    const body = current.body as { situations: { id: string; question: string; options: object[] }[] };

    const invalid = structuredClone(body);
    invalid.situations.push({ id: 'lost', question: '是否已挂失？', options: [{ label: '是', removeMaterials: ['火星护照'] }, { label: '否', note: '请先挂失' }] });
    const rejected = await t.app.inject({ method: 'PUT', url: '/api/v1/entries/qh-item-002', headers: s.headers, payload: invalid });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error.message).toContain('要减少的材料“火星护照”不是本事项的材料');
    expect(rejected.json().error.details[0].field).toBe('body.situations.3.options.0.removeMaterials.0');

    const edited = structuredClone(body);
    edited.situations.push({
      id: 'police',
      question: '是否已向公安机关报失？',
      options: [{ id: 'yes', label: '已报失' }, { id: 'no', label: '尚未报失', addConditions: ['补领前须先向公安机关报失'] }],
    });
    const saved = await t.app.inject({ method: 'PUT', url: '/api/v1/entries/qh-item-002?note=增加报失情形', headers: s.headers, payload: edited });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ changed: true, entry: { version: before.item.version + 1 } });

    const after = await guide('qh-item-002', { answers: { police: 'no' } });
    expect(after.item.version).toBe(before.item.version + 1);
    expect(after.conditions.find((c) => c.text === '补领前须先向公安机关报失')).toMatchObject({
      causes: [{ questionId: 'police', optionId: 'no' }],
      cite: { docId: 'qh-item-002', version: before.item.version + 1, label: 'situation:police' },
    });
    // an old link shows the new version and says the guide changed since
    const resumed = resumedSessionSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/guide/${before.session.resumeToken}` })).json());
    expect(resumed.versionChanged).toBe(true);
  });
});
