import { describe, expect, it } from 'vitest';
import { highlight } from './highlight.js';

describe('highlight', () => {
  it('marks query words and escapes the rest of the text', () => {
    expect(highlight('提取住房公积金<须知>', ['住房公积金'], '住房公积金')).toBe('提取<mark>住房公积金</mark>&lt;须知&gt;');
  });

  it('marks words in a traditional-script text at the original characters', () => {
    expect(highlight('辦理開公司登記', ['开公司'], '开公司')).toBe('辦理<mark>開公司</mark>登記');
  });

  it('marks a stretch of three or more characters quoted from the query even when not a word', () => {
    expect(highlight('对承租国有房屋的企业免收房租', [], '承租国有房屋')).toBe('对<mark>承租国有房屋</mark>的企业免收房租');
  });
});
