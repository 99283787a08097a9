/**
 * Tampering with the audit trail directly in the database, as someone with database access
 * would: each kind of damage makes verify fail at the damaged record. The attacker first
 * disables the append-only triggers, as a database owner can.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordHash, type AuditRow } from '../../src/audit/audit-chain.js';
import type { Actor } from '../../src/auth/actor.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const reviewer: Actor = { kind: 'user', userId: 'u-7', name: 'lina', role: 'reviewer', departmentId: 'd-2', via: 'session' };
const N = 10;

describe.each(DIALECTS)('audit verify against tampering (%s)', (dialect) => {
  let t: TestContext;
  const db = () => t.ctx.database.db;

  async function disableTriggers() {
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(db());
    else {
      await sql`drop trigger if exists audit_log_no_update`.execute(db());
      await sql`drop trigger if exists audit_log_no_delete`.execute(db());
    }
  }
  async function rows(): Promise<AuditRow[]> {
    return db().selectFrom('audit_log').selectAll().orderBy('seq').execute();
  }
  async function overwrite(seq: number, row: AuditRow) {
    await db().updateTable('audit_log').set(row).where('seq', '=', seq).execute();
  }
  /** What a careful attacker does after a change: recompute every hash from `seq` on. */
  async function rehashFrom(seq: number) {
    const all = await rows();
    let prev = all.find((r) => r.seq === seq - 1)?.hash ?? '0'.repeat(64);
    for (const r of all.filter((x) => x.seq >= seq)) {
      const next = { ...r, prev_hash: prev };
      next.hash = recordHash(next);
      await overwrite(r.seq, next);
      prev = next.hash;
    }
  }

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    await disableTriggers();
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await db().deleteFrom('audit_log').execute();
    for (let i = 1; i <= N; i++) {
      await t.ctx.audit.record({ actor: reviewer, action: 'prereview.decide', entityType: 'application', entityId: `app-${i}`, before: { status: 'pending' }, after: { status: i % 2 ? 'approved' : 'returned' }, reason: `第 ${i} 件` });
    }
  });

  it('an intact chain verifies, with its count and head', async () => {
    const head = (await rows()).at(-1)!;
    expect(await t.ctx.audit.verify()).toEqual({ ok: true, count: N, head: { seq: N, hash: head.hash } });
    expect(await t.ctx.audit.verify({ anchor: { seq: N, hash: head.hash } })).toMatchObject({ ok: true, count: N });
    expect(await t.ctx.audit.verify({ fromSeq: 6 })).toMatchObject({ ok: true, count: N - 5 });
    const progress: number[] = [];
    expect(await t.ctx.audit.verify({ batchSize: 3, onProgress: (n) => progress.push(n) })).toEqual({ ok: true, count: N, head: { seq: N, hash: head.hash } });
    expect(progress).toEqual([3, 6, 9, 10]);
  });

  it('altered field → hash mismatch at that record; altered and rehashed → broken link at the next', async () => {
    const r4 = (await rows())[3]!;
    await overwrite(4, { ...r4, after: '{"status":"approved"}' });
    expect((await t.ctx.audit.verify()).firstBad).toMatchObject({ seq: 4, problem: 'hash_mismatch' });

    await overwrite(4, { ...r4, after: '{"status":"approved"}', hash: recordHash({ ...r4, after: '{"status":"approved"}' }) });
    const r = await t.ctx.audit.verify();
    expect(r).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, problem: 'prev_hash_mismatch' } });
  });

  it('deleted middle record → seq gap at the deleted number', async () => {
    await db().deleteFrom('audit_log').where('seq', '=', 5).execute();
    const r = await t.ctx.audit.verify();
    expect(r).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, problem: 'seq_gap' } });
    expect(r.firstBad!.message).toContain('删除');
    // the same when the walk reads small batches and the gap falls between two of them
    expect(await t.ctx.audit.verify({ batchSize: 4 })).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, problem: 'seq_gap' } });
    expect(await t.ctx.audit.verify({ batchSize: 3 })).toMatchObject({ ok: false, count: 4, firstBad: { seq: 5, problem: 'seq_gap' } });
  });

  it('two records swapped (reordered) → fails at the first of them, also when their hashes are recomputed', async () => {
    const [r5, r6] = (await rows()).slice(4, 6) as [AuditRow, AuditRow];
    await overwrite(5, { ...r6, seq: 5 });
    await overwrite(6, { ...r5, seq: 6 });
    expect((await t.ctx.audit.verify()).firstBad).toMatchObject({ seq: 5, problem: 'hash_mismatch' });

    const moved6 = { ...r6, seq: 5 };
    const moved5 = { ...r5, seq: 6 };
    await overwrite(5, { ...moved6, hash: recordHash(moved6) });
    await overwrite(6, { ...moved5, hash: recordHash(moved5) });
    expect((await t.ctx.audit.verify()).firstBad).toMatchObject({ seq: 5, problem: 'prev_hash_mismatch' });
  });

  it('forged record inserted → fails at the forgery; a forgery linked correctly is betrayed by the record after it', async () => {
    for (let s = N; s >= 6; s--) await db().updateTable('audit_log').set({ seq: s + 1 }).where('seq', '=', s).execute();
    const r5 = (await rows())[4]!;
    const forged = { ...r5, seq: 6, entity_id: 'app-forged', reason: '补录', prev_hash: r5.hash };
    await db().insertInto('audit_log').values({ ...forged, hash: r5.hash }).execute();
    expect((await t.ctx.audit.verify()).firstBad).toMatchObject({ seq: 6, problem: 'hash_mismatch' });

    await overwrite(6, { ...forged, hash: recordHash(forged) });
    // record 6 is now self-consistent; the original 6, moved to 7, no longer fits its number
    expect((await t.ctx.audit.verify()).firstBad).toMatchObject({ seq: 7, problem: 'hash_mismatch' });
    // and if the attacker rehashes that one too, its link still points to the original 6
    const moved = (await rows())[6]!;
    await overwrite(7, { ...moved, hash: recordHash(moved) });
    expect((await t.ctx.audit.verify()).firstBad).toMatchObject({ seq: 7, problem: 'prev_hash_mismatch' });
  });

  it('truncated tail → undetectable from the chain alone, caught by a published anchor', async () => {
    const anchor = await t.ctx.audit.anchor();
    expect(anchor).toMatchObject({ seq: N });
    await db().deleteFrom('audit_log').where('seq', '>', 7).execute();
    expect(await t.ctx.audit.verify()).toMatchObject({ ok: true, count: 7 });
    const r = await t.ctx.audit.verify({ anchor: { seq: anchor!.seq, hash: anchor!.hash } });
    expect(r).toMatchObject({ ok: false, count: 7, firstBad: { seq: 8, problem: 'truncated' } });
    expect(await t.ctx.audit.verify({ fromSeq: 9, anchor: { seq: anchor!.seq, hash: anchor!.hash } })).toMatchObject({ ok: false, firstBad: { seq: 8, problem: 'seq_gap' } });
  });

  it('whole chain rewritten after the anchor was published → caught at the anchor', async () => {
    const anchor = (await t.ctx.audit.anchor())!;
    const r3 = (await rows())[2]!;
    await overwrite(3, { ...r3, reason: '改写后的理由' });
    await rehashFrom(3);
    expect(await t.ctx.audit.verify()).toMatchObject({ ok: true, count: N });
    const r = await t.ctx.audit.verify({ anchor: { seq: anchor.seq, hash: anchor.hash } });
    expect(r).toMatchObject({ ok: false, firstBad: { seq: N, problem: 'anchor_mismatch' } });
    // an anchor older than the starting point is looked up directly
    const older = { seq: 4, hash: 'a'.repeat(64) };
    expect(await t.ctx.audit.verify({ fromSeq: 8, anchor: older })).toMatchObject({ ok: false, firstBad: { seq: 4, problem: 'anchor_mismatch' } });
  });
});
