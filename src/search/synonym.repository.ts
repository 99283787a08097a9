/** Administrator-edited synonyms (table search_synonyms), through Kysely only. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.types.js';

export interface SynonymRow {
  id: number;
  alias: string;
  canonical: string;
  created_at: string;
}

export class SynonymRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async list(): Promise<SynonymRow[]> {
    return this.db.selectFrom('search_synonyms').selectAll().orderBy('id').execute();
  }

  async find(alias: string, canonical: string): Promise<SynonymRow | undefined> {
    return this.db.selectFrom('search_synonyms').selectAll().where('alias', '=', alias).where('canonical', '=', canonical).executeTakeFirst();
  }

  async insert(alias: string, canonical: string, now: string): Promise<SynonymRow> {
    await this.db.insertInto('search_synonyms').values({ alias, canonical, created_at: now }).execute();
    return (await this.find(alias, canonical))!;
  }

  async delete(id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('search_synonyms').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** Cheap change detector: row count and highest id. */
  async version(): Promise<string> {
    const r = await this.db
      .selectFrom('search_synonyms')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('m')])
      .executeTakeFirst();
    return `${Number(r?.n ?? 0)}:${Number(r?.m ?? 0)}`;
  }
}
