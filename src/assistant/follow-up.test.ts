import { describe, expect, it } from 'vitest';
import { serviceItemSchema } from '../knowledge/knowledge.schema.js';
import { detectFieldIntent } from '../search/field-intent.js';
import { matchSituations, pickCandidate, topicResidue } from './follow-up.js';

const item = serviceItemSchema.parse({
  kind: 'item',
  id: 'id-renew',
  name: '居民身份证换领',
  situations: [
    { id: 'huji', question: '户籍是否在本市？', options: [{ label: '本市户籍' }, { label: '外省市户籍（跨省异地换领）', addConditions: ['须本人到场'] }] },
    { id: 'agent', question: '是否委托他人代办？', options: [{ label: '本人办理' }, { label: '委托他人代办', addMaterials: [{ name: '授权委托书' }] }] },
    { id: 'minor', question: '申请人是否未满十六周岁？', options: [{ label: '否' }, { label: '是', addMaterials: [{ name: '监护人居民身份证' }] }] },
  ],
});

const choose = (message: string) => Object.fromEntries(matchSituations(item, message).map((m) => [m.questionId, m.option]));

describe('情形 matching', () => {
  it('maps colloquial descriptions to the options', () => {
    expect(choose('我是外地户口呢？')).toEqual({ huji: 1 });
    expect(choose('我不是本地人，户口在外省')).toEqual({ huji: 1 });
    expect(choose('本市户籍的呢')).toEqual({ huji: 0 });
    expect(choose('让家人帮我代办可以吗')).toEqual({ agent: 1 });
  });

  it('decides yes/no options from the question they answer, negation included', () => {
    expect(choose('申请人未满十六周岁')).toMatchObject({ minor: 1 });
    expect(choose('我是自己办理，已经成年了')).toMatchObject({ agent: 0 });
  });

  it('chooses nothing when the message says nothing about a situation', () => {
    expect(choose('要多久')).toEqual({});
  });
});

describe('clarification choice', () => {
  const titles = ['住房公积金提取（租赁住房）', '住房公积金提取（离休、退休）', '住房公积金提取（购买自住住房、偿还购房贷款）'];
  it('picks by number or ordinal', () => {
    expect(pickCandidate('第二个', titles)).toBe(1);
    expect(pickCandidate('3', titles)).toBe(2);
    expect(pickCandidate('最后一个', titles)).toBe(2);
  });
  it('picks by the words of a title', () => {
    expect(pickCandidate('租房的那个', titles)).toBe(-1);
    expect(pickCandidate('租赁住房', titles)).toBe(0);
    expect(pickCandidate('我要退休提取', titles)).toBe(1);
  });
  it('picks nothing from an unrelated message', () => {
    expect(pickCandidate('身份证怎么换', titles)).toBe(-1);
  });
});

describe('topic residue', () => {
  it('is empty for bare follow-ups', () => {
    for (const m of ['那要多久？', '在哪办？', '要钱吗', '网上能办吗']) expect(topicResidue(m, detectFieldIntent(m))).toBe('');
  });
  it('keeps the words that name another topic', () => {
    expect(topicResidue('那社保卡呢？', detectFieldIntent('那社保卡呢？'))).toBe('社保卡');
  });
});
