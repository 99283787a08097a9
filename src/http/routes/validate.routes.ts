import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { idCardResultSchema, phoneResultSchema, usccResultSchema, validateRequestSchema } from '../../prereview/validate.schema.js';
import { todayInShanghai, validateIdCard, validatePhone, validateUscc } from '../../prereview/validators/index.js';

/** Public identifier checks: no sign-in, the global per-address rate limit applies. */
export function registerValidateRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/validate/idcard',
    { schema: { tags: ['validate'], summary: '校验居民身份证号码（GB 11643）：出生日期、性别、地区', body: validateRequestSchema, response: { 200: idCardResultSchema } } },
    async (req) => validateIdCard(req.body.value, { today: todayInShanghai(ctx.auth.clock.now()) }),
  );
  r.post(
    '/validate/uscc',
    { schema: { tags: ['validate'], summary: '校验统一社会信用代码（GB 32100）：登记管理部门、机构类别、地区', body: validateRequestSchema, response: { 200: usccResultSchema } } },
    async (req) => validateUscc(req.body.value),
  );
  r.post(
    '/validate/phone',
    { schema: { tags: ['validate'], summary: '校验手机号码或固定电话号码', body: validateRequestSchema, response: { 200: phoneResultSchema } } },
    async (req) => validatePhone(req.body.value),
  );
}
