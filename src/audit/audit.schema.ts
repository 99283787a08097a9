/** zod schemas of the audit trail: what callers record and what the API returns. */
import { z } from 'zod';
import { ROLES } from '../auth/actor.js';

const ACTION = /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/;

export const auditCitationSchema = z.object({
  docId: z.string(),
  version: z.number().int(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
});

export const auditAiSchema = z.object({
  question: z.string(),
  answer: z.string(),
  citations: z.array(auditCitationSchema),
  producer: z.string().min(1),
  producerVersion: z.string(),
  outcome: z.string().optional(),
});

/** Checks an AuditInput before it is hashed: a bad record is a bug in the caller, named by field. */
export const auditInputSchema = z.object({
  actor: z.object({
    kind: z.enum(['user', 'anonymous', 'system']),
    userId: z.string().max(64).nullable(),
    name: z.string().min(1).max(200),
    role: z.enum(ROLES).nullable(),
    departmentId: z.string().max(64).nullable(),
  }),
  action: z.string().max(100).regex(ACTION, '须为小写点分动作名，如 user.create'),
  entityType: z.string().min(1).max(64).optional(),
  entityId: z.string().min(1).max(200).optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  reason: z.string().max(4000).optional(),
  ai: auditAiSchema.optional(),
  ip: z.string().max(64).optional(),
});

export const auditRecordSchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.object({
    kind: z.string(),
    userId: z.string().nullable(),
    name: z.string(),
    role: z.string().nullable(),
    departmentId: z.string().nullable(),
  }),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  ai: auditAiSchema.nullable(),
  ip: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** `SEQ:HASH`, as `audit anchor` prints it for publication (seq=… sha256=… is accepted too). */
export const anchorSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^seq=(\d+)\s+sha256=/i, '$1:'))
  .pipe(z.string().regex(/^\d+:[0-9a-fA-F]{64}$/, '锚点格式应为 序号:哈希（64 位十六进制）'))
  .transform((s) => {
    const [seq, hash] = s.split(':') as [string, string];
    return { seq: Number(seq), hash: hash.toLowerCase() };
  });
export type AuditAnchor = z.output<typeof anchorSchema>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A day (Asia/Shanghai) or an ISO instant → UTC ISO; `end` turns a day into the next midnight. */
function instant(end: boolean) {
  return z
    .string()
    .refine((s) => DATE_ONLY.test(s) || !Number.isNaN(Date.parse(s)), '应为日期 YYYY-MM-DD 或 ISO 时间')
    // Date.parse rolls 02-30 over into March; a real day formats back to itself
    .refine((s) => !DATE_ONLY.test(s) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s, '日期无效')
    .transform((s) => {
      if (!DATE_ONLY.test(s)) return new Date(s).toISOString();
      const d = new Date(`${s}T00:00:00+08:00`);
      if (end) d.setUTCDate(d.getUTCDate() + 1);
      return d.toISOString();
    });
}

/** Filters of the list and the export: actor (login name or user id), action, entity, time. */
const filterText = (max: number) => z.string().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);

export const auditFilterSchema = z.object({
  actor: filterText(200).optional(),
  action: filterText(100).optional(),
  entityType: filterText(64).optional(),
  entityId: filterText(200).optional(),
  /** inclusive; a date means its first moment in Asia/Shanghai */
  from: instant(false).optional(),
  /** exclusive for an instant; a date includes that whole day */
  to: instant(true).optional(),
});
export type AuditFilterInput = z.output<typeof auditFilterSchema>;

export const auditListQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int('应为整数').min(1, '至少为 1').max(500, '最多为 500').default(50),
  beforeSeq: z.coerce.number().int('应为整数').positive('应为正整数').optional(),
});

export const auditListSchema = z.object({ items: z.array(auditRecordSchema), nextBeforeSeq: z.number().int().optional() });

export const chainProblemSchema = z.enum(['seq_gap', 'hash_mismatch', 'prev_hash_mismatch', 'anchor_mismatch', 'truncated']);

export const verifyResultSchema = z.object({
  ok: z.boolean(),
  /** records checked (all of them when ok) */
  count: z.number().int(),
  /** the newest record in the table */
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBad: z.object({ seq: z.number().int(), problem: chainProblemSchema, message: z.string() }).optional(),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const anchorResultSchema = z.object({ seq: z.number().int(), hash: z.string(), at: z.string() });
