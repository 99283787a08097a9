/**
 * Templates of the 15 文种: the guided form of key points each asks for and the conventional
 * structure and phrasing it fills them into (请示 ends '妥否，请批示。', a 批复 opens by citing
 * the 请示 with its 字号, a 函 asks '请予函复。' or closes '特此函告。' …). The body the template
 * writes is what the LLM, when one is configured, replaces with its own prose.
 */
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { DOCUMENT_TYPES, officialDocumentSchema, type DocumentType, type OfficialDocument } from '../document.model.js';
import { TYPE_INFO, type Direction } from '../document-types.js';

export interface TemplateField {
  name: string;
  label: string;
  required: boolean;
  multiline: boolean;
  hint: string;
}

export interface DocumentTemplate {
  type: DocumentType;
  direction: Direction;
  /** the closing sentence the template writes ('' when the type has none) */
  closing: string;
  fields: TemplateField[];
}

const f = (name: string, label: string, hint: string, opts: { required?: boolean; multiline?: boolean } = {}): TemplateField => ({ name, label, hint, required: opts.required ?? false, multiline: opts.multiline ?? false });

const ISSUER = f('issuer', '发文机关', '如：云州市青禾区人民政府', { required: true });
const DOC_NUMBER = f('docNumber', '发文字号', '如：青政发〔2026〕12号');
const SUBJECT = f('subject', '事由', '标题中“关于”之后、“的”之前的部分，如：做好2026年防汛工作', { required: true });
const RECIPIENTS = f('recipients', '主送机关', '如：各镇人民政府、街道办事处，区政府各部门');
const PURPOSE = f('purpose', '目的或依据', '如：为切实做好今年防汛工作，确保人民群众生命财产安全', { multiline: true });
const POINTS = f('points', '要点', '每行一条，生成“一、”“二、”……', { multiline: true });
const DATE = f('date', '成文日期', '如：2026年7月1日，不填为今天');
const CONTACT = f('contact', '联系人及电话', '如：张三，0571-12345678（写入附注）');
const ATTACHMENTS = f('attachments', '附件名称', '每行一个', { multiline: true });
const CC = f('cc', '抄送机关', '如：区委办公室，区人大常委会办公室');
const SIGNERS = f('signers', '签发人', '上行文须标注，多人用顿号分隔');

