import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { searchRequestSchema, searchResponseSchema } from '../../search/search.schema.js';

export function registerSearchRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.withTypeProvider<ZodTypeProvider>().post(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: '政务知识搜索：返回条目与命中段落',
        body: searchRequestSchema,
        response: { 200: searchResponseSchema },
      },
    },
    async (req) => ctx.search.search(req.body),
  );
}
