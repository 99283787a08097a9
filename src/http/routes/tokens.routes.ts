/** API tokens: own tokens for staff, anyone's for administrators. The secret is shown once. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { createdTokenSchema, createTokenSchema, listOf, tokenSchema } from '../../auth/auth.schema.js';

export function registerTokenRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get('/tokens', { schema: { tags: ['accounts'], summary: 'API 令牌列表（本人；管理员：全部）', response: { 200: listOf(tokenSchema) } } }, async (req) => ({ items: await ctx.auth.tokens.list(req.actor) }));
  r.post('/tokens', { schema: { tags: ['accounts'], summary: '签发 API 令牌（令牌只显示这一次）', body: createTokenSchema, response: { 201: createdTokenSchema } } }, async (req, reply) =>
    reply.status(201).send(await ctx.auth.tokens.create(req.actor, req.body, { ip: req.ip })),
  );
  r.delete('/tokens/:id', { schema: { tags: ['accounts'], summary: '撤销 API 令牌', params: z.object({ id: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    await ctx.auth.tokens.revoke(req.actor, req.params.id, { ip: req.ip });
    return reply.status(204).send();
  });
}
