/**
 * Valid knowledge-base entries with unique ids, parsed with entryInputSchema so defaults
 * apply exactly as for imported data. Override any field; `id` included.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { entryInputSchema, type EntryBody, type faqSchema, type lawSchema, type policySchema, type serviceItemSchema } from '../../src/knowledge/knowledge.schema.js';

type ItemInput = Omit<z.input<typeof serviceItemSchema>, 'kind'>;
type PolicyInput = Omit<z.input<typeof policySchema>, 'kind'>;
type LawInput = Omit<z.input<typeof lawSchema>, 'kind'>;
type FaqInput = Omit<z.input<typeof faqSchema>, 'kind'>;

export type ServiceItemBody = Extract<EntryBody, { kind: 'item' }>;
export type PolicyBody = Extract<EntryBody, { kind: 'policy' }>;
export type LawBody = Extract<EntryBody, { kind: 'law' }>;
export type FaqBody = Extract<EntryBody, { kind: 'faq' }>;

let counter = 0;
const run = randomBytes(3).toString('hex');

export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${run}-${counter}`;
}

export function buildServiceItem(overrides: Partial<ItemInput> = {}): ServiceItemBody {
  return entryInputSchema.parse({
    kind: 'item',
    id: uniqueId('item'),
    name: '居民身份证换领',
    itemType: '公共服务',
    agency: '示范区公安分局',
    serviceObjects: ['自然人'],
    caseType: '承诺件',
    summary: '居民身份证有效期满或证件损坏的，应当申请换领新证。',
    conditions: ['具有本区常住户口的中国公民', '居民身份证有效期满、临近期满或者损坏'],
    materials: [
      { name: '原居民身份证', type: '1', originals: 1 },
      { name: '符合标准的近期证件照片', type: '3', necessity: '3', notes: '可现场免费采集' },
    ],
    promisedTimeLimit: { value: 20, unit: '工作日' },
    visits: 1,
    visitReason: '现场采集指纹和人像',
    process: [{ name: '受理' }, { name: '审核', timeLimit: '15个工作日' }, { name: '制证发放' }],
    places: [{ name: '示范区政务服务中心', address: '示范区人民路1号', hours: '工作日 9:00-17:00' }],
    phone: '0000-12345678',
    legalBasis: [{ title: '中华人民共和国居民身份证法', article: '第五条' }],
    resultName: '中华人民共和国居民身份证',
    ...overrides,
  }) as ServiceItemBody;
}

export function buildPolicy(overrides: Partial<PolicyInput> = {}): PolicyBody {
  return entryInputSchema.parse({
    kind: 'policy',
    id: uniqueId('policy'),
    docNumber: '示政办发〔2026〕3号',
    issuer: '示范区人民政府办公室',
    text: [
      '示范区关于支持高校毕业生就业创业的若干措施',
      '各街道办事处，区政府各部门：',
      '为做好高校毕业生就业创业工作，现提出如下措施。',
      '一、一次性创业补贴。毕业五年内的高校毕业生在本区首次创办小微企业并正常经营满一年的，给予一次性创业补贴一万元。',
      '二、求职创业补贴。对有就业创业意愿的困难家庭毕业生，按每人二千元标准发放求职创业补贴。',
      '三、本措施自印发之日起施行。',
    ].join('\n'),
    ...overrides,
  }) as PolicyBody;
}

export function buildLaw(overrides: Partial<LawInput> = {}): LawBody {
  return entryInputSchema.parse({
    kind: 'law',
    id: uniqueId('law'),
    title: '示范区城市养犬管理条例',
    issuer: '示范区人民代表大会常务委员会',
    text: [
      '示范区城市养犬管理条例',
      '第一章 总则',
      '第一条 为了规范养犬行为，保障公民健康和人身安全，制定本条例。',
      '第二条 本条例适用于本区城市建成区内的养犬管理活动。',
      '第二章 养犬登记',
      '第三条 个人养犬的，应当自取得犬只之日起三十日内办理养犬登记。',
      '第四条 养犬登记证有效期为一年，期满需要继续养犬的，应当办理延续手续。',
    ].join('\n'),
    ...overrides,
  }) as LawBody;
}

export function buildFaq(overrides: Partial<FaqInput> = {}): FaqBody {
  return entryInputSchema.parse({
    kind: 'faq',
    id: uniqueId('faq'),
    question: '营业执照丢失了怎么补办？',
    answer: '可登录示范区政务服务网申请补领营业执照，无需登报声明作废，审核通过后三个工作日内领取。',
    alternatives: ['营业执照遗失如何补领'],
    ...overrides,
  }) as FaqBody;
}
