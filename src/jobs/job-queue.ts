/**
 * A durable job queue in the database (table `jobs`), shared by every module: timers that
 * must fire once even when the server restarts or several server processes share one
 * PostgreSQL. A job is claimed for a lease (`locked_until`); a process that dies mid-job
 * leaves a lease that runs out, and the job is claimed again. The handler's effect and the
 * job's completion commit in one transaction that first re-checks the lease is still ours,
 * so a slow worker whose lease was taken over rolls back instead of acting twice.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/database.types.js';
import type { JobsTable } from '../hotline/hotline.tables.js';

export type JobRow = Selectable<JobsTable>;

export interface JobContext {
  /** the transaction that completes the job: write the effect through it */
  trx: Kysely<DB>;
  job: JobRow;
  now: Date;
}
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export interface EnqueueInput {
  kind: string;
  payload: unknown;
  runAt: Date;
  /** the same key is scheduled once; a cancelled job with the key is revived instead */
  dedupeKey?: string;
}

export interface JobQueueOptions {
  db: Kysely<DB>;
  dialect: Dialect;
  now: () => Date;
  /** how long a claim lasts before another process may take the job over */
  leaseMs?: number;
  maxAttempts?: number;
}

/** A handler failure is retried after 30 s, 1 min, 2 min … up to 30 min. */
const backoffMs = (attempts: number) => Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

class LeaseLost extends Error {}

export class JobQueue {
  readonly workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly opts: JobQueueOptions) {
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.maxAttempts = opts.maxAttempts ?? 8;
  }

  /** Each process registers the handlers it can run; jobs of other kinds stay for processes that can. */
  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Schedules a job (inside the caller's transaction when given). False when the key was already scheduled. */
  async enqueue(input: EnqueueInput, db: Kysely<DB> = this.opts.db): Promise<boolean> {
    const at = this.opts.now().toISOString();
    const row = { kind: input.kind, payload: JSON.stringify(input.payload ?? null), dedupe_key: input.dedupeKey ?? null, run_at: input.runAt.toISOString(), status: 'pending', attempts: 0, created_at: at };
    const res = await db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('dedupe_key')
          .doUpdateSet({ status: 'pending', run_at: row.run_at, payload: row.payload, attempts: 0, last_error: null, finished_at: null, locked_by: null, locked_until: null })
          .where('jobs.status', '=', 'cancelled'),
      )
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Cancels a pending job by its key (a deadline that moved); a running or finished job is left alone. */
  async cancel(dedupeKey: string, db: Kysely<DB> = this.opts.db): Promise<boolean> {
    const res = await db.updateTable('jobs').set({ status: 'cancelled', finished_at: this.opts.now().toISOString() }).where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  /**
   * Claims up to `limit` due jobs of the registered kinds: pending ones whose time has come
   * and running ones whose lease ran out. PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent
   * claimers take disjoint rows without waiting; SQLite: under the database's write lock.
   */
  async claim(limit = 20): Promise<JobRow[]> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return [];
    const now = this.opts.now();
    const nowIso = now.toISOString();
    const lease = new Date(now.getTime() + this.leaseMs).toISOString();
    const due = (db: Kysely<DB>) =>
      db
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowIso)]), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)])]))
        .orderBy('run_at')
        .limit(limit);
    const claimSet = { status: 'running', locked_by: this.workerId, locked_until: lease, attempts: sql<number>`attempts + 1` };
    if (this.opts.dialect === 'postgres') {
      return this.opts.db
        .updateTable('jobs')
        .set(claimSet)
        .where('id', 'in', due(this.opts.db).forUpdate().skipLocked())
        .returningAll()
        .execute();
    }
    return this.opts.db.transaction().execute(async (trx) => {
      // the write lock first: another process's claim waits here instead of reading the same rows
      await sql`update jobs set id = id where 0`.execute(trx);
      const ids = (await due(trx).execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      return trx.updateTable('jobs').set(claimSet).where('id', 'in', ids).returningAll().execute();
    });
  }

  /** Runs one claimed job: effect and completion together, or a retry later. */
  async run(job: JobRow): Promise<'done' | 'retry' | 'failed' | 'lost'> {
    const handler = this.handlers.get(job.kind);
    const now = this.opts.now();
    try {
      await this.opts.db.transaction().execute(async (trx) => {
        const mine = await trx
          .updateTable('jobs')
          .set({ status: 'done', finished_at: now.toISOString(), locked_until: null })
          .where('id', '=', job.id)
          .where('status', '=', 'running')
          .where('locked_by', '=', this.workerId)
          .executeTakeFirst();
        if (Number(mine.numUpdatedRows) !== 1) throw new LeaseLost();
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(JSON.parse(job.payload), { trx, job, now });
      });
      return 'done';
    } catch (err) {
      if (err instanceof LeaseLost) return 'lost';
      const failed = job.attempts >= this.maxAttempts;
      await this.opts.db
        .updateTable('jobs')
        .set({ status: failed ? 'failed' : 'pending', run_at: new Date(now.getTime() + backoffMs(job.attempts)).toISOString(), last_error: String((err as Error)?.stack ?? err).slice(0, 2000), locked_by: null, locked_until: null, finished_at: failed ? now.toISOString() : null })
        .where('id', '=', job.id)
        .where('locked_by', '=', this.workerId)
        .execute();
      console.error(`job ${job.id} (${job.kind}) failed on attempt ${job.attempts}: ${(err as Error)?.message ?? err}`);
      return failed ? 'failed' : 'retry';
    }
  }

  /**
   * Deletes jobs that finished (done, failed, cancelled) before `before`: each dispatched
   * order leaves two timers behind, and an old finished timer has nothing left to tell.
   */
  async purgeFinished(before: Date): Promise<number> {
    const res = await this.opts.db.deleteFrom('jobs').where('status', 'in', ['done', 'failed', 'cancelled']).where('finished_at', '<', before.toISOString()).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Claims and runs due jobs until none is left; returns how many completed. */
  async runDue(batch = 20): Promise<number> {
    let done = 0;
    for (;;) {
      const jobs = await this.claim(batch);
      if (jobs.length === 0) return done;
      for (const job of jobs) if ((await this.run(job)) === 'done') done++;
    }
  }
}
