/** Sign-in, sign-out, who am I, change my password. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { changePasswordSchema, loginSchema, meSchema, sessionViewSchema } from '../../auth/auth.schema.js';
import { permissionsOf } from '../../auth/policy.js';
import type { Authenticated } from '../../auth/sessions.service.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { clearSessionCookie, setSessionCookie } from '../plugins/auth.plugin.js';
import { loginRateLimit } from '../plugins/security.plugin.js';

export function signedIn(req: FastifyRequest): Authenticated {
  if (!req.auth) throw new AppError(ErrorCode.Unauthorized, '请先登录');
  return req.auth;
}

export function registerAuthRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录（设置会话 Cookie，返回 CSRF 令牌）', body: loginSchema, response: { 200: sessionViewSchema } },
      // per address, whoever is already signed in; the per-account lockout stops slow guessing
      config: { csrf: false, rateLimit: { max: loginRateLimit(ctx.env), timeWindow: 60_000, allowList: () => false } },
    },
    async (req, reply) => {
      const s = await ctx.auth.sessions.login(req.body.name, req.body.password, { ip: req.ip });
      setSessionCookie(reply, ctx, s);
      return { user: s.user, csrfToken: s.csrfToken };
    },
  );
  r.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
    if (req.auth) await ctx.auth.sessions.logout(req.auth, { ip: req.ip });
    clearSessionCookie(reply, ctx);
    return reply.status(204).send();
  });
  r.get('/auth/me', { schema: { tags: ['auth'], summary: '当前用户、CSRF 令牌与权限', response: { 200: meSchema } } }, async (req) => {
    const auth = signedIn(req);
    return { user: await ctx.auth.users.view(auth.user.id), csrfToken: auth.session?.csrfToken ?? '', permissions: [...permissionsOf(auth.actor)] };
  });
  r.post('/auth/password', { schema: { tags: ['auth'], summary: '修改本人密码', body: changePasswordSchema } }, async (req, reply) => {
    const auth = signedIn(req);
    await ctx.auth.users.changePassword(auth.actor, req.body.currentPassword, req.body.newPassword, auth.session?.id, { ip: req.ip });
    return reply.status(204).send();
  });
}
