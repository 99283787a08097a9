/**
 * `xiaozheng user create|list` and `token create` as an operator runs them, against the same
 * database the server uses: the token is the last line of output and works as a Bearer
 * token; bad input exits non-zero with a message naming the problem; actions are audited as
 * system:cli.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meSchema } from '../../src/auth/auth.schema.js';
import { ROLES } from '../../src/auth/actor.js';
import { packageRoot } from '../../src/config/env.js';
import { createDepartment, signIn } from '../helpers/auth.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

describe.each(DIALECTS)('user and token CLI (%s)', (dialect) => {
  let t: TestContext;
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), ...args], {
      env: { ...process.env, XZ_DATA_DIR: t.dataDir, XZ_LOG_LEVEL: 'silent', ...(t.databaseUrl ? { XZ_DATABASE_URL: t.databaseUrl } : {}) },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    const gov = await createDepartment(t, '云州市青禾区人民政府', 'government');
    await t.ctx.auth.departments.create({ kind: 'system', userId: null, name: 'system:test', role: 'admin', departmentId: null, via: 'cli' }, { name: '青禾区人力资源和社会保障局', kind: 'bureau', parentId: gov, code: 'qh-rs' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a user with a generated one-time password, and a token printed as the last line that works as Bearer', async () => {
    const created = cli('user', 'create', '--name', 'qh-rs-editor', '--role', 'knowledge-editor', '--department', 'qh-rs', '--display-name', '王编辑');
    expect(created.code, created.stderr).toBe(0);
    const password = created.stdout.trim().split('\n').at(-1)!;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    const s = await signIn(t, 'qh-rs-editor', password);
    expect(s.user).toMatchObject({ displayName: '王编辑', departmentName: '青禾区人力资源和社会保障局', mustChangePassword: true });

    const tok = cli('token', 'create', '--user', 'qh-rs-editor', '--label', 'ci import', '--days', '30');
    expect(tok.code, tok.stderr).toBe(0);
    const lines = tok.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    const token = lines.at(-1)!;
    expect(token).toMatch(/^xz_[A-Za-z0-9_-]{43}$/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode, me.body).toBe(200);
    expect(meSchema.parse(me.json()).user.name).toBe('qh-rs-editor');

    const list = cli('user', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/qh-rs-editor\tknowledge-editor\t青禾区人力资源和社会保障局/);

    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).where('actor_name', '=', 'system:cli').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'token.create']));
    const text = JSON.stringify(audit);
    expect(text).not.toContain(password);
    expect(text).not.toContain(token);
  }, 60_000);

  it('takes --password, and refuses a bad role, an unknown department or a short password with exit code 1', () => {
    const ok = cli('user', 'create', '--name', 'qh-auditor', '--role', 'auditor', '--password', 'Auditor-pass-2026');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).not.toContain('Auditor-pass-2026');

    const badRole = cli('user', 'create', '--name', 'qh-boss', '--role', 'boss');
    expect(badRole.code).toBe(1);
    for (const role of ROLES) expect(badRole.stderr).toContain(role);
    expect(badRole.stderr).toContain('--role');

    const badDept = cli('user', 'create', '--name', 'qh-x', '--role', 'handler', '--department', '不存在的局');
    expect(badDept.code).toBe(1);
    expect(badDept.stderr).toContain('不存在的局');

    const shortPw = cli('user', 'create', '--name', 'qh-y', '--role', 'handler', '--password', 'short');
    expect(shortPw.code).toBe(1);
    expect(shortPw.stderr).toContain('--password');

    const dup = cli('user', 'create', '--name', 'qh-auditor', '--role', 'auditor');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('用户名已存在');

    const noUser = cli('token', 'create', '--user', 'nobody-here');
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toContain('nobody-here');
  }, 60_000);
});
