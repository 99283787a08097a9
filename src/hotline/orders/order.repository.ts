/** SQL of work orders and their events (Kysely only; the same statements on SQLite and PostgreSQL). */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/database.types.js';
import type { HotlineOrderEventsTable, HotlineOrdersTable } from '../hotline.tables.js';
import type { OrderListQuery } from './order.schema.js';

export type OrderRow = Selectable<HotlineOrdersTable>;
export type OrderEventRow = Selectable<HotlineOrderEventsTable>;
export type NewOrderEvent = Omit<Insertable<HotlineOrderEventsTable>, 'id'>;

/** Events after which an earlier extension request no longer stands (decided, or the order moved on or went elsewhere). */
export const ENDS_EXTENSION_REQUEST = ['extend_approve', 'extend_reject', 'dispatch', 'redispatch', 'reopen', 'return', 'reply', 'merge'] as const;

/** Which orders a list may show: all, or those whose 主办 or 协办 department is in the set. */
export type OrderVisibility = 'all' | ReadonlySet<number>;

/** LIKE patterns that find one id in a JSON array of numbers as written by JSON.stringify ([3,5]). */
const jsonArrayPatterns = (id: number) => [`[${id}]`, `[${id},%`, `%,${id},%`, `%,${id}]`];

export class OrderRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): OrderRepository {
    return new OrderRepository(db);
  }

  byId(id: string): Promise<OrderRow | undefined> {
    return this.db.selectFrom('hotline_orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byIdempotencyKey(key: string): Promise<OrderRow | undefined> {
    return this.db.selectFrom('hotline_orders').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  }

  async insert(row: Insertable<HotlineOrdersTable>): Promise<void> {
    await this.db.insertInto('hotline_orders').values(row).execute();
  }

  /** Compare-and-set on version and status: false when someone else changed the order first. */
  async update(id: string, expect: { version: number; status: string }, patch: Updateable<HotlineOrdersTable>): Promise<boolean> {
    const res = await this.db.updateTable('hotline_orders').set(patch).where('id', '=', id).where('version', '=', expect.version).where('status', '=', expect.status).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async insertEvent(e: NewOrderEvent): Promise<void> {
    await this.db.insertInto('hotline_order_events').values(e).execute();
  }

  events(orderId: string): Promise<OrderEventRow[]> {
    return this.db.selectFrom('hotline_order_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
  }

  /** The events that open or end extension requests, per order, in order (for a page of a list). */
  async extensionEvents(orderIds: string[]): Promise<Map<string, OrderEventRow[]>> {
    const out = new Map<string, OrderEventRow[]>();
    if (orderIds.length === 0) return out;
    const rows = await this.db.selectFrom('hotline_order_events').selectAll().where('order_id', 'in', orderIds).where('action', 'in', ['extend_request', ...ENDS_EXTENSION_REQUEST]).orderBy('id').execute();
    for (const r of rows) out.set(r.order_id, [...(out.get(r.order_id) ?? []), r]);
    return out;
  }

  async categoryKnown(path: string): Promise<boolean | null> {
    const any = await this.db.selectFrom('hotline_categories').select('id').limit(1).executeTakeFirst();
    if (!any) return null;
    return (await this.db.selectFrom('hotline_categories').select('id').where('path', '=', path).executeTakeFirst()) !== undefined;
  }

  async list(q: OrderListQuery, visible: OrderVisibility): Promise<{ rows: OrderRow[]; total: number }> {
    let base = this.db.selectFrom('hotline_orders');
    if (visible !== 'all') {
      const ids = [...visible];
      if (ids.length === 0) return { rows: [], total: 0 };
      base = base.where((eb) => eb.or([eb('department_id', 'in', ids), ...ids.flatMap((id) => jsonArrayPatterns(id).map((p) => eb('co_department_ids', 'like', p)))]));
    }
    if (q.status) base = base.where('status', '=', q.status);
    if (q.departmentId) base = base.where('department_id', '=', q.departmentId);
    if (q.type) base = base.where('order_type', '=', q.type);
    if (q.category) {
      const c = q.category;
      base = base.where((eb) => eb.or([eb('category', '=', c), eb('category', 'like', `${c.replace(/[%_\\]/g, '')}/%`)]));
    }
    if (q.q) {
      const term = `%${q.q.replace(/[%_\\]/g, '')}%`;
      base = base.where((eb) => eb.or([eb('id', '=', q.q!), eb('title', 'like', term), eb('content', 'like', term)]));
    }
    if (q.extension === 'pending') {
      // an extension request with no later decision (or move) of the same order
      base = base.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('hotline_order_events as r')
            .select('r.id')
            .whereRef('r.order_id', '=', 'hotline_orders.id')
            .where('r.action', '=', 'extend_request')
            .where(({ not, exists: ex, selectFrom: sf }) => not(ex(sf('hotline_order_events as d').select('d.id').whereRef('d.order_id', '=', 'r.order_id').whereRef('d.id', '>', 'r.id').where('d.action', 'in', [...ENDS_EXTENSION_REQUEST])))),
        ),
      );
    }
    if (q.overdue !== undefined) {
      base = q.overdue ? base.where('overdue_at', 'is not', null).where('status', 'not in', ['closed', 'merged']) : base.where('overdue_at', 'is', null);
    }
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rows = base.selectAll();
    // the supervision list puts the longest overdue first; other lists the newest
    rows = q.overdue ? rows.orderBy('due_at').orderBy('id') : rows.orderBy('created_at', 'desc').orderBy('id', 'desc');
    return { rows: await rows.limit(q.limit).offset(q.offset).execute(), total: Number(total?.n ?? 0) };
  }
}