const FIELDS: Record<DocumentType, TemplateField[]> = {
  决议: [ISSUER, SUBJECT, f('meeting', '会议名称和日期', '如：2026年5月10日区第十八届人民代表大会第五次会议', { required: true }), PURPOSE, POINTS, DATE],
  决定: [ISSUER, DOC_NUMBER, SUBJECT, RECIPIENTS, PURPOSE, POINTS, DATE, ATTACHMENTS, CC],
  命令: [ISSUER, f('orderNumber', '令号', '如：第12号', { required: true }), f('content', '发布内容', '如：《云州市青禾区防汛应急预案》已经2026年5月8日区人民政府第30次常务会议通过，现予公布，自2026年6月1日起施行', { required: true, multiline: true }), f('leader', '签署人', '如：区长　王明', { required: true }), DATE],
  公报: [ISSUER, SUBJECT, PURPOSE, POINTS, DATE],
  公告: [ISSUER, DOC_NUMBER, SUBJECT, PURPOSE, POINTS, DATE, CONTACT],
  通告: [ISSUER, DOC_NUMBER, SUBJECT, PURPOSE, POINTS, DATE, CONTACT],
  意见: [ISSUER, DOC_NUMBER, SUBJECT, RECIPIENTS, PURPOSE, POINTS, DATE, CC],
  通知: [ISSUER, DOC_NUMBER, SUBJECT, RECIPIENTS, PURPOSE, POINTS, f('requirements', '工作要求', '每行一条，列在要点之后', { multiline: true }), DATE, CONTACT, ATTACHMENTS, CC],
  通报: [ISSUER, DOC_NUMBER, SUBJECT, RECIPIENTS, f('facts', '基本情况', '通报的事实经过', { required: true, multiline: true }), f('evaluation', '分析与处理', '如：给予通报批评', { multiline: true }), POINTS, DATE, CC],
  报告: [ISSUER, DOC_NUMBER, SIGNERS, SUBJECT, f('recipient', '主送机关', '一个上级机关，如：青禾区人民政府', { required: true }), PURPOSE, f('work', '工作开展情况', '每行一条', { multiline: true }), f('problems', '存在的问题', '每行一条', { multiline: true }), f('plans', '下一步打算', '每行一条', { multiline: true }), DATE, CONTACT, CC],
  请示: [ISSUER, DOC_NUMBER, SIGNERS, SUBJECT, f('recipient', '主送机关', '只写一个上级机关，如：青禾区人民政府', { required: true }), f('reason', '请示缘由', '为什么要请示', { required: true, multiline: true }), f('matter', '请示事项', '只写一件事，如：拨付防汛专项资金50万元', { required: true, multiline: true }), DATE, CONTACT, ATTACHMENTS, CC],
  批复: [ISSUER, DOC_NUMBER, SUBJECT, f('requester', '请示单位', '如：青禾区水利局（作主送机关）', { required: true }), f('requestTitle', '请示标题', '如：关于申请防汛专项资金的请示', { required: true }), f('requestNumber', '请示字号', '如：青水〔2026〕3号', { required: true }), f('decision', '批复意见', '如：同意拨付防汛专项资金50万元', { required: true, multiline: true }), POINTS, DATE, CC],
  议案: [ISSUER, SUBJECT, f('recipient', '主送机关', '如：青禾区人民代表大会常务委员会', { required: true }), PURPOSE, POINTS, f('leader', '签署人', '如：区长　王明', { required: true }), DATE],
  函: [ISSUER, DOC_NUMBER, SUBJECT, f('recipient', '主送机关', '如：云州市自然资源和规划局', { required: true }), PURPOSE, POINTS, f('expectReply', '是否需要对方答复', '填“是”时以“请予函复。”结尾，否则“特此函告。”'), DATE, CONTACT, ATTACHMENTS],
  纪要: [f('meeting', '会议名称', '如：区政府第30次常务会议', { required: true }), ISSUER, f('meetingDate', '会议时间', '如：2026年5月8日', { required: true }), f('host', '主持人', '如：区长王明', { required: true }), SUBJECT, POINTS, f('attendees', '出席人员', '如：李华、赵强', { multiline: true }), DATE],
};

/** The closing sentence of a type; a 函 asks for a reply or only informs, as the form says. */
export function closingFor(type: DocumentType, fields: Record<string, string>): string {
  if (type === '函') return /^(是|需要|要)/.test(fields.expectReply ?? '') ? '请予函复。' : '特此函告。';
  if (type === '议案') return '';
  const first = TYPE_INFO[type].closings[0];
  return first ? `${first}。` : '';
}

export function listTemplates(): DocumentTemplate[] {
  return DOCUMENT_TYPES.map((type) => ({ type, direction: TYPE_INFO[type].direction, closing: closingFor(type, {}), fields: FIELDS[type] }));
}

