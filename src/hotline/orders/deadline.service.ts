/**
 * Time limits of work orders: rules per type and category (hotline_deadline_rules, the most
 * specific wins) and the due dates they give on the working-day calendar. Defaults are
 * written on first use of an empty table, so a new installation has sensible limits and an
 * administrator changes them with PUT /hotline/deadline-rules.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { assertCan } from '../../auth/policy.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { DB } from '../../db/database.types.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import type { DeadlineRule } from './order.schema.js';
import type { WorkCalendar } from './working-days.js';

export interface Limits {
  handleDays: number;
  signHours: number;
  returnDays: number;
  maxExtensionDays: number;
}

/**
 * Defaults from published local rules (DOMAIN.md §3): 咨询/求助 within 3 working days,
 * 投诉/举报/建议 within 13, anything else 5; sign within 2 working hours of dispatch; a
 * mis-dispatched order returned within 2 working days; extensions up to 10 working days.
 */
const COMMON = { signHours: 2, returnDays: 2, maxExtensionDays: 10 };
export const DEFAULT_DEADLINE_RULES: DeadlineRule[] = [
  { orderType: '', categoryPrefix: '', handleDays: 5, ...COMMON },
  { orderType: '咨询', categoryPrefix: '', handleDays: 3, ...COMMON },
  { orderType: '求助', categoryPrefix: '', handleDays: 3, ...COMMON },
  { orderType: '投诉', categoryPrefix: '', handleDays: 13, ...COMMON },
  { orderType: '举报', categoryPrefix: '', handleDays: 13, ...COMMON },
  { orderType: '建议', categoryPrefix: '', handleDays: 13, ...COMMON },
];

/** A rule matches a category when its prefix is empty, equal, or a whole leading part of the path. */
function prefixMatches(prefix: string, category: string | null): boolean {
  if (prefix === '') return true;
  return category !== null && (category === prefix || category.startsWith(`${prefix}/`));
}

/** The longest matching category prefix wins; at equal length a rule naming the type beats one for any type. */
export function pickRule(rules: readonly DeadlineRule[], type: string, category: string | null): DeadlineRule | undefined {
  let best: DeadlineRule | undefined;
  const score = (r: DeadlineRule) => r.categoryPrefix.length * 2 + (r.orderType === '' ? 0 : 1);
  for (const r of rules) {
    if (r.orderType !== '' && r.orderType !== type) continue;
    if (!prefixMatches(r.categoryPrefix, category)) continue;
    if (!best || score(r) > score(best)) best = r;
  }
  return best;
}

export class DeadlineService {
  private seeded = false;

  constructor(
    private readonly deps: { db: Kysely<DB>; audit: AuditRecorder; calendar: WorkCalendar; now: () => Date },
  ) {}

  get calendar(): WorkCalendar {
    return this.deps.calendar;
  }

  private async seedIfEmpty(): Promise<void> {
    if (this.seeded) return;
    const any = await this.deps.db.selectFrom('hotline_deadline_rules').select('id').limit(1).executeTakeFirst();
    if (!any) {
      const at = this.deps.now().toISOString();
      // several processes may start together: the unique (type, prefix) index keeps one copy
      await this.deps.db
        .insertInto('hotline_deadline_rules')
        .values(DEFAULT_DEADLINE_RULES.map((r) => toRow(r, at)))
        .onConflict((oc) => oc.columns(['order_type', 'category_prefix']).doNothing())
        .execute();
    }
    this.seeded = true;
  }

  async rules(): Promise<DeadlineRule[]> {
    await this.seedIfEmpty();
    const rows = await this.deps.db.selectFrom('hotline_deadline_rules').selectAll().orderBy('order_type').orderBy('category_prefix').execute();
    return rows.map((r) => ({ id: r.id, orderType: r.order_type as DeadlineRule['orderType'], categoryPrefix: r.category_prefix, handleDays: r.handle_days, signHours: r.sign_hours, returnDays: r.return_days, maxExtensionDays: r.max_extension_days }));
  }

  async list(actor: Actor): Promise<{ rules: DeadlineRule[] }> {
    assertCan(actor, 'hotline.config');
    return { rules: await this.rules() };
  }

  /** The limits for an order of this type and category (a catch-all rule is always kept). */
  async limitsFor(type: string, category: string | null): Promise<Limits> {
    const r = pickRule(await this.rules(), type, category) ?? DEFAULT_DEADLINE_RULES[0]!;
    return { handleDays: r.handleDays, signHours: r.signHours, returnDays: r.returnDays, maxExtensionDays: r.maxExtensionDays };
  }

  /** Due dates counted from a dispatch (派单, 改派, 重办) at `at`. */
  dispatchDeadlines(at: Date, limits: Limits): { signDueAt: string; dueAt: string } {
    return { signDueAt: this.deps.calendar.addWorkingHours(at, limits.signHours).toISOString(), dueAt: this.deps.calendar.addWorkingDays(at, limits.handleDays).toISOString() };
  }

  /** The reply deadline moved by an approved extension of `days` working days. */
  extendDue(dueAt: string, days: number): string {
    // dueAt is 24:00 of its last day: count on from that day
    return this.deps.calendar.addWorkingDays(new Date(Date.parse(dueAt) - 1), days).toISOString();
  }

  /** Until when a department may return (退单) an order dispatched at `dispatchedAt`. */
  returnDeadline(dispatchedAt: string, limits: Limits): string {
    return this.deps.calendar.addWorkingDays(new Date(dispatchedAt), limits.returnDays).toISOString();
  }

  /** Replaces the whole rule set (audited). One rule for any type and any category must remain. */
  async replace(actor: Actor, rules: DeadlineRule[], meta: { ip?: string } = {}): Promise<{ rules: DeadlineRule[] }> {
    assertCan(actor, 'hotline.config');
    const seen = new Map<string, number>();
    rules.forEach((r, i) => {
      const key = `${r.orderType}\u0000${r.categoryPrefix}`;
      const first = seen.get(key);
      if (first !== undefined) throw new AppError(ErrorCode.ValidationFailed, `rules.${i} 与 rules.${first} 的类型和类别相同（${r.orderType || '任意类型'}，${r.categoryPrefix || '任意类别'}）`, { field: `rules.${i}` });
      seen.set(key, i);
    });
    if (!rules.some((r) => r.orderType === '' && r.categoryPrefix === '')) {
      throw new AppError(ErrorCode.ValidationFailed, 'rules 须保留一条适用于任意类型和任意类别的规则（orderType 与 categoryPrefix 均为空）', { field: 'rules' });
    }
    const before = await this.rules();
    const at = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('hotline_deadline_rules').execute();
      await trx.insertInto('hotline_deadline_rules').values(rules.map((r) => toRow(r, at))).execute();
      await this.deps.audit.record(
        { actor, action: 'hotline.deadline_rules.update', entityType: 'hotline_deadline_rules', before: before.map(({ id: _id, ...r }) => r), after: rules.map(({ id: _id, ...r }) => r), ip: meta.ip },
        trx,
      );
    });
    return { rules: await this.rules() };
  }
}

function toRow(r: DeadlineRule, at: string) {
  return { order_type: r.orderType, category_prefix: r.categoryPrefix, handle_days: r.handleDays, sign_hours: r.signHours, return_days: r.returnDays, max_extension_days: r.maxExtensionDays, created_at: at, updated_at: at };
}
