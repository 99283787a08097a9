/**
 * Diagnostic (not part of bench:search): loads the search index of a benchmark data dir
 * in-process (from its snapshot) and runs the benchmark's distinct queries sequentially,
 * printing CPU ms per query and tookMs against the number of matching entries. Run under
 * `node --cpu-prof` to see where query time goes; summarise with bench/cpuprofile-top.ts.
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/xz-prof --import tsx bench/search-query-profile.ts --dir /tmp/xz-bench/n2000000 --queries 100
 *
 * `--cpu-profile FILE` profiles the measured pass only (summarise with bench/cpuprofile-top.ts).
 * `--rank '{"k":v}'` overrides ranking parameters; `--save FILE` writes each query's hits
 * (documents and first passages) and `--compare FILE` reports how many queries return the
 * same top-1 / top-10 documents and the same first passage as that file (exact vs approximate
 * evaluation at the benchmark's scale).
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { Command } from 'commander';
import { openDatabase } from '../src/db/database.js';
import { KnowledgeService } from '../src/knowledge/knowledge.service.js';
import { SearchService } from '../src/search/search.service.js';
import { searchRequestSchema } from '../src/search/search.schema.js';
import { loadQueries } from './lib/queries.js';
import { loadCorpus, parseEntryId } from './lib/corpus.js';

const opts = new Command()
  .requiredOption('--dir <dir>', 'benchmark data dir (XZ_DATA_DIR) with a current snapshot')
  .option('--data <dir>', 'shared real data', path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/data'))
  .option('--queries <n>', 'distinct queries to run', '100')
  .option('--skip <n>', 'distinct queries to skip first', '0')
  .option('--rank <json>', 'ranking parameter overrides')
  .option('--passes <n>', 'run the queries this many times; figures are of the last pass (derived index data built on first use is then warm)', '1')
  .option('--save <file>', 'write the hits of every query')
  .option('--compare <file>', 'compare the hits with a --save file')
  .option('--cpu-profile <file>', 'write a V8 CPU profile of the measured (last) pass only')
  .parse(process.argv)
  .opts<{ dir: string; data: string; queries: string; skip: string; passes: string; rank?: string; save?: string; compare?: string; cpuProfile?: string }>();

const database = await openDatabase({ dataDir: opts.dir, migrate: false });
const knowledge = new KnowledgeService(database.db);
const search = new SearchService({ db: database.db, knowledge: knowledge.repository, dataDir: opts.dir, syncIntervalMs: 0, rank: opts.rank ? JSON.parse(opts.rank) : undefined });
const t0 = performance.now();
await search.init();
console.log(`init ${((performance.now() - t0) / 1000).toFixed(1)} s`, JSON.stringify(search.status()));
const seen = new Set<string>();
const distinct = loadQueries(opts.data).filter((it) => {
  const k = JSON.stringify(it.body);
  if (seen.has(k)) return false;
  seen.add(k);
  return true;
});
const items = distinct.slice(Number(opts.skip), Number(opts.skip) + Number(opts.queries));
function post(session: inspector.Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, (err, result) => (err ? reject(err) : resolve(result))));
}
type Hits = { docs: string[]; passage: string | null }[];
const corpus = loadCorpus(opts.data);
const recall = { n: 0, top10: 0, top1: 0 };
const rows: { q: string; took: number; cpu: number; total: number; terms: number }[] = [];
const saved: Hits = [];
for (let pass = 1; pass < Number(opts.passes); pass++) for (const it of items) search.search(searchRequestSchema.parse(it.body));
const profiler = opts.cpuProfile ? new inspector.Session() : null;
if (profiler) {
  profiler.connect();
  await post(profiler, 'Profiler.enable');
  await post(profiler, 'Profiler.start');
}
const q0 = performance.now();
for (const it of items) {
  const c = process.cpuUsage();
  const r = search.search(searchRequestSchema.parse(it.body));
  const d = process.cpuUsage(c);
  rows.push({ q: it.body.query, took: r.tookMs, cpu: (d.user + d.system) / 1000, total: r.total, terms: r.terms.length });
  saved.push({ docs: r.hits.map((h) => h.docId), passage: r.hits[0]?.passage.id ?? null });
  if (it.docId && !it.body.filters && !it.body.kinds) {
    // a policy-qa question: is an entry cut from its document (any variant) among the hits
    recall.n++;
    const gold = r.hits.map((h) => parseEntryId(h.docId)).map((d) => d?.kind === 'policy' && corpus.policy[d.base]?.source === it.docId);
    if (gold.some(Boolean)) recall.top10++;
    if (gold[0]) recall.top1++;
  }
}
const wall = performance.now() - q0;
if (profiler) {
  const { profile } = (await post(profiler, 'Profiler.stop')) as { profile: unknown };
  fs.writeFileSync(opts.cpuProfile!, JSON.stringify(profile));
  profiler.disconnect();
}
console.log(`policy-qa questions: an entry of the source document first ${recall.top1}/${recall.n}, in the top 10 ${recall.top10}/${recall.n}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const cpu = rows.map((r) => r.cpu);
console.log(`${rows.length} queries in ${(wall / 1000).toFixed(1)} s: CPU ms/query mean ${(cpu.reduce((a, b) => a + b, 0) / cpu.length).toFixed(1)} p50 ${pct(cpu, 0.5).toFixed(1)} p95 ${pct(cpu, 0.95).toFixed(1)} max ${pct(cpu, 1).toFixed(1)}; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
const byTotal = [...rows].sort((a, b) => a.total - b.total);
let lo = 0;
for (const b of [1e3, 1e4, 1e5, 5e5, 1e6, Infinity]) {
  const sel = byTotal.filter((r) => r.total >= lo && r.total < b);
  if (sel.length) console.log(`  total in [${lo}, ${b}): n=${sel.length} CPU ms p50 ${pct(sel.map((r) => r.cpu), 0.5).toFixed(1)} max ${pct(sel.map((r) => r.cpu), 1).toFixed(1)}`);
  lo = b;
}
console.log(`  slowest: ${[...rows].sort((a, b) => b.cpu - a.cpu).slice(0, 6).map((r) => `${r.q.slice(0, 20)} (${r.cpu.toFixed(0)} ms, ${r.terms} words, total ${r.total})`).join('; ')}`);
if (opts.save) fs.writeFileSync(opts.save, JSON.stringify(saved));
if (opts.compare) {
  const base = JSON.parse(fs.readFileSync(opts.compare, 'utf8')) as Hits;
  let top1 = 0;
  let top10 = 0;
  let passage = 0;
  let overlap = 0;
  const n = Math.min(base.length, saved.length);
  for (let i = 0; i < n; i++) {
    const a = base[i]!;
    const b = saved[i]!;
    if (a.docs[0] === b.docs[0]) top1++;
    if (a.docs.join() === b.docs.join()) top10++;
    if (a.passage === b.passage) passage++;
    overlap += b.docs.filter((d) => a.docs.includes(d)).length / Math.max(1, a.docs.length);
  }
  console.log(`vs ${opts.compare}: same top-1 ${top1}/${n}, same top-10 list ${top10}/${n}, same first passage ${passage}/${n}, mean top-10 overlap ${(overlap / n).toFixed(3)}`);
}
search.close();
await database.close();
