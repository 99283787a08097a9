/**
 * Versioned knowledge base through the HTTP API: writes go through KnowledgeService (as the
 * importers do), reads through GET /api/v1/entries/… as citizens' clients do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryVersionSchema } from '../../src/knowledge/knowledge.schema.js';
import { todayInShanghai } from '../../src/knowledge/validity.js';
import { bearerFor } from '../helpers/auth.js';
import { buildFaq, buildLaw, buildPolicy, buildServiceItem } from '../helpers/factories.js';
import { HAN, errorResponseSchema, historyResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const PAST_END = '2000-12-31';
const FAR_FUTURE = '2999-01-01';

describe.each(DIALECTS)('knowledge entries API (%s)', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function getEntry(id: string, query = '') {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${encodeURIComponent(id)}${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return entryVersionSchema.parse(res.json());
  }
  async function getHistory(id: string) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${encodeURIComponent(id)}/history` });
    expect(res.statusCode, res.body).toBe(200);
    return historyResponseSchema.parse(res.json()).versions;
  }

  it('returns each kind of entry as written, with passages that are spans of its text', async () => {
    const bodies = [buildServiceItem(), buildPolicy(), buildLaw(), buildFaq()];
    const result = await t.ctx.knowledge.upsert(bodies);
    expect(result).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    for (const body of bodies) {
      const e = await getEntry(body.id);
      expect(e).toMatchObject({ id: body.id, kind: body.kind, version: 1, latestVersion: 1, inForce: true, status: 'published' });
      expect(e.body).toMatchObject({ id: body.id, kind: body.kind });
      expect(e.passages.length).toBeGreaterThan(0);
      for (const p of e.passages) {
        expect(p.start).toBeGreaterThanOrEqual(0);
        expect(p.end).toBeGreaterThan(p.start);
        expect(p.end).toBeLessThanOrEqual(e.text.length);
      }
      if (body.kind === 'policy' || body.kind === 'law') expect(e.text).toBe(body.text);
    }
    const law = await getEntry(bodies[2]!.id);
    expect(law.title).toBe('示范区城市养犬管理条例');
    const article3 = law.passages.find((p) => p.label.endsWith('第三条'));
    expect(law.text.slice(article3!.start, article3!.end)).toMatch(/^第三条 个人养犬的/);
  });

  it('makes no new version for identical content and version 2 for changed content', async () => {
    const v1 = buildServiceItem({ name: '出生医学证明补发' });
    await t.ctx.knowledge.upsert([v1]);

    const again = await t.ctx.knowledge.upsert([structuredClone(v1)]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, changedIds: [] });
    expect((await getHistory(v1.id)).map((h) => h.version)).toEqual([1]);

    const v2 = { ...v1, promisedTimeLimit: { value: 5, unit: '工作日' as const } };
    const changed = await t.ctx.knowledge.upsert([v2], { note: '承诺时限压缩' });
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0, changedIds: [v1.id] });

    const current = await getEntry(v1.id);
    expect(current).toMatchObject({ version: 2, latestVersion: 2, inForce: true });
    expect(current.text).toContain('承诺办结时限：5个工作日');

    const old = await getEntry(v1.id, '?version=1');
    expect(old).toMatchObject({ version: 1, latestVersion: 2, inForce: false });
    expect(old.text).toContain('承诺办结时限：20个工作日');

    const history = await getHistory(v1.id);
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(history[0]).toMatchObject({ note: '承诺时限压缩', contentHash: current.contentHash });
    expect(history[1]!.contentHash).toBe(old.contentHash);
    expect(current.contentHash).not.toBe(old.contentHash);
  });

  it('serves the version in force today, and the one for ?date=', async () => {
    const v1 = buildPolicy({ validFrom: '2020-01-01' });
    const v2 = { ...v1, validFrom: FAR_FUTURE, text: `${v1.text}\n四、补贴标准自2999年起提高。` };
    await t.ctx.knowledge.upsert([v1, v2]);

    // version 2 is written but not yet valid: today's readers get version 1
    const today = await getEntry(v1.id);
    expect(today).toMatchObject({ version: 1, latestVersion: 2, inForce: true });
    const future = await getEntry(v1.id, `?date=2999-06-01`);
    expect(future).toMatchObject({ version: 2, inForce: true });
    const before = await getEntry(v1.id, '?date=2019-12-31');
    expect(before.inForce).toBe(false);
    // asking for the pending version by number shows it, marked as not in force
    expect(await getEntry(v1.id, '?version=2')).toMatchObject({ version: 2, inForce: false });
  });

  it('marks an entry whose validity ended as not in force, except on dates it covered', async () => {
    const expired = buildFaq({ validFrom: '2000-01-01', validTo: PAST_END });
    await t.ctx.knowledge.upsert([expired]);
    expect(await getEntry(expired.id)).toMatchObject({ version: 1, inForce: false, validTo: PAST_END });
    expect(await getEntry(expired.id, '?date=2000-06-01')).toMatchObject({ version: 1, inForce: true });
    expect(await getEntry(expired.id, `?date=${todayInShanghai()}`)).toMatchObject({ inForce: false });
  });

  it('hides a retired entry: no version of it is in force any more', async () => {
    const item = buildServiceItem({ name: '临时身份证明开具' });
    await t.ctx.knowledge.upsert([item]);
    expect((await getEntry(item.id)).inForce).toBe(true);
    await t.ctx.knowledge.upsert([{ ...item, status: 'retired' }], { note: '事项取消' });
    const now = await getEntry(item.id);
    expect(now).toMatchObject({ version: 2, status: 'retired', inForce: false });
    expect(await getEntry(item.id, '?version=1')).toMatchObject({ version: 1, status: 'published', inForce: false });
  });

  it('does not put a draft in force, and shows it to knowledge staff only', async () => {
    const faq = buildFaq({ status: 'draft' });
    await t.ctx.knowledge.upsert([faq]);
    const admin = await bearerFor(t, 'admin');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${encodeURIComponent(faq.id)}`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(entryVersionSchema.parse(res.json())).toMatchObject({ version: 1, status: 'draft', inForce: false });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/entries/${encodeURIComponent(faq.id)}` })).statusCode).toBe(404);
  });

  it('answers an unknown id or version with 404 NOT_FOUND and a Chinese message', async () => {
    for (const url of ['/api/v1/entries/no-such-entry', '/api/v1/entries/no-such-entry/history']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      const err = errorResponseSchema.parse(res.json()).error;
      expect(err.code).toBe('NOT_FOUND');
      expect(err.message).toMatch(HAN);
      expect(err.message).toContain('no-such-entry');
    }
    const law = buildLaw();
    await t.ctx.knowledge.upsert([law]);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${law.id}?version=7` });
    expect(res.statusCode).toBe(404);
    expect(errorResponseSchema.parse(res.json()).error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['version', '?version=abc'],
    ['version', '?version=0'],
    ['date', '?date=2024-13-45'],
    ['date', '?date=yesterday'],
  ])('rejects a bad %s query parameter (%s) with 400 naming it', async (field, query) => {
    const law = buildLaw();
    await t.ctx.knowledge.upsert([law]);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${law.id}${query}` });
    expect(res.statusCode).toBe(400);
    const err = errorResponseSchema.parse(res.json()).error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain(field);
    expect(err.message).toMatch(HAN);
  });

  it('lists entries by kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/entries?kind=law&limit=200' });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { kind: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.kind === 'law')).toBe(true);
  });
});
