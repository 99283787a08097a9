/**
 * Client for the consultation API (issue #4): the citizen's chat (public; the session id is the
 * credential), the agent console and the knowledge manager's review (staff, through `staff`).
 */
import type { z } from 'zod';
import type {
  agentQueueSchema,
  agentSessionSchema,
  callbackContactSchema,
  CallbackRequestInput,
  Callback,
  ChatMessage,
  ChatResponse,
  citationSchema,
  faqDraftResponseSchema,
  handoffResponseSchema,
  HandoffInfo,
  MessagesResponse,
  ReviewResponse,
  SessionSummary,
} from '../../src/assistant/chat.schema.js';
import { ApiError, request } from './api.js';
import { staff } from './api-admin.js';

export type { Callback, ChatMessage, ChatResponse, HandoffInfo, MessagesResponse, ReviewResponse, SessionSummary };
export type Citation = z.infer<typeof citationSchema>;
export type ChatMode = ChatResponse['mode'];
export type ChatOutcome = ChatResponse['outcome'];
export type MessageRole = ChatMessage['role'];
export type HandoffResponse = z.infer<typeof handoffResponseSchema>;
export type AgentQueue = z.infer<typeof agentQueueSchema>;
export type AgentSession = z.infer<typeof agentSessionSchema>;
export type CallbackContact = z.infer<typeof callbackContactSchema>;
export type ReviewKind = ReviewResponse['kind'];
export type ReviewGroup = ReviewResponse['groups'][number];
export type FaqDraft = z.infer<typeof faqDraftResponseSchema>;

const BASE = '/api/v1';

/**
 * The citizen's calls go without cookies: the chat is anonymous (also for a signed-in staff
 * member trying it out, who would otherwise need the CSRF token), and inside the widget on
 * another site the cookies would not be sent anyway.
 */
