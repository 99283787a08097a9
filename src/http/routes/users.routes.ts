/** User administration and the role matrix. Authorization: the services' assertCan calls. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { ROLE_LABELS, ROLES } from '../../auth/actor.js';
import { createUserSchema, listOf, rolesSchema, updateUserSchema, userSchema } from '../../auth/auth.schema.js';
import { assertCan, ROLE_PERMISSIONS } from '../../auth/policy.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function registerUserRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get('/users', { schema: { tags: ['accounts'], summary: '用户列表', response: { 200: listOf(userSchema) } } }, async (req) => ({ items: await ctx.auth.users.list(req.actor) }));
  r.post('/users', { schema: { tags: ['accounts'], summary: '新建用户（首次登录须改密码）', body: createUserSchema, response: { 201: userSchema } } }, async (req, reply) =>
    reply.status(201).send(await ctx.auth.users.create(req.actor, { ...req.body, mustChangePassword: true }, { ip: req.ip })),
  );
  r.patch('/users/:id', { schema: { tags: ['accounts'], summary: '修改用户（角色、部门、停用、重置密码）', params: idParams, body: updateUserSchema, response: { 200: userSchema } } }, async (req) =>
    ctx.auth.users.update(req.actor, req.params.id, req.body, { ip: req.ip }),
  );
  r.post('/users/:id/unlock', { schema: { tags: ['accounts'], summary: '解除登录锁定', params: idParams, response: { 200: userSchema } } }, async (req) => ctx.auth.users.unlock(req.actor, req.params.id, { ip: req.ip }));
  r.get('/roles', { schema: { tags: ['accounts'], summary: '角色与权限矩阵', response: { 200: rolesSchema } } }, async (req) => {
    assertCan(req.actor, 'directory.read');
    return { items: ROLES.map((role) => ({ role, label: ROLE_LABELS[role], permissions: [...ROLE_PERMISSIONS[role]] })) };
  });
}
