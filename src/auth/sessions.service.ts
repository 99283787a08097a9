/**
 * Signing in and recognising callers: password login with per-account lockout, session
 * cookies (only a SHA-256 of the secret is stored) and bearer API tokens.
 */
import type { Kysely } from 'kysely';
import type { AuditRecorder } from '../audit/audit.types.js';
import type { DB } from '../db/database.types.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { ANONYMOUS, type Actor } from './actor.js';
import type { UserView } from './auth.schema.js';
import type { Clock } from './clock.js';
import type { DepartmentsRepository } from './departments.repository.js';
import { afterFailure, CLEARED, minutesLocked } from './lockout.js';
import type { RequestMeta } from './request-meta.js';
import { API_TOKEN_PREFIX, randomSecret, sha256Hex, spendVerifyTime, verifyPassword } from './secrets.js';
import { actorOf, presentUser } from './users.service.js';
import type { UserRow, UsersRepository } from './users.repository.js';

export const BAD_CREDENTIALS = '用户名或密码错误';

export interface SignedIn {
  /** the cookie value; the database keeps only its SHA-256 */
  secret: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: UserView;
}

export interface Authenticated {
  actor: Actor;
  user: UserRow;
  /** sessions only */
  session?: { id: string; csrfToken: string };
}

/** A token's last use is written at most this often, so busy integrations do not write per request. */
const TOUCH_INTERVAL_MS = 60_000;

const iso = (d: Date) => d.toISOString();
const date = (s: string | null) => (s === null ? null : new Date(s));

export class SessionsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly users: UsersRepository,
    private readonly departments: DepartmentsRepository,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
    private readonly sessionHours: number,
  ) {}

  /**
   * Unknown names and wrong passwords get the same answer after the same work (a dummy
   * verification), so neither the message nor the timing tells which names exist.
   */
  async login(name: string, password: string, meta: RequestMeta = {}): Promise<SignedIn> {
    const now = this.clock.now();
    const user = await this.users.byName(name);
    if (!user || !user.active) {
      await spendVerifyTime(password);
      await this.audit.record({ actor: ANONYMOUS, action: 'auth.login_failed', entityType: 'user', entityId: user ? String(user.id) : undefined, after: { name, reason: user ? 'inactive' : 'unknown' }, ip: meta.ip });
      throw new AppError(ErrorCode.Unauthorized, BAD_CREDENTIALS);
    }
    const state = { failedCount: user.failed_count, failedSince: date(user.failed_since), lockedUntil: date(user.locked_until) };
    const locked = minutesLocked(state, now);
    if (locked > 0) {
      await this.audit.record({ actor: ANONYMOUS, action: 'auth.login_refused_locked', entityType: 'user', entityId: String(user.id), after: { name, lockedUntil: user.locked_until }, ip: meta.ip });
      throw lockedError(locked);
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const next = afterFailure(state, now);
      await this.db.transaction().execute(async (trx) => {
        await this.users.withDb(trx).update(user.id, { failed_count: next.failedCount, failed_since: next.failedSince && iso(next.failedSince), locked_until: next.lockedUntil && iso(next.lockedUntil) });
        await this.audit.record({ actor: ANONYMOUS, action: 'auth.login_failed', entityType: 'user', entityId: String(user.id), after: { name, reason: 'password' }, ip: meta.ip }, trx);
        if (next.locked) await this.audit.record({ actor: ANONYMOUS, action: 'auth.lockout', entityType: 'user', entityId: String(user.id), after: { name, lockedUntil: iso(next.lockedUntil!) }, ip: meta.ip }, trx);
      });
      if (next.locked) throw lockedError(minutesLocked(next, now));
      throw new AppError(ErrorCode.Unauthorized, BAD_CREDENTIALS);
    }
    const secret = randomSecret(32);
    const sessionId = sha256Hex(secret);
    const csrfToken = randomSecret(24);
    const expiresAt = new Date(now.getTime() + this.sessionHours * 3600_000);
    await this.db.transaction().execute(async (trx) => {
      const repo = this.users.withDb(trx);
      await repo.update(user.id, { failed_count: CLEARED.failedCount, failed_since: null, locked_until: null });
      await repo.deleteExpiredSessions(iso(now));
      await repo.insertSession({ id: sessionId, user_id: user.id, csrf_token: csrfToken, created_at: iso(now), expires_at: iso(expiresAt) });
      await this.audit.record({ actor: actorOf(user, 'session'), action: 'auth.login', entityType: 'user', entityId: String(user.id), ip: meta.ip }, trx);
    });
    const fresh = { ...user, failed_count: 0, failed_since: null, locked_until: null };
    return { secret, sessionId, csrfToken, expiresAt, user: presentUser(fresh, await this.departments.all()) };
  }

  async logout(auth: Authenticated, meta: RequestMeta = {}): Promise<void> {
    if (!auth.session) return;
    const sessionId = auth.session.id;
    await this.db.transaction().execute(async (trx) => {
      await this.users.withDb(trx).deleteSession(sessionId);
      await this.audit.record({ actor: auth.actor, action: 'auth.logout', entityType: 'user', entityId: auth.actor.userId ?? undefined, ip: meta.ip }, trx);
    });
  }

  /** The caller behind a session cookie, or null when the session is unknown, expired or its user inactive. */
  async fromSession(secret: string): Promise<Authenticated | null> {
    const row = await this.users.session(sha256Hex(secret));
    if (!row || row.expires_at <= iso(this.clock.now())) return null;
    const user = await this.users.byId(Number(row.user_id));
    if (!user || !user.active) return null;
    return { actor: actorOf(user, 'session'), user, session: { id: row.id, csrfToken: row.csrf_token } };
  }

  /** The caller behind a bearer token, or null when it is unknown, revoked, expired or its user inactive. */
  async fromToken(token: string): Promise<Authenticated | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await this.users.tokenByHash(sha256Hex(token));
    const now = this.clock.now();
    if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= iso(now))) return null;
    const user = await this.users.byId(row.user_id);
    if (!user || !user.active) return null;
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
      await this.users.updateToken(row.id, { last_used_at: iso(now) });
    }
    return { actor: actorOf(user, 'token'), user };
  }
}

function lockedError(minutes: number): AppError {
  return new AppError(ErrorCode.AccountLocked, `账号已锁定，请 ${minutes} 分钟后再试`, { minutes });
}
