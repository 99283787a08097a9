/** The agent console (permission chat.agent): queue, take, transcript, reply, close, callback requests. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import {
  agentCloseRequestSchema,
  agentMessageRequestSchema,
  agentQueueSchema,
  agentSessionSchema,
  callbackContactSchema,
  callbackSchema,
  callbackUpdateSchema,
  CALLBACK_STATUSES,
  chatMessageSchema,
  sessionIdSchema,
  sessionSummarySchema,
} from '../../assistant/chat.schema.js';

export function registerAgentRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { handoff } = ctx.assistant;
  const params = z.object({ id: sessionIdSchema });

  r.get('/agent/queue', { schema: { tags: ['agent'], summary: '坐席：排队中的会话与我接入的会话', response: { 200: agentQueueSchema } } }, async (req) => handoff.queue(req.actor));
  r.post(
    '/agent/sessions/:id/take',
    { schema: { tags: ['agent'], summary: '坐席：接入会话（只有一位坐席能接入）', params, response: { 200: sessionSummarySchema } } },
    async (req) => handoff.take(req.actor, req.params.id, req.ip),
  );
  r.get(
    '/agent/sessions/:id',
    { schema: { tags: ['agent'], summary: '坐席：会话记录', params, response: { 200: agentSessionSchema } } },
    async (req) => handoff.transcript(req.actor, req.params.id),
  );
  r.post(
    '/agent/sessions/:id/messages',
    { schema: { tags: ['agent'], summary: '坐席：回复群众', params, body: agentMessageRequestSchema, response: { 201: chatMessageSchema } } },
    async (req, reply) => reply.status(201).send(await handoff.reply(req.actor, req.params.id, req.body.text, req.ip)),
  );
  r.post(
    '/agent/sessions/:id/close',
    { schema: { tags: ['agent'], summary: '坐席：结束人工服务', params, body: agentCloseRequestSchema.nullish(), response: { 200: sessionSummarySchema } } },
    async (req) => handoff.close(req.actor, req.params.id, req.body?.reason, req.ip),
  );

  r.get(
    '/agent/callbacks',
    {
      schema: {
        tags: ['agent'],
        summary: '坐席：回电请求（姓名、电话已脱敏）',
        querystring: z.object({ status: z.enum(CALLBACK_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(callbackSchema) }) },
      },
    },
    async (req) => ({ items: await handoff.listCallbacks(req.actor, req.query.status, req.query.limit) }),
  );
  r.get(
    '/agent/callbacks/:id/contact',
    { schema: { tags: ['agent'], summary: '坐席：查看回电请求的完整姓名和电话（记入审计）', params: z.object({ id: z.string().min(1).max(64) }), response: { 200: callbackContactSchema } } },
    async (req) => handoff.callbackContact(req.actor, req.params.id, req.ip),
  );
  r.patch(
    '/agent/callbacks/:id',
    { schema: { tags: ['agent'], summary: '坐席：回电请求已处理/取消', params: z.object({ id: z.string().min(1).max(64) }), body: callbackUpdateSchema, response: { 200: callbackSchema } } },
    async (req) => handoff.updateCallback(req.actor, req.params.id, req.body.status, req.body.note, req.ip),
  );
}
