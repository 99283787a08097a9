import { describe, expect, it } from 'vitest';
import { answerTypeBoost, selectSentences, splitClauses, splitSentences } from './sentence-select.js';

const slices = (text: string, spans: { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));

describe('sentence splitting', () => {
  it('cuts at 。；！？ and line breaks, keeps closing quotes, trims spaces', () => {
    const text = '第一句。  第二句；第三句！“第四句？”\n第五句';
    expect(slices(text, splitSentences(text))).toEqual(['第一句。', '第二句；', '第三句！', '“第四句？”', '第五句']);
  });

  it('returns offsets into the text', () => {
    const text = '前文。目标句子在这里。后文';
    const spans = splitSentences(text, 3, 11);
    expect(slices(text, spans)).toEqual(['目标句子在这里。']);
  });

  it('cuts run-on lists into clauses', () => {
    const text = '一是减免租金，二是延期缴纳：三是发放补贴';
    expect(slices(text, splitClauses(text, 0, text.length))).toEqual(['一是减免租金，', '二是延期缴纳：', '三是发放补贴']);
  });
});

describe('sentence selection', () => {
  const text = [
    '某市关于支持企业复工复产的通知',
    '为贯彻落实上级部署，现就有关事项通知如下。',
    '一、减免房租。对承租国有资产类经营用房的中小企业，免收2月份房租，减半收取3月、4月房租。',
    '二、延期缴纳社会保险费。受疫情影响的企业可延期缴纳社会保险费，最长不超过6个月。',
    '三、本通知自印发之日起施行。',
  ].join('\n');
  const whole = [{ start: 0, end: text.length }];

  it('picks the sentence that answers and quotes the text exactly', () => {
    const { spans } = selectSentences('社会保险费可以延期缴纳多久？', text, whole, { maxChars: 60, neighbourRatio: 0.6 });
    const [quote] = slices(text, spans);
    expect(quote).toContain('最长不超过6个月');
    expect(quote).not.toContain('免收2月份房租');
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(quote);
  });

  it('runs on from a heading into the text under it', () => {
    const { spans } = selectSentences('国有经营用房房租怎么减免', text, whole, { maxChars: 80, neighbourRatio: 0.6 });
    expect(slices(text, spans)[0]).toContain('免收2月份房租，减半收取3月、4月房租');
  });

  it('prefers the sentence holding the kind of fact asked for (a number for 多少)', () => {
    const boost = answerTypeBoost('补贴标准是多少');
    expect(boost('每人补贴2000元')).toBeGreaterThan(boost('按规定发放补贴'));
  });

  it('answers from the body, not from the signature or the list of attachments that repeat its words', () => {
    // the end of a notice, the passage search found
    const notice = [
      '一、缴存单位和职工可通过单位版网厅、“浙里办”APP、支付宝等线上渠道办理业务。',
      '二、确需到柜台办理的，请提前预约。',
      '附件：绍兴市住房公积金管理中心业务网点一览表',
      '绍兴市住房公积金管理中心',
      '2020年2月21日',
    ].join('\n');
    const all = [{ start: 0, end: notice.length }];
    const [quote] = slices(notice, selectSentences('绍兴市住房公积金管理中心通过哪些渠道受理业务？', notice, all, { maxChars: 60, neighbourRatio: 0.6 }).spans);
    expect(quote).toContain('线上渠道办理业务');
    const signed = '某市人社局关于延长申报期的通知\n申报期延长至3月底。\n某市人力资源和社会保障局 2020年2月3日';
    const [when] = slices(signed, selectSentences('某市人力资源和社会保障局的通知是哪天发布的', signed, [{ start: 0, end: signed.length }], { maxChars: 60, neighbourRatio: 0.6 }).spans);
    expect(when).toContain('2020年2月3日');
  });

  it('finds nothing when no sentence shares a word with the question', () => {
    expect(selectSentences('养犬登记', text, whole).spans).toEqual([]);
  });

  it('cuts a sentence longer than the budget down to its best clauses', () => {
    const long = `各地要做好以下工作，${'加强组织领导，'.repeat(20)}对外出务工人员免费开具健康证明，${'强化督促检查，'.repeat(20)}确保落实。`;
    const { spans } = selectSentences('外出务工人员健康证明收费吗', long, [{ start: 0, end: long.length }], { maxChars: 60, neighbourRatio: 0.6 });
    const [quote] = slices(long, spans);
    expect(quote!.startsWith('对外出务工人员免费开具健康证明')).toBe(true);
    expect(quote!.length).toBeLessThanOrEqual(60);
  });
});
