import cluster from 'node:cluster';
import type net from 'node:net';
import { servePrimary, type WorkerMessage } from './serve-primary.js';
import type { Command } from 'commander';
import { createAppContext, type AppContext } from '../app-context.js';
import { firstStartLines, prepareAccounts } from '../auth/first-start.js';
import { loadEnv, type Env } from '../config/env.js';
import { trainDemoModelIfMissing } from '../hotline/classifier/demo-model.js';
import { loadHotlineDemoIfEmpty } from '../hotline/intake/demo-config.js';
import { buildApp } from '../http/app.js';
import { JobWorker } from '../jobs/job-worker.js';
import { loadDemoDataIfEmpty } from '../knowledge/demo-data.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务（首次启动时载入演示数据、创建管理员账号）')
    .option('--port <n>', '端口（默认 XZ_PORT 或 8080）')
    .option('--host <host>', '监听地址（默认 XZ_HOST 或 0.0.0.0）')
    .option('--workers <n>', '服务进程数（默认 1）：多个进程共享端口，各自载入检索索引，用满多核', '1')
    .action(async (opts: { port?: string; host?: string; workers: string }) => {
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`--workers must be an integer 1-64, got "${opts.workers}"`);
      const env = loadEnv();
      if (opts.port !== undefined) {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer 0-65535, got "${opts.port}"`);
        env.port = port;
      }
      if (opts.host) env.host = opts.host;
      if (workers > 1 && cluster.isPrimary) return servePrimary(workers);
      const ctx = await createAppContext(env, { searchIndex: false });
      // under --workers the first worker does the first-start work: the others are forked only
      // once it is ready, and the primary holds no database or app (it stays ~50 MB smaller)
      if (cluster.isPrimary || cluster.worker?.id === 1) await firstStart(ctx, env);
      const app = await buildApp(ctx, { webDir: env.webDir, logger: env.logLevel === 'silent' ? false : { level: env.logLevel } });
      // every server process runs the job queue (deadline timers); claims keep a job to one of them
      const worker = new JobWorker(ctx.hotline.jobs, { pollMs: env.jobPollMs });
      const shutdown = async (code = 0) => {
        await app.close();
        await worker.stop();
        await ctx.close();
        process.exit(code);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      // a worker started after the first one loads the snapshot that one wrote (seconds): it
      // takes requests only once its index is ready, so no request sees a 503 meanwhile
      const later = cluster.isWorker && cluster.worker!.id > 1;
      if (later) await initSearch(ctx, shutdown);
      if (cluster.isWorker) {
        // the primary listens and hands connections over (serve-primary.ts)
        await app.ready();
        process.on('message', (m: WorkerMessage, socket?: net.Socket) => {
          if (!m?.xzConnection || !socket) return;
          // (not while shutting down: the primary is gone or going, and with it the channel)
          socket.once('close', () => {
            if (process.connected) process.send?.({ xzConnectionClosed: true } satisfies WorkerMessage);
          });
          app.server.emit('connection', socket);
          socket.resume();
        });
        process.send?.({ xzAccept: { port: env.port, host: env.host } } satisfies WorkerMessage);
        console.log(`Server process ${process.pid} takes connections (database: ${ctx.database.dialect} ${ctx.database.location})`);
      } else {
        await app.listen({ port: env.port, host: env.host });
        console.log(`Xiaozheng is serving http://localhost:${(app.server.address() as { port: number }).port} (database: ${ctx.database.dialect} ${ctx.database.location})`);
      }
      worker.start();
      // Listen first: loading a snapshot takes seconds, but building a large index from scratch
      // takes minutes, and health (search.ready=false) and a 503 from /search say so meanwhile.
      if (!later) await initSearch(ctx, shutdown);
      process.send?.({ xzSearchReady: true } satisfies WorkerMessage);
    });
}

async function firstStart(ctx: AppContext, env: Env): Promise<void> {
  if (env.loadDemoData) {
    const loaded = await loadDemoDataIfEmpty(ctx.knowledge, env.demoDir);
    if (loaded) console.log(`Loaded demo knowledge base from ${env.demoDir}: ${loaded} entries`);
  }
  for (const line of firstStartLines(await prepareAccounts(ctx.auth, env))) console.log(line);
  if (env.loadDemoData) {
    const h = await loadHotlineDemoIfEmpty(ctx.hotline.intake, env.demoDir);
    if (h.categories || h.rules) console.log(`Loaded demo hotline taxonomy (${h.categories} categories) and dispatch catalogue (${h.rules} rules)`);
    if (h.skipped) console.warn(h.skipped);
    // after the taxonomy: its names are part of what the demo model learns
    const model = await trainDemoModelIfMissing(ctx.hotline.classifier.training, env.dataDir, env.demoDir);
    if (model) console.log(`Trained the hotline classifier on the demo history: ${model.examples} messages, ${model.categories.length} first-level categories`);
  }
}

async function initSearch(ctx: AppContext, shutdown: (code: number) => Promise<void>): Promise<void> {
  const t0 = performance.now();
  try {
    await ctx.search.init();
    const s = ctx.search.status();
    console.log(`Search index ready: ${s.entries} entries, ${s.passages} passages (${Math.round(performance.now() - t0)} ms)`);
  } catch (err) {
    console.error(`Search index failed to load: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}

