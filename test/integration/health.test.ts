import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({ dialect: z.enum(['sqlite', 'postgres']), ok: z.boolean() }),
  search: z.object({ ready: z.boolean(), entries: z.number().int(), passages: z.number().int(), changeSeq: z.number().int() }),
});

describe.each(DIALECTS)('health and API document (%s)', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports the database dialect and that everything is up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    const body = healthSchema.parse(res.json());
    expect(body.status).toBe('ok');
    expect(body.database).toEqual({ dialect, ok: true });
    expect(body.search.ready).toBe(true);
    expect(body.version).toBe(t.ctx.version);
  });

  it('explains a missing or mistyped field in Chinese, naming the field', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/search', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('请求参数有误：body.query 必填项，不能为空');
    const mistyped = await t.app.inject({ method: 'POST', url: '/api/v1/search', payload: { query: 42 } });
    expect(mistyped.statusCode).toBe(400);
    expect(mistyped.json().error.message).toMatch(/^请求参数有误：body\.query .*期望 string/);
  });

  it('serves an OpenAPI document listing the search and entry endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, any>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/search']?.post).toBeDefined();
    expect(doc.paths['/api/v1/entries/{id}']?.get).toBeDefined();
    // the zod request schema made it into the document, so clients can be generated from it
    const body = doc.paths['/api/v1/search']!.post.requestBody.content['application/json'].schema;
    expect(body.required).toContain('query');
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['query', 'limit', 'kinds', 'filters']));
  });

  it('answers unknown API paths with a Chinese 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect(res.json().error.message).toMatch(/\p{Script=Han}/u);
  });
});

describe.each(DIALECTS)('while the search index is still being built (%s)', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext(dialect, { searchIndex: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports degraded health and answers searches with 503 and a Chinese message', async () => {
    const health = healthSchema.parse((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).json());
    expect(health.status).toBe('degraded');
    expect(health.search.ready).toBe(false);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/search', payload: { query: '居住证' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/索引正在建立/) });
    await t.ctx.search.init();
    const after = await t.app.inject({ method: 'POST', url: '/api/v1/search', payload: { query: '居住证' } });
    expect(after.statusCode).toBe(200);
  });
});
