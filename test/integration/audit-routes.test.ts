/** GET /api/v1/audit… per the contract: who may read, masking by role, filters, paging, export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditListSchema, auditRecordSchema, verifyResultSchema, anchorResultSchema } from '../../src/audit/audit.schema.js';
import { ROLES, type Actor, type Role } from '../../src/auth/actor.js';
import { bearerFor, createUser, signIn } from '../helpers/auth.js';
import { errorResponseSchema, HAN } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const ENDPOINTS = ['/api/v1/audit', '/api/v1/audit/1', '/api/v1/audit/verify', '/api/v1/audit/anchor', '/api/v1/audit/export'];

const handler: Actor = { kind: 'user', userId: 'u-9', name: 'liuyang', role: 'handler', departmentId: 'd-3', via: 'session' };

describe.each(DIALECTS)('audit API (%s)', (dialect) => {
  let t: TestContext;
  const as: Partial<Record<Role, { user: { id: number; name: string }; headers: Record<string, string> }>> = {};

  async function get(url: string, role?: Role) {
    return t.app.inject({ method: 'GET', url, headers: role ? as[role]!.headers : {} });
  }

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
    for (const role of ROLES) as[role] = await bearerFor(t, role);
    await t.ctx.audit.record({
      actor: handler,
      action: 'hotline.order.update',
      entityType: 'order',
      entityId: 'o-42',
      before: { status: 'new', applicantName: '王小明', idNumber: '110101199003074518' },
      after: { status: 'dispatched', note: '联系电话 13912345678，住址青禾区人民路8号' },
      reason: '申请人 110101199003074518 要求加急',
      ip: '203.0.113.77',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the anonymous public 401 and every other role 403 on every endpoint', async () => {
    for (const url of ENDPOINTS) {
      const anon = await get(url);
      expect(anon.statusCode, url).toBe(401);
      expect(errorResponseSchema.parse(anon.json()).error.code).toBe('UNAUTHORIZED');
      for (const role of ROLES.filter((r) => r !== 'auditor' && r !== 'admin')) {
        const res = await get(url, role);
        expect(res.statusCode, `${role} ${url}`).toBe(403);
        expect(res.json().error.message).toMatch(HAN);
      }
    }
  });

  it('lets auditors and administrators read, verify, anchor and export', async () => {
    for (const role of ['auditor', 'admin'] as const) {
      for (const url of ENDPOINTS) expect((await get(url, role)).statusCode, `${role} ${url}`).toBe(200);
    }
  });

  it('serves an auditor signed in with the session cookie, as the web viewer is', async () => {
    const u = await createUser(t, 'auditor');
    const session = await signIn(t, u.user.name, u.password);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: { cookie: session.cookie } });
    expect(res.statusCode).toBe(200);
    expect(verifyResultSchema.parse(res.json()).ok).toBe(true);
    // the sign-in itself is on the record
    const logins = auditListSchema.parse((await get(`/api/v1/audit?actor=${u.user.name}&action=auth.login`, 'auditor')).json()).items;
    expect(logins).toHaveLength(1);
  });

  it('masks personal data for the auditor but not for the administrator; the hash is the stored one', async () => {
    const { items } = auditListSchema.parse((await get('/api/v1/audit?entityId=o-42', 'auditor')).json());
    expect(items).toHaveLength(1);
    const masked = items[0]!;
    expect(masked.before).toEqual({ status: 'new', applicantName: '王**', idNumber: '110***********4518' });
    expect(masked.after).toEqual({ status: 'dispatched', note: '联系电话 139****5678，住址青禾区人民路***' });
    expect(masked.reason).toBe('申请人 110***********4518 要求加急');
    expect(masked.ip).toBe('203.0.*.*');
    expect(masked.actor).toEqual({ kind: 'user', userId: 'u-9', name: 'liuyang', role: 'handler', departmentId: 'd-3' });

    const plain = auditRecordSchema.parse((await get(`/api/v1/audit/${masked.seq}`, 'admin')).json());
    expect(plain.before).toMatchObject({ applicantName: '王小明', idNumber: '110101199003074518' });
    expect(plain.ip).toBe('203.0.113.77');
    expect(plain.hash).toBe(masked.hash);
    expect((await get(`/api/v1/audit/${masked.seq}`, 'auditor')).json().reason).toBe(masked.reason);
  });

  it('filters by actor, action, entity and time, newest first, and pages by beforeSeq', async () => {
    const all = auditListSchema.parse((await get('/api/v1/audit?limit=500', 'auditor')).json()).items;
    expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => b - a));
    // the accounts created above were audited too
    const created = new Set(all.filter((r) => r.action === 'user.create').map((r) => r.entityId));
    for (const role of ROLES) expect(created.has(String(as[role]!.user.id)), role).toBe(true);

    const byActor = auditListSchema.parse((await get('/api/v1/audit?actor=liuyang', 'auditor')).json()).items;
    expect(byActor.map((r) => r.entityId)).toEqual(['o-42']);
    expect(auditListSchema.parse((await get('/api/v1/audit?actor=u-9&action=hotline.order.update&entityType=order', 'auditor')).json()).items).toHaveLength(1);
    expect(auditListSchema.parse((await get('/api/v1/audit?action=no.such', 'auditor')).json()).items).toEqual([]);
    expect(auditListSchema.parse((await get('/api/v1/audit?to=2020-01-01', 'auditor')).json()).items).toEqual([]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(auditListSchema.parse((await get(`/api/v1/audit?from=${today}&to=${today}&entityId=o-42`, 'auditor')).json()).items).toHaveLength(1);

    const page1 = auditListSchema.parse((await get('/api/v1/audit?limit=3', 'auditor')).json());
    expect(page1.items.map((r) => r.seq)).toEqual(all.slice(0, 3).map((r) => r.seq));
    const page2 = auditListSchema.parse((await get(`/api/v1/audit?limit=3&beforeSeq=${page1.nextBeforeSeq}`, 'auditor')).json());
    expect(page2.items.map((r) => r.seq)).toEqual(all.slice(3, 6).map((r) => r.seq));
    const last = auditListSchema.parse((await get(`/api/v1/audit?limit=500&beforeSeq=${page2.nextBeforeSeq}`, 'auditor')).json());
    expect(last.nextBeforeSeq).toBeUndefined();
  });

  it('rejects bad filters with a Chinese message naming the field', async () => {
    for (const [q, field] of [['limit=501', 'limit'], ['from=2026-02-30', 'from'], ['beforeSeq=-1', 'beforeSeq']] as const) {
      const res = await get(`/api/v1/audit?${q}`, 'auditor');
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toContain(field);
      expect(res.json().error.message).toMatch(HAN);
    }
    expect((await get('/api/v1/audit/999999', 'auditor')).statusCode).toBe(404);
  });

  it('verify and anchor report the chain', async () => {
    const anchor = anchorResultSchema.parse((await get('/api/v1/audit/anchor', 'auditor')).json());
    const v = verifyResultSchema.parse((await get(`/api/v1/audit/verify?anchor=${anchor.seq}:${anchor.hash}`, 'auditor')).json());
    expect(v).toEqual({ ok: true, count: v.count, head: { seq: anchor.seq, hash: anchor.hash } });
    expect(v.count).toBeGreaterThanOrEqual(anchor.seq);
    const wrong = verifyResultSchema.parse((await get(`/api/v1/audit/verify?anchor=1:${'e'.repeat(64)}`, 'auditor')).json());
    expect(wrong).toMatchObject({ ok: false, firstBad: { seq: 1, problem: 'anchor_mismatch' } });
  });

  it('exports NDJSON, masked for the auditor, and records who exported what', async () => {
    const res = await get('/api/v1/audit/export?entityType=order', 'auditor');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body.trim().split('\n').map((l) => auditRecordSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => l.entityId)).toEqual(['o-42']);
    expect(lines[0]!.ip).toBe('203.0.*.*');

    const exportSeq = Number(res.headers['x-audit-export-seq']);
    const rec = auditRecordSchema.parse((await get(`/api/v1/audit/${exportSeq}`, 'admin')).json());
    expect(rec).toMatchObject({ action: 'audit.export', actor: { name: as.auditor!.user.name, role: 'auditor' }, after: { filter: { entityType: 'order' }, personalData: 'masked' } });
    expect(rec.ip).not.toBeNull();

    const full = await get('/api/v1/audit/export', 'admin');
    const seqs = full.body.trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toEqual(z.array(z.number()).parse([...seqs].sort((a, b) => a - b)));
    expect(seqs.at(-1)).toBe(Number(full.headers['x-audit-export-seq']) - 1);
  });
});
