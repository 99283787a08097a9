/**
 * The real application for integration tests: createAppContext over a temp data dir and
 * either SQLite or a fresh PostgreSQL database, plus the Fastify app for `app.inject()`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAppContext, type AppContext } from '../../src/app-context.js';
import { loadEnv } from '../../src/config/env.js';
import type { Dialect } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export interface TestContext {
  dialect: Dialect;
  ctx: AppContext;
  app: FastifyInstance;
  dataDir: string;
  /** PostgreSQL only: pass it to a second openTestContext to share the database */
  databaseUrl?: string;
  close(): Promise<void>;
}

export interface OpenTestContextOptions {
  /** PostgreSQL: open this existing database instead of creating (and later dropping) one */
  databaseUrl?: string;
  /** extra XZ_* variables */
  env?: Record<string, string>;
  /** false: leave the search index unbuilt, as `serve` does while it builds in the background */
  searchIndex?: boolean;
}

export async function openTestContext(dialect: Dialect, opts: OpenTestContextOptions = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `xz-test-${dialect}-`));
  let owned: TestDatabase | undefined;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    if (opts.databaseUrl) databaseUrl = opts.databaseUrl;
    else {
      owned = await createTestDatabase();
      databaseUrl = owned.url;
    }
  }
  const env = loadEnv({
    XZ_DATA_DIR: dataDir,
    XZ_LOG_LEVEL: 'silent',
    XZ_DEMO_DATA: 'false',
    ...(databaseUrl ? { XZ_DATABASE_URL: databaseUrl } : {}),
    ...opts.env,
  });
  let ctx: AppContext | undefined;
  let app: FastifyInstance | undefined;
  const cleanup = async () => {
    await app?.close();
    await ctx?.close();
    await owned?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    ctx = await createAppContext(env, { searchIndex: opts.searchIndex });
    app = await buildApp(ctx);
    await app.ready();
  } catch (err) {
    await cleanup().catch(() => undefined);
    throw err;
  }
  return { dialect, ctx, app, dataDir, databaseUrl, close: cleanup };
}
