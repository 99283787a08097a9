/** SQL of material pre-review, via Kysely only. */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { DepartmentVisibility } from '../auth/department-scope.js';
import type { PrereviewApplicationsTable, PrereviewFilesTable } from './prereview.tables.js';

export type ApplicationRow = Selectable<PrereviewApplicationsTable>;
export type FileRow = Selectable<PrereviewFilesTable>;

export class PrereviewRepository {
  constructor(private readonly db: Kysely<DB>) {}

  latestRuleSet(itemId: string, db: Kysely<DB> = this.db) {
    return db.selectFrom('prereview_rule_sets').selectAll().where('item_id', '=', itemId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  }

  ruleSetVersions(itemId: string) {
    return this.db.selectFrom('prereview_rule_sets').select(['version', 'created_at', 'created_by', 'note']).where('item_id', '=', itemId).orderBy('version', 'desc').execute();
  }

  ruleSet(itemId: string, version: number) {
    return this.db.selectFrom('prereview_rule_sets').selectAll().where('item_id', '=', itemId).where('version', '=', version).executeTakeFirst();
  }

  application(id: string, db: Kysely<DB> = this.db) {
    return db.selectFrom('prereview_applications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  revision(id: string, revision: number) {
    return this.db.selectFrom('prereview_revisions').selectAll().where('application_id', '=', id).where('revision', '=', revision).executeTakeFirst();
  }

  revisions(id: string) {
    return this.db.selectFrom('prereview_revisions').select(['revision', 'suggestion', 'created_at']).where('application_id', '=', id).orderBy('revision', 'desc').execute();
  }

  /** Files of a revision without their content. */
  files(id: string, revision: number) {
    return this.db
      .selectFrom('prereview_files')
      .select(['id', 'application_id', 'revision', 'seq', 'name', 'mime', 'size', 'sha256', 'text', 'doc_type', 'fields', 'extraction', 'confidence', 'created_at'])
      .where('application_id', '=', id)
      .where('revision', '=', revision)
      .orderBy('seq')
      .execute();
  }

  file(applicationId: string, fileId: number) {
    return this.db.selectFrom('prereview_files').selectAll().where('application_id', '=', applicationId).where('id', '=', fileId).executeTakeFirst();
  }

  decisions(id: string) {
    return this.db.selectFrom('prereview_decisions').selectAll().where('application_id', '=', id).orderBy('id', 'desc').execute();
  }

  /** The queue within departments: `includeUnowned` adds applications of items owned by no known department. */
  async queue(opts: { visible: DepartmentVisibility; includeUnowned: boolean; statuses: string[]; limit: number; offset: number }) {
    if (opts.visible !== 'all' && opts.visible.size === 0 && !opts.includeUnowned) return { items: [], total: 0 };
    let q = this.db.selectFrom('prereview_applications').where('status', 'in', opts.statuses);
    if (opts.visible !== 'all') {
      const ids = [...opts.visible];
      q = q.where((eb) => {
        const ors = [];
        if (ids.length > 0) ors.push(eb('department_id', 'in', ids));
        if (opts.includeUnowned) ors.push(eb('department_id', 'is', null));
        return eb.or(ors);
      });
    }
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const items = await q.selectAll().orderBy('updated_at', 'asc').orderBy('id').limit(opts.limit).offset(opts.offset).execute();
    return { items, total };
  }
}
