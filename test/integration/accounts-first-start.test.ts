/**
 * First start: an empty database gets the administrator (generated one-time password shown
 * once, or XZ_ADMIN_PASSWORD) and, with demo data, the demo department tree that the demo
 * knowledge base's departments belong to. A second start changes nothing. `serve` itself
 * prints the password on its console.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstStartLines, prepareAccounts } from '../../src/auth/first-start.js';
import { packageRoot } from '../../src/config/env.js';
import { signIn } from '../helpers/auth.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const DEMO_DIR = path.join(packageRoot(), 'data', 'demo');

/** Every `department` named by the demo service items and FAQs. */
function demoDepartments(): Set<string> {
  const names = new Set<string>();
  for (const file of ['items.jsonl', 'faqs.jsonl']) {
    for (const line of fs.readFileSync(path.join(DEMO_DIR, file), 'utf8').split('\n')) {
      if (line.trim()) names.add((JSON.parse(line) as { department: string }).department);
    }
  }
  return names;
}

describe.each(DIALECTS)('first start (%s)', (dialect) => {
  const opened: TestContext[] = [];
  afterAll(async () => {
    for (const t of opened) await t.close();
  });

  it('creates admin with a one-time password and the demo department tree, once', async () => {
    const t = await openTestContext(dialect, { searchIndex: false, env: { XZ_DEMO_DATA: 'true', XZ_DEMO_DIR: DEMO_DIR } });
    opened.push(t);
    const report = await prepareAccounts(t.ctx.auth, t.ctx.env);
    expect(report.admin?.name).toBe('admin');
    const password = report.admin!.generatedPassword!;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(firstStartLines(report).join('\n')).toContain(password);

    const s = await signIn(t, 'admin', password);
    expect(s.user).toMatchObject({ role: 'admin', mustChangePassword: true });

    const depts = await t.ctx.auth.departments.all();
    const names = new Set(depts.map((d) => d.name));
    expect(report.departments).toBe(depts.length);
    for (const name of demoDepartments()) expect(names, name).toContain(name);
    const root = depts.find((d) => d.parentId === null)!;
    expect(root).toMatchObject({ name: '云州市青禾区人民政府', kind: 'government' });
    expect(depts.find((d) => d.name === '青禾区12345政务服务便民热线中心')).toMatchObject({ kind: 'center', parentId: root.id });
    expect(depts.some((d) => d.kind === 'section')).toBe(true);

    const again = await prepareAccounts(t.ctx.auth, t.ctx.env);
    expect(again).toEqual({ departments: 0, admin: null });
  });

  it('takes the administrator password from XZ_ADMIN_PASSWORD and creates no departments without demo data', async () => {
    const t = await openTestContext(dialect, { searchIndex: false, env: { XZ_ADMIN_PASSWORD: 'Configured-admin-pw' } });
    opened.push(t);
    const report = await prepareAccounts(t.ctx.auth, t.ctx.env);
    expect(report).toEqual({ departments: 0, admin: { name: 'admin', generatedPassword: null } });
    expect(firstStartLines(report).join('\n')).not.toContain('Configured-admin-pw');
    const s = await signIn(t, 'admin', 'Configured-admin-pw');
    expect(s.user.mustChangePassword).toBe(false);
  });
});

describe('serve on a fresh data directory', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-first-start-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints the generated admin password on the console before it starts serving', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, XZ_DATA_DIR: dataDir, XZ_LOG_LEVEL: 'silent', XZ_DEMO_DATA: 'true', XZ_DEMO_DIR: DEMO_DIR, XZ_ADMIN_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 50_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('Xiaozheng is serving')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}\n${err}`)));
      });
    } finally {
      // wait for it to exit: it may still be writing into the data dir that afterAll removes
      const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(out).toMatch(/Created demo department tree: \d+ departments/);
    expect(out).toMatch(/Created administrator "admin" with a one-time password[^\n]*\n {2}[A-Za-z0-9]{16}\n/);
  }, 60_000);
});
