/**
 * Security headers (helmet), cookies and the public rate limit. Registered before the auth
 * plugin's routes so the limit can exempt signed-in staff and token callers.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../../config/env.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

/** Sign-in attempts per address and minute: a tenth of the public limit, at least 10. */
export function loginRateLimit(env: Pick<Env, 'rateLimitPerMin'>): number {
  return Math.max(10, Math.ceil(env.rateLimitPerMin / 10));
}

/** The page the embeddable chat widget loads in its frame: /chat?embed=1 */
export function isEmbeddedChat(url: string): boolean {
  const u = new URL(url, 'http://x');
  return u.pathname === '/chat' && u.searchParams.get('embed') === '1';
}

export function rateLimitedError(ttlMs: number): AppError {
  return new AppError(ErrorCode.RateLimited, `请求过于频繁，请 ${Math.max(1, Math.ceil(ttlMs / 1000))} 秒后再试`);
}

export async function registerSecurityPlugins(app: FastifyInstance, env: Env): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd (CSS-in-JS) and Swagger UI insert style elements and attributes at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Swagger UI draws its icons from data: URLs
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        // over plain HTTP (a pilot on a LAN) upgrading would break every request
        upgradeInsecureRequests: env.cookieSecure ? [] : null,
      },
    },
    hsts: env.cookieSecure ? { maxAge: 180 * 86_400 } : false,
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (isEmbeddedChat(req.url)) {
      // the chat widget (web/public/widget.js) frames this page on other sites, e.g. a
      // government portal. Framing it is safe: it offers citizens' questions only, and the
      // SameSite=Strict session cookie is never sent into a cross-site frame.
      reply.removeHeader('x-frame-options');
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'));
    }
    return payload;
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: env.rateLimitPerMin,
    timeWindow: 60_000,
    // The limit protects the public API. Staff and integrations are known and accountable; the
    // web UI's pages and bundles are static files (one page view is several of them, and a
    // whole office behind one NAT address would otherwise share a handful of page views).
    allowList: (req) => req.actor?.kind === 'user' || !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, context) => rateLimitedError(context.ttl),
  });
}
