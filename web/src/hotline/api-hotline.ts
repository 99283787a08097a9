/**
 * Client for the 12345 hotline API (issue #6; /work/notes/contract-hotline.md): work orders and
 * their actions, intake suggestions, reply drafts, statistics and hot spots (staff, through
 * `staff`), and the citizen's web form and tracking (public, without cookies).
 */
import type { z } from 'zod';
import type { OrderType } from '../../../src/hotline/classifier/order-type.js';
import type { CategoryTreeNode as CategoryNode, duplicateSchema, SuggestResponse as Suggestion } from '../../../src/hotline/intake/intake.schema.js';
import type { hotspotSchema, statsSchema } from '../../../src/hotline/hotspots/hotspots.schema.js';
import type { Location } from '../../../src/hotline/intake/location.js';
import type { OrderAction, OrderStatus } from '../../../src/hotline/orders/order-state.js';
import type {
  OrderActionInput,
  orderCreateSchema,
  orderDetailSchema,
  orderEventSchema,
  OrderListQuery,
  Channel,
  orderSchema,
  orderSummarySchema,
  publicOrderCreatedSchema,
  publicOrderCreateSchema,
  publicOrderStatusSchema,
  URGENCIES,
} from '../../../src/hotline/orders/order.schema.js';
import type { replyDraftSchema } from '../../../src/hotline/replies/reply-draft.schema.js';
import { request } from '../api.js';
import { staff } from '../api-admin.js';

export type { Location, OrderStatus, OrderAction, OrderType, Channel, CategoryNode, Suggestion };
export type Urgency = (typeof URGENCIES)[number];
export type Order = z.infer<typeof orderSchema>;
export type OrderEvent = z.infer<typeof orderEventSchema>;
export type OrderDetail = z.infer<typeof orderDetailSchema>;
export type PublicOrderStatus = z.infer<typeof publicOrderStatusSchema>;
export type Duplicate = z.infer<typeof duplicateSchema>;
/** what the agent enters; `urgency` defaults to normal on the server */
export type NewOrder = z.input<typeof orderCreateSchema>;
export type ActionInput = OrderActionInput;
export type OrderFilter = Partial<Omit<OrderListQuery, 'overdue' | 'extension'>> & {
  overdue?: boolean;
  /** 'pending': orders with an extension request the center has not decided */
  extension?: 'pending';
};
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export type ReplyDraft = z.infer<typeof replyDraftSchema>;
export type Hotspot = z.infer<typeof hotspotSchema>;
export type Stats = z.infer<typeof statsSchema>;

export type PublicOrderInput = z.input<typeof publicOrderCreateSchema>;

/**
 * A fresh idempotency key for one order. getRandomValues, not randomUUID: the latter exists only
 * in secure contexts, and an intranet deployment is often plain HTTP.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
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
export const getDuplicates = (orderId: string, signal?: AbortSignal) => staff<Duplicate[]>('GET', `/hotline/orders/${id(orderId)}/duplicates`, undefined, signal);
export const draftReply = (orderId: string) => staff<ReplyDraft>('POST', `/hotline/orders/${id(orderId)}/reply-draft`, {});
export const getCategories = (signal?: AbortSignal) => staff<CategoryNode[]>('GET', '/hotline/categories', undefined, signal);

// statistics (staff)
export const getStats = (range: { from?: string; to?: string }, signal?: AbortSignal) => staff<Stats>('GET', `/hotline/stats${query(range)}`, undefined, signal);
export const getHotspots = (opts: { days?: number; window?: 'day' | 'week' }, signal?: AbortSignal) => staff<Hotspot[]>('GET', `/hotline/hotspots${query(opts)}`, undefined, signal);

// citizens: anonymous, so no cookie (and no CSRF token) goes along even for a signed-in staff member
export const submitPublicOrder = (input: PublicOrderInput) =>
  request<z.infer<typeof publicOrderCreatedSchema>>('/api/v1/hotline/public/orders', { method: 'POST', credentials: 'omit', body: JSON.stringify(input) });
export const trackOrder = (orderId: string, phoneLast4: string, signal?: AbortSignal) =>
  request<PublicOrderStatus>(`/api/v1/hotline/public/orders/${id(orderId)}${query({ phone: phoneLast4 })}`, { credentials: 'omit', signal });
