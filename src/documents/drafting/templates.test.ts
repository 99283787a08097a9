import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, type DocumentType } from '../document.model.js';
import { lintDocument } from '../lint/index.js';
import { parsePlainText } from '../plain-text.js';
import { checkFields, fillTemplate, listTemplates, todayInChina } from './templates.js';

/** Key points a user would type for each type (only what the form asks). */
export const SAMPLE_FIELDS: Record<DocumentType, Record<string, string>> = {
  决议: { issuer: '云州市青禾区人民代表大会', subject: '2026年区级预算', meeting: '2026年1月10日区第十八届人民代表大会第五次会议', points: '批准2026年区级预算\n同意区人民政府关于预算执行情况的报告' },
  决定: { issuer: '云州市青禾区人民政府', docNumber: '青政发〔2026〕5号', subject: '表彰2025年度防汛工作先进集体', recipients: '各镇人民政府、街道办事处，区政府各部门', purpose: '为表彰先进', points: '授予青禾镇“防汛工作先进集体”称号\n希望受表彰的集体再接再厉' },
  命令: { issuer: '云州市青禾区人民政府', orderNumber: '第12号', content: '《云州市青禾区防汛应急预案》已经2026年5月8日区人民政府第30次常务会议通过，现予公布，自2026年6月1日起施行', leader: '区长　王明' },
  公报: { issuer: '云州市青禾区统计局', subject: '2025年国民经济和社会发展统计', points: '全年地区生产总值增长6.1%\n城镇新增就业1.2万人' },
  公告: { issuer: '云州市青禾区人民政府', subject: '2026年度征兵工作', purpose: '根据《中华人民共和国兵役法》', points: '征集对象为年满18周岁的男性公民\n报名时间为2026年3月1日至6月30日' },
  通告: { issuer: '云州市青禾区公安分局', subject: '青禾大道封闭施工期间交通管制', points: '2026年6月1日至30日封闭青禾大道\n过往车辆绕行人民路' },
  意见: { issuer: '云州市青禾区人民政府', subject: '加快发展托育服务', recipients: '各镇人民政府、街道办事处', purpose: '为促进托育服务健康发展', points: '扩大普惠托育服务供给\n加强托育从业人员培训' },
  通知: { issuer: '云州市青禾区人民政府', docNumber: '青政发〔2026〕12号', subject: '做好2026年防汛工作', recipients: '各镇人民政府、街道办事处，区政府各部门', purpose: '为切实做好今年防汛工作', points: '加强组织领导\n落实防汛责任', requirements: '各单位于6月1日前报送责任人名单', contact: '张三，0571-12345678', attachments: '防汛责任人名单\n防汛物资清单', cc: '区委办公室，区人大常委会办公室' },
  通报: { issuer: '云州市青禾区人民政府', subject: '2026年第一季度安全生产检查情况', recipients: '各镇人民政府、街道办事处', facts: '2026年第一季度，区安委会对全区32家企业开展安全生产检查', evaluation: '发现隐患45处，已整改40处', points: '对未整改隐患限期整改' },
  报告: { issuer: '云州市青禾区水利局', docNumber: '青水〔2026〕8号', signers: '王明', subject: '2026年防汛工作情况', recipient: '青禾区人民政府', work: '完成堤防巡查120公里', problems: '部分山塘年久失修', plans: '汛后启动山塘除险加固' },
  请示: { issuer: '云州市青禾区水利局', docNumber: '青水〔2026〕3号', signers: '王明', subject: '申请防汛专项资金', recipient: '青禾区人民政府', reason: '今年汛期降雨偏多，现有防汛物资不足', matter: '恳请区政府拨付防汛专项资金50万元，用于购置防汛物资' },
  批复: { issuer: '云州市青禾区人民政府', docNumber: '青政复〔2026〕4号', subject: '同意拨付防汛专项资金', requester: '云州市青禾区水利局', requestTitle: '关于申请防汛专项资金的请示', requestNumber: '青水〔2026〕3号', decision: '同意拨付防汛专项资金50万元', points: '专款专用，严格管理' },
  议案: { issuer: '云州市青禾区人民政府', subject: '《云州市青禾区养犬管理规定（草案）》', recipient: '云州市青禾区人民代表大会常务委员会', purpose: '为规范养犬行为', points: '草案共二十条', leader: '区长　王明' },
  函: { issuer: '云州市青禾区人民政府办公室', subject: '商请支持青禾大道改造用地', recipient: '云州市自然资源和规划局', points: '青禾大道改造需用地3.2公顷\n恳请贵局给予支持', expectReply: '是' },
  纪要: { meeting: '区政府第30次常务会议', issuer: '云州市青禾区人民政府办公室', meetingDate: '2026年5月8日', host: '区长王明', subject: '防汛工作', points: '原则通过《青禾区防汛应急预案》\n由区水利局牵头落实', attendees: '李华、赵强' },
};

