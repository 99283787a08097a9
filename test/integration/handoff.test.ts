/**
 * Handoff to a person over HTTP: the queue, one agent winning a take, agent replies reaching
 * the citizen by polling and by the event stream — also when citizen and agent are served by
 * two processes sharing one PostgreSQL — callback requests outside office hours, the audit of
 * agents' decisions and who may use the agent console.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentQueueSchema, agentSessionSchema, callbackContactSchema, callbackSchema, chatMessageSchema, handoffResponseSchema, sessionSummarySchema } from '../../src/assistant/chat.schema.js';
import { buildServiceItem } from '../helpers/factories.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';
import { AFTER_HOURS, IN_OFFICE_HOURS, ask, parseSse, poll, staff, type SseEvent, type Staff } from './chat-support.js';

async function queuedSession(t: TestContext): Promise<string> {
  const first = await ask(t, '居民身份证换领需要什么材料？');
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/chat/${first.sessionId}/handoff` });
  expect(res.statusCode, res.body).toBe(200);
  expect(handoffResponseSchema.parse(res.json())).toMatchObject({ mode: 'queued', available: true });
  return first.sessionId;
}

const post = (t: TestContext, who: Staff | undefined, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

/** Reads an SSE response until `until` holds for the events so far. */
async function readEvents(res: Response, until: (events: SseEvent[]) => boolean): Promise<SseEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return parseSse(text);
    text += decoder.decode(value, { stream: true });
    const complete = text.slice(0, text.lastIndexOf('\n\n') + 2);
    const events = parseSse(complete);
    if (until(events)) {
      await reader.cancel();
      return events;
    }
  }
}

