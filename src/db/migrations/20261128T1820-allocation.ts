import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { autoId } from './20261128T1500-knowledge.js';

/**
 * Public resource allocation (issue #8): rounds, applications, eligibility decisions, results,
 * objections. What the public verifies is frozen by triggers as well as by the service: once
 * set, the qualified list and its hash, the commitment and the secret, the public value and
 * the seed never change, a round past its commitment is never deleted, and results are
 * append-only.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('allocation_rounds')
    .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('resource_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('resource_kind', 'varchar(100)', (c) => c.notNull())
    .addColumn('slots', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('registration_opens_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('registration_closes_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('applicant_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('qualified_list', 'text')
    .addColumn('list_hash', 'char(64)')
    .addColumn('list_published_at', 'varchar(32)')
    .addColumn('commitment', 'char(64)')
    .addColumn('secret', 'char(64)')
    .addColumn('committed_at', 'varchar(32)')
    .addColumn('public_value', 'varchar(200)')
    .addColumn('seed', 'char(64)')
    .addColumn('drawn_at', 'varchar(32)')
    .addColumn('drawn_by', 'varchar(128)')
    .addColumn('created_by', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('allocation_applications')
    .addColumn('application_no', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('round_id', 'varchar(32)', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_masked', 'varchar(100)', (c) => c.notNull())
    .addColumn('id_cipher', 'text', (c) => c.notNull())
    .addColumn('id_hmac', 'char(64)', (c) => c.notNull())
    .addColumn('id_last4', 'char(4)', (c) => c.notNull())
    .addColumn('birth_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)', (c) => c.notNull())
    .addColumn('household_division', 'varchar(12)', (c) => c.notNull())
    .addColumn('household_since', 'varchar(10)')
    .addColumn('income', 'real', (c) => c.notNull())
    .addColumn('holding_declared', 'integer', (c) => c.notNull())
    .addColumn('claimed_group', 'varchar(100)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('group_name', 'varchar(100)')
    .addColumn('suggestion', 'varchar(16)', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('allocation_applications_round_seq', ['round_id', 'seq'])
    // one registration per person and round
    .addUniqueConstraint('allocation_applications_round_person', ['round_id', 'id_hmac'])
    .execute();
  await db.schema.createIndex('allocation_applications_queue_idx').on('allocation_applications').columns(['round_id', 'status', 'seq']).execute();
  await db.schema.createIndex('allocation_applications_person_idx').on('allocation_applications').column('id_hmac').execute();

  await db.schema
    .createTable('allocation_decisions')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('application_no', 'varchar(64)', (c) => c.notNull().references('allocation_applications.application_no'))
    .addColumn('round_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('decision', 'varchar(16)', (c) => c.notNull())
    .addColumn('group_name', 'varchar(100)')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'varchar(16)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('allocation_decisions_app_idx').on('allocation_decisions').columns(['application_no', 'id']).execute();

  await db.schema
    .createTable('allocation_results')
    .addColumn('round_id', 'varchar(32)', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('application_no', 'varchar(64)', (c) => c.notNull().references('allocation_applications.application_no'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('group_name', 'varchar(100)')
    .addColumn('selected', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('allocation_results_pk', ['round_id', 'rank'])
    .addUniqueConstraint('allocation_results_app', ['application_no'])
    .execute();

  await db.schema
    .createTable('allocation_objections')
    .addColumn('id', 'integer', autoId(dialect))
    .addColumn('round_id', 'varchar(32)', (c) => c.notNull().references('allocation_rounds.id'))
    .addColumn('application_no', 'varchar(64)', (c) => c.notNull().references('allocation_applications.application_no'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('decided_by', 'varchar(128)')
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('allocation_objections_round_idx').on('allocation_objections').columns(['round_id', 'status', 'id']).execute();

  if (dialect === 'postgres') {
    await sql`
      CREATE FUNCTION allocation_rounds_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.commitment IS NOT NULL THEN
            RAISE EXCEPTION 'allocation round %: a round with a published commitment cannot be deleted', OLD.id USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.list_hash IS NOT NULL AND (NEW.list_hash IS DISTINCT FROM OLD.list_hash OR NEW.qualified_list IS DISTINCT FROM OLD.qualified_list) THEN
          RAISE EXCEPTION 'allocation round %: the published qualified list is immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.commitment IS NOT NULL AND (NEW.commitment IS DISTINCT FROM OLD.commitment OR NEW.secret IS DISTINCT FROM OLD.secret) THEN
          RAISE EXCEPTION 'allocation round %: the published commitment is immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF OLD.seed IS NOT NULL AND (NEW.seed IS DISTINCT FROM OLD.seed OR NEW.public_value IS DISTINCT FROM OLD.public_value) THEN
          RAISE EXCEPTION 'allocation round %: the draw is immutable', OLD.id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END
      $$`.execute(db);
    await sql`CREATE TRIGGER allocation_rounds_frozen BEFORE UPDATE OR DELETE ON allocation_rounds FOR EACH ROW EXECUTE FUNCTION allocation_rounds_frozen()`.execute(db);
    await sql`
      CREATE FUNCTION allocation_results_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'allocation_results is append-only: % rejected', TG_OP USING ERRCODE = 'integrity_constraint_violation';
      END
      $$`.execute(db);
    await sql`CREATE TRIGGER allocation_results_no_change BEFORE UPDATE OR DELETE ON allocation_results FOR EACH ROW EXECUTE FUNCTION allocation_results_append_only()`.execute(db);
    await sql`CREATE TRIGGER allocation_results_no_truncate BEFORE TRUNCATE ON allocation_results FOR EACH STATEMENT EXECUTE FUNCTION allocation_results_append_only()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER allocation_rounds_list_frozen BEFORE UPDATE ON allocation_rounds
      WHEN OLD.list_hash IS NOT NULL AND (NEW.list_hash IS NOT OLD.list_hash OR NEW.qualified_list IS NOT OLD.qualified_list)
      BEGIN SELECT RAISE(ABORT, 'allocation round: the published qualified list is immutable'); END`.execute(db);
    await sql`
      CREATE TRIGGER allocation_rounds_commitment_frozen BEFORE UPDATE ON allocation_rounds
      WHEN OLD.commitment IS NOT NULL AND (NEW.commitment IS NOT OLD.commitment OR NEW.secret IS NOT OLD.secret)
      BEGIN SELECT RAISE(ABORT, 'allocation round: the published commitment is immutable'); END`.execute(db);
    await sql`
      CREATE TRIGGER allocation_rounds_draw_frozen BEFORE UPDATE ON allocation_rounds
      WHEN OLD.seed IS NOT NULL AND (NEW.seed IS NOT OLD.seed OR NEW.public_value IS NOT OLD.public_value)
      BEGIN SELECT RAISE(ABORT, 'allocation round: the draw is immutable'); END`.execute(db);
    await sql`
      CREATE TRIGGER allocation_rounds_no_delete BEFORE DELETE ON allocation_rounds
      WHEN OLD.commitment IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'allocation round: a round with a published commitment cannot be deleted'); END`.execute(db);
    await sql`CREATE TRIGGER allocation_results_no_update BEFORE UPDATE ON allocation_results BEGIN SELECT RAISE(ABORT, 'allocation_results is append-only: UPDATE rejected'); END`.execute(db);
    await sql`CREATE TRIGGER allocation_results_no_delete BEFORE DELETE ON allocation_results BEGIN SELECT RAISE(ABORT, 'allocation_results is append-only: DELETE rejected'); END`.execute(db);
  }
}
