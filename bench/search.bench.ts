/**
 * Search benchmark (`npm run bench:search -- [options]`): builds a knowledge base of N
 * entries (real laws / policies / hotline Q&A plus generated variants), starts the real
 * server on it, and measures index build time, snapshot load time, size on disk, server
 * memory and /api/v1/search latency and throughput under autocannon load.
 * Never part of `npm test`. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_MIX, loadCorpus, plan, type Mix } from './lib/corpus.js';
import { diskUsage, loadEntries, type LoadReport, type LoaderMode } from './lib/load.js';
import { probe, runLoad, runPaced, type LoadRun, type ProbeResult } from './lib/loadtest.js';
import { loadQueries } from './lib/queries.js';
import { cpuWindow, ensureDist, ServerProcess, type CpuWindow, type Health, type Mem, type Runner } from './lib/server.js';

/** pause between load phases (see where it is used) */
const SETTLE_MS = 2000;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const GENERATOR_VERSION = 1;
/** product code whose output is stored in the rows (text, passages, hashes) */
const ROW_CODE = ['src/knowledge/passages.ts', 'src/knowledge/entry-text.ts', 'src/knowledge/knowledge.service.ts', 'src/knowledge/knowledge.repository.ts'];
const GOALS = { p95Ms: 50, reqPerSec: 200, rssMB: 1536 };

interface Options {
  entries: string;
  dir: string;
  data: string;
  skipLoad?: boolean;
  reuseSnapshot?: boolean;
  workers: string;
  loadOnly?: boolean;
  loader: LoaderMode;
  batch: string;
  upsertProbe: string;
  loadBudget: string;
  runner: Runner;
  serverRoot?: string;
  connections: string;
  duration: string;
  warmup: string;
  rate: string;
  maxRequests: string;
  timeout: string;
  readyTimeout: string;
  probeSeconds: string;
  mix: string;
  out: string;
}

const program = new Command()
  .name('bench:search')
  .description('Search index and /api/v1/search benchmark (see bench/README.md)')
  .option('--entries <n>', 'number of knowledge entries', '2000000')
  .option('--dir <dir>', 'scratch directory (data dirs go to <dir>/n<entries>)', '/tmp/xz-bench')
  .option('--data <dir>', 'shared real data', path.resolve(ROOT, '../shared/data'))
  .option('--skip-load', 'reuse the existing data dir for --entries (no generation/loading)')
  .option('--load-only', 'generate and load the data dir, then stop')
  .option('--reuse-snapshot', 'keep the data dir\'s search snapshot: no cold build, only the restart from it is measured')
  .option('--workers <n>', 'server processes (serve --workers): all of them count towards RSS and server CPU', '1')
  .option('--loader <mode>', 'auto | upsert | direct', 'auto')
  .option('--batch <n>', 'entries per KnowledgeService.upsert() call', '1000')
  .option('--upsert-probe <n>', 'auto: entries loaded through upsert before deciding', '20000')
  .option('--load-budget <sec>', 'auto: switch to direct rows when upsert would take longer', '900')
  .option('--server-root <dir>', 'checkout to run the server from (e.g. a `git archive HEAD` export with node_modules linked), default this one')
  .option('--runner <r>', 'dist (node dist/src/cli/main.js, rebuilt when stale) | tsx', 'dist')
  .option('--connections <list>', 'autocannon connections, comma-separated; the first is the headline', '8,1,32')
  .option('--duration <sec>', 'seconds per load run', '30')
  .option('--warmup <sec>', 'seconds of warm-up load before measuring (15 s at ~200/s sends every distinct query a few times: first-use data such as skip tables is built)', '15')
  .option('--rate <req/s>', 'after the runs at full speed, one run where requests arrive at this rate (Poisson, open loop): the latency at the throughput goal; 0 = none', String(GOALS.reqPerSec))
  .option('--max-requests <n>', 'upper bound of requests per load run', '500000')
  .option('--timeout <sec>', 'per-request timeout', '10')
  .option('--ready-timeout <sec>', 'give up waiting for search ready after', '5400')
  .option('--probe-seconds <sec>', 'time bound of the sequential per-query probe', '120')
  .option('--mix <law,policy,faq>', 'kind shares', `${DEFAULT_MIX.law},${DEFAULT_MIX.policy},${DEFAULT_MIX.faq}`)
  .option('--out <dir>', 'result JSON directory', path.join(ROOT, 'bench/out'));

