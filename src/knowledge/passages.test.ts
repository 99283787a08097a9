import { describe, expect, it } from 'vitest';
import { MAX_PASSAGE_CHARS, MAX_WINDOW_CHARS, splitPolicyPassages } from './passages.js';

describe('splitPolicyPassages', () => {
  it('cuts a law into one passage per article, labelled with chapter and article', () => {
    const text = '某某条例\n\n第一章 总则\n第一条 为了规范登记，制定本条例。\n第二条 本条例适用于全省。\n第二章 登记\n第三条 申请人应当提交材料。';
    const ps = splitPolicyPassages(text, 'law');
    const arts = ps.filter((p) => p.label.includes('条'));
    expect(arts.map((p) => p.label)).toEqual(['第一章 总则 第一条', '第一章 总则 第二条', '第二章 登记 第三条']);
    expect(text.slice(arts[2]!.start, arts[2]!.end)).toBe('第三条 申请人应当提交材料。');
  });

  it('splits a policy at headings and keeps every passage a slice of the original text', () => {
    const rent = '对承租国有房屋的中小微企业，免收2月份房租。'.repeat(4);
    const text = `关于支持企业复工复产的通知 各有关单位：${'为支持企业复工复产，现将有关事项通知如下。'.repeat(4)} 一、减免房租 ${rent} 二、延期缴纳社会保险费 受疫情影响的企业可延期缴纳。`;
    const ps = splitPolicyPassages(text, 'policy');
    for (const p of ps) expect(p.end).toBeGreaterThan(p.start);
    const base = ps.filter((p) => ps.every((q) => q === p || !(q.start <= p.start && p.end <= q.end && q.end - q.start < p.end - p.start)));
    expect(ps.some((p) => text.slice(p.start, p.end).startsWith('二、延期缴纳社会保险费'))).toBe(true);
    expect(base.length).toBeGreaterThan(1);
  });

  it('adds windows over neighbouring passages so an answer across a heading fits in one passage', () => {
    const text = '捐赠方式如下： 1.银行捐款 开户名：某某红十字会，账号123。 2.网络捐款 登录红十字会网站捐款。';
    const ps = splitPolicyPassages(text, 'policy');
    const answer = [text.indexOf('1.银行'), text.indexOf('捐款。') + 3];
    expect(ps.some((p) => p.start <= answer[0]! && answer[1]! <= p.end)).toBe(true);
    for (const p of ps) expect(p.end - p.start).toBeLessThanOrEqual(Math.max(MAX_WINDOW_CHARS, MAX_PASSAGE_CHARS));
    // base passages come first and keep their sequence numbers
    expect(ps.map((p) => p.seq)).toEqual(ps.map((_, i) => i));
  });

  it('keeps a bare heading with the text under it, where the answer to a question about the heading is', () => {
    const intro = '为做好疫情防控期间施工现场管理工作，现将有关要求通知如下。'.repeat(3);
    const text = `${intro} （二）疑似人员的处置流程 1.发热人员经医疗机构检查认定为疑似人员的，应立即报告。 2.对密切接触者进行隔离观察。`;
    const ps = splitPolicyPassages(text, 'policy');
    const heading = text.indexOf('（二）');
    const holder = ps.find((p) => p.start === heading);
    expect(holder).toBeDefined();
    expect(text.slice(holder!.start, holder!.end)).toContain('应立即报告');
  });
});
