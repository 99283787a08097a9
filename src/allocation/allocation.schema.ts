/**
 * zod contract of public resource allocation: rounds with declarative eligibility rules and
 * priority groups, registrations, decisions, the public round, the result lookup, objections,
 * the export. The routes, the CLI, the web client's types and the OpenAPI document use these.
 */
import { z } from 'zod';
import { regionOf } from '../prereview/validators/divisions.js';

export const ROUND_STATUSES = ['draft', 'registration', 'review', 'list_published', 'committed', 'drawn'] as const;
export const roundStatusSchema = z.enum(ROUND_STATUSES);
export type RoundStatus = z.infer<typeof roundStatusSchema>;

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: '草稿',
  registration: '报名中',
  review: '资格审核',
  list_published: '合格名单已公示',
  committed: '承诺值已公布',
  drawn: '已抽签',
};

const noTabs = (s: string) => !/[\t\n\r]/.test(s);

const divisionPrefix = z
  .string()
  .trim()
  .regex(/^\d{2}(\d{2}){0,2}$/, '行政区划代码前缀应为 2、4 或 6 位数字')
  .refine((s) => regionOf(s.padEnd(6, '0')) !== null || regionOf(s) !== null, '行政区划代码不存在');

/**
 * Eligibility rules, checked against the applicant's registration with the pre-review
 * validators. Every round also checks the ID number (GB 11643) and the phone number.
 */
export const eligibilityRuleSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('age'), min: z.number().int().min(0).max(150).optional(), max: z.number().int().min(0).max(150).optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, '年龄规则至少需要 min 或 max')
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, '年龄下限不能大于上限'),
  z.object({ type: z.literal('household'), prefixes: z.array(divisionPrefix).min(1).max(50) }),
  z.object({ type: z.literal('income'), max: z.number().min(0) }),
  z.object({ type: z.literal('residenceYears'), min: z.number().int().min(1).max(100) }),
  z.object({ type: z.literal('notHolding') }),
]);
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;

export const groupSchema = z.object({
  name: z.string().trim().min(1).max(100).refine(noTabs, '名称不能含制表符或换行'),
  quota: z.number().int().min(0),
  description: z.string().trim().max(500).default(''),
});
export type Group = z.infer<typeof groupSchema>;

const isoInstant = z.iso.datetime({ offset: true, message: '应为 ISO 8601 时间，例如 2026-12-01T09:00:00+08:00' });

export const roundInputSchema = z
  .object({
    title: z.string().trim().min(1, '请填写轮次名称').max(200).refine(noTabs, '名称不能含制表符或换行'),
    resourceName: z.string().trim().min(1, '请填写资源名称').max(200),
    resourceKind: z.string().trim().min(1, '请填写资源类别').max(100),
    slots: z.number().int().min(1, '名额数至少为 1').max(1_000_000),
    description: z.string().trim().max(4000).optional(),
    rules: z.array(eligibilityRuleSchema).max(20).default([]),
    groups: z.array(groupSchema).max(10).default([]),
    registrationOpensAt: isoInstant,
    registrationClosesAt: isoInstant,
  })
  .superRefine((r, c) => {
    if (new Date(r.registrationClosesAt) <= new Date(r.registrationOpensAt)) c.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: '报名截止时间应晚于开始时间' });
    const names = r.groups.map((g) => g.name);
    if (new Set(names).size !== names.length) c.addIssue({ code: 'custom', path: ['groups'], message: '优先组名称不能重复' });
    const quotas = r.groups.reduce((n, g) => n + g.quota, 0);
    if (quotas > r.slots) c.addIssue({ code: 'custom', path: ['groups'], message: `优先组配额合计 ${quotas} 超过名额数 ${r.slots}` });
    const types = r.rules.map((x) => x.type);
    if (new Set(types).size !== types.length) c.addIssue({ code: 'custom', path: ['rules'], message: '每类资格规则只能有一条' });
  });
export type RoundInput = z.infer<typeof roundInputSchema>;

export const registrationInputSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50).refine(noTabs, '姓名不能含制表符或换行'),
  idNumber: z.string().trim().min(1, '请填写身份证号码').max(40),
  phone: z.string().trim().min(1, '请填写联系电话').max(40),
  householdDivision: z.string().trim().regex(/^\d{6}$/, '户籍所在地应为 6 位行政区划代码'),
  householdSince: z.string().trim().max(40).optional(),
  income: z.number().min(0, '收入不能为负数').max(1e9),
  holding: z.boolean(),
  group: z.string().trim().min(1).max(100).nullable().default(null),
});
export type RegistrationInput = z.infer<typeof registrationInputSchema>;

export const CHECK_STATUSES = ['pass', 'fail', 'uncertain'] as const;
export const checkSchema = z.object({
  rule: z.string(),
  label: z.string(),
  status: z.enum(CHECK_STATUSES),
  explanation: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

export const SUGGESTIONS = ['qualified', 'unqualified', 'uncertain'] as const;
export const suggestionSchema = z.enum(SUGGESTIONS);
export type Suggestion = z.infer<typeof suggestionSchema>;

export const APPLICATION_STATUSES = ['pending', 'qualified', 'unqualified'] as const;
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

export const decisionInputSchema = z.object({
  decision: z.enum(['qualified', 'unqualified']),
  group: z.string().trim().min(1).max(100).nullable().default(null),
  reason: z.string().trim().min(2, '请填写决定理由').max(2000),
});

export const drawInputSchema = z.object({
  publicValue: z
    .string()
    .trim()
    .min(1, '请填写公开随机值')
    .max(200)
    .refine((s) => !/\p{Cc}/u.test(s), '公开随机值不能含控制字符'),
});

export const lookupInputSchema = z.object({
  applicationNo: z.string().trim().min(1, '请填写申请编号').max(64),
  idLast4: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^\d{3}[\dX]$/, '请填写身份证号码后 4 位')),
});

