/**
 * The citizen's chat over HTTP with the real answer engine, on SQLite and PostgreSQL: a
 * multi-turn conversation whose citations quote the entries exactly, the SSE answer stream,
 * validation, idle sessions, the audit record of every answer, and feedback feeding the
 * knowledge manager's review and a draft FAQ.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatResponseSchema, faqDraftResponseSchema, feedbackResponseSchema, reviewResponseSchema } from '../../src/assistant/chat.schema.js';
import { entryVersionSchema } from '../../src/knowledge/knowledge.schema.js';
import { createDepartment } from '../helpers/auth.js';
import { buildFaq, buildPolicy, buildServiceItem } from '../helpers/factories.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';
import { IN_OFFICE_HOURS, ask, expectExactQuotes, parseSse, poll, staff, type Staff } from './chat-support.js';

describe.each(DIALECTS)('chat API (%s)', (dialect) => {
  let t: TestContext;
  let editor: Staff;
  let agent: Staff;
  const item = buildServiceItem({ name: '居民身份证换领' });
  const policy = buildPolicy();
  const faq = buildFaq();

  beforeAll(async () => {
    t = await openTestContext(dialect);
    await t.ctx.knowledge.upsert([item, policy, faq]);
    await t.ctx.search.sync();
    t.ctx.assistant.clock.now = () => IN_OFFICE_HOURS;
    const office = await createDepartment(t, '青禾区政务服务管理局', 'government');
    editor = await staff(t, 'knowledge-editor', { departmentId: office });
    agent = await staff(t, 'agent', { via: 'token' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('holds a multi-turn conversation: the follow-up resolves against the item asked about, quotes are exact', async () => {
    const first = await ask(t, '居民身份证换领需要什么材料？');
    expect(first.outcome).toBe('answered');
    expect(first.mode).toBe('bot');
    expect(first.answer).toMatch(HAN);
    expect(first.citations.map((c) => c.docId)).toContain(item.id);
    await expectExactQuotes(t, first);

    const second = await ask(t, '那要多久？', first.sessionId);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.outcome).toBe('answered');
    expect(second.citations.map((c) => c.docId)).toContain(item.id);
    expect(second.answer).toContain('20');
    await expectExactQuotes(t, second);

    const transcript = await poll(t, first.sessionId);
    expect(transcript.messages.map((m) => [m.role, m.text])).toEqual([
      ['citizen', '居民身份证换领需要什么材料？'],
      ['assistant', first.answer],
      ['citizen', '那要多久？'],
      ['assistant', second.answer],
    ]);
    expect(transcript.messages[3]!.id).toBe(second.messageId);
    expect(transcript.messages[3]!.citations).toEqual(second.citations);
  });

  it('streams the answer as server-sent events: the deltas make up the answer, done carries the citations', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { accept: 'text/event-stream' }, payload: { message: '一次性创业补贴是多少？' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseSse(res.body);
    const deltas = events.filter((e) => e.event === 'delta').map((e) => (e.data as { text: string }).text);
    const done = events.filter((e) => e.event === 'done');
    expect(done).toHaveLength(1);
    expect(events[events.length - 1]!.event).toBe('done');
    const reply = chatResponseSchema.parse(done[0]!.data);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join('')).toBe(reply.answer);
    expect(reply.citations.map((c) => c.docId)).toContain(policy.id);
    await expectExactQuotes(t, reply);
    // the streamed answer is stored like any other
    const stored = await poll(t, reply.sessionId);
    expect(stored.messages.find((m) => m.id === reply.messageId)?.text).toBe(reply.answer);
  });

  it('ends the stream with an error event when the answer fails half-way, and stores nothing', async () => {
    const first = await ask(t, '居民身份证换领需要什么材料？');
    const spy = vi.spyOn(t.ctx.assistant.engine, 'answer').mockImplementationOnce(async (req) => {
      req.onDelta?.('您好，');
      throw new Error('engine crashed');
    });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { accept: 'text/event-stream' }, payload: { sessionId: first.sessionId, message: '那要多久？' } });
      const events = parseSse(res.body);
      expect(events.map((e) => e.event)).toEqual(['delta', 'error']);
      const err = errorResponseSchema.parse(events[1]!.data).error;
      expect(err.code).toBe('INTERNAL');
      expect(err.message).toMatch(HAN);
      expect(err.message).not.toContain('engine crashed');
    } finally {
      spy.mockRestore();
    }
    expect((await poll(t, first.sessionId)).messages).toHaveLength(2);
  });

  it('streams an unknown session as a plain 404 and an empty message as a 400 naming the field', async () => {
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/chat', headers: { accept: 'text/event-stream' }, payload: { sessionId: 'A'.repeat(24), message: '你好' } });
    expect(unknown.statusCode).toBe(404);
    expect(errorResponseSchema.parse(unknown.json()).error.message).toMatch(/会话不存在/);
    for (const [payload, field] of [
      [{ message: '   ' }, 'message'],
      [{ message: '问'.repeat(1001) }, 'message'],
      [{ message: '你好', sessionId: '../etc' }, 'sessionId'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/chat', payload });
      expect(res.statusCode, res.body).toBe(400);
      const err = errorResponseSchema.parse(res.json()).error;
      expect(err.message).toMatch(HAN);
      expect(err.message).toContain(field);
    }
    const missing = await t.app.inject({ method: 'GET', url: `/api/v1/chat/${'B'.repeat(24)}/messages` });
    expect(missing.statusCode).toBe(404);
  });

  it('starts a new session when the old one was idle for more than 30 minutes', async () => {
    const first = await ask(t, '居民身份证换领需要什么材料？');
    t.ctx.assistant.clock.now = () => new Date(IN_OFFICE_HOURS.getTime() + 31 * 60_000);
    try {
      const later = await ask(t, '营业执照丢了怎么补办？', first.sessionId);
      expect(later.sessionId).not.toBe(first.sessionId);
      expect((await poll(t, later.sessionId)).messages).toHaveLength(2);
    } finally {
      t.ctx.assistant.clock.now = () => IN_OFFICE_HOURS;
    }
  });

  it('records every answer in the audit trail with question, answer, cited versions and producer', async () => {
    const reply = await ask(t, '居民身份证换领要交钱吗？');
    const { items } = await t.ctx.audit.list({ action: 'ai.answer', entityType: 'chat_session', entityId: reply.sessionId }, { limit: 10, pii: true });
    expect(items).toHaveLength(1);
    const ai = items[0]!.ai!;
    expect(ai.question).toBe('居民身份证换领要交钱吗？');
    expect(ai.answer).toBe(reply.answer);
    expect(ai.outcome).toBe(reply.outcome);
    expect(ai.producer).toMatch(/^(rules|llm):/);
    expect(ai.producerVersion.length).toBeGreaterThan(0);
    expect(ai.citations).toEqual(reply.citations.map((c) => ({ docId: c.docId, version: c.version, start: c.start, end: c.end })));
    expect(items[0]!.actor.kind).toBe('anonymous');
    const verify = await t.ctx.audit.verify();
    expect(verify.ok).toBe(true);
  });

  it('takes feedback, lists unanswered and badly rated questions grouped by wording, and drafts an FAQ from one', async () => {
    const offTopic = await ask(t, '帮我推荐一款好用的手机吧');
    expect(offTopic.outcome).toBe('refused');
    await ask(t, '帮我推荐一款好用的手机吧！');
    const answered = await ask(t, '居民身份证换领需要什么材料？');

    const rate = (id: number, body: object, sessionId = answered.sessionId) =>
      t.app.inject({ method: 'POST', url: `/api/v1/chat/${sessionId}/messages/${id}/feedback`, payload: body });
    const bad = await rate(answered.messageId, { useful: false, reason: '没说清楚照片要求' });
    expect(bad.statusCode, bad.body).toBe(200);
    expect(feedbackResponseSchema.parse(bad.json())).toEqual({ messageId: answered.messageId, useful: false, reason: '没说清楚照片要求' });
    // a message of another session, or the citizen's own message, cannot be rated
    expect((await rate(offTopic.messageId, { useful: true })).statusCode).toBe(404);
    const own = (await poll(t, answered.sessionId)).messages.find((m) => m.role === 'citizen')!;
    expect((await rate(own.id, { useful: true })).statusCode).toBe(400);
    expect((await rate(answered.messageId, { useful: 'yes' })).statusCode).toBe(400);

    const review = async (kind: string, who: Staff | undefined) =>
      t.app.inject({ method: 'GET', url: `/api/v1/assistant/review?kind=${kind}`, headers: who?.headers ?? {} });
    const unanswered = reviewResponseSchema.parse((await review('unanswered', editor)).json());
    const phone = unanswered.groups.find((g) => g.question.startsWith('帮我推荐一款好用的手机'))!;
    expect(phone.count).toBe(2);
    expect(phone.outcomes.refused).toBe(2);
    expect(unanswered.groups.some((g) => g.question === '居民身份证换领需要什么材料？' && g.outcomes.answered)).toBe(false);

    const badly = reviewResponseSchema.parse((await review('bad', editor)).json());
    expect(badly.groups).toHaveLength(1);
    expect(badly.groups[0]).toMatchObject({ question: '居民身份证换领需要什么材料？', notUseful: 1, feedbackReasons: ['没说清楚照片要求'] });

    expect((await review('unanswered', agent)).statusCode).toBe(403);
    expect((await review('unanswered', undefined)).statusCode).toBe(401);
    expect((await review('everything', editor)).statusCode).toBe(400);

    const draftRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assistant/review/faq-draft',
      headers: editor.headers,
      payload: { question: '换领身份证对照片有什么要求？', answer: '可在受理窗口现场免费采集照片。' },
    });
    expect(draftRes.statusCode, draftRes.body).toBe(201);
    const draft = faqDraftResponseSchema.parse(draftRes.json());
    expect(draft.department).toBe('青禾区政务服务管理局');
    const entryRes = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${draft.id}`, headers: editor.headers });
    expect(entryRes.statusCode, entryRes.body).toBe(200);
    const entry = entryVersionSchema.parse(entryRes.json());
    // the public does not see drafts
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/entries/${draft.id}` })).statusCode).toBe(404);
    expect(entry).toMatchObject({ kind: 'faq', status: 'draft', title: '换领身份证对照片有什么要求？', inForce: false });
    expect(entry.text).toContain('可在受理窗口现场免费采集照片。');
    const audited = await t.ctx.audit.list({ action: 'assistant.faq_draft.create', entityId: draft.id }, { limit: 5, pii: true });
    expect(audited.items).toHaveLength(1);
    expect(audited.items[0]!.actor.name).toBe(editor.name);
    // a draft is not published: the assistant does not answer from it
    await t.ctx.search.sync();
    const after = await ask(t, '换领身份证对照片有什么要求？');
    expect(after.citations.map((c) => c.docId)).not.toContain(draft.id);

    const forbidden = await t.app.inject({ method: 'POST', url: '/api/v1/assistant/review/faq-draft', headers: agent.headers, payload: { question: '问题' } });
    expect(forbidden.statusCode).toBe(403);
  });
});
