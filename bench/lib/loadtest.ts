/**
 * HTTP load with autocannon against POST /api/v1/search (127.0.0.1 only), rotating the
 * request bodies, plus a sequential probe pass that records per-query server time.
 */
import http from 'node:http';
import autocannon, { type AutocannonResult } from 'autocannon';
import type { Corpus } from './corpus.js';
import { parseEntryId } from './corpus.js';
import type { QueryItem } from './queries.js';
import type { CpuWindow } from './server.js';

export interface Dist {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function dist(values: ArrayLike<number>): Dist {
  const a = Float64Array.from(values as ArrayLike<number>).sort();
  const n = a.length;
  if (n === 0) return { n: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const q = (p: number) => a[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
  let sum = 0;
  for (const v of a) sum += v;
  return { n, mean: sum / n, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: a[n - 1]! };
}

export interface LoadRun {
  connections: number;
  /** requests per second offered, paced over the connections (autocannon overallRate); absent: as fast as answered */
  offeredRate?: number;
  durationSec: number;
  requests: number;
  reqPerSec: number;
  /** client-side latency (ms) of every completed request, measured by autocannon */
  latencyMs: Dist;
  /** autocannon's own histogram figures, for cross-checking */
  autocannon: { p50: number; p90: number; p99: number; mean: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** tookMs reported by the server in the response bodies */
  tookMs: Dist;
  stoppedByCount: boolean;
  /** CPU use during the run: the server, this process (autocannon), everything else on the machine */
  cpu?: CpuWindow;
}

function assertLocal(url: string): void {
  const u = new URL(url);
  if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost' && u.hostname !== '::1') throw new Error(`refusing to load ${u.hostname}: the benchmark targets 127.0.0.1 only`);
}

export async function runLoad(opts: { url: string; bodies: string[]; connections: number; durationSec: number; maxRequests: number; timeoutSec: number }): Promise<LoadRun> {
  assertLocal(opts.url);
  const latencies: number[] = [];
  const took: number[] = [];
  let next = Math.floor(Math.random() * opts.bodies.length);
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const inst = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.durationSec,
        maxOverallRequests: Math.max(opts.maxRequests, opts.connections),
        timeout: opts.timeoutSec,
        pipelining: 1,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/search',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              req.body = opts.bodies[next++ % opts.bodies.length]!;
              return req;
            },
            onResponse: (status, body) => {
              if (status !== 200) return;
              const m = /"tookMs":(-?[\d.eE+-]+)/.exec(body);
              if (m) took.push(Number(m[1]));
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
  const total = result['2xx'] + result.non2xx;
  return {
    connections: opts.connections,
    durationSec: result.duration,
    requests: total,
    reqPerSec: total / Math.max(result.duration, 1e-9),
    latencyMs: dist(latencies),
    autocannon: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    tookMs: dist(took),
    stoppedByCount: total >= opts.maxRequests,
  };
}

/**
 * Open-loop load: requests arrive at `rate` per second as a Poisson process (independent users;
 * exponential gaps from a seeded generator), each sent when it arrives on a kept-alive
 * connection (opened as needed), whatever the answers before it. Latency counts from the
 * arrival, so a server that falls behind shows it. (autocannon's rate option lets each
 * connection send its quota for the second back to back and then wait for the next second:
 * bursts, not a rate.) `connections` in the result is the most open at once.
 */
export async function runPaced(opts: { url: string; bodies: string[]; rate: number; durationSec: number; timeoutSec: number }): Promise<LoadRun> {
  assertLocal(opts.url);
  const u = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const took: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  let inFlight = 0;
  let most = 0;
  let seed = 20261129;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  let next = Math.floor(rand() * opts.bodies.length);
  const t0 = performance.now();
  const end = t0 + opts.durationSec * 1000;
  const pending: Promise<void>[] = [];
  const send = (at: number): Promise<void> =>
    new Promise((resolve) => {
      const body = opts.bodies[next++ % opts.bodies.length]!;
      inFlight++;
      most = Math.max(most, inFlight);
      const req = http.request(
        { agent, host: u.hostname, port: u.port, path: '/api/v1/search', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: opts.timeoutSec * 1000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            inFlight--;
            latencies.push(performance.now() - at);
            if (res.statusCode !== 200) non2xx++;
            else {
              const m = /"tookMs":(-?[\d.eE+-]+)/.exec(Buffer.concat(chunks).toString('utf8'));
              if (m) took.push(Number(m[1]));
            }
            resolve();
          });
        },
      );
      req.on('timeout', () => {
        timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        inFlight--;
        errors++;
        resolve();
      });
      req.end(body);
    });
  // arrivals: the next one at the previous one plus an exponential gap; sent at its time (a timer
  // firing late sends every arrival that is due, each timed from its own arrival)
  let at = t0 + (-Math.log(1 - rand()) * 1000) / opts.rate;
  while (at < end) {
    const wait = at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (at <= performance.now() && at < end) {
      pending.push(send(at));
      at += (-Math.log(1 - rand()) * 1000) / opts.rate;
    }
  }
  await Promise.all(pending);
  agent.destroy();
  const wall = (performance.now() - t0) / 1000;
  return {
    connections: most,
    offeredRate: opts.rate,
    durationSec: wall,
    requests: latencies.length,
    reqPerSec: latencies.length / opts.durationSec,
    latencyMs: dist(latencies),
    autocannon: { p50: NaN, p90: NaN, p99: NaN, mean: NaN, max: NaN },
    errors,
    timeouts,
    non2xx,
    tookMs: dist(took),
    stoppedByCount: false,
  };
}

export interface ProbeResult {
  queries: number;
  seconds: number;
  clientMs: Dist;
  tookMs: Dist;
  byGroup: Record<string, { n: number; tookMs: Dist }>;
  failures: number;
  zeroHits: number;
  slowest: { query: string; tookMs: number; total: number; terms: number }[];
  /** policy-qa questions whose document (any variant) appears in the top 10 — a sanity check, not a quality metric */
  questionsDocInTop10: { n: number; found: number; foundOriginal: number };
  truncated: boolean;
}

/** Sends each distinct query once, sequentially; bounded by `maxSec`. */
export async function probe(opts: { url: string; items: QueryItem[]; corpus: Corpus; maxSec: number }): Promise<ProbeResult> {
  assertLocal(opts.url);
  const seen = new Set<string>();
  const items = opts.items.filter((q) => {
    const k = JSON.stringify(q.body);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const client: number[] = [];
  const took: number[] = [];
  const groups: Record<string, number[]> = {};
  const rows: { query: string; tookMs: number; total: number; terms: number }[] = [];
  let failures = 0;
  let zero = 0;
  const recall = { n: 0, found: 0, foundOriginal: 0 };
  const t0 = performance.now();
  let truncated = false;
  for (const q of items) {
    if ((performance.now() - t0) / 1000 > opts.maxSec) {
      truncated = true;
      break;
    }
    const c0 = performance.now();
    let res: Response;
    try {
      res = await fetch(`${opts.url}/api/v1/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q.body), signal: AbortSignal.timeout(60_000) });
    } catch {
      failures++;
      continue;
    }
    const text = await res.text();
    const ms = performance.now() - c0;
    if (res.status !== 200) {
      failures++;
      continue;
    }
    const body = JSON.parse(text) as { hits: { docId: string }[]; total: number; tookMs: number; terms: string[] };
    client.push(ms);
    took.push(body.tookMs);
    (groups[q.group] ??= []).push(body.tookMs);
    if (body.hits.length === 0) zero++;
    rows.push({ query: q.body.query, tookMs: body.tookMs, total: body.total, terms: body.terms.length });
    if (q.docId && !q.body.filters && !q.body.kinds) {
      recall.n++;
      const docs = body.hits.map((h) => parseEntryId(h.docId)).filter((x) => x?.kind === 'policy');
      const match = docs.filter((d) => opts.corpus.policy[d!.base]?.source === q.docId);
      if (match.length) recall.found++;
      if (match.some((d) => d!.variant === 0)) recall.foundOriginal++;
    }
  }
  rows.sort((a, b) => b.tookMs - a.tookMs);
  return {
    queries: client.length,
    seconds: (performance.now() - t0) / 1000,
    clientMs: dist(client),
    tookMs: dist(took),
    byGroup: Object.fromEntries(Object.entries(groups).map(([g, v]) => [g, { n: v.length, tookMs: dist(v) }])),
    failures,
    zeroHits: zero,
    slowest: rows.slice(0, 10),
    questionsDocInTop10: recall,
    truncated,
  };
}
