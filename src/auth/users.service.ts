/** User accounts: administration (audited), password changes and the first administrator. */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { ROLE_LABELS, type Actor, type Role } from './actor.js';
import type { CreateUserInput, UpdateUserInput, UserView } from './auth.schema.js';
import type { Clock } from './clock.js';
import type { DepartmentNode } from './department-tree.js';
import type { DepartmentsRepository } from './departments.repository.js';
import { assertCan } from './policy.js';
import type { RequestMeta } from './request-meta.js';
import { generatePassword, hashPassword, verifyPassword } from './secrets.js';
import type { UserRow, UsersRepository } from './users.repository.js';

export function presentUser(u: UserRow, departments: readonly DepartmentNode[]): UserView {
  const role = u.role as Role;
  return {
    id: u.id,
    name: u.name,
    displayName: u.display_name,
    role,
    roleLabel: ROLE_LABELS[role] ?? u.role,
    departmentId: u.department_id,
    departmentName: departments.find((d) => d.id === u.department_id)?.name ?? null,
    active: Boolean(u.active),
    mustChangePassword: Boolean(u.must_change_password),
    lockedUntil: u.locked_until,
    createdAt: u.created_at,
  };
}

export function actorOf(u: UserRow, via: 'session' | 'token'): Actor {
  return { kind: 'user', userId: String(u.id), name: u.name, role: u.role as Role, departmentId: u.department_id === null ? null : String(u.department_id), via };
}

