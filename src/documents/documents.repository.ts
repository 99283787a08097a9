/** SQL of official documents, via Kysely only. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DepartmentVisibility } from '../auth/department-scope.js';
import type { DB } from '../db/database.types.js';
import type { DocumentActionsTable, DocumentsTable, DocumentVersionsTable } from './documents.tables.js';

export type DocumentRow = Selectable<DocumentsTable>;
export type VersionRow = Selectable<DocumentVersionsTable>;
export type ActionRow = Selectable<DocumentActionsTable>;

export class DocumentsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  document(id: string, db: Kysely<DB> = this.db) {
    return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  version(id: string, version: number, db: Kysely<DB> = this.db) {
    return db.selectFrom('document_versions').selectAll().where('document_id', '=', id).where('version', '=', version).executeTakeFirst();
  }

  versions(id: string) {
    return this.db.selectFrom('document_versions').select(['version', 'created_at', 'created_by', 'created_by_name', 'source', 'note', 'content']).where('document_id', '=', id).orderBy('version', 'desc').execute();
  }

  /** Everyone who wrote a version of the document. */
  async authors(id: string): Promise<string[]> {
    const rows = await this.db.selectFrom('document_versions').select('created_by').distinct().where('document_id', '=', id).execute();
    return rows.map((r) => r.created_by);
  }

  actions(id: string) {
    return this.db.selectFrom('document_actions').selectAll().where('document_id', '=', id).orderBy('id').execute();
  }

  async insertDocument(db: Kysely<DB>, row: Insertable<DocumentsTable>) {
    await db.insertInto('documents').values(row).execute();
  }

  async insertVersion(db: Kysely<DB>, row: Insertable<DocumentVersionsTable>) {
    await db.insertInto('document_versions').values(row).execute();
  }

  async insertAction(db: Kysely<DB>, row: Insertable<DocumentActionsTable>) {
    await db.insertInto('document_actions').values(row).execute();
  }

  /** Moves the document on only from the state the caller read: false when someone else moved it first. */
  async update(db: Kysely<DB>, id: string, from: { status: string; version: number }, set: Partial<Pick<DocumentRow, 'status' | 'version' | 'title' | 'type' | 'doc_number' | 'updated_at'>>): Promise<boolean> {
    const r = await db.updateTable('documents').set(set).where('id', '=', id).where('status', '=', from.status).where('version', '=', from.version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async list(opts: { visible: DepartmentVisibility; includeUnowned: boolean; status?: string; limit: number; offset: number }) {
    if (opts.visible !== 'all' && opts.visible.size === 0 && !opts.includeUnowned) return { items: [], total: 0 };
    let q = this.db.selectFrom('documents');
    if (opts.status) q = q.where('status', '=', opts.status);
    if (opts.visible !== 'all') {
      const ids = [...opts.visible];
      q = q.where((eb) => eb.or([...(ids.length ? [eb('department_id', 'in', ids)] : []), ...(opts.includeUnowned ? [eb('department_id', 'is', null)] : [])]));
    }
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const items = await q.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(opts.limit).offset(opts.offset).execute();
    return { items, total };
  }
}
