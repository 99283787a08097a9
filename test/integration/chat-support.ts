/** Helpers of the consultation tests: staff callers, SSE parsing, the chat API calls. */
import { expect } from 'vitest';
import { chatResponseSchema, messagesResponseSchema, type ChatResponse } from '../../src/assistant/chat.schema.js';
import type { Role } from '../../src/auth/actor.js';
import { entryVersionSchema } from '../../src/knowledge/knowledge.schema.js';
import { bearerToken, createUser, signIn } from '../helpers/auth.js';
import type { TestContext } from '../helpers/test-context.js';

export interface Staff {
  userId: number;
  name: string;
  /** the agent console's session cookie and CSRF token, or an integration's bearer token */
  headers: Record<string, string>;
}

/** A user with this role, signed in as the web console does (or with an API token). */
export async function staff(t: TestContext, role: Role, opts: { departmentId?: number; via?: 'session' | 'token' } = {}): Promise<Staff> {
  const { user, password } = await createUser(t, role, { departmentId: opts.departmentId ?? null });
  const headers = opts.via === 'token' ? { authorization: `Bearer ${await bearerToken(t, user.id)}` } : (await signIn(t, user.name, password)).headers;
  return { userId: user.id, name: user.name, headers };
}

export interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

/** Parses a text/event-stream body (or a prefix of one) into complete events. */
export function parseSse(text: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    if (!block.trim() || block.startsWith(':')) continue;
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length) out.push({ event, id, data: JSON.parse(data.join('\n')) });
  }
  return out;
}

export async function ask(t: TestContext, message: string, sessionId?: string): Promise<ChatResponse> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/chat', payload: { message, ...(sessionId ? { sessionId } : {}) } });
  expect(res.statusCode, res.body).toBe(200);
  return chatResponseSchema.parse(res.json());
}

export async function poll(t: TestContext, sessionId: string, after = 0) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/chat/${sessionId}/messages?after=${after}` });
  expect(res.statusCode, res.body).toBe(200);
  return messagesResponseSchema.parse(res.json());
}

/** Every citation must quote the entry version it names, character for character. */
export async function expectExactQuotes(t: TestContext, reply: ChatResponse): Promise<void> {
  for (const c of reply.citations) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${encodeURIComponent(c.docId)}?version=${c.version}` });
    expect(res.statusCode, res.body).toBe(200);
    const entry = entryVersionSchema.parse(res.json());
    expect(c.quote.length).toBeGreaterThan(0);
    expect(c.quote).toBe(entry.text.slice(c.start, c.end));
    expect(c.title).toBe(entry.title);
  }
}

/** Monday 2026-11-30, 10:00 and 20:00 in Shanghai. */
export const IN_OFFICE_HOURS = new Date('2026-11-30T02:00:00Z');
export const AFTER_HOURS = new Date('2026-11-30T12:00:00Z');
