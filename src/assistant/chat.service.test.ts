/**
 * The conversation service with a scripted answer engine on a real SQLite database and the
 * real audit trail: sessions, history and state between turns, idle expiry, handoff inside
 * and outside office hours, relaying to the agent, and nothing stored when the audit fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { openDatabase, type Database } from '../db/database.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { AnswerEngine, AnswerRequest, AnswerResult } from './answer.types.js';
import { ChatService, DEFAULT_CHAT_SETTINGS, type ChatSettings } from './chat.service.js';
import { FAQ_DRAFT_PLACEHOLDER, FeedbackService, normalizeQuestion } from './feedback.service.js';
import { parseOfficeHours } from './handoff.hours.js';
import { HandoffService } from './handoff.service.js';

/** Answers from a script keyed by message; records what it was asked. */
class ScriptedEngine implements AnswerEngine {
  calls: AnswerRequest[] = [];
  constructor(private readonly script: (req: AnswerRequest) => Partial<AnswerResult>) {}
  async answer(req: AnswerRequest): Promise<AnswerResult> {
    this.calls.push(req);
    const r = this.script(req);
    r.answer?.split(/(?<=。)/).forEach((piece) => req.onDelta?.(piece));
    return { outcome: 'answered', answer: '', citations: [], producer: 'rules:test', producerVersion: '1', state: req.state, ...r };
  }
}

const agent: Actor = { kind: 'user', userId: 'u-agent', name: 'agent1', role: 'agent', departmentId: null, via: 'session' };
const editor: Actor = { kind: 'user', userId: 'u-editor', name: 'editor1', role: 'knowledge-editor', departmentId: null, via: 'session' };
// Monday 2026-11-30 10:00 and 20:00 in Shanghai
const OPEN = new Date('2026-11-30T02:00:00Z');
const CLOSED = new Date('2026-11-30T12:00:00Z');

