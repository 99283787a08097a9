import { describe, expect, it } from 'vitest';
import { longestCommonRun, phraseFeatures, preparePhrase } from './phrase.js';

/** the textbook dynamic programme over the full table: the reference */
function naive(query: string, passage: string): number {
  const word = (c: string) => /[\u4e00-\u9fff0-9a-z]/i.test(c);
  let best = 0;
  const prev = new Array<number>(query.length + 1).fill(0);
  for (let i = 0; i < passage.length; i++) {
    const cur = new Array<number>(query.length + 1).fill(0);
    for (let j = 0; j < query.length; j++) {
      cur[j + 1] = word(passage[i]!) && passage[i] === query[j] ? prev[j]! + 1 : 0;
      best = Math.max(best, cur[j + 1]!);
    }
    prev.splice(0, prev.length, ...cur);
  }
  return best;
}

describe('phrase features', () => {
  it('finds the longest stretch of the question the passage quotes', () => {
    expect(phraseFeatures('  申请公积金提取  材料', '办理住房公积金提取需要提交下列材料').longest).toBe(5);
    expect(phraseFeatures('失业保险金', '').longest).toBe(0);
    // blanked question words break a stretch
    expect(longestCommonRun('企业 复工', '企业复工')).toBe(2);
  });

  it('agrees with the full dynamic programme on random texts with repeats', () => {
    let x = 7;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n);
    const alphabet = '疫情防控企业复工复产 政策补贴12';
    const text = (n: number) => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let k = 0; k < 300; k++) {
      const q = text(1 + rnd(40));
      const p = text(rnd(300));
      expect(longestCommonRun(q, p)).toBe(naive(q, p));
      // prepared once and used for many passages, as the ranker does
      expect(longestCommonRun(preparePhrase(q), p)).toBe(naive(q, p));
    }
  });
});
