/**
 * 12345 work orders (contract-hotline.md): intake by agents, the citizen's form and tracking,
 * lists and detail by role and department, lifecycle actions, time-limit rules.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import {
  deadlineRulesSchema,
  orderActionSchema,
  orderCreateSchema,
  orderDetailSchema,
  orderListQuerySchema,
  orderListSchema,
  orderSchema,
  publicOrderCreatedSchema,
  publicOrderCreateSchema,
  publicOrderStatusSchema,
  publicTrackQuerySchema,
} from '../../hotline/orders/order.schema.js';

const orderParams = z.object({ id: z.string().min(1).max(32) });

export function registerHotlineOrderRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { orders, deadlines } = ctx.hotline;
  // the public form and the tracking page are open to anyone: a tenth of the public rate, so
  // the last four digits of a phone cannot be tried through
  const publicLimit = { rateLimit: { max: Math.max(10, Math.ceil(ctx.env.rateLimitPerMin / 10)), timeWindow: 60_000 } };

  r.post(
    '/hotline/orders',
    { schema: { tags: ['hotline'], summary: '坐席受理工单（电话、网页、App，或把咨询会话转为工单）；同一 idempotencyKey 重试返回同一工单', body: orderCreateSchema, response: { 200: orderSchema, 201: orderSchema } } },
    async (req, reply) => {
      const { order, created } = await orders.create(req.actor, req.body, { ip: req.ip });
      return reply.status(created ? 201 : 200).send(order);
    },
  );
  r.post(
    '/hotline/public/orders',
    { schema: { tags: ['hotline'], summary: '群众在网上提交诉求（咨询、求助、投诉、举报、建议、表扬），返回工单编号', body: publicOrderCreateSchema, response: { 200: publicOrderCreatedSchema, 201: publicOrderCreatedSchema } }, config: publicLimit },
    async (req, reply) => {
      const { created, ...out } = await orders.createPublic(req.body, { ip: req.ip });
      return reply.status(created ? 201 : 200).send(out);
    },
  );
  r.get(
    '/hotline/public/orders/:id',
    { schema: { tags: ['hotline'], summary: '群众凭工单编号和联系电话后四位查询办理进度和答复', params: orderParams, querystring: publicTrackQuerySchema, response: { 200: publicOrderStatusSchema } }, config: publicLimit },
    async (req) => orders.track(req.params.id, req.query.phone),
  );
  r.get(
    '/hotline/orders',
    { schema: { tags: ['hotline'], summary: '工单列表（承办单位只见本单位主办或协办的工单；overdue=true 为督办列表）', querystring: orderListQuerySchema, response: { 200: orderListSchema } } },
    async (req) => orders.list(req.actor, req.query),
  );
  r.get(
    '/hotline/orders/:id',
    { schema: { tags: ['hotline'], summary: '工单详情：流转记录、可执行的操作、来自咨询会话的对话记录', params: orderParams, response: { 200: orderDetailSchema } } },
    async (req) => orders.detail(req.actor, req.params.id),
  );
  r.post(
    '/hotline/orders/:id/actions',
    { schema: { tags: ['hotline'], summary: '工单流转：派单、签收、办理、答复、回访、办结、退单、改派、延期、督办、重办、并单、即时办结', params: orderParams, body: orderActionSchema, response: { 200: orderSchema } } },
    async (req) => orders.act(req.actor, req.params.id, req.body, { ip: req.ip }),
  );
  r.get(
    '/hotline/deadline-rules',
    { schema: { tags: ['hotline'], summary: '办理时限规则（按类型和类别，最具体的规则优先；天数为工作日）', response: { 200: deadlineRulesSchema } } },
    async (req) => deadlines.list(req.actor),
  );
  r.put(
    '/hotline/deadline-rules',
    { schema: { tags: ['hotline'], summary: '保存办理时限规则（整体替换，须保留一条适用于任意类型和类别的规则；记入审计）', body: deadlineRulesSchema, response: { 200: deadlineRulesSchema } } },
    async (req) => deadlines.replace(req.actor, req.body.rules, { ip: req.ip }),
  );
}
