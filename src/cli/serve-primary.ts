/**
 * The primary process of `serve --workers N`. main.ts starts it before loading the rest of the
 * command line: it only forks and watches, so it stays a bare Node process (~40 MB instead of
 * ~135 MB with the app's modules loaded).
 */
import cluster from 'node:cluster';

/** N of `serve --workers N` (N ≥ 2) in the arguments, else null (other commands, and invalid counts, which the full command line reports). */
export function primaryWorkers(argv: readonly string[]): number | null {
  const args = argv.slice(2);
  if (args[0] !== 'serve') return null;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    const value = a === '--workers' ? args[i + 1] : a.startsWith('--workers=') ? a.slice('--workers='.length) : undefined;
    if (value === undefined) continue;
    const n = Number(value);
    return Number.isInteger(n) && n >= 2 && n <= 64 ? n : null;
  }
  return null;
}

/**
 * `serve --workers N`: N processes share the port (node:cluster), each with its own search
 * index (docs/search.md, Serving). The first worker builds the snapshot when there is none;
 * the others are forked once it is ready and load it, so a cold start builds once (and the
 * first-start work runs once, in the first worker).
 */
export function servePrimary(workers: number): void {
  // a smaller young generation (V8's default lets it grow to 3 × 16 MB): 20–30 MB less RSS per
  // worker under load at 2M entries for ~3% more CPU per search (docs/search.md, Serving); the
  // workers' memory adds up against the 1.5 GB goal. A setting of the operator's own wins.
  if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) cluster.setupPrimary({ execArgv: [...process.execArgv, '--max-semi-space-size=4'] });
  let stopping = false;
  let ready = 0;
  const fork = () => {
    const w = cluster.fork();
    w.on('message', (m: { xzSearchReady?: boolean }) => {
      if (!m?.xzSearchReady) return;
      if (++ready === 1) for (let i = 1; i < workers; i++) fork();
      if (ready === workers) console.log(`All ${workers} server processes ready`);
    });
  };
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Server process ${w.process.pid} exited (${signal ?? code}); stopping`);
    stop(code ?? 1);
  });
  const stop = (code = 0) => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  fork();
}
