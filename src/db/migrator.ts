import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './database.js';
import * as m0001 from './migrations/20261128T1500-knowledge.js';
import * as m0002 from './migrations/20261128T1700-accounts.js';
import * as m0003 from './migrations/20261128T1710-audit.js';
import * as m0004 from './migrations/20261128T1720-assistant.js';
import * as m0005 from './migrations/20261128T1740-prereview.js';
import * as m0006 from './migrations/20261128T1750-guide.js';
import * as m0007 from './migrations/20261128T1800-hotline.js';
import * as m0008 from './migrations/20261128T1810-documents.js';
import * as m0009 from './migrations/20261128T1820-allocation.js';

/** Migrations are listed here (not read from disk) so the built package needs no glob. */
const ALL: Record<string, { up(db: Kysely<any>, dialect: Dialect): Promise<void>; down?(db: Kysely<any>): Promise<void> }> = {
  '20261128T1500-knowledge': m0001,
  '20261128T1700-accounts': m0002,
  '20261128T1710-audit': m0003,
  '20261128T1720-assistant': m0004,
  '20261128T1740-prereview': m0005,
  '20261128T1750-guide': m0006,
  '20261128T1800-hotline': m0007,
  '20261128T1810-documents': m0008,
  '20261128T1820-allocation': m0009,
};

export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(ALL)) {
        out[name] = { up: (d) => m.up(d, dialect), down: m.down ? (d) => m.down!(d) : undefined };
      }
      return out;
    },
  };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}
