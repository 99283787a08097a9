import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { entryInputSchema, type EntryInput } from '../knowledge/knowledge.schema.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { distinctPassages, mergePairs, Ranker, type RankParams } from './ranking.js';
import { F_BIGRAM, F_TITLE_BIGRAM, F_TITLE_WORD, F_WORD } from './search-index.js';
import { SearchService } from './search.service.js';

const open: { db: Database; search: SearchService }[] = [];

async function setup(entries: EntryInput[], rank?: Partial<RankParams>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-rank-'));
  const db = await openDatabase({ dataDir: dir });
  const knowledge = new KnowledgeService(db.db);
  await knowledge.upsert(entries.map((e) => entryInputSchema.parse(e)));
  const search = new SearchService({ db: db.db, knowledge: knowledge.repository, dataDir: dir, syncIntervalMs: 0, snapshots: false, rank });
  await search.init();
  open.push({ db, search });
  return search;
}

afterEach(async () => {
  for (const o of open.splice(0)) {
    o.search.close();
    await o.db.close();
  }
});

const filler = '各单位要高度重视，加强组织领导，压实工作责任，确保各项措施落到实处。';

describe('passage choice', () => {
  it('points at the passage with the words the title does not already hold', async () => {
    const title = '生活无着的流浪乞讨人员救助管理机构疫情防控工作指南';
    const text = [
      `${title} 为加强疫情防控工作，切实保障生活无着的流浪乞讨人员和救助管理机构干部职工身体健康，制定本指南。${filler}`,
      `一、入站管理 救助管理机构对新入站的流浪乞讨人员进行登记和体温检测。${filler}`,
      `二、发热处置 发现流浪乞讨人员发热的，救助管理机构应当立即上报当地疫情防控指挥机构并妥善处置。${filler}`,
      `三、环境消毒 救助管理机构每日对生活区域进行消毒。${filler}`,
    ].join('\n');
    // other notices, so that no query word is in most passages (those are skipped as too common)
    const topics = ['公积金缴存', '企业复工', '医保报销', '车辆通行', '学校开学', '物资保供', '税费减免', '房租减免', '就业补贴', '农业生产', '交通运输', '社区管理'];
    const others: EntryInput[] = topics.map((t, i) => ({ kind: 'policy', id: `other-${i}`, text: `关于${t}的通知 ${t}相关事项通知如下。${filler}\n一、${t}工作安排 按照${t}要求做好工作。${filler}` }));
    const search = await setup([{ kind: 'policy', id: 'guide', title, text }, ...others]);
    const res = search.search({ query: '救助管理机构对发热的流浪乞讨人员采取什么措施？', limit: 5 });
    expect(res.hits[0]!.passage.text).toContain('立即上报');
  });

  it('does not list a passage that lies inside one already shown', async () => {
    const ps = [
      { pid: 0, score: 3 },
      { pid: 1, score: 2 },
      { pid: 2, score: 1 },
    ];
    const start = Int32Array.from([0, 10, 0]);
    const end = Int32Array.from([100, 50, 200]);
    // pid 2 is a window holding pid 0 but scores only a third of it: listed after it
    expect(distinctPassages(ps, start, end, 4, 0).map((p) => p.pid)).toEqual([0, 2]);
    expect(distinctPassages(ps, start, end, 4, 0.5).map((p) => p.pid)).toEqual([0]);
  });

  it('shows a window instead of the passage inside it when the window scores nearly as well', () => {
    const ps = [
      { pid: 0, score: 10 },
      { pid: 1, score: 9 },
      { pid: 2, score: 5 },
    ];
    const start = Int32Array.from([0, 0, 300]);
    const end = Int32Array.from([100, 250, 400]);
    expect(distinctPassages(ps, start, end, 4, 0).map((p) => p.pid)).toEqual([1, 2]);
  });

  it('shows the best passage of a nearly tied second notice before the first one\'s weaker passages', async () => {
    const body = (city: string) =>
      [
        `${city}关于阶段性减免企业社会保险费的通知 各区县人民政府：为支持企业渡过难关，现就有关事项通知如下。${filler}`,
        `一、减免范围 受疫情影响的中小微企业免征养老保险、失业保险、工伤保险单位缴费部分。${filler}`,
        `二、缓缴政策 生产经营出现严重困难的企业可申请缓缴社会保险费，缓缴期间免收滞纳金。${filler}`,
        `三、工作要求 各部门要加强协调配合，确保政策落实到位。${filler}`,
      ].join('\n');
    const search = await setup([
      { kind: 'policy', id: 'a', text: body('甲市') },
      { kind: 'policy', id: 'b', text: body('乙市') },
      ...['公积金缴存', '车辆通行', '学校开学', '农业生产', '社区管理', '物资保供'].map((t, i): EntryInput => ({ kind: 'policy', id: `o-${i}`, text: `关于${t}的通知 ${filler}\n一、${t}安排 ${filler}` })),
    ]);
    const res = search.search({ query: '企业缓缴社会保险费期间滞纳金怎么规定？', limit: 5 });
    expect(res.hits.slice(0, 2).map((h) => h.docId).sort()).toEqual(['a', 'b']);
    expect((res.hits[0]!.morePassages ?? []).length).toBeLessThanOrEqual(1);
    expect(res.hits[1]!.passage.text).toContain('滞纳金');
  });
});

