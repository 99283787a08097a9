/**
 * Key fields of a document from its text: "label value" pairs as printed (姓名 张三), as OCR
 * returns them without spaces (姓名张三), or as table cells on separate lines (DOCX tables),
 * plus identifier patterns found anywhere when no label carried them. Labels are matched
 * longest first, left to right, so 企业名称 is one label and a label may directly follow the
 * previous value (性别男民族汉).
 */
import { parseDocumentDate, parseValidityPeriod } from '../validators/dates.js';
import type { DocType } from '../prereview.schema.js';

/** Printed label → the field name rules use. */
const ALIASES: Record<string, string> = {
  姓名: '姓名',
  申请人姓名: '姓名',
  申请人: '姓名',
  持证人: '持证人',
  性别: '性别',
  民族: '民族',
  出生: '出生日期',
  出生日期: '出生日期',
  住址: '住址',
  家庭住址: '住址',
  联系地址: '住址',
  地址: '住址',
  住所: '住所',
  经营场所: '住所',
  公民身份号码: '公民身份号码',
  身份证号码: '公民身份号码',
  身份证号: '公民身份号码',
  身份证件号码: '公民身份号码',
  身份证件号: '公民身份号码',
  签发机关: '签发机关',
  有效期限: '有效期限',
  有效期: '有效期限',
  签发日期: '签发日期',
  名称: '名称',
  企业名称: '名称',
  单位名称: '名称',
  统一社会信用代码: '统一社会信用代码',
  法定代表人: '法定代表人',
  负责人: '法定代表人',
  经营者: '法定代表人',
  类型: '类型',
  注册资本: '注册资本',
  成立日期: '成立日期',
  营业期限: '营业期限',
  经营范围: '经营范围',
  登记机关: '登记机关',
  联系电话: '联系电话',
  手机号码: '联系电话',
  电话: '联系电话',
  申请事项: '申请事项',
  申请日期: '申请日期',
  户主姓名: '户主姓名',
  与户主关系: '与户主关系',
  登记日期: '登记日期',
  结婚证字号: '结婚证字号',
  权利人: '权利人',
  共有情况: '共有情况',
  坐落: '坐落',
  不动产单元号: '不动产单元号',
  权利类型: '权利类型',
  用途: '用途',
  面积: '面积',
  使用期限: '使用期限',
  // longer labels that contain a shorter one: matched whole so 出生地 is not read as 出生 + 地
  出生地: '出生地',
  事项名称: '事项名称',
  申请人签名: '签名',
  签名: '签名',
  户籍地址: '户籍地址',
};

const LABELS = Object.keys(ALIASES).sort((a, b) => b.length - a.length);
const LABEL_RE = new RegExp(LABELS.join('|'), 'gu');
const ID_RE = /(?<![0-9A-Z])[1-9]\d{16}[\dX](?![0-9A-Z])/u;
const USCC_RE = /(?<![0-9A-Z])[0-9ANY][0-9A-HJ-NPQRTUWXY]{17}(?![0-9A-Z])/u;

export type Fields = Record<string, string>;

export function extractFields(text: string, docType: DocType): Fields {
  const lines = text
    .normalize('NFKC')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const out: Fields = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const hits = [...line.matchAll(LABEL_RE)];
    for (let h = 0; h < hits.length; h++) {
      const m = hits[h]!;
      const end = h + 1 < hits.length ? hits[h + 1]!.index! : line.length;
      let value = line.slice(m.index! + m[0].length, end).replace(/^[\s:：]+/u, '').trim();
      // a table: the value is the next line when this cell holds only the label
      if (value === '' && h === hits.length - 1 && i + 1 < lines.length && !startsWithLabel(lines[i + 1]!)) value = lines[i + 1]!;
      const field = ALIASES[m[0]]!;
      if (value !== '' && out[field] === undefined) out[field] = clean(field, value);
    }
  }
  const flat = text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!out['公民身份号码'] && docType !== '营业执照') {
    const id = ID_RE.exec(flat);
    if (id) out['公民身份号码'] = id[0];
  }
  if (!out['统一社会信用代码'] && docType === '营业执照') {
    const code = USCC_RE.exec(flat);
    if (code) out['统一社会信用代码'] = code[0];
  }
  if (out['有效期限']) {
    const p = parseValidityPeriod(out['有效期限']);
    if (p) out['有效期至'] = p.indefinite ? '长期' : (p.to ?? '');
    if (out['有效期至'] === '') delete out['有效期至'];
  }
  for (const f of ['出生日期', '签发日期', '成立日期', '登记日期', '申请日期']) {
    const d = out[f] ? parseDocumentDate(out[f]) : null;
    if (d) out[f] = d;
  }
  return out;
}

function startsWithLabel(line: string): boolean {
  return LABELS.some((l) => line.startsWith(l));
}

function clean(field: string, value: string): string {
  const v = value.replace(/[，。；;,]+$/u, '').trim();
  if (field === '公民身份号码' || field === '统一社会信用代码' || field === '联系电话') return v.replace(/\s+/g, '').toUpperCase();
  // names are written with spaces between characters on some forms: 张 三
  if (field === '姓名' || field === '持证人' || field === '法定代表人' || field === '户主姓名') return /^[\p{Script=Han}·\s]+$/u.test(v) ? v.replace(/\s+/g, '') : v;
  return v;
}
