/** SQL for users and their credentials (sessions, API tokens), through Kysely only. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from './auth.tables.js';

export type UserRow = Omit<UsersTable, 'id'> & { id: number };
export type TokenRow = Omit<ApiTokensTable, 'id'> & { id: number; user_name: string };

const num = <T extends { id: unknown }>(r: T) => ({ ...r, id: Number(r.id) });

export class UsersRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): UsersRepository {
    return new UsersRepository(db);
  }

  async byName(name: string): Promise<UserRow | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return r && (num(r) as UserRow);
  }

  async byId(id: number): Promise<UserRow | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && (num(r) as UserRow);
  }

  async list(): Promise<UserRow[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('id').execute();
    return rows.map((r) => num(r) as UserRow);
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(row: Insertable<UsersTable>): Promise<number> {
    const r = await this.db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  async update(id: number, patch: Updateable<UsersTable>): Promise<void> {
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async insertSession(row: Insertable<SessionsTable>): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async session(id: string) {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Signs a user out everywhere (password changed, account deactivated). */
  async deleteSessionsOf(userId: number, exceptId?: string): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  }

  async insertToken(row: Insertable<ApiTokensTable>): Promise<number> {
    const r = await this.db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
    return Number(r.id);
  }

  private tokens() {
    return this.db.selectFrom('api_tokens as t').innerJoin('users as u', 'u.id', 't.user_id').selectAll('t').select('u.name as user_name');
  }

  async tokenByHash(hash: string): Promise<TokenRow | undefined> {
    const r = await this.tokens().where('t.token_hash', '=', hash).executeTakeFirst();
    return r && (num(r) as TokenRow);
  }

  async tokenById(id: number): Promise<TokenRow | undefined> {
    const r = await this.tokens().where('t.id', '=', id).executeTakeFirst();
    return r && (num(r) as TokenRow);
  }

  async listTokens(userId?: number): Promise<TokenRow[]> {
    let q = this.tokens();
    if (userId !== undefined) q = q.where('t.user_id', '=', userId);
    return (await q.orderBy('t.id', 'desc').execute()).map((r) => num(r) as TokenRow);
  }

  async updateToken(id: number, patch: Updateable<ApiTokensTable>): Promise<void> {
    await this.db.updateTable('api_tokens').set(patch).where('id', '=', id).execute();
  }
}
