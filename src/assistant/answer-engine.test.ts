/**
 * The engine on the demo knowledge base (data/demo, SQLite): conversations a citizen would
 * have, checked for what they would notice — the right item and field, the situation applied,
 * the clarification, and citations that quote the entry text exactly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { loadDemoDataIfEmpty } from '../knowledge/demo-data.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { SearchService } from '../search/search.service.js';
import { createAnswerEngine, RULES_PRODUCER } from './answer-engine.js';
import type { AnswerEngine, AnswerResult, ConversationState, ConversationTurn } from './answer.types.js';
import { parseSensitiveWords, SensitiveWordPolicy } from './sensitive-words.js';

let db: Database;
let knowledge: KnowledgeService;
let search: SearchService;
let engine: AnswerEngine;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-engine-'));
  db = await openDatabase({ dataDir: dir });
  knowledge = new KnowledgeService(db.db);
  await loadDemoDataIfEmpty(knowledge, new URL('../../data/demo', import.meta.url).pathname);
  search = new SearchService({ db: db.db, knowledge: knowledge.repository, dataDir: dir, syncIntervalMs: 0, snapshots: false });
  await search.init();
  engine = createAnswerEngine({
    knowledge,
    search,
    env: { llm: undefined, sensitiveWordsFile: '' },
    sensitive: new SensitiveWordPolicy(parseSensitiveWords('他妈的 mask\n智障 refuse')),
  });
}, 120_000);

afterAll(async () => {
  search?.close();
  await db?.close();
});

async function expectExactQuotes(r: AnswerResult) {
  for (const c of r.citations) {
    const e = await knowledge.get(c.docId, { version: c.version });
    expect(e.text.slice(c.start, c.end)).toBe(c.quote);
    expect(c.title).toBe(e.title);
  }
}

/** Runs the messages as one conversation, passing state and history on. */
async function converse(...messages: string[]): Promise<AnswerResult[]> {
  let state: ConversationState = {};
  const history: ConversationTurn[] = [];
  const out: AnswerResult[] = [];
  for (const message of messages) {
    const r = await engine.answer({ message, history: [...history], state, date: '2026-06-01' });
    await expectExactQuotes(r);
    out.push(r);
    state = r.state;
    history.push({ role: 'citizen', text: message }, { role: 'assistant', text: r.answer });
  }
  return out;
}

