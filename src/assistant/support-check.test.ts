import { describe, expect, it } from 'vitest';
import { checkSentence, chineseNumeral, factsOf, splitAnswerSentences, supportedSentences } from './support-check.js';

const passages = ['居民身份证换领\n收费标准：\n1. 居民身份证工本费（换领）：每证20元', '承诺办结时限：15个工作日（跨省异地换领20个工作日）\n法定办结时限：六十日'];

describe('support check', () => {
  it('accepts a faithful paraphrase', () => {
    expect(checkSentence('居民身份证换领的工本费为每证20元。', passages).supported).toBe(true);
  });

  it('rejects an invented amount even when the words match', () => {
    const v = checkSentence('居民身份证换领的工本费为每证200元。', passages);
    expect(v.supported).toBe(false);
    expect(v.missingFacts).toEqual(['200']);
  });

  it('rejects an invented deadline', () => {
    expect(checkSentence('居民身份证换领承诺10个工作日内办结。', passages).supported).toBe(false);
  });

  it('accepts a number written the other way (60 ↔ 六十)', () => {
    expect(chineseNumeral('六十')).toBe(60);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(checkSentence('法定办结时限为60日。', passages).supported).toBe(true);
  });

  it('rejects a flipped statement', () => {
    const v = checkSentence('居民身份证换领不收工本费。', passages);
    expect(v.supported).toBe(false);
    expect(v.missingNegations).toContain('不收');
  });

  it('rejects a sentence about something else', () => {
    expect(checkSentence('办理护照需要提供户口簿原件。', passages).supported).toBe(false);
  });

  it('finds the facts a sentence states', () => {
    expect(factsOf('3月1日起，每人补贴2000元，期限三个月')).toEqual(['3', '1', '2000', '三']);
  });

  it('keeps the supported sentences in order', () => {
    const { kept, dropped } = supportedSentences('工本费每证20元。另收加急费50元！承诺办结时限为15个工作日。', passages);
    expect(kept).toEqual(['工本费每证20元。', '承诺办结时限为15个工作日。']);
    expect(dropped).toEqual(['另收加急费50元！']);
    expect(splitAnswerSentences('一。二\n三')).toEqual(['一。', '二', '三']);
  });
});
