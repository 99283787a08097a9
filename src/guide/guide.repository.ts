/** SQL of guide sessions (Kysely only). */
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { GuideSessionsTable } from './guide.tables.js';

export type GuideSessionRow = GuideSessionsTable;

export class GuideRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): GuideRepository {
    return new GuideRepository(db);
  }

  async byTokenHash(tokenHash: string, now: string): Promise<GuideSessionRow | undefined> {
    return this.db.selectFrom('guide_sessions').selectAll().where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst();
  }

  async insert(row: GuideSessionRow): Promise<void> {
    await this.db.insertInto('guide_sessions').values(row).execute();
  }

  async update(id: string, patch: Pick<GuideSessionRow, 'answers' | 'date' | 'versions' | 'updated_at' | 'expires_at'>): Promise<void> {
    await this.db.updateTable('guide_sessions').set(patch).where('id', '=', id).execute();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('guide_sessions').where('expires_at', '<=', now).execute();
  }
}