describe('answer engine on the demo knowledge base', () => {
  it('answers an item field, then follow-ups about the same item, then its 情形', async () => {
    const [materials, time, place, fee, situation] = await converse('换身份证要带什么材料', '那要多久？', '在哪办？', '要钱吗', '我是外地户口呢？');
    expect(materials!.outcome).toBe('answered');
    expect(materials!.producer).toBe(RULES_PRODUCER);
    expect(materials!.answer).toMatch(/^办理居民身份证换领需要准备以下材料：\n1\. 原居民身份证（原件1份）/);
    expect(materials!.citations.map((c) => c.label)).toEqual(['materials']);
    expect(time!.answer).toContain('15个工作日');
    expect(time!.citations[0]!.label).toBe('timeLimit');
    expect(place!.answer).toContain('禾兴路188号');
    expect(place!.citations[0]!.docId).toBe('qh-item-001');
    expect(fee!.answer).toContain('20元');
    expect(situation!.answer).toContain('外省市户籍（跨省异地换领）');
    expect(situation!.answer).toContain('须本人持原居民身份证到青禾区政务服务中心公安户政窗口申请');
    expect(situation!.citations.map((c) => c.label)).toEqual(['materials', 'situation:huji']);
    expect(situation!.citations[1]!.quote).toMatch(/^2\. 外省市户籍/);
  });

  it('answers later questions for the 情形 given: time limit and place of a cross-province renewal', async () => {
    const [, situation, time, place] = await converse('换身份证要带什么材料', '我是外地户口呢？', '那要多久？', '在哪办？');
    expect(situation!.outcome).toBe('answered');
    expect(time!.answer).toMatch(/^按您的情况（外省市户籍（跨省异地换领））.*承诺在20个工作日/);
    expect(time!.answer).not.toContain('15个工作日');
    const cited = time!.citations.find((c) => c.label === 'situation:huji');
    expect(cited!.quote).toMatch(/^2\. 外省市户籍（跨省异地换领）.*承诺办结时限：20个工作日/);
    expect(place!.answer).toContain('青禾区政务服务中心公安户政窗口');
    expect(place!.citations.map((c) => c.label)).toContain('situation:huji');
  });

  it('gives the fee of a damaged card only, as the guide does', async () => {
    const [, , fee] = await converse('换身份证要带什么材料', '我的身份证坏了呢？', '要收费吗');
    expect(fee!.answer).toMatch(/^按您的情况（证件严重损坏不能辨认）/);
    expect(fee!.answer).toContain('每证40元');
    expect(fee!.answer).not.toContain('每证20元');
    expect(fee!.citations.map((c) => c.label)).toContain('situation:reason');
  });

  it('changes topic when a follow-up names another item', async () => {
    const [, other] = await converse('换身份证要带什么材料', '那社保卡丢了怎么补办？');
    expect(other!.citations.every((c) => c.docId !== 'qh-item-001')).toBe(true);
    expect(other!.answer).toMatch(/社保卡|社会保障卡/);
  });

  it('asks which item when several fit, and answers the one chosen by number', async () => {
    const [ask, chosen] = await converse('公积金怎么提取', '第二个');
    expect(ask!.outcome).toBe('clarify');
    expect(ask!.suggestions!.length).toBeGreaterThanOrEqual(2);
    expect(ask!.suggestions!.length).toBeLessThanOrEqual(4);
    expect(ask!.citations).toEqual([]);
    expect(chosen!.outcome).toBe('answered');
    expect(chosen!.citations[0]!.title).toBe(ask!.suggestions![1]);
  });

  it('answers a policy question with its sentence and the article', async () => {
    const [r] = await converse('养犬登记证遗失了应当在多少日内补领？');
    expect(r!.outcome).toBe('answered');
    expect(r!.answer).toMatch(/依据：《云州市养犬管理条例》第.+条/);
    expect(r!.citations[0]!.docId).toBe('qh-law-001');
  });

  it('says it has no source instead of guessing, and hands over to a person', async () => {
    const [r] = await converse('申请建设用地规划许可证需要什么材料？');
    expect(['handoff', 'answered', 'clarify']).toContain(r!.outcome);
    const [none] = await converse('办理游艇驾驶执照需要什么材料');
    expect(none!.outcome).toBe('handoff');
    expect(none!.reason).toBe('no_source');
    expect(none!.citations).toEqual([]);
  });

  it('answers despite a word it never saw when that word only tells the circumstances', async () => {
    const [train] = await converse('坐高铁去换身份证要多久');
    expect(train!.outcome).toBe('answered');
    expect(train!.answer).toContain('15个工作日');
    expect(train!.citations[0]!.docId).toBe('qh-item-001');
    const [car] = await converse('开着宝马去换身份证要多久');
    expect(car!.outcome).toBe('answered');
    // the unknown word names the thing asked about: still no source
    const [yacht] = await converse('游艇的驾驶执照怎么考');
    expect(yacht!.reason).toBe('no_source');
  });

  it('passes a complaint about staff to a person instead of answering with an item phone number', async () => {
    for (const message of ['我要投诉窗口工作人员', '投诉办事人员态度差']) {
      const [r] = await converse(message);
      expect(r!.outcome).toBe('handoff');
      expect(r!.reason).toBe('complaint');
      expect(r!.answer).toContain('12345');
      expect(r!.answer).toContain('人工');
      expect(r!.citations).toEqual([]);
    }
    const [phone] = await converse('居民身份证换领的投诉电话是多少');
    expect(phone!.outcome).toBe('answered');
  });

  it('gives the emergency number at once, without citations', async () => {
    const [r] = await converse('有人晕倒了');
    expect(r!.outcome).toBe('answered');
    expect(r!.reason).toBe('emergency:120');
    expect(r!.answer.startsWith('请立即拨打 120')).toBe(true);
  });

  it('masks words of the sensitive-word policy and answers the rest; refuses abuse', async () => {
    const [masked] = await converse('他妈的，社保卡丢了怎么补');
    expect(masked!.maskedMessage).toBe('＊＊＊，社保卡丢了怎么补');
    expect(masked!.outcome).toBe('answered');
    const [abuse] = await converse('你就是个智障');
    expect(abuse!.outcome).toBe('refused');
    expect(abuse!.reason).toBe('sensitive:refuse');
  });

  it('streams the answer it returns', async () => {
    const deltas: string[] = [];
    const r = await engine.answer({ message: '办居住证要多长时间', history: [], state: {}, onDelta: (d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join('')).toBe(r.answer);
  });
});
