/**
 * Kysely client over SQLite (default, a file in XZ_DATA_DIR) or PostgreSQL
 * (XZ_DATABASE_URL). Everything above this file is dialect-agnostic.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './database.types.js';
import { migrateToLatest } from './migrator.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** human-readable location for logs (password removed) */
  location: string;
  close(): Promise<void>;
}

export type Tx = Transaction<DB>;

// PostgreSQL BIGINT (count(*), sequences) arrives as string by default; our counts fit a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export async function openDatabase(opts: { dataDir: string; databaseUrl?: string; migrate?: boolean }): Promise<Database> {
  let database: Database;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle pooled connection that the server closes (a PostgreSQL restart, a failover, an
    // administrator terminating backends) emits 'error' on the pool; unheard, that event would
    // end the process. The pool drops that client and the next query opens a new one.
    pool.on('error', (err) => {
      console.error(`PostgreSQL: an idle connection was closed (${err.message}); it will be reopened when needed`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    database = {
      db,
      dialect: 'postgres',
      location: opts.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
      close: () => db.destroy(),
    };
  } else {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const file = path.join(opts.dataDir, 'xiaozheng.sqlite');
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    database = { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
  }
  if (opts.migrate !== false) await migrateToLatest(database.db, database.dialect);
  return database;
}
