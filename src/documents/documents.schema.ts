/** zod schemas of the official-document API: inputs validated at the edge, responses checked in tests. */
import { z } from 'zod';
import { DOCUMENT_TYPES, officialDocumentSchema } from './document.model.js';
import { findingSchema } from './lint/finding.js';

const documentType = z.enum(DOCUMENT_TYPES, { error: () => `文种无效，可选：${DOCUMENT_TYPES.join('、')}` });
const plainText = z.string().max(300_000, '文本不能超过 30 万字');

export const lintInputSchema = z.object({
  text: plainText.min(1, '请填写要检查的公文文本'),
  /** the type the text is meant to be; without it the title's 文种 is used */
  type: documentType.optional(),
});
export const lintResponseSchema = z.object({ findings: z.array(findingSchema), text: z.string().optional() });

export const templateSchema = z.object({
  type: documentType,
  direction: z.enum(['上行文', '下行文', '平行文']),
  closing: z.string(),
  fields: z.array(z.object({ name: z.string(), label: z.string(), required: z.boolean(), multiline: z.boolean(), hint: z.string() })),
});
export const templatesResponseSchema = z.object({ templates: z.array(templateSchema) });

export const draftInputSchema = z.object({
  type: documentType,
  fields: z.record(z.string().max(40), z.string().max(20_000, '单项要点不能超过 2 万字')).default({}),
  /** the received 请示 a 批复 answers: a stored document's id or its plain text */
  fromRequest: z
    .object({ documentId: z.string().min(1).max(32).optional(), text: plainText.optional() })
    .refine((v) => v.documentId !== undefined || v.text !== undefined, '请提供请示的 documentId 或 text')
    .optional(),
});
export const draftResponseSchema = z.object({
  document: officialDocumentSchema,
  text: z.string(),
  findings: z.array(findingSchema),
  producer: z.enum(['template', 'llm']),
  model: z.string().optional(),
  notice: z.string().optional(),
});

export const parseInputSchema = lintInputSchema;
export const parseResponseSchema = z.object({ document: officialDocumentSchema, findings: z.array(findingSchema) });
export const renderInputSchema = z.object({ document: officialDocumentSchema });
export const renderResponseSchema = z.object({ text: z.string(), findings: z.array(findingSchema) });
export const importResponseSchema = z.object({ document: officialDocumentSchema, text: z.string(), findings: z.array(findingSchema) });

export const DOCUMENT_STATUSES = ['drafting', 'reviewing', 'reviewed', 'signed'] as const;
export const documentStatusSchema = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof documentStatusSchema>;
export const STATUS_LABELS: Record<DocumentStatus, string> = { drafting: '拟稿', reviewing: '待核稿', reviewed: '已核稿（待签发）', signed: '已签发' };
export const VERSION_SOURCES = ['manual', 'text', 'template', 'llm', 'import'] as const;

export const saveInputSchema = z
  .object({
    /** the document as the model, or as plain text (parsed) */
    document: officialDocumentSchema.optional(),
    text: plainText.optional(),
    /** the type of a text whose title does not name one */
    type: documentType.optional(),
    /** where the content came from: a draft ('template' | 'llm'), an imported .docx, or typed */
    source: z.enum(VERSION_SOURCES).optional(),
    note: z.string().max(500).optional(),
    /** the version this edit started from: a newer one saved meanwhile is a conflict */
    baseVersion: z.number().int().min(1).optional(),
  })
  .refine((v) => (v.document === undefined) !== (v.text === undefined), { message: '请提供 document 或 text 之一', path: ['document'] });
export type SaveInput = z.infer<typeof saveInputSchema>;

export const reviewInputSchema = z
  .object({ decision: z.enum(['approve', 'return']), reason: z.string().trim().max(1000).optional() })
  .refine((v) => v.decision !== 'return' || !!v.reason, { message: '退回须填写理由', path: ['reason'] });
export const signInputSchema = z
  .object({ decision: z.enum(['sign', 'return']), reason: z.string().trim().max(1000).optional() })
  .refine((v) => v.decision !== 'return' || !!v.reason, { message: '退回须填写理由', path: ['reason'] });

export const documentSummarySchema = z.object({
  id: z.string(),
  type: documentType,
  title: z.string(),
  docNumber: z.string().nullable(),
  status: documentStatusSchema,
  statusLabel: z.string(),
  version: z.number().int(),
  departmentId: z.number().int().nullable(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const flowStepSchema = z.object({
  action: z.enum(['create', 'save', 'submit', 'approve', 'return', 'sign']),
  actorId: z.string(),
  actorName: z.string(),
  role: z.string().nullable(),
  at: z.string(),
  reason: z.string().nullable(),
  version: z.number().int(),
});
export const documentRecordSchema = documentSummarySchema.extend({
  document: officialDocumentSchema,
  text: z.string(),
  findings: z.array(findingSchema),
  flow: z.array(flowStepSchema),
});
export type DocumentRecord = z.infer<typeof documentRecordSchema>;
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const listQuerySchema = z.object({
  status: documentStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const listResponseSchema = z.object({ items: z.array(documentSummarySchema), total: z.number().int() });
export const versionSummarySchema = z.object({ version: z.number().int(), createdAt: z.string(), createdBy: z.string(), createdByName: z.string(), source: z.string(), title: z.string(), note: z.string().nullable() });
export const versionsResponseSchema = z.object({ versions: z.array(versionSummarySchema) });
export const versionDetailSchema = versionSummarySchema.extend({ document: officialDocumentSchema, text: z.string() });
