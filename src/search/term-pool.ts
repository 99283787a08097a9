/**
 * A small pool of segmentation workers (worker_threads) for index builds: jieba is the
 * largest single cost of a build, and a second core can run it while the main thread reads
 * rows and fills the postings. A batch is split across the workers and the answers are
 * joined in order, so the result is the same as segmenting in-thread (batchTerms).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BatchTerms, TermsRequest } from './index-terms.js';
import { batchTerms } from './term-worker.js';

interface Pending {
  resolve: (t: BatchTerms) => void;
  reject: (e: unknown) => void;
}

export class TermPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failed: unknown = null;

  private constructor(size: number) {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL(`./term-worker${ext}`, import.meta.url), { workerData: { xzTermWorker: true } });
      w.on('message', (m: { id: number; out: BatchTerms }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.resolve(m.out);
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (this.pending.size > 0) this.fail(new Error(`search term worker exited (${code})`));
      });
      // not unref()'d: a build awaiting a worker must keep the process alive; close() ends them
      this.workers.push(w);
    }
  }

  /** A pool of `size` workers (XZ_INDEX_WORKERS), or null (segment in-thread) when that is 0 or there is a single core. */
  static create(size: number): TermPool | null {
    if (size < 1 || os.availableParallelism() < 2) return null;
    try {
      return new TermPool(size);
    } catch {
      return null;
    }
  }

  private fail(err: unknown): void {
    this.failed = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Terms of the documents of `req`, in order. Falls back to this thread if a worker failed. */
  async terms(req: TermsRequest): Promise<BatchTerms> {
    const n = req.texts.length;
    if (this.failed || n === 0) return batchTerms(req);
    const parts = Math.min(this.workers.length, n);
    // split by text length so the workers finish together
    const total = req.texts.reduce((t, s) => t + s.length, 0);
    const jobs: Promise<BatchTerms>[] = [];
    let d = 0;
    let at = 0;
    let acc = 0;
    for (let w = 0; w < parts; w++) {
      const from = d;
      const rangeFrom = at;
      while (d < n && (w === parts - 1 || acc < (total * (w + 1)) / parts)) {
        acc += req.texts[d]!.length;
        at += 1 + 2 * req.ranges[at]!;
        d++;
      }
      if (d === from) continue;
      const part: TermsRequest = { texts: req.texts.slice(from, d), titles: req.titles.slice(from, d), ranges: req.ranges.slice(rangeFrom, at) };
      const id = this.nextId++;
      jobs.push(new Promise<BatchTerms>((resolve, reject) => this.pending.set(id, { resolve, reject })));
      this.workers[w]!.postMessage({ id, req: part });
    }
    let outs: BatchTerms[];
    try {
      outs = await Promise.all(jobs);
    } catch {
      return batchTerms(req);
    }
    if (outs.length === 1) return outs[0]!;
    const keys = new Int32Array(outs.reduce((t, o) => t + o.keys.length, 0));
    const counts = new Int32Array(outs.reduce((t, o) => t + o.counts.length, 0));
    let k = 0;
    let c = 0;
    for (const o of outs) {
      keys.set(o.keys, k);
      counts.set(o.counts, c);
      k += o.keys.length;
      c += o.counts.length;
    }
    return { keys, counts };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
