/**
 * Diagnostic (not part of bench:search): an in-process A/B of two rankers on one loaded index.
 * Both rank every distinct benchmark query in turn (random order within each pair), so the
 * machine's noise — large on a shared 2-core machine — falls on both alike; CPU ms per query
 * is compared over all passes after the first (which builds derived data such as skip tables).
 *
 *   # this checkout's ranking code against another checkout's (e.g. a `git worktree` at main):
 *   npx tsx bench/search-ab.ts --dir /tmp/xz-bench/n2000000 --a /tmp/xz-main
 *   # the same code, two parameter sets:
 *   npx tsx bench/search-ab.ts --dir /tmp/xz-bench/n2000000 --rank-a '{"survivors":2000}' --rank-b '{"survivors":1500}'
 *
 * Prints the mean CPU ms per query of A and B, their ratio, and on how many queries the hits
 * (documents and passages) differ. A is `--a`'s src/search/ranking.ts (this checkout's by
 * default), B is this checkout's; the index, text store and query analysis are this checkout's.
 */
import path from 'node:path';
import { Command } from 'commander';
import { openDatabase } from '../src/db/database.js';
import { KnowledgeService } from '../src/knowledge/knowledge.service.js';
import { skipCacheBytes } from '../src/search/postings.js';
import { Ranker, type RankParams } from '../src/search/ranking.js';
import { searchRequestSchema } from '../src/search/search.schema.js';
import { SearchService } from '../src/search/search.service.js';
import { loadQueries } from './lib/queries.js';

const opts = new Command()
  .requiredOption('--dir <dir>', 'benchmark data dir (XZ_DATA_DIR) with a current snapshot')
  .option('--data <dir>', 'shared real data', path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/data'))
  .option('--a <checkout>', 'checkout whose src/search/ranking.ts is A (default: this one)')
  .option('--rank-a <json>', 'ranking parameter overrides for A')
  .option('--rank-b <json>', 'ranking parameter overrides for B')
  .option('--passes <n>', 'passes over the queries; the first is not measured', '3')
  .option('--queries <n>', 'distinct queries', '1000000')
  .parse(process.argv)
  .opts<{ dir: string; data: string; a?: string; rankA?: string; rankB?: string; passes: string; queries: string }>();

type RankerLike = Pick<Ranker, 'rank'>;
/** the service's private parts this tool swaps (a diagnostic seam, not an API) */
interface Internals {
  index: unknown;
  store: unknown;
  rankParams: RankParams;
  ranker: RankerLike;
}

const database = await openDatabase({ dataDir: opts.dir, migrate: false });
const knowledge = new KnowledgeService(database.db);
const search = new SearchService({ db: database.db, knowledge: knowledge.repository, dataDir: opts.dir, syncIntervalMs: 0 });
await search.init();
const inner = search as unknown as Internals;
const RankerA = opts.a ? ((await import(path.resolve(opts.a, 'src/search/ranking.ts'))) as { Ranker: typeof Ranker }).Ranker : Ranker;
const params = (json?: string): RankParams => ({ ...inner.rankParams, ...(json ? (JSON.parse(json) as Partial<RankParams>) : {}) });
const rankers = {
  A: new RankerA(inner.index as never, inner.store as never, params(opts.rankA)),
  B: new Ranker(inner.index as never, inner.store as never, params(opts.rankB)),
};
const seen = new Set<string>();
const items = loadQueries(opts.data)
  .filter((it) => {
    const k = JSON.stringify(it.body);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  })
  .slice(0, Number(opts.queries))
  .map((it) => searchRequestSchema.parse(it.body));
const passes = Math.max(2, Number(opts.passes));
const cpu = { A: 0, B: 0 };
let differ = 0;
for (let pass = 0; pass < passes; pass++) {
  for (const body of items) {
    const order = Math.random() < 0.5 ? (['A', 'B'] as const) : (['B', 'A'] as const);
    const hits = { A: '', B: '' };
    for (const v of order) {
      inner.ranker = rankers[v];
      const c = process.cpuUsage();
      const r = search.search(body);
      const d = process.cpuUsage(c);
      if (pass > 0) cpu[v] += (d.user + d.system) / 1000;
      hits[v] = r.hits.map((h) => `${h.docId}@${h.passage.id}`).join();
    }
    if (pass === passes - 1 && hits.A !== hits.B) differ++;
  }
}
const n = items.length * (passes - 1);
console.log(`${items.length} queries × ${passes - 1} measured passes: A ${(cpu.A / n).toFixed(2)} ms, B ${(cpu.B / n).toFixed(2)} ms CPU per query, B/A ${(cpu.B / cpu.A).toFixed(3)}; hits differ on ${differ}/${items.length} queries; B's skip tables ${(skipCacheBytes() / 2 ** 20).toFixed(1)} MB`);
search.close();
await database.close();
