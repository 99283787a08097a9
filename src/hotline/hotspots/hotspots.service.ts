/** GET /hotline/hotspots and /hotline/stats (hotline.stats): reads orders of a range and computes. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { assertCan } from '../../auth/policy.js';
import type { DB } from '../../db/database.types.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { parseLocation, TermCache } from '../intake/duplicates.js';
import { findHotspots, type Hotspot } from './hotspots.js';
import { computeStats, type HotlineStats } from './stats.js';

const DAY = 86_400_000;
/** orders read for one hot-spot analysis; beyond it the newest are used */
const HOTSPOT_ORDER_LIMIT = 20_000;
const STATS_ORDER_LIMIT = 200_000;

export const hotspotQuerySchema = z.object({
  days: z.coerce.number().int().min(1, '天数（days）至少为 1').max(366, '天数（days）不能超过 366').default(28),
  window: z.enum(['day', 'week']).default('week'),
  /** end of the range (ISO time); default now — older ranges show past hot spots */
  to: z.string().datetime({ message: '截止时间（to）应为 ISO 时间，如 2019-12-31T16:00:00Z' }).optional(),
});
export type HotspotQuery = z.infer<typeof hotspotQuerySchema>;

export const statsQuerySchema = z.object({
  from: z.string().datetime({ message: '开始时间（from）应为 ISO 时间' }).optional(),
  to: z.string().datetime({ message: '截止时间（to）应为 ISO 时间' }).optional(),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export class HotspotsService {
  private readonly terms = new TermCache();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async hotspots(actor: Actor, q: HotspotQuery): Promise<Hotspot[]> {
    assertCan(actor, 'hotline.stats');
    const to = q.to ? new Date(q.to) : this.now();
    const from = new Date(to.getTime() - q.days * DAY);
    const rows = await this.db
      .selectFrom('hotline_orders')
      .select(['id', 'title', 'content', 'category', 'division_code', 'location', 'created_at'])
      .where('created_at', '>=', from.toISOString())
      .where('created_at', '<', to.toISOString())
      .where('status', '!=', 'merged')
      .orderBy('created_at', 'desc')
      .limit(HOTSPOT_ORDER_LIMIT)
      .execute();
    const orders = rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      category: r.category,
      divisionCode: r.division_code,
      location: parseLocation(r.location),
      terms: this.terms.get(r),
    }));
    return findHotspots(orders, { from, to, periodDays: q.window === 'week' ? 7 : 1 });
  }

  async stats(actor: Actor, q: StatsQuery): Promise<HotlineStats> {
    assertCan(actor, 'hotline.stats');
    const now = this.now();
    const to = q.to ? new Date(q.to) : now;
    const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
    if (from >= to) throw new AppError(ErrorCode.ValidationFailed, '开始时间（from）应早于截止时间（to）');
    const rows = await this.db
      .selectFrom('hotline_orders')
      .select(['status', 'channel', 'category', 'created_at', 'department_id', 'due_at', 'replied_at', 'overdue_at', 'satisfaction'])
      .where('created_at', '>=', from.toISOString())
      .where('created_at', '<', to.toISOString())
      .limit(STATS_ORDER_LIMIT)
      .execute();
    const departments = await this.db.selectFrom('departments').select(['id', 'name']).execute();
    return computeStats(
      rows.map((r) => ({
        status: r.status,
        channel: r.channel,
        category: r.category,
        createdAt: r.created_at,
        departmentId: r.department_id,
        dueAt: r.due_at,
        repliedAt: r.replied_at,
        overdueAt: r.overdue_at,
        satisfaction: r.satisfaction,
      })),
      { from, to, now },
      new Map(departments.map((d) => [d.id, d.name])),
    );
  }
}
