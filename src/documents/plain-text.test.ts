import { describe, expect, it } from 'vitest';
import { officialDocumentSchema } from './document.model.js';
import { parsePlainText, renderPlainText } from './plain-text.js';

const DOC = officialDocumentSchema.parse({
  type: '请示',
  header: { secrecy: '秘密★1年', urgency: '特急', issuerMark: '云州市青禾区水利局文件', docNumber: '青水〔2026〕3号', signers: ['王明', '李华'] },
  title: '云州市青禾区水利局关于申请防汛专项资金的请示',
  recipients: '青禾区人民政府：',
  body: '为做好今年防汛工作，现将有关事项请示如下：\n一、资金需求\n需专项资金50万元。\n妥否，请批示。',
  attachments: [{ title: '防汛资金测算表', content: '项目\t金额\n物资\t30万元' }, { title: '防汛物资清单' }],
  signature: '云州市青禾区水利局',
  date: '2026年5月10日',
  note: '（联系人：张三，电话：0571-12345678）',
  colophon: { cc: '抄送：区财政局。', printer: '云州市青禾区水利局办公室', printDate: '2026年5月10日' },
});

describe('plain text ⇄ document model', () => {
  it('renders every element in GB/T 9704 order and parses it back unchanged', () => {
    const text = renderPlainText(DOC);
    expect(text.indexOf('青水〔2026〕3号')).toBeLessThan(text.indexOf('关于申请'));
    expect(text).toContain('签发人：王明');
    expect(text).toContain('附件：1.防汛资金测算表');
    const parsed = parsePlainText(text);
    expect(parsed.document).toEqual(DOC);
    expect(parsed.titleType).toEqual({ type: '请示', word: '请示' });
  });

  it('gives each element its offsets in the text', () => {
    const text = renderPlainText(DOC);
    const { spans } = parsePlainText(text);
    expect(text.slice(spans.docNumber!.start, spans.docNumber!.end)).toBe('青水〔2026〕3号');
    expect(text.slice(spans.title!.start, spans.title!.end)).toBe(DOC.title);
    expect(text.slice(spans.recipients!.start, spans.recipients!.end)).toBe('青禾区人民政府：');
    expect(text.slice(spans.date!.start, spans.date!.end)).toBe('2026年5月10日');
    expect(spans.body.map((s) => text.slice(s.start, s.end))).toEqual(DOC.body.split('\n'));
  });

  it('splits a flattened text at its spaces and finds the closing elements', () => {
    const flat = '关于做好防汛工作的通知 各镇人民政府： 为做好防汛工作，通知如下： 一、加强领导 1. 明确分工。 特此通知。 附件：1.名单 2.清单 青禾区人民政府 2026年5月10日 （此件公开发布）';
    const p = parsePlainText(flat);
    expect(p.flattened).toBe(true);
    expect(p.document).toMatchObject({ title: '关于做好防汛工作的通知', recipients: '各镇人民政府：', signature: '青禾区人民政府', date: '2026年5月10日', note: '（此件公开发布）' });
    expect(p.document.body.split('\n')).toEqual(['为做好防汛工作，通知如下：', '一、加强领导', '1. 明确分工。', '特此通知。']);
    expect(p.document.attachments.map((a) => a.title)).toEqual(['名单', '清单']);
  });

  it('skips drawn rules of the 版头 and 版记', () => {
    const text = '云州市青禾区人民政府文件\n青政发〔2026〕12号\n——————————————\n关于做好防汛工作的通知\n各镇人民政府：\n　　特此通知。\n\n云州市青禾区人民政府\n2026年5月10日\n────────────\n抄送：区委办公室。\n────────────\n云州市青禾区人民政府办公室　　2026年5月10日印发\n';
    const { document } = parsePlainText(text);
    expect(document).toMatchObject({ title: '关于做好防汛工作的通知', body: '特此通知。', colophon: { cc: '抄送：区委办公室。', printer: '云州市青禾区人民政府办公室', printDate: '2026年5月10日' } });
  });

  it('keeps what it cannot place in 正文 and never throws', () => {
    for (const text of ['', '   ', '只有一句话', '附件：', '2026年5月10日', `${'长'.repeat(300)}\n正文`]) {
      expect(() => parsePlainText(text), JSON.stringify(text)).not.toThrow();
    }
    expect(parsePlainText('只有一句话').document.title).toBe('只有一句话');
  });
});
