/**
 * Client for the 12345 hotline API (issue #6; /work/notes/contract-hotline.md): work orders and
 * their actions, intake suggestions, reply drafts, statistics and hot spots (staff, through
 * `staff`), and the citizen's web form and tracking (public, without cookies).
 */
import { request } from '../api.js';
import { staff } from '../api-admin.js';
import type { ChatMessage } from '../api-chat.js';

export type OrderStatus = 'received' | 'dispatched' | 'signed' | 'handling' | 'replied' | 'visited' | 'closed' | 'returned' | 'merged';
export type OrderType = '咨询' | '求助' | '投诉' | '举报' | '建议' | '表扬';
export type Urgency = 'normal' | 'urgent' | 'emergency';
export type Channel = 'phone' | 'web' | 'chat' | 'app';
export type OrderAction =
  | 'dispatch'
  | 'sign'
  | 'start'
  | 'reply'
  | 'visit'
  | 'close'
  | 'return'
  | 'redispatch'
  | 'extend_request'
  | 'extend_approve'
  | 'extend_reject'
  | 'supervise'
  | 'reopen'
  | 'merge'
  | 'answer_directly';

export interface Location {
  divisionCode?: string | null;
  province?: string | null;
  city?: string | null;
  area?: string | null;
  street?: string | null;
  community?: string | null;
  road?: string | null;
  address?: string | null;
}

export interface DepartmentRef {
  id: number | string;
  name: string;
}

export interface Order {
  id: string;
  channel: Channel;
  status: OrderStatus;
  /** the server's name of the status */
  statusLabel?: string;
  type: OrderType;
  category: string | null;
  urgency: Urgency;
  title: string;
  content: string;
  callerName: string | null;
  /** masked unless the viewer takes calls (hotline.intake) */
  callerPhone: string | null;
  location: Location | null;
  divisionCode: string | null;
  departmentId: number | string | null;
  departmentName: string | null;
  coDepartments: DepartmentRef[];
  mergedInto: string | null;
  chatSessionId: string | null;
  attachments: { name: string; mime?: string; size?: number }[];
  reply: string | null;
  repliedAt: string | null;
  satisfaction: number | null;
  signDueAt: string | null;
  dueAt: string | null;
  extendedDays: number;
  superviseCount: number;
  reopenCount: number;
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A row of the order list: the order's fields, some of which a list may leave out. */
export type OrderSummary = Pick<Order, 'id' | 'status' | 'type' | 'title' | 'urgency' | 'overdue' | 'createdAt'> &
  Partial<Omit<Order, 'id' | 'status' | 'type' | 'title' | 'urgency' | 'overdue' | 'createdAt'>> & {
    /** an extension the department asked for and the center has not decided yet */
    pendingExtension?: { days: number; reason: string | null } | null;
  };

export interface OrderEvent {
  id: number | string;
  action: string;
  actionLabel?: string;
  fromStatus: string;
  toStatus: string;
  actorName: string;
  reason: string | null;
  payload?: Record<string, unknown> | null;
  at: string;
}

export interface OrderDetail {
  order: Order;
  events: OrderEvent[];
  transcript?: ChatMessage[];
  allowedActions: OrderAction[];
  /** an extension asked for and not yet decided by the center */
  pendingExtension?: { days: number; reason: string | null; requestedBy?: string; requestedAt?: string } | null;
  /** the time limits that apply to this order */
  limits?: { handleDays: number; signHours: number; returnDays: number; maxExtensionDays: number };
}

export interface OrderFilter {
  status?: string;
  departmentId?: string | number;
  type?: string;
  category?: string;
  q?: string;
  overdue?: boolean;
  /** 'pending': orders with an extension request the center has not decided */
  extension?: 'pending';
  limit?: number;
  offset?: number;
}

export interface NewOrder {
  channel: Channel;
  type: OrderType;
  category?: string;
  urgency?: Urgency;
  title: string;
  content: string;
  callerName?: string;
  callerPhone?: string;
  location?: Location;
  chatSessionId?: string;
  idempotencyKey?: string;
  /** what the agent was shown, kept to compare with what was chosen */
  suggestions?: unknown;
}

export interface ActionInput {
  action: OrderAction;
  expectedVersion?: number;
  reason?: string;
  departmentId?: number | string;
  coDepartmentIds?: (number | string)[];
  reply?: string;
  days?: number;
  satisfaction?: number;
  intoOrderId?: string;
}

export interface Citation {
  entryId: string;
  version?: number;
  title: string;
  quote: string;
}

export interface Duplicate {
  id: string;
  title: string;
  status: OrderStatus;
  createdAt: string;
  score: number;
  reasons: string[];
}

export interface Suggestion {
  type: OrderType;
  category: string | null;
  confidence: number | null;
  alternatives: { category: string; confidence: number }[];
  terms: string[];
  /** why a part is missing or what the agent must do first */
  notes?: string[];
  /** emergency numbers to transfer the caller to at once (110/119/120/122) */
  emergencyNumbers?: string[];
  department?: { id: number | string; name: string; ruleId?: number | string | null } | null;
  coDepartments?: DepartmentRef[];
  urgency: Urgency;
  location: Location;
  directAnswer?: { text: string; citations: Citation[] } | null;
  duplicates: Duplicate[];
}

export interface ReplyDraft {
  draft: string;
  sources: { kind?: string; id?: string; title?: string; quote?: string; entryId?: string }[];
}

export interface CategoryNode {
  path: string;
  name: string;
  level?: number;
  children?: CategoryNode[];
}

export interface Hotspot {
  label: string;
  divisionCode: string | null;
  place: string | null;
  category: string | null;
  keywords: string[];
  count: number;
  trend: { period: string; count: number }[];
  orderIds: string[];
}

export interface Stats {
  byCategoryOverTime: { period: string; category: string; count: number }[];
  slaByDepartment: { departmentId?: number | string | null; departmentName: string; total: number; onTime: number; overdue?: number; rate?: number }[];
  satisfaction: { score: number; count: number }[] | { average: number | null; count: number; distribution?: { score: number; count: number }[] };
  byStatus: { status: string; count: number }[] | Record<string, number>;
  byChannel: { channel: string; count: number }[] | Record<string, number>;
}

export interface PublicOrderInput {
  type?: OrderType;
  title: string;
  content: string;
  callerName: string;
  callerPhone: string;
  location?: Location;
  idempotencyKey?: string;
}

export interface PublicOrderStatus {
  id: string;
  status: OrderStatus;
  statusLabel?: string;
  type?: string;
  title: string;
  callerName?: string | null;
  callerPhone?: string | null;
  createdAt: string;
  dueAt?: string | null;
  departmentName?: string | null;
  reply: string | null;
  repliedAt?: string | null;
  closedAt?: string | null;
  timeline: { label: string; status?: string; at: string }[];
}

const id = (s: string) => encodeURIComponent(s);

function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, String(v));
  return qs.size ? `?${qs}` : '';
}

