import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNONYMS } from './default-synonyms.js';
import { cutWords, segment } from './segmenter.js';
import { SynonymDictionary } from './synonyms.js';

const dict = new SynonymDictionary(DEFAULT_SYNONYMS.map(([alias, canonical]) => ({ alias, canonical })));

describe('segmentation', () => {
  it('keeps government terms from the domain dictionary as one word', () => {
    expect(cutWords('承诺办结时限是多久')).toContain('承诺办结时限');
    expect(cutWords('统一社会信用代码怎么查')).toContain('统一社会信用代码');
  });

  it('returns offsets that slice the input back', () => {
    const text = '住房公积金提取需要哪些材料？';
    for (const t of segment(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('SynonymDictionary', () => {
  it('ships a few hundred colloquial → official pairs', () => {
    expect(DEFAULT_SYNONYMS.length).toBeGreaterThan(300);
  });

  it.each([
    ['公积金怎么提取', '住房公积金'],
    ['社保断缴了怎么办', '社会保险'],
    ['身份证丢了', '居民身份证补领'],
    ['身份证在哪办', '居民身份证'],
    ['开公司需要什么', '公司设立登记'],
    ['孩子落户', '户口迁入'],
    ['退休金什么时候发', '基本养老金'],
  ])('expands %s to %s', (query, canonical) => {
    expect(dict.expand(query).map((e) => e.canonical)).toContain(canonical);
  });

  it('does not expand to a term the query already names', () => {
    expect(dict.expand('住房公积金怎么提取').map((e) => e.canonical)).not.toContain('住房公积金');
  });

  it('matches aliases written in traditional characters', () => {
    const custom = new SynonymDictionary([{ alias: '開公司', canonical: '公司設立登記' }]);
    expect(custom.expand('开公司')).toEqual([{ alias: '开公司', canonical: '公司设立登记' }]);
  });
});
