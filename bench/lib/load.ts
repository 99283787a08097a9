/**
 * Writes the benchmark corpus into the SQLite database of a data dir.
 *
 * - "upsert": the product's own path, KnowledgeService.upsert() in batches (one transaction
 *   per batch, content hashing, version bookkeeping, kb_changes rows).
 * - "direct": the same rows (toVersionRow() output, same entries/kb_changes rows) written
 *   with prepared better-sqlite3 statements in large transactions.
 * - "auto": upsert for the first `probe` entries, then direct when the measured upsert rate
 *   would take longer than `budgetSec` for the whole corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../src/db/database.js';
import { KnowledgeService, toVersionRow } from '../../src/knowledge/knowledge.service.js';
import type { EntryBody } from '../../src/knowledge/knowledge.schema.js';
import { makeEntry, type Corpus, type Plan } from './corpus.js';

export type LoaderMode = 'auto' | 'upsert' | 'direct';

export interface LoadReport {
  entries: number;
  mode: LoaderMode;
  upsert: { entries: number; seconds: number; entriesPerSec: number; batch: number } | null;
  direct: { entries: number; seconds: number; entriesPerSec: number; txRows: number } | null;
  /** time spent generating bodies (included in the totals above) */
  generateSeconds: number;
  totalSeconds: number;
  switchedToDirect: boolean;
  note: string;
}

function progress(label: string, done: number, total: number, t0: number): void {
  const s = (performance.now() - t0) / 1000;
  const rate = done / Math.max(s, 1e-6);
  process.stderr.write(`  ${label}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${rate.toFixed(0)}/s, ${s.toFixed(0)} s, eta ${((total - done) / Math.max(rate, 1e-6)).toFixed(0)} s)\n`);
}

