/**
 * Integration tests run against SQLite and PostgreSQL. PostgreSQL is XZ_TEST_DATABASE_URL
 * when set (its role needs CREATEDB), otherwise an embedded server started here and stopped
 * at teardown. Test files receive the admin URL through `inject('pgAdminUrl')` and create
 * their own databases (test/helpers/test-database.ts).
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.XZ_TEST_DATABASE_URL;
  if (external) {
    const client = new pg.Client({ connectionString: external });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (err) {
      throw new Error(`XZ_TEST_DATABASE_URL is set but PostgreSQL is not reachable: ${(err as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    project.provide('pgAdminUrl', external);
    return async () => {};
  }
  const t0 = performance.now();
  const server = await startEmbeddedPostgres();
  console.log(`[integration] embedded PostgreSQL ready at ${server.url.replace(/:[^:@/]*@/, ':***@')} in ${Math.round(performance.now() - t0)} ms`);
  project.provide('pgAdminUrl', server.url);
  return () => server.stop();
}
