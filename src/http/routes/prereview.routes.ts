import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import {
  applicationStatusSchema,
  citizenStatusSchema,
  decisionInputSchema,
  formSchema,
  queueResponseSchema,
  reviewerDetailSchema,
  ruleSetInputSchema,
  ruleSetSchema,
  submitResponseSchema,
} from '../../prereview/prereview.schema.js';
import type { SubmissionInput, UploadedFile } from '../../prereview/prereview.service.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

const appParams = z.object({ id: z.string().min(1).max(32) });
const tokenHeaders = z.object({ 'x-application-token': z.string().min(1, '请提供查询码（X-Application-Token）').max(100) });
const RESERVED_FIELDS = new Set(['itemId', 'form', 'token']);

/**
 * Material pre-review: citizens submit (multipart) and follow their application with its
 * number and token; reviewers see their departments' queue, the report and the files, and
 * decide; knowledge editors maintain each item's rules.
 */
export function registerPrereviewRoutes(api: FastifyInstance, ctx: AppContext): void {
  const settings = ctx.prereview.settings;
  // reading files (OCR) costs seconds of CPU: a tenth of the public per-address rate
  const submissionLimit = { rateLimit: { max: Math.max(10, Math.ceil(ctx.env.rateLimitPerMin / 10)), timeWindow: 60_000 } };
  // multipart only for these routes: an encapsulated scope
  void api.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: settings.maxFileBytes, files: settings.maxFiles, fields: 100, fieldSize: 64 * 1024, parts: settings.maxFiles + 100 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/prereview/applications',
      { schema: { tags: ['prereview'], summary: '提交办事申请（表单字段 + 材料文件，multipart），返回预审报告、申请编号和查询码', consumes: ['multipart/form-data'], response: { 201: submitResponseSchema } }, config: submissionLimit },
      async (req, reply) => {
        const { fields, input } = await readSubmission(req, settings);
        const itemId = fields.get('itemId');
        if (!itemId) throw new AppError(ErrorCode.ValidationFailed, '请求参数有误：body.itemId 必填（办事事项编号）', { field: 'itemId' });
        return reply.status(201).send(await ctx.prereview.submit(req.actor, itemId, input, { ip: req.ip }));
      },
    );
    r.post(
      '/prereview/applications/:id/revisions',
      { schema: { tags: ['prereview'], summary: '补正后重新提交（整套表单与材料，生成新的一次提交）', consumes: ['multipart/form-data'], params: appParams, headers: tokenHeaders, response: { 200: citizenStatusSchema } }, config: submissionLimit },
      async (req) => {
        const { input } = await readSubmission(req, settings);
        return ctx.prereview.resubmit(req.actor, req.params.id, req.headers['x-application-token'], input, { ip: req.ip });
      },
    );
  });

  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/prereview/applications/:id/status',
    { schema: { tags: ['prereview'], summary: '群众凭申请编号和查询码查看进度与预审报告', params: appParams, headers: tokenHeaders, response: { 200: citizenStatusSchema } } },
    async (req) => ctx.prereview.status(req.params.id, req.headers['x-application-token']),
  );
  r.get(
    '/prereview/queue',
    {
      schema: {
        tags: ['prereview'],
        summary: '预审员待办队列（本部门及共享授权范围内）',
        querystring: z.object({ status: applicationStatusSchema.default('pending'), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: queueResponseSchema },
      },
    },
    async (req) => ctx.prereview.queue(req.actor, req.query),
  );
  r.get(
    '/prereview/applications/:id',
    { schema: { tags: ['prereview'], summary: '申请详情：表单、AI 预审报告、材料及识别文字', params: appParams, response: { 200: reviewerDetailSchema } } },
    async (req) => ctx.prereview.detail(req.actor, req.params.id),
  );
  r.get(
    '/prereview/applications/:id/files/:fileId',
    {
      schema: {
        tags: ['prereview'],
        summary: '材料原件：下载，或 disposition=inline 在浏览器中查看（仅 PDF 与图片）',
        params: appParams.extend({ fileId: z.coerce.number().int().positive() }),
        querystring: z.object({ disposition: z.enum(['attachment', 'inline']).default('attachment') }),
      },
    },
    async (req, reply) => {
      const f = await ctx.prereview.fileContent(req.actor, req.params.id, req.params.fileId);
      // shown beside the report in the reviewer's workbench; other types (DOCX) always download
      const inline = req.query.disposition === 'inline' && (f.mime === 'application/pdf' || f.mime.startsWith('image/'));
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="file"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.content);
    },
  );
  r.post(
    '/prereview/applications/:id/decision',
    { schema: { tags: ['prereview'], summary: '预审员决定：受理 / 不予受理 / 补正（须填写理由）', params: appParams, body: decisionInputSchema, response: { 200: reviewerDetailSchema } } },
    async (req) => ctx.prereview.decide(req.actor, req.params.id, req.body, { ip: req.ip }),
  );
  r.get(
    '/prereview/rules/:itemId',
    { schema: { tags: ['prereview'], summary: '事项的预审规则（未配置时为按材料清单生成的默认规则）', params: z.object({ itemId: z.string().min(1).max(128) }), querystring: z.object({ version: z.coerce.number().int().min(1).optional() }), response: { 200: ruleSetSchema } } },
    async (req) => ctx.prereview.getRules(req.actor, req.params.itemId, req.query.version),
  );
  r.put(
    '/prereview/rules/:itemId',
    { schema: { tags: ['prereview'], summary: '保存事项的预审规则（有变化时生成新版本，记入审计）', params: z.object({ itemId: z.string().min(1).max(128) }), body: ruleSetInputSchema, response: { 200: z.object({ changed: z.boolean(), ruleSet: ruleSetSchema }) } } },
    async (req) => ctx.prereview.putRules(req.actor, req.params.itemId, req.body, { ip: req.ip }),
  );
}