/** Today in Asia/Shanghai as GB/T 9704 prints it: 2026年7月1日. */
export function todayInChina(now = new Date()): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日`;
}

const CN = '一二三四五六七八九十';
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CN[n - 1]!;
  if (n < 20) return `十${CN[n - 11]}`;
  return `${CN[Math.floor(n / 10) - 1]}十${n % 10 ? CN[(n % 10) - 1] : ''}`;
}

/** One point per line, its own numbering ('1.', '一、', '（一）') removed. */
export function lines(s: string | undefined): string[] {
  return (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、])\s*/, ''))
    .filter(Boolean);
}

/** A point as a heading paragraph: '一、加强组织领导。…' (a final full stop added when missing). */
const headed = (items: string[], from = 1) => items.map((t, k) => `${chineseOrdinal(from + k)}、${/[。！？；]$/.test(t) ? t : `${t}。`}`);
const sentence = (s: string) => (/[。！？：]$/.test(s) ? s : `${s}。`);

/** '你局' for a 局, '你委', '你厅', '你办', otherwise '你单位'. */
function youOf(requester: string): string {
  const m = /(局|委|厅|办|院|部|区|县|市|镇|街道)$/.exec(requester.replace(/[：:]$/, ''));
  return m ? `你${m[1]}` : '你单位';
}

/** The 主送机关 as printed: the names and a full-width colon. */
export function recipientLine(s: string): string {
  return `${s.trim().replace(/[：:。，,；;]+$/, '')}：`;
}

/** The 事由 of a title: what stands between '关于' and '的<文种>'. */
export function subjectOfTitle(title: string): string {
  const m = /关于(.+)的[^的]{0,6}$/.exec(title.trim());
  return m ? m[1]! : title.trim();
}

function body(type: DocumentType, v: Record<string, string>, closing: string): string[] {
  const points = lines(v.points);
  const purpose = v.purpose?.trim();
  switch (type) {
    case '通知': {
      const reqs = lines(v.requirements);
      const intro = purpose ? `${purpose.replace(/[。，]$/, '')}，现就有关事项通知如下：` : '现就有关事项通知如下：';
      return [intro, ...headed(points), ...(reqs.length ? [`${chineseOrdinal(points.length + 1)}、工作要求`, ...reqs.map((r, k) => `（${chineseOrdinal(k + 1)}）${sentence(r)}`)] : []), closing];
    }
    case '请示':
      return [sentence(v.reason!.trim()), '现将有关事项请示如下：', ...v.matter!.trim().split(/\r?\n/).filter(Boolean).map(sentence), closing];
    case '报告': {
      const sections: Array<[string, string[]]> = [['工作开展情况', lines(v.work)], ['存在的问题', lines(v.problems)], ['下一步工作打算', lines(v.plans)]];
      const out = [purpose ? `${purpose.replace(/[。，]$/, '')}，现将有关情况报告如下：` : '现将有关情况报告如下：'];
      let n = 0;
      for (const [head, items] of sections) {
        if (items.length === 0) continue;
        out.push(`${chineseOrdinal(++n)}、${head}`, ...items.map((t, k) => `（${chineseOrdinal(k + 1)}）${sentence(t)}`));
      }
      return [...out, closing];
    }
    case '批复': {
      const number = v.requestNumber?.trim();
      const title = v.requestTitle!.trim().replace(/^《|》$/g, '');
      const opening = `${youOf(v.requester!)}《${title}》${number ? `（${number}）` : ''}收悉。经研究，现批复如下：`;
      return [opening, ...headed([v.decision!.trim(), ...points]), closing];
    }
    case '函':
      return [purpose ? sentence(purpose) : `现就${v.subject}有关事项函告如下：`, ...headed(points), closing];
    case '通报':
      return [sentence(v.facts!.trim()), ...(v.evaluation ? [sentence(v.evaluation.trim())] : []), ...(points.length ? ['为此，提出以下要求：', ...headed(points)] : []), closing];
    case '意见':
      return [purpose ? `${purpose.replace(/[。，]$/, '')}，现提出如下意见。` : '现提出如下意见。', ...headed(points)];
    case '决定':
      return [purpose ? `${purpose.replace(/[。，]$/, '')}，经研究，决定如下：` : '经研究，决定如下：', ...headed(points), closing];
    case '决议':
      return [`${v.meeting!.trim()}审议了${v.subject}有关事项。`, ...(purpose ? [sentence(purpose)] : []), ...(points.length ? ['会议决定：', ...headed(points)] : [])];
    case '命令':
      return [sentence(v.content!.trim())];
    case '公报':
    case '公告':
    case '通告':
      return [...(purpose ? [`${purpose.replace(/[。，]$/, '')}，现${type === '公报' ? '公布' : '将有关事项' + type}如下：`] : []), ...headed(points), ...(closing ? [closing] : [])];
    case '议案':
      return [...(purpose ? [sentence(purpose)] : []), ...headed(points), `现将《${v.subject}》提请审议。`];
    case '纪要':
      return [`${v.meetingDate!.trim()}，${v.host!.trim()}主持召开${v.meeting!.trim()}，研究${v.subject}有关事项。现将会议议定事项纪要如下：`, ...headed(points), ...(v.attendees ? [`出席：${v.attendees.trim().replace(/\r?\n/g, '、')}`] : [])];
  }
}

function titleFor(type: DocumentType, v: Record<string, string>): string {
  const issuer = v.issuer!.trim();
  switch (type) {
    case '命令':
      // a 命令 has no title: its 发文机关标志 '…令' and 令号 stand in the 版头
      return '';
    case '纪要':
      return `${v.meeting!.trim()}纪要`;
    case '公报':
      return `${issuer}${v.subject}公报`;
    case '议案':
      return `${issuer}关于提请审议${v.subject.replace(/^提请审议/, '')}的议案`;
    default:
      return `${issuer}关于${v.subject}的${type}`;
  }
}

/** Checks the guided form: every required key point present, named by its label and field. */
export function checkFields(type: DocumentType, fields: Record<string, string>): Record<string, string> {
  const v: Record<string, string> = {};
  for (const [k, val] of Object.entries(fields)) if (typeof val === 'string' && val.trim()) v[k] = val.trim();
  const missing = FIELDS[type].filter((fd) => fd.required && !v[fd.name]);
  if (missing.length) {
    throw new AppError(ErrorCode.ValidationFailed, `请填写${missing.map((m) => `“${m.label}”（fields.${m.name}）`).join('、')}`, { fields: missing.map((m) => m.name) });
  }
  return v;
}

/** The document the template writes from the key points; `bodyText` replaces the template's 正文 (the LLM's draft). */
export function fillTemplate(type: DocumentType, fields: Record<string, string>, opts: { now?: Date; bodyText?: string } = {}): OfficialDocument {
  const v = checkFields(type, fields);
  const closing = closingFor(type, v);
  const issuer = v.issuer!;
  const recipients = v.recipient ?? v.recipients ?? (type === '批复' ? v.requester : undefined);
  const signers = (v.signers ?? '').split(/[、，,\s]+/).filter(Boolean);
  const signature = type === '命令' || type === '议案' ? v.leader! : issuer;
  return officialDocumentSchema.parse({
    type,
    header: {
      issuerMark: type === '命令' ? `${issuer}令` : type === '函' || type === '纪要' ? issuer : `${issuer}文件`,
      docNumber: type === '命令' ? v.orderNumber : v.docNumber,
      signers: TYPE_INFO[type].direction === '上行文' && signers.length ? signers : undefined,
    },
    title: titleFor(type, v),
    recipients: recipients && !['公告', '通告', '命令', '公报', '决议', '纪要'].includes(type) ? recipientLine(recipients) : undefined,
    body: opts.bodyText ?? body(type, v, closing).filter(Boolean).join('\n'),
    attachments: lines(v.attachments).map((title) => ({ title: title.replace(/[。；，]$/, '') })),
    signature: type === '纪要' ? undefined : signature,
    date: v.date ?? todayInChina(opts.now),
    note: v.contact ? `（联系人：${v.contact.replace(/^联系人[：:]/, '')}）` : undefined,
    colophon: { cc: v.cc ? `抄送：${v.cc.replace(/^抄送[：:]/, '').replace(/[。，,；;]$/, '')}。` : undefined },
  });
}

