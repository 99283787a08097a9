/**
 * The real server as a child process: `node dist/src/cli/main.js serve` (or the TypeScript
 * sources through tsx), on 127.0.0.1, with its own data dir. Measures the time until
 * /api/v1/health reports the search index ready and samples memory from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Runner = 'dist' | 'tsx';

export interface Mem {
  /** summed over the server's process tree (`serve --workers N`: the primary and its workers) */
  rssMB: number;
  /** sum of the processes' own peaks: an upper bound of the tree's peak */
  hwmMB: number;
  processes: number;
}

export interface Health {
  status: string;
  search: { ready: boolean; entries: number; passages: number; changeSeq: number };
}

/** `pid` and all its descendants (from the parent ids in /proc/<pid>/stat). */
export function processTree(pid: number): number[] {
  const parent = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
      const kids = parent.get(ppid) ?? [];
      kids.push(Number(d));
      parent.set(ppid, kids);
    } catch {
      // exited meanwhile
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(parent.get(out[i]!) ?? []));
  return out;
}

export function readMem(pid: number): Mem | null {
  let rss = 0;
  let hwm = 0;
  let processes = 0;
  for (const p of processTree(pid)) {
    try {
      const s = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
      rss += kb('VmRSS') / 1024;
      hwm += kb('VmHWM') / 1024;
      processes++;
    } catch {
      if (p === pid) return null;
    }
  }
  return { rssMB: rss, hwmMB: hwm, processes };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function newestMtime(dir: string, ext: RegExp): number {
  let max = 0;
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (ext.test(e.name)) max = Math.max(max, fs.statSync(p).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) visit(dir);
  return max;
}

/** Rebuilds dist/ with tsc when any source file is newer than the newest compiled file. */
export function ensureDist(root: string): { rebuilt: boolean; seconds: number; ok: boolean } {
  const src = newestMtime(path.join(root, 'src'), /\.ts$/);
  const dist = newestMtime(path.join(root, 'dist/src'), /\.js$/);
  if (dist >= src && fs.existsSync(path.join(root, 'dist/src/cli/main.js'))) return { rebuilt: false, seconds: 0, ok: true };
  process.stderr.write('dist/ is older than src/: building with tsc -p tsconfig.build.json …\n');
  const t0 = performance.now();
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  return { rebuilt: true, seconds: (performance.now() - t0) / 1000, ok: r.status === 0 };
}

export class ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  readonly startedAt: number;
  /** Date.now() at spawn, to compare with file mtimes */
  readonly startedWall: number;
  private exited = false;
  /** highest VmRSS seen by the sampler */
  peakRssMB = 0;
  private sampler: NodeJS.Timeout;

  private constructor(
    child: ChildProcess,
    port: number,
    private readonly workers: number,
    private readonly logFile: string,
    private readonly logOffset: number,
  ) {
    this.child = child;
    this.port = port;
    this.startedAt = performance.now();
    this.startedWall = Date.now();
    child.once('exit', () => {
      this.exited = true;
    });
    this.sampler = setInterval(() => {
      const m = this.mem();
      if (m) this.peakRssMB = Math.max(this.peakRssMB, m.rssMB);
    }, 250);
    this.sampler.unref();
  }

  static async start(opts: { root: string; runner: Runner; dataDir: string; logFile: string; workers: number; extraEnv?: Record<string, string> }): Promise<ServerProcess> {
    const port = await freePort();
    const serve = ['serve', '--port', String(port), '--host', '127.0.0.1', ...(opts.workers > 1 ? ['--workers', String(opts.workers)] : [])];
    const args = opts.runner === 'dist' ? [path.join(opts.root, 'dist/src/cli/main.js'), ...serve] : ['--import', 'tsx', path.join(opts.root, 'src/cli/main.ts'), ...serve];
    const log = fs.openSync(opts.logFile, 'a');
    fs.writeSync(log, `\n==== ${new Date().toISOString()} node ${args.join(' ')}\n`);
    const logOffset = fs.fstatSync(log).size;
    const child = spawn(process.execPath, args, {
      cwd: opts.root,
      env: {
        ...process.env,
        XZ_DATA_DIR: opts.dataDir,
        XZ_DEMO_DATA: 'false',
        XZ_LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        // the per-IP limit of public endpoints would otherwise answer most of the load with 429
        XZ_RATE_LIMIT_PER_MIN: '100000000',
        ...opts.extraEnv,
      },
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    return new ServerProcess(child, port, opts.workers, opts.logFile, logOffset);
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return !this.exited;
  }

  mem(): Mem | null {
    return this.exited ? null : readMem(this.pid);
  }

  async health(): Promise<Health | null> {
    try {
      const res = await fetch(`${this.url}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok && res.status !== 503) return null;
      return (await res.json()) as Health;
    } catch {
      return null;
    }
  }

  /** Polls health until search is ready; returns seconds since spawn. */
  async waitReady(timeoutSec: number, onTick?: (s: number) => void): Promise<{ seconds: number; health: Health; firstResponseSec: number | null }> {
    let firstResponse: number | null = null;
    let lastTick = performance.now();
    for (;;) {
      if (!this.alive) throw new Error(`server exited before search was ready (exit code ${this.child.exitCode}); see the server log`);
      const h = await this.health();
      const s = (performance.now() - this.startedAt) / 1000;
      if (h && firstResponse === null) firstResponse = s;
      if (h?.search.ready) return { seconds: s, health: h, firstResponseSec: firstResponse };
      if (s > timeoutSec) throw new Error(`search not ready after ${timeoutSec} s`);
      if (onTick && performance.now() - lastTick > 10_000) {
        onTick(s);
        lastTick = performance.now();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * `serve --workers N`: health answers from whichever worker gets the request, so after
   * waitReady this waits for the primary's log line saying every worker has its index loaded.
   * Returns seconds since spawn (null with one process).
   */
  async waitWorkers(timeoutSec: number): Promise<number | null> {
    if (this.workers <= 1) return null;
    const line = `All ${this.workers} server processes ready`;
    for (;;) {
      if (!this.alive) throw new Error(`server exited before all workers were ready (exit code ${this.child.exitCode}); see the server log`);
      if (fs.readFileSync(this.logFile).subarray(this.logOffset).toString('utf8').includes(line)) return (performance.now() - this.startedAt) / 1000;
      if ((performance.now() - this.startedAt) / 1000 > timeoutSec) throw new Error(`workers not ready after ${timeoutSec} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGTERM (graceful: the server closes the search service), SIGKILL after `graceSec`. */
  async stop(graceSec = 120): Promise<{ seconds: number; code: number | null; signal: string | null; killed: boolean }> {
    clearInterval(this.sampler);
    const t0 = performance.now();
    if (this.exited) return { seconds: 0, code: this.child.exitCode, signal: this.child.signalCode, killed: false };
    const done = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      this.child.kill('SIGKILL');
    }, graceSec * 1000);
    await done;
    clearTimeout(timer);
    return { seconds: (performance.now() - t0) / 1000, code: this.child.exitCode, signal: this.child.signalCode, killed };
  }
}

/** CPU seconds (user + system) of a process from /proc/<pid>/stat; null when gone. */
export function procCpuSec(pid: number): number | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // fields after ')' start at field 3 (state); utime is field 14, stime 15
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine (all cores) from /proc/stat. */
export function machineBusySec(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - idle) / 100;
}

export interface CpuWindow {
  wallSec: number;
  /** cores used on average over the window */
  serverCores: number;
  benchCores: number;
  otherCores: number;
  loadAvg1: number;
}

/** Starts a CPU accounting window: server processes (the tree), this process (autocannon), everything else. */
export function cpuWindow(serverPid: number): () => CpuWindow {
  const w0 = performance.now();
  const treeCpu = () => processTree(serverPid).reduce((t, p) => t + (procCpuSec(p) ?? 0), 0);
  const s0 = treeCpu();
  const b0 = process.cpuUsage();
  const m0 = machineBusySec();
  return () => {
    const wall = (performance.now() - w0) / 1000;
    const s = treeCpu() - s0;
    const bu = process.cpuUsage(b0);
    const b = (bu.user + bu.system) / 1e6;
    const m = machineBusySec() - m0;
    return { wallSec: wall, serverCores: s / wall, benchCores: b / wall, otherCores: Math.max(0, m - s - b) / wall, loadAvg1: os.loadavg()[0]! };
  };
}
