import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { anchorResultSchema, anchorSchema, auditFilterSchema, auditListQuerySchema, auditListSchema, auditRecordSchema, verifyResultSchema } from '../../audit/audit.schema.js';
import { assertCan, can } from '../../auth/policy.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

/** The audit trail for auditors and administrators; personal data masked without 'audit.read_pii'. */
export function registerAuditRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];

  r.get(
    '/audit',
    { schema: { tags, summary: '审计记录（新到旧，按 beforeSeq 翻页）', querystring: auditListQuerySchema, response: { 200: auditListSchema } } },
    async (req) => {
      assertCan(req.actor, 'audit.read');
      const { limit, ...filter } = req.query;
      return ctx.audit.list(filter, { limit, pii: can(req.actor, 'audit.read_pii') });
    },
  );

  r.get(
    '/audit/verify',
    {
      schema: {
        tags,
        summary: '校验审计链；可附已发布的锚点',
        querystring: z.object({ anchor: anchorSchema.optional(), fromSeq: z.coerce.number().int().positive('应为正整数').optional() }),
        response: { 200: verifyResultSchema },
      },
    },
    async (req) => {
      assertCan(req.actor, 'audit.read');
      return ctx.audit.verify({ anchor: req.query.anchor, fromSeq: req.query.fromSeq });
    },
  );

  r.get('/audit/anchor', { schema: { tags, summary: '最新记录的序号与哈希，供发布', response: { 200: anchorResultSchema } } }, async (req) => {
    assertCan(req.actor, 'audit.read');
    const head = await ctx.audit.anchor();
    if (!head) throw new AppError(ErrorCode.NotFound, '审计日志为空，尚无可发布的锚点');
    return head;
  });

  r.get(
    '/audit/export',
    { schema: { tags, summary: '导出审计记录（JSONL，旧到新）；导出本身记入审计日志', querystring: auditFilterSchema } },
    async (req, reply) => {
      assertCan(req.actor, 'audit.export');
      const { receipt, records } = await ctx.audit.export(req.actor, req.query, { pii: can(req.actor, 'audit.read_pii'), ip: req.ip, target: 'http' });
      const lines = Readable.from(
        (async function* () {
          for await (const rec of records) yield `${JSON.stringify(rec)}\n`;
        })(),
      );
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${receipt.seq}.jsonl"`)
        .header('x-audit-export-seq', String(receipt.seq))
        .send(lines);
    },
  );

  r.get(
    '/audit/:seq',
    { schema: { tags, summary: '一条审计记录', params: z.object({ seq: z.coerce.number().int().positive('应为正整数') }), response: { 200: auditRecordSchema } } },
    async (req) => {
      assertCan(req.actor, 'audit.read');
      return ctx.audit.get(req.params.seq, { pii: can(req.actor, 'audit.read_pii') });
    },
  );
}
