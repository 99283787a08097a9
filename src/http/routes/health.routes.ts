import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  /** the server process that answered (`serve --workers N` runs several) */
  process: z.number().int(),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), ok: z.boolean() }),
  search: z.object({ ready: z.boolean(), entries: z.number().int(), passages: z.number().int(), changeSeq: z.number().int() }),
});

export function registerHealthRoutes(api: FastifyInstance, ctx: AppContext): void {
  api.withTypeProvider<ZodTypeProvider>().get(
    '/health',
    { schema: { tags: ['system'], summary: '服务健康状态', response: { 200: healthSchema } } },
    async () => {
      let ok = true;
      try {
        await ctx.knowledge.ping();
      } catch {
        ok = false;
      }
      const s = ctx.search.status();
      return {
        status: ok && s.ready ? ('ok' as const) : ('degraded' as const),
        version: ctx.version,
        process: process.pid,
        database: { dialect: ctx.database.dialect, ok },
        search: s,
      };
    },
  );
}
