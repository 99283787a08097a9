/**
 * Department boundaries on knowledge entries, and sharing grants: a knowledge editor reads
 * drafts and writes only within their department (404 for another department's draft, 403
 * for a write); a grant opens another department's drafts for reading until it expires or is
 * revoked; published entries stay public. The scope service itself answers for other
 * resources (hotline orders) the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemActor } from '../../src/auth/actor.js';
import { grantSchema, listOf } from '../../src/auth/auth.schema.js';
import { entryHistorySchema, entryVersionSchema } from '../../src/knowledge/knowledge.schema.js';
import { bearerFor, createDepartment } from '../helpers/auth.js';
import { buildFaq, buildServiceItem } from '../helpers/factories.js';
import { errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const ADMIN = systemActor('test');
const putResponse = z.object({ changed: z.boolean(), created: z.boolean(), entry: entryVersionSchema });
const listResponse = z.object({ items: z.array(z.object({ id: z.string(), status: z.string() })) });

describe.each(DIALECTS)('department isolation (%s)', (dialect) => {
  let t: TestContext;
  let gov: number;
  let mz: number;
  let mzSection: number;
  let rs: number;
  type H = Record<string, string>;
  let mzEditor: H, rsEditor: H, sectionEditor: H, govEditor: H, admin: H;
  let rsEditorId: number;

  const get = (url: string, headers: H = {}) => t.app.inject({ method: 'GET', url, headers });
  const put = (body: { id: string; [field: string]: unknown }, headers: H) => t.app.inject({ method: 'PUT', url: `/api/v1/entries/${body.id}`, headers, payload: body });
  const tomorrow = () => new Date(t.ctx.auth.clock.now().getTime() + 86_400_000).toISOString();

  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false, env: { XZ_RATE_LIMIT_PER_MIN: '100000' } });
    gov = await createDepartment(t, '云州市青禾区人民政府', 'government');
    mz = await createDepartment(t, '青禾区民政局', 'bureau', gov);
    mzSection = await createDepartment(t, '青禾区民政局社会救助科', 'section', mz);
    rs = (await t.ctx.auth.departments.create(ADMIN, { name: '青禾区人力资源和社会保障局', kind: 'bureau', parentId: gov, code: 'qh-rs' })).id;
    mzEditor = (await bearerFor(t, 'knowledge-editor', { departmentId: mz })).headers;
    const rsUser = await bearerFor(t, 'knowledge-editor', { departmentId: rs });
    rsEditor = rsUser.headers;
    rsEditorId = rsUser.user.id;
    sectionEditor = (await bearerFor(t, 'knowledge-editor', { departmentId: mzSection })).headers;
    govEditor = (await bearerFor(t, 'knowledge-editor', { departmentId: gov })).headers;
    admin = (await bearerFor(t, 'admin')).headers;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows a department's draft to its own editors and admins, and answers 404 to everyone else", async () => {
    const draft = buildFaq({ status: 'draft', department: '青禾区民政局' });
    await t.ctx.knowledge.upsert([draft]);
    const url = `/api/v1/entries/${draft.id}`;
    for (const h of [mzEditor, govEditor, admin]) {
      const res = await get(url, h);
      expect(res.statusCode, res.body).toBe(200);
      expect(entryVersionSchema.parse(res.json()).status).toBe('draft');
    }
    for (const h of [rsEditor, sectionEditor, {}]) {
      for (const u of [url, `${url}?version=1`, `${url}/history`]) {
        const res = await get(u, h);
        expect(res.statusCode, u).toBe(404);
        expect(errorResponseSchema.parse(res.json()).error.code).toBe('NOT_FOUND');
      }
    }
    const mine = listResponse.parse((await get('/api/v1/entries?status=draft&limit=200', mzEditor)).json()).items.map((i) => i.id);
    const theirs = listResponse.parse((await get('/api/v1/entries?status=draft&limit=200', rsEditor)).json()).items.map((i) => i.id);
    expect(mine).toContain(draft.id);
    expect(theirs).not.toContain(draft.id);
  });

  it('lets the public read the published version while a newer draft is being edited', async () => {
    const item = buildServiceItem({ department: '青禾区民政局', name: '最低生活保障金给付' });
    await t.ctx.knowledge.upsert([item]);
    await t.ctx.knowledge.upsert([{ ...item, status: 'draft', summary: '修订中的说明' }]);
    const pub = entryVersionSchema.parse((await get(`/api/v1/entries/${item.id}`)).json());
    expect(pub).toMatchObject({ version: 1, status: 'published' });
    const hist = entryHistorySchema.parse((await get(`/api/v1/entries/${item.id}/history`)).json());
    expect(hist.versions.map((v) => v.version)).toEqual([1]);
    expect(entryHistorySchema.parse((await get(`/api/v1/entries/${item.id}/history`, mzEditor)).json()).versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('writes within the own department (new version only on change, audited) and refuses other departments with 403', async () => {
    const faq = buildFaq({ department: 'qh-rs' });
    const created = await put(faq, rsEditor);
    expect(created.statusCode, created.body).toBe(200);
    expect(putResponse.parse(created.json())).toMatchObject({ changed: true, created: true, entry: { version: 1 } });
    const same = putResponse.parse((await put(faq, rsEditor)).json());
    expect(same).toMatchObject({ changed: false, entry: { version: 1 } });
    const edited = putResponse.parse((await put({ ...faq, answer: `${faq.answer}（已更新）` }, rsEditor)).json());
    expect(edited).toMatchObject({ changed: true, created: false, entry: { version: 2 } });

    const denied = await put({ ...faq, answer: '越权修改' }, mzEditor);
    expect(denied.statusCode).toBe(403);
    expect(errorResponseSchema.parse(denied.json()).error.code).toBe('FORBIDDEN');
    // moving an own entry into another department is refused too
    expect((await put({ ...faq, department: '青禾区民政局' }, rsEditor)).statusCode).toBe(403);
    expect((await put(buildFaq({ department: '青禾区民政局' }), rsEditor)).statusCode).toBe(403);
    const mismatch = await t.app.inject({ method: 'PUT', url: `/api/v1/entries/${faq.id}`, headers: rsEditor, payload: { ...faq, id: 'other-id' } });
    expect(mismatch.statusCode).toBe(400);

    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'kb.entry.update').where('entity_id', '=', faq.id).orderBy('seq').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ version: 1 });
    expect(JSON.parse(audit[1]!.after!)).toMatchObject({ version: 2 });
  });

  it('an entry filed under no known department is editable only by those whose scope reaches the top of the tree', async () => {
    const faq = buildFaq({ department: '某个未登记的机构' });
    expect((await put(faq, mzEditor)).statusCode).toBe(403);
    expect((await put(faq, govEditor)).statusCode).toBe(200);
  });

  it('opens a draft to another department through a grant, and closes it again at expiry and on revocation', async () => {
    const draft = buildFaq({ status: 'draft', department: '青禾区民政局' });
    await t.ctx.knowledge.upsert([draft]);
    const url = `/api/v1/entries/${draft.id}`;
    expect((await get(url, rsEditor)).statusCode).toBe(404);

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/grants',
      headers: admin,
      payload: { ownerDepartmentId: mz, granteeUserId: rsEditorId, resource: 'kb.entry', purpose: '社会救助与就业援助政策联合修订', expiresAt: tomorrow() },
    });
    expect(res.statusCode, res.body).toBe(201);
    const grant = grantSchema.parse(res.json());
    expect(grant).toMatchObject({ active: true, ownerDepartmentName: '青禾区民政局', granteeUserId: rsEditorId });
    expect((await get(url, rsEditor)).statusCode).toBe(200);
    // a grant shares for reading; the work stays with the owning department
    expect((await put({ ...draft, answer: '共享方修改' }, rsEditor)).statusCode).toBe(403);
    // the grant is visible to those it concerns, not to an unrelated department
    const forRs = listOf(grantSchema).parse((await get('/api/v1/grants', rsEditor)).json()).items.map((g) => g.id);
    const forMz = listOf(grantSchema).parse((await get('/api/v1/grants', mzEditor)).json()).items.map((g) => g.id);
    const forSection = listOf(grantSchema).parse((await get('/api/v1/grants', sectionEditor)).json()).items.map((g) => g.id);
    expect(forRs).toContain(grant.id);
    expect(forMz).toContain(grant.id);
    expect(forSection).not.toContain(grant.id);

    const realNow = t.ctx.auth.clock.now;
    try {
      const later = new Date(Date.parse(grant.expiresAt) + 1000);
      t.ctx.auth.clock.now = () => later;
      expect((await get(url, rsEditor)).statusCode).toBe(404);
    } finally {
      t.ctx.auth.clock.now = realNow;
    }
    await t.ctx.auth.grants.revoke(ADMIN, grant.id, '改为授权给部门');
    expect((await get(url, rsEditor)).statusCode).toBe(404);

    const toDept = grantSchema.parse(
      (
        await t.app.inject({ method: 'POST', url: '/api/v1/grants', headers: admin, payload: { ownerDepartmentId: mz, granteeDepartmentId: rs, resource: 'kb.entry', purpose: '联合审核', expiresAt: tomorrow() } })
      ).json(),
    );
    expect((await get(url, rsEditor)).statusCode).toBe(200);
    const noReason = await t.app.inject({ method: 'DELETE', url: `/api/v1/grants/${toDept.id}`, headers: admin, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/v1/grants/${toDept.id}`, headers: admin, payload: { reason: '审核完成' } });
    expect(revoke.statusCode, revoke.body).toBe(204);
    expect((await get(url, rsEditor)).statusCode).toBe(404);
    const after = listOf(grantSchema).parse((await get('/api/v1/grants', admin)).json()).items.find((g) => g.id === toDept.id)!;
    expect(after).toMatchObject({ active: false, revokeReason: '审核完成' });
    expect(after.revokedAt).not.toBeNull();

    const actions = (await t.ctx.database.db.selectFrom('audit_log').select(['action', 'entity_id', 'reason']).where('entity_type', '=', 'grant').execute()).map((r) => `${r.action}:${r.entity_id}`);
    expect(actions).toEqual(expect.arrayContaining([`grant.create:${grant.id}`, `grant.create:${toDept.id}`, `grant.revoke:${toDept.id}`]));
  });

  it('refuses a grant without purpose, already expired or longer than a year', async () => {
    const base = { ownerDepartmentId: mz, granteeDepartmentId: rs, resource: 'kb.entry', purpose: '联合审核', expiresAt: tomorrow() };
    for (const payload of [
      { ...base, purpose: '' },
      { ...base, expiresAt: new Date(Date.now() - 1000).toISOString() },
      { ...base, expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() },
      { ...base, granteeUserId: rsEditorId },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/grants', headers: admin, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('answers visibleDepartmentIds per resource for other capabilities', async () => {
    const handler = await bearerFor(t, 'handler', { departmentId: mz });
    const actor = (await t.ctx.auth.sessions.fromToken(handler.headers.authorization!.slice('Bearer '.length)))!.actor;
    const before = await t.ctx.auth.scope.visibleDepartmentIds(actor, 'hotline.order');
    expect(before !== 'all' && [...before].sort((a, b) => a - b)).toEqual([mz, mzSection].sort((a, b) => a - b));
    await t.ctx.auth.grants.create(ADMIN, { ownerDepartmentId: rs, granteeUserId: handler.user.id, resource: 'hotline.order', purpose: '跨部门工单协办', expiresAt: tomorrow() });
    const withGrant = await t.ctx.auth.scope.visibleDepartmentIds(actor, 'hotline.order');
    expect(withGrant !== 'all' && withGrant.has(rs)).toBe(true);
    const otherResource = await t.ctx.auth.scope.visibleDepartmentIds(actor, 'prereview.application');
    expect(otherResource !== 'all' && otherResource.has(rs)).toBe(false);
    expect(await t.ctx.auth.scope.visibleDepartmentIds(ADMIN, 'hotline.order')).toBe('all');
  });
});
