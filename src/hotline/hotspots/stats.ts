/**
 * Dashboard figures over a time range: categories over time, deadline (SLA) compliance by
 * department, satisfaction from call-backs, orders by status and channel.
 */
import { CATEGORY_SEPARATOR } from '../classifier/model.js';

export interface StatsOrder {
  status: string;
  channel: string;
  category: string | null;
  createdAt: string;
  departmentId: number | null;
  dueAt: string | null;
  repliedAt: string | null;
  overdueAt: string | null;
  satisfaction: number | null;
}

export interface HotlineStats {
  from: string;
  to: string;
  /** 'day' for ranges up to 31 days, 'week' beyond */
  period: 'day' | 'week';
  total: number;
  byCategoryOverTime: { period: string; category: string; count: number }[];
  slaByDepartment: { departmentId: number; departmentName: string; due: number; onTime: number; late: number; openOverdue: number; rate: number | null }[];
  satisfaction: { count: number; average: number | null; distribution: { score: number; count: number }[]; byDepartment: { departmentId: number; departmentName: string; count: number; average: number }[] };
  byStatus: { status: string; count: number }[];
  byChannel: { channel: string; count: number }[];
}

const SHANGHAI = 8 * 3_600_000;
const DAY = 86_400_000;

function periodOf(iso: string, period: 'day' | 'week'): string {
  const local = Date.parse(iso) + SHANGHAI;
  if (period === 'day') return new Date(local).toISOString().slice(0, 10);
  // weeks start on Monday (Asia/Shanghai)
  const day = new Date(local).getUTCDay();
  return new Date(local - ((day + 6) % 7) * DAY).toISOString().slice(0, 10);
}

function countBy<T>(xs: T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function computeStats(orders: StatsOrder[], range: { from: Date; to: Date; now: Date }, departmentNames: Map<number, string>): HotlineStats {
  const period = range.to.getTime() - range.from.getTime() > 31 * DAY ? 'week' : 'day';
  const live = orders.filter((o) => o.status !== 'merged');
  const cat = countBy(live, (o) => `${periodOf(o.createdAt, period)}\u0000${o.category?.split(CATEGORY_SEPARATOR)[0] ?? '未分类'}`);
  const byCategoryOverTime = [...cat].map(([k, count]) => {
    const [p, category] = k.split('\u0000') as [string, string];
    return { period: p, category, count };
  });
  byCategoryOverTime.sort((a, b) => a.period.localeCompare(b.period) || b.count - a.count);

  const sla = new Map<number, { due: number; onTime: number; late: number; openOverdue: number }>();
  const now = range.now.toISOString();
  for (const o of live) {
    if (o.departmentId === null || !o.dueAt) continue;
    const s = sla.get(o.departmentId) ?? { due: 0, onTime: 0, late: 0, openOverdue: 0 };
    if (o.repliedAt) {
      s.due++;
      if (o.repliedAt <= o.dueAt && !o.overdueAt) s.onTime++;
      else s.late++;
    } else if (o.overdueAt || o.dueAt < now) {
      // not replied and past its deadline: counts against the department now
      s.due++;
      s.openOverdue++;
    }
    sla.set(o.departmentId, s);
  }
  const slaByDepartment = [...sla].map(([departmentId, s]) => ({ departmentId, departmentName: departmentNames.get(departmentId) ?? '', ...s, rate: s.due ? round(s.onTime / s.due) : null }));
  slaByDepartment.sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || b.due - a.due);

  const rated = live.filter((o) => o.satisfaction !== null);
  const sum = rated.reduce((n, o) => n + o.satisfaction!, 0);
  const byDept = new Map<number, { count: number; sum: number }>();
  for (const o of rated) {
    if (o.departmentId === null) continue;
    const d = byDept.get(o.departmentId) ?? { count: 0, sum: 0 };
    d.count++;
    d.sum += o.satisfaction!;
    byDept.set(o.departmentId, d);
  }
  const dist = countBy(rated, (o) => String(o.satisfaction));
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    period,
    total: live.length,
    byCategoryOverTime,
    slaByDepartment,
    satisfaction: {
      count: rated.length,
      average: rated.length ? round(sum / rated.length) : null,
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: dist.get(String(score)) ?? 0 })),
      byDepartment: [...byDept].map(([departmentId, d]) => ({ departmentId, departmentName: departmentNames.get(departmentId) ?? '', count: d.count, average: round(d.sum / d.count) })),
    },
    byStatus: [...countBy(orders, (o) => o.status)].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count),
    byChannel: [...countBy(live, (o) => o.channel)].map(([channel, count]) => ({ channel, count })).sort((a, b) => b.count - a.count),
  };
}
