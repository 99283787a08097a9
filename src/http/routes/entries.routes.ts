import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { KnowledgePolicy } from '../../knowledge/knowledge.policy.js';
import { entryHistorySchema, entryInputSchema, entryKindSchema, entryStatusSchema, entryVersionSchema, isoDateSchema } from '../../knowledge/knowledge.schema.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

const idParams = z.object({ id: z.string().min(1).max(128) });
const notFound = (id: string) => new AppError(ErrorCode.NotFound, `未找到条目：${id}`, { id });

export function registerEntryRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const policy = new KnowledgePolicy(ctx.auth.scope);
  r.get(
    '/entries',
    {
      schema: {
        tags: ['knowledge'],
        summary: '条目列表（草稿仅对本部门范围内的知识库编辑可见）',
        querystring: z.object({
          kind: entryKindSchema.optional(),
          status: entryStatusSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      const items = await ctx.knowledge.list(req.query);
      const reader = await policy.draftReader(req.actor);
      const visible = [];
      for (const item of items) {
        if (item.status !== 'draft') visible.push(item);
        else if (reader && reader((await ctx.knowledge.repository.getVersion(item.id, item.version))?.department ?? null)) visible.push(item);
      }
      return { items: visible };
    },
  );
  r.get(
    '/entries/:id',
    {
      schema: {
        tags: ['knowledge'],
        summary: '条目详情（默认为今日有效的版本）',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional(), date: isoDateSchema.optional() }),
        response: { 200: entryVersionSchema },
      },
    },
    async (req) => {
      const entry = await ctx.knowledge.get(req.params.id, req.query);
      if (entry.status !== 'draft' || (await policy.canReadDraft(req.actor, entry.department))) return entry;
      // a reader without access to the draft sees the entry as if the draft did not exist
      const published = (await ctx.knowledge.history(req.params.id)).filter((v) => v.status !== 'draft');
      if (req.query.version !== undefined || published.length === 0) throw notFound(req.params.id);
      return ctx.knowledge.get(req.params.id, { version: published[0]!.version });
    },
  );
  r.get(
    '/entries/:id/history',
    {
      schema: {
        tags: ['knowledge'],
        summary: '条目版本历史',
        params: idParams,
        response: { 200: entryHistorySchema },
      },
    },
    async (req) => {
      const versions = await ctx.knowledge.history(req.params.id);
      const latest = await ctx.knowledge.repository.getVersion(req.params.id, versions[0]!.version);
      if (await policy.canReadDraft(req.actor, latest?.department ?? null)) return { versions };
      const shown = versions.filter((v) => v.status !== 'draft');
      if (shown.length === 0) throw notFound(req.params.id);
      return { versions: shown };
    },
  );
  r.put(
    '/entries/:id',
    {
      schema: {
        tags: ['knowledge'],
        summary: '新建或修改条目（与 JSONL 导入相同的条目格式；内容不变则不产生新版本）',
        params: idParams,
        querystring: z.object({ note: z.string().trim().max(500).optional() }),
        body: entryInputSchema,
        response: { 200: z.object({ changed: z.boolean(), created: z.boolean(), entry: entryVersionSchema }) },
      },
    },
    async (req) => {
      const body = req.body;
      if (body.id !== req.params.id) throw new AppError(ErrorCode.ValidationFailed, `id 与地址中的条目编号不一致：${body.id} ≠ ${req.params.id}`, { field: 'id' });
      const current = await ctx.knowledge.repository.latestHashes([body.id]).then((m) => m.get(body.id));
      const currentRow = current ? await ctx.knowledge.repository.getVersion(body.id, current.version) : undefined;
      await policy.assertCanWrite(req.actor, currentRow ? { department: currentRow.department } : null, body);
      const result = await ctx.knowledge.upsert([body], {
        note: req.query.note,
        inTransaction: async (trx, res) => {
          if (res.changedIds.length === 0) return;
          const after = (await ctx.knowledge.repository.withDb(trx).latestHashes([body.id])).get(body.id)!;
          await ctx.audit.record(
            {
              actor: req.actor,
              action: 'kb.entry.update',
              entityType: 'entry',
              entityId: body.id,
              before: current ? { version: current.version, contentHash: current.hash } : null,
              after: { version: after.version, contentHash: after.hash, status: body.status },
              reason: req.query.note,
              ip: req.ip,
            },
            trx,
          );
        },
      });
      const latest = (await ctx.knowledge.history(body.id))[0]!.version;
      return { changed: result.changedIds.length > 0, created: result.created > 0, entry: await ctx.knowledge.get(body.id, { version: latest }) };
    },
  );
  r.get('/kb/stats', { schema: { tags: ['knowledge'], summary: '知识库统计' } }, async () => ctx.knowledge.stats());
}
