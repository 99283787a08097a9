/**
 * zod contract of material pre-review: rules (JSON, versioned per item), the report, the
 * citizen's and the reviewer's views. The web client and the OpenAPI document use these.
 */
import { z } from 'zod';

export const DOC_TYPES = ['居民身份证', '户口簿', '营业执照', '申请表', '结婚证', '不动产权证书', '其他'] as const;
export const docTypeSchema = z.enum(DOC_TYPES);
export type DocType = z.infer<typeof docTypeSchema>;

/**
 * A value a rule reads: `form.<key>` (the applicant's form field) or
 * `file[<证件类型>].<字段>` (a key field extracted from the first file of that type),
 * e.g. `file[居民身份证].姓名`.
 */
export const FIELD_REF = /^(?:form\.([\p{L}\p{N}_]{1,64})|file\[([\p{Script=Han}]{2,10})\]\.([\p{L}\p{N}_]{1,32}))$/u;
export const fieldRefSchema = z
  .string()
  .regex(FIELD_REF, '字段引用应为 form.<字段名> 或 file[证件类型].<字段名>，例如 file[居民身份证].姓名')
  .refine((s) => {
    const m = FIELD_REF.exec(s);
    return !m?.[2] || (DOC_TYPES as readonly string[]).includes(m[2]);
  }, `证件类型应为：${DOC_TYPES.join('、')}`);

export const VALIDATORS = ['idcard', 'uscc', 'phone', 'date', 'nonempty'] as const;

const base = {
  id: z.string().trim().min(1).max(64).regex(/^[\w.-]+$/u, '规则 id 只能包含字母、数字、_ . -'),
  /** shown in the report; generated from the rule when absent */
  label: z.string().trim().min(1).max(200).optional(),
  /**
   * optional rules leave the report when a value they read was not provided: a form field not
   * filled in, or no file of the type at all (a file that could not be read still counts: uncertain)
   */
  optional: z.boolean().default(false),
};

export const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('required_material'), material: z.string().trim().min(1).max(200), docType: docTypeSchema.optional() }),
  z.object({ ...base, kind: z.literal('field'), field: fieldRefSchema, validator: z.enum(VALIDATORS) }),
  z.object({ ...base, kind: z.literal('not_expired'), docType: docTypeSchema, field: z.string().trim().min(1).max(32).default('有效期限') }),
  z
    .object({ ...base, kind: z.literal('age'), field: fieldRefSchema, min: z.number().int().min(0).max(150).optional(), max: z.number().int().min(0).max(150).optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, '年龄规则至少需要 min 或 max'),
  z.object({ ...base, kind: z.literal('consistency'), a: fieldRefSchema, b: fieldRefSchema }),
  z.object({ ...base, kind: z.literal('condition'), expr: z.string().trim().min(1).max(1000), message: z.string().trim().min(1).max(500) }),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];

export const ruleListSchema = z
  .array(ruleSchema)
  .max(200)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, '规则 id 不能重复');

export const ruleSetSchema = z.object({
  itemId: z.string(),
  /** 0: derived from the item's materials (no rules saved yet) */
  version: z.number().int(),
  source: z.enum(['default', 'custom']),
  rules: z.array(ruleSchema),
  note: z.string().nullable(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdBy: z.string(), note: z.string().nullable() })),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;

export const ruleSetInputSchema = z.object({ rules: ruleListSchema, note: z.string().trim().max(500).optional() });

export const RULE_STATUSES = ['pass', 'fail', 'uncertain'] as const;
export const ruleStatusSchema = z.enum(RULE_STATUSES);
export type RuleStatus = z.infer<typeof ruleStatusSchema>;

