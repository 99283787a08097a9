/**
 * The only place that reads process.env. Parsed once at boot with zod; a bad value stops
 * the process with a message naming the variable.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours, type OfficeHours } from '../assistant/handoff.hours.js';

/** An empty variable (`XZ_PORT=`) counts as unset, not as 0 or "". */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envSchema = z.object({
  XZ_DATA_DIR: z.string().min(1).default('./var'),
  XZ_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'XZ_DATABASE_URL must start with postgres://')
    .optional(),
  XZ_HOST: z.string().default('0.0.0.0'),
  XZ_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(8080)),
  XZ_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  XZ_DEMO_DATA: bool.default(true),
  XZ_DEMO_DIR: z.string().optional(),
  XZ_SEARCH_SYNC_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(100).default(5000)),
  XZ_WEB_DIR: z.string().optional(),
  XZ_INDEX_WORKERS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(16).optional()),
  XZ_ADMIN_PASSWORD: z.preprocess(unsetIfEmpty, z.string().min(12, 'XZ_ADMIN_PASSWORD must have at least 12 characters').optional()),
  XZ_COOKIE_SECURE: z.preprocess(unsetIfEmpty, bool.default(false)),
  XZ_SESSION_HOURS: z.preprocess(unsetIfEmpty, z.coerce.number().positive().max(24 * 30).default(12)),
  XZ_TRUST_PROXY: z.preprocess(unsetIfEmpty, z.string().optional()),
  XZ_RATE_LIMIT_PER_MIN: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).default(300)),
  XZ_LLM_BASE_URL: z.preprocess(unsetIfEmpty, z.string().url('XZ_LLM_BASE_URL must be a URL such as http://localhost:8000/v1').optional()),
  XZ_LLM_MODEL: z.preprocess(unsetIfEmpty, z.string().optional()),
  XZ_LLM_API_KEY: z.preprocess(unsetIfEmpty, z.string().optional()),
  XZ_LLM_TIMEOUT_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(100).default(20000)),
  XZ_OFFICE_HOURS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(DEFAULT_OFFICE_HOURS)
      .transform((v, c) => {
        try {
          return parseOfficeHours(v);
        } catch (err) {
          c.addIssue({ code: 'custom', message: `XZ_OFFICE_HOURS: ${(err as Error).message}` });
          return z.NEVER;
        }
      }),
  ),
  XZ_SENSITIVE_WORDS_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  XZ_DIVISIONS_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  XZ_HOLIDAYS_FILE: z.preprocess(unsetIfEmpty, z.string().optional()),
  XZ_JOB_POLL_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(100).default(2000)),
});

export type Env = {
  dataDir: string;
  databaseUrl: string | undefined;
  host: string;
  port: number;
  logLevel: z.infer<typeof envSchema>['XZ_LOG_LEVEL'];
  loadDemoData: boolean;
  demoDir: string;
  searchSyncMs: number;
  /** worker threads segmenting text while the search index is built; 0 = in the main thread */
  indexWorkers: number;
  webDir: string;
  /** first start: the admin's password instead of a generated one-time password */
  adminPassword: string | undefined;
  /** session cookies with the Secure flag (behind HTTPS) */
  cookieSecure: boolean;
  sessionHours: number;
  /** requests per minute per client address on public endpoints */
  rateLimitPerMin: number;
  /**
   * Fastify's trustProxy: false (default), true, a hop count, or addresses/CIDRs of the proxies
   * whose X-Forwarded-For is believed.
   */
  trustProxy: boolean | number | string;
  /** optional OpenAI-compatible chat model; absent → answers are extractive only */
  llm: { baseUrl: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  /** when live agents take handed-off chats (Asia/Shanghai); outside them citizens leave a callback request */
  officeHours: OfficeHours;
  /** the consultation's sensitive-word policy: lines of `word refuse|mask|handoff` */
  sensitiveWordsFile: string;
  /** folder with streets.csv (township/street codes) for work-order locations; absent → county level at most */
  divisionsDir: string | undefined;
  /** JSON {holidays: [dates], workdays: [dates]} that wins over the packaged holiday calendar (work-order deadlines) */
  holidaysFile: string | undefined;
  /** how often each server process looks for due jobs (deadline timers) */
  jobPollMs: number;
};

/** Root of the installed package (works from src/ under tsx and from dist/src/ when built). */
export function packageRoot(): string {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const parts = here.split(path.sep);
  const idx = parts.lastIndexOf('src');
  const root = parts.slice(0, idx).join(path.sep) || path.sep;
  return path.basename(root) === 'dist' ? path.dirname(root) : root;
}

function parseTrustProxy(v: string | undefined): boolean | number | string {
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const root = packageRoot();
  return {
    dataDir: path.resolve(e.XZ_DATA_DIR),
    databaseUrl: e.XZ_DATABASE_URL,
    host: e.XZ_HOST,
    port: e.XZ_PORT,
    logLevel: e.XZ_LOG_LEVEL,
    loadDemoData: e.XZ_DEMO_DATA,
    demoDir: path.resolve(e.XZ_DEMO_DIR ?? path.join(root, 'data', 'demo')),
    searchSyncMs: e.XZ_SEARCH_SYNC_MS,
    indexWorkers: e.XZ_INDEX_WORKERS ?? Math.min(2, os.availableParallelism()),
    webDir: path.resolve(e.XZ_WEB_DIR ?? path.join(root, 'web', 'dist')),
    adminPassword: e.XZ_ADMIN_PASSWORD,
    cookieSecure: e.XZ_COOKIE_SECURE,
    sessionHours: e.XZ_SESSION_HOURS,
    rateLimitPerMin: e.XZ_RATE_LIMIT_PER_MIN,
    trustProxy: parseTrustProxy(e.XZ_TRUST_PROXY),
    officeHours: e.XZ_OFFICE_HOURS,
    llm: e.XZ_LLM_BASE_URL ? { baseUrl: e.XZ_LLM_BASE_URL, model: e.XZ_LLM_MODEL ?? 'default', apiKey: e.XZ_LLM_API_KEY, timeoutMs: e.XZ_LLM_TIMEOUT_MS } : undefined,
    sensitiveWordsFile: path.resolve(e.XZ_SENSITIVE_WORDS_FILE ?? path.join(root, 'data', 'sensitive-words.txt')),
    divisionsDir: e.XZ_DIVISIONS_DIR ? path.resolve(e.XZ_DIVISIONS_DIR) : undefined,
    holidaysFile: e.XZ_HOLIDAYS_FILE ? path.resolve(e.XZ_HOLIDAYS_FILE) : undefined,
    jobPollMs: e.XZ_JOB_POLL_MS,
  };
}