const opts = program.parse(process.argv).opts<Options>();
const int = (s: string, name: string) => {
  const v = Number(s.replace(/_/g, ''));
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name}: not a number: ${s}`);
  return Math.floor(v);
};

function log(msg: string): void {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
const mb = (b: number) => b / 1024 / 1024;
const fmt = (v: number | null | undefined, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toFixed(d));

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const n = int(opts.entries, 'entries');
  if (n < 1000) throw new Error('--entries must be at least 1000');
  const mixParts = opts.mix.split(',').map(Number);
  const mix: Mix = { law: mixParts[0] ?? 0.6, policy: mixParts[1] ?? 0.3, faq: mixParts[2] ?? 0.1 };
  const workers = int(opts.workers, 'workers') || 1;
  const connections = opts.connections.split(',').map((c) => int(c, 'connections')).filter((c) => c > 0);
  const scratch = path.resolve(opts.dir);
  const dataDir = path.join(scratch, `n${n}`);
  const manifestFile = path.join(dataDir, 'bench-manifest.json');
  const startedAt = new Date();
  const result: Record<string, unknown> = {
    startedAt: startedAt.toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.platform()} ${os.release()}` },
    git: { head: git(['rev-parse', '--short', 'HEAD']), dirty: git(['status', '--porcelain', '--', 'src']) !== '', searchEngine: git(['log', '-1', '--format=%h %s', '--', 'src/search']) },
    options: { ...opts, entries: n, mix, connections, workers },
    goals: GOALS,
    dataDir,
  };

  log(`loading base corpus from ${opts.data}`);
  const c0 = performance.now();
  const corpus = loadCorpus(opts.data);
  const p = plan(n, mix);
  result.corpus = {
    seconds: (performance.now() - c0) / 1000,
    bases: { law: corpus.law.length, policy: corpus.policy.length, faq: corpus.faq.length },
    quota: p.quota,
    ...corpus.stats,
  };
  log(`bases: ${corpus.law.length} law groups (${corpus.stats.lawArticles} articles), ${corpus.policy.length} policy groups, ${corpus.faq.length} FAQ; quota ${JSON.stringify(p.quota)}`);

  // ---------------------------------------------------------------- data dir
  let load: LoadReport | null = null;
  if (opts.skipLoad) {
    if (!fs.existsSync(manifestFile)) throw new Error(`--skip-load: ${dataDir} has no bench-manifest.json; run without --skip-load first`);
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { entries: number; generator: number; load: LoadReport; bases?: Record<string, number>; loadedAtCommit?: string };
    if (m.entries !== n || m.generator !== GENERATOR_VERSION) throw new Error(`--skip-load: ${dataDir} holds ${m.entries} entries of generator v${m.generator}`);
    const bases = { law: corpus.law.length, policy: corpus.policy.length, faq: corpus.faq.length };
    if (m.bases && JSON.stringify(m.bases) !== JSON.stringify(bases)) throw new Error(`--skip-load: base corpus differs from the one loaded (${JSON.stringify(m.bases)} vs ${JSON.stringify(bases)})`);
    // rows hold the passages/text the product computed at load time: say so when that code changed since
    const changed = m.loadedAtCommit ? git(['log', '--format=%h %s', `${m.loadedAtCommit}..HEAD`, '--', ...ROW_CODE]) : 'unknown (data dir from before loadedAtCommit was recorded)';
    result.rowsLoadedAt = { commit: m.loadedAtCommit ?? null, rowCodeChangedSince: changed || null };
    if (changed) log(`WARNING: the code that computes stored rows changed since this data dir was loaded: ${changed.split('\n').join(' | ')} — reload (drop --skip-load) to measure the current rows`);
    load = m.load;
    log(`reusing ${dataDir} (${n} entries, loaded ${m.load ? fmt(m.load.totalSeconds) : '?'} s earlier)`);
  } else {
    if (fs.existsSync(dataDir)) {
      if (!fs.existsSync(manifestFile) && fs.readdirSync(dataDir).length > 0) throw new Error(`${dataDir} exists and is not a benchmark data dir; refusing to delete it`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    fs.mkdirSync(dataDir, { recursive: true });
    log(`generating and loading ${n.toLocaleString('en')} entries into ${dataDir} (loader ${opts.loader})`);
    load = await loadEntries({ dataDir, corpus, plan: p, mode: opts.loader, batch: int(opts.batch, 'batch'), probe: int(opts.upsertProbe, 'upsert-probe'), budgetSec: int(opts.loadBudget, 'load-budget') });
    const bases = { law: corpus.law.length, policy: corpus.policy.length, faq: corpus.faq.length };
    fs.writeFileSync(manifestFile, JSON.stringify({ entries: n, generator: GENERATOR_VERSION, mix, bases, loadedAtCommit: git(['rev-parse', 'HEAD']), rowCodeDirty: git(['status', '--porcelain', '--', ...ROW_CODE]) !== '', createdAt: new Date().toISOString(), load }, null, 2));
    log(`loaded in ${fmt(load.totalSeconds)} s — ${load.note}`);
  }
  result.load = load;
  const dbFiles = ['xiaozheng.sqlite', 'xiaozheng.sqlite-wal', 'xiaozheng.sqlite-shm'].map((f) => diskUsage(path.join(dataDir, f)));
  const dbBytes = dbFiles.reduce((s, d) => s + d.bytes, 0);
  if (opts.loadOnly) {
    result.disk = { databaseMB: mb(dbBytes) };
    finish(result);
    return;
  }

  // ---------------------------------------------------------------- server: cold build, then snapshot load
  let runner = opts.runner;
  const serverRoot = path.resolve(opts.serverRoot ?? ROOT);
  result.serverRoot = { dir: serverRoot, head: serverRoot === ROOT ? git(['rev-parse', '--short', 'HEAD']) : (fs.existsSync(path.join(serverRoot, 'COMMIT')) ? fs.readFileSync(path.join(serverRoot, 'COMMIT'), 'utf8').trim() : 'unknown') };
  if (runner === 'dist') {
    const b = ensureDist(serverRoot);
    result.distBuild = b;
    if (!b.ok) {
      log('WARNING: tsc -p tsconfig.build.json failed (sources being edited?): running the sources through tsx instead');
      runner = 'tsx';
    }
  }
  const logFile = path.join(scratch, `server-n${n}.log`);
  const readyTimeout = int(opts.readyTimeout, 'ready-timeout');
  const snapshotDir = path.join(dataDir, 'search');
  let coldBuild: Record<string, unknown> | null = null;
  if (opts.reuseSnapshot && fs.existsSync(path.join(snapshotDir, 'index.bin'))) log(`--reuse-snapshot: no cold build, the server loads ${snapshotDir} (it rebuilds if the snapshot is stale or of another format)`);
  else {
    fs.rmSync(snapshotDir, { recursive: true, force: true });
    log(`cold start (no snapshot): ${runner} server, ${workers} process(es), log ${logFile}`);
    const cold = await ServerProcess.start({ root: serverRoot, runner, dataDir, logFile, workers });
    const coldCpu = cpuWindow(cold.pid);
    const coldReady = await cold.waitReady(readyTimeout, (s) => {
      const m = cold.mem();
      log(`  … building index, ${s.toFixed(0)} s, RSS ${fmt(m?.rssMB, 0)} MB`);
    });
    const coldMem = cold.mem();
    const coldCpuUse = coldCpu();
    log(`search ready after ${fmt(coldReady.seconds)} s: ${coldReady.health.search.entries} entries, ${coldReady.health.search.passages} passages, RSS ${fmt(coldMem?.rssMB, 0)} MB, HWM ${fmt(coldMem?.hwmMB, 0)} MB`);
    if (coldReady.health.search.entries !== n) log(`WARNING: health reports ${coldReady.health.search.entries} entries, expected ${n}`);
    const snap = await waitForSnapshot(snapshotDir, cold, 600);
    await cold.waitWorkers(readyTimeout);
    const coldPeak = Math.max(cold.peakRssMB, cold.mem()?.hwmMB ?? 0);
    const coldStop = await cold.stop();
    coldBuild = { readySec: coldReady.seconds, firstHealthSec: coldReady.firstResponseSec, cpu: coldCpuUse, memAtReady: coldMem, peakRssMB: coldPeak, snapshotWrittenSec: snap.seconds, snapshotStable: snap.stable, stop: coldStop, health: coldReady.health };
    log(`cold server stopped in ${fmt(coldStop.seconds)} s`);
  }
  const snapshotDisk = diskUsage(snapshotDir);
  log(`snapshot ${snapshotDisk.files} files, ${fmt(mb(snapshotDisk.bytes))} MB`);

  log('warm start (from snapshot)');
  const warm = await ServerProcess.start({ root: serverRoot, runner, dataDir, logFile, workers });
  const warmCpu = cpuWindow(warm.pid);
  const warmReady = await warm.waitReady(readyTimeout);
  const allReadySec = await warm.waitWorkers(readyTimeout);
  const warmCpuUse = warmCpu();
  const warmMemReady = warm.mem();
  log(`search ready after ${fmt(warmReady.seconds)} s${allReadySec === null ? '' : `, all ${workers} processes after ${fmt(allReadySec)} s`}, RSS ${fmt(warmMemReady?.rssMB, 0)} MB (${warmMemReady?.processes ?? '?'} processes)`);

  const dbAfter = ['xiaozheng.sqlite', 'xiaozheng.sqlite-wal', 'xiaozheng.sqlite-shm'].reduce((s, f) => s + diskUsage(path.join(dataDir, f)).bytes, 0);
  result.index = {
    runner,
    workers,
    health: warmReady.health,
    coldBuild,
    snapshotLoad: { readySec: warmReady.seconds, allWorkersReadySec: allReadySec, firstHealthSec: warmReady.firstResponseSec, cpu: warmCpuUse, memAtReady: warmMemReady, health: warmReady.health },
  };
  result.disk = {
    databaseMB: mb(dbAfter),
    databaseMBAfterLoad: mb(dbBytes),
    snapshotMB: mb(snapshotDisk.bytes),
    snapshotFiles: snapshotDisk.files,
    totalMB: mb(dbAfter + snapshotDisk.bytes),
  };

  // ---------------------------------------------------------------- load
  const items = loadQueries(opts.data);
  const bodies = items.map((q) => JSON.stringify(q.body));
  const duration = int(opts.duration, 'duration');
  const warmupSec = int(opts.warmup, 'warmup');
  const maxRequests = int(opts.maxRequests, 'max-requests');
  const timeoutSec = int(opts.timeout, 'timeout');
  result.queries = { distinct: new Set(bodies).size, rotation: bodies.length, groups: countBy(items.map((i) => i.group)) };
  let memAfterWarmup: Mem | null = null;
  let memAfterLoad: Mem | null = null;
  let peakAfterLoad = 0;
  const runs: LoadRun[] = [];
  try {
    if (warmupSec > 0) {
      log(`warm-up: ${warmupSec} s at ${connections[0]} connections`);
      const w = await runLoad({ url: warm.url, bodies, connections: connections[0]!, durationSec: warmupSec, maxRequests, timeoutSec });
      result.warmup = { requests: w.requests, reqPerSec: w.reqPerSec, errors: w.errors, non2xx: w.non2xx };
    }
    memAfterWarmup = warm.mem();
    for (const conn of connections) {
      // the previous phase's connections close first and their workers report it: opened at
      // once, the new ones could be placed on counts that still hold the old ones (measured 6 : 2
      // between two workers right after 8 closed; docs/search.md, Serving)
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      log(`load: ${conn} connection(s), ${duration} s`);
      const cw = cpuWindow(warm.pid);
      const r = await runLoad({ url: warm.url, bodies, connections: conn, durationSec: duration, maxRequests, timeoutSec });
      r.cpu = cw();
      runs.push(r);
      log(`  ${fmt(r.reqPerSec)} req/s, p50 ${fmt(r.latencyMs.p50)} p95 ${fmt(r.latencyMs.p95)} p99 ${fmt(r.latencyMs.p99)} ms, errors ${r.errors}, non2xx ${r.non2xx}, CPU server ${fmt(r.cpu.serverCores, 2)} bench ${fmt(r.cpu.benchCores, 2)} other ${fmt(r.cpu.otherCores, 2)}, RSS ${fmt(warm.mem()?.rssMB, 0)} MB`);
    }
    // memory after the runs at full speed: the open-loop run below can fall behind and pile up connections
    memAfterLoad = warm.mem();
    peakAfterLoad = warm.peakRssMB;
    const rate = Number(opts.rate);
    if (rate > 0) {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      log(`load: requests arriving at ${rate} per second (Poisson, open loop), ${duration} s`);
      const cw = cpuWindow(warm.pid);
      const r = await runPaced({ url: warm.url, bodies, rate, durationSec: duration, timeoutSec });
      r.cpu = cw();
      runs.push(r);
      log(`  ${fmt(r.reqPerSec)} req/s answered, p50 ${fmt(r.latencyMs.p50)} p95 ${fmt(r.latencyMs.p95)} p99 ${fmt(r.latencyMs.p99)} ms, errors ${r.errors}, non2xx ${r.non2xx}, CPU server ${fmt(r.cpu.serverCores, 2)}`);
    }
  } finally {
    result.runs = runs;
  }
  memAfterLoad ??= warm.mem();
  log(`probe: each distinct query once, sequentially (≤ ${opts.probeSeconds} s)`);
  const pr: ProbeResult = await probe({ url: warm.url, items, corpus, maxSec: int(opts.probeSeconds, 'probe-seconds') });
  result.probe = pr;
  // peakRssMB: the largest sum of the processes' RSS sampled every 250 ms since the warm start (HWM sums each process's own peak, reached at different times)
  result.memory = { afterWarmup: memAfterWarmup, afterLoad: memAfterLoad, afterProbe: warm.mem(), peakRssMB: peakAfterLoad || warm.peakRssMB, peakWithOpenLoopMB: runs.some((r) => r.offeredRate) ? warm.peakRssMB : undefined, coldBuildPeakMB: coldBuild?.peakRssMB ?? null };
  const stop = await warm.stop();
  result.memory = { ...(result.memory as object), stop };
  finish(result);
}

/** Waits until the snapshot dir stops changing; returns when its newest file was written (s after spawn). */
async function waitForSnapshot(dir: string, server: ServerProcess, maxSec: number): Promise<{ seconds: number | null; stable: boolean }> {
  const t0 = performance.now();
  let last = -1;
  let stableSince = 0;
  const newest = () => {
    let m = 0;
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) m = Math.max(m, fs.statSync(path.join(dir, f)).mtimeMs);
    return m;
  };
  for (;;) {
    const s = (performance.now() - t0) / 1000;
    const size = diskUsage(dir).bytes;
    if (size > 0 && size === last) {
      if (!stableSince) stableSince = performance.now();
      if (performance.now() - stableSince > 2000) return { seconds: (newest() - server.startedWall) / 1000, stable: true };
    } else stableSince = 0;
    last = size;
    // no snapshot at all 15 s after ready: the engine writes it on close (or not at all)
    if ((size === 0 && s > 15) || s > maxSec || !server.alive) return { seconds: null, stable: false };
    await new Promise((r) => setTimeout(r, 500));
  }
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function table(rows: (string | number)[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]!) : String(c).padStart(w[i]!))).join('  ')).join('\n');
}

