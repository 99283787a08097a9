/** Sharing grants (跨部门信息共享): created and revoked by administrators, listed by those concerned. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { createGrantSchema, grantSchema, listOf, revokeGrantSchema } from '../../auth/auth.schema.js';

export function registerGrantRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get('/grants', { schema: { tags: ['accounts'], summary: '共享授权列表', response: { 200: listOf(grantSchema) } } }, async (req) => ({ items: await ctx.auth.grants.list(req.actor) }));
  r.post('/grants', { schema: { tags: ['accounts'], summary: '新建共享授权（用途、期限必填）', body: createGrantSchema, response: { 201: grantSchema } } }, async (req, reply) =>
    reply.status(201).send(await ctx.auth.grants.create(req.actor, req.body, { ip: req.ip })),
  );
  r.delete(
    '/grants/:id',
    { schema: { tags: ['accounts'], summary: '撤销共享授权（须填原因）', params: z.object({ id: z.coerce.number().int().positive() }), body: revokeGrantSchema } },
    async (req, reply) => {
      await ctx.auth.grants.revoke(req.actor, req.params.id, req.body.reason, { ip: req.ip });
      return reply.status(204).send();
    },
  );
}
