/**
 * The primary process of `serve --workers N`. main.ts starts it before loading the rest of the
 * command line: it only forks and watches, so it stays a bare Node process (~40 MB instead of
 * ~135 MB with the app's modules loaded).
 */
import cluster, { type Worker } from 'node:cluster';
import net from 'node:net';

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

/** Messages between the primary and the workers of `serve --workers`. */
export interface WorkerMessage {
  /** a worker's search index is ready (the next workers may start) */
  xzSearchReady?: boolean;
  /** a worker takes connections; the first one also says where to listen */
  xzAccept?: { port: number; host: string };
  /** a connection handed to the worker (the socket comes with the message) */
  xzConnection?: boolean;
  /** a connection the worker was handed has closed */
  xzConnectionClosed?: boolean;
}

/**
 * The worker to hand a new connection to: of those taking connections, the one with the fewest
 * open (the first of them on a tie); undefined when none takes connections yet.
 */
export function leastConnections(open: ReadonlyMap<number, number>): number | undefined {
  let best: number | undefined;
  for (const [id, n] of open) if (best === undefined || n < open.get(best)!) best = id;
  return best;
}

/**
 * V8 settings of the workers, each unless the operator gave one of the same name (the workers'
 * memory adds up against the 1.5 GB goal at 2M entries; docs/search.md, Serving):
 * - a smaller young generation (V8's default lets it grow to 3 × 16 MB): 20–30 MB less RSS per
 *   worker under load, for ~3% more CPU per search;
 * - the old generation collected once it has grown by 20% over what the last full collection
 *   kept, instead of letting it grow to up to 4× that (V8's default on a fast collector): what
 *   little of a search's garbage reaches it (~6 KB a search) then never piles up — with
 *   ~55 KB a search, each worker's heap swung between ~55 and 90–210 MB under load, and
 *   stayed under ~80 MB with this setting.
 */
export const WORKER_V8_DEFAULTS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=20'];

/** The workers' execArgv: the primary's, plus each of WORKER_V8_DEFAULTS it does not set. */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const name = (a: string) => a.split('=')[0]!.replaceAll('_', '-');
  const given = new Set(execArgv.map(name));
  return [...execArgv, ...WORKER_V8_DEFAULTS.filter((d) => !given.has(name(d)))];
}

/**
 * `serve --workers N`: N processes serve one port (docs/search.md, Serving), each with its own
 * search index. The first worker builds the snapshot when there is none; the others are forked
 * once it is ready and load it, so a cold start builds once (and the first-start work runs
 * once, in the first worker).
 *
 * The primary accepts the connections and hands each to the worker with the fewest open ones
 * (node:cluster's round robin hands them out in turn as workers acknowledge them, and a few
 * long-lived keep-alive connections — a reverse proxy's, a load generator's — then often end up
 * 5 : 3 or 6 : 2 between two workers, and the busier worker's queue is what the slowest requests
 * wait in). A connection costs one message each way; requests go straight to the worker.
 */
export function servePrimary(workers: number): void {
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv) });
  let stopping = false;
  let ready = 0;
  /** open connections of each worker taking connections */
  const open = new Map<number, number>();
  let server: net.Server | null = null;
  const listen = (where: { port: number; host: string }) => {
    server = net.createServer({ pauseOnConnect: true }, (socket) => {
      const id = leastConnections(open);
      const w = id === undefined ? undefined : cluster.workers?.[id];
      if (!w) return socket.destroy();
      open.set(id!, open.get(id!)! + 1);
      w.send({ xzConnection: true } satisfies WorkerMessage, socket, (err) => {
        if (!err) return;
        open.set(id!, Math.max(0, open.get(id!)! - 1));
        socket.destroy();
      });
    });
    server.on('error', (err) => {
      console.error(`Cannot listen on ${where.host}:${where.port}: ${err.message}`);
      stop(1);
    });
    server.listen(where.port, where.host, () => {
      const port = (server!.address() as net.AddressInfo).port;
      console.log(`Xiaozheng is serving http://localhost:${port} (${workers} server processes)`);
    });
  };
  const fork = () => {
    const w: Worker = cluster.fork();
    w.on('message', (m: WorkerMessage) => {
      if (m?.xzAccept) {
        open.set(w.id, 0);
        if (!server) listen(m.xzAccept);
      }
      if (m?.xzConnectionClosed && open.has(w.id)) open.set(w.id, Math.max(0, open.get(w.id)! - 1));
      if (!m?.xzSearchReady) return;
      if (++ready === 1) for (let i = 1; i < workers; i++) fork();
      if (ready === workers) console.log(`All ${workers} server processes ready`);
    });
  };
  cluster.on('exit', (w, code, signal) => {
    open.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(`Server process ${w.process.pid} exited (${signal ?? code}); stopping`);
    stop(code ?? 1);
  });
  const stop = (code = 0) => {
    stopping = true;
    server?.close();
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());
  fork();
}