describe('candidate generation (generatorDfRatio)', () => {
  it('ranks the documents the rare terms reach as exact evaluation does, scanning the common terms only for them', async () => {
    const topics = ['公积金缴存', '企业复工', '医保报销', '车辆通行', '学校开学', '物资保供', '税费减免', '房租减免', '就业补贴', '农业生产', '交通运输', '社区管理'];
    const entries: EntryInput[] = topics.flatMap((t, i) =>
      [0, 1, 2].map((v) => ({
        kind: 'policy' as const,
        id: `p-${i}-${v}`,
        text: `关于${t}的通知（第${v + 1}号） ${t}相关事项通知如下。${filler}\n一、${t}工作安排 按照${t}要求做好第${v + 1}批工作，${topics[(i + v + 1) % topics.length]}同步推进。${filler}\n二、保障措施 ${t}资金由市财政保障。`,
      })),
    );
    const exact = await setup(entries, { generatorDfRatio: Infinity });
    // every term in more than 3 passages only scores what the 3 rarest terms of the query reached
    const pruned = await setup(entries, { generatorDfRatio: 0, generatorMinDf: 3, minGeneratorTerms: 3 });
    let fewer = 0;
    for (const query of ['企业复工工作安排有哪些要求', '医保报销资金由谁保障', '第2批税费减免工作怎么安排', '公积金缴存和房租减免同步推进的通知']) {
      const a = exact.search({ query, limit: 3 });
      const b = pruned.search({ query, limit: 3 });
      expect(b.hits.map((h) => [h.docId, h.passage.start]), query).toEqual(a.hits.map((h) => [h.docId, h.passage.start]));
      expect(a.hits.length, query).toBeGreaterThan(0);
      if (b.total < a.total) fewer++;
    }
    // documents holding only the common words (通知, 工作, 保障…) were not scored at all
    expect(fewer).toBeGreaterThan(0);
  });

  it('merges a common bigram into the two-character query word of the same characters only, field by field', () => {
    const job = (text: string, fieldNo: number, df: number, idf: number, weight: number, itemScale = 1) => ({ text, fieldNo, df, n: 1000, idf, weight, itemScale });
    const jobs = [
      job('资金', F_WORD, 300, 2, 1),
      job('资金', F_BIGRAM, 400, 1.5, 0.5),
      job('资金', F_TITLE_WORD, 50, 3, 1),
      job('资金', F_TITLE_BIGRAM, 60, 2.5, 0.5),
      // a rare bigram (at most 5% here) stays: it reaches documents the word does not
      job('拨付', F_WORD, 30, 4, 1),
      job('拨付', F_BIGRAM, 40, 3.8, 0.5),
      // a bigram inside a longer word, and a cue term's bigram against a plain word, stay
      job('公积金', F_WORD, 200, 2, 1),
      job('公积', F_BIGRAM, 300, 1.8, 0.5),
      job('多久', F_WORD, 300, 2, 1),
      job('多久', F_BIGRAM, 400, 1.5, 0.5, 0.3),
    ];
    const out = mergePairs(jobs, 0.05);
    expect(out.map((j) => `${j.fieldNo}:${j.text}`)).toEqual([`${F_WORD}:资金`, `${F_TITLE_WORD}:资金`, `${F_WORD}:拨付`, `${F_BIGRAM}:拨付`, `${F_WORD}:公积金`, `${F_BIGRAM}:公积`, `${F_WORD}:多久`, `${F_BIGRAM}:多久`]);
    // the pair's weight × IDF is the sum of both
    expect(out[0]!.weight * out[0]!.idf).toBeCloseTo(1 * 2 + 0.5 * 1.5, 10);
    expect(out[1]!.weight * out[1]!.idf).toBeCloseTo(1 * 3 + 0.5 * 2.5, 10);
    expect(mergePairs([job('资金', F_WORD, 300, 2, 1), job('资金', F_BIGRAM, 400, 1.5, 0.5)], Infinity)).toHaveLength(2);
  });

  it('scores a two-character word and the same two characters as a bigram from one list, with the scores of both', async () => {
    // every 资金 and 财政 here is a word of its own, so the bigram lists hold the same passages as
    // the word lists: scoring the pair from the word's list alone must give the same scores
    const topics = ['公积金缴存', '企业复工', '医保报销', '学校开学', '税费减免', '房租减免'];
    const entries: EntryInput[] = topics.map((t, i) => ({
      kind: 'policy' as const,
      id: `p-${i}`,
      text: `关于${t}的通知 ${t}相关事项通知如下。${filler}\n一、工作安排 ${i % 2 === 0 ? `${t}所需资金统筹安排。` : `${t}按计划推进。`}${i % 3 === 0 ? `由市财政分${i + 1}批拨付。` : ''}\n二、保障措施 按要求落实。${filler}`,
    }));
    // and notices without them, so that they are not too common to count
    for (const [i, t] of ['车辆通行', '农业生产', '交通运输', '社区管理', '就业补贴', '物资保供'].entries()) entries.push({ kind: 'policy', id: `o-${i}`, text: `关于${t}的通知 ${t}相关事项通知如下。${filler}` });
    const both = await setup(entries, { pairDfRatio: Infinity });
    const merged = await setup(entries, { pairDfRatio: 0 });
    for (const query of ['企业复工资金由谁统筹', '学校开学的资金安排', '市财政拨付的资金', '财政资金']) {
      const a = both.search({ query, limit: 8 });
      const b = merged.search({ query, limit: 8 });
      expect(a.hits.length, query).toBeGreaterThan(1);
      expect(b.hits.map((h) => h.docId), query).toEqual(a.hits.map((h) => h.docId));
      b.hits.forEach((h, i) => expect(h.score, `${query} #${i}`).toBeCloseTo(a.hits[i]!.score, 2));
    }
  });
});

