import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, type DocumentType } from '../document.model.js';
import { lintDocument } from '../lint/index.js';
import { parsePlainText } from '../plain-text.js';
import { SAMPLE_FIELDS } from '../../../test/fixtures/documents/sample-fields.js';
import { checkFields, fillTemplate, listTemplates, todayInChina } from './templates.js';

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
