import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { entryHistorySchema, entryKindSchema, entryStatusSchema, entryVersionSchema, isoDateSchema } from '../../knowledge/knowledge.schema.js';

export function registerEntryRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/entries',
    {
      schema: {
        tags: ['knowledge'],
        summary: '条目列表',
        querystring: z.object({
          kind: entryKindSchema.optional(),
          status: entryStatusSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => ({ items: await ctx.knowledge.list(req.query) }),
  );
  r.get(
    '/entries/:id',
    {
      schema: {
        tags: ['knowledge'],
        summary: '条目详情（默认为今日有效的版本）',
        params: z.object({ id: z.string().min(1).max(128) }),
        querystring: z.object({ version: z.coerce.number().int().min(1).optional(), date: isoDateSchema.optional() }),
        response: { 200: entryVersionSchema },
      },
    },
    async (req) => ctx.knowledge.get(req.params.id, req.query),
  );
  r.get(
    '/entries/:id/history',
    {
      schema: {
        tags: ['knowledge'],
        summary: '条目版本历史',
        params: z.object({ id: z.string().min(1).max(128) }),
        response: { 200: entryHistorySchema },
      },
    },
    async (req) => ({ versions: await ctx.knowledge.history(req.params.id) }),
  );
  r.get('/kb/stats', { schema: { tags: ['knowledge'], summary: '知识库统计' } }, async () => ctx.knowledge.stats());
}
