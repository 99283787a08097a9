/** SQL for entries and their versions, through Kysely only. */
import { sql, type Kysely } from 'kysely';
import type { DB, EntryVersionsTable } from '../db/database.types.js';

export type VersionRow = EntryVersionsTable;
export type VersionMeta = Pick<VersionRow, 'entry_id' | 'version' | 'status' | 'valid_from' | 'valid_to' | 'content_hash'>;

export class KnowledgeRepository {
  constructor(private readonly db: Kysely<DB>) {}

  withDb(db: Kysely<DB>): KnowledgeRepository {
    return new KnowledgeRepository(db);
  }

  async latestHashes(ids: string[]): Promise<Map<string, { version: number; hash: string; kind: string }>> {
    const out = new Map<string, { version: number; hash: string; kind: string }>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db
        .selectFrom('entries as e')
        .innerJoin('entry_versions as v', (j) => j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.latest_version'))
        .select(['e.id', 'e.kind', 'e.latest_version', 'v.content_hash'])
        .where('e.id', 'in', chunk)
        .execute();
      for (const r of rows) out.set(r.id, { version: r.latest_version, hash: r.content_hash, kind: r.kind });
    }
    return out;
  }

  async insertVersions(rows: VersionRow[], isNew: Set<string>, now: string): Promise<void> {
    if (rows.length === 0) return;
    // the last row of each id carries its newest version
    const lastOf = new Map<string, VersionRow>();
    for (const r of rows) lastOf.set(r.entry_id, r);
    const fresh = [...lastOf.values()].filter((r) => isNew.has(r.entry_id));
    for (let i = 0; i < fresh.length; i += 200) {
      await this.db
        .insertInto('entries')
        .values(
          fresh.slice(i, i + 200).map((r) => ({
            id: r.entry_id,
            kind: r.kind,
            title: r.title,
            status: r.status,
            latest_version: r.version,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    for (const r of lastOf.values()) {
      if (isNew.has(r.entry_id)) continue;
      await this.db
        .updateTable('entries')
        .set({ kind: r.kind, title: r.title, status: r.status, latest_version: r.version, updated_at: now })
        .where('id', '=', r.entry_id)
        .execute();
    }
    // SQLite allows 32766 bound parameters; 17 columns × 50 rows stays far below, and PG too.
    for (let i = 0; i < rows.length; i += 50) {
      await this.db.insertInto('entry_versions').values(rows.slice(i, i + 50)).execute();
    }
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('kb_changes')
        .values(rows.slice(i, i + 500).map((r) => ({ entry_id: r.entry_id, version: r.version, changed_at: now })))
        .execute();
    }
  }

  async getVersion(id: string, version: number): Promise<VersionRow | undefined> {
    return this.db.selectFrom('entry_versions').selectAll().where('entry_id', '=', id).where('version', '=', version).executeTakeFirst();
  }

  async versionsMeta(id: string): Promise<VersionMeta[]> {
    return this.db
      .selectFrom('entry_versions')
      .select(['entry_id', 'version', 'status', 'valid_from', 'valid_to', 'content_hash'])
      .where('entry_id', '=', id)
      .orderBy('version')
      .execute();
  }

  async history(id: string) {
    return this.db
      .selectFrom('entry_versions')
      .select(['version', 'status', 'title', 'valid_from', 'valid_to', 'content_hash', 'created_at', 'change_note'])
      .where('entry_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
  }

  async list(opts: { kind?: string; status?: string; limit: number; offset: number }) {
    let q = this.db.selectFrom('entries').select(['id', 'kind', 'title', 'status', 'latest_version', 'updated_at']);
    if (opts.kind) q = q.where('kind', '=', opts.kind);
    if (opts.status) q = q.where('status', '=', opts.status);
    return q.orderBy('id').limit(opts.limit).offset(opts.offset).execute();
  }

  /** A trivial round trip: is the database reachable? (cheap at any size, unlike counts) */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async countByKindAndStatus() {
    return this.db
      .selectFrom('entries')
      .select(['kind', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['kind', 'status'])
      .execute();
  }

  async countVersions(): Promise<number> {
    const r = await this.db.selectFrom('entry_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async maxChangeSeq(): Promise<number> {
    const r = await this.db.selectFrom('kb_changes').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return Number(r?.m ?? 0);
  }

  /** Entry ids changed after a sequence number, for keeping a local search index in step. */
  async changedSince(seq: number, limit: number): Promise<{ seq: number; entry_id: string }[]> {
    return this.db.selectFrom('kb_changes').select(['seq', 'entry_id']).where('seq', '>', seq).orderBy('seq').limit(limit).execute();
  }

  /** All non-draft versions of the given entries, for indexing. */
  async versionsForIndex(ids: string[]): Promise<VersionRow[]> {
    const out: VersionRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('entry_versions')
        .selectAll()
        .where('entry_id', 'in', ids.slice(i, i + 500))
        .where('status', '!=', 'draft')
        .execute();
      out.push(...rows);
    }
    return out;
  }

  /** Pages through entry ids in id order (keyset pagination: cheap at millions of rows). */
  async entryIdsAfter(afterId: string | null, limit: number): Promise<string[]> {
    let q = this.db.selectFrom('entries').select('id').orderBy('id').limit(limit);
    if (afterId !== null) q = q.where('id', '>', afterId);
    return (await q.execute()).map((r) => r.id);
  }
}