/** Reads every part; files are buffered within the per-file limit, named in every error. */
async function readSubmission(req: FastifyRequest, limits: { maxFileBytes: number; maxTotalBytes: number }): Promise<{ fields: Map<string, string>; input: SubmissionInput }> {
  if (!req.isMultipart()) throw new AppError(ErrorCode.ValidationFailed, '请以 multipart/form-data 方式提交表单和材料文件');
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  let total = 0;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        // browsers may send a path (C:\fakepath\身份证.jpg): keep the file's own name
        const name = (part.filename.split(/[\\/]/).pop() || '未命名文件').slice(0, 200);
        let data: Buffer;
        try {
          data = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(ErrorCode.ValidationFailed, `文件“${name}”超过 ${limits.maxFileBytes / 1024 / 1024} MB`, { field: 'files', file: name });
          throw err;
        }
        total += data.length;
        if (total > limits.maxTotalBytes) throw new AppError(ErrorCode.ValidationFailed, `文件总大小不能超过 ${limits.maxTotalBytes / 1024 / 1024} MB（超出于“${name}”）`, { field: 'files', file: name });
        files.push({ name, data });
      } else {
        fields.set(part.fieldname, String(part.value));
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError(ErrorCode.ValidationFailed, '上传的文件或字段过多', { field: 'files' });
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_REQ_FIELD_TOO_LARGE') throw new AppError(ErrorCode.ValidationFailed, '表单字段过多或过长', { field: 'form' });
    throw err;
  }
  let form: Record<string, string> = {};
  const raw = fields.get('form');
  if (raw !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new AppError(ErrorCode.ValidationFailed, '请求参数有误：form 应为 JSON 对象，例如 {"name":"张三"}', { field: 'form' });
    }
    const checked = formSchema.safeParse(parsed);
    if (!checked.success) throw new AppError(ErrorCode.ValidationFailed, `请求参数有误：form ${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`, { field: 'form' });
    form = checked.data;
  }
  for (const [k, v] of fields) if (!RESERVED_FIELDS.has(k) && form[k] === undefined && k.length <= 64) form[k] = v.slice(0, 2000);
  return { fields, input: { form, files } };
}
