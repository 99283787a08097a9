import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv, packageRoot } from './env.js';

describe('loadEnv', () => {
  it('applies defaults to an empty environment', () => {
    const env = loadEnv({});
    expect(env).toEqual({
      dataDir: path.resolve('./var'),
      databaseUrl: undefined,
      host: '0.0.0.0',
      port: 8080,
      logLevel: 'info',
      loadDemoData: true,
      demoDir: path.join(packageRoot(), 'data', 'demo'),
      searchSyncMs: 5000,
      webDir: path.join(packageRoot(), 'web', 'dist'),
      indexWorkers: Math.min(2, os.availableParallelism()),
    });
  });

  it('reads and converts every variable', () => {
    const env = loadEnv({
      XZ_DATA_DIR: '/srv/xz',
      XZ_DATABASE_URL: 'postgresql://xz:secret@db:5432/xz',
      XZ_HOST: '127.0.0.1',
      XZ_PORT: '3000',
      XZ_LOG_LEVEL: 'warn',
      XZ_DEMO_DATA: 'no',
      XZ_DEMO_DIR: '/srv/demo',
      XZ_SEARCH_SYNC_MS: '250',
      XZ_WEB_DIR: '/srv/web',
      XZ_INDEX_WORKERS: '0',
    });
    expect(env).toEqual({
      dataDir: '/srv/xz',
      databaseUrl: 'postgresql://xz:secret@db:5432/xz',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'warn',
      loadDemoData: false,
      demoDir: '/srv/demo',
      searchSyncMs: 250,
      webDir: '/srv/web',
      indexWorkers: 0,
    });
  });

  it.each([
    ['1', true],
    ['yes', true],
    ['true', true],
    ['0', false],
    ['false', false],
  ])('reads XZ_DEMO_DATA=%s as %s', (value, expected) => {
    expect(loadEnv({ XZ_DEMO_DATA: value }).loadDemoData).toBe(expected);
  });

  it.each([
    ['XZ_PORT', 'eighty'],
    ['XZ_PORT', '70000'],
    ['XZ_PORT', '-1'],
    ['XZ_PORT', '80.5'],
    ['XZ_DATABASE_URL', 'mysql://root@localhost/xz'],
    ['XZ_LOG_LEVEL', 'verbose'],
    ['XZ_DEMO_DATA', 'maybe'],
    ['XZ_SEARCH_SYNC_MS', '10'],
    ['XZ_DATA_DIR', ''],
    ['XZ_INDEX_WORKERS', '-1'],
  ])('rejects %s=%j with a message naming the variable', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`Invalid configuration:\\n\\s+${name}: `));
  });

  it('names every bad variable at once', () => {
    expect(() => loadEnv({ XZ_PORT: 'x', XZ_LOG_LEVEL: 'loud' })).toThrow(/XZ_PORT[\s\S]*XZ_LOG_LEVEL|XZ_LOG_LEVEL[\s\S]*XZ_PORT/);
  });

  it('treats an empty number variable as unset, not as port 0', () => {
    expect(loadEnv({ XZ_PORT: '', XZ_SEARCH_SYNC_MS: '' })).toMatchObject({ port: 8080, searchSyncMs: 5000 });
  });

  it('ignores unrelated variables', () => {
    expect(loadEnv({ PATH: '/usr/bin', PORT: 'not-a-number' }).port).toBe(8080);
  });
});
