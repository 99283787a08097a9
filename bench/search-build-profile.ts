/**
 * Diagnostic for the index build (not part of bench:search): replays SearchService.rebuild()'s
 * loop over the first --limit entries of a benchmark data dir in-process and reports, per
 * --step entries, the time spent reading rows from SQLite, in applyEntries (segmentation +
 * postings), in flushes, and the heap — to see which part grows with the index size.
 *
 *   npx tsx bench/search-build-profile.ts --dir /tmp/xz-bench/n2000000 --limit 400000
 *   node --cpu-prof --cpu-prof-dir /tmp/xz-prof --import tsx bench/search-build-profile.ts …
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { Command } from 'commander';
import { openDatabase } from '../src/db/database.js';
import { KnowledgeRepository } from '../src/knowledge/knowledge.repository.js';
import { applyEntries } from '../src/search/index-builder.js';
import { SearchIndex } from '../src/search/search-index.js';
import { TextStore } from '../src/search/text-store.js';

const opts = new Command()
  .requiredOption('--dir <dir>', 'benchmark data dir (XZ_DATA_DIR)')
  .option('--limit <n>', 'entries to index', '400000')
  .option('--step <n>', 'report every n entries', '50000')
  .parse(process.argv)
  .opts<{ dir: string; limit: string; step: string }>();

const limit = Number(opts.limit);
const step = Number(opts.step);
const database = await openDatabase({ dataDir: opts.dir, migrate: false });
const repo = new KnowledgeRepository(database.db);
const index = new SearchIndex();
const storeFile = path.join(os.tmpdir(), `xz-profile-store-${process.pid}.bin`);
const store = new TextStore(null);
let after: string | null = null;
let done = 0;
let dbMs = 0;
let applyMs = 0;
let flushMs = 0;
let saveMs = 0;
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
let cpu0 = process.cpuUsage();
/** a fixed batch re-applied at every step: its cost isolates the effect of the index size from the content */
let fixed: Awaited<ReturnType<typeof repo.versionsForIndex>> | null = null;
const fixedCost = (): number => {
  const c = process.cpuUsage();
  applyEntries(index, store, [], fixed!);
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000 / (fixed!.length / 1000);
};
let last = { db: 0, apply: 0, flush: 0, save: 0, gc: 0, t: performance.now(), n: 0 };
console.log('entries  dbMs/1k  applyMs/1k  flushMs/1k  saveMs/1k  gcPauseMs/1k  cpuMs/1k  wallMs/1k  heapMB  rssMB  fixedBatchCpuMs/1k');
while (done < limit) {
  const t0 = performance.now();
  const ids = await repo.entryIdsAfter(after, 1000);
  if (ids.length === 0) break;
  after = ids[ids.length - 1]!;
  const rows = await repo.versionsForIndex(ids);
  fixed ??= rows.map((r) => ({ ...r, entry_id: `fixed:${r.entry_id}` }));
  const t1 = performance.now();
  applyEntries(index, store, [], rows);
  const t2 = performance.now();
  if (index.pendingPostings() > 4_000_000) index.flush(Infinity);
  const t3 = performance.now();
  if (store.pendingChars() > 32_000_000) store.save(storeFile);
  const t4 = performance.now();
  dbMs += t1 - t0;
  applyMs += t2 - t1;
  flushMs += t3 - t2;
  saveMs += t4 - t3;
  done += ids.length;
  if (done - last.n >= step) {
    const k = (done - last.n) / 1000;
    const m = process.memoryUsage();
    const cu = process.cpuUsage(cpu0);
    cpu0 = process.cpuUsage();
    console.log(
      [done, (dbMs - last.db) / k, (applyMs - last.apply) / k, (flushMs - last.flush) / k, (saveMs - last.save) / k, (gcMs - last.gc) / k, (cu.user + cu.system) / 1000 / k, (performance.now() - last.t) / k, m.heapUsed / 2 ** 20, m.rss / 2 ** 20, fixedCost()]
        .map((v, i) => (i === 0 ? String(v).padStart(7) : v.toFixed(1).padStart(i < 8 || i > 9 ? 10 : 7)))
        .join('  '),
    );
    last = { db: dbMs, apply: applyMs, flush: flushMs, save: saveMs, gc: gcMs, t: performance.now(), n: done };
  }
}
const c0 = performance.now();
index.flush(Infinity);
index.compact();
console.log(`final flush+compact ${(performance.now() - c0).toFixed(0)} ms; totals: db ${(dbMs / 1000).toFixed(1)} s, apply ${(applyMs / 1000).toFixed(1)} s, flush ${(flushMs / 1000).toFixed(1)} s, save ${(saveMs / 1000).toFixed(1)} s`);
fs.rmSync(storeFile, { force: true });
await database.close();