const NOW = new Date('2026-07-01T02:00:00Z');

describe('drafting templates', () => {
  it('has a template for each of the 15 types with its form fields', () => {
    const t = listTemplates();
    expect(t.map((x) => x.type)).toEqual([...DOCUMENT_TYPES]);
    expect(t.find((x) => x.type === '请示')).toMatchObject({ direction: '上行文', closing: '妥否，请批示。' });
    expect(t.find((x) => x.type === '函')).toMatchObject({ direction: '平行文', closing: '特此函告。' });
    for (const x of t) expect(x.fields.some((f) => f.required), x.type).toBe(true);
  });

  it.each(DOCUMENT_TYPES)('a %s drafted from its key points passes its own checker', (type) => {
    const doc = fillTemplate(type, SAMPLE_FIELDS[type], { now: NOW });
    const { text, findings } = lintDocument(doc);
    expect(findings, text).toEqual([]);
    // and reads back as the same document
    expect(parsePlainText(text, { type }).document).toEqual(doc);
  });

  it('writes the conventional phrasing of each type', () => {
    const body = (type: DocumentType, extra: Record<string, string> = {}) => fillTemplate(type, { ...SAMPLE_FIELDS[type], ...extra }, { now: NOW }).body;
    expect(body('请示').split('\n').at(-1)).toBe('妥否，请批示。');
    expect(body('函').split('\n').at(-1)).toBe('请予函复。');
    expect(body('函', { expectReply: '' }).split('\n').at(-1)).toBe('特此函告。');
    expect(body('批复').split('\n')[0]).toBe('你局《关于申请防汛专项资金的请示》（青水〔2026〕3号）收悉。经研究，现批复如下：');
    expect(body('批复').split('\n').at(-1)).toBe('此复。');
    expect(body('通知').split('\n').at(-1)).toBe('特此通知。');
    expect(body('报告').split('\n').at(-1)).toBe('特此报告。');
    expect(body('通报').split('\n').at(-1)).toBe('特此通报。');
    expect(body('纪要')).toContain('现将会议议定事项纪要如下：');
    expect(fillTemplate('通知', SAMPLE_FIELDS.通知, { now: NOW })).toMatchObject({ title: '云州市青禾区人民政府关于做好2026年防汛工作的通知', recipients: '各镇人民政府、街道办事处，区政府各部门：', date: '2026年7月1日', note: '（联系人：张三，0571-12345678）', colophon: { cc: '抄送：区委办公室，区人大常委会办公室。' } });
  });

  it('names each missing key point by label and field', () => {
    expect(() => checkFields('请示', { issuer: '青禾区水利局' })).toThrow(/“事由”（fields.subject）.*“请示事项”（fields.matter）/);
  });

  it('dates in Asia/Shanghai', () => {
    expect(todayInChina(new Date('2026-06-30T17:00:00Z'))).toBe('2026年7月1日');
  });
});
