import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { assertCan } from '../../auth/policy.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { searchRequestSchema, searchResponseSchema, searchStatusSchema, synonymInputSchema, synonymListSchema, synonymSchema } from '../../search/search.schema.js';
import { Turns } from '../turns.js';

export function registerSearchRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  // searches are synchronous CPU work: served one per event-loop iteration, in arrival order (turns.ts)
  const turns = new Turns();
  r.post(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: '政务知识搜索：返回条目与命中段落',
        body: searchRequestSchema,
        response: { 200: searchResponseSchema },
      },
    },
    async (req) => {
      // the server listens while a large index is still being built: say so instead of
      // answering from a partial index
      if (!ctx.search.status().ready) throw new AppError(ErrorCode.Unavailable, '搜索索引正在建立，请稍后再试');
      await turns.take();
      return ctx.search.search(req.body);
    },
  );
  r.get('/search/status', { schema: { tags: ['search'], summary: '搜索索引状态', response: { 200: searchStatusSchema } } }, async () => ctx.search.status());

  // Synonym administration: reading is public (it explains search results), changing is not.
  r.get('/search/synonyms', { schema: { tags: ['search'], summary: '同义词列表（内置与自定义）', response: { 200: synonymListSchema } } }, async () => ctx.search.listSynonyms());
  r.post(
    '/search/synonyms',
    { schema: { tags: ['search'], summary: '新增同义词（口语说法 → 规范用语）', body: synonymInputSchema, response: { 201: synonymSchema } } },
    async (req, reply) => {
      assertCan(req.actor, 'search.synonyms.write');
      return reply.status(201).send(await ctx.search.addSynonym(req.body));
    },
  );
  r.delete(
    '/search/synonyms/:id',
    { schema: { tags: ['search'], summary: '删除自定义同义词', params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      assertCan(req.actor, 'search.synonyms.write');
      await ctx.search.deleteSynonym(req.params.id);
      return reply.status(204).send();
    },
  );
}
