/** API tokens for integrations and scripts: `xz_…` secrets shown once, stored as a SHA-256. */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import { assertCan, assertCanActFor, can } from './policy.js';
import type { RequestMeta } from './request-meta.js';
import { newApiToken, sha256Hex } from './secrets.js';
import type { TokenRow, UsersRepository } from './users.repository.js';

export interface TokenView {
  id: number;
  userId: number;
  userName: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const present = (t: TokenRow): TokenView => ({
  id: t.id,
  userId: t.user_id,
  userName: t.user_name,
  label: t.label,
  createdAt: t.created_at,
  lastUsedAt: t.last_used_at,
  expiresAt: t.expires_at,
  revokedAt: t.revoked_at,
});

export class TokensService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly users: UsersRepository,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  /** Creates a token for the actor, or (administrators, the CLI) for another user. The secret is returned once. */
  async create(actor: Actor, input: { userId?: number; label: string; expiresInDays?: number }, meta: RequestMeta = {}): Promise<TokenView & { token: string }> {
    assertCan(actor, 'token.create_own');
    const userId = input.userId ?? (actor.userId === null ? undefined : Number(actor.userId));
    if (userId === undefined) throw new AppError(ErrorCode.ValidationFailed, 'userId 请指定令牌所属用户', { field: 'userId' });
    assertCanActFor(actor, String(userId));
    const user = await this.users.byId(userId);
    if (!user) throw new AppError(ErrorCode.ValidationFailed, `userId 用户不存在：${userId}`, { field: 'userId' });
    if (!user.active) throw new AppError(ErrorCode.Conflict, `用户 ${user.name} 已停用，不能签发令牌`);
    const token = newApiToken();
    const now = this.clock.now();
    const expiresAt = input.expiresInDays === undefined ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repo = this.users.withDb(trx);
      const id = await repo.insertToken({ user_id: userId, token_hash: sha256Hex(token), label: input.label, created_at: now.toISOString(), expires_at: expiresAt, last_used_at: null, revoked_at: null });
      const view = present((await repo.tokenById(id))!);
      await this.audit.record({ actor, action: 'token.create', entityType: 'api_token', entityId: String(id), after: view, ip: meta.ip }, trx);
      return { ...view, token };
    });
  }

  async list(actor: Actor): Promise<TokenView[]> {
    assertCan(actor, 'token.create_own');
    const rows = await this.users.listTokens(can(actor, 'user.manage') ? undefined : Number(actor.userId));
    return rows.map(present);
  }

  async revoke(actor: Actor, id: number, meta: RequestMeta = {}): Promise<void> {
    assertCan(actor, 'token.create_own');
    await this.db.transaction().execute(async (trx) => {
      const repo = this.users.withDb(trx);
      const row = await repo.tokenById(id);
      // someone else's token is "not found" to a non-administrator: ids are not a way to probe
      if (!row || (!can(actor, 'user.manage') && String(row.user_id) !== actor.userId)) throw new AppError(ErrorCode.NotFound, `未找到令牌：${id}`);
      if (row.revoked_at !== null) return;
      const at = this.clock.now().toISOString();
      await repo.updateToken(id, { revoked_at: at });
      await this.audit.record({ actor, action: 'token.revoke', entityType: 'api_token', entityId: String(id), before: present(row), after: { ...present(row), revokedAt: at }, ip: meta.ip }, trx);
    });
  }
}