export const evidenceSchema = z.object({
  /** the file name, or 申请表单 for the form */
  source: z.string(),
  /** which field or what was looked for */
  field: z.string().optional(),
  /** the text found */
  text: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const ruleResultSchema = z.object({
  ruleId: z.string(),
  kind: z.string(),
  label: z.string(),
  status: ruleStatusSchema,
  /** plain Chinese: what was found and, when not passed, what to fix */
  explanation: z.string(),
  evidence: z.array(evidenceSchema),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

export const reportSchema = z.object({
  /** fail when any rule failed, else uncertain when any was uncertain, else pass — a suggestion, never a decision */
  suggestion: ruleStatusSchema,
  summary: z.string(),
  counts: z.object({ pass: z.number().int(), fail: z.number().int(), uncertain: z.number().int() }),
  results: z.array(ruleResultSchema),
  ruleSetVersion: z.number().int(),
  /** e.g. rules:prereview@item-1/v2 */
  producer: z.string(),
  /** OCR engine used, or none */
  ocrEngine: z.string(),
  checkedAt: z.string(),
});
export type Report = z.infer<typeof reportSchema>;

export const APPLICATION_STATUSES = ['pending', 'supplement', 'accepted', 'rejected'] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;
export const STATUS_LABELS: Record<ApplicationStatus, string> = { pending: '待人工审核', supplement: '需补正材料', accepted: '已受理', rejected: '不予受理' };

export const DECISIONS = ['accept', 'reject', 'supplement'] as const;
export const decisionInputSchema = z.object({
  decision: z.enum(DECISIONS),
  reason: z.string().trim().min(2, '请填写理由（至少 2 个字）').max(2000),
});
export const DECISION_STATUS: Record<(typeof DECISIONS)[number], ApplicationStatus> = { accept: 'accepted', reject: 'rejected', supplement: 'supplement' };

/** Form fields: short text values under short keys. */
export const formSchema = z.record(z.string().trim().min(1).max(64), z.string().max(2000)).refine((f) => Object.keys(f).length <= 60, '表单字段最多 60 个');

export const fileViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  docType: docTypeSchema,
  extraction: z.enum(['text', 'docx', 'ocr', 'none']),
  confidence: z.number().nullable(),
  fields: z.record(z.string(), z.string()),
});

export const decisionViewSchema = z.object({
  decision: z.enum(DECISIONS),
  reason: z.string(),
  revision: z.number().int(),
  decidedAt: z.string(),
});

/** What the citizen sees with the application number and token (personal data masked). */
export const citizenStatusSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  status: applicationStatusSchema,
  statusLabel: z.string(),
  revision: z.number().int(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  /** whether a new revision may be submitted now */
  canResubmit: z.boolean(),
  report: reportSchema,
  files: z.array(fileViewSchema.pick({ name: true, docType: true, extraction: true })),
  decision: decisionViewSchema.nullable(),
});

export const submitResponseSchema = citizenStatusSchema.extend({
  /** shown once: with the application number it opens the status page and allows resubmission */
  token: z.string().optional(),
});

export const queueItemSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  departmentId: z.number().int().nullable(),
  status: applicationStatusSchema,
  revision: z.number().int(),
  suggestion: ruleStatusSchema,
  /** masked (张*) in the list */
  applicantName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const queueResponseSchema = z.object({ items: z.array(queueItemSchema), total: z.number().int() });

export const reviewerDetailSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  itemVersion: z.number().int(),
  itemName: z.string(),
  departmentId: z.number().int().nullable(),
  status: applicationStatusSchema,
  revision: z.number().int(),
  suggestion: ruleStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  form: z.record(z.string(), z.string()),
  report: reportSchema,
  files: z.array(fileViewSchema.extend({ text: z.string(), downloadUrl: z.string() })),
  revisions: z.array(z.object({ revision: z.number().int(), suggestion: ruleStatusSchema, createdAt: z.string() })),
  decisions: z.array(decisionViewSchema.extend({ userName: z.string(), role: z.string() })),
  /** whether this reviewer may decide (own department, not only a sharing grant) */
  canDecide: z.boolean(),
});
export type ReviewerDetail = z.infer<typeof reviewerDetailSchema>;
