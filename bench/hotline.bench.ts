/**
 * Hotline intake benchmark (`npm run bench:hotline -- [options]`): replays the real messages
 * (../shared/data/hotline/messages.jsonl) as agent intake — POST /api/v1/hotline/orders, each
 * message with its own idempotencyKey — at rising offered rates (open loop), reports sustained
 * orders/s and latency per rate, SIGKILLs the server in the middle of the run and starts it
 * again, retrying every failed request with the same key. At the end it counts the orders in
 * the database: none lost (every key sent is there once) and none duplicated (by key and by
 * content, beyond the duplicates the input itself holds).
 * SQLite by default; `--postgres` runs against an embedded PostgreSQL. Never part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../test/helpers/postgres-server.js';
import { ensureDist, ServerProcess, type Runner } from './lib/server.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

interface Options {
  data: string;
  rates: string;
  seconds: string;
  killAt?: string;
  postgres?: boolean;
  runner: Runner;
  maxInFlight: string;
  dir: string;
  out: string;
}

const opts = new Command()
  .name('bench:hotline')
  .description('Hotline intake under rising load with a server kill and restart; checks no order is lost or duplicated')
  .option('--data <file>', 'messages to replay (JSONL {id, title, text})', path.resolve(ROOT, '../shared/data/hotline/messages.jsonl'))
  .option('--rates <list>', 'offered orders/s, one step each, comma-separated', '10,20,40,80,160')
  .option('--seconds <n>', 'seconds per rate step', '10')
  .option('--kill-at <sec>', 'SIGKILL the server this many seconds into the run (default: half-way)')
  .option('--postgres', 'run against an embedded PostgreSQL instead of SQLite')
  .option('--runner <r>', 'dist (node dist/src/cli/main.js, rebuilt when stale) | tsx', 'dist')
  .option('--max-in-flight <n>', 'requests in flight at most (beyond it the generator waits)', '256')
  .option('--dir <dir>', 'scratch directory', '/tmp/xz-bench-hotline')
  .option('--out <dir>', 'result JSON directory', path.join(ROOT, 'bench/out'))
  .parse(process.argv)
  .opts<Options>();

const num = (s: string, name: string) => {
  const v = Number(s);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name}: not a positive number: ${s}`);
  return v;
};
const rates = opts.rates.split(',').map((r) => num(r.trim(), 'rates'));
const stepSec = num(opts.seconds, 'seconds');
const maxInFlight = num(opts.maxInFlight, 'max-in-flight');
const totalSec = rates.length * stepSec;
const killAtSec = opts.killAt === undefined ? totalSec / 2 : num(opts.killAt, 'kill-at');

interface Message {
  id: string;
  title: string;
  text: string;
}
const messages: Message[] = fs
  .readFileSync(opts.data, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Message);
const planned = rates.reduce((n, r) => n + Math.round(r * stepSec), 0);
if (planned > messages.length) throw new Error(`the steps need ${planned} messages, ${opts.data} has ${messages.length}: lower --rates or --seconds`);

const runId = new Date().toISOString().replace(/[-:.TZ]/g, '');
const work = path.join(opts.dir, runId);
const dataDir = path.join(work, 'data');
const logFile = path.join(work, 'server.log');
fs.mkdirSync(dataDir, { recursive: true });

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** Runs the CLI against the bench's data dir (and database); returns stdout. */
function cli(args: string[], env: Record<string, string>): string {
  const cmd = opts.runner === 'dist' ? [path.join(ROOT, 'dist/src/cli/main.js'), ...args] : ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args];
  const r = spawnSync(process.execPath, cmd, { cwd: ROOT, env: { ...process.env, XZ_DATA_DIR: dataDir, XZ_DEMO_DATA: 'false', XZ_LOG_LEVEL: 'warn', ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xiaozheng ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

interface Outcome {
  msg: Message;
  step: number;
  key: string;
  /** first send → accepted, ms */
  latencyMs: number;
  attempts: number;
  status: number;
  doneAt: number;
}

async function main(): Promise<void> {
  if (opts.runner === 'dist') {
    const built = ensureDist(ROOT);
    if (!built.ok) throw new Error('tsc build failed');
  }
  let postgres: RunningPostgres | undefined;
  const env: Record<string, string> = {};
  if (opts.postgres) {
    postgres = await startEmbeddedPostgres();
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE xz_bench_hotline');
    await admin.end();
    const url = new URL(postgres.url);
    url.pathname = '/xz_bench_hotline';
    env.XZ_DATABASE_URL = url.toString();
  }
  try {
    await run(env);
  } finally {
    await postgres?.stop();
  }
}

async function run(env: Record<string, string>): Promise<void> {
  log(`bench:hotline ${opts.postgres ? 'PostgreSQL (embedded)' : 'SQLite'}; rates ${rates.join(', ')} orders/s × ${stepSec} s; kill at ${killAtSec} s; scratch ${work}`);
  cli(['user', 'create', '--name', 'bench-agent', '--role', 'agent', '--password', 'bench-agent-password-1'], env);
  const token = cli(['token', 'create', '--user', 'bench-agent', '--label', 'bench'], env).trim().split('\n').pop()!;

  const start = () => ServerProcess.start({ root: ROOT, runner: opts.runner, dataDir, logFile, workers: 1, extraEnv: env });
  let server = await start();
  await server.waitReady(300);
  log(`server up on ${server.url}`);

  let down = false;
  const restart = { killedAt: 0, upAt: 0, seconds: 0 };
  const outcomes: Outcome[] = [];
  const failures: { key: string; status: number; body: string }[] = [];
  let inFlight = 0;
  let wake: (() => void) | undefined;

  async function submit(msg: Message, step: number): Promise<void> {
    const key = `bench-${runId}-${msg.id}`;
    const body = JSON.stringify({ channel: 'web', type: '投诉', title: msg.title.slice(0, 300), content: msg.text.slice(0, 10_000), idempotencyKey: key });
    const t0 = performance.now();
    let attempts = 0;
    let backoff = 50;
    for (;;) {
      attempts++;
      let status = 0;
      let text = '';
      try {
        const res = await fetch(`${server.url}/api/v1/hotline/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        text = await res.text();
      } catch {
        status = 0;
      }
      if (status === 200 || status === 201) {
        outcomes.push({ msg, step, key, latencyMs: performance.now() - t0, attempts, status, doneAt: performance.now() });
        return;
      }
      // a refused connection (server down), a timeout, 5xx or 429 is retried with the same key;
      // anything else is the request's fault and would fail again
      if (status !== 0 && status < 500 && status !== 429) {
        failures.push({ key, status, body: text.slice(0, 300) });
        return;
      }
      if (performance.now() - t0 > 300_000) {
        failures.push({ key, status, body: `gave up after ${attempts} attempts: ${text.slice(0, 200)}` });
        return;
      }
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 1000);
    }
  }

  const runStart = performance.now();
  const stepWindows: { rate: number; start: number; sent: number; end?: number }[] = [];
  let next = 0;
  const pending: Promise<void>[] = [];
  const killer = setTimeout(() => {
    void (async () => {
      down = true;
      restart.killedAt = (performance.now() - runStart) / 1000;
      log(`  SIGKILL server (pid ${server.pid}) at ${restart.killedAt.toFixed(1)} s`);
      const died = new Promise<void>((r) => server.child.once('exit', () => r()));
      server.child.kill('SIGKILL');
      await died;
      const t0 = performance.now();
      server = await start();
      await server.waitReady(300);
      restart.seconds = (performance.now() - t0) / 1000;
      restart.upAt = (performance.now() - runStart) / 1000;
      down = false;
      log(`  restarted on ${server.url} in ${restart.seconds.toFixed(1)} s`);
    })();
  }, killAtSec * 1000);

  for (let s = 0; s < rates.length; s++) {
    const rate = rates[s]!;
    const count = Math.round(rate * stepSec);
    const stepStart = performance.now();
    const window: { rate: number; start: number; sent: number; end?: number } = { rate, start: stepStart, sent: count };
    stepWindows.push(window);
    for (let k = 0; k < count; k++) {
      // open loop: message k of the step is due at k/rate seconds, whatever came back before
      const due = stepStart + (k * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inFlight >= maxInFlight) await new Promise<void>((r) => (wake = r));
      inFlight++;
      const msg = messages[next++]!;
      pending.push(
        submit(msg, s).finally(() => {
          inFlight--;
          wake?.();
          wake = undefined;
        }),
      );
    }
    const generated = (performance.now() - stepStart) / 1000;
    log(`  step ${s + 1}: offered ${rate}/s, ${count} sent in ${generated.toFixed(1)} s${down ? ' (server down)' : ''}`);
  }
  await Promise.all(pending);
  clearTimeout(killer);
  while (down) await new Promise((r) => setTimeout(r, 100));
  const wall = (performance.now() - runStart) / 1000;

  const steps = stepWindows.map((w, s) => {
    const done = outcomes.filter((o) => o.step === s);
    const last = Math.max(...done.map((o) => o.doneAt));
    const seconds = (last - w.start) / 1000;
    const lat = done.map((o) => o.latencyMs);
    const killed = restart.killedAt * 1000 + runStart >= w.start && restart.killedAt * 1000 + runStart < w.start + stepSec * 1000;
    return {
      offered: w.rate,
      sent: w.sent,
      accepted: done.length,
      ordersPerSec: done.length / seconds,
      p50Ms: quantile(lat, 0.5),
      p95Ms: quantile(lat, 0.95),
      p99Ms: quantile(lat, 0.99),
      retried: done.filter((o) => o.attempts > 1).length,
      serverKilled: killed,
    };
  });
  await server.stop();

  // the database after the run: every key once, nothing else written twice
  const database = await openDatabase({ dataDir, databaseUrl: env.XZ_DATABASE_URL, migrate: false });
  const rows = await database.db.selectFrom('hotline_orders').select(['id', 'idempotency_key', 'title', 'content']).execute();
  const byKey = await database.db
    .selectFrom('hotline_orders')
    .select(['idempotency_key', sql<number>`count(*)`.as('n')])
    .where('idempotency_key', 'is not', null)
    .groupBy('idempotency_key')
    .having(sql`count(*)`, '>', 1)
    .execute();
  await database.close();
  const sentKeys = new Set(outcomes.map((o) => o.key).concat(failures.map((f) => f.key)));
  const storedKeys = new Set(rows.map((r) => r.idempotency_key));
  const lost = [...sentKeys].filter((k) => !storedKeys.has(k));
  const contentKey = (title: string, content: string) => `${title}\u0000${content}`;
  const expected = new Map<string, number>();
  for (const m of messages.slice(0, next)) {
    const k = contentKey(m.title.slice(0, 300).trim(), m.text.slice(0, 10_000).trim());
    expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  const stored = new Map<string, number>();
  for (const r of rows) stored.set(contentKey(r.title, r.content), (stored.get(contentKey(r.title, r.content)) ?? 0) + 1);
  const extraByContent = [...stored].reduce((n, [k, c]) => n + Math.max(0, c - (expected.get(k) ?? 0)), 0);

  const result = {
    runId,
    database: opts.postgres ? 'postgres' : 'sqlite',
    runner: opts.runner,
    wallSec: wall,
    messagesSent: next,
    accepted: outcomes.length,
    failed: failures.length,
    ordersInDb: rows.length,
    lost: lost.length,
    duplicatedByKey: byKey.length,
    duplicatedByContent: extraByContent,
    restart,
    steps,
    failures: failures.slice(0, 20),
  };
  fs.mkdirSync(opts.out, { recursive: true });
  const outFile = path.join(opts.out, `hotline-${result.database}-${runId}.json`);
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2));

  log('');
  log(`offered/s  sent  accepted  orders/s   p50 ms   p95 ms   p99 ms  retried`);
  for (const s of steps) {
    log(
      `${String(s.offered).padStart(9)}  ${String(s.sent).padStart(4)}  ${String(s.accepted).padStart(8)}  ${s.ordersPerSec.toFixed(1).padStart(8)}  ${s.p50Ms.toFixed(0).padStart(7)}  ${s.p95Ms.toFixed(0).padStart(7)}  ${s.p99Ms.toFixed(0).padStart(7)}  ${String(s.retried).padStart(7)}${s.serverKilled ? '  ← server SIGKILLed in this step' : ''}`,
    );
  }
  log(`server SIGKILLed at ${restart.killedAt.toFixed(1)} s, serving again after ${restart.seconds.toFixed(1)} s`);
  log(`sent ${next}, accepted ${outcomes.length}, refused ${failures.length}; in the database ${rows.length}: lost ${lost.length}, duplicated by key ${byKey.length}, by content ${extraByContent}`);
  log(`result: ${outFile}`);
  if (failures.length) log(`refused requests (first): ${JSON.stringify(failures.slice(0, 3))}`);
  const ok = lost.length === 0 && byKey.length === 0 && extraByContent === 0 && rows.length === next && failures.length === 0;
  log(ok ? 'OK: zero orders lost or duplicated' : 'FAILED: orders lost or duplicated (see above)');
  if (!ok) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
