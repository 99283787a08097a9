/** What `serve` does on a first start for accounts: the demo department tree and the first administrator. */
import path from 'node:path';
import type { Env } from '../config/env.js';
import { systemActor } from './actor.js';
import type { AuthServices } from './auth.module.js';

export interface FirstStartReport {
  departments: number;
  /** set when the administrator was created now */
  admin: { name: string; generatedPassword: string | null } | null;
}

export async function prepareAccounts(auth: AuthServices, env: Env): Promise<FirstStartReport> {
  const actor = systemActor('serve');
  const departments = env.loadDemoData ? await auth.departments.seedDemoTree(actor, path.join(env.demoDir, 'departments.json')) : 0;
  const created = await auth.users.ensureFirstAdmin(actor, env.adminPassword);
  return { departments, admin: created && { name: created.user.name, generatedPassword: created.generatedPassword } };
}

/** The console lines a first start prints; a generated password appears here and nowhere else. */
export function firstStartLines(r: FirstStartReport): string[] {
  const lines: string[] = [];
  if (r.departments) lines.push(`Created demo department tree: ${r.departments} departments`);
  if (r.admin?.generatedPassword) {
    lines.push(
      `Created administrator "${r.admin.name}" with a one-time password (shown only now; change it at first sign-in):`,
      `  ${r.admin.generatedPassword}`,
    );
  } else if (r.admin) {
    lines.push(`Created administrator "${r.admin.name}" with the password from XZ_ADMIN_PASSWORD`);
  }
  return lines;
}
