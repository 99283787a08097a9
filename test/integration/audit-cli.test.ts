/** `xiaozheng audit verify | anchor | export` run as a real process against both engines. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.js';
import { packageRoot } from '../../src/config/env.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const agent: Actor = { kind: 'user', userId: 'u-3', name: 'zhaolei', role: 'agent', departmentId: 'd-12345', via: 'session' };

// each run starts a Node process with tsx: seconds apiece on a busy machine
describe.each(DIALECTS)('xiaozheng audit CLI (%s)', { timeout: 180_000 }, (dialect) => {
  let t: TestContext;

  function xiaozheng(...args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src/cli/main.ts'), ...args], {
      env: {
        ...process.env,
        XZ_DATA_DIR: t.dataDir,
        XZ_DEMO_DATA: 'false',
        XZ_LOG_LEVEL: 'silent',
        ...(t.databaseUrl ? { XZ_DATABASE_URL: t.databaseUrl } : {}),
      },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    for (let i = 1; i <= 5; i++) {
      await t.ctx.audit.record({ actor: agent, action: 'hotline.order.create', entityType: 'order', entityId: `o-${i}`, after: { callerName: '张三', phone: '13812345678', content: `第 ${i} 件：住在人民路8号3栋` }, ip: '203.0.113.9' });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('anchor prints the head; verify exits 0 with count and head, and accepts that anchor', () => {
    const anchor = xiaozheng('audit', 'anchor');
    expect(anchor.code).toBe(0);
    expect(anchor.stdout.trim()).toMatch(/^seq=5 sha256=[0-9a-f]{64}$/);
    const hash = anchor.stdout.trim().split('sha256=')[1]!;

    const ok = xiaozheng('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('审计链完整');
    expect(ok.stdout).toContain('已校验 5 条');
    expect(ok.stdout).toContain(`seq=5 sha256=${hash}`);

    expect(xiaozheng('audit', 'verify', '--anchor', `5:${hash}`).code).toBe(0);
    const wrong = xiaozheng('audit', 'verify', '--anchor', `5:${'0'.repeat(64)}`);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('seq=5（anchor_mismatch）');
    const bad = xiaozheng('audit', 'verify', '--anchor', 'seq5');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--anchor');
  });

  it('export writes masked JSONL to a file and is itself recorded', () => {
    const out = path.join(t.dataDir, 'audit.jsonl');
    const r = xiaozheng('audit', 'export', '--out', out, '--action', 'hotline.order.create', '--from', '2020-01-01');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('已导出 5 条记录');
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; after: Record<string, string>; ip: string });
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(lines[0]!.after).toEqual({ callerName: '张*', phone: '138****5678', content: '第 1 件：住在人民路***' });
    expect(lines[0]!.ip).toBe('203.0.*.*');

    const json = xiaozheng('audit', 'verify', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, count: 6 });
    expect(xiaozheng('audit', 'export', '--to', '2026-02-30').stderr).toContain('--to：日期无效');
  });

  it('verify exits 2 naming the first bad record when the database was altered', async () => {
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(t.ctx.database.db);
    else await sql`drop trigger audit_log_no_update`.execute(t.ctx.database.db);
    await t.ctx.database.db.updateTable('audit_log').set({ ip: '198.51.100.1' }).where('seq', '=', 3).execute();
    const r = xiaozheng('audit', 'verify');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('审计链被破坏：第一条问题记录 seq=3（hash_mismatch）');
    expect(r.stderr).toContain('篡改');
  });
});