export const OBJECTION_KINDS = ['eligibility', 'result', 'other'] as const;
export const objectionInputSchema = lookupInputSchema.extend({
  kind: z.enum(OBJECTION_KINDS),
  text: z.string().trim().min(5, '申诉内容至少 5 个字').max(2000),
});
export const objectionDecisionSchema = z.object({
  outcome: z.enum(['upheld', 'dismissed']),
  reply: z.string().trim().min(2, '请填写处理意见').max(2000),
});

export const groupViewSchema = z.object({ name: z.string(), quota: z.number().int(), description: z.string() });

export const roundSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  resourceName: z.string(),
  resourceKind: z.string(),
  slots: z.number().int(),
  status: roundStatusSchema,
  statusLabel: z.string(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  applicants: z.number().int(),
  createdAt: z.string(),
});
export type RoundSummary = z.infer<typeof roundSummarySchema>;

export const qualifiedEntrySchema = z.object({ applicationNo: z.string(), name: z.string(), group: z.string().nullable() });
export const resultSchema = z.object({ applicationNo: z.string(), rank: z.number().int(), group: z.string().nullable(), selected: z.boolean() });

/** The public round page: what everyone may see at each stage. */
export const publicRoundSchema = roundSummarySchema.extend({
  description: z.string().nullable(),
  rules: z.array(eligibilityRuleSchema),
  ruleLabels: z.array(z.string()),
  groups: z.array(groupViewSchema),
  algorithm: z.object({ id: z.string(), description: z.string() }),
  qualified: z.array(qualifiedEntrySchema).nullable(),
  listHash: z.string().nullable(),
  listPublishedAt: z.string().nullable(),
  commitment: z.string().nullable(),
  committedAt: z.string().nullable(),
  secret: z.string().nullable(),
  publicValue: z.string().nullable(),
  seed: z.string().nullable(),
  drawnAt: z.string().nullable(),
  results: z.array(resultSchema).nullable(),
});
export type PublicRound = z.infer<typeof publicRoundSchema>;

export const registrationResultSchema = z.object({
  applicationNo: z.string(),
  roundId: z.string(),
  name: z.string(),
  suggestion: suggestionSchema,
  checks: z.array(checkSchema),
});

export const applicationSummarySchema = z.object({
  applicationNo: z.string(),
  name: z.string(),
  status: applicationStatusSchema,
  suggestion: suggestionSchema,
  claimedGroup: z.string().nullable(),
  group: z.string().nullable(),
  createdAt: z.string(),
});

export const decisionViewSchema = z.object({
  decision: z.enum(['qualified', 'unqualified']),
  group: z.string().nullable(),
  reason: z.string(),
  suggestion: suggestionSchema,
  userName: z.string(),
  createdAt: z.string(),
});

export const applicationDetailSchema = applicationSummarySchema.extend({
  roundId: z.string(),
  idNumberMasked: z.string(),
  birthDate: z.string(),
  phoneMasked: z.string(),
  householdDivision: z.string(),
  householdRegion: z.string().nullable(),
  householdSince: z.string().nullable(),
  income: z.number(),
  holding: z.boolean(),
  checks: z.array(checkSchema),
  decisions: z.array(decisionViewSchema),
  canDecide: z.boolean(),
});

export const objectionViewSchema = z.object({
  id: z.number().int(),
  roundId: z.string(),
  applicationNo: z.string(),
  kind: z.enum(OBJECTION_KINDS),
  text: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  reply: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const lookupResultSchema = z.object({
  applicationNo: z.string(),
  roundId: z.string(),
  roundTitle: z.string(),
  name: z.string(),
  status: applicationStatusSchema,
  statusLabel: z.string(),
  reason: z.string().nullable(),
  group: z.string().nullable(),
  drawn: z.boolean(),
  rank: z.number().int().nullable(),
  selected: z.boolean().nullable(),
  objections: z.array(objectionViewSchema),
});

export const staffRoundSchema = publicRoundSchema.extend({
  counts: z.object({ pending: z.number().int(), qualified: z.number().int(), unqualified: z.number().int() }),
  openObjections: z.number().int(),
});

/** The verification file (src/allocation/verify.ts AllocationExport; docs/allocation.md). */
export const exportSchema = z.object({
  format: z.string(),
  algorithm: z.object({ id: z.string(), description: z.string(), specification: z.string() }),
  round: z.object({
    id: z.string(),
    title: z.string(),
    resource: z.object({ name: z.string(), kind: z.string(), slots: z.number().int() }),
    groups: z.array(z.object({ name: z.string(), quota: z.number().int() })),
    registration: z.object({ opensAt: z.string().nullable(), closesAt: z.string().nullable() }),
    listPublishedAt: z.string(),
    committedAt: z.string(),
    drawnAt: z.string(),
  }),
  qualified: z.array(qualifiedEntrySchema),
  listHash: z.string(),
  commitment: z.string(),
  secret: z.string(),
  publicValue: z.string(),
  seed: z.string(),
  results: z.array(resultSchema),
});
