/**
 * Diagnostic (not part of bench:search): loads the search index of a benchmark data dir
 * in-process (from its snapshot) and runs the benchmark's query mix sequentially, printing
 * tookMs against the number of matching entries. Run under `node --cpu-prof` to see where
 * query time goes; summarise with bench/cpuprofile-top.ts.
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/xz-prof --import tsx bench/search-query-profile.ts --dir /tmp/xz-bench/n2000000 --queries 100
 */
import path from 'node:path';
import { Command } from 'commander';
import { openDatabase } from '../src/db/database.js';
import { KnowledgeService } from '../src/knowledge/knowledge.service.js';
import { SearchService } from '../src/search/search.service.js';
import { searchRequestSchema } from '../src/search/search.schema.js';
import { loadQueries } from './lib/queries.js';

const opts = new Command()
  .requiredOption('--dir <dir>', 'benchmark data dir (XZ_DATA_DIR) with a current snapshot')
  .option('--data <dir>', 'shared real data', path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/data'))
  .option('--queries <n>', 'queries to run', '100')
  .parse(process.argv)
  .opts<{ dir: string; data: string; queries: string }>();

const database = await openDatabase({ dataDir: opts.dir, migrate: false });
const knowledge = new KnowledgeService(database.db);
const search = new SearchService({ db: database.db, knowledge: knowledge.repository, dataDir: opts.dir, syncIntervalMs: 0 });
const t0 = performance.now();
await search.init();
console.log(`init ${((performance.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(search.status()));
const items = loadQueries(opts.data).slice(0, Number(opts.queries));
const rows: { q: string; took: number; total: number; terms: number }[] = [];
const q0 = performance.now();
for (const it of items) {
  const r = await search.search(searchRequestSchema.parse(it.body));
  rows.push({ q: it.body.query, took: r.tookMs, total: r.total, terms: r.terms.length });
}
const wall = performance.now() - q0;
rows.sort((a, b) => a.total - b.total);
const buckets = [1e3, 1e4, 1e5, 5e5, 1e6, Infinity];
let lo = 0;
for (const b of buckets) {
  const sel = rows.filter((r) => r.total >= lo && r.total < b);
  if (sel.length) {
    const t = sel.map((r) => r.took).sort((x, y) => x - y);
    console.log(`total in [${lo}, ${b}): n=${sel.length} tookMs p50 ${t[Math.floor(t.length / 2)]!.toFixed(1)} max ${t[t.length - 1]!.toFixed(1)}`);
  }
  lo = b;
}
console.log(`${rows.length} queries in ${(wall / 1000).toFixed(1)} s (${(wall / rows.length).toFixed(1)} ms/query)`);
search.close();
await database.close();
