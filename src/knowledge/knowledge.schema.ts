/**
 * Knowledge-base entry schemas. These zod schemas are the contract for imports (JSONL,
 * CSV/XLSX, Markdown, DOCX/PDF all end up here), for the HTTP API and for the web client.
 * Field names are English camelCase; docs/KNOWLEDGE-FORMAT.md maps them to the national
 * 办事指南 terms of DOMAIN.md §1 and §2.
 */
import { z } from 'zod';
import { validateSituations } from './situations.js';

export const ENTRY_KINDS = ['item', 'policy', 'law', 'faq'] as const;
export const entryKindSchema = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof entryKindSchema>;

export const ENTRY_STATUSES = ['draft', 'published', 'retired'] as const;
export const entryStatusSchema = z.enum(ENTRY_STATUSES);
export type EntryStatus = z.infer<typeof entryStatusSchema>;

/** Calendar date YYYY-MM-DD (validity dates, promulgation dates). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '日期不存在');

/** Entry ids appear in URLs and citations: keep them printable and bounded. */
export const entryIdSchema = z
  .string()
  .min(1, 'id 不能为空')
  .max(128, 'id 最长 128 个字符')
  .regex(/^[^\s/?#]+$/u, 'id 不能包含空白、/、? 或 #');

const text = (max = 20000) => z.string().trim().min(1).max(max);
const optText = (max = 20000) => z.string().trim().max(max).optional();

/** 时限: number + unit (工作日/自然日) + 说明 */
export const timeLimitSchema = z.object({
  value: z.number().int().min(0),
  unit: z.enum(['工作日', '自然日', '小时', '即时']).default('工作日'),
  note: optText(500),
});

/** Ids of questions, options and materials inside one item: short, printable, no spaces. */
export const localIdSchema = z
  .string()
  .min(1, '编号不能为空')
  .max(64, '编号最长 64 个字符')
  .regex(/^[^\s/]+$/u, '编号不能包含空白或 /');

export const materialSchema = z.object({
  /** optional stable id that 情形 options may name instead of the material's name */
  id: localIdSchema.optional(),
  name: text(200),
  /** 1 证件证书证明 / 2 申请表格文书 / 3 其他 */
  type: z.enum(['1', '2', '3']).default('3'),
  /** 10 申请人自备 / 20 政府部门核发 / 99 其他 */
  source: z.enum(['10', '20', '99']).default('10'),
  /** 1 必要 / 2 非必要 / 3 容缺后补 */
  necessity: z.enum(['1', '2', '3']).default('1'),
  form: z.enum(['纸质', '电子', '纸质/电子']).default('纸质/电子'),
  originals: z.number().int().min(0).default(0),
  copies: z.number().int().min(0).default(0),
  paperSpec: optText(100),
  blankForm: optText(500),
  sample: optText(500),
  notes: optText(2000),
  acceptanceStandard: optText(2000),
  basis: optText(1000),
});
export type Material = z.infer<typeof materialSchema>;

export const feeSchema = z.object({
  name: text(200),
  standard: text(500),
  basis: optText(500),
  reducible: z.boolean().default(false),
});

export const processStepSchema = z.object({
  name: text(100),
  handler: optText(100),
  timeLimit: optText(100),
  description: optText(2000),
});

export const faqPairSchema = z.object({ question: text(500), answer: text(5000) });

/** A change an option makes to one of the item's materials, named by its id or name. */
export const materialUpdateSchema = z.object({
  material: text(200),
  necessity: z.enum(['1', '2', '3']).optional(),
  form: z.enum(['纸质', '电子', '纸质/电子']).optional(),
  originals: z.number().int().min(0).optional(),
  copies: z.number().int().min(0).optional(),
  notes: optText(2000),
});

export type MaterialUpdate = z.infer<typeof materialUpdateSchema>;

/**
 * 情形 tree: each question's options may add, remove or change materials, conditions, time
 * limits, fees, places and visits, and may lead to follow-up questions (`next`), which are
 * asked only when that option is chosen. The fields added after the first format
 * (`id`, `updateMaterials`, `removeConditions`, time limits, fees, places, visits, `multiple`)
 * are optional without defaults, so bodies written before them keep their content hash.
 */
export const situationOptionSchema = z.object({
  /** stable option id; when absent the option is named by its position, "1", "2" … */
  id: localIdSchema.optional(),
  label: text(200),
  addMaterials: z.array(materialSchema).default([]),
  /** materials no longer needed, by material id or name */
  removeMaterials: z.array(z.string()).default([]),
  updateMaterials: z.array(materialUpdateSchema).optional(),
  addConditions: z.array(z.string()).default([]),
  /** conditions that no longer apply, by their exact text */
  removeConditions: z.array(z.string()).optional(),
  legalTimeLimit: timeLimitSchema.optional(),
  promisedTimeLimit: timeLimitSchema.optional(),
  addFees: z.array(feeSchema).optional(),
  /** fees that do not apply, by fee name */
  removeFees: z.array(z.string()).optional(),
  /** only these places (by name) handle this case */
  places: z.array(z.string()).optional(),
  visits: z.number().int().min(0).optional(),
  note: optText(1000),
  /** follow-up question id(s), asked only when this option is chosen */
  next: z.union([z.string(), z.array(z.string())]).optional(),
});
export const situationQuestionSchema = z.object({
  id: localIdSchema,
  question: text(500),
  /** several options may apply at once (answers are then a list) */
  multiple: z.boolean().optional(),
  help: optText(1000),
  options: z.array(situationOptionSchema).min(2),
});
export type SituationOption = z.infer<typeof situationOptionSchema>;
export type SituationQuestion = z.infer<typeof situationQuestionSchema>;

export const legalBasisSchema = z.object({
  title: text(300),
  article: optText(100),
  docNumber: optText(100),
});

const commonFields = {
  id: entryIdSchema,
  status: entryStatusSchema.default('published'),
  validFrom: isoDateSchema.optional(),
  validTo: isoDateSchema.optional(),
  region: optText(100),
  department: optText(200),
  tags: z.array(z.string().max(50)).default([]),
};

export const serviceItemSchema = z.object({
  kind: z.literal('item'),
  ...commonFields,
  name: text(200),
  /** 基本编码 (12 chars) */
  baseCode: optText(40),
  /** 实施编码 */
  implCode: optText(60),
  /** 事项类型 code or label (许可/给付/确认/公共服务…); the code table is configuration */
  itemType: optText(50),
  level: optText(50),
  agency: optText(200),
  agencyCode: optText(40),
  delegatedAgency: optText(200),
  serviceObjects: z.array(z.enum(['自然人', '法人'])).default(['自然人']),
  /** 办件类型 即办件/承诺件 */
  caseType: optText(20),
  handlingForms: z.array(z.string().max(20)).default([]),
  summary: optText(2000),
  conditions: z.array(z.string().trim().min(1).max(2000)).default([]),
  materials: z.array(materialSchema).default([]),
  situations: z.array(situationQuestionSchema).default([]),
  legalTimeLimit: timeLimitSchema.optional(),
  promisedTimeLimit: timeLimitSchema.optional(),
  visits: z.number().int().min(0).default(1),
  visitReason: optText(500),
  charged: z.boolean().default(false),
  fees: z.array(feeSchema).default([]),
  process: z.array(processStepSchema).default([]),
  places: z.array(z.object({ name: text(200), address: text(300), hours: optText(300), phone: optText(100) })).default([]),
  hours: optText(300),
  phone: optText(100),
  complaintPhone: optText(100),
  onlineUrl: optText(500),
  appointment: z.boolean().optional(),
  delivery: z.boolean().optional(),
  onlinePayment: z.boolean().optional(),
  legalBasis: z.array(legalBasisSchema).default([]),
  resultName: optText(200),
  resultType: optText(100),
  scope: optText(100),
  faq: z.array(faqPairSchema).default([]),
}).superRefine((item, ctx) => {
  for (const issue of validateSituations(item)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
export type ServiceItemInput = z.input<typeof serviceItemSchema>;
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const VALIDITY = ['现行有效', '已修改', '已废止', '尚未生效'] as const;

/** Policy documents and laws share one shape: laws usually come with chapters/articles. */
const policyFields = {
  ...commonFields,
  title: optText(500),
  docNumber: optText(100),
  issuer: optText(200),
  writtenDate: isoDateSchema.optional(),
  publishDate: isoDateSchema.optional(),
  effectiveDate: isoDateSchema.optional(),
  expiryDate: isoDateSchema.optional(),
  validity: z.enum(VALIDITY).optional(),
  /** Full text exactly as published; passages and citations are offsets into it. */
  text: z.string().min(1, '正文不能为空').max(2_000_000),
};
export const policySchema = z.object({ kind: z.literal('policy'), ...policyFields });
export const lawSchema = z.object({ kind: z.literal('law'), ...policyFields });
export type PolicyInput = z.input<typeof policySchema>;
export type Policy = z.infer<typeof policySchema> | z.infer<typeof lawSchema>;

export const faqSchema = z.object({
  kind: z.literal('faq'),
  ...commonFields,
  question: text(500),
  answer: text(10000),
  alternatives: z.array(z.string().trim().min(1).max(500)).default([]),
  /** the service item or policy this FAQ belongs to, when any */
  relatedId: z.string().optional(),
});
export type Faq = z.infer<typeof faqSchema>;

export const entryInputSchema = z.discriminatedUnion('kind', [serviceItemSchema, policySchema, lawSchema, faqSchema]);
export type EntryInput = z.input<typeof entryInputSchema>;
export type EntryBody = z.infer<typeof entryInputSchema>;

/** A passage: a span [start, end) of an entry version's text, the unit search returns. */
export const passageSchema = z.object({
  seq: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  /** field name for items (materials, conditions…), article number for laws, section heading for policies */
  label: z.string(),
});
export type Passage = z.infer<typeof passageSchema>;

export const entryVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: entryKindSchema,
  title: z.string(),
  status: entryStatusSchema,
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  region: z.string().nullable(),
  department: z.string().nullable(),
  serviceObjects: z.array(z.string()),
  docNumber: z.string().nullable(),
  contentHash: z.string(),
  createdAt: z.string(),
  /** canonical text: citations and passage offsets refer to it */
  text: z.string(),
  passages: z.array(passageSchema),
  body: z.record(z.string(), z.unknown()),
  /** whether this version is the one in force on the requested date */
  inForce: z.boolean(),
  latestVersion: z.number().int(),
});
export type EntryVersion = z.infer<typeof entryVersionSchema>;

export const entryHistorySchema = z.object({
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: entryStatusSchema,
      title: z.string(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      contentHash: z.string(),
      createdAt: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export type EntryHistory = z.infer<typeof entryHistorySchema>;
