/** Entries the browser tests add on top of the demo data, built by factories. */
import { lawSchema, policySchema, type EntryBody, type PolicyInput } from '../../../src/knowledge/knowledge.schema.js';

/** A law with chapters and articles; 第十二条 holds the phrase the tests search for. */
export function buildLaw(overrides: Partial<PolicyInput> = {}): EntryBody {
  const text = [
    '云州市灵活就业人员住房公积金缴存管理办法',
    '第一章 总则',
    '第一条 为了规范本市住房公积金缴存管理，保障缴存职工合法权益，根据《住房公积金管理条例》，结合本市实际，制定本办法。',
    '第二条 本办法适用于本市行政区域内住房公积金的缴存和管理。',
    // enough articles before 第十二条 that opening it means scrolling down
    ...['三', '四', '五', '六', '七', '八', '九', '十', '十一'].map(
      (n) => `第${n}条 市住房公积金管理中心应当按照规定做好第${n}项管理工作，依法公开办事流程、办理时限和监督电话，接受社会监督。`,
    ),
    '第二章 自愿缴存',
    '第十二条 灵活就业人员可以按照自愿原则申请缴存住房公积金，月缴存基数不低于本市上年度最低工资标准。',
    '第十三条 自愿缴存人员连续缴存满六个月的，可以按规定申请住房公积金个人住房贷款。',
    '第三章 附则',
    '第二十条 本办法自发布之日起施行。',
  ].join('\n');
  return lawSchema.parse({
    kind: 'law',
    id: 'e2e-law-flexible',
    title: '云州市灵活就业人员住房公积金缴存管理办法',
    docNumber: '云政规〔2021〕3号',
    issuer: '云州市人民政府',
    publishDate: '2021-01-01',
    effectiveDate: '2021-01-01',
    validity: '现行有效',
    validFrom: '2021-01-01',
    text,
    ...overrides,
  });
}

/** The same law as first published, superseded on 2021-01-01: a version that is no longer in force. */
export function buildLawFirstVersion(): EntryBody {
  const current = buildLaw() as { text: string };
  return buildLaw({
    validFrom: '2018-01-01',
    validTo: '2020-12-31',
    publishDate: '2018-01-01',
    effectiveDate: '2018-01-01',
    validity: '已修改',
    text: current.text.replace('不低于本市上年度最低工资标准', '不低于本市上年度职工月平均工资的60%'),
  });
}

/** A policy without articles: its passages are numbered sections plus windows over neighbours. */
export function buildPolicy(): EntryBody {
  return policySchema.parse({
    kind: 'policy',
    id: 'e2e-policy-sections',
    title: '青禾区关于优化灵活就业人员公积金服务的通知',
    docNumber: '青政办发〔2025〕7号',
    issuer: '青禾区人民政府办公室',
    text: [
      '青禾区关于优化灵活就业人员公积金服务的通知',
      '一、简化开户。灵活就业人员可以通过手机办理开户，无需到窗口。',
      '二、按月缴存。缴存人可以按月或者按季缴存，缴存日期自行选择。',
      '三、便捷提取。符合条件的，可以在线申请提取，资金实时到账。',
    ].join('\n'),
  });
}
