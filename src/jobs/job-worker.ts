/**
 * The loop that runs a process's due jobs every few seconds. `serve` starts one per server
 * process; with several processes (cluster workers, hosts sharing one PostgreSQL) each runs
 * its own and the queue's claims keep them from running a job twice.
 */
import type { JobQueue } from './job-queue.js';

/** Finished jobs are kept this long (for looking into a failure), then purged. */
const KEEP_FINISHED_MS = 30 * 86_400_000;
const PURGE_EVERY_MS = 3600_000;

export class JobWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastPurge = 0;

  constructor(
    private readonly queue: JobQueue,
    private readonly opts: { pollMs: number; onError?: (err: unknown) => void } = { pollMs: 2000 },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.queue
        .runDue()
        .then(async () => {
          if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
          this.lastPurge = Date.now();
          await this.queue.purgeFinished(new Date(Date.now() - KEEP_FINISHED_MS));
        })
        .catch((err: unknown) => (this.opts.onError ?? ((e) => console.error(`job worker: ${(e as Error)?.message ?? e}`)))(err))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.opts.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** Stops polling and waits for the jobs in hand to finish (their leases would otherwise have to run out). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
