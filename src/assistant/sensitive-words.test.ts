import { describe, expect, it } from 'vitest';
import { parseSensitiveWords, SensitiveWordPolicy } from './sensitive-words.js';

describe('sensitive-word policy', () => {
  it('parses words and actions, skipping comments and blank lines', () => {
    expect(parseSensitiveWords('# 注释\n\n笨蛋 refuse\nSB mask\n')).toEqual([
      { word: '笨蛋', action: 'refuse' },
      { word: 'sb', action: 'mask' },
    ]);
  });

  it('names the line of a bad entry', () => {
    expect(() => parseSensitiveWords('笨蛋 refuse\n混蛋 ban', 'words.txt')).toThrow('words.txt:2');
    expect(() => parseSensitiveWords('只有一个词')).toThrow(':1');
  });

  it('finds the longest word first and ASCII words only as whole words', () => {
    const p = new SensitiveWordPolicy(parseSensitiveWords('妈的 mask\n他妈的 mask\nsb refuse'));
    expect(p.find('他妈的真慢').map((h) => h.word)).toEqual(['他妈的']);
    expect(p.find('我的USB坏了')).toEqual([]);
    expect(p.find('你是SB吗').map((h) => h.word)).toEqual(['sb']);
  });

  it('masks each character of a hit, keeping the rest of the message', () => {
    const p = new SensitiveWordPolicy(parseSensitiveWords('他妈的 mask'));
    const msg = '他妈的，身份证怎么换';
    expect(p.mask(msg, p.find(msg))).toBe('＊＊＊，身份证怎么换');
  });

  it('reads the shipped default policy', () => {
    const p = SensitiveWordPolicy.fromFile(new URL('../../data/sensitive-words.txt', import.meta.url).pathname);
    expect(p.find('你就是个智障')[0]?.action).toBe('refuse');
  });
});