describe('ChatService', () => {
  let database: Database;
  let dir: string;
  let audit: AuditService;
  let now: Date;
  const clock = { now: () => now };
  const settings: ChatSettings = { ...DEFAULT_CHAT_SETTINGS, officeHours: parseOfficeHours('1-5 09:00-12:00,13:30-17:30') };
  const engine = new ScriptedEngine((req) => {
    if (req.message.includes('人工')) return { outcome: 'handoff', answer: '好的，为您转人工。', reason: 'asked_for_human' };
    if (req.message === '那要多久？') return { answer: `关于${String(req.state.topic)}：二十个工作日。`, state: req.state };
    return { answer: '身份证换领需要原身份证。', citations: [{ docId: 'item-1', version: 1, title: '居民身份证换领', start: 0, end: 3, quote: '原身份' }], state: { topic: '身份证换领' } };
  });
  let chat: ChatService;
  let handoff: HandoffService;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-chat-unit-'));
    database = await openDatabase({ dataDir: dir });
    audit = new AuditService(database.db, database.dialect);
    chat = new ChatService({ db: database.db, audit, engine, clock, settings });
    handoff = new HandoffService({ db: database.db, audit, clock, settings });
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    now = OPEN;
    engine.calls = [];
  });

  it('keeps history and state between turns and audits each answer with its sources', async () => {
    const deltas: string[] = [];
    const first = await chat.ask({ message: '身份证换领要什么材料', channel: 'web', actor: ANONYMOUS, onDelta: (t) => deltas.push(t) });
    expect(first.sessionId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(deltas.join('')).toBe(first.answer);
    const second = await chat.ask({ sessionId: first.sessionId, message: '那要多久？', channel: 'web', actor: ANONYMOUS });
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.answer).toBe('关于身份证换领：二十个工作日。');
    expect(engine.calls[1]!.history).toEqual([
      { role: 'citizen', text: '身份证换领要什么材料' },
      { role: 'assistant', text: '身份证换领需要原身份证。' },
    ]);
    expect(engine.calls[1]!.date).toBe('2026-11-30');

    const { items } = await audit.list({ action: 'ai.answer', entityId: first.sessionId }, { limit: 10, pii: true });
    expect(items).toHaveLength(2);
    const oldest = items[items.length - 1]!;
    expect(oldest.ai).toMatchObject({ question: '身份证换领要什么材料', answer: '身份证换领需要原身份证。', producer: 'rules:test', producerVersion: '1', outcome: 'answered' });
    expect(oldest.ai!.citations).toEqual([{ docId: 'item-1', version: 1, start: 0, end: 3 }]);
  });

  it('starts a new session after 30 idle minutes', async () => {
    const first = await chat.ask({ message: '身份证换领', channel: 'web', actor: ANONYMOUS });
    now = new Date(OPEN.getTime() + 31 * 60_000);
    const later = await chat.ask({ sessionId: first.sessionId, message: '那要多久？', channel: 'web', actor: ANONYMOUS });
    expect(later.sessionId).not.toBe(first.sessionId);
    expect(engine.calls[1]!.history).toEqual([]);
  });

  it('rejects an unknown session with a Chinese 404', async () => {
    await expect(chat.ask({ sessionId: 'x'.repeat(24), message: '你好', channel: 'web', actor: ANONYMOUS })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/会话/) });
  });

  it('queues a handoff in office hours and relays later messages to the agent, not the engine', async () => {
    const r = await chat.ask({ message: '我要找人工', channel: 'web', actor: ANONYMOUS });
    expect(r).toMatchObject({ outcome: 'handoff', mode: 'queued', handoff: { available: true } });
    const relayed = await chat.ask({ sessionId: r.sessionId, message: '我的身份证丢了', channel: 'web', actor: ANONYMOUS });
    expect(relayed).toMatchObject({ relayed: true, mode: 'queued', answer: '' });
    expect(engine.calls).toHaveLength(1);

    const queue = await handoff.queue(agent);
    expect(queue.queued.find((s) => s.sessionId === r.sessionId)?.preview).toBe('我的身份证丢了');
    await handoff.take(agent, r.sessionId);
    await expect(handoff.take({ ...agent, userId: 'u-other', name: 'agent2' }, r.sessionId)).rejects.toMatchObject({ code: 'CONFLICT' });
    const reply = await handoff.reply(agent, r.sessionId, '您好，请携带户口簿办理。');
    const page = await chat.messagesAfter(r.sessionId, relayed.seq);
    expect(page.mode).toBe('agent');
    expect(page.messages.map((m) => m.role)).toEqual(['system', 'agent']);
    expect(page.messages[1]!.id).toBe(reply.id);
  });

  it('outside office hours offers a callback request instead of a queue', async () => {
    now = CLOSED;
    const r = await chat.ask({ message: '转人工', channel: 'web', actor: ANONYMOUS });
    expect(r.mode).toBe('bot');
    expect(r.handoff).toMatchObject({ available: false, officeHours: '周一至周五 9:00–12:00、13:30–17:30' });
    expect(r.handoff!.message).toMatch(/非工作时间/);
    const cb = await handoff.createCallback(r.sessionId, { name: '张三', phone: '13812345678', preferredTime: '明天上午' });
    expect(cb).toMatchObject({ name: '张*', phone: '138****5678', status: 'open' });
    expect(await handoff.callbackContact(agent, cb.id)).toEqual({ id: cb.id, name: '张三', phone: '13812345678' });
  });

  it('writes nothing when the audit record cannot be written', async () => {
    const failing = new ChatService({ db: database.db, audit: { record: () => Promise.reject(new Error('audit down')) }, engine, clock, settings });
    await expect(failing.ask({ message: '身份证换领', channel: 'web', actor: ANONYMOUS })).rejects.toThrow('audit down');
    const before = await database.db.selectFrom('chat_sessions').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(failing.ask({ message: '身份证换领', channel: 'web', actor: ANONYMOUS })).rejects.toThrow();
    const after = await database.db.selectFrom('chat_sessions').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('groups unanswered questions by wording and creates an unpublished FAQ draft', async () => {
    const feedback = new FeedbackService({ db: database.db, audit, knowledge: new KnowledgeService(database.db), clock });
    now = CLOSED;
    await chat.ask({ message: '请问 转人工吗？', channel: 'web', actor: ANONYMOUS });
    const review = await feedback.review(editor, { kind: 'unanswered', limit: 50 });
    const group = review.groups.find((g) => g.normalized === '转人工')!;
    expect(group.count).toBeGreaterThanOrEqual(2);
    expect(group.question).toBe('请问 转人工吗？');
    await expect(feedback.review(agent, { kind: 'unanswered', limit: 50 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const draft = await feedback.createFaqDraft(editor, { question: '怎样转人工？' });
    expect(draft).toMatchObject({ status: 'draft', answer: FAQ_DRAFT_PLACEHOLDER });
  });
});

describe('normalizeQuestion', () => {
  it.each([
    ['请问身份证怎么办理？', '身份证怎么办理'],
    ['身份證怎麼辦理呢', '身份证怎么办理'],
    ['  身份证 怎么 办理 吗 ', '身份证怎么办理'],
  ])('%j → %j', (q, key) => expect(normalizeQuestion(q)).toBe(key));
});
