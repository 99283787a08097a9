/**
 * The API contract of work orders (contract-hotline.md): inputs validated at the edge with
 * Chinese messages naming the field, and the shapes the consoles read.
 */
import { z } from 'zod';
import { chatMessageSchema, phoneSchema } from '../../assistant/chat.schema.js';
import { ORDER_TYPES } from '../classifier/order-type.js';
import { locationSchema } from '../intake/location.js';
import { ACTION_LABELS, ORDER_ACTIONS, ORDER_STATUSES } from './order-state.js';

export const CHANNELS = ['phone', 'web', 'chat', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];
export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;

const text = (label: string, max: number) => z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}最长 ${max} 个字`);
const optionalText = (label: string, max: number) => z.string().trim().max(max, `${label}最长 ${max} 个字`).optional();


const idempotencyKey = z.string().trim().min(8, 'idempotencyKey 至少 8 个字符').max(128, 'idempotencyKey 最长 128 个字符').optional();

export const orderCreateSchema = z.object({
  channel: z.enum(CHANNELS, { error: 'channel 应为 phone、web、chat 或 app' }),
  type: z.enum(ORDER_TYPES, { error: `type 应为 ${ORDER_TYPES.join('、')} 之一` }),
  category: optionalText('类别', 300),
  urgency: z.enum(URGENCIES, { error: 'urgency 应为 normal、urgent 或 emergency' }).default('normal'),
  /** optional only when a chat session is turned into an order: then taken from the transcript */
  title: optionalText('标题', 300),
  content: optionalText('诉求内容', 10_000),
  callerName: optionalText('来电人姓名', 100),
  callerPhone: phoneSchema.optional(),
  location: locationSchema.optional(),
  chatSessionId: z.string().trim().min(1).max(64).optional(),
  idempotencyKey,
  suggestions: z.record(z.string(), z.unknown()).optional(),
});
export type OrderCreateInput = z.infer<typeof orderCreateSchema>;

export const publicOrderCreateSchema = z.object({
  type: z.enum(ORDER_TYPES, { error: `type 应为 ${ORDER_TYPES.join('、')} 之一` }).optional(),
  title: text('标题', 300),
  content: text('诉求内容', 10_000),
  callerName: text('姓名', 100),
  callerPhone: phoneSchema,
  location: locationSchema.optional(),
  idempotencyKey,
});
export type PublicOrderCreateInput = z.infer<typeof publicOrderCreateSchema>;

export const orderActionSchema = z.object({
  action: z.enum(ORDER_ACTIONS, { error: `action 应为 ${ORDER_ACTIONS.join('、')} 之一` }),
  expectedVersion: z.number().int().positive().optional(),
  reason: optionalText('理由', 2000),
  departmentId: z.number().int().positive().optional(),
  coDepartmentIds: z.array(z.number().int().positive()).max(10, '协办单位最多 10 个').optional(),
  reply: optionalText('答复内容', 10_000),
  days: z.number().int().min(1, '延期天数至少 1 个工作日').max(60, '延期天数最多 60 个工作日').optional(),
  satisfaction: z.number().int().min(1, '满意度为 1–5').max(5, '满意度为 1–5').optional(),
  intoOrderId: z.string().trim().min(1).max(32).optional(),
});
export type OrderActionInput = z.infer<typeof orderActionSchema>;

export const orderListQuerySchema = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  type: z.enum(ORDER_TYPES).optional(),
  category: z.string().trim().max(300).optional(),
  q: z.string().trim().max(100).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** pending: orders with an extension request the center has not decided */
  extension: z.enum(['pending']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

const departmentRef = z.object({ id: z.number().int(), name: z.string() });

export const orderSchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  type: z.string(),
  category: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  title: z.string(),
  content: z.string(),
  /** masked (张*) unless the reader takes calls (hotline.intake) */
  callerName: z.string().nullable(),
  /** masked (138****5678) unless the reader takes calls (hotline.intake) */
  callerPhone: z.string().nullable(),
  location: locationSchema,
  divisionCode: z.string().nullable(),
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  coDepartments: z.array(departmentRef),
  mergedInto: z.string().nullable(),
  chatSessionId: z.string().nullable(),
  /** files added to the order; download at /api/v1/hotline/orders/:id/attachments/:seq */
  attachments: z.array(z.object({ seq: z.number().int(), name: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), downloadUrl: z.string() })),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  signDueAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  extendedDays: z.number().int(),
  superviseCount: z.number().int(),
  reopenCount: z.number().int(),
  overdue: z.boolean(),
  overdueAt: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Order = z.infer<typeof orderSchema>;
/** One entry of hotline_orders.attachments (the content is in hotline_attachments). */
export interface AttachmentMeta {
  seq: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

const pendingExtensionSchema = z.object({ days: z.number().int(), reason: z.string().nullable(), requestedBy: z.string(), requestedAt: z.string() });

export const orderSummarySchema = orderSchema.omit({ content: true, reply: true, attachments: true, location: true }).extend({
  /** an extension asked for and not yet decided by the center */
  pendingExtension: pendingExtensionSchema.nullable(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const orderEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type OrderEvent = z.infer<typeof orderEventSchema>;

export const orderDetailSchema = z.object({
  order: orderSchema,
  events: z.array(orderEventSchema),
  transcript: z.array(chatMessageSchema).optional(),
  allowedActions: z.array(z.enum(ORDER_ACTIONS)),
  /** an extension asked for and not yet decided by the center */
  pendingExtension: pendingExtensionSchema.nullable(),
  /** the time limits that apply to this order (most specific rule) */
  limits: z.object({ handleDays: z.number().int(), signHours: z.number().int(), returnDays: z.number().int(), maxExtensionDays: z.number().int() }),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const orderListSchema = z.object({ items: z.array(orderSummarySchema), total: z.number().int() });

export const publicOrderCreatedSchema = z.object({ id: z.string(), trackingCode: z.string(), message: z.string() });

export const publicTrackQuerySchema = z.object({ phone: z.string({ error: '请填写来电号码后四位（phone）' }).regex(/^\d{4}$/, 'phone 应为来电号码后四位数字') });

export const publicOrderStatusSchema = z.object({
  id: z.string(),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  type: z.string(),
  title: z.string(),
  callerName: z.string().nullable(),
  callerPhone: z.string().nullable(),
  departmentName: z.string().nullable(),
  dueAt: z.string().nullable(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  timeline: z.array(z.object({ label: z.string(), status: z.string(), at: z.string() })),
});
export type PublicOrderStatus = z.infer<typeof publicOrderStatusSchema>;

export const deadlineRuleSchema = z.object({
  id: z.number().int().optional(),
  orderType: z.union([z.enum(ORDER_TYPES), z.literal('')], { error: `orderType 应为 ${ORDER_TYPES.join('、')} 之一，或空字符串（任意类型）` }),
  categoryPrefix: z.string().trim().max(300, 'categoryPrefix 最长 300 个字'),
  handleDays: z.number({ error: 'handleDays 应为工作日天数' }).int().min(0, 'handleDays 不能为负').max(120, 'handleDays 最多 120 个工作日'),
  signHours: z.number({ error: 'signHours 应为工作小时数' }).int().min(1, 'signHours 至少 1 个工作小时').max(80, 'signHours 最多 80 个工作小时'),
  returnDays: z.number({ error: 'returnDays 应为工作日天数' }).int().min(0, 'returnDays 不能为负').max(30, 'returnDays 最多 30 个工作日'),
  maxExtensionDays: z.number({ error: 'maxExtensionDays 应为工作日天数' }).int().min(0, 'maxExtensionDays 不能为负').max(120, 'maxExtensionDays 最多 120 个工作日'),
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export const deadlineRulesSchema = z.object({ rules: z.array(deadlineRuleSchema) });

export const actionLabel = (a: string): string => (ACTION_LABELS as Record<string, string>)[a] ?? a;
