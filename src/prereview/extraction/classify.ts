/**
 * Which kind of document a file is, from the words on it. Titles count most (a form that asks
 * for a 公民身份号码 is still a 申请表), then the field labels a document type prints, then
 * the file name the citizen gave it.
 */
import type { DocType } from '../prereview.schema.js';

interface Cues {
  /** words that name the document: decisive near the top */
  titles: string[];
  /** field labels printed on this document type */
  labels: string[];
}

const CUES: Record<Exclude<DocType, '其他'>, Cues> = {
  居民身份证: { titles: ['居民身份证'], labels: ['公民身份号码', '签发机关', '有效期限', '民族', '出生', '住址', '性别'] },
  户口簿: { titles: ['居民户口簿', '户口簿', '常住人口登记卡'], labels: ['户主姓名', '与户主关系', '户别', '户号', '籍贯', '本市（县）其他住址', '何时由何地迁来'] },
  营业执照: { titles: ['营业执照'], labels: ['统一社会信用代码', '法定代表人', '注册资本', '经营范围', '成立日期', '营业期限', '登记机关', '住所', '类型'] },
  申请表: { titles: ['申请表', '申请书', '登记表', '申报表'], labels: ['申请人', '申请事项', '申请日期', '联系电话', '申请人签名', '签字', '填表日期'] },
  结婚证: { titles: ['结婚证'], labels: ['持证人', '登记日期', '结婚证字号', '婚姻登记'] },
  不动产权证书: { titles: ['不动产权证书', '不动产权', '房屋所有权证'], labels: ['权利人', '共有情况', '坐落', '不动产单元号', '权利类型', '权利性质', '使用期限'] },
};

export interface Classification {
  docType: DocType;
  /** 0–1: share of the winning score in all scores */
  confidence: number;
  /** the words that decided it */
  cues: string[];
}

export function classifyDocument(text: string, fileName = ''): Classification {
  const norm = text.normalize('NFKC').replace(/[ \t\u3000]+/g, '');
  const headLines = norm.split('\n').filter((l) => l.trim() !== '').slice(0, 3);
  // in a title the document's own name comes last: 居民身份证申请表 is a 申请表
  const titled = new Set<DocType>();
  for (const line of headLines) {
    let best: { type: DocType; end: number } | undefined;
    for (const [type, cues] of Object.entries(CUES) as Array<[DocType, Cues]>) {
      for (const t of cues.titles) {
        const at = line.lastIndexOf(t);
        if (at >= 0 && (!best || at + t.length > best.end)) best = { type, end: at + t.length };
      }
    }
    if (best) titled.add(best.type);
  }
  const scores: Array<{ type: DocType; score: number; cues: string[] }> = [];
  for (const [type, cues] of Object.entries(CUES) as Array<[DocType, Cues]>) {
    let score = titled.has(type) ? 10 : 0;
    const found: string[] = [];
    for (const t of cues.titles) {
      if (norm.includes(t)) {
        if (!titled.has(type)) score += 2;
        found.push(t);
      }
    }
    for (const l of cues.labels) {
      if (norm.includes(l)) {
        score += 1;
        found.push(l);
      }
    }
    if (cues.titles.some((t) => fileName.includes(t.slice(-3)))) score += 1;
    scores.push({ type, score, cues: found });
  }
  scores.sort((a, b) => b.score - a.score);
  const best = scores[0]!;
  const total = scores.reduce((s, x) => s + x.score, 0);
  // one stray label is not a document type
  if (best.score < 3) return { docType: '其他', confidence: 0, cues: [] };
  return { docType: best.type, confidence: Math.round((best.score / total) * 100) / 100, cues: best.cues };
}

const MATERIAL_PATTERNS: Array<[DocType, RegExp]> = [
  ['居民身份证', /身份证/gu],
  ['户口簿', /户口/gu],
  ['营业执照', /营业执照/gu],
  ['结婚证', /结婚证/gu],
  ['不动产权证书', /不动产权|房产证|房屋所有权/gu],
  ['申请表', /申请表|申请书|登记表|申报表/gu],
];

/**
 * The document type a material of a service item asks for, from its name; null for other
 * materials. The head noun comes last: 居民身份证换领申请表 is a 申请表, 申请人身份证 an ID card.
 */
export function docTypeOfMaterial(name: string): DocType | null {
  let best: { type: DocType; end: number } | null = null;
  for (const [type, re] of MATERIAL_PATTERNS) {
    for (const m of name.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!best || end > best.end) best = { type, end };
    }
  }
  return best?.type ?? null;
}
