import { describe, expect, it } from 'vitest';
import { cueMask, detectFieldIntent } from './field-intent.js';
import { promoteFieldPassages } from './ranking.js';

const fields = (q: string) => detectFieldIntent(q).fields;

describe('detectFieldIntent', () => {
  it.each([
    // materials
    ['领结婚证要带什么', 'materials'],
    ['办护照得准备哪些东西', 'materials'],
    ['申请低保要提交啥材料', 'materials'],
    ['办退休需要什么手续', 'materials'],
    ['残疾证申请资料清单', 'materials'],
    // time limit
    ['办护照需要多长时间', 'timeLimit'],
    ['营业执照几天能拿到', 'timeLimit'],
    ['不动产登记几个工作日办好', 'timeLimit'],
    ['居住证要等多久', 'timeLimit'],
    ['食品经营许可证办理时限', 'timeLimit'],
    // fees
    ['补办身份证多少钱', 'fees'],
    ['社保卡补卡要钱吗', 'fees'],
    ['办居住证收费吗', 'fees'],
    ['结婚登记收不收费', 'fees'],
    ['护照工本费', 'fees'],
    ['公积金贷款有手续费吗', 'fees'],
    // places
    ['办狗证在哪里办', 'places'],
    ['社保卡办理地点', 'places'],
    ['出入境大厅地址', 'places'],
    ['婚姻登记处几点上班', 'places'],
    ['周末能办身份证吗', 'places'],
    ['去哪儿申请失业金', 'places'],
    // online
    ['异地就医备案网上能办吗', 'online'],
    ['手机上可以办居住证吗', 'online'],
    ['公积金提取有没有小程序', 'online'],
    ['证件可以邮寄到家吗', 'online'],
    // contact
    ['身份证换领咨询电话', 'contact'],
    ['办低保的联系方式', 'contact'],
    ['办证太慢了找谁投诉', 'contact'],
    // process
    ['注册公司流程', 'process'],
    ['港澳通行证怎么办理', 'process'],
    ['申请人才公寓有哪些步骤', 'process'],
    // conditions
    ['低保申请条件', 'conditions'],
    ['开药店需要什么条件', 'conditions'],
    ['哪些人可以申请人才公寓', 'conditions'],
    ['父母投靠落户有年龄要求吗', 'conditions'],
    ['毕业生能申请人才公寓吗', 'conditions'],
    // legal basis, result
    ['养犬登记的法律依据', 'legalBasis'],
    ['结婚登记根据什么规定办', 'legalBasis'],
    ['离婚登记办完发什么证', 'result'],
  ])('%s → %s', (query, field) => {
    expect(fields(query)[0]).toBe(field);
  });

  it('finds no field in plain item questions', () => {
    for (const q of ['身份证过期了怎么换', '外地人怎么办居住证', '刚出生的宝宝怎么上户口', '公司不开了怎么注销', '老人坐公交免费的证怎么办', '八十岁老人有补贴吗']) {
      expect(fields(q), q).toEqual([]);
    }
  });

  it('does not take an amount or a period for a fee or a time limit', () => {
    expect(fields('失业金每月能领多少钱')).not.toContain('fees');
    expect(fields('低保一个月能领多少钱')).not.toContain('fees');
    expect(fields('居住证有效期多久')).not.toContain('timeLimit');
    expect(fields('失业金能领多久')).not.toContain('timeLimit');
    expect(fields('居住证多久能拿到')).toEqual(['timeLimit']);
  });

  it('lets a specific cue win over an ability question, and 手续费 over 手续', () => {
    expect(fields('网上能办吗')).toEqual(['online']);
    expect(fields('可以在哪里办')).toEqual(['places']);
    expect(fields('办理公积金贷款要收手续费吗')).toEqual(['fees']);
  });

  it('reports several fields in query order, with their stand-in labels after the own ones', () => {
    const intent = detectFieldIntent('结婚登记在哪办，要带什么材料');
    expect(intent.fields).toEqual(['places', 'materials']);
    expect(intent.labels).toEqual(['places', 'materials', 'online']);
  });

  it('returns cue spans in the query, usable as a mask', () => {
    const q = '领结婚证要带什么';
    const intent = detectFieldIntent(q);
    expect(intent.cues).toEqual([{ field: 'materials', start: 4, end: 8, text: '要带什么' }]);
    expect([...cueMask(intent, q.length)]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
  });

  it('normalises full-width and traditional input, keeping offsets', () => {
    const intent = detectFieldIntent('辦護照需要多長時間？');
    expect(intent.fields).toEqual(['timeLimit']);
    expect(intent.cues[0]!.start).toBe(3);
  });
});

describe('promoteFieldPassages', () => {
  const labels = ['name', 'summary', 'conditions', 'materials', 'timeLimit', 'fees', 'online', 'faq:0', 'faq:1'];
  it('puts the wanted field first, adding it when the query words missed it', () => {
    const ps = [
      { pid: 107, score: 5 },
      { pid: 101, score: 2 },
    ];
    expect(promoteFieldPassages(ps, labels, 100, [['materials']])).toEqual([{ pid: 103, score: 5 }, ...ps]);
  });
  it('uses a stand-in when the item lacks the field, and keeps the order without any', () => {
    const ps = [{ pid: 108, score: 3 }];
    expect(promoteFieldPassages(ps, labels, 100, [['places', 'online']]).map((p) => p.pid)).toEqual([106, 108]);
    expect(promoteFieldPassages(ps, labels, 100, [['process']])).toBe(ps);
  });
});
