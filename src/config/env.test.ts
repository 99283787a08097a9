import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours } from '../assistant/handoff.hours.js';
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
      adminPassword: undefined,
      cookieSecure: false,
      sessionHours: 12,
      rateLimitPerMin: 300,
      trustProxy: false,
      officeHours: parseOfficeHours(DEFAULT_OFFICE_HOURS),
      llm: undefined,
      sensitiveWordsFile: path.join(packageRoot(), 'data', 'sensitive-words.txt'),
      divisionsDir: undefined,
      holidaysFile: undefined,
      jobPollMs: 2000,
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
      XZ_ADMIN_PASSWORD: 'a-long-admin-password',
      XZ_COOKIE_SECURE: 'true',
      XZ_SESSION_HOURS: '8',
      XZ_RATE_LIMIT_PER_MIN: '60',
      XZ_TRUST_PROXY: '10.0.0.0/8,127.0.0.1',
      XZ_OFFICE_HOURS: '1-5 08:30-18:00; 6 09:00-12:00',
      XZ_LLM_BASE_URL: 'http://localhost:8000/v1',
      XZ_LLM_MODEL: 'qwen',
      XZ_LLM_API_KEY: 'k',
      XZ_LLM_TIMEOUT_MS: '5000',
      XZ_SENSITIVE_WORDS_FILE: '/srv/words.txt',
      XZ_DIVISIONS_DIR: '/srv/divisions',
      XZ_HOLIDAYS_FILE: '/srv/holidays.json',
      XZ_JOB_POLL_MS: '500',
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
      adminPassword: 'a-long-admin-password',
      cookieSecure: true,
      sessionHours: 8,
      rateLimitPerMin: 60,
      trustProxy: '10.0.0.0/8,127.0.0.1',
      officeHours: parseOfficeHours('1-5 08:30-18:00; 6 09:00-12:00'),
      llm: { baseUrl: 'http://localhost:8000/v1', model: 'qwen', apiKey: 'k', timeoutMs: 5000 },
      sensitiveWordsFile: '/srv/words.txt',
      divisionsDir: '/srv/divisions',
      holidaysFile: '/srv/holidays.json',
      jobPollMs: 500,
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
    ['XZ_OFFICE_HOURS', '1-5 9-12'],
  ])('rejects %s=%j with a message naming the variable', (name, value) => {
    expect(() => loadEnv({ [name]: value })).toThrow(new RegExp(`Invalid configuration:\\n\\s+${name}: `));
  });

  it('names every bad variable at once', () => {
    expect(() => loadEnv({ XZ_PORT: 'x', XZ_LOG_LEVEL: 'loud' })).toThrow(/XZ_PORT[\s\S]*XZ_LOG_LEVEL|XZ_LOG_LEVEL[\s\S]*XZ_PORT/);
  });

  it('treats an empty number variable as unset, not as port 0', () => {
    expect(loadEnv({ XZ_PORT: '', XZ_SEARCH_SYNC_MS: '' })).toMatchObject({ port: 8080, searchSyncMs: 5000 });
  });

  it('reads XZ_TRUST_PROXY as off, on, a hop count or proxy addresses', () => {
    expect(loadEnv({ XZ_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadEnv({ XZ_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadEnv({ XZ_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadEnv({ XZ_TRUST_PROXY: '192.168.1.10' }).trustProxy).toBe('192.168.1.10');
  });

  it('ignores unrelated variables', () => {
    expect(loadEnv({ PATH: '/usr/bin', PORT: 'not-a-number' }).port).toBe(8080);
  });
});