function citizen<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  return request<T>(BASE + path, {
    method: init.method ?? 'GET',
    credentials: 'omit',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
}

const sid = (id: string) => encodeURIComponent(id);

export interface AskOptions {
  sessionId?: string;
  channel?: 'web' | 'widget';
  /** each piece of answer text as the server streams it */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
}

/** Reads `text/event-stream` from a fetch body: calls `onEvent` for each complete event. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: string, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const flush = (block: string) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) onEvent(event, data.join('\n'));
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      flush(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
    }
  }
  if (buffer.trim()) flush(buffer);
}

/**
 * Asks one question with the answer streamed (SSE over a POST, hence fetch rather than
 * EventSource): `onDelta` receives the text as it arrives, the promise the complete reply
 * with its citations. Errors before the stream opens come back as JSON, later ones as an
 * `error` event; both become an ApiError with the server's Chinese message.
 */
export async function ask(message: string, opts: AskOptions = {}): Promise<ChatResponse> {
  let res: Response;
  try {
    res = await fetch(`${BASE}/chat`, {
      method: 'POST',
      credentials: 'omit',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ message, channel: opts.channel ?? 'web', ...(opts.sessionId ? { sessionId: opts.sessionId } : {}) }),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('网络连接失败，请检查网络后重试', 0);
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok || !type.includes('text/event-stream') || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | ChatResponse | null;
    if (res.ok && body && 'sessionId' in body) return body;
    const e = body && 'error' in body ? body.error : undefined;
    throw new ApiError(e?.message ?? `服务暂时不可用（${res.status}），请稍后再试`, res.status, e?.code, e?.details);
  }
  let result: ChatResponse | undefined;
  let failure: ApiError | undefined;
  try {
    await readEvents(res.body, (event, data) => {
      const payload = JSON.parse(data) as unknown;
      if (event === 'delta') opts.onDelta?.((payload as { text: string }).text);
      else if (event === 'done') result = payload as ChatResponse;
      else if (event === 'error') {
        const e = (payload as { error?: { code?: string; message?: string } }).error;
        failure = new ApiError(e?.message ?? '回答生成失败，请稍后再试', 500, e?.code);
      }
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('连接中断，回答未能完整接收，请重试', 0);
  }
  if (failure) throw failure;
  if (!result) throw new ApiError('连接中断，回答未能完整接收，请重试', 0);
  return result;
}

export const getMessages = (sessionId: string, after: number, signal?: AbortSignal) =>
  citizen<MessagesResponse>(`/chat/${sid(sessionId)}/messages?after=${after}`, { signal });

export const requestHandoff = (sessionId: string) => citizen<HandoffResponse>(`/chat/${sid(sessionId)}/handoff`, { method: 'POST' });

export const leaveCallback = (sessionId: string, input: CallbackRequestInput) =>
  citizen<Callback>(`/chat/${sid(sessionId)}/callback`, { method: 'POST', body: input });

export const rateAnswer = (sessionId: string, messageId: number, useful: boolean, reason?: string) =>
  citizen<{ messageId: number; useful: boolean; reason: string | null }>(`/chat/${sid(sessionId)}/messages/${messageId}/feedback`, {
    method: 'POST',
    body: { useful, ...(reason ? { reason } : {}) },
  });

export interface EventHandlers {
  onMessage(message: ChatMessage): void;
  onMode(mode: ChatMode): void;
}

const POLL_MS = 3000;

/**
 * Follows a session's new messages (the agent's replies, system notices) over the server's
 * event stream. EventSource reconnects by itself and resumes after the last message it saw
 * (Last-Event-ID); where the stream cannot be held open at all (a proxy that refuses it), it
 * falls back to polling. Stops for good once the session is closed. Returns the function that
 * stops following.
 */
export function followSession(sessionId: string, after: number, handlers: EventHandlers): () => void {
  let last = after;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let mode: ChatMode | undefined;
  const modeIs = (next: ChatMode) => {
    if (next !== mode) handlers.onMode(next);
    mode = next;
  };
  const message = (m: ChatMessage) => {
    last = Math.max(last, m.seq);
    handlers.onMessage(m);
  };
  const stop = () => {
    stopped = true;
    source.close();
    clearTimeout(timer);
  };
  const poll = async () => {
    try {
      const page = await getMessages(sessionId, last);
      page.messages.forEach(message);
      modeIs(page.mode);
      if (page.mode === 'closed') return stop();
    } catch {
      // a failed round is retried on the next one
    }
    if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
  };
  const source = new EventSource(`${BASE}/chat/${sid(sessionId)}/events?after=${after}`);
  source.addEventListener('message', (e) => message(JSON.parse((e as MessageEvent<string>).data) as ChatMessage));
  source.addEventListener('mode', (e) => {
    const next = (JSON.parse((e as MessageEvent<string>).data) as { mode: ChatMode }).mode;
    modeIs(next);
    if (next === 'closed') stop();
  });
  source.addEventListener('error', () => {
    // CLOSED: the browser gave up reconnecting (an error status, a wrong content type)
    if (source.readyState === EventSource.CLOSED && !stopped && timer === undefined) void poll();
  });
  return stop;
}

// ---- agent console (permission chat.agent) ----

export const getAgentQueue = (signal?: AbortSignal) => staff<AgentQueue>('GET', '/agent/queue', undefined, signal);
export const takeSession = (id: string) => staff<SessionSummary>('POST', `/agent/sessions/${sid(id)}/take`);
export const getAgentSession = (id: string, signal?: AbortSignal) => staff<AgentSession>('GET', `/agent/sessions/${sid(id)}`, undefined, signal);
export const agentReply = (id: string, text: string) => staff<ChatMessage>('POST', `/agent/sessions/${sid(id)}/messages`, { text });
export const closeSession = (id: string, reason?: string) => staff<SessionSummary>('POST', `/agent/sessions/${sid(id)}/close`, reason ? { reason } : {});
export const listCallbacks = (status: Callback['status'] | undefined, signal?: AbortSignal) =>
  staff<{ items: Callback[] }>('GET', `/agent/callbacks${status ? `?status=${status}` : ''}`, undefined, signal).then((r) => r.items);
export const getCallbackContact = (id: string) => staff<CallbackContact>('GET', `/agent/callbacks/${sid(id)}/contact`);
export const updateCallback = (id: string, status: 'done' | 'cancelled', note?: string) =>
  staff<Callback>('PATCH', `/agent/callbacks/${sid(id)}`, { status, ...(note ? { note } : {}) });

// ---- knowledge manager's review (permission assistant.review) ----

export const getReview = (kind: ReviewKind, signal?: AbortSignal) => staff<ReviewResponse>('GET', `/assistant/review?kind=${kind}`, undefined, signal);
export const createFaqDraft = (input: { question: string; answer?: string; relatedId?: string }) => staff<FaqDraft>('POST', '/assistant/review/faq-draft', input);
