import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../documents/document.model.js';
import {
  documentRecordSchema,
  draftInputSchema,
  draftResponseSchema,
  importResponseSchema,
  lintInputSchema,
  lintResponseSchema,
  listQuerySchema,
  listResponseSchema,
  parseInputSchema,
  parseResponseSchema,
  renderInputSchema,
  renderResponseSchema,
  reviewInputSchema,
  saveInputSchema,
  signInputSchema,
  templatesResponseSchema,
  versionDetailSchema,
  versionsResponseSchema,
} from '../../documents/documents.schema.js';
import { docxToText, MAX_DOCX_BYTES } from '../../documents/docx-text.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

const idParams = z.object({ id: z.string().min(1).max(32) });

/**
 * Official documents: the GB/T 9704 checker (text or .docx), templates and drafting, parse and
 * render, .docx import, stored documents with versions and the flow 拟稿 → 核稿 → 签发.
 */
export function registerDocumentsRoutes(api: FastifyInstance, ctx: AppContext): void {
  const docs = ctx.documents.service;
  // drafting calls the LLM: a tenth of the per-address rate, like other costly routes
  const costly = { rateLimit: { max: Math.max(10, Math.ceil(ctx.env.rateLimitPerMin / 10)), timeWindow: 60_000 } };

  // .docx uploads only for these routes: an encapsulated scope with multipart
  void api.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: MAX_DOCX_BYTES, files: 1, fields: 5, fieldSize: 1024 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/documents/lint',
      {
        schema: {
          tags: ['documents'],
          summary: '公文格式检查（GB/T 9704）：JSON {text, type?}，或 multipart 上传一个 .docx（字段 file）',
          consumes: ['application/json', 'multipart/form-data'],
          response: { 200: lintResponseSchema },
        },
      },
      async (req) => {
        if (req.isMultipart()) {
          const upload = await readDocx(req);
          const text = await docxToText(upload.data);
          return { findings: docs.lint(req.actor, text, upload.type), text };
        }
        const input = lintInputSchema.safeParse(req.body ?? {});
        if (!input.success) throw validation(input.error);
        return { findings: docs.lint(req.actor, input.data.text, input.data.type) };
      },
    );
    r.post(
      '/documents/import',
      { schema: { tags: ['documents'], summary: '导入 .docx（multipart，字段 file）：解析为公文结构并检查格式，不保存', consumes: ['multipart/form-data'], response: { 200: importResponseSchema } } },
      async (req) => {
        if (!req.isMultipart()) throw new AppError(ErrorCode.ValidationFailed, '请以 multipart/form-data 方式上传 .docx 文件（字段 file）', { field: 'file' });
        const upload = await readDocx(req);
        return docs.importDocx(req.actor, upload.data, upload.type);
      },
    );
  });

  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get('/documents/templates', { schema: { tags: ['documents'], summary: '15 种公文的起草模板：要点表单字段、行文方向、结束语', response: { 200: templatesResponseSchema } } }, async (req) => ({ templates: docs.templates(req.actor) }));
  r.post(
    '/documents/draft',
    { schema: { tags: ['documents'], summary: '按要点起草公文（配置大模型时由模型撰写正文），返回草稿及格式检查结果；批复可从请示开始（fromRequest）', body: draftInputSchema, response: { 200: draftResponseSchema } }, config: costly },
    async (req) => docs.draft(req.actor, req.body, { ip: req.ip }),
  );
  r.post('/documents/parse', { schema: { tags: ['documents'], summary: '把纯文本公文解析为公文结构，并检查格式', body: parseInputSchema, response: { 200: parseResponseSchema } } }, async (req) => docs.parse(req.actor, req.body.text, req.body.type));
  r.post('/documents/render', { schema: { tags: ['documents'], summary: '把公文结构排成纯文本，并检查格式', body: renderInputSchema, response: { 200: renderResponseSchema } } }, async (req) => docs.render(req.actor, req.body.document));

  r.post('/documents', { schema: { tags: ['documents'], summary: '保存新公文（第 1 版，状态：拟稿）', body: saveInputSchema, response: { 201: documentRecordSchema } } }, async (req, reply) => reply.status(201).send(await docs.create(req.actor, req.body, { ip: req.ip })));
  r.get('/documents', { schema: { tags: ['documents'], summary: '本部门（及共享授权范围内）的公文', querystring: listQuerySchema, response: { 200: listResponseSchema } } }, async (req) => docs.list(req.actor, req.query));
  r.get('/documents/:id', { schema: { tags: ['documents'], summary: '公文最新版本、格式检查结果与流转记录', params: idParams, response: { 200: documentRecordSchema } } }, async (req) => docs.get(req.actor, req.params.id));
  r.put('/documents/:id', { schema: { tags: ['documents'], summary: '修改公文（仅拟稿状态），保存为新版本', params: idParams, body: saveInputSchema, response: { 200: documentRecordSchema } } }, async (req) => docs.save(req.actor, req.params.id, req.body, { ip: req.ip }));
  r.get('/documents/:id/versions', { schema: { tags: ['documents'], summary: '公文的全部版本', params: idParams, response: { 200: versionsResponseSchema } } }, async (req) => docs.versions(req.actor, req.params.id));
  r.get(
    '/documents/:id/versions/:version',
    { schema: { tags: ['documents'], summary: '公文的某一版本', params: idParams.extend({ version: z.coerce.number().int().min(1) }), response: { 200: versionDetailSchema } } },
    async (req) => docs.version(req.actor, req.params.id, req.params.version),
  );
  r.post('/documents/:id/submit', { schema: { tags: ['documents'], summary: '提交核稿', params: idParams, response: { 200: documentRecordSchema } } }, async (req) => docs.submit(req.actor, req.params.id, { ip: req.ip }));
  r.post('/documents/:id/review', { schema: { tags: ['documents'], summary: '核稿：通过（待签发）或退回拟稿（须填写理由）；不能核稿自己起草的公文', params: idParams, body: reviewInputSchema, response: { 200: documentRecordSchema } } }, async (req) => docs.review(req.actor, req.params.id, req.body, { ip: req.ip }));
  r.post('/documents/:id/sign', { schema: { tags: ['documents'], summary: '签发，或退回拟稿（须填写理由）', params: idParams, body: signInputSchema, response: { 200: documentRecordSchema } } }, async (req) => docs.sign(req.actor, req.params.id, req.body, { ip: req.ip }));
}

