/** Staff accounts for the browser tests: the first administrator and accounts made directly. */
import type { Page } from 'playwright-core';
import { systemActor, type Role } from '../../../src/auth/actor.js';
import type { TestServer } from './server.js';

/** The first administrator, created on the server's first start from XZ_ADMIN_PASSWORD (server.ts). */
export const ADMIN = { name: 'admin', password: 'e2e-Admin-Passw0rd!' } as const;

/** An account as an administrator would have made it, without going through the UI. */
export async function createAccount(server: TestServer, input: { name: string; password: string; role: Role; displayName?: string; department?: string }) {
  const departments = await server.ctx.auth.departments.list(systemActor('e2e'));
  const departmentId = input.department === undefined ? null : departments.find((d) => d.name === input.department)?.id;
  if (departmentId === undefined) throw new Error(`no department named ${input.department}`);
  return server.ctx.auth.users.create(systemActor('e2e'), { name: input.name, displayName: input.displayName, role: input.role, departmentId, password: input.password, mustChangePassword: false });
}

/** Signs in through the login page and waits until the staff area (or the forced password change) shows. */
export async function signIn(page: Page, url: string, name: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
