import { describe, expect, it } from 'vitest';
import { deriveTitle, renderEntry } from './entry-text.js';
import { entryInputSchema, type EntryInput, type Passage } from './knowledge.schema.js';

const render = (input: EntryInput) => renderEntry(entryInputSchema.parse(input));

/** What the text of each item section begins with, so a cited passage names what it is. */
const SECTION_OPENINGS: Record<string, RegExp> = {
  name: /^事项名称：/,
  summary: /^事项概述：/,
  conditions: /^受理条件：\n1\. /,
  materials: /^申请材料：\n1\. /,
  situation: /^办理情形：/,
  timeLimit: /^(法定办结时限|承诺办结时限|到办事现场次数)：/,
  fees: /^收费标准：/,
  process: /^办理流程：\n1\. /,
  places: /^办理地点和时间：\n/,
  online: /^(网上办理地址|支持预约|支持物流快递|支持网上支付)：/,
  contact: /^(咨询电话|监督投诉电话)：/,
  legalBasis: /^设定依据：\n1\. 《/,
  result: /^(审批结果|通办范围)：/,
  faq: /^问：.+\n答：/,
  question: /^问：/,
  alternatives: /^相似问法：/,
  answer: /^答：/,
};

/** Passages tile the text: in order, non-empty, trimmed, separated by exactly one newline. */
function expectTiled(text: string, passages: Passage[]) {
  expect(passages.length).toBeGreaterThan(0);
  expect(passages[0]!.start).toBe(0);
  expect(passages[passages.length - 1]!.end).toBe(text.length);
  passages.forEach((p, i) => {
    expect(p.seq).toBe(i);
    expect(p.end).toBeGreaterThan(p.start);
    const slice = text.slice(p.start, p.end);
    expect(slice).toBe(slice.trim());
    if (i > 0) expect(text.slice(passages[i - 1]!.end, p.start)).toBe('\n');
  });
}

function expectSectionsLabelled(text: string, passages: Passage[]) {
  for (const p of passages) {
    const opening = SECTION_OPENINGS[p.label.split(':')[0]!];
    expect(opening, `no opening known for label ${p.label}`).toBeDefined();
    expect(text.slice(p.start, p.end), p.label).toMatch(opening!);
  }
}

const fullItem: EntryInput = {
  kind: 'item',
  id: 'item-full',
  name: '城乡居民基本养老保险参保登记',
  itemType: '公共服务',
  agency: '示范区社会保险事业管理中心',
  serviceObjects: ['自然人'],
  caseType: '即办件',
  handlingForms: ['窗口办理', '网上办理'],
  summary: '年满16周岁、不在校、未参加职工基本养老保险的城乡居民，可在户籍地参保。',
  conditions: ['年满16周岁（不含在校学生）', '未参加职工基本养老保险'],
  materials: [
    { name: '居民身份证', type: '1', originals: 1 },
    { name: '城乡居民基本养老保险参保登记表', type: '2', source: '20', originals: 1, blankForm: 'https://example.gov.cn/form.docx' },
  ],
  situations: [
    {
      id: 'proxy',
      question: '是否委托他人代办？',
      options: [
        { label: '本人办理' },
        { label: '委托代办', addMaterials: [{ name: '代办人居民身份证' }], note: '代办人须年满18周岁' },
      ],
    },
  ],
  legalTimeLimit: { value: 20, unit: '工作日' },
  promisedTimeLimit: { value: 0, unit: '即时' },
  visits: 0,
  charged: true,
  fees: [{ name: '工本费', standard: '每证10元', basis: '示价〔2020〕1号', reducible: true }],
  process: [{ name: '申请', handler: '申请人' }, { name: '受理', timeLimit: '即时', description: '窗口审核材料' }],
  places: [{ name: '示范区政务服务中心', address: '人民路1号', hours: '工作日9:00-17:00', phone: '12345' }],
  hours: '周六上午延时服务',
  phone: '0000-1234567',
  complaintPhone: '12345',
  onlineUrl: 'https://example.gov.cn/ylbx',
  appointment: true,
  delivery: false,
  onlinePayment: true,
  legalBasis: [{ title: '《国务院关于建立统一的城乡居民基本养老保险制度的意见》', docNumber: '国发〔2014〕8号' }],
  resultName: '参保登记信息',
  resultType: '其他',
  scope: '全市通办',
  faq: [
    { question: '可以网上参保吗？', answer: '可以，登录示范区政务服务网办理。' },
    { question: '参保后多久生效？', answer: '登记当日生效。' },
  ],
};

