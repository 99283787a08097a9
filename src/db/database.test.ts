import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-db-test-'));
  dirs.push(d);
  return path.join(d, 'nested', 'data');
};

describe('openDatabase', () => {
  it('creates the data dir and a migrated SQLite file, and reopening it migrates nothing twice', async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ dataDir });
    expect(first.dialect).toBe('sqlite');
    expect(first.location).toBe(path.join(dataDir, 'xiaozheng.sqlite'));
    await first.db.insertInto('kb_changes').values({ entry_id: 'x', version: 1, changed_at: '2026-01-01T00:00:00Z' }).execute();
    await first.close();

    const again = await openDatabase({ dataDir });
    const rows = await again.db.selectFrom('kb_changes').selectAll().execute();
    expect(rows).toEqual([{ seq: 1, entry_id: 'x', version: 1, changed_at: '2026-01-01T00:00:00Z' }]);
    await again.close();
  });

  it('never shows the PostgreSQL password in its location', async () => {
    const database = await openDatabase({ dataDir: tempDir(), databaseUrl: 'postgres://xz:s3cret@db.internal:5432/xz', migrate: false });
    expect(database.dialect).toBe('postgres');
    expect(database.location).toBe('postgres://xz:***@db.internal:5432/xz');
    await database.close();
  });
});
