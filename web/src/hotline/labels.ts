/** Chinese labels for the hotline's codes, and how deadlines read. */
import { ACTION_LABELS, STATUS_LABELS } from '../../../src/hotline/orders/order-labels.js';
import type { Channel, Location, OrderStatus, OrderType, Urgency } from './api-hotline.js';

export const ORDER_TYPES: OrderType[] = ['咨询', '求助', '投诉', '举报', '建议', '表扬'];

const STATUS_COLORS: Record<OrderStatus, string> = {
  received: 'blue',
  dispatched: 'geekblue',
  signed: 'cyan',
  handling: 'processing',
  replied: 'purple',
  visited: 'magenta',
  closed: 'green',
  returned: 'orange',
  merged: 'default',
};

/** Label (the server's table) and tag colour of each state. */
export const STATUS = Object.fromEntries(Object.entries(STATUS_COLORS).map(([s, color]) => [s, { label: STATUS_LABELS[s as OrderStatus], color }])) as Record<OrderStatus, { label: string; color: string }>;

export const STATUSES = Object.keys(STATUS) as OrderStatus[];

export function statusLabel(s: string): string {
  return STATUS[s as OrderStatus]?.label ?? s;
}

export const URGENCY: Record<Urgency, { label: string; color: string }> = {
  normal: { label: '一般', color: 'default' },
  urgent: { label: '紧急', color: 'orange' },
  emergency: { label: '特急', color: 'red' },
};

export const CHANNEL: Record<Channel, string> = { phone: '电话', web: '网站', chat: '在线咨询转办', app: '移动端' };

/** What each action is called on its button and in the timeline (the server's table). */
export function actionLabel(a: string): string {
  return (ACTION_LABELS as Record<string, string>)[a] ?? a;
}

export const SATISFACTION: Record<number, string> = { 1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };

/** 省 市 区 街道 社区 道路 地址, each once and in order. */
export function formatLocation(loc: Location | null | undefined): string {
  if (!loc) return '';
  const parts = [loc.province, loc.city, loc.area, loc.street, loc.community, loc.road].filter((p): p is string => !!p);
  const seen = new Set<string>();
  const out = parts.filter((p) => !seen.has(p) && seen.add(p)).join(' ');
  return loc.address && !out.includes(loc.address) ? `${out} ${loc.address}`.trim() : out;
}

/**
 * Time left before a deadline: "剩 2 天 3 小时" or "已超期 5 小时". Counted on the clock; the
 * deadline itself was set by the server in working days (holidays and 调休 included).
 */
export function remaining(dueAt: string | null | undefined, now: number): { text: string; overdue: boolean } | null {
  if (!dueAt) return null;
  const ms = Date.parse(dueAt) - now;
  if (Number.isNaN(ms)) return null;
  const abs = Math.abs(ms);
  const hours = Math.floor(abs / 3_600_000);
  const days = Math.floor(hours / 24);
  const span = days > 0 ? `${days} 天 ${hours % 24} 小时` : hours > 0 ? `${hours} 小时` : `${Math.max(1, Math.floor(abs / 60_000))} 分钟`;
  return ms >= 0 ? { text: `剩 ${span}`, overdue: false } : { text: `已超期 ${span}`, overdue: true };
}