export async function loadEntries(opts: {
  dataDir: string;
  corpus: Corpus;
  plan: Plan;
  mode: LoaderMode;
  batch: number;
  probe: number;
  budgetSec: number;
}): Promise<LoadReport> {
  const { dataDir, corpus, plan } = opts;
  const n = plan.n;
  const t0 = performance.now();
  let genMs = 0;
  const gen = (from: number, to: number): EntryBody[] => {
    const g0 = performance.now();
    const out: EntryBody[] = [];
    for (let i = from; i < to; i++) out.push(makeEntry(corpus, plan, i));
    genMs += performance.now() - g0;
    return out;
  };

  // ---- the product path
  const database = await openDatabase({ dataDir });
  const knowledge = new KnowledgeService(database.db);
  const upsertLimit = opts.mode === 'upsert' ? n : opts.mode === 'direct' ? 0 : Math.min(n, opts.probe);
  let i = 0;
  const u0 = performance.now();
  let lastLog = u0;
  while (i < upsertLimit) {
    const to = Math.min(upsertLimit, i + opts.batch);
    const res = await knowledge.upsert(gen(i, to));
    if (res.created !== to - i) throw new Error(`upsert created ${res.created} of ${to - i} entries (ids not unique, or data dir not empty?)`);
    i = to;
    if (performance.now() - lastLog > 5000) {
      progress('upsert', i, upsertLimit, u0);
      lastLog = performance.now();
    }
  }
  const upsertSec = (performance.now() - u0) / 1000;
  await database.close();
  const upsert = upsertLimit > 0 ? { entries: upsertLimit, seconds: upsertSec, entriesPerSec: upsertLimit / upsertSec, batch: opts.batch } : null;

  let switched = false;
  let note = '';
  if (opts.mode === 'auto' && i < n && upsert) {
    const projected = n / upsert.entriesPerSec;
    switched = projected > opts.budgetSec;
    note = switched
      ? `KnowledgeService.upsert ran at ${upsert.entriesPerSec.toFixed(0)} entries/s (projected ${projected.toFixed(0)} s for ${n}, over the ${opts.budgetSec} s budget): the remaining ${n - i} entries were written as the same toVersionRow() rows in large better-sqlite3 transactions`
      : `KnowledgeService.upsert ran at ${upsert.entriesPerSec.toFixed(0)} entries/s: all entries loaded through it`;
  }

  // ---- upsert for the rest when it is fast enough
  if (i < n && opts.mode === 'auto' && !switched) {
    const db2 = await openDatabase({ dataDir });
    const k2 = new KnowledgeService(db2.db);
    const v0 = performance.now();
    const start = i;
    while (i < n) {
      const to = Math.min(n, i + opts.batch);
      await k2.upsert(gen(i, to));
      i = to;
      if (performance.now() - lastLog > 5000) {
        progress('upsert', i, n, u0);
        lastLog = performance.now();
        // re-check the budget as the rate changes (larger database, other load on the machine)
        const elapsed = (performance.now() - t0) / 1000;
        const rate = (i - start) / ((performance.now() - v0) / 1000);
        if (elapsed + (n - i) / rate > opts.budgetSec) {
          switched = true;
          note = `KnowledgeService.upsert slowed to ${rate.toFixed(0)} entries/s after ${i} entries (projected past the ${opts.budgetSec} s budget): the remaining ${n - i} entries were written as the same toVersionRow() rows in large better-sqlite3 transactions`;
          break;
        }
      }
    }
    await db2.close();
    upsert!.entries += i - start;
    upsert!.seconds += (performance.now() - v0) / 1000;
    upsert!.entriesPerSec = upsert!.entries / upsert!.seconds;
  }

  // ---- direct rows
  let direct: LoadReport['direct'] = null;
  if (i < n) {
    const txRows = 20_000;
    const sqlite = new SQLite(path.join(dataDir, 'xiaozheng.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -524288'); // 512 MB page cache while loading
    sqlite.pragma('temp_store = MEMORY');
    const insEntry = sqlite.prepare(
      'INSERT INTO entries (id, kind, title, status, latest_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insVersion = sqlite.prepare(
      `INSERT INTO entry_versions (entry_id, version, kind, title, status, valid_from, valid_to, region, department, service_objects,
        doc_number, content_hash, body, text, passages, created_at, change_note) VALUES
        (@entry_id, @version, @kind, @title, @status, @valid_from, @valid_to, @region, @department, @service_objects,
        @doc_number, @content_hash, @body, @text, @passages, @created_at, @change_note)`,
    );
    const insChange = sqlite.prepare('INSERT INTO kb_changes (entry_id, version, changed_at) VALUES (?, ?, ?)');
    const now = new Date().toISOString();
    const writeTx = sqlite.transaction((bodies: EntryBody[]) => {
      for (const body of bodies) {
        const row = toVersionRow(body, 1, now);
        insEntry.run(row.entry_id, row.kind, row.title, row.status, 1, now, now);
        insVersion.run(row);
        insChange.run(row.entry_id, 1, now);
      }
    });
    const d0 = performance.now();
    const start = i;
    while (i < n) {
      const to = Math.min(n, i + txRows);
      writeTx(gen(i, to));
      i = to;
      if (performance.now() - lastLog > 5000) {
        progress('direct', i - start, n - start, d0);
        lastLog = performance.now();
      }
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    const sec = (performance.now() - d0) / 1000;
    direct = { entries: n - start, seconds: sec, entriesPerSec: (n - start) / sec, txRows };
    if (!note) note = `all ${n - start} entries written as toVersionRow() rows in ${txRows}-row better-sqlite3 transactions (--loader direct)`;
  } else if (!note) {
    note = `all entries loaded through KnowledgeService.upsert (batches of ${opts.batch})`;
  }

  return {
    entries: n,
    mode: opts.mode,
    upsert,
    direct,
    generateSeconds: genMs / 1000,
    totalSeconds: (performance.now() - t0) / 1000,
    switchedToDirect: switched,
    note,
  };
}

/** Apparent and allocated bytes of a file or directory tree (0 when missing). */
export function diskUsage(p: string): { bytes: number; allocated: number; files: number } {
  let bytes = 0;
  let allocated = 0;
  let files = 0;
  const visit = (q: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(q);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(q)) visit(path.join(q, e));
    else {
      bytes += st.size;
      allocated += st.blocks * 512;
      files++;
    }
  };
  visit(p);
  return { bytes, allocated, files };
}
