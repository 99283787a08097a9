/**
 * The search API contract (POST /api/v1/search), whatever engine sits behind it: hits quote
 * the entry text exactly, filters and validation behave, only versions in force are found,
 * and a change written through one context is found by another after sync().
 * Ranking is the engine's business: these tests only ask that the obvious entry is among the hits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryVersionSchema } from '../../src/knowledge/knowledge.schema.js';
import { searchResponseSchema, type SearchHit, type SearchRequest } from '../../src/search/search.schema.js';
import { buildFaq, buildLaw, buildPolicy, buildServiceItem } from '../helpers/factories.js';
import { HAN, errorResponseSchema } from '../helpers/http.js';
import { DIALECTS, openTestContext, type TestContext } from '../helpers/test-context.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

async function search(t: TestContext, body: SearchRequest) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/search', payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return searchResponseSchema.parse(res.json());
}

async function searchError(t: TestContext, body: unknown) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/search', payload: body as object });
  expect(res.statusCode, res.body).toBe(400);
  return errorResponseSchema.parse(res.json()).error;
}

/** The hit's passage must quote the entry version it names, character for character. */
async function expectQuotesEntry(t: TestContext, hit: SearchHit) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/entries/${encodeURIComponent(hit.docId)}?version=${hit.version}` });
  expect(res.statusCode, res.body).toBe(200);
  const entry = entryVersionSchema.parse(res.json());
  expect(hit.kind).toBe(entry.kind);
  expect(hit.title).toBe(entry.title);
  expect(hit.passage.text).toBe(entry.text.slice(hit.passage.start, hit.passage.end));
  expect(hit.passage.text.length).toBeGreaterThan(0);
  expect(hit.passage.id.startsWith(`${hit.docId}@${hit.version}#`)).toBe(true);
  // highlight = the passage, HTML-escaped, with <mark> around matched terms
  expect(hit.passage.highlight.replace(/<\/?mark>/g, '')).toBe(escapeHtml(hit.passage.text));
}

const ids = (hits: SearchHit[]) => hits.map((h) => h.docId);

