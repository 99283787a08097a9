/**
 * The official document (公文) model shared by drafting, the checker, versions and export
 * (issue #7; DOMAIN.md §4, GB/T 9704-2012 parts: 版头, 主体, 版记). Text fields hold the
 * text as it is printed, so a document can be rendered to plain text and back.
 */
import { z } from 'zod';

/** 党政机关公文处理工作条例 第八条 */
export const DOCUMENT_TYPES = ['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const text = (max: number) => z.string().max(max, `不能超过 ${max} 字`);

export const documentHeaderSchema = z.object({
  /** 份号: 6 digits, only on classified documents */
  copyNumber: text(6).optional(),
  /** 密级和保密期限, e.g. '秘密★1年' */
  secrecy: text(20).optional(),
  /** 紧急程度: 特急 | 加急 */
  urgency: text(10).optional(),
  /** 发文机关标志, e.g. '云州市青禾区人民政府文件' or '云州市青禾区人民政府' (函) */
  issuerMark: text(100),
  /** 发文字号, e.g. '青政发〔2026〕12号' */
  docNumber: text(50).optional(),
  /** 签发人 of an upward document (请示, 报告), in signing order */
  signers: z.array(text(20)).max(10).optional(),
});

export const documentAttachmentSchema = z.object({
  /** the attachment's name as listed in 附件说明 (without the number) */
  title: text(200),
  /** the attachment's own text, printed after the 版记-less main part */
  content: text(200_000).optional(),
});

export const officialDocumentSchema = z.object({
  type: z.enum(DOCUMENT_TYPES, { error: () => `文种无效，可选：${DOCUMENT_TYPES.join('、')}` }),
  header: documentHeaderSchema,
  /** 标题, e.g. '云州市青禾区人民政府关于做好2026年防汛工作的通知' */
  title: text(200),
  /** 主送机关 as printed, ending with '：' */
  recipients: text(500).optional(),
  /** 正文: one paragraph per line; headings carry their own 一、 （一） 1. （1） prefixes */
  body: text(200_000),
  /** 附件说明 entries, in order */
  attachments: z.array(documentAttachmentSchema).max(50).default([]),
  /** 署名 (发文机关署名) */
  signature: text(100).optional(),
  /** 成文日期 as printed, e.g. '2026年7月1日' */
  date: text(20).optional(),
  /** whether the document carries a seal (印章); decides where 署名 and 成文日期 sit */
  sealed: z.boolean().default(true),
  /** 附注, printed in parentheses, e.g. '（联系人：张三，电话：0571-12345678）' */
  note: text(500).optional(),
  colophon: z
    .object({
      /** 抄送 as printed, ending with '。' */
      cc: text(500).optional(),
      /** 印发机关 */
      printer: text(100).optional(),
      /** 印发日期, e.g. '2026年7月1日印发' without '印发' */
      printDate: text(20).optional(),
    })
    .default({}),
});

export type OfficialDocument = z.infer<typeof officialDocumentSchema>;
export type DocumentHeader = z.infer<typeof documentHeaderSchema>;
