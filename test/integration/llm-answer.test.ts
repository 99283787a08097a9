/**
 * The optional LLM step against a local HTTP server that speaks the chat-completions
 * protocol (JSON and server-sent events): a faithful model's phrasing is used, invented fees
 * and deadlines are removed by the support check, and an unsupported answer, an error or a
 * timeout falls back to the extractive answer. The engine runs on the real knowledge base and
 * search (SQLite and PostgreSQL).
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerEngine, RULES_PRODUCER } from '../../src/assistant/answer-engine.js';
import type { AnswerEngine } from '../../src/assistant/answer.types.js';
import { buildServiceItem } from '../helpers/factories.js';
import { localServer } from '../helpers/local-server.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
}

/** What the fake model does with the next request. */
interface Behaviour {
  reply: string;
  /** 'error' answers HTTP 500; 'hang' never answers (the client's timeout must fire) */
  fail?: 'error' | 'hang';
}

function startFakeLlm() {
  const received: Received[] = [];
  let behaviour: Behaviour = { reply: '' };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as Received['body'];
      received.push({ headers: req.headers, body });
      if (req.url !== '/v1/chat/completions') return void res.writeHead(404).end();
      if (behaviour.fail === 'error') return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
      if (behaviour.fail === 'hang') return;
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: behaviour.reply }, finish_reason: 'stop' }] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      // pieces of 3 characters, so sentences arrive split across events
      const pieces = behaviour.reply.match(/[\s\S]{1,3}/gu) ?? [];
      const chunk = (delta: object) => `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: body.model, choices: [{ index: 0, delta }] })}\n\n`;
      res.write(chunk({ role: 'assistant' }));
      for (const p of pieces) res.write(chunk({ content: p }));
      res.write('data: [DONE]\n\n');
      res.end();
    });
  });
  return {
    received,
    set(b: Behaviour) {
      behaviour = b;
    },
    ...localServer(server),
  };
}

describe.each(DIALECTS)('answer engine with an LLM (%s)', (dialect) => {
  const llm = startFakeLlm();
  let t: TestContext;
  let engine: AnswerEngine;
  const item = buildServiceItem({ name: '居民身份证换领', charged: false });

  beforeAll(async () => {
    const url = await llm.listen();
    t = await openTestContext(dialect, { env: { XZ_LLM_BASE_URL: url, XZ_LLM_MODEL: 'test-model', XZ_LLM_API_KEY: 'sk-test', XZ_LLM_TIMEOUT_MS: '400' } });
    await t.ctx.knowledge.upsert([item]);
    await t.ctx.search.sync();
    engine = createAnswerEngine({ knowledge: t.ctx.knowledge, search: t.ctx.search, env: t.ctx.env });
  });
  afterAll(async () => {
    await t?.close();
    await llm.close();
  });
  beforeEach(() => {
    llm.received.length = 0;
  });

  it('uses a faithful phrasing, sending only the cited passages with the key and model', async () => {
    llm.set({ reply: '居民身份证换领不收费。' });
    const r = await engine.answer({ message: '换身份证要钱吗', history: [], state: {} });
    expect(r.outcome).toBe('answered');
    expect(r.producer).toBe('llm:test-model');
    expect(r.answer).toBe('居民身份证换领不收费。');
    expect(r.citations.map((c) => c.label)).toEqual(['fees']);
    const sent = llm.received[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.body.model).toBe('test-model');
    expect(sent.body.stream).toBe(false);
    const system = sent.body.messages[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toContain(r.citations[0]!.quote);
    // only the cited passage: not the item's other fields
    expect(system.content).not.toContain('示范区人民路1号');
    expect(sent.body.messages.at(-1)).toEqual({ role: 'user', content: '换身份证要钱吗' });
  });

  it('removes an invented fee and keeps the supported sentence', async () => {
    llm.set({ reply: '居民身份证换领不收费。但加急办理需收费200元。' });
    const r = await engine.answer({ message: '换身份证要钱吗', history: [], state: {} });
    expect(r.producer).toBe('llm:test-model');
    expect(r.answer).toBe('居民身份证换领不收费。');
    expect(r.answer).not.toContain('200');
  });

  it('removes an invented deadline', async () => {
    llm.set({ reply: '居民身份证换领承诺20个工作日内办结。领取新证后须在3个工作日内到窗口激活。' });
    const r = await engine.answer({ message: '换身份证要多久', history: [], state: {} });
    expect(r.producer).toBe('llm:test-model');
    expect(r.answer).toContain('20个工作日');
    expect(r.answer).not.toContain('3个工作日');
  });

  it('falls back to the extractive answer when nothing the model says is supported', async () => {
    llm.set({ reply: '换身份证需要收费200元，5个工作日办结。' });
    const r = await engine.answer({ message: '换身份证要钱吗', history: [], state: {} });
    expect(r.producer).toBe(RULES_PRODUCER);
    expect(r.answer).toContain('不收费');
    expect(r.answer).not.toContain('200');
  });

  it('streams only checked sentences and ends with the same answer', async () => {
    llm.set({ reply: '居民身份证换领承诺20个工作日内办结。另外需缴纳加急费200元。到办事现场次数为1次。' });
    const deltas: string[] = [];
    const r = await engine.answer({ message: '换身份证要多久', history: [], state: {}, onDelta: (d) => deltas.push(d) });
    expect(llm.received[0]!.body.stream).toBe(true);
    expect(r.producer).toBe('llm:test-model');
    expect(deltas.join('')).toBe(r.answer);
    expect(r.answer).toBe('居民身份证换领承诺20个工作日内办结。到办事现场次数为1次。');
    expect(deltas.join('')).not.toContain('200');
  });

  it('streams the extractive answer when the streamed answer is unsupported', async () => {
    llm.set({ reply: '须在3个工作日内办结，收费200元。' });
    const deltas: string[] = [];
    const r = await engine.answer({ message: '换身份证要多久', history: [], state: {}, onDelta: (d) => deltas.push(d) });
    expect(r.producer).toBe(RULES_PRODUCER);
    expect(deltas.join('')).toBe(r.answer);
    expect(r.answer).toContain('20个工作日');
  });

  it('falls back on an HTTP error', async () => {
    llm.set({ reply: '', fail: 'error' });
    const r = await engine.answer({ message: '换身份证要钱吗', history: [], state: {} });
    expect(r.producer).toBe(RULES_PRODUCER);
    expect(r.outcome).toBe('answered');
    expect(r.citations.length).toBeGreaterThan(0);
  });

  it('falls back when the model does not answer within the timeout', async () => {
    llm.set({ reply: '', fail: 'hang' });
    const r = await engine.answer({ message: '换身份证要钱吗', history: [], state: {} });
    expect(llm.received).toHaveLength(1);
    expect(r.producer).toBe(RULES_PRODUCER);
    expect(r.answer).toContain('不收费');
  });
});