function finish(result: Record<string, unknown>): void {
  const load = result.load as LoadReport | null;
  const index = result.index as
    | { workers: number; coldBuild: { readySec: number; cpu: CpuWindow; peakRssMB: number; memAtReady: Mem | null; snapshotWrittenSec: number | null } | null; snapshotLoad: { readySec: number; memAtReady: Mem | null }; health: Health }
    | undefined;
  const disk = result.disk as { databaseMB: number; snapshotMB?: number; totalMB?: number };
  const runs = (result.runs as LoadRun[] | undefined) ?? [];
  const mem = result.memory as { afterWarmup: Mem | null; afterLoad: Mem | null; peakRssMB?: number; peakWithOpenLoopMB?: number } | undefined;
  const pr = result.probe as ProbeResult | undefined;
  const opts2 = result.options as { entries: number };
  const lines: string[] = [];
  lines.push('', `== search benchmark: ${opts2.entries.toLocaleString('en')} entries (${(result.git as { searchEngine: string }).searchEngine}) ==`);
  const rows: (string | number)[][] = [['metric', 'value']];
  if (load) {
    rows.push(['load: total (generate + write)', `${fmt(load.totalSeconds)} s`]);
    if (load.upsert) rows.push(['load: KnowledgeService.upsert', `${load.upsert.entries} entries, ${fmt(load.upsert.entriesPerSec, 0)}/s`]);
    if (load.direct) rows.push(['load: direct toVersionRow rows', `${load.direct.entries} entries, ${fmt(load.direct.entriesPerSec, 0)}/s`]);
    rows.push(['load: of which generation', `${fmt(load.generateSeconds)} s`]);
  }
  if (index) {
    rows.push(['index: entries / passages', `${index.health.search.entries} / ${index.health.search.passages}`]);
    const cb = index.coldBuild;
    if (cb) {
      rows.push(['index: cold build (spawn → ready)', `${fmt(cb.readySec)} s (server ${fmt(cb.cpu.serverCores, 2)} cores, others ${fmt(cb.cpu.otherCores, 2)})`]);
      rows.push(['index: snapshot written (since spawn)', cb.snapshotWrittenSec === null ? 'none / on close' : `${fmt(cb.snapshotWrittenSec)} s`]);
    } else rows.push(['index: cold build', 'skipped (--reuse-snapshot)']);
    rows.push(['index: restart from snapshot (→ ready)', `${fmt(index.snapshotLoad.readySec)} s`]);
    if (cb) rows.push(['memory: cold build peak RSS', `${fmt(cb.peakRssMB, 0)} MB`]);
    rows.push(['server processes', `${index.workers === 1 ? '1' : `${index.workers} workers + primary`} (RSS and server CPU summed over all)`]);
    rows.push(['memory: RSS at ready (restart)', `${fmt(index.snapshotLoad.memAtReady?.rssMB, 0)} MB`]);
  }
  rows.push(['disk: database', `${fmt(disk.databaseMB, 0)} MB`]);
  if (disk.snapshotMB !== undefined) rows.push(['disk: search snapshot', `${fmt(disk.snapshotMB, 0)} MB`], ['disk: total', `${fmt(disk.totalMB, 0)} MB`]);
  if (mem) {
    rows.push(['memory: RSS / HWM after warm-up', `${fmt(mem.afterWarmup?.rssMB, 0)} / ${fmt(mem.afterWarmup?.hwmMB, 0)} MB`]);
    rows.push(['memory: RSS / HWM after load', `${fmt(mem.afterLoad?.rssMB, 0)} / ${fmt(mem.afterLoad?.hwmMB, 0)} MB`]);
    if (mem.peakRssMB) rows.push(['memory: highest total RSS seen (sampled every 250 ms)', `${fmt(mem.peakRssMB, 0)} MB${mem.peakWithOpenLoopMB && mem.peakWithOpenLoopMB > mem.peakRssMB ? ` (${fmt(mem.peakWithOpenLoopMB, 0)} MB with the open-loop run)` : ''}`]);
  }
  lines.push(table(rows));
  if (runs.length) {
    lines.push('', 'POST /api/v1/search (client latency ms; server tookMs from the response bodies)');
    const t: (string | number)[][] = [['conn', 'req/s', 'p50', 'p95', 'p99', 'max', 'took p50', 'took p95', 'took p99', 'requests', 'errors', 'non2xx', 'cpu srv/bench/other', 'srv cpu ms/req']];
    for (const r of runs) {
      t.push([r.offeredRate ? `@${r.offeredRate}/s (≤${r.connections})` : r.connections, fmt(r.reqPerSec), fmt(r.latencyMs.p50), fmt(r.latencyMs.p95), fmt(r.latencyMs.p99), fmt(r.latencyMs.max), fmt(r.tookMs.p50, 2), fmt(r.tookMs.p95, 2), fmt(r.tookMs.p99, 2), r.requests, r.errors + r.timeouts, r.non2xx, r.cpu ? `${fmt(r.cpu.serverCores, 2)}/${fmt(r.cpu.benchCores, 2)}/${fmt(r.cpu.otherCores, 2)}` : '-', r.cpu && r.requests ? fmt((r.cpu.serverCores * r.cpu.wallSec * 1000) / r.requests, 2) : '-']);
    }
    lines.push(table(t));
  }
  if (pr) {
    lines.push('', `probe: ${pr.queries} distinct queries once each${pr.truncated ? ' (time-bounded, truncated)' : ''}: tookMs p50 ${fmt(pr.tookMs.p50, 2)} p95 ${fmt(pr.tookMs.p95, 2)} p99 ${fmt(pr.tookMs.p99, 2)} max ${fmt(pr.tookMs.max, 2)}; zero-hit ${pr.zeroHits}; policy-qa doc in top 10: ${pr.questionsDocInTop10.found}/${pr.questionsDocInTop10.n}`);
    for (const [g, v] of Object.entries(pr.byGroup)) lines.push(`  ${g.padEnd(10)} n=${v.n} tookMs p50 ${fmt(v.tookMs.p50, 2)} p95 ${fmt(v.tookMs.p95, 2)} max ${fmt(v.tookMs.max, 2)}`);
    lines.push(`  slowest: ${pr.slowest.slice(0, 5).map((s) => `${s.query.slice(0, 24)} (${fmt(s.tookMs)} ms, total ${s.total})`).join('; ')}`);
  }
  const closed = runs.filter((r) => !r.offeredRate);
  const head = closed[0];
  const paced = runs.find((r) => r.offeredRate);
  if (head && mem?.afterLoad) {
    // the highest total sampled during the runs at full speed, not only the figure after them
    const rss = Math.max(mem.afterLoad.rssMB, mem.afterWarmup?.rssMB ?? 0, mem.peakRssMB ?? 0);
    const verdict = {
      p95: { goal: `≤ ${GOALS.p95Ms} ms`, value: head.latencyMs.p95, pass: head.latencyMs.p95 <= GOALS.p95Ms },
      throughput: { goal: `≥ ${GOALS.reqPerSec} req/s`, value: head.reqPerSec, pass: head.reqPerSec >= GOALS.reqPerSec },
      rss: { goal: `≤ ${GOALS.rssMB} MB`, value: rss, pass: rss <= GOALS.rssMB },
      errors: { goal: '0', value: closed.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0), pass: closed.every((r) => r.errors + r.timeouts + r.non2xx === 0) },
    };
    result.verdict = verdict;
    lines.push(
      '',
      `goals at ${head.connections} connections: p95 ${fmt(head.latencyMs.p95)} ms ${verdict.p95.pass ? 'PASS' : 'FAIL'} | ${fmt(head.reqPerSec)} req/s ${verdict.throughput.pass ? 'PASS' : 'FAIL'} | RSS ${fmt(rss, 0)} MB ${verdict.rss.pass ? 'PASS' : 'FAIL'} | errors ${verdict.errors.value} ${verdict.errors.pass ? 'PASS' : 'FAIL'}`,
    );
    if (paced) {
      // the latency at the throughput goal: requests offered at that rate must all be answered, 95% within the p95 goal
      const kept = paced.reqPerSec >= 0.98 * paced.offeredRate!;
      const pass = kept && paced.latencyMs.p95 <= GOALS.p95Ms;
      (result.verdict as Record<string, unknown>).paced = { goal: `≤ ${GOALS.p95Ms} ms at ${paced.offeredRate} req/s offered`, value: paced.latencyMs.p95, answeredPerSec: paced.reqPerSec, pass };
      lines.push(`goals at ${paced.offeredRate} req/s arriving (Poisson, open loop; up to ${paced.connections} connections open): answered ${fmt(paced.reqPerSec)} req/s${kept ? '' : ' (fell behind)'}, p95 ${fmt(paced.latencyMs.p95)} ms, errors/timeouts ${paced.errors + paced.timeouts} ${pass ? 'PASS' : 'FAIL'}`);
    }
  }
  result.finishedAt = new Date().toISOString();
  const outDir = (result.options as { out: string }).out;
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `search-${(result.startedAt as string).replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  lines.push('', `results: ${file}`);
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