function validation(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ field: `body.${i.path.join('.') || 'text'}`, message: i.message }));
  return new AppError(ErrorCode.ValidationFailed, `请求参数有误：${issues.map((i) => `${i.field} ${i.message}`).join('；')}`, issues);
}

/** The one .docx of a multipart request (field `file`) and an optional `type` field. */
async function readDocx(req: FastifyRequest): Promise<{ data: Buffer; type?: DocumentType }> {
  let data: Buffer | undefined;
  let type: DocumentType | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (!/\.docx$/i.test(part.filename)) {
          await part.toBuffer();
          throw new AppError(ErrorCode.ValidationFailed, `只支持 .docx 文件（收到“${part.filename}”）`, { field: 'file' });
        }
        data = await part.toBuffer();
      } else if (part.fieldname === 'type') {
        const value = String(part.value);
        if (!(DOCUMENT_TYPES as readonly string[]).includes(value)) throw new AppError(ErrorCode.ValidationFailed, `请求参数有误：type 文种无效，可选：${DOCUMENT_TYPES.join('、')}`, { field: 'type' });
        type = value as DocumentType;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(ErrorCode.ValidationFailed, `文件超过 ${MAX_DOCX_BYTES / 1024 / 1024} MB`, { field: 'file' });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError(ErrorCode.ValidationFailed, '一次只能上传一个 .docx 文件', { field: 'file' });
    throw err;
  }
  if (!data) throw new AppError(ErrorCode.ValidationFailed, '请上传 .docx 文件（字段 file）', { field: 'file' });
  return { data, type };
}
