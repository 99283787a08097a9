/**
 * Who is calling: sets `req.actor` from the bearer token or the session cookie, and refuses a
 * cookie-authenticated change that lacks the session's CSRF token. Authorization itself is
 * the policy layer's (src/auth/policy.ts), called by each route.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { ANONYMOUS, type Actor } from '../../auth/actor.js';
import { safeEqual } from '../../auth/secrets.js';
import type { Authenticated, SignedIn } from '../../auth/sessions.service.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** the signed-in account behind `actor`, when there is one */
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    /** false: the route needs no CSRF token even with a session cookie (sign-in itself) */
    csrf?: boolean;
  }
}

export const SESSION_COOKIE = 'xz_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** what a session whose password must be changed may still call */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout', '/api/v1/auth/login']);

export function setSessionCookie(reply: FastifyReply, ctx: AppContext, s: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, s.secret, { httpOnly: true, sameSite: 'strict', path: '/', secure: ctx.env.cookieSecure, expires: s.expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, ctx: AppContext): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: ctx.env.cookieSecure });
}

export async function registerAuthPlugin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (req) => {
    req.actor = ANONYMOUS;
    req.auth = null;
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      // a credential that does not work is an error, not a silent fall-back to the public
      const found = m ? await ctx.auth.sessions.fromToken(m[1]!) : null;
      if (!found) throw new AppError(ErrorCode.Unauthorized, 'API 令牌无效、已撤销或已过期');
      req.auth = found;
      req.actor = found.actor;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const found = await ctx.auth.sessions.fromSession(cookie);
    if (!found) return;
    req.auth = found;
    req.actor = found.actor;
    // A one-time password (printed at first start, or set by an administrator) is known to
    // someone else: until the owner replaces it, the session can only do that.
    if (found.user.must_change_password && !PASSWORD_CHANGE_ROUTES.has(req.routeOptions.url ?? '')) {
      throw new AppError(ErrorCode.Forbidden, '请先修改初始密码，再继续操作', { reason: 'PASSWORD_CHANGE_REQUIRED' });
    }
    if (SAFE_METHODS.has(req.method) || req.routeOptions.config?.csrf === false) return;
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !safeEqual(sent, found.session!.csrfToken)) {
      throw new AppError(ErrorCode.CsrfFailed, '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
    }
  });
}
