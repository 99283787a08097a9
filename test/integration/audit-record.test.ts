/** Appending to the audit trail: numbering, linking, transactions, append-only, concurrency. */
import { sql } from 'kysely';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemActor, type Actor } from '../../src/auth/actor.js';
import { packageRoot } from '../../src/config/env.js';
import { checkLink, GENESIS_HASH, recordHash } from '../../src/audit/audit-chain.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

async function waitForNoConnections(dbName: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const r = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [dbName]);
      if (r.rows[0].n === 0) return;
      await new Promise((res) => setTimeout(res, 50));
    }
  } finally {
    await admin.end();
  }
}

const clerk: Actor = { kind: 'user', userId: 'u-1', name: 'wangfang', role: 'handler', departmentId: 'd-1', via: 'session' };

async function allRows(t: TestContext) {
  return t.ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

/** The chain as the verifier sees it, checked here independently of AuditService.verify. */
function expectIntactChain(rows: Awaited<ReturnType<typeof allRows>>) {
  let prev = GENESIS_HASH;
  rows.forEach((row, i) => {
    expect(checkLink(row, i + 1, prev)).toBeNull();
    prev = row.hash;
  });
}

describe.each(DIALECTS)('audit record (%s)', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('numbers records 1, 2, 3 … and links each to the previous hash, starting from 64 zeros', async () => {
    const a = await t.ctx.audit.record({ actor: systemActor('cli'), action: 'user.create', entityType: 'user', entityId: 'u-1', after: { name: 'wangfang', role: 'handler' } });
    const b = await t.ctx.audit.record({
      actor: clerk,
      action: 'ai.answer',
      ai: { question: '身份证丢了怎么办', answer: '可申请补领。', citations: [{ docId: 'item-1', version: 2 }], producer: 'rules:faq', producerVersion: '1' },
      ip: '10.1.2.3',
    });
    expect([a.seq, b.seq]).toEqual([1, 2]);
    const rows = await allRows(t);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(a.hash);
    expect(rows[1]!.hash).toBe(b.hash);
    expect(recordHash(rows[1]!)).toBe(b.hash);
    expect(rows[1]).toMatchObject({ actor_kind: 'user', actor_user_id: 'u-1', actor_name: 'wangfang', actor_role: 'handler', actor_department_id: 'd-1', action: 'ai.answer', ip: '10.1.2.3' });
    expect(JSON.parse(rows[1]!.ai!)).toMatchObject({ question: '身份证丢了怎么办', citations: [{ docId: 'item-1', version: 2 }] });
    // JSON is stored canonically: sorted keys, no whitespace
    expect(rows[0]!.after).toBe('{"name":"wangfang","role":"handler"}');
    expect(rows[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('commits and rolls back with the caller’s transaction, leaving no gap in the numbers', async () => {
    const before = (await allRows(t)).length;
    await expect(
      t.ctx.database.db.transaction().execute(async (trx) => {
        await t.ctx.audit.record({ actor: clerk, action: 'grant.create', entityType: 'grant', entityId: 'g-1', reason: '联合办理' }, trx);
        throw new Error('the change itself failed');
      }),
    ).rejects.toThrow('the change itself failed');
    expect(await allRows(t)).toHaveLength(before);

    const r = await t.ctx.database.db.transaction().execute((trx) => t.ctx.audit.record({ actor: clerk, action: 'grant.create', entityId: 'g-2' }, trx));
    expect(r.seq).toBe(before + 1);
    expectIntactChain(await allRows(t));
  });

  it('rejects a malformed record naming the field, and writes nothing', async () => {
    const before = (await allRows(t)).length;
    await expect(t.ctx.audit.record({ actor: clerk, action: 'User Create!' })).rejects.toThrow(/action/);
    expect(await allRows(t)).toHaveLength(before);
  });

  it('refuses UPDATE and DELETE on audit_log at the database level', async () => {
    const db = t.ctx.database.db;
    await expect(db.updateTable('audit_log').set({ reason: '改过' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await allRows(t))[0]!.reason).toBeNull();
  });
});

describe('audit record: two app contexts on one PostgreSQL database', () => {
  let database: TestDatabase;
  let a: TestContext;
  let b: TestContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await openTestContext('postgres', { searchIndex: false, databaseUrl: database.url });
    b = await openTestContext('postgres', { searchIndex: false, databaseUrl: database.url });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    // pg's pool.end() resolves before its sockets have closed; dropping the database WITH
    // (FORCE) at that moment kills them and their clients throw. Wait until they are gone.
    await waitForNoConnections(database.name);
    await database?.drop();
  });

  it('appending 2×50 records at once leaves one gapless, intact chain', async () => {
    const write = (t: TestContext, who: string) =>
      Promise.all(Array.from({ length: 50 }, (_, i) => t.ctx.audit.record({ actor: { ...clerk, name: who }, action: 'test.append', entityId: `${who}-${i}` })));
    const [fromA, fromB] = await Promise.all([write(a, 'a'), write(b, 'b')]);
    const seqs = [...fromA, ...fromB].map((r) => r.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const rows = await allRows(a);
    expect(rows).toHaveLength(100);
    expectIntactChain(rows);
    // both contexts really interleaved: the writers' records are mixed along the chain
    const firstB = rows.findIndex((r) => r.actor_name === 'b');
    expect(rows.slice(firstB).some((r) => r.actor_name === 'a')).toBe(true);
  });
});

describe('audit record: two processes on one SQLite file', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext('sqlite', { searchIndex: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('appending 2×300 records at once leaves one gapless, intact chain', { timeout: 180_000 }, async () => {
    const script = `
      const { openDatabase } = await import(${JSON.stringify(path.join(packageRoot(), 'src/db/database.ts'))});
      const { AuditService } = await import(${JSON.stringify(path.join(packageRoot(), 'src/audit/audit.service.ts'))});
      const fs = await import('node:fs');
      const database = await openDatabase({ dataDir: process.env.XZ_DATA_DIR });
      const audit = new AuditService(database.db, database.dialect);
      // start together: each says it is ready and waits for the other
      const dir = process.env.XZ_DATA_DIR;
      fs.writeFileSync(dir + '/ready-' + process.argv[1], '');
      while (!['p1', 'p2'].every((p) => fs.existsSync(dir + '/ready-' + p))) await new Promise((r) => setTimeout(r, 5));
      for (let i = 0; i < 300; i++) {
        await audit.record({ actor: { kind: 'system', userId: null, name: process.argv[1], role: 'admin', departmentId: null, via: 'cli' }, action: 'test.append', entityId: String(i) });
        // a pause like a real server's between requests, so the two writers overlap even when
        // one process starts late on a busy machine
        await new Promise((r) => setTimeout(r, 1 + Math.random() * 2));
      }
      await database.close();`;
    const run = (who: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, who], { env: { ...process.env, XZ_DATA_DIR: t.dataDir } });
    await Promise.all([run('p1'), run('p2')]);
    const rows = await allRows(t);
    expect(rows).toHaveLength(600);
    expectIntactChain(rows);
    // the processes really overlapped: their records alternate somewhere along the chain
    const switches = rows.filter((r, i) => i > 0 && r.actor_name !== rows[i - 1]!.actor_name).length;
    expect(switches).toBeGreaterThan(1);
  });
});
