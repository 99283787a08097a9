/**
 * Accounts for integration tests: create a user of a role, sign in with a session cookie, or
 * get a bearer token — through the same services and routes a real client uses.
 */
import { expect } from 'vitest';
import { systemActor, type Role } from '../../src/auth/actor.js';
import { sessionViewSchema, type UserView } from '../../src/auth/auth.schema.js';
import { uniqueId } from './factories.js';
import type { TestContext } from './test-context.js';

const SETUP = systemActor('test');
export const TEST_PASSWORD = 'Qinghe-test-2026';

export interface TestUser {
  user: UserView;
  password: string;
}

export async function createUser(t: TestContext, role: Role, opts: { departmentId?: number | null; name?: string; password?: string } = {}): Promise<TestUser> {
  const password = opts.password ?? TEST_PASSWORD;
  const user = await t.ctx.auth.users.create(SETUP, {
    name: opts.name ?? uniqueId(role).replace(/[^\w.-]/g, '_'),
    role,
    departmentId: opts.departmentId ?? null,
    password,
    mustChangePassword: false,
  });
  return { user, password };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  user: UserView;
  /** headers for a state-changing request: the cookie and the CSRF token */
  headers: Record<string, string>;
}

export async function signIn(t: TestContext, name: string, password: string): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const body = sessionViewSchema.parse(res.json());
  const c = res.cookies.find((x) => x.name === 'xz_session');
  expect(c?.value).toBeTruthy();
  const cookie = `xz_session=${c!.value}`;
  return { cookie, csrfToken: body.csrfToken, user: body.user, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

/** A bearer token for the user, issued as the CLI would. */
export async function bearerToken(t: TestContext, userId: number): Promise<string> {
  return (await t.ctx.auth.tokens.create(SETUP, { userId, label: 'test' })).token;
}

export async function bearerFor(t: TestContext, role: Role, opts: { departmentId?: number | null } = {}): Promise<{ user: UserView; headers: Record<string, string> }> {
  const u = await createUser(t, role, opts);
  return { user: u.user, headers: { authorization: `Bearer ${await bearerToken(t, u.user.id)}` } };
}

/** Departments by name, created through the service: a small tree for isolation tests. */
export async function createDepartment(t: TestContext, name: string, kind: 'government' | 'bureau' | 'section' | 'center', parentId: number | null = null): Promise<number> {
  return (await t.ctx.auth.departments.create(SETUP, { name, kind, parentId, code: null })).id;
}
