/**
 * A PostgreSQL server that closes the server's pooled connections (a restart, a failover, an
 * administrator terminating backends) must not take the process down: the next request
 * opens a new connection.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestContext, type TestContext } from '../helpers/test-context.js';

describe('PostgreSQL connections closed by the server', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await openTestContext('postgres', { searchIndex: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps serving after the server terminates every idle pooled connection', async () => {
    const health = () => t.app.inject({ method: 'GET', url: '/api/v1/health' });
    // several requests at once leave several idle connections in the pool
    await Promise.all([health(), health(), health()]);
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query('SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()) x');
      expect(killed.rows[0].n).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // the pool hears the closed connections (without an 'error' listener that ends the process)
    await new Promise((r) => setTimeout(r, 300));
    const res = await health();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ database: { ok: true } });
  });
});
