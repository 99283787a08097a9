/** SQL of intake: the taxonomy, the 派单目录, departments by name, and the orders similarity looks at. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.types.js';
import type { DispatchRule } from './dispatch-rules.js';

export interface CategoryRow {
  id: number;
  path: string;
  name: string;
  level: number;
  parentPath: string | null;
  active: boolean;
}

/** What similarity and hot spots read of an order. */
export interface OrderText {
  id: string;
  title: string;
  content: string;
  status: string;
  category: string | null;
  divisionCode: string | null;
  location: string;
  createdAt: string;
  reply: string | null;
  repliedAt: string | null;
  departmentId: number | null;
}

export class IntakeRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): IntakeRepository {
    return new IntakeRepository(db);
  }

  async categories(activeOnly: boolean): Promise<CategoryRow[]> {
    let q = this.db.selectFrom('hotline_categories').select(['id', 'path', 'name', 'level', 'parent_path', 'active']);
    if (activeOnly) q = q.where('active', '=', 1);
    const rows = await q.orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, path: r.path, name: r.name, level: r.level, parentPath: r.parent_path, active: r.active === 1 }));
  }

  async insertCategory(row: { path: string; name: string; level: number; parentPath: string | null; at: string }): Promise<void> {
    await this.db.insertInto('hotline_categories').values({ path: row.path, name: row.name, level: row.level, parent_path: row.parentPath, active: 1, created_at: row.at }).execute();
  }

  async setCategoryActive(paths: string[], active: boolean): Promise<void> {
    for (let i = 0; i < paths.length; i += 500) {
      await this.db.updateTable('hotline_categories').set({ active: active ? 1 : 0 }).where('path', 'in', paths.slice(i, i + 500)).execute();
    }
  }

  async rules(): Promise<DispatchRule[]> {
    const rows = await this.db.selectFrom('hotline_dispatch_rules').selectAll().orderBy('category_prefix').orderBy('region_prefix').execute();
    return rows.map((r) => ({
      id: r.id,
      categoryPrefix: r.category_prefix,
      regionPrefix: r.region_prefix,
      departmentId: r.department_id,
      coDepartmentIds: JSON.parse(r.co_department_ids) as number[],
      priority: r.priority,
      note: r.note,
    }));
  }

  async ruleByKey(categoryPrefix: string, regionPrefix: string): Promise<number | undefined> {
    const r = await this.db.selectFrom('hotline_dispatch_rules').select('id').where('category_prefix', '=', categoryPrefix).where('region_prefix', '=', regionPrefix).executeTakeFirst();
    return r?.id;
  }

  async insertRule(rule: Omit<DispatchRule, 'id'>, at: string): Promise<number> {
    const r = await this.db
      .insertInto('hotline_dispatch_rules')
      .values({
        category_prefix: rule.categoryPrefix,
        region_prefix: rule.regionPrefix,
        department_id: rule.departmentId,
        co_department_ids: JSON.stringify(rule.coDepartmentIds),
        priority: rule.priority,
        note: rule.note,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async updateRule(id: number, rule: Omit<DispatchRule, 'id'>, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('hotline_dispatch_rules')
      .set({
        category_prefix: rule.categoryPrefix,
        region_prefix: rule.regionPrefix,
        department_id: rule.departmentId,
        co_department_ids: JSON.stringify(rule.coDepartmentIds),
        priority: rule.priority,
        note: rule.note,
        updated_at: at,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deleteRule(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('hotline_dispatch_rules').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async countRules(): Promise<number> {
    const r = await this.db.selectFrom('hotline_dispatch_rules').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async countCategories(): Promise<number> {
    const r = await this.db.selectFrom('hotline_categories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async departments(): Promise<{ id: number; name: string; code: string | null }[]> {
    return this.db.selectFrom('departments').select(['id', 'name', 'code']).execute();
  }

  private orderColumns() {
    return this.db
      .selectFrom('hotline_orders')
      .select(['id', 'title', 'content', 'status', 'category', 'division_code', 'location', 'created_at', 'reply', 'replied_at', 'department_id']);
  }

  private static toText(r: {
    id: string;
    title: string;
    content: string;
    status: string;
    category: string | null;
    division_code: string | null;
    location: string;
    created_at: string;
    reply: string | null;
    replied_at: string | null;
    department_id: number | null;
  }): OrderText {
    return {
      id: r.id,
      title: r.title,
      content: r.content,
      status: r.status,
      category: r.category,
      divisionCode: r.division_code,
      location: r.location,
      createdAt: r.created_at,
      reply: r.reply,
      repliedAt: r.replied_at,
      departmentId: r.department_id,
    };
  }

  async order(id: string): Promise<OrderText | undefined> {
    const r = await this.orderColumns().where('id', '=', id).executeTakeFirst();
    return r && IntakeRepository.toText(r);
  }

  /** Orders created in [from, to), newest first, at most `limit`. */
  async ordersBetween(from: string, to: string, limit: number): Promise<OrderText[]> {
    const rows = await this.orderColumns().where('created_at', '>=', from).where('created_at', '<', to).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(IntakeRepository.toText);
  }

  /** Orders that have a reply (closed history and answered ones), newest first. */
  async repliedOrders(limit: number): Promise<OrderText[]> {
    const rows = await this.orderColumns().where('reply', 'is not', null).orderBy('created_at', 'desc').limit(limit).execute();
    return rows.map(IntakeRepository.toText);
  }
}
