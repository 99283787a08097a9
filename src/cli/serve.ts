import type { Command } from 'commander';
import { createAppContext } from '../app-context.js';
import { firstStartLines, prepareAccounts } from '../auth/first-start.js';
import { loadEnv } from '../config/env.js';
import { buildApp } from '../http/app.js';
import { loadDemoDataIfEmpty } from '../knowledge/demo-data.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务（首次启动时载入演示数据、创建管理员账号）')
    .option('--port <n>', '端口（默认 XZ_PORT 或 8080）')
    .option('--host <host>', '监听地址（默认 XZ_HOST 或 0.0.0.0）')
    .action(async (opts: { port?: string; host?: string }) => {
      const env = loadEnv();
      if (opts.port !== undefined) {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer 0-65535, got "${opts.port}"`);
        env.port = port;
      }
      if (opts.host) env.host = opts.host;
      const ctx = await createAppContext(env, { searchIndex: false });
      if (env.loadDemoData) {
        const loaded = await loadDemoDataIfEmpty(ctx.knowledge, env.demoDir);
        if (loaded) console.log(`Loaded demo knowledge base from ${env.demoDir}: ${loaded} entries`);
      }
      for (const line of firstStartLines(await prepareAccounts(ctx.auth, env))) console.log(line);
      const app = await buildApp(ctx, { webDir: env.webDir, logger: env.logLevel === 'silent' ? false : { level: env.logLevel } });
      const shutdown = async (code = 0) => {
        await app.close();
        await ctx.close();
        process.exit(code);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      await app.listen({ port: env.port, host: env.host });
      console.log(`Xiaozheng is serving http://localhost:${(app.server.address() as { port: number }).port} (database: ${ctx.database.dialect} ${ctx.database.location})`);
      // Listen first: loading a snapshot takes seconds, but building a large index from scratch
      // takes minutes, and health (search.ready=false) and a 503 from /search say so meanwhile.
      const t0 = performance.now();
      try {
        await ctx.search.init();
        const s = ctx.search.status();
        console.log(`Search index ready: ${s.entries} entries, ${s.passages} passages (${Math.round(performance.now() - t0)} ms)`);
      } catch (err) {
        console.error(`Search index failed to load: ${err instanceof Error ? err.message : String(err)}`);
        await shutdown(1);
      }
    });
}
