/** SQL of public resource allocation, via Kysely only. */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { AllocationApplicationsTable, AllocationObjectionsTable, AllocationRoundsTable } from './allocation.tables.js';

export type RoundRow = Selectable<AllocationRoundsTable>;
export type ApplicationRow = Selectable<AllocationApplicationsTable>;
export type ObjectionRow = Selectable<AllocationObjectionsTable>;

export class AllocationRepository {
  constructor(private readonly db: Kysely<DB>) {}

  round(id: string, db: Kysely<DB> = this.db) {
    return db.selectFrom('allocation_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first; `publicOnly` leaves drafts out. */
  async rounds(opts: { publicOnly: boolean }) {
    let q = this.db.selectFrom('allocation_rounds').selectAll();
    if (opts.publicOnly) q = q.where('status', '<>', 'draft');
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
    return rows;
  }

  application(no: string, db: Kysely<DB> = this.db) {
    return db.selectFrom('allocation_applications').selectAll().where('application_no', '=', no).executeTakeFirst();
  }

  applications(roundId: string, opts: { status?: string; limit: number; offset: number }) {
    let q = this.db.selectFrom('allocation_applications').selectAll().where('round_id', '=', roundId);
    if (opts.status) q = q.where('status', '=', opts.status);
    return q.orderBy('seq').limit(opts.limit).offset(opts.offset).execute();
  }

  async countByStatus(roundId: string, db: Kysely<DB> = this.db): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('allocation_applications')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('round_id', '=', roundId)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  qualifiedOf(roundId: string, db: Kysely<DB> = this.db) {
    return db.selectFrom('allocation_applications').select(['application_no', 'name_masked', 'group_name']).where('round_id', '=', roundId).where('status', '=', 'qualified').orderBy('application_no').execute();
  }

  /** Selected in a drawn round of the same resource kind (other than `exceptRound`). */
  async heldBefore(idHmac: string, resourceKind: string, exceptRound: string, db: Kysely<DB> = this.db): Promise<boolean> {
    const row = await db
      .selectFrom('allocation_results as r')
      .innerJoin('allocation_applications as a', 'a.application_no', 'r.application_no')
      .innerJoin('allocation_rounds as o', 'o.id', 'r.round_id')
      .select('r.application_no')
      .where('a.id_hmac', '=', idHmac)
      .where('r.selected', '=', 1)
      .where('o.resource_kind', '=', resourceKind)
      .where('o.id', '<>', exceptRound)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  decisions(no: string) {
    return this.db.selectFrom('allocation_decisions').selectAll().where('application_no', '=', no).orderBy('id', 'desc').execute();
  }

  results(roundId: string) {
    return this.db.selectFrom('allocation_results').selectAll().where('round_id', '=', roundId).orderBy('rank').execute();
  }

  result(no: string) {
    return this.db.selectFrom('allocation_results').selectAll().where('application_no', '=', no).executeTakeFirst();
  }

  objections(filter: { roundId?: string; applicationNo?: string; status?: string }) {
    let q = this.db.selectFrom('allocation_objections').selectAll();
    if (filter.roundId) q = q.where('round_id', '=', filter.roundId);
    if (filter.applicationNo) q = q.where('application_no', '=', filter.applicationNo);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('id', 'desc').limit(500).execute();
  }

  objection(id: number, db: Kysely<DB> = this.db) {
    return db.selectFrom('allocation_objections').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async openObjections(roundId: string): Promise<number> {
    const r = await this.db.selectFrom('allocation_objections').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).where('status', '=', 'open').executeTakeFirst();
    return Number(r?.n ?? 0);
  }
}
