/**
 * The citizen's chat (public; the session id is the credential): ask, stream the answer
 * (SSE), read new messages by polling or as an event stream, hand off to a person, leave a
 * callback request, rate an answer. Registers the agent console and the review routes too.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import {
  callbackRequestSchema,
  callbackSchema,
  chatRequestSchema,
  chatResponseSchema,
  feedbackRequestSchema,
  feedbackResponseSchema,
  handoffResponseSchema,
  messagesResponseSchema,
  sessionIdSchema,
} from '../../assistant/chat.schema.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { registerAgentRoutes } from './agent.routes.js';
import { registerAssistantReviewRoutes } from './assistant-review.routes.js';

const HEARTBEAT_MS = 15_000;

function openEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // nginx and similar proxies would otherwise buffer the stream
    'X-Accel-Buffering': 'no',
  });
  return raw;
}

function sendEvent(raw: ServerResponse, event: string, data: unknown, id?: number): void {
  if (raw.writableEnded || raw.destroyed) return;
  raw.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function errorBody(err: unknown): { error: { code: string; message: string } } {
  if (err instanceof AppError) return { error: { code: err.code, message: err.message } };
  return { error: { code: ErrorCode.Internal, message: '服务器内部错误，请稍后再试' } };
}

const wantsStream = (accept: string | undefined) => !!accept && accept.includes('text/event-stream');

export function registerChatRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { chat, handoff, feedback } = ctx.assistant;
  // long-lived streams would keep the server from closing
  const streams = new Set<ServerResponse>();
  api.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });

  r.post(
    '/chat',
    {
      schema: {
        tags: ['chat'],
        summary: '咨询：提问并得到有出处的回答（Accept: text/event-stream 时以 SSE 流式返回）',
        body: chatRequestSchema,
        response: { 200: chatResponseSchema },
      },
    },
    async (req, reply) => {
      // the server listens while a large index is still being built: answers need all of it
      if (!ctx.search.status().ready) throw new AppError(ErrorCode.Unavailable, '小政正在准备知识库，请稍后再试');
      const input = { ...req.body, actor: req.actor, ip: req.ip };
      if (!wantsStream(req.headers.accept)) return chat.ask(input);
      if (input.sessionId) await chat.assertSession(input.sessionId);
      const raw = openEventStream(reply);
      const abort = new AbortController();
      raw.on('close', () => {
        if (!raw.writableFinished) abort.abort();
      });
      try {
        const result = await chat.ask({ ...input, signal: abort.signal, onDelta: (text) => sendEvent(raw, 'delta', { text }) });
        sendEvent(raw, 'done', chatResponseSchema.parse(result));
      } catch (err) {
        if (!(err instanceof AppError)) req.log.error({ err }, 'chat stream failed');
        sendEvent(raw, 'error', errorBody(err));
      }
      raw.end();
    },
  );

  const sessionParams = z.object({ sessionId: sessionIdSchema });

  r.get(
    '/chat/:sessionId/messages',
    {
      schema: {
        tags: ['chat'],
        summary: '会话中 seq 大于 after 的消息（轮询坐席回复）',
        params: sessionParams,
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0) }),
        response: { 200: messagesResponseSchema },
      },
    },
    async (req) => chat.messagesAfter(req.params.sessionId, req.query.after),
  );

  r.get(
    '/chat/:sessionId/events',
    {
      schema: {
        tags: ['chat'],
        summary: '会话消息事件流（SSE：message、mode；会话结束后关闭，已结束且无新消息时 204）',
        params: sessionParams,
        querystring: z.object({ after: z.coerce.number().int().min(0).optional() }),
      },
    },
    async (req, reply) => {
      const { sessionId } = req.params;
      // a reconnecting EventSource keeps its URL (with the first `after`) and sends the last id it saw
      const lastEventId = Number(req.headers['last-event-id']);
      let after = Math.max(req.query.after ?? 0, Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0);
      const first = await chat.messagesAfter(sessionId, after, 1);
      // 204 tells an EventSource to stop reconnecting: the conversation is over and fully delivered
      if (first.mode === 'closed' && first.messages.length === 0) return reply.status(204).send();
      const raw = openEventStream(reply);
      streams.add(raw);
      let mode: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
      const stop = () => {
        clearTimeout(timer);
        clearInterval(heartbeat);
        streams.delete(raw);
        if (!raw.writableEnded) raw.end();
      };
      raw.on('close', stop);
      // Reads the database each time, so a reply written by an agent on another server process
      // sharing the database reaches this citizen too.
      const poll = async () => {
        try {
          const page = await chat.messagesAfter(sessionId, after);
          for (const m of page.messages) {
            sendEvent(raw, 'message', m, m.seq);
            after = m.seq;
          }
          if (page.mode !== mode) {
            mode = page.mode;
            sendEvent(raw, 'mode', { mode });
          }
          if (mode === 'closed') return stop();
        } catch (err) {
          req.log.warn({ err }, 'chat event poll failed');
        }
        if (!raw.writableEnded) timer = setTimeout(() => void poll(), ctx.assistant.settings.eventPollMs);
      };
      await poll();
    },
  );

  r.post(
    '/chat/:sessionId/handoff',
    { schema: { tags: ['chat'], summary: '转人工（工作时间排队，非工作时间提示留下回电请求）', params: sessionParams, response: { 200: handoffResponseSchema } } },
    async (req) => handoff.request(req.params.sessionId),
  );

  r.post(
    '/chat/:sessionId/callback',
    { schema: { tags: ['chat'], summary: '留下回电请求（姓名、电话、方便联系的时间）', params: sessionParams, body: callbackRequestSchema, response: { 201: callbackSchema } } },
    // the request becomes a 12345 work order (channel chat) in the same transaction; the citizen is told its number
    async (req, reply) => reply.status(201).send(await handoff.createCallback(req.params.sessionId, req.body, (trx, request) => ctx.hotline.orders.openFromChatCallback(trx, request, { ip: req.ip }))),
  );

  r.post(
    '/chat/:sessionId/messages/:messageId/feedback',
    {
      schema: {
        tags: ['chat'],
        summary: '评价一条回答（有用/没用 + 原因）',
        params: sessionParams.extend({ messageId: z.coerce.number().int().positive() }),
        body: feedbackRequestSchema,
        response: { 200: feedbackResponseSchema },
      },
    },
    async (req) => feedback.rate(req.params.sessionId, req.params.messageId, req.body),
  );

  registerAgentRoutes(api, ctx);
  registerAssistantReviewRoutes(api, ctx);
}
