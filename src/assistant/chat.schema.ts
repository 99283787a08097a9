/**
 * HTTP contract of the conversation service (issue #4): the citizen's chat, the agent console
 * and the knowledge manager's review. The web client's types come from these schemas.
 */
import { z } from 'zod';

export const CHAT_MODES = ['bot', 'queued', 'agent', 'closed'] as const;
export type ChatMode = (typeof CHAT_MODES)[number];
export const CHAT_CHANNELS = ['web', 'widget', 'api'] as const;
export const MESSAGE_ROLES = ['citizen', 'assistant', 'agent', 'system'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export const CHAT_OUTCOMES = ['answered', 'clarify', 'handoff', 'refused'] as const;

/** The citizen-facing 404 for an unknown session id. */
export const SESSION_NOT_FOUND = '会话不存在或已失效，请重新开始对话';

export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '会话编号格式不正确');

export const chatRequestSchema = z.object({
  sessionId: sessionIdSchema.optional(),
  message: z.string().trim().min(1, '请输入您的问题').max(1000, '问题最长 1000 个字'),
  channel: z.enum(CHAT_CHANNELS).default('web'),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export const citationSchema = z.object({
  docId: z.string(),
  version: z.number().int(),
  title: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  label: z.string().optional(),
});

/** What a handoff means for the citizen right now: a queue (office hours) or a callback request. */
export const handoffInfoSchema = z.object({
  /** true: waiting for a live agent; false: outside office hours, a callback request is offered */
  available: z.boolean(),
  officeHours: z.string(),
  /** the notice shown to the citizen (also stored in the transcript as a system message) */
  message: z.string(),
});
export type HandoffInfo = z.infer<typeof handoffInfoSchema>;

export const chatResponseSchema = z.object({
  sessionId: z.string(),
  /** the assistant's message (rate it with /feedback); when relayed to an agent: the citizen's message */
  messageId: z.number().int(),
  /** highest seq now in the session: poll `/chat/:sessionId/messages?after=seq` from here */
  seq: z.number().int(),
  mode: z.enum(CHAT_MODES),
  answer: z.string(),
  citations: z.array(citationSchema),
  outcome: z.enum(CHAT_OUTCOMES),
  reason: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
  /** true when the message went to the live agent instead of the assistant */
  relayed: z.boolean(),
  handoff: handoffInfoSchema.optional(),
});
export type ChatResponse = z.infer<typeof chatResponseSchema>;

export const chatMessageSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  role: z.enum(MESSAGE_ROLES),
  text: z.string(),
  outcome: z.enum(CHAT_OUTCOMES).nullable(),
  reason: z.string().nullable(),
  citations: z.array(citationSchema),
  suggestions: z.array(z.string()).nullable(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

export const messagesResponseSchema = z.object({
  sessionId: z.string(),
  mode: z.enum(CHAT_MODES),
  messages: z.array(chatMessageSchema),
});
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;

export const handoffResponseSchema = handoffInfoSchema.extend({ sessionId: z.string(), mode: z.enum(CHAT_MODES) });

/** Mainland mobile (1xxxxxxxxxx) or landline with area code (0xx-xxxxxxxx), spaces and dashes ignored. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .refine((s) => /^1[3-9]\d{9}$/.test(s) || /^0\d{2,3}\d{7,8}$/.test(s), '请填写正确的手机号码或带区号的固定电话');

export const callbackRequestSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50, '姓名最长 50 个字'),
  phone: phoneSchema,
  preferredTime: z.string().trim().max(100, '方便联系的时间最长 100 个字').optional(),
  note: z.string().trim().max(500, '备注最长 500 个字').optional(),
});
export type CallbackRequestInput = z.infer<typeof callbackRequestSchema>;

export const CALLBACK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const callbackSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  /** masked (张*); name and number in full only through the audited contact endpoint */
  name: z.string(),
  /** masked (138****5678) */
  phone: z.string(),
  preferredTime: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(CALLBACK_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Callback = z.infer<typeof callbackSchema>;

export const feedbackRequestSchema = z.object({
  useful: z.boolean(),
  reason: z.string().trim().max(500, '原因最长 500 个字').optional(),
});
export const feedbackResponseSchema = z.object({ messageId: z.number().int(), useful: z.boolean(), reason: z.string().nullable() });

// ---- agent console ----

export const sessionSummarySchema = z.object({
  sessionId: z.string(),
  mode: z.enum(CHAT_MODES),
  channel: z.string(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  queuedAt: z.string().nullable(),
  takenAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  handoffReason: z.string().nullable(),
  agentUserId: z.string().nullable(),
  agentName: z.string().nullable(),
  /** the citizen's last message */
  preview: z.string().nullable(),
  lastSeq: z.number().int(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const agentQueueSchema = z.object({
  /** waiting for an agent, longest waiting first */
  queued: z.array(sessionSummarySchema),
  /** taken by the calling agent and not closed */
  mine: z.array(sessionSummarySchema),
  /** open callback requests */
  openCallbacks: z.number().int(),
  officeHours: z.string(),
  open: z.boolean(),
});

export const agentSessionSchema = z.object({
  session: sessionSummarySchema,
  messages: z.array(chatMessageSchema),
  callbacks: z.array(callbackSchema),
});

export const agentMessageRequestSchema = z.object({ text: z.string().trim().min(1, '请输入回复内容').max(2000, '回复最长 2000 个字') });
export const agentCloseRequestSchema = z.object({ reason: z.string().trim().max(500).optional() });
export const callbackUpdateSchema = z.object({ status: z.enum(['done', 'cancelled']), note: z.string().trim().max(500).optional() });
export const callbackContactSchema = z.object({ id: z.string(), name: z.string(), phone: z.string() });

// ---- knowledge manager's review ----

export const REVIEW_KINDS = ['unanswered', 'bad'] as const;
export const reviewQuerySchema = z.object({
  kind: z.enum(REVIEW_KINDS),
  /** only questions asked on or after this instant (ISO) */
  from: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const reviewGroupSchema = z.object({
  /** the most recent wording of the question */
  question: z.string(),
  /** the grouping key: normalised question */
  normalized: z.string(),
  count: z.number().int(),
  outcomes: z.record(z.string(), z.number().int()),
  reasons: z.record(z.string(), z.number().int()),
  notUseful: z.number().int(),
  feedbackReasons: z.array(z.string()),
  lastAskedAt: z.string(),
  samples: z.array(
    z.object({ sessionId: z.string(), messageId: z.number().int(), question: z.string(), answer: z.string(), outcome: z.string().nullable(), at: z.string() }),
  ),
});
export const reviewResponseSchema = z.object({ kind: z.enum(REVIEW_KINDS), total: z.number().int(), groups: z.array(reviewGroupSchema) });
export type ReviewResponse = z.infer<typeof reviewResponseSchema>;

export const faqDraftRequestSchema = z.object({
  question: z.string().trim().min(1, '请填写问题').max(500, '问题最长 500 个字'),
  answer: z.string().trim().min(1).max(10000, '答案最长 10000 个字').optional(),
  relatedId: z.string().max(128).optional(),
});
export const faqDraftResponseSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.literal('draft'),
  question: z.string(),
  answer: z.string(),
  /** the reviewer's department, whose editors see the draft */
  department: z.string().nullable(),
});