describe('per-query state', () => {
  it('answers as before after a query failed midway (its scores are not left behind)', async () => {
    const topics = ['公积金缴存', '企业复工', '医保报销', '车辆通行', '学校开学', '物资保供'];
    const entries: EntryInput[] = topics.map((t, i) => ({ kind: 'policy' as const, id: `p-${i}`, text: `关于${t}的通知 ${t}相关事项通知如下。${filler}\n一、${t}工作安排 按照${t}要求做好工作。` }));
    const search = await setup(entries);
    const queries = ['企业复工工作安排', '医保报销的通知', '学校开学要求'];
    const before = queries.map((query) => search.search({ query, limit: 5 }).hits.map((h) => [h.docId, h.score]));
    // the text store fails once, after the scan (while re-ranking)
    const store = (search as unknown as { store: { slice: (...a: unknown[]) => string } }).store;
    const slice = store.slice.bind(store);
    store.slice = () => {
      store.slice = slice;
      throw new Error('disk error');
    };
    expect(() => search.search({ query: '车辆通行的通知', limit: 5 })).toThrow('disk error');
    expect(queries.map((query) => search.search({ query, limit: 5 }).hits.map((h) => [h.docId, h.score]))).toEqual(before);
  });
});

describe('places in the question', () => {
  it('prefers the notice of the province the question names over a closer-worded one of another', async () => {
    const shaanxi = `陕西省人民政府办公厅关于支持中小微企业若干措施的通知 各设区市人民政府：${filler}\n一、援企稳岗方面 不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。${filler}`;
    const beijing = `北京市16条措施助中小微企业渡难关 ${filler}\n一、援企稳岗方面 援企稳岗方面如下：对不裁员或少裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。${filler}`;
    const others = ['公积金缴存', '车辆通行', '学校开学', '农业生产', '社区管理', '物资保供'].map((t, i): EntryInput => ({ kind: 'policy', id: `o-${i}`, text: `关于${t}的通知 ${filler}\n一、${t}安排 ${filler}` }));
    const entries: EntryInput[] = [{ kind: 'policy', id: 'bj', text: beijing }, { kind: 'policy', id: 'sx', text: shaanxi }, ...others];
    const query = '陕西在援企稳岗方面有哪些举措？';
    const without = await setup(entries, { placeBonus: 0, placePenalty: 0 });
    expect(without.search({ query, limit: 2 }).hits[0]!.docId).toBe('bj');
    const withPlaces = await setup(entries);
    expect(withPlaces.search({ query, limit: 2 }).hits[0]!.docId).toBe('sx');
    // the places each notice names are kept between queries; which one wins follows the question
    expect(withPlaces.search({ query: '北京在援企稳岗方面有哪些举措？', limit: 2 }).hits[0]!.docId).toBe('bj');
    expect(withPlaces.search({ query, limit: 2 }).hits[0]!.docId).toBe('sx');
  });
});