describe.each(DIALECTS)('handoff to a live agent (%s)', (dialect) => {
  let t: TestContext;
  let agentA: Staff;
  let agentB: Staff;
  let editor: Staff;

  beforeAll(async () => {
    t = await openTestContext(dialect);
    await t.ctx.knowledge.upsert([buildServiceItem({ name: '居民身份证换领' })]);
    await t.ctx.search.sync();
    t.ctx.assistant.clock.now = () => IN_OFFICE_HOURS;
    [agentA, agentB, editor] = [await staff(t, 'agent'), await staff(t, 'agent', { via: 'token' }), await staff(t, 'knowledge-editor')];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hands off when the citizen asks for a person; the agent takes over, the transcript and the reply reach the citizen', async () => {
    const first = await ask(t, '居民身份证换领需要什么材料？');
    const handed = await ask(t, '我要转人工客服', first.sessionId);
    expect(handed).toMatchObject({ outcome: 'handoff', mode: 'queued', handoff: { available: true } });
    expect(handed.handoff!.message).toMatch(HAN);
    const sessionId = first.sessionId;

    // while queued the citizen's messages wait for the agent; the bot stays quiet
    const relayed = await ask(t, '我的身份证下个月到期', sessionId);
    expect(relayed).toMatchObject({ relayed: true, mode: 'queued', answer: '', citations: [] });

    const queue = agentQueueSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/agent/queue', headers: agentA.headers })).json());
    expect(queue.open).toBe(true);
    expect(queue.queued.find((s) => s.sessionId === sessionId)).toMatchObject({ mode: 'queued', preview: '我的身份证下个月到期' });

    const take = await post(t, agentA, `/api/v1/agent/sessions/${sessionId}/take`);
    expect(take.statusCode, take.body).toBe(200);
    expect(sessionSummarySchema.parse(take.json())).toMatchObject({ mode: 'agent', agentUserId: String(agentA.userId) });

    const view = agentSessionSchema.parse((await t.app.inject({ method: 'GET', url: `/api/v1/agent/sessions/${sessionId}`, headers: agentA.headers })).json());
    expect(view.messages.filter((m) => m.role === 'citizen').map((m) => m.text)).toEqual(['居民身份证换领需要什么材料？', '我要转人工客服', '我的身份证下个月到期']);

    const sent = await post(t, agentA, `/api/v1/agent/sessions/${sessionId}/messages`, { text: '您好，到期前三个月内即可申请换领。' });
    expect(sent.statusCode, sent.body).toBe(201);
    const reply = chatMessageSchema.parse(sent.json());

    const page = await poll(t, sessionId, relayed.seq);
    expect(page.mode).toBe('agent');
    expect(page.messages.map((m) => m.role)).toEqual(['system', 'agent']);
    expect(page.messages[1]).toMatchObject({ id: reply.id, text: '您好，到期前三个月内即可申请换领。' });

    // another agent may neither write into nor close a session it does not hold
    expect((await post(t, agentB, `/api/v1/agent/sessions/${sessionId}/messages`, { text: '你好' })).statusCode).toBe(409);
    expect((await post(t, agentB, `/api/v1/agent/sessions/${sessionId}/close`)).statusCode).toBe(409);

    const closed = await post(t, agentA, `/api/v1/agent/sessions/${sessionId}/close`, { reason: '已解答' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await poll(t, sessionId)).mode).toBe('closed');
    // a new message after the close starts a new conversation with the assistant
    const again = await ask(t, '居民身份证换领需要什么材料？', sessionId);
    expect(again.sessionId).not.toBe(sessionId);
    expect(again.relayed).toBe(false);

    const actions = (await t.ctx.audit.list({ entityType: 'chat_session', entityId: sessionId }, { limit: 20, pii: true })).items.map((r) => r.action).reverse();
    expect(actions).toEqual(['ai.answer', 'ai.answer', 'chat.agent.take', 'chat.agent.reply', 'chat.agent.close']);
  });

  it('lets only one of two agents take a session', async () => {
    const sessionId = await queuedSession(t);
    const results = await Promise.all([agentA, agentB].map((a) => post(t, a, `/api/v1/agent/sessions/${sessionId}/take`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(errorResponseSchema.parse(loser.json()).error.message).toMatch(/其他坐席/);
    const takes = await t.ctx.audit.list({ action: 'chat.agent.take', entityId: sessionId }, { limit: 5, pii: true });
    expect(takes.items).toHaveLength(1);
  });

  it('outside office hours offers a callback request instead of a queue; agents see it masked', async () => {
    t.ctx.assistant.clock.now = () => AFTER_HOURS;
    try {
      const first = await ask(t, '居民身份证换领需要什么材料？');
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/chat/${first.sessionId}/handoff` });
      const h = handoffResponseSchema.parse(res.json());
      expect(h).toMatchObject({ mode: 'bot', available: false, officeHours: '周一至周五 9:00–12:00、13:30–17:30' });
      expect(h.message).toMatch(/非工作时间/);

      const bad = await post(t, undefined, `/api/v1/chat/${first.sessionId}/callback`, { name: '王五', phone: '1234' });
      expect(bad.statusCode).toBe(400);
      expect(errorResponseSchema.parse(bad.json()).error.message).toMatch(/phone/);

      const created = await post(t, undefined, `/api/v1/chat/${first.sessionId}/callback`, { name: '王小五', phone: '138 1234 5678', preferredTime: '明天上午', note: '身份证到期换领' });
      expect(created.statusCode, created.body).toBe(201);
      const cb = callbackSchema.parse(created.json());
      expect(cb).toMatchObject({ name: '王**', phone: '138****5678', status: 'open', preferredTime: '明天上午' });
      // the citizen sees the confirmation in the chat, with the number masked
      const notice = (await poll(t, first.sessionId)).messages.at(-1)!;
      expect(notice.role).toBe('system');
      expect(notice.text).toContain('138****5678');

      const list = await t.app.inject({ method: 'GET', url: '/api/v1/agent/callbacks?status=open', headers: agentA.headers });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('13812345678');
      expect(list.json().items.map((i: { id: string }) => i.id)).toContain(cb.id);

      const contact = await t.app.inject({ method: 'GET', url: `/api/v1/agent/callbacks/${cb.id}/contact`, headers: agentA.headers });
      expect(callbackContactSchema.parse(contact.json())).toEqual({ id: cb.id, name: '王小五', phone: '13812345678' });
      const viewed = await t.ctx.audit.list({ action: 'chat.callback.contact_viewed', entityId: cb.id }, { limit: 5, pii: true });
      expect(viewed.items).toHaveLength(1);

      const done = await t.app.inject({ method: 'PATCH', url: `/api/v1/agent/callbacks/${cb.id}`, headers: agentA.headers, payload: { status: 'done', note: '已回电' } });
      expect(done.statusCode, done.body).toBe(200);
      expect(callbackSchema.parse(done.json()).status).toBe('done');
    } finally {
      t.ctx.assistant.clock.now = () => IN_OFFICE_HOURS;
    }
  });

  it('refuses the agent console to the public (401) and to staff without chat.agent (403)', async () => {
    const sessionId = await queuedSession(t);
    const calls: Array<[string, string]> = [
      ['GET', '/api/v1/agent/queue'],
      ['POST', `/api/v1/agent/sessions/${sessionId}/take`],
      ['GET', `/api/v1/agent/sessions/${sessionId}`],
      ['GET', '/api/v1/agent/callbacks'],
    ];
    for (const [method, url] of calls) {
      expect((await t.app.inject({ method: method as 'GET', url })).statusCode, url).toBe(401);
      const res = await t.app.inject({ method: method as 'GET', url, headers: editor.headers });
      expect(res.statusCode, url).toBe(403);
      expect(errorResponseSchema.parse(res.json()).error.message).toMatch(HAN);
    }
    expect((await poll(t, sessionId)).mode).toBe('queued');
  });
});

describe('citizen and agent on two processes sharing PostgreSQL', () => {
  let a: TestContext;
  let b: TestContext;
  let agent1: Staff;
  let agent2: Staff;
  let base: string;

  beforeAll(async () => {
    a = await openTestContext('postgres');
    b = await openTestContext('postgres', { databaseUrl: a.databaseUrl });
    await a.ctx.knowledge.upsert([buildServiceItem({ name: '居民身份证换领' })]);
    await Promise.all([a.ctx.search.sync(), b.ctx.search.sync()]);
    for (const t of [a, b]) {
      t.ctx.assistant.clock.now = () => IN_OFFICE_HOURS;
      t.ctx.assistant.settings.eventPollMs = 100;
    }
    agent1 = await staff(b, 'agent');
    agent2 = await staff(b, 'agent');
    await a.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(a.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await b?.close();
    // a owns the database: close it last
    await a?.close();
  });

  it("delivers the agent's reply (written on B) to the citizen on A by event stream and by polling; one take wins across processes", async () => {
    const sessionId = await queuedSession(a);
    const before = (await poll(a, sessionId)).messages.at(-1)!.seq;

    const stream = await fetch(`${base}/api/v1/chat/${sessionId}/events?after=${before}`, { headers: { accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const received = readEvents(stream, (events) => events.some((e) => e.event === 'mode' && (e.data as { mode: string }).mode === 'closed'));

    // two agents on process B race for the session; agent1 also races from process A
    const takes = await Promise.all([
      post(b, agent1, `/api/v1/agent/sessions/${sessionId}/take`),
      post(a, agent2, `/api/v1/agent/sessions/${sessionId}/take`),
    ]);
    expect(takes.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = takes[0]!.statusCode === 200 ? agent1 : agent2;
    const sent = await post(b, winner, `/api/v1/agent/sessions/${sessionId}/messages`, { text: '您好，我是人工客服，请问有什么可以帮您？' });
    expect(sent.statusCode, sent.body).toBe(201);

    const polled = await poll(a, sessionId, before);
    expect(polled.mode).toBe('agent');
    expect(polled.messages.map((m) => m.text)).toContain('您好，我是人工客服，请问有什么可以帮您？');

    expect((await post(b, winner, `/api/v1/agent/sessions/${sessionId}/close`)).statusCode).toBe(200);
    const events = await received;
    const messages = events.filter((e) => e.event === 'message').map((e) => chatMessageSchema.parse(e.data));
    expect(messages.map((m) => m.role)).toEqual(['system', 'agent', 'system']);
    expect(messages[1]!.text).toBe('您好，我是人工客服，请问有什么可以帮您？');
    expect(messages.map((m) => m.seq)).toEqual([before + 1, before + 2, before + 3]);
    // polls may fall between take and close, so 'agent' may or may not be seen
    const modes = events.filter((e) => e.event === 'mode').map((e) => (e.data as { mode: string }).mode);
    expect(modes[0]).toBe('queued');
    expect(modes.at(-1)).toBe('closed');

    // a reconnecting EventSource (same URL, Last-Event-ID) gets only what it has not seen, then
    // a 204 that stops it reconnecting once everything is delivered
    const resumed = await fetch(`${base}/api/v1/chat/${sessionId}/events?after=${before}`, { headers: { 'last-event-id': String(before + 2) } });
    const rest = (await readEvents(resumed, () => false)).filter((e) => e.event === 'message').map((e) => chatMessageSchema.parse(e.data).seq);
    expect(rest).toEqual([before + 3]);
    const over = await fetch(`${base}/api/v1/chat/${sessionId}/events?after=${before}`, { headers: { 'last-event-id': String(before + 3) } });
    expect(over.status).toBe(204);
  });
});
