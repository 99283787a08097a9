/** SQL for departments and sharing grants, through Kysely only. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { DepartmentsTable, SharingGrantsTable } from './auth.tables.js';
import type { DepartmentKind, DepartmentNode } from './department-tree.js';

export type GrantRow = SharingGrantsTable & { id: number };

export class DepartmentsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): DepartmentsRepository {
    return new DepartmentsRepository(db);
  }

  /** The whole tree: a district has hundreds of departments at most, so it is read at once. */
  async all(): Promise<DepartmentNode[]> {
    const rows = await this.db.selectFrom('departments').select(['id', 'name', 'parent_id', 'kind', 'code']).orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, parentId: r.parent_id === null ? null : Number(r.parent_id), kind: r.kind as DepartmentKind, code: r.code }));
  }

  async insert(row: Insertable<DepartmentsTable>): Promise<number> {
    const r = await this.db.insertInto('departments').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async update(id: number, patch: Updateable<DepartmentsTable>): Promise<void> {
    await this.db.updateTable('departments').set(patch).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insertGrant(row: Insertable<SharingGrantsTable>): Promise<number> {
    const r = await this.db.insertInto('sharing_grants').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async grantById(id: number): Promise<GrantRow | undefined> {
    const r = await this.db.selectFrom('sharing_grants').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? ({ ...r, id: Number(r.id) } as GrantRow) : undefined;
  }

  async listGrants(): Promise<GrantRow[]> {
    const rows = await this.db.selectFrom('sharing_grants').selectAll().orderBy('id', 'desc').execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }) as GrantRow);
  }

  /** Unrevoked grants of a resource still valid at `at`, to this user or to one of these departments. */
  async activeGrants(resource: string, at: string, userId: number | null, departmentIds: number[]): Promise<GrantRow[]> {
    const rows = await this.db
      .selectFrom('sharing_grants')
      .selectAll()
      .where('resource', '=', resource)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .where('created_at', '<=', at)
      .where((eb) => {
        const ors = [];
        if (userId !== null) ors.push(eb('grantee_user_id', '=', userId));
        if (departmentIds.length) ors.push(eb('grantee_department_id', 'in', departmentIds));
        return ors.length ? eb.or(ors) : eb.lit(false);
      })
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) }) as GrantRow);
  }

  async revokeGrant(id: number, at: string, by: string, reason: string): Promise<void> {
    await this.db.updateTable('sharing_grants').set({ revoked_at: at, revoked_by: by, revoke_reason: reason }).where('id', '=', id).execute();
  }
}
