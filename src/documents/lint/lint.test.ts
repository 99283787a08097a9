import { describe, expect, it } from 'vitest';
import { lintText, type Finding } from './index.js';

const rules = (fs: Finding[]) => [...new Set(fs.map((f) => f.rule))].sort();
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

/** A correctly written 通知: the checker must be silent on it. */
const GOOD_NOTICE = `云州市青禾区人民政府文件

青政发〔2026〕12号

云州市青禾区人民政府关于做好2026年防汛工作的通知

各镇人民政府、街道办事处，区政府各部门：
　　为做好今年防汛工作，现就有关事项通知如下：
　　一、提高思想认识
　　（一）加强组织领导。各单位主要负责同志要亲自部署。
　　（二）压实工作责任。
　　1.明确责任分工。
　　2.落实值班制度。
　　二、强化应急保障
　　（一）储备防汛物资。
　　（二）开展应急演练。
　　特此通知。

　　附件：1.防汛责任人名单
　　　　　2.防汛物资储备清单

云州市青禾区人民政府
2026年5月10日
（此件公开发布）

抄送：区委办公室，区人大常委会办公室，区政协办公室。
云州市青禾区人民政府办公室　　2026年5月10日印发
`;

describe('GB/T 9704 checker', () => {
  it('accepts a correctly written 通知', () => {
    expect(lintText(GOOD_NOTICE)).toEqual([]);
  });

  it('accepts real 字号 and rejects wrong forms, pointing at the bracket part with a fix', () => {
    expect(lintText('根据《国务院办公厅关于做好防汛工作的函》（国办函〔2026〕71号）和工信部联规〔2026〕186号文件要求')).toEqual([]);
    const text = '按照《关于加强耕地保护的通知》（自然资发[2024]242号）要求';
    const [f, ...rest] = lintText(text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'doc-number', severity: 'error', fix: '〔2024〕242号' });
    expect(f!.message).toContain('年份应使用六角括号〔〕');
    expect(f!.message).toContain('自然资发〔2024〕242号');
    expect(text.slice(f!.start, f!.end)).toBe('[2024]242号');
    for (const [wrong, problem, fix] of [
      ['青政发(2026)12号', '六角括号', '〔2026〕12号'],
      ['青政发〔2026〕第12号', '第', '〔2026〕12号'],
      ['青政发〔2026〕07号', '虚位', '〔2026〕7号'],
      ['青政发〔26〕7号', '四位', '〔2026〕7号'],
      ['青政发〔2026〕 7号', '空格', '〔2026〕7号'],
    ] as const) {
      const found = lintText(`依据${wrong}文件。\n第二段。`);
      expect(found, wrong).toHaveLength(1);
      expect(found[0]!.message, wrong).toContain(problem);
      expect(found[0]!.fix, wrong).toBe(fix);
    }
  });

  it('标题: 关于…的 form, no end punctuation, only the allowed marks', () => {
    const doc = (title: string) => `${title}\n\n各镇人民政府：\n　　正文内容。\n　　特此通知。\n`;
    expect(lintText(doc('青禾区人民政府关于转发《云州市防汛条例》“十条措施”的通知'))).toEqual([]);
    const end = lintText(doc('青禾区人民政府关于做好防汛工作的通知。'));
    expect(end).toMatchObject([{ rule: 'title', message: expect.stringContaining('标题：末尾不加标点'), fix: '' }]);
    const noDe = lintText(doc('青禾区人民政府关于做好防汛工作通知'));
    expect(noDe).toMatchObject([{ rule: 'title', message: '标题：文种“通知”前应有“的”', fix: '的' }]);
    const comma = lintText(doc('关于做好防汛，抗旱工作的通知'));
    expect(comma).toMatchObject([{ rule: 'title', severity: 'warning', fix: '、' }]);
    expect(errors(lintText(doc('青禾区人民政府做好防汛工作的通知'), { type: '通知' }))).toMatchObject([{ rule: 'title', message: expect.stringContaining('缺少“关于”') }]);
  });

  it('主送机关 ends with a full-width colon', () => {
    expect(lintText('关于做好防汛工作的通知\n各镇人民政府:\n　　正文。\n')).toMatchObject([{ rule: 'recipients', fix: '：' }]);
    expect(lintText('关于做好防汛工作的通知\n各镇人民政府，区政府各部门\n　　正文。\n')).toMatchObject([{ rule: 'recipients', message: expect.stringContaining('缺少全角冒号') }]);
  });

  it('heading levels in order: no gap, no skipped level, the right marks', () => {
    const doc = (body: string) => `关于做好防汛工作的通知\n各镇人民政府：\n${body}\n　　特此通知。\n`;
    expect(lintText(doc('一、甲\n（一）乙\n1.丙\n（1）丁\n二、戊'))).toEqual([]);
    // 措施 numbered on across sections, and a list restarting at 1 after a colon, are both right
    expect(lintText(doc('一、甲\n（一）乙\n（二）丙\n二、丁\n（三）戊\n应当采取下列措施：\n1.己\n2.庚'))).toEqual([]);
    const gap = lintText(doc('一、甲\n三、乙'));
    expect(gap).toMatchObject([{ rule: 'heading-order', severity: 'error', fix: '二、' }]);
    const skipped = lintText(doc('一、甲\n1.乙\n2.丙'));
    expect(skipped).toMatchObject([{ rule: 'heading-order', severity: 'warning', message: expect.stringContaining('应先用“（一）”') }]);
    const marks = lintText(doc('一、甲\n(一)乙\n（二）丙\n1、丁'));
    expect(marks.map((f) => f.fix)).toEqual(['（一）', '1.']);
  });

  it('附件说明: "附件：1.…", numbered in order, no closing punctuation', () => {
    const doc = (att: string) => `关于做好防汛工作的通知\n各镇人民政府：\n　　特此通知。\n\n${att}\n\n青禾区人民政府\n2026年5月10日\n`;
    expect(lintText(doc('附件：1.名单\n　　　2.清单'))).toEqual([]);
    expect(lintText(doc('附件：名单'))).toEqual([]);
    const bad = lintText(doc('附件:1.名单。\n3、清单'));
    expect(bad.map((f) => f.message)).toEqual([
      '附件说明：应写作“附件：”（全角冒号，中间无空格）',
      '附件说明：附件名称后不加标点符号（“。”）',
      '附件说明：序号应依次为2（此处为3）',
      '附件说明：序号后用“.”（此处为“、”）',
    ]);
  });

  it('成文日期 in Arabic numerals without leading zeros', () => {
    const doc = (date: string) => `关于做好防汛工作的通知\n各镇人民政府：\n　　特此通知。\n\n青禾区人民政府\n${date}\n`;
    expect(lintText(doc('2026年7月1日'))).toEqual([]);
    expect(lintText(doc('二〇二六年七月一日'))).toMatchObject([{ rule: 'date', message: expect.stringContaining('成文日期：应使用阿拉伯数字'), fix: '2026年7月1日' }]);
    expect(lintText(doc('2026年07月01日'))).toMatchObject([{ rule: 'date', fix: '2026年7月1日' }]);
    expect(lintText(doc('2026-07-01'))).toMatchObject([{ rule: 'date', fix: '2026年7月1日' }]);
  });

  it('请示: one matter, one 主送机关, 签发人 on an upward document with a 版头', () => {
    const request = (title: string, recipients: string, body: string, head = '') => `${head}${title}\n${recipients}\n${body}\n　　妥否，请批示。\n`;
    expect(lintText(request('青禾区水利局关于申请防汛专项资金的请示', '青禾区人民政府：', '　　为做好防汛工作，恳请区政府拨付专项资金50万元。'))).toEqual([]);
    expect(rules(lintText(request('青禾区水利局关于申请防汛资金和增加编制的请示', '青禾区人民政府：', '　　现请示如下。')))).toEqual(['one-matter']);
    const two = lintText(request('青禾区水利局关于防汛工作的请示', '青禾区人民政府：', '　　恳请区政府拨付资金50万元。\n　　同时恳请区政府同意增加编制2名。'));
    expect(two).toMatchObject([{ rule: 'one-matter', severity: 'warning' }]);
    expect(lintText(request('青禾区水利局关于申请防汛专项资金的请示', '青禾区人民政府、区财政局：', '　　恳请拨付。'))).toMatchObject([{ rule: 'request-recipient' }]);
    const header = '青禾区水利局文件\n青水〔2026〕3号\n\n';
    expect(lintText(request('青禾区水利局关于申请防汛专项资金的请示', '青禾区人民政府：', '　　恳请拨付。', header))).toMatchObject([{ rule: 'signer' }]);
    expect(lintText(request('青禾区水利局关于申请防汛专项资金的请示', '青禾区人民政府：', '　　恳请拨付。', '青禾区水利局文件\n青水〔2026〕3号　　签发人：王明\n\n'))).toEqual([]);
  });

  it('报告 carries no 请示 items; the closing matches the 文种', () => {
    const report = (closing: string) => `青禾区水利局关于2026年防汛工作情况的报告\n青禾区人民政府：\n　　今年汛期平稳。\n　　${closing}\n`;
    expect(lintText(report('特此报告。'))).toEqual([]);
    expect(lintText(report('妥否，请批示。'))).toMatchObject([{ rule: 'report-request', message: expect.stringContaining('报告：不得夹带请示事项') }]);
    expect(lintText(report('特此通知。'))).toMatchObject([{ rule: 'type-consistency', fix: '特此报告' }]);
    expect(lintText('关于防汛工作的请示报告\n青禾区人民政府：\n　　内容。\n')).toMatchObject([{ rule: 'type-consistency', message: expect.stringContaining('请示报告') }]);
    expect(lintText('关于做好防汛工作的通知\n各镇人民政府：\n　　内容。\n', { type: '函' })).toMatchObject([{ rule: 'type-consistency', fix: '函' }]);
  });

  it('批复 cites the 请示 with its 字号', () => {
    const reply = (opening: string) => `青禾区人民政府关于同意拨付防汛专项资金的批复\n青禾区水利局：\n　　${opening}\n　　此复。\n`;
    expect(lintText(reply('你局《关于申请防汛专项资金的请示》（青水〔2026〕3号）收悉。经研究，同意拨付。'))).toEqual([]);
    expect(lintText(reply('你局《关于申请防汛专项资金的请示》收悉。经研究，同意拨付。'))).toMatchObject([{ rule: 'reply-cites-request', message: expect.stringContaining('发文字号') }]);
    expect(lintText(reply('你局的请示收悉。'))).toMatchObject([{ rule: 'reply-cites-request' }]);
  });

  it('版记: 抄送 ends with a full stop', () => {
    const doc = GOOD_NOTICE.replace('区政协办公室。', '区政协办公室');
    expect(lintText(doc)).toMatchObject([{ rule: 'cc', fix: '。' }]);
  });

  it('does not judge a flattened news item as a 公文', () => {
    const news = '工业和信息化部组织开展负压救护车重点生产企业督导检查 2020年2月4日，为做好疫情防控物资保障工作，工业和信息化部赴企业进行督导检查。 1、了解生产情况 3、协调解决困难 2020年02月04日';
    expect(lintText(news)).toEqual([]);
  });
});
