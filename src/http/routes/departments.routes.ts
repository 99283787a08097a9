/** The department tree: read by staff, changed by administrators (audited). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { createDepartmentSchema, departmentSchema, listOf, updateDepartmentSchema } from '../../auth/auth.schema.js';

export function registerDepartmentRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get('/departments', { schema: { tags: ['accounts'], summary: '部门列表（树：parentId）', response: { 200: listOf(departmentSchema) } } }, async (req) => ({
    items: await ctx.auth.departments.list(req.actor),
  }));
  r.post('/departments', { schema: { tags: ['accounts'], summary: '新建部门', body: createDepartmentSchema, response: { 201: departmentSchema } } }, async (req, reply) =>
    reply.status(201).send(await ctx.auth.departments.create(req.actor, req.body, { ip: req.ip })),
  );
  r.patch(
    '/departments/:id',
    { schema: { tags: ['accounts'], summary: '修改部门', params: z.object({ id: z.coerce.number().int().positive() }), body: updateDepartmentSchema, response: { 200: departmentSchema } } },
    async (req) => ctx.auth.departments.update(req.actor, req.params.id, req.body, { ip: req.ip }),
  );
}