describe('renderEntry: service items', () => {
  it('renders every section as one passage that opens with its heading', () => {
    const r = render(fullItem);
    expect(r.title).toBe('城乡居民基本养老保险参保登记');
    expect(r.passages.map((p) => p.label)).toEqual([
      'name', 'summary', 'conditions', 'materials', 'situation:proxy', 'timeLimit', 'fees', 'process',
      'places', 'online', 'contact', 'legalBasis', 'result', 'faq:0', 'faq:1',
    ]);
    expectTiled(r.text, r.passages);
    expectSectionsLabelled(r.text, r.passages);
  });

  it('spells out codes and limits the way a citizen reads them', () => {
    const { text } = render(fullItem);
    expect(text).toContain('1. 居民身份证（原件1份，纸质/电子，必要）');
    expect(text).toContain('2. 城乡居民基本养老保险参保登记表（原件1份，纸质/电子，必要，政府部门核发）。空白表格：https://example.gov.cn/form.docx');
    expect(text).toContain('2. 委托代办：需增加：代办人居民身份证；代办人须年满18周岁');
    expect(text).toContain('法定办结时限：20个工作日\n承诺办结时限：即时办结\n到办事现场次数：0次（全程网办）');
    expect(text).toContain('1. 工本费：每证10元（依据：示价〔2020〕1号），可减免');
    expect(text).toContain('1. 《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）');
    expect(text).toContain('支持预约：是\n支持物流快递：否');
  });

  it('renders a minimal item with defaults: name, visits and no fee', () => {
    const r = render({ kind: 'item', id: 'item-min', name: '独生子女父母光荣证补办' });
    expect(r.text).toBe('事项名称：独生子女父母光荣证补办\n服务对象：自然人\n到办事现场次数：1次\n收费标准：不收费');
    expect(r.passages.map((p) => p.label)).toEqual(['name', 'timeLimit', 'fees']);
    expectTiled(r.text, r.passages);
    expectSectionsLabelled(r.text, r.passages);
  });

  it('skips sections that are empty or only whitespace', () => {
    const r = render({ kind: 'item', id: 'item-ws', name: '户口迁移', summary: '   ', phone: '' });
    expect(r.passages.map((p) => p.label)).not.toContain('summary');
    expect(r.passages.map((p) => p.label)).not.toContain('contact');
    expectTiled(r.text, r.passages);
  });
});

describe('renderEntry: FAQs, policies and laws', () => {
  it('renders a FAQ as question, alternatives, answer', () => {
    const r = render({ kind: 'faq', id: 'faq-1', question: '社保卡丢了怎么办？', answer: '先挂失，再补办。', alternatives: ['社保卡遗失', '社保卡补办'] });
    expect(r.title).toBe('社保卡丢了怎么办？');
    expect(r.text).toBe('问：社保卡丢了怎么办？\n相似问法：社保卡遗失；社保卡补办\n答：先挂失，再补办。');
    expectTiled(r.text, r.passages);
    expectSectionsLabelled(r.text, r.passages);
  });

  it('keeps a policy text byte for byte and derives its title from the first line', () => {
    const text = '  示范区关于进一步优化营商环境的若干措施\r\n各街道：\r\n一、压缩开办时间。企业开办一日办结。\r\n二、降低成本。\r\n';
    const r = render({ kind: 'policy', id: 'p-1', text });
    expect(r.text).toBe(text);
    expect(r.title).toBe('示范区关于进一步优化营商环境的若干措施');
    for (const p of r.passages) {
      expect(p.start).toBeGreaterThanOrEqual(0);
      expect(p.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(p.start, p.end)).toBe(text.slice(p.start, p.end).trim());
    }
    expect(r.passages.some((p) => text.slice(p.start, p.end).startsWith('一、压缩开办时间'))).toBe(true);
  });

  it('prefers an explicit title', () => {
    expect(render({ kind: 'law', id: 'l-1', title: '示范区物业管理条例', text: '第一条 为了规范物业管理。\n第二条 本条例适用于本区。' }).title).toBe('示范区物业管理条例');
  });
});

describe('deriveTitle', () => {
  it.each([
    ['国务院办公厅关于印发全国一体化政务服务平台建设方案的通知\n国办发〔2024〕1号\n各省、自治区、直辖市人民政府：', '国务院办公厅关于印发全国一体化政务服务平台建设方案的通知'],
    ['示范区人民政府关于印发示范区优化营商环境若干措施的通知 示政发〔2025〕7号', '示范区人民政府关于印发示范区优化营商环境若干措施的通知'],
    ['关于做好2025年城乡居民医保参保工作的通知　2025年9月1日', '关于做好2025年城乡居民医保参保工作的通知'],
    ['\n\n  示范区养犬管理规定\n第一条 为了规范养犬行为……', '示范区养犬管理规定'],
    ['为进一步做好稳就业工作，现将有关事项通知如下。一、扩大就业', '为进一步做好稳就业工作，现将有关事项通知如下'],
  ])('takes the title from %j', (text, title) => {
    expect(deriveTitle(text)).toBe(title);
  });

  it('keeps the whole first line when the cut would leave fewer than 4 characters', () => {
    expect(deriveTitle('通知 关于春节假期办事安排')).toBe('通知 关于春节假期办事安排');
  });

  it('shortens a title longer than 120 characters with an ellipsis', () => {
    const long = '关于'.repeat(70);
    const t = deriveTitle(long);
    expect(t).toBe(`${long.slice(0, 120)}…`);
  });
});
