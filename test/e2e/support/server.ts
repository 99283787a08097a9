/**
 * The real Xiaozheng server for browser tests: in-process, on a free port, with a fresh
 * SQLite data directory and, as on a first start, the demo knowledge base and department
 * tree (data/demo) and the first administrator (ADMIN, support/accounts.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAppContext, type AppContext } from '../../../src/app-context.js';
import { prepareAccounts } from '../../../src/auth/first-start.js';
import { loadEnv, packageRoot } from '../../../src/config/env.js';
import { buildApp } from '../../../src/http/app.js';
import { loadDemoDataIfEmpty } from '../../../src/knowledge/demo-data.js';
import { ADMIN } from './accounts.js';
import { ensureWebBuild } from './web-build.js';

export interface TestServer {
  url: string;
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * `env`: more configuration for this server (e.g. XZ_OFFICE_HOURS), as the variables the
 * server reads; the data directory, demo data and web build above are always the test's own.
 */
export async function startServer(opts: { demoDir?: string; port?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
  const webDir = ensureWebBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-e2e-data-'));
  const env = loadEnv({
    // A test crawls pages far faster than one visitor (display.test.ts opens every entry, and
    // the public limit counts the page and its assets too); the limits themselves are tested
    // in test/integration. A file may still set its own.
    XZ_RATE_LIMIT_PER_MIN: '6000',
    ...opts.env,
    XZ_DATA_DIR: dataDir,
    XZ_DEMO_DATA: 'true',
    // the same variable the server reads, so a run can point the tests at another data set
    XZ_DEMO_DIR: opts.demoDir ?? process.env.XZ_DEMO_DIR ?? path.join(packageRoot(), 'data', 'demo'),
    XZ_WEB_DIR: webDir,
    XZ_LOG_LEVEL: 'silent',
    XZ_ADMIN_PASSWORD: ADMIN.password,
  });
  const ctx = await createAppContext(env, { searchIndex: false });
  let app: FastifyInstance | undefined;
  try {
    const loaded = await loadDemoDataIfEmpty(ctx.knowledge, env.demoDir);
    if (loaded === 0) throw new Error(`no demo entries found in ${env.demoDir}: the browser tests search the demo knowledge base`);
    await prepareAccounts(ctx.auth, env);
    await ctx.search.init();
    app = await buildApp(ctx, { webDir: env.webDir });
    await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  } catch (err) {
    await app?.close();
    await ctx.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { port } = app.server.address() as { port: number };
  const server = app;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    async close() {
      await server.close();
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
