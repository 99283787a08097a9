import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import type { EntryInput } from '../knowledge/knowledge.schema.js';
import { entryInputSchema } from '../knowledge/knowledge.schema.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { searchRequestSchema, searchResponseSchema, type SearchRequest } from './search.schema.js';
import { SearchService } from './search.service.js';

const open: { db: Database; search: SearchService }[] = [];

async function setup(entries: EntryInput[], dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-search-'))) {
  const db = await openDatabase({ dataDir: dir });
  const knowledge = new KnowledgeService(db.db);
  if (entries.length) await knowledge.upsert(entries.map((e) => entryInputSchema.parse(e)));
  const search = new SearchService({ db: db.db, knowledge: knowledge.repository, dataDir: dir, syncIntervalMs: 0 });
  await search.init();
  open.push({ db, search });
  return { dir, db, knowledge, search, query: (r: SearchRequest) => searchResponseSchema.parse(search.search(searchRequestSchema.parse(r))) };
}

afterEach(async () => {
  for (const o of open.splice(0)) {
    o.search.close();
    await o.db.close();
  }
});

const fund: EntryInput = {
  kind: 'item',
  id: 'item-fund',
  name: '住房公积金提取',
  agency: '市住房公积金管理中心',
  materials: [{ name: '居民身份证' }, { name: '购房合同' }],
  promisedTimeLimit: { value: 3, unit: '工作日' },
};
const company: EntryInput = { kind: 'item', id: 'item-company', name: '公司设立登记', agency: '市市场监督管理局', serviceObjects: ['法人'], materials: [{ name: '公司章程' }] };
const rentPolicy: EntryInput = {
  kind: 'policy',
  id: 'policy-rent',
  title: '关于减免中小微企业房租的通知',
  text: '关于减免中小微企业房租的通知\n各区人民政府：\n一、对承租国有房屋的中小微企业，免收2月份房租，减半收取3月份房租。\n二、鼓励大型商务楼宇运营方为租户减免租金。',
};

