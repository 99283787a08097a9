/**
 * What a browser or an attacker sees at the edge: security headers that still let the web UI
 * and /api/docs work, rate limits on public endpoints and on sign-in (staff exempt from the
 * public one), and error bodies without internals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, createUser } from '../helpers/auth.js';
import { errorResponseSchema, HAN } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

describe.each(DIALECTS)('edge security (%s)', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    // public limit 20/min → sign-in limit 10/min
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '20' } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const from = (ip: string) => ({ remoteAddress: ip });

  it('sends security headers with a CSP that allows the UI’s inline styles but no inline scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health', ...from('10.0.0.1') });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(csp).toContain("frame-ancestors 'self'");
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json', ...from('10.0.0.1') });
    expect(docs.statusCode).toBe(200);
  });

  it('lets other sites frame the embeddable chat page, and only that page', async () => {
    const embed = await t.app.inject({ method: 'GET', url: '/chat?embed=1', ...from('10.0.0.1') });
    expect(String(embed.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const admin = await t.app.inject({ method: 'GET', url: '/admin?embed=1', ...from('10.0.0.1') });
    expect(String(admin.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    expect(admin.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('limits public requests per address, with a Chinese 429, and exempts token callers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/api/v1/search/status', ...from('10.0.0.2') })).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    const limited = await t.app.inject({ method: 'GET', url: '/api/v1/search/status', ...from('10.0.0.2') });
    expect(errorResponseSchema.parse(limited.json()).error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorResponseSchema.parse(limited.json()).error.message).toMatch(HAN);
    // the web UI's pages and files are not counted (one page view is several requests)
    for (let i = 0; i < 25; i++) expect((await t.app.inject({ method: 'GET', url: `/search?q=${i}`, ...from('10.0.0.2') })).statusCode).not.toBe(429);
    // another address is not affected
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/status', ...from('10.0.0.3') })).statusCode).toBe(200);
    const staff = await bearerFor(t, 'agent');
    for (let i = 0; i < 25; i++) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/status', headers: staff.headers, ...from('10.0.0.2') })).statusCode).toBe(200);
    }
  });

  it('limits sign-in attempts per address (a tenth of the public limit, at least 10)', async () => {
    const { user, password } = await createUser(t, 'agent');
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: `nobody-${i}`, password: 'x' }, ...from('10.0.0.4') })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
    // the right password from the limited address waits too; another address signs in
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: user.name, password }, ...from('10.0.0.4') })).statusCode).toBe(429);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: user.name, password }, ...from('10.0.0.5') })).statusCode).toBe(200);
  });

  it('answers malformed and oversized bodies with a plain error, no stack trace', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"name": ', ...from('10.0.0.6') });
    expect(bad.statusCode).toBe(400);
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'a', password: 'x'.repeat(2 * 1024 * 1024) }, ...from('10.0.0.6') });
    expect(big.statusCode).toBe(413);
    for (const res of [bad, big]) {
      expect(errorResponseSchema.safeParse(res.json()).success).toBe(true);
      expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SELECT|select /);
    }
  });
});

describe('behind a reverse proxy (XZ_TRUST_PROXY)', () => {
  it('limits and audits by the client address the trusted proxy forwards, not the proxy’s own', async () => {
    const t = await openTestContext('sqlite', { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '20', XZ_TRUST_PROXY: '10.9.9.9' } });
    try {
      const viaProxy = (client: string) => ({ remoteAddress: '10.9.9.9', headers: { 'x-forwarded-for': client } });
      for (let i = 0; i < 20; i++) await t.app.inject({ method: 'GET', url: '/api/v1/search/status', ...viaProxy('203.0.113.7') });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/status', ...viaProxy('203.0.113.7') })).statusCode).toBe(429);
      // another citizen behind the same proxy is not limited with the first
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/status', ...viaProxy('203.0.113.8') })).statusCode).toBe(200);
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'nobody', password: 'wrong-password' }, ...viaProxy('198.51.100.4') });
      const rows = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'ip']).where('action', '=', 'auth.login_failed').execute();
      expect(rows.map((r) => r.ip)).toContain('198.51.100.4');
      // an address that is not the trusted proxy cannot claim to forward for someone else
      for (let i = 0; i < 20; i++) await t.app.inject({ method: 'GET', url: '/api/v1/search/status', remoteAddress: '10.0.0.77', headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/status', remoteAddress: '10.0.0.77', headers: { 'x-forwarded-for': '198.51.100.99' } })).statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