describe('query evaluation at scale', () => {
  /**
   * 2,400 policies of random sentences over 40 words, each word in roughly a tenth of the
   * passages, and a family of 30 near-identical notices (like a notice and its reprints)
   * sharing three rare terms: a question about them reaches its K best quickly, so the bounds
   * stop generation and the other lists are read only where the candidates are.
   */
  function corpus(): EntryInput[] {
    let x = 12345;
    const rnd = (k: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % k);
    const words = ['企业', '疫情', '防控', '工作', '人员', '申请', '办理', '补贴', '政策', '服务', '社区', '单位', '学校', '医院', '交通', '物资', '税费', '房租', '就业', '农业', '生产', '复工', '资金', '项目', '保障', '管理', '检查', '培训', '宣传', '监督', '考核', '登记', '审批', '许可', '备案', '公示', '举报', '投诉', '救助', '补助'];
    const sentence = () => `${Array.from({ length: 4 + rnd(4) }, () => words[rnd(words.length)]!).join('')}。`;
    const text = (extra: string) => Array.from({ length: 24 + rnd(16) }, (_, i) => (i === 5 ? extra : sentence())).join('');
    const family = Array.from({ length: 30 }, (_, i): EntryInput => ({ kind: 'policy', id: `family-${i}`, title: `关于流浪乞讨人员救助的通知（${i}）`, text: text('流浪乞讨人员到站后由救助管理机构甄别寻亲。') }));
    const others = Array.from({ length: 2400 }, (_, i): EntryInput => ({ kind: 'policy', id: `p-${i}`, title: `关于${words[rnd(words.length)]}${words[rnd(words.length)]}的通知`, text: text(sentence()) }));
    return [...family, ...others];
  }

  const queries = ['流浪乞讨人员到站后如何甄别寻亲', '救助管理机构 甄别寻亲 社区', '企业复工防控物资补贴申请', '流浪乞讨'];
  const every = { generatorDfRatio: 1e9, generatorMinDf: 1e12, generatorBudget: Infinity, survivors: 0, rerankDocs: 10 };

  it('stops and prunes by upper bounds, and reads long lists through skip data, without changing the ranking', async () => {
    const entries = corpus();
    const exhaustive = await setup(entries, { ...every, pruning: false });
    // the exact mechanisms only: the stop, the pruning, skip data for any list (no cut to survivors);
    // its lists of touched passages and reached documents start tiny, so they grow during a query
    Ranker.listStart = 4;
    const pruned = await setup(entries, { ...every, survivors: 1e9, survivorDfRatio: 0, skipMinDf: 0 }).finally(() => (Ranker.listStart = 1 << 14));
    let fewer = 0;
    for (const query of queries) {
      // limit 20 = all K documents the first cut keeps (2 × rerankDocs)
      const a = exhaustive.search({ query, limit: 20 });
      const b = pruned.search({ query, limit: 20 });
      expect(b.hits.map((h) => [h.docId, h.passage.id]), query).toEqual(a.hits.map((h) => [h.docId, h.passage.id]));
      b.hits.forEach((h, i) => expect(h.score).toBeCloseTo(a.hits[i]!.score, 3));
      if (b.total < a.total) fewer++;
    }
    // the bounds did stop generation or prune candidates for some questions
    expect(fewer).toBeGreaterThan(0);
  }, 60_000);
});
