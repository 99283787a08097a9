/**
 * Sharing grants (跨部门信息共享): an administrator opens one department's records of one kind
 * to a user or a department, for a stated purpose, until an expiry. Creation and revocation
 * are audited; the department scope reads the active ones.
 */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { Actor } from './actor.js';
import type { CreateGrantInput } from './auth.schema.js';
import type { Clock } from './clock.js';
import { withDescendants, type DepartmentNode } from './department-tree.js';
import type { DepartmentsRepository, GrantRow } from './departments.repository.js';
import { assertCan, can } from './policy.js';
import type { RequestMeta } from './request-meta.js';
import type { UsersRepository } from './users.repository.js';

const MAX_GRANT_MS = 366 * 24 * 3600_000;

export interface GrantView {
  id: number;
  ownerDepartmentId: number;
  ownerDepartmentName: string | null;
  granteeUserId: number | null;
  granteeUserName: string | null;
  granteeDepartmentId: number | null;
  granteeDepartmentName: string | null;
  resource: string;
  purpose: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  active: boolean;
}

export class GrantsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly departments: DepartmentsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateGrantInput, meta: RequestMeta = {}): Promise<GrantView> {
    assertCan(actor, 'grant.manage');
    const now = this.clock.now();
    const expires = new Date(input.expiresAt);
    if (expires.getTime() <= now.getTime()) throw new AppError(ErrorCode.ValidationFailed, 'expiresAt 到期时间须晚于当前时间', { field: 'expiresAt' });
    if (expires.getTime() - now.getTime() > MAX_GRANT_MS) throw new AppError(ErrorCode.ValidationFailed, 'expiresAt 共享期限最长一年', { field: 'expiresAt' });
    return this.db.transaction().execute(async (trx) => {
      const depts = await this.departments.withDb(trx).all();
      if (!depts.some((d) => d.id === input.ownerDepartmentId)) throw new AppError(ErrorCode.ValidationFailed, `ownerDepartmentId 部门不存在：${input.ownerDepartmentId}`, { field: 'ownerDepartmentId' });
      if (input.granteeDepartmentId !== undefined && !depts.some((d) => d.id === input.granteeDepartmentId)) {
        throw new AppError(ErrorCode.ValidationFailed, `granteeDepartmentId 部门不存在：${input.granteeDepartmentId}`, { field: 'granteeDepartmentId' });
      }
      if (input.granteeUserId !== undefined && !(await this.users.withDb(trx).byId(input.granteeUserId))) {
        throw new AppError(ErrorCode.ValidationFailed, `granteeUserId 用户不存在：${input.granteeUserId}`, { field: 'granteeUserId' });
      }
      const id = await this.departments.withDb(trx).insertGrant({
        owner_department_id: input.ownerDepartmentId,
        grantee_user_id: input.granteeUserId ?? null,
        grantee_department_id: input.granteeDepartmentId ?? null,
        resource: input.resource,
        purpose: input.purpose,
        expires_at: expires.toISOString(),
        created_by: actor.userId === null ? null : Number(actor.userId),
        created_by_name: actor.name,
        created_at: now.toISOString(),
      });
      const view = (await this.present(trx, [(await this.departments.withDb(trx).grantById(id))!], depts))[0]!;
      await this.audit.record({ actor, action: 'grant.create', entityType: 'grant', entityId: String(id), after: view, reason: input.purpose, ip: meta.ip }, trx);
      return view;
    });
  }

  async revoke(actor: Actor, id: number, reason: string, meta: RequestMeta = {}): Promise<void> {
    assertCan(actor, 'grant.manage');
    await this.db.transaction().execute(async (trx) => {
      const repo = this.departments.withDb(trx);
      const grant = await repo.grantById(id);
      if (!grant) throw new AppError(ErrorCode.NotFound, `未找到共享授权：${id}`);
      if (grant.revoked_at) throw new AppError(ErrorCode.Conflict, `共享授权 ${id} 已于 ${grant.revoked_at} 撤销`);
      const [before] = await this.present(trx, [grant]);
      await repo.revokeGrant(id, this.clock.now().toISOString(), actor.name, reason);
      const [after] = await this.present(trx, [(await repo.grantById(id))!]);
      await this.audit.record({ actor, action: 'grant.revoke', entityType: 'grant', entityId: String(id), before, after, reason, ip: meta.ip }, trx);
    });
  }

  /** Administrators see every grant; other staff the grants that concern them or their department. */
  async list(actor: Actor): Promise<GrantView[]> {
    assertCan(actor, 'grant.read');
    const rows = await this.departments.listGrants();
    const depts = await this.departments.all();
    if (can(actor, 'grant.manage')) return this.present(this.db, rows, depts);
    const own = actor.departmentId === null ? null : Number(actor.departmentId);
    const below = own === null ? new Set<number>() : withDescendants(depts, [own]);
    const above = new Set<number>();
    const byId = new Map(depts.map((d) => [d.id, d]));
    for (let cur = own === null ? undefined : byId.get(own); cur && !above.has(cur.id); cur = cur.parentId === null ? undefined : byId.get(cur.parentId)) above.add(cur.id);
    const mine = rows.filter(
      (g) =>
        (g.grantee_user_id !== null && String(g.grantee_user_id) === actor.userId) ||
        (g.grantee_department_id !== null && above.has(g.grantee_department_id)) ||
        below.has(g.owner_department_id),
    );
    return this.present(this.db, mine, depts);
  }

  private async present(db: Kysely<DB>, rows: GrantRow[], depts?: DepartmentNode[]): Promise<GrantView[]> {
    const all = depts ?? (await this.departments.withDb(db).all());
    const name = new Map(all.map((d) => [d.id, d.name]));
    const users = new Map((await this.users.withDb(db).list()).map((u) => [u.id, u.name]));
    const now = this.clock.now().toISOString();
    return rows.map((g) => ({
      id: g.id,
      ownerDepartmentId: g.owner_department_id,
      ownerDepartmentName: name.get(g.owner_department_id) ?? null,
      granteeUserId: g.grantee_user_id,
      granteeUserName: g.grantee_user_id === null ? null : (users.get(g.grantee_user_id) ?? null),
      granteeDepartmentId: g.grantee_department_id,
      granteeDepartmentName: g.grantee_department_id === null ? null : (name.get(g.grantee_department_id) ?? null),
      resource: g.resource,
      purpose: g.purpose,
      expiresAt: g.expires_at,
      createdBy: g.created_by_name,
      createdAt: g.created_at,
      revokedAt: g.revoked_at,
      revokedBy: g.revoked_by,
      revokeReason: g.revoke_reason,
      active: g.revoked_at === null && g.expires_at > now,
    }));
  }
}