describe.each(DIALECTS)('search API (%s)', (dialect) => {
  let t: TestContext;
  const item = buildServiceItem({ name: '居民身份证换领' });
  const policy = buildPolicy();
  const law = buildLaw();
  const faq = buildFaq();

  beforeAll(async () => {
    t = await openTestContext(dialect);
    await t.ctx.knowledge.upsert([item, policy, law, faq]);
    await t.ctx.search.sync();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the service item whose name matches, quoting its text exactly', async () => {
    const r = await search(t, { query: '身份证换领' });
    expect(ids(r.hits)).toContain(item.id);
    expect(r.total).toBeGreaterThanOrEqual(r.hits.length);
    for (const hit of r.hits) await expectQuotesEntry(t, hit);
    const top = r.hits.find((h) => h.docId === item.id)!;
    expect(top.passage.highlight).toContain('<mark>');
  });

  it.each([
    ['law article', '养犬登记', () => law.id],
    ['policy section', '一次性创业补贴', () => policy.id],
    ['FAQ', '营业执照补办', () => faq.id],
  ])('finds a %s and quotes the passage exactly', async (_what, query, id) => {
    const r = await search(t, { query });
    expect(ids(r.hits)).toContain(id());
    for (const hit of r.hits) await expectQuotesEntry(t, hit);
  });

  it('respects the kinds filter', async () => {
    const laws = await search(t, { query: '养犬登记', kinds: ['law'] });
    expect(ids(laws.hits)).toContain(law.id);
    expect(laws.hits.every((h) => h.kind === 'law')).toBe(true);
    const faqs = await search(t, { query: '养犬登记', kinds: ['faq', 'item'] });
    expect(faqs.hits.every((h) => h.kind === 'faq' || h.kind === 'item')).toBe(true);
    expect(ids(faqs.hits)).not.toContain(law.id);
  });

  it('returns no more hits than the limit', async () => {
    const extra = Array.from({ length: 5 }, (_, i) => buildFaq({ question: `社保卡补办第${i + 1}种情况怎么办？`, answer: '携带身份证到社保经办窗口补办社保卡。' }));
    await t.ctx.knowledge.upsert(extra);
    await t.ctx.search.sync();
    const r = await search(t, { query: '社保卡补办', limit: 2 });
    expect(r.hits.length).toBe(2);
    expect(r.total).toBeGreaterThanOrEqual(2);
  });

  it('finds only versions in force: not expired, not retired, and the new version after a change', async () => {
    const expired = buildPolicy({ text: '示范区人才公寓租金补贴办法\n一、租金补贴标准为每月八百元。', validFrom: '2010-01-01', validTo: '2012-12-31' });
    const retired = buildServiceItem({ name: '犬只免疫证明核发' });
    const changing = buildFaq({ question: '新生儿医保参保在哪里办理？', answer: '在户籍所在地的街道便民服务中心办理。' });
    await t.ctx.knowledge.upsert([expired, retired, changing]);
    await t.ctx.knowledge.upsert([
      { ...retired, status: 'retired' },
      { ...changing, answer: '出生后可在线上政务服务平台直接办理，无需到现场。' },
    ]);
    await t.ctx.search.sync();

    expect(ids((await search(t, { query: '人才公寓租金补贴' })).hits)).not.toContain(expired.id);
    const then = await search(t, { query: '人才公寓租金补贴', filters: { date: '2011-06-01' } });
    expect(ids(then.hits)).toContain(expired.id);

    expect(ids((await search(t, { query: '犬只免疫证明' })).hits)).not.toContain(retired.id);

    const current = (await search(t, { query: '新生儿医保参保' })).hits.filter((h) => h.docId === changing.id);
    expect(current.length).toBeGreaterThan(0);
    expect(current.every((h) => h.version === 2)).toBe(true);
    for (const hit of current) await expectQuotesEntry(t, hit);
  });

  it.each([
    ['query', { query: '' }],
    ['query', { query: '   ' }],
    ['query', { query: '查'.repeat(501) }],
    ['query', {}],
    ['limit', { query: '身份证', limit: 0 }],
    ['limit', { query: '身份证', limit: 101 }],
    ['kinds', { query: '身份证', kinds: [] }],
    ['kinds', { query: '身份证', kinds: ['news'] }],
    ['date', { query: '身份证', filters: { date: '2024-02-30' } }],
  ])('rejects a bad %s with 400 naming the field', async (field, body) => {
    const err = await searchError(t, body);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain(field);
    expect(err.message).toMatch(HAN);
  });

  it('rejects unknown request fields', async () => {
    const err = await searchError(t, { query: '身份证', sort: 'date' });
    expect(err.code).toBe('VALIDATION_FAILED');
  });
});

describe('search across server processes sharing one PostgreSQL database', () => {
  let writer: TestContext;
  let reader: TestContext;
  beforeAll(async () => {
    writer = await openTestContext('postgres');
    reader = await openTestContext('postgres', { databaseUrl: writer.databaseUrl });
  });
  afterAll(async () => {
    await reader?.close();
    await writer?.close();
  });

  it('a change written by one context is found by the other after sync()', async () => {
    const item = buildServiceItem({ name: '灵活就业人员社保补贴申领' });
    await writer.ctx.knowledge.upsert([item]);
    await reader.ctx.search.sync();
    const found = await search(reader, { query: '灵活就业人员社保补贴' });
    expect(ids(found.hits)).toContain(item.id);
    for (const hit of found.hits) await expectQuotesEntry(reader, hit);

    await writer.ctx.knowledge.upsert([{ ...item, summary: '离校未就业高校毕业生以灵活就业身份参保的，按规定给予社会保险补贴。' }]);
    await reader.ctx.search.sync();
    const after = (await search(reader, { query: '灵活就业人员社保补贴' })).hits.filter((h) => h.docId === item.id);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((h) => h.version === 2)).toBe(true);

    await writer.ctx.knowledge.upsert([{ ...item, status: 'retired' }]);
    await reader.ctx.search.sync();
    expect(ids((await search(reader, { query: '灵活就业人员社保补贴' })).hits)).not.toContain(item.id);
  });
});
