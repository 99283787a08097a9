import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../config/env.js';
import { renderEntry } from '../knowledge/entry-text.js';
import { entryInputSchema, type ServiceItem } from '../knowledge/knowledge.schema.js';
import type { ItemSource } from './checklist.js';
import { computeLifeEventGuide, normalizeMaterialName } from './life-event.js';
import { loadLifeEvents, parseLifeEvents } from './life-events.js';

const demo = path.join(packageRoot(), 'data', 'demo');
const events = loadLifeEvents(path.join(demo, 'life-events.json'));
const sources = new Map<string, ItemSource>();
for (const line of readFileSync(path.join(demo, 'items.jsonl'), 'utf8').split('\n').filter(Boolean)) {
  const body = entryInputSchema.parse(JSON.parse(line));
  if (body.kind !== 'item') continue;
  sources.set(body.id, { docId: body.id, version: 1, department: body.department ?? null, passages: renderEntry(body).passages, body: body as ServiceItem });
}
const event = (id: string) => events.find((e) => e.id === id)!;

describe('life events (一件事一次办)', () => {
  it('has the demo events, each step naming a demo item', () => {
    expect(events.map((e) => e.id)).toEqual(['newborn', 'restaurant', 'retire', 'marriage']);
    for (const e of events) for (const s of e.steps) expect(sources.has(s.itemId), s.itemId).toBe(true);
  });

  it('asks the shared questions once, then only the item questions no shared answer decides', () => {
    const g = computeLifeEventGuide(event('restaurant'), sources, {});
    expect(g.remaining.slice(0, 3).map((q) => q.key)).toEqual(['entity', 'tobacco', 'agent']);
    // 个体/公司 and 卷烟 steps wait for their shared answers
    expect(g.steps.map((s) => s.itemId)).toEqual(['qh-item-032', 'qh-item-033', 'qh-item-048']);
    // 委托代办 is asked once although three items ask it
    expect(g.remaining.filter((q) => q.questionId === 'agent')).toHaveLength(1);
    expect(g.remaining.slice(3).map((q) => q.key)).toEqual(['qh-item-033/promise']);
  });

  it('merges a document several items need into one line listing them all', () => {
    const g = computeLifeEventGuide(event('restaurant'), sources, { entity: 'individual', tobacco: 'yes', agent: 'agent', 'qh-item-033/promise': 'yes', 'qh-item-028/family': 'single' });
    expect(g.complete).toBe(true);
    expect(g.steps.map((s) => s.itemId)).toEqual(['qh-item-028', 'qh-item-032', 'qh-item-033', 'qh-item-048', 'qh-item-035']);
    const proxy = g.materials.filter((m) => m.name === '授权委托书');
    expect(proxy).toHaveLength(1);
    expect(proxy[0]!.neededBy.map((n) => n.itemId)).toEqual(['qh-item-028', 'qh-item-033', 'qh-item-035']);
    const licence = g.materials.find((m) => m.name === '营业执照')!;
    expect(licence.neededBy.map((n) => n.itemId)).toEqual(['qh-item-032', 'qh-item-033', 'qh-item-035']);
    expect(new Set(g.materials.map((m) => m.key)).size).toBe(g.materials.length);
    // 个体工商户 with food: the licence condition comes from the shared mapping of 028's follow-up
    expect(g.steps[0]!.checklist.conditions.map((c) => c.text)).toContain('取得营业执照后，须取得《食品经营许可证》方可开展食品经营活动');
    expect(g.citations.map((c) => c.docId)).toEqual(g.steps.map((s) => s.itemId));
  });

  it('treats names the event declares the same as one document, copies summed and originals shown once', () => {
    const g = computeLifeEventGuide(event('newborn'), sources, { late: 'yes', agent: 'self', 'qh-item-016/channel': 'counter' });
    const ids = g.materials.find((m) => m.name === '父母双方居民身份证')!;
    expect(ids.neededBy.map((n) => n.name)).toEqual(['新生儿父母居民身份证', '父母双方居民身份证', '监护人居民身份证']);
    expect(ids.originals).toBe(1);
    const birth = g.materials.find((m) => m.name === '出生医学证明')!;
    expect(birth.neededBy.map((n) => n.itemId)).toEqual(['qh-item-005', 'qh-item-025']);
    // the shared "超过一个月" answer reached the 出生登记 item
    expect(g.steps[1]!.checklist.materials.map((m) => m.name)).toContain('未按时申报出生登记的情况说明');
  });

  it('rejects answers the event does not have, naming them', () => {
    expect(() => computeLifeEventGuide(event('retire'), sources, { colour: 'red' })).toThrow('“办理退休一件事”没有问题“colour”');
    expect(() => computeLifeEventGuide(event('retire'), sources, { abroad: ['no', 'yes'] })).toThrow('只能选择一项');
    expect(() => computeLifeEventGuide(event('retire'), sources, { 'qh-item-001/reason': 'expiry' })).toThrow('不包含事项“qh-item-001”');
    expect(() => computeLifeEventGuide(event('retire'), sources, { 'qh-item-018/special': 'maybe' })).toThrow('没有选项“maybe”');
  });

  it('normalises material names and checks what a life event file names', () => {
    expect(normalizeMaterialName('《出生医学证明》')).toBe(normalizeMaterialName('出生医学证明'));
    expect(() =>
      parseLifeEvents([{ id: 'x', name: '测试', questions: [], steps: [{ itemId: 'a', when: { question: 'q', options: ['y'] } }] }], 'test.json'),
    ).toThrow('x.steps[0] (a).when: 共同问题“q”不存在');
  });
});
