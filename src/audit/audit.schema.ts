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
