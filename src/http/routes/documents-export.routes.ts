import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { assertCan, can, type Permission } from '../../auth/policy.js';
import { officialDocumentSchema, type OfficialDocument } from '../../documents/document.model.js';
import { exportDocument, exportFormatSchema, type ExportFormat } from '../../documents/export/document-export.js';
import { pdfAvailable } from '../../documents/export/pdf-convert.js';

const READERS: Permission[] = ['documents.draft', 'documents.review', 'documents.sign'];

/**
 * .docx / PDF export of official documents in the GB/T 9704 layout: of a document sent in the
 * body (the drafting page's current text) or of a stored one.
 */
export function registerDocumentExportRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  // a PDF costs a LibreOffice run: a tenth of the per-address rate
  const exportLimit = { rateLimit: { max: Math.max(10, Math.ceil(ctx.env.rateLimitPerMin / 10)), timeWindow: 60_000 } };

  const send = async (reply: FastifyReply, doc: OfficialDocument, format: ExportFormat) => {
    const file = await exportDocument(doc, format);
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', `attachment; filename="document.${format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .send(file.content);
  };

  r.get(
    '/documents/export/formats',
    { schema: { tags: ['documents'], summary: '可用的导出格式（服务器装有 LibreOffice 时含 PDF）', response: { 200: z.object({ formats: z.array(exportFormatSchema) }) } } },
    async (req) => {
      // whoever may open a document may export it (a stored one through GET …/export)
      if (!READERS.some((p) => can(req.actor, p))) assertCan(req.actor, 'documents.draft');
      const formats: ExportFormat[] = (await pdfAvailable()) ? ['docx', 'pdf'] : ['docx'];
      return { formats };
    },
  );

  r.post(
    '/documents/export',
    {
      schema: {
        tags: ['documents'],
        summary: '按 GB/T 9704 版式导出公文（.docx，或经 LibreOffice 转换的 PDF）',
        body: z.object({ document: officialDocumentSchema, format: exportFormatSchema.default('docx') }),
      },
      config: exportLimit,
    },
    async (req, reply) => {
      assertCan(req.actor, 'documents.draft');
      return send(reply, req.body.document, req.body.format);
    },
  );

  r.get(
    '/documents/:id/export',
    {
      schema: {
        tags: ['documents'],
        summary: '导出已保存的公文（最新版本）',
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: z.object({ format: exportFormatSchema.default('docx') }),
      },
      config: exportLimit,
    },
    async (req, reply) => {
      // the service checks the permission and the department scope
      const record = await ctx.documents.service.get(req.actor, req.params.id);
      return send(reply, record.document, req.query.format);
    },
  );
}