export class UsersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: UsersRepository,
    private readonly departments: DepartmentsRepository,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<UserView[]> {
    assertCan(actor, 'user.manage');
    const depts = await this.departments.all();
    return (await this.repo.list()).map((u) => presentUser(u, depts));
  }

  async byName(name: string): Promise<UserRow | undefined> {
    return this.repo.byName(name);
  }

  async view(id: number): Promise<UserView> {
    const u = await this.repo.byId(id);
    if (!u) throw new AppError(ErrorCode.NotFound, `未找到用户：${id}`);
    return presentUser(u, await this.departments.all());
  }

  /**
   * Creates an account. `mustChangePassword`: the password was chosen by someone other than
   * the user (an administrator, a generated one-time password), so the web asks for a new one.
   */
  async create(actor: Actor, input: CreateUserInput & { mustChangePassword: boolean }, meta: RequestMeta = {}): Promise<UserView> {
    assertCan(actor, 'user.manage');
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      if (await repo.byName(input.name)) throw new AppError(ErrorCode.Conflict, `用户名已存在：${input.name}`, { field: 'name' });
      const depts = await this.departments.withDb(trx).all();
      const departmentId = input.departmentId ?? null;
      if (departmentId !== null && !depts.some((d) => d.id === departmentId)) throw new AppError(ErrorCode.ValidationFailed, `departmentId 部门不存在：${departmentId}`, { field: 'departmentId' });
      const now = this.clock.now().toISOString();
      const id = await repo.insert({
        name: input.name,
        display_name: input.displayName ?? input.name,
        role: input.role,
        department_id: departmentId,
        password_hash: passwordHash,
        active: 1,
        must_change_password: input.mustChangePassword ? 1 : 0,
        failed_count: 0,
        failed_since: null,
        locked_until: null,
        created_at: now,
        updated_at: now,
      });
      const view = presentUser((await repo.byId(id))!, depts);
      await this.audit.record({ actor, action: 'user.create', entityType: 'user', entityId: String(id), after: view, ip: meta.ip }, trx);
      return view;
    });
  }

  async update(actor: Actor, id: number, input: UpdateUserInput, meta: RequestMeta = {}): Promise<UserView> {
    assertCan(actor, 'user.manage');
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const user = await repo.byId(id);
      if (!user) throw new AppError(ErrorCode.NotFound, `未找到用户：${id}`);
      const depts = await this.departments.withDb(trx).all();
      if (input.departmentId != null && !depts.some((d) => d.id === input.departmentId)) throw new AppError(ErrorCode.ValidationFailed, `departmentId 部门不存在：${input.departmentId}`, { field: 'departmentId' });
      const stillAdmin = (input.role ?? user.role) === 'admin' && (input.active ?? Boolean(user.active));
      if (user.role === 'admin' && user.active && !stillAdmin) {
        const admins = (await repo.list()).filter((u) => u.role === 'admin' && u.active && u.id !== id);
        if (admins.length === 0) throw new AppError(ErrorCode.Conflict, '不能停用或降级最后一个系统管理员');
      }
      await repo.update(id, {
        ...(input.displayName !== undefined && { display_name: input.displayName }),
        ...(input.role !== undefined && { role: input.role }),
        ...(input.departmentId !== undefined && { department_id: input.departmentId }),
        ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
        ...(passwordHash !== undefined && { password_hash: passwordHash, must_change_password: 1 }),
        updated_at: this.clock.now().toISOString(),
      });
      // a reset password or a deactivated account must not leave sessions signed in
      if (passwordHash !== undefined || input.active === false) await repo.deleteSessionsOf(id);
      const before = presentUser(user, depts);
      const after = presentUser((await repo.byId(id))!, depts);
      await this.audit.record(
        { actor, action: 'user.update', entityType: 'user', entityId: String(id), before, after: { ...after, passwordReset: passwordHash !== undefined }, reason: input.reason, ip: meta.ip },
        trx,
      );
      return after;
    });
  }

  async unlock(actor: Actor, id: number, meta: RequestMeta = {}): Promise<UserView> {
    assertCan(actor, 'user.manage');
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      const user = await repo.byId(id);
      if (!user) throw new AppError(ErrorCode.NotFound, `未找到用户：${id}`);
      await repo.update(id, { failed_count: 0, failed_since: null, locked_until: null, updated_at: this.clock.now().toISOString() });
      const depts = await this.departments.withDb(trx).all();
      const after = presentUser((await repo.byId(id))!, depts);
      await this.audit.record({ actor, action: 'user.unlock', entityType: 'user', entityId: String(id), before: { lockedUntil: user.locked_until, failedCount: user.failed_count }, after: { lockedUntil: null }, ip: meta.ip }, trx);
      return after;
    });
  }

  /** The signed-in user's own change; other sessions of the user are signed out. */
  async changePassword(actor: Actor, current: string, next: string, keepSessionId: string | undefined, meta: RequestMeta = {}): Promise<void> {
    if (actor.kind !== 'user' || actor.userId === null) throw new AppError(ErrorCode.Unauthorized, '请先登录');
    const user = await this.repo.byId(Number(actor.userId));
    if (!user || !(await verifyPassword(user.password_hash, current))) throw new AppError(ErrorCode.ValidationFailed, 'currentPassword 当前密码不正确', { field: 'currentPassword' });
    if (current === next) throw new AppError(ErrorCode.ValidationFailed, 'newPassword 新密码不能与当前密码相同', { field: 'newPassword' });
    const hash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      const repo = this.repo.withDb(trx);
      await repo.update(user.id, { password_hash: hash, must_change_password: 0, updated_at: this.clock.now().toISOString() });
      await repo.deleteSessionsOf(user.id, keepSessionId);
      await this.audit.record({ actor, action: 'auth.password_change', entityType: 'user', entityId: String(user.id), ip: meta.ip }, trx);
    });
  }

  /**
   * First start: when no account exists, creates `admin` with the configured password, or
   * with a generated one-time password that the caller prints once. Returns null otherwise.
   */
  async ensureFirstAdmin(actor: Actor, configuredPassword: string | undefined): Promise<{ user: UserView; generatedPassword: string | null } | null> {
    if ((await this.repo.count()) > 0) return null;
    const generated = configuredPassword === undefined ? generatePassword(16) : null;
    const user = await this.create(actor, { name: 'admin', displayName: '系统管理员', role: 'admin', departmentId: null, password: configuredPassword ?? generated!, mustChangePassword: generated !== null });
    return { user, generatedPassword: generated };
  }
}
