/** What the account and audit commands share: option parsing with zod, and an app context for one command. */
import type { z } from 'zod';
import { createAppContext, type AppContext } from '../app-context.js';
import { loadEnv } from '../config/env.js';
import { AppError, ErrorCode } from '../shared/app-error.js';

/**
 * Parses one option value (named by `option`), or an object of options: then the bad one is
 * named as it is typed on the command line (entityType → --entity-type).
 */
export function parseOption<T extends z.ZodType>(schema: T, value: unknown, option?: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const name = option ?? `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new AppError(ErrorCode.ValidationFailed, `${name}：${i.message}`);
  }
  return r.data;
}

/** Runs a command with the database (no search index) and closes it afterwards, also on errors. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createAppContext(loadEnv(), { searchIndex: false });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
