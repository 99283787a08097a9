import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { guideRequestSchema, itemGuideResponseSchema, lifeEventGuideResponseSchema, lifeEventSummarySchema, resumedSessionSchema } from '../../guide/guide.schema.js';
import { entryIdSchema } from '../../knowledge/knowledge.schema.js';

/** Guided service (issue #5): public, like the 办事指南 it is computed from. */
export function registerGuideRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/items/:id/guide',
    {
      schema: {
        tags: ['guide'],
        summary: '情形引导：按回答生成个人办事清单（材料、条件、地点、时限、收费），并保存可续办的会话',
        params: z.object({ id: entryIdSchema }),
        body: guideRequestSchema,
        response: { 200: itemGuideResponseSchema },
      },
    },
    async (req) => ctx.guide.itemGuide(req.params.id, req.body, { actor: req.actor, ip: req.ip }),
  );
  r.get(
    '/guide/:token',
    {
      schema: {
        tags: ['guide'],
        summary: '继续办事引导：按续办链接恢复回答并重新生成清单（30天内有效）',
        params: z.object({ token: z.string().min(16).max(128) }),
        response: { 200: resumedSessionSchema },
      },
    },
    async (req) => ctx.guide.resume(req.params.token, { actor: req.actor, ip: req.ip }),
  );
  r.get(
    '/life-events',
    { schema: { tags: ['guide'], summary: '一件事一次办：事件列表及其包含的事项', response: { 200: z.object({ items: z.array(lifeEventSummarySchema) }) } } },
    async () => ({ items: await ctx.guide.listLifeEvents() }),
  );
  r.post(
    '/life-events/:id/guide',
    {
      schema: {
        tags: ['guide'],
        summary: '一件事一次办：共同问题只问一次，生成合并去重的材料清单和办理顺序',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: guideRequestSchema,
        response: { 200: lifeEventGuideResponseSchema },
      },
    },
    async (req) => ctx.guide.lifeEventGuide(req.params.id, req.body, { actor: req.actor, ip: req.ip }),
  );
}
