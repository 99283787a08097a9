/**
 * 12345 work orders (contract-hotline.md): intake by agents, the citizen's form and tracking,
 * lists and detail by role and department, lifecycle actions, time-limit rules.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import { AppError, ErrorCode } from '../../shared/app-error.js';

const orderParams = z.object({ id: z.string().min(1).max(32) });
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_ATTACHMENTS = 5;

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
  // multipart only for the upload: an encapsulated scope
  void api.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fields: 5, parts: MAX_ATTACHMENTS + 5 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/hotline/orders/:id/attachments',
      { schema: { tags: ['hotline'], summary: `添加工单附件（multipart，字段 files；PDF、DOCX、JPG、PNG，每个不超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，一次最多 ${MAX_ATTACHMENTS} 个）`, consumes: ['multipart/form-data'], params: orderParams, response: { 200: orderSchema } } },
      async (req) => orders.attach(req.actor, req.params.id, await readFiles(req), { ip: req.ip }),
    );
  });
  r.get(
    '/hotline/orders/:id/attachments/:seq',
    { schema: { tags: ['hotline'], summary: '下载工单附件', params: orderParams.extend({ seq: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const f = await orders.attachment(req.actor, req.params.id, req.params.seq);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.content);
    },
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

async function readFiles(req: FastifyRequest): Promise<{ name: string; data: Buffer }[]> {
  if (!req.isMultipart()) throw new AppError(ErrorCode.ValidationFailed, '请以 multipart/form-data 方式上传附件（字段 files）', { field: 'files' });
  const files: { name: string; data: Buffer }[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      const name = (part.filename.split(/[\\/]/).pop() || '未命名文件').slice(0, 200);
      try {
        files.push({ name, data: await part.toBuffer() });
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(ErrorCode.ValidationFailed, `附件“${name}”超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, { field: 'files', file: name });
        throw err;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError(ErrorCode.ValidationFailed, `一次最多上传 ${MAX_ATTACHMENTS} 个附件`, { field: 'files' });
    throw err;
  }
  return files;
}