// orders (staff)
export const createOrder = (input: NewOrder) => staff<Order>('POST', '/hotline/orders', input);
export const listOrders = (filter: OrderFilter, signal?: AbortSignal) =>
  staff<{ items: OrderSummary[]; total: number }>('GET', `/hotline/orders${query({ ...filter })}`, undefined, signal);
export const getOrder = (orderId: string, signal?: AbortSignal) => staff<OrderDetail>('GET', `/hotline/orders/${id(orderId)}`, undefined, signal);
export const act = (orderId: string, input: ActionInput) => staff<Order>('POST', `/hotline/orders/${id(orderId)}/actions`, input);

// intake (staff)
export const suggest = (input: { title?: string; text: string }, signal?: AbortSignal) => staff<Suggestion>('POST', '/hotline/suggest', input, signal);
export const getDuplicates = (orderId: string, signal?: AbortSignal) =>
  staff<Duplicate[] | { items: Duplicate[] }>('GET', `/hotline/orders/${id(orderId)}/duplicates`, undefined, signal).then((r) => (Array.isArray(r) ? r : r.items));
export const draftReply = (orderId: string) => staff<ReplyDraft>('POST', `/hotline/orders/${id(orderId)}/reply-draft`, {});
export const getCategories = (signal?: AbortSignal) =>
  staff<CategoryNode[] | { items: CategoryNode[] }>('GET', '/hotline/categories', undefined, signal).then((r) => (Array.isArray(r) ? r : r.items));

// statistics (staff)
export const getStats = (range: { from?: string; to?: string }, signal?: AbortSignal) => staff<Stats>('GET', `/hotline/stats${query(range)}`, undefined, signal);
export const getHotspots = (opts: { days?: number; window?: string }, signal?: AbortSignal) =>
  staff<Hotspot[] | { items: Hotspot[] }>('GET', `/hotline/hotspots${query(opts)}`, undefined, signal).then((r) => (Array.isArray(r) ? r : r.items));

// citizens: anonymous, so no cookie (and no CSRF token) goes along even for a signed-in staff member
export const submitPublicOrder = (input: PublicOrderInput) =>
  request<{ id: string; trackingCode?: string; message?: string }>('/api/v1/hotline/public/orders', { method: 'POST', credentials: 'omit', body: JSON.stringify(input) });
export const trackOrder = (orderId: string, phoneLast4: string, signal?: AbortSignal) =>
  request<PublicOrderStatus>(`/api/v1/hotline/public/orders/${id(orderId)}${query({ phone: phoneLast4 })}`, { credentials: 'omit', signal });