describe('SearchService', () => {
  it('finds an item by a colloquial alias and names the official term', async () => {
    const { query } = await setup([fund, company, rentPolicy]);
    const res = query({ query: '公积金怎么提取' });
    expect(res.hits[0]!.docId).toBe('item-fund');
    expect(res.terms).toContain('住房公积金');
    expect(query({ query: '开公司要什么材料' }).hits[0]!.docId).toBe('item-company');
  });

  it('returns the passage holding the answer, with text equal to the slice of the entry text', async () => {
    const { query, knowledge } = await setup([fund, company, rentPolicy]);
    const hit = query({ query: '承租国有房屋的企业房租怎么减免' }).hits[0]!;
    expect(hit.docId).toBe('policy-rent');
    expect(hit.passage.text).toContain('免收2月份房租');
    const entry = await knowledge.get('policy-rent');
    expect(entry.text.slice(hit.passage.start, hit.passage.end)).toBe(hit.passage.text);
    expect(hit.passage.highlight).toContain('<mark>');
  });

  it('applies kind and service-object filters', async () => {
    const { query } = await setup([fund, company, rentPolicy]);
    expect(query({ query: '企业', kinds: ['policy'] }).hits.every((h) => h.kind === 'policy')).toBe(true);
    expect(query({ query: '登记 材料', filters: { serviceObject: '法人' } }).hits.map((h) => h.docId)).toEqual(['item-company']);
  });

  it('answers with the version in force on the requested date, one hit per entry', async () => {
    const v1: EntryInput = { kind: 'policy', id: 'p-subsidy', validFrom: '2020-01-01', text: '创业补贴标准为每户5000元。' };
    const { query, knowledge, search } = await setup([v1]);
    await knowledge.upsert([entryInputSchema.parse({ ...v1, validFrom: '2024-01-01', text: '创业补贴标准为每户8000元。' })]);
    await search.sync();
    const old = query({ query: '创业补贴标准', filters: { date: '2021-06-01' } });
    const now = query({ query: '创业补贴标准', filters: { date: '2025-06-01' } });
    expect(old.hits.map((h) => [h.docId, h.version])).toEqual([['p-subsidy', 1]]);
    expect(old.hits[0]!.passage.text).toContain('5000');
    expect(now.hits.map((h) => [h.docId, h.version])).toEqual([['p-subsidy', 2]]);
    expect(query({ query: '创业补贴标准', filters: { date: '2019-06-01' } }).hits).toEqual([]);
  });

  it('answers a question asked without a date with the version in force today, also after a change', async () => {
    const v1: EntryInput = { kind: 'policy', id: 'p-subsidy', validFrom: '2020-01-01', text: '创业补贴标准为每户5000元。' };
    const { query, knowledge, search } = await setup([v1]);
    expect(query({ query: '创业补贴标准' }).hits.map((h) => [h.docId, h.version])).toEqual([['p-subsidy', 1]]);
    // a new version in force since 2024 replaces it for today's questions
    await knowledge.upsert([entryInputSchema.parse({ ...v1, validFrom: '2024-01-01', text: '创业补贴标准为每户8000元。' })]);
    await search.sync();
    const now = query({ query: '创业补贴标准' });
    expect(now.hits.map((h) => [h.docId, h.version])).toEqual([['p-subsidy', 2]]);
    expect(now.hits[0]!.passage.text).toContain('8000');
    // one in force only during 2024 leaves version 2 in force today again
    await knowledge.upsert([entryInputSchema.parse({ ...v1, validFrom: '2024-01-01', validTo: '2024-12-31', text: '创业补贴标准为每户9000元。' })]);
    await search.sync();
    expect(query({ query: '创业补贴标准' }).hits.map((h) => h.version)).toEqual([2]);
    expect(query({ query: '创业补贴标准', filters: { date: '2024-06-01' } }).hits.map((h) => h.version)).toEqual([3]);
    // retired: no version is in force
    await knowledge.upsert([entryInputSchema.parse({ ...v1, validFrom: undefined, status: 'retired', text: '创业补贴已停止发放。' })]);
    await search.sync();
    expect(query({ query: '创业补贴标准' }).hits).toEqual([]);
  });

  it('follows changes made after start-up through kb_changes', async () => {
    const { query, knowledge, search } = await setup([fund]);
    expect(query({ query: '公司章程' }).hits).toEqual([]);
    expect(query({ query: '住房公积金提取材料' }).hits[0]!.docId).toBe('item-fund');
    await knowledge.upsert([entryInputSchema.parse(company)]);
    expect(await search.sync()).toBeGreaterThan(0);
    const synced = query({ query: '公司章程' });
    expect(synced.hits[0]!.docId).toBe('item-company');
    // the passages a sync appended are scored as in an index built with them from the start
    // (the ranker's per-passage data grows with the index)
    const fresh = (await setup([fund, company])).query({ query: '公司章程' });
    expect(synced.hits.map((h) => [h.docId, h.passage.id, h.score])).toEqual(fresh.hits.map((h) => [h.docId, h.passage.id, h.score]));
    // versions appended by a sync keep their passages right after the previous ones' (the
    // ranking reads a version's passages as [first, next version's first))
    const ix = (search as unknown as { index: { slotCount: number; passageTotal: number; firstPassage: { data: Int32Array }; passageCount: { data: Int32Array } } }).index;
    expect(ix.slotCount).toBeGreaterThan(1);
    for (let s = 0; s < ix.slotCount; s++) expect(ix.firstPassage.data[s]! + ix.passageCount.data[s]!).toBe(s + 1 < ix.slotCount ? ix.firstPassage.data[s + 1] : ix.passageTotal);
  });

  it('loads its snapshot on restart and gives the same results', async () => {
    const first = await setup([fund, company, rentPolicy]);
    const before = first.query({ query: '减免房租' });
    first.search.close();
    const second = await setup([], first.dir);
    expect(second.search.status().loadedFrom).toBe('snapshot');
    const after = second.query({ query: '减免房租' });
    expect(after.hits.map((h) => [h.docId, h.passage.start, h.passage.end, h.passage.text])).toEqual(before.hits.map((h) => [h.docId, h.passage.start, h.passage.end, h.passage.text]));
  });

  it('lets administrators add and delete synonyms', async () => {
    const { search, query } = await setup([company]);
    expect(query({ query: '办执照' }).hits).toEqual([]);
    const added = await search.addSynonym({ alias: '办执照', canonical: '公司设立登记' });
    expect(query({ query: '办执照' }).hits[0]!.docId).toBe('item-company');
    await search.deleteSynonym(added.id!);
    expect(query({ query: '办执照' }).hits).toEqual([]);
  });
});
