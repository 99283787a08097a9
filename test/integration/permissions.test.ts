/**
 * The permission matrix with real requests: every role (and the anonymous public) against
 * every protected action. Allowed → the action succeeds; denied → 403 FORBIDDEN for a
 * signed-in role, 401 UNAUTHORIZED for the public. The expectation is ROLE_PERMISSIONS itself,
 * so a change to the matrix that a route does not follow fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, systemActor, type Role } from '../../src/auth/actor.js';
import { ROLE_PERMISSIONS, type Permission } from '../../src/auth/policy.js';
import { buildFaq, uniqueId } from '../helpers/factories.js';
import { bearerFor, createDepartment, createUser, signIn } from '../helpers/auth.js';
import { errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

interface Action {
  name: string;
  permission: Permission;
  /** builds the request; may prepare rows first (e.g. a grant to revoke) */
  request(): Promise<{ method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object }>;
  /** the status an allowed request answers with */
  ok: number;
}

const ADMIN = systemActor('test');

describe.each(DIALECTS)('permission matrix (%s)', (dialect) => {
  let t: TestContext;
  let root: number;
  let section: number;
  let target: number;
  const headers = new Map<Role | 'anonymous', Record<string, string>>();
  const actions: Action[] = [];

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '100000' } });
    root = await createDepartment(t, '云州市青禾区人民政府', 'government');
    section = await createDepartment(t, '青禾区民政局', 'bureau', root);
    target = (await createUser(t, 'agent')).user.id;
    headers.set('anonymous', {});
    for (const role of ROLES) headers.set(role, (await bearerFor(t, role, { departmentId: root })).headers);
    const grant = () => ({ ownerDepartmentId: section, granteeDepartmentId: root, resource: 'kb.entry' as const, purpose: '联合办理', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    actions.push(
      { name: 'list users', permission: 'user.manage', ok: 200, request: async () => ({ method: 'GET', url: '/api/v1/users' }) },
      { name: 'create user', permission: 'user.manage', ok: 201, request: async () => ({ method: 'POST', url: '/api/v1/users', payload: { name: uniqueId('u'), role: 'agent', password: 'Qinghe-pass-123' } }) },
      { name: 'update user', permission: 'user.manage', ok: 200, request: async () => ({ method: 'PATCH', url: `/api/v1/users/${target}`, payload: { displayName: uniqueId('坐席') } }) },
      { name: 'unlock user', permission: 'user.manage', ok: 200, request: async () => ({ method: 'POST', url: `/api/v1/users/${target}/unlock` }) },
      { name: 'list roles', permission: 'directory.read', ok: 200, request: async () => ({ method: 'GET', url: '/api/v1/roles' }) },
      { name: 'list departments', permission: 'directory.read', ok: 200, request: async () => ({ method: 'GET', url: '/api/v1/departments' }) },
      { name: 'create department', permission: 'department.manage', ok: 201, request: async () => ({ method: 'POST', url: '/api/v1/departments', payload: { name: uniqueId('科室'), kind: 'section', parentId: section } }) },
      { name: 'update department', permission: 'department.manage', ok: 200, request: async () => ({ method: 'PATCH', url: `/api/v1/departments/${section}`, payload: { code: uniqueId('mz') } }) },
      { name: 'list grants', permission: 'grant.read', ok: 200, request: async () => ({ method: 'GET', url: '/api/v1/grants' }) },
      { name: 'create grant', permission: 'grant.manage', ok: 201, request: async () => ({ method: 'POST', url: '/api/v1/grants', payload: grant() }) },
      {
        name: 'revoke grant',
        permission: 'grant.manage',
        ok: 204,
        request: async () => ({ method: 'DELETE', url: `/api/v1/grants/${(await t.ctx.auth.grants.create(ADMIN, grant())).id}`, payload: { reason: '办理完毕' } }),
      },
      { name: 'list own tokens', permission: 'token.create_own', ok: 200, request: async () => ({ method: 'GET', url: '/api/v1/tokens' }) },
      { name: 'create own token', permission: 'token.create_own', ok: 201, request: async () => ({ method: 'POST', url: '/api/v1/tokens', payload: { label: 'matrix' } }) },
      { name: 'add synonym', permission: 'search.synonyms.write', ok: 201, request: async () => ({ method: 'POST', url: '/api/v1/search/synonyms', payload: { alias: uniqueId('说法'), canonical: '居民身份证' } }) },
      {
        name: 'delete synonym',
        permission: 'search.synonyms.write',
        ok: 204,
        request: async () => ({ method: 'DELETE', url: `/api/v1/search/synonyms/${(await t.ctx.search.addSynonym({ alias: uniqueId('口语'), canonical: '社会保障卡' })).id}` }),
      },
      {
        name: 'write entry',
        permission: 'kb.write',
        ok: 200,
        request: async () => {
          const faq = buildFaq({ department: '云州市青禾区人民政府' });
          return { method: 'PUT', url: `/api/v1/entries/${faq.id}`, payload: faq };
        },
      },
      { name: 'read audit trail', permission: 'audit.read', ok: 200, request: async () => ({ method: 'GET', url: '/api/v1/audit?limit=5' }) },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('allows exactly what ROLE_PERMISSIONS grants, to every role, and nothing to the public', async () => {
    const mismatches: string[] = [];
    for (const action of actions) {
      for (const who of ['anonymous', ...ROLES] as const) {
        const allowed = who !== 'anonymous' && ROLE_PERMISSIONS[who].includes(action.permission);
        const req = await action.request();
        const res = await t.app.inject({ ...req, headers: headers.get(who) });
        const expected = allowed ? action.ok : who === 'anonymous' ? 401 : 403;
        if (res.statusCode !== expected) mismatches.push(`${who} ${action.name}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (!allowed && res.statusCode === expected) {
          const err = errorResponseSchema.parse(res.json()).error;
          expect(err.code).toBe(who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('exercises both sides: each action is allowed to some role and denied to another, each role but admin is denied something', () => {
    for (const action of actions) {
      expect(ROLES.some((r) => ROLE_PERMISSIONS[r].includes(action.permission)), action.name).toBe(true);
      expect(ROLES.some((r) => !ROLE_PERMISSIONS[r].includes(action.permission)), action.name).toBe(true);
    }
    for (const role of ROLES.filter((r) => r !== 'admin')) expect(actions.some((a) => !ROLE_PERMISSIONS[role].includes(a.permission)), role).toBe(true);
  });

  it('the same decisions hold for a session cookie (with its CSRF token)', async () => {
    const editor = await createUser(t, 'knowledge-editor', { departmentId: root });
    const agent = await createUser(t, 'agent', { departmentId: root });
    for (const [u, allowed] of [
      [editor, true],
      [agent, false],
    ] as const) {
      const s = await signIn(t, u.user.name, u.password);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/search/synonyms', headers: s.headers, payload: { alias: uniqueId('办证'), canonical: '居民身份证' } });
      expect(res.statusCode, res.body).toBe(allowed ? 201 : 403);
      const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: s.cookie } });
      expect(users.statusCode).toBe(403);
    }
  });
});
