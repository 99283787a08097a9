/**
 * Signing in as a user would: cookie flags, CSRF on cookie-authenticated changes, the same
 * answer for unknown names and wrong passwords, lockout and its end, session expiry, API
 * tokens, password change, and what the audit trail records (never a password or token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meSchema, sessionViewSchema, tokenSchema, userSchema, createdTokenSchema, listOf } from '../../src/auth/auth.schema.js';
import { createUser, signIn, TEST_PASSWORD } from '../helpers/auth.js';
import { errorResponseSchema, HAN } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

describe.each(DIALECTS)('accounts (%s)', (dialect) => {
  let t: TestContext;
  const realNow = () => new Date();
  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_SESSION_HOURS: '2', XZ_RATE_LIMIT_PER_MIN: '100000' } });
  });
  afterAll(async () => {
    await t?.close();
  });
  const at = (ms: number) => {
    const fixed = new Date(Date.now() + ms);
    t.ctx.auth.clock.now = () => fixed;
  };
  const resetClock = () => {
    t.ctx.auth.clock.now = realNow;
  };
  const login = (name: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });

  it('signs in with an HttpOnly SameSite=Strict cookie and answers /auth/me with the CSRF token and permissions', async () => {
    const { user, password } = await createUser(t, 'knowledge-editor');
    const res = await login(user.name, password);
    expect(res.statusCode, res.body).toBe(200);
    const body = sessionViewSchema.parse(res.json());
    expect(body.user).toMatchObject({ name: user.name, role: 'knowledge-editor', roleLabel: '知识库编辑' });
    const cookie = res.cookies.find((c) => c.name === 'xz_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(res.body).not.toContain(cookie.value);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `xz_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    const m = meSchema.parse(me.json());
    expect(m.csrfToken).toBe(body.csrfToken);
    expect(m.permissions).toContain('kb.write');
    expect(m.permissions).not.toContain('user.manage');
  });

  it('gives the same 401 message for an unknown name and a wrong password', async () => {
    const { user } = await createUser(t, 'agent');
    const unknown = await login('no-such-person', 'whatever-password');
    const wrong = await login(user.name, 'wrong-password-123');
    for (const res of [unknown, wrong]) {
      expect(res.statusCode).toBe(401);
      expect(errorResponseSchema.parse(res.json()).error).toMatchObject({ code: 'UNAUTHORIZED', message: '用户名或密码错误' });
    }
    expect(await login('', '')).toMatchObject({ statusCode: 400 });
  });

  it('refuses a cookie-authenticated change without the CSRF header (403), accepts it with the header, and never asks a bearer token for one', async () => {
    const admin = await createUser(t, 'admin');
    const s = await signIn(t, admin.user.name, admin.password);
    const payload = { label: 'csrf test' };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(errorResponseSchema.parse(without.json()).error.code).toBe('CSRF_FAILED');
    const forged = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) }, payload });
    expect(forged.statusCode).toBe(403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.headers, payload });
    expect(ok.statusCode, ok.body).toBe(201);
    const token = createdTokenSchema.parse(ok.json()).token;
    expect(token).toMatch(/^xz_/);
    const viaBearer = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` }, payload: { label: 'from a script' } });
    expect(viaBearer.statusCode, viaBearer.body).toBe(201);
    const list = listOf(tokenSchema).parse((await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { authorization: `Bearer ${token}` } })).json());
    expect(list.items.map((x) => x.label)).toEqual(expect.arrayContaining(['csrf test', 'from a script']));
    expect(JSON.stringify(list)).not.toContain(token);
  });

  it('rejects a revoked or unknown bearer token with 401', async () => {
    const { user } = await createUser(t, 'drafter');
    const s = await signIn(t, user.name, TEST_PASSWORD);
    const created = createdTokenSchema.parse((await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.headers, payload: { label: 'short-lived' } })).json());
    const auth = { authorization: `Bearer ${created.token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: s.headers })).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(errorResponseSchema.parse(after.json()).error.message).toMatch(HAN);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/search/status', headers: { authorization: 'Bearer xz_madeup' } })).statusCode).toBe(401);
  });

  it('locks the account after 5 wrong passwords in 15 minutes (423 even with the right password), and lets it in after the lock', async () => {
    const { user, password } = await createUser(t, 'handler');
    try {
      at(0);
      for (let i = 0; i < 4; i++) expect((await login(user.name, `wrong-${i}-password`)).statusCode).toBe(401);
      const fifth = await login(user.name, 'wrong-5-password');
      expect(fifth.statusCode).toBe(423);
      expect(errorResponseSchema.parse(fifth.json()).error).toMatchObject({ code: 'ACCOUNT_LOCKED', message: '账号已锁定，请 15 分钟后再试' });
      at(5 * 60_000);
      const right = await login(user.name, password);
      expect(right.statusCode).toBe(423);
      expect(errorResponseSchema.parse(right.json()).error.message).toBe('账号已锁定，请 10 分钟后再试');
      at(15 * 60_000 + 1000);
      expect((await login(user.name, password)).statusCode).toBe(200);
    } finally {
      resetClock();
    }
  });

  it('counts failures per account: four wrong, then the right one, starts the count again', async () => {
    const { user, password } = await createUser(t, 'reviewer');
    for (let i = 0; i < 4; i++) expect((await login(user.name, `wrong-${i}-password`)).statusCode).toBe(401);
    expect((await login(user.name, password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(user.name, `wrong-${i}-password`)).statusCode).toBe(401);
    expect((await login(user.name, password)).statusCode).toBe(200);
  });

  it('an administrator unlocks a locked account', async () => {
    const { user, password } = await createUser(t, 'handler');
    for (let i = 0; i < 5; i++) await login(user.name, `wrong-${i}-password`);
    expect((await login(user.name, password)).statusCode).toBe(423);
    const admin = await createUser(t, 'admin');
    const s = await signIn(t, admin.user.name, admin.password);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/unlock`, headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(userSchema.parse(res.json()).lockedUntil).toBeNull();
    expect((await login(user.name, password)).statusCode).toBe(200);
  });

  it('ends a session after XZ_SESSION_HOURS and at logout', async () => {
    const { user, password } = await createUser(t, 'auditor');
    const s = await signIn(t, user.name, password);
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } });
    try {
      at(2 * 3600_000 - 60_000);
      expect((await me()).statusCode).toBe(200);
      at(2 * 3600_000 + 60_000);
      expect((await me()).statusCode).toBe(401);
    } finally {
      resetClock();
    }
    const s2 = await signIn(t, user.name, password);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s2.headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'xz_session')?.value).toBe('');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s2.cookie } })).statusCode).toBe(401);
  });

  it('changes the own password: the old one stops working, must-change is cleared', async () => {
    const admin = await createUser(t, 'admin');
    const as = await signIn(t, admin.user.name, admin.password);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: as.headers, payload: { name: 'qh-new-agent', role: 'agent', password: 'Initial-pass-1' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(userSchema.parse(created.json()).mustChangePassword).toBe(true);
    const s = await signIn(t, 'qh-new-agent', 'Initial-pass-1');
    expect(s.user.mustChangePassword).toBe(true);
    // until the one-time password is replaced, the session can do nothing else
    const blocked = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.headers, payload: { label: 'too early' } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toContain('修改初始密码');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: s.headers, payload: { currentPassword: 'nope-nope-nope', newPassword: 'Brand-new-pass-2' } });
    expect(wrong.statusCode).toBe(400);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: s.headers, payload: { currentPassword: 'Initial-pass-1', newPassword: 'Brand-new-pass-2' } });
    expect(res.statusCode, res.body).toBe(204);
    expect((await login('qh-new-agent', 'Initial-pass-1')).statusCode).toBe(401);
    const again = await signIn(t, 'qh-new-agent', 'Brand-new-pass-2');
    expect(again.user.mustChangePassword).toBe(false);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: again.headers, payload: { label: 'now' } })).statusCode).toBe(201);
  });

  it('records sign-ins, failures, lockouts and token changes in the audit trail without passwords or token values', async () => {
    const { user, password } = await createUser(t, 'drafter');
    await login(user.name, 'definitely-wrong-1');
    const s = await signIn(t, user.name, password);
    const tok = createdTokenSchema.parse((await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: s.headers, payload: { label: 'audit check' } })).json());
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    const rows = await t.ctx.database.db.selectFrom('audit_log').selectAll().execute();
    const text = JSON.stringify(rows);
    const mine = rows.filter((r) => (r.entity_type === 'user' && r.entity_id === String(user.id)) || (r.entity_type === 'api_token' && r.entity_id === String(tok.id)));
    const actions = mine.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'auth.login_failed', 'auth.login', 'token.create', 'auth.logout']));
    expect(text).not.toContain(password);
    expect(text).not.toContain('definitely-wrong-1');
    expect(text).not.toContain(tok.token);
  });
});
