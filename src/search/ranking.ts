/**
 * Query execution: BM25 over passages (words and character bigrams as separate term
 * kinds), BM25 over titles per version, document aggregation (best passage plus a share of
 * the others), then a re-ranking of the best documents with phrase/proximity features
 * computed on their top passages' texts.
 *
 * Cost control: postings are scanned term at a time into a reused Float32 accumulator; a
 * term occurring in more than `maxDfRatio` of passages is skipped when the query has rarer
 * terms (its IDF is close to zero: it moves scores little but would cost a long scan).
 */
import { normalizeText } from '../text/normalize.js';
import { findTerm, forEachPosting } from './postings.js';
import { F_BIGRAM, F_TITLE_BIGRAM, F_TITLE_WORD, F_WORD, KIND_CODES, type SearchIndex } from './search-index.js';
import type { AnalyzedQuery } from './text-analysis.js';
import type { TextStore } from './text-store.js';
import { phraseFeatures } from './phrase.js';
import { forEachPostingIn } from './query-eval.js';

export interface RankParams {
  k1: number;
  b: number;
  titleK1: number;
  titleB: number;
  wordWeight: number;
  bigramWeight: number;
  titleWeight: number;
  /** share of a document's next-best passages' scores added to its best passage's */
  docShare: number;
  /** how many next-best passages count towards docShare */
  docOtherPassages: number;
  /** weight of document-level evidence: IDF of the query terms the version holds anywhere */
  docPresenceWeight: number;
  /** damping of document-level evidence for long versions (log of length over average) */
  docLengthNorm: number;
  maxDfRatio: number;
  rerankDocs: number;
  rerankPassages: number;
  coverageWeight: number;
  phraseWeight: number;
  phraseCap: number;
  synonymWeight: number;
  /** how many of the best documents get a deeper passage choice */
  passageDocs: number;
  /** how many passages of those documents are re-scored from their texts */
  passageDepth: number;
  /** weight of a query bigram that the document's title already holds, in passage coverage */
  titleTermDiscount: number;
  /** a hit shows one further passage only when the next hit's score is at least this share of its own */
  closeDocRatio: number;
  /** further passages of a hit are listed when their score is at least this share of its best */
  morePassageRatio: number;
  /**
   * weight, in the scores of service items only, of query terms that lie inside a field-intent
   * cue (要带什么, 多久, 在哪里 …): they tell which field is asked about, not which item
   */
  cueWeight: number;
  /**
   * dynamic pruning (see Ranker.pilot) runs only for queries whose terms have at least this
   * many postings in all: below that a plain scan is cheaper than the pilot and the checks
   */
  pruneMinPostings: number;
}

export const DEFAULT_RANK: RankParams = {
  k1: 1.2,
  b: 0.75,
  titleK1: 1.2,
  titleB: 0.5,
  wordWeight: 1,
  bigramWeight: 0.5,
  titleWeight: 0.5,
  docShare: 0.1,
  docOtherPassages: 2,
  docPresenceWeight: 3,
  docLengthNorm: 0.5,
  maxDfRatio: 0.3,
  rerankDocs: 30,
  rerankPassages: 3,
  coverageWeight: 1,
  phraseWeight: 1,
  phraseCap: 12,
  synonymWeight: 0.7,
  passageDocs: 1,
  passageDepth: 12,
  titleTermDiscount: 1,
  morePassageRatio: 0,
  closeDocRatio: 0.8,
  cueWeight: 0.3,
  pruneMinPostings: Infinity,
};

const ITEM_KIND = KIND_CODES.indexOf('item');

export interface RankFilters {
  kinds?: Set<number>;
  /** region matches when equal to, containing or contained in the version's region; national (no region) versions always match */
  region?: string;
  department?: string;
  objectBit?: number;
  day: number;
}

export interface RankedPassage {
  pid: number;
  score: number;
}

export interface RankedDoc {
  slot: number;
  score: number;
  passages: RankedPassage[];
}

export class Ranker {
  private acc = new Float32Array(0);
  private touched = new Int32Array(0);
  private tacc = new Float32Array(0);
  private tTouched = new Int32Array(0);
  private stamp = new Int32Array(0);
  private docMax = new Float32Array(0);
  private docSum = new Float32Array(0);
  private dacc = new Float32Array(0);
  private termMark = new Int32Array(0);
  private termStamp = 0;
  private gen = 0;
  /** candidate slots of the pruned phase, and the heap of threshold() */
  private cand = new Int32Array(0);
  private heap = new Float64Array(0);
  private rangeLo = new Int32Array(0);
  private rangeHi = new Int32Array(0);

  constructor(
    private readonly index: SearchIndex,
    private readonly store: TextStore,
    public params: RankParams = DEFAULT_RANK,
  ) {}

  private ensureCapacity(): void {
    const np = this.index.passageTotal;
    const ns = this.index.slotCount;
    if (this.acc.length < np) {
      this.acc = new Float32Array(Math.ceil(np * 1.25) + 16);
      this.touched = new Int32Array(this.acc.length);
    }
    if (this.tacc.length < ns) {
      const n = Math.ceil(ns * 1.25) + 16;
      this.tacc = new Float32Array(n);
      this.tTouched = new Int32Array(n);
      this.stamp = new Int32Array(n);
      this.docMax = new Float32Array(n);
      this.docSum = new Float32Array(n);
      this.dacc = new Float32Array(n);
      this.termMark = new Int32Array(n);
      this.gen = 0;
      this.termStamp = 0;
    }
  }

  private filterFn(f: RankFilters): (slot: number) => boolean {
    const ix = this.index;
    const regionIds = f.region ? new Set(ix.regions.values.flatMap((r, i) => (r.includes(f.region!) || f.region!.includes(r) ? [i] : []))) : null;
    const deptIds = f.department ? new Set(ix.departments.values.flatMap((d, i) => (d.includes(f.department!) ? [i] : []))) : null;
    const del = ix.deleted.data;
    const kind = ix.kind.data;
    const from = ix.from.data;
    const to = ix.to.data;
    const region = ix.region.data;
    const dept = ix.department.data;
    const objs = ix.objects.data;
    return (s) =>
      del[s] === 0 &&
      from[s]! <= f.day &&
      f.day <= to[s]! &&
      (!f.kinds || f.kinds.has(kind[s]!)) &&
      (!regionIds || region[s] === -1 || regionIds.has(region[s]!)) &&
      (!deptIds || deptIds.has(dept[s]!)) &&
      (!f.objectBit || (objs[s]! & f.objectBit) !== 0);
  }

  /** The segments holding a term in a field, its df and IDF; null when absent or above dfLimit. */
  private resolve(fieldNo: number, key: number, n: number, dfLimit: number): { hits: [number, number][]; df: number; idf: number } | null {
    const ix = this.index;
    let df = 0;
    const hits: [number, number][] = [];
    for (let s = 0; s < ix.segments.length; s++) {
      const f = ix.segments[s]![fieldNo]!;
      const t = findTerm(f, key);
      if (t >= 0) {
        df += f.df[t]!;
        hits.push([s, t]);
      }
    }
    if (df === 0 || df > dfLimit) return null;
    return { hits, df, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) };
  }

  /**
   * Scans one term's postings into `acc` (all of them, or only those in the id ranges
   * `lo`/`hi` of candidate documents); returns the new touched count.
   */
  private scan(job: TermJob, acc: Float32Array, touched: Int32Array, count: number, ranges: { lo: Int32Array; hi: Int32Array; n: number } | null): number {
    const ix = this.index;
    const { fieldNo, perSlot, k1, b, idf, weight, itemScale } = job;
    const w = weight * idf * (k1 + 1);
    const pStart = ix.pStart.data;
    const pEnd = ix.pEnd.data;
    const tlen = ix.titleLen.data;
    const lenScale = b / job.avgLen;
    const pSlot = ix.pSlot.data;
    const mark = this.termMark;
    const dacc = this.dacc;
    const stamp = ++this.termStamp;
    const presence = weight * idf;
    // cue terms weigh less in service items (policies and laws keep the full weight)
    const kind = itemScale !== 1 ? ix.kind.data : null;
    const fn = (id: number, tf: number) => {
      const len = perSlot ? tlen[id]! : pEnd[id]! - pStart[id]!;
      const slot = perSlot ? id : pSlot[id]!;
      const scale = kind !== null && kind[slot] === ITEM_KIND ? itemScale : 1;
      const v = (scale * w * tf) / (tf + k1 * (1 - b + lenScale * len));
      if (acc[id] === 0) touched[count++] = id;
      acc[id] += v;
      if (!perSlot) {
        if (mark[slot] !== stamp) {
          mark[slot] = stamp;
          dacc[slot] += scale * presence;
        }
      }
    };
    for (const [s, t] of job.hits) {
      const f = ix.segments[s]![fieldNo]!;
      if (ranges) forEachPostingIn(f, t, ranges.lo, ranges.hi, ranges.n, fn);
      else forEachPosting(f, t, fn);
    }
    return count;
  }

  /** The K-th best docScore over cand[0, nc) (nc ≥ K), with a min-heap of the K best. */
  private kthBest(cand: Int32Array, nc: number, K: number, docScore: (s: number) => number): number {
    if (this.heap.length < K) this.heap = new Float64Array(K);
    const h = this.heap;
    let hn = 0;
    for (let i = 0; i < nc; i++) {
      const v = docScore(cand[i]!);
      if (hn < K) {
        let j = hn++;
        while (j > 0) {
          const up = (j - 1) >> 1;
          if (h[up]! <= v) break;
          h[j] = h[up]!;
          j = up;
        }
        h[j] = v;
      } else if (v > h[0]!) {
        let j = 0;
        for (;;) {
          let c = 2 * j + 1;
          if (c >= K) break;
          if (c + 1 < K && h[c + 1]! < h[c]!) c++;
          if (h[c]! >= v) break;
          h[j] = h[c]!;
          j = c;
        }
        h[j] = v;
      }
    }
    return h[0]!;
  }

  /**
   * A lower bound of the K-th best first-cut score, to prune with from the start: the rare
   * terms in full, then the documents best so far scored on all the other terms (only their
   * postings, through the skip tables); the K-th best of those exact scores. Leaves the
   * accumulators clean. 0 when the query has no long postings list or too few documents.
   */
  private pilot(jobs: TermJob[], ok: (s: number) => boolean, K: number, docScore: (s: number) => number): number {
    if (!jobs.some((j) => j.df >= PRUNE_CHECK_DF)) return 0;
    const ix = this.index;
    let nt = 0;
    let ntt = 0;
    // the short lists in full (shortest first, within a budget of postings), the rest only for the best documents so far
    const order = jobs.map((_, j) => j).sort((x, y) => jobs[x]!.df - jobs[y]!.df);
    const budget = Math.max(PILOT_POSTINGS, this.index.livePassages * PILOT_SHARE);
    const full = new Uint8Array(jobs.length);
    let spent = 0;
    for (const j of order) {
      const job = jobs[j]!;
      if (spent > 0 && spent + job.df > budget) break;
      spent += job.df;
      full[j] = 1;
      if (job.perSlot) ntt = this.scan(job, this.tacc, this.tTouched, ntt, null);
      else nt = this.scan(job, this.acc, this.touched, nt, null);
    }
    let floor = 0;
    const { theta, nc } = this.threshold(nt, ntt, ok, PILOT_DOCS * K, docScore, Infinity);
    if (nc >= K && spent < jobs.reduce((t, j) => t + j.df, 0)) {
      // the best documents so far (those at the partial K-th score or above)
      const cand = this.cand;
      let m = 0;
      for (let c = 0; c < nc; c++) if (docScore(cand[c]!) >= theta) cand[m++] = cand[c]!;
      cand.subarray(0, m).sort();
      if (this.rangeLo.length < cand.length) {
        this.rangeLo = new Int32Array(cand.length);
        this.rangeHi = new Int32Array(cand.length);
      }
      const lo = this.rangeLo;
      const hi = this.rangeHi;
      const first = ix.firstPassage.data;
      const count = ix.passageCount.data;
      for (let i = 0; i < jobs.length; i++) {
        if (full[i]) continue;
        const job = jobs[i]!;
        for (let c = 0; c < m; c++) {
          const s = cand[c]!;
          lo[c] = job.perSlot ? s : first[s]!;
          hi[c] = job.perSlot ? s + 1 : first[s]! + count[s]!;
        }
        if (job.perSlot) ntt = this.scan(job, this.tacc, this.tTouched, ntt, { lo, hi, n: m });
        else nt = this.scan(job, this.acc, this.touched, nt, { lo, hi, n: m });
      }
      // their exact first-cut scores
      const acc = this.acc;
      for (let c = 0; c < m; c++) {
        const s = cand[c]!;
        let max = 0;
        let sum = 0;
        for (let p = first[s]!; p < first[s]! + count[s]!; p++) {
          const v = acc[p]!;
          sum += v;
          if (v > max) max = v;
        }
        this.docMax[s] = max;
        this.docSum[s] = sum;
      }
      floor = this.kthBest(cand, m, K, docScore);
    }
    const pSlot = ix.pSlot.data;
    for (let t = 0; t < nt; t++) {
      const pid = this.touched[t]!;
      this.acc[pid] = 0;
      this.dacc[pSlot[pid]!] = 0;
    }
    for (let t = 0; t < ntt; t++) this.tacc[this.tTouched[t]!] = 0;
    return floor;
  }

  /**
   * Groups the reached passages (touched) and title hits (tTouched) by document: sets each
   * document's docMax and docSum from the accumulated passage scores and writes the documents
   * that pass the filter into `cand`, in the order first reached. Returns their count.
   */
  private gatherDocs(nt: number, ntt: number, ok: (s: number) => boolean): number {
    const gen = ++this.gen;
    const rejected = -gen;
    const stamp = this.stamp;
    const docMax = this.docMax;
    const docSum = this.docSum;
    const pSlot = this.index.pSlot.data;
    const acc = this.acc;
    if (this.cand.length < stamp.length) this.cand = new Int32Array(stamp.length);
    const cand = this.cand;
    let nc = 0;
    for (let i = 0; i < nt; i++) {
      const pid = this.touched[i]!;
      const s = pSlot[pid]!;
      const st = stamp[s]!;
      if (st === rejected) continue;
      if (st !== gen) {
        if (!ok(s)) {
          stamp[s] = rejected;
          continue;
        }
        stamp[s] = gen;
        docMax[s] = 0;
        docSum[s] = 0;
        cand[nc++] = s;
      }
      const v = acc[pid]!;
      docSum[s] += v;
      if (v > docMax[s]!) docMax[s] = v;
    }
    for (let i = 0; i < ntt; i++) {
      const s = this.tTouched[i]!;
      if (stamp[s] === gen || stamp[s] === rejected || !ok(s)) continue;
      stamp[s] = gen;
      docMax[s] = 0;
      docSum[s] = 0;
      cand[nc++] = s;
    }
    return nc;
  }

  /**
   * The K-th best first-cut document score over the documents reached so far (0 when fewer):
   * a lower bound of the final K-th best, since every term only adds to scores. Leaves the
   * reached documents that pass the filter in `cand` (count returned with it).
   */
  private threshold(nt: number, ntt: number, ok: (s: number) => boolean, K: number, docScore: (s: number) => number, remaining: number, floor = 0): { theta: number; nc: number } {
    const P_SHARE_SLACK = this.params.docShare * this.params.docOtherPassages + 1e-3;
    const nc = this.gatherDocs(nt, ntt, ok);
    const cand = this.cand;
    const docMax = this.docMax;
    const theta = Math.max(floor, nc < K ? 0 : this.kthBest(this.cand, nc, K, docScore));
    if (theta <= 0) return { theta, nc };

    // a reached document stays a candidate while it can still reach theta: its first cut is at
    // most 1.2·docMax + title + presence now, plus what the remaining terms add
    let kept = 0;
    for (let i = 0; i < nc; i++) {
      const s = cand[i]!;
      if (docScore(s) + P_SHARE_SLACK * docMax[s]! + remaining >= theta) cand[kept++] = s;
    }
    return { theta, nc: kept };
  }

  rank(q: AnalyzedQuery, filters: RankFilters, limit: number): { docs: RankedDoc[]; total: number } {
    this.ensureCapacity();
    const P = this.params;
    const ix = this.index;
    const n = Math.max(1, ix.livePassages);
    const avgLen = Math.max(1, ix.livePassageChars / n);
    const ns = Math.max(1, ix.liveSlots);
    const avgTitle = Math.max(1, ix.liveTitleChars / ns);
    const acc = this.acc;
    const tacc = this.tacc;
    // a very common term is skipped only when the query has other terms to rank by
    const dfLimit = q.terms.length > 2 ? P.maxDfRatio * n : Infinity;
    let nt = 0;
    let ntt = 0;
    const weighted: WeightedTerm[] = [];
    const jobs: TermJob[] = [];
    for (const t of q.terms) {
      const word = t.kind === 'word';
      const weight = (word ? P.wordWeight : P.bigramWeight) * t.weight;
      const itemScale = t.cue ? P.cueWeight : 1;
      const body = this.resolve(word ? F_WORD : F_BIGRAM, t.key, n, dfLimit);
      if (body) {
        weighted.push({ text: t.text, weight: weight * body.idf, itemScale });
        // a passage gains at most weight·idf·(k1+1); its document that plus docShare of two
        // other passages' gains, plus the presence evidence
        const ub = weight * body.idf * ((P.k1 + 1) * (1 + P.docShare * P.docOtherPassages) + P.docPresenceWeight);
        jobs.push({ fieldNo: word ? F_WORD : F_BIGRAM, perSlot: false, hits: body.hits, df: body.df, idf: body.idf, weight, itemScale, k1: P.k1, b: P.b, avgLen, ub });
      }
      const title = this.resolve(word ? F_TITLE_WORD : F_TITLE_BIGRAM, t.key, ns, Infinity);
      if (title) {
        const ub = P.titleWeight * weight * title.idf * (P.titleK1 + 1);
        jobs.push({ fieldNo: word ? F_TITLE_WORD : F_TITLE_BIGRAM, perSlot: true, hits: title.hits, df: title.df, idf: title.idf, weight, itemScale, k1: P.titleK1, b: P.titleB, avgLen: avgTitle, ub });
      }
    }

    const ok = this.filterFn(filters);
    const docMax = this.docMax;
    const docSum = this.docSum;
    const pSlot = ix.pSlot.data;
    const avgDocChars = ix.livePassageChars / Math.max(1, ix.liveSlots);
    const presence = (s: number) => {
      const first = ix.firstPassage.data[s]!;
      const last = first + ix.passageCount.data[s]! - 1;
      const chars = last >= first ? ix.pEnd.data[last]! - ix.pStart.data[first]! : 0;
      return (P.docPresenceWeight * this.dacc[s]!) / (1 + P.docLengthNorm * Math.log2(1 + chars / avgDocChars));
    };
    // first cut: the share of other passages is bounded by the best one's (their sum is not known yet)
    const docScore = (s: number) => docMax[s]! + P.docShare * Math.min(docSum[s]! - docMax[s]!, P.docOtherPassages * docMax[s]!) + P.titleWeight * tacc[s]! + presence(s);
    const K = Math.max(limit, P.rerankDocs * 2);

    // MaxScore over documents, term at a time: terms by falling upper bound; once the bounds
    // of the remaining terms sum below the K-th best score so far, no document not reached
    // yet can enter the first cut's top K, and the remaining terms are scanned only within
    // the reached documents (skipping through their postings).
    let postings = 0;
    for (const j of jobs) postings += j.df;
    const prune = postings >= P.pruneMinPostings;
    // (unpruned, the terms keep the query's order: the same float sums as always)
    if (prune) jobs.sort((x, y) => y.ub - x.ub);
    let remaining = 0;
    for (const j of jobs) remaining += j.ub;
    let ranges: { lo: Int32Array; hi: Int32Array; n: number } | null = null;
    const floor = prune ? this.pilot(jobs, ok, K, docScore) : 0;
    for (const job of jobs) {
      // a check costs a pass over the reached passages: only when the rest is longer, and
      // after a failed one only once the remaining bound came near that threshold
      const slack = remaining * (1 + 1e-4);
      if (!ranges && job.df >= PRUNE_CHECK_DF && nt + ntt > 0 && slack < floor) {
        const { theta, nc } = this.threshold(nt, ntt, ok, K, docScore, slack, floor);
        if (theta > 0 && slack < theta) {
          this.cand.subarray(0, nc).sort();
          if (this.rangeLo.length < nc) {
            this.rangeLo = new Int32Array(this.cand.length);
            this.rangeHi = new Int32Array(this.cand.length);
          }
          ranges = { lo: this.rangeLo, hi: this.rangeHi, n: nc };
        }
      }
      if (ranges) {
        // candidate documents as id ranges: their passages (contiguous) or their slot
        const cand = this.cand;
        const first = ix.firstPassage.data;
        const count = ix.passageCount.data;
        for (let i = 0; i < ranges.n; i++) {
          const s = cand[i]!;
          if (job.perSlot) {
            ranges.lo[i] = s;
            ranges.hi[i] = s + 1;
          } else {
            ranges.lo[i] = first[s]!;
            ranges.hi[i] = first[s]! + count[s]!;
          }
        }
      }
      if (job.perSlot) ntt = this.scan(job, tacc, this.tTouched, ntt, ranges);
      else nt = this.scan(job, acc, this.touched, nt, ranges);
      remaining -= job.ub;
    }

    const reached = this.gatherDocs(nt, ntt, ok);
    const slots = Array.from(this.cand.subarray(0, reached));
    const top = topK(slots, docScore, Math.max(limit, P.rerankDocs * 2));
    const evidence = (s: number) => P.titleWeight * tacc[s]! + presence(s);
    const ranked = top.map((s) => this.rerank(s, q, evidence(s), P.rerankPassages, null));
    ranked.sort((a, b) => b.score - a.score);
    // the best documents: a deeper passage choice, where query words the title already
    // holds count less (they say which document, not which passage)
    for (let i = 0; i < Math.min(P.passageDocs, ranked.length); i++) {
      const s = ranked[i]!.slot;
      ranked[i] = this.choosePassages(ranked[i]!, q, weighted, normalizeText(this.store.meta(s).title), avgLen);
    }

    for (let i = 0; i < nt; i++) {
      const pid = this.touched[i]!;
      acc[pid] = 0;
      this.dacc[pSlot[pid]!] = 0;
    }
    for (let i = 0; i < ntt; i++) tacc[this.tTouched[i]!] = 0;
    if (this.gen > 1e9 || this.termStamp > 1e9) {
      this.stamp.fill(0);
      this.termMark.fill(0);
      this.gen = 0;
      this.termStamp = 0;
    }
    // when pruned, documents reached only through the skipped parts of common terms' postings are not counted
    return { docs: ranked.slice(0, limit), total: slots.length };
  }

  /**
   * Passage order inside a top document, from the texts of its best `passageDepth`
   * passages: BM25 over the query terms where a term the title holds weighs
   * `titleTermDiscount` (it tells which document, not which passage), times the phrase
   * features. The document's score is kept.
   */
  private choosePassages(doc: RankedDoc, q: AnalyzedQuery, terms: WeightedTerm[], title: string, avgLen: number): RankedDoc {
    const P = this.params;
    const ix = this.index;

    const item = ix.kind.data[doc.slot] === ITEM_KIND;
    const core = item ? q.itemCore : q.core;
    const head = [...doc.passages].sort((a, b) => this.acc[b.pid]! - this.acc[a.pid]!).slice(0, P.passageDepth);
    const rescored = head.map((p) => {
      const text = normalizeText(this.store.slice(doc.slot, ix.pStart.data[p.pid]!, ix.pEnd.data[p.pid]!));
      const norm = P.k1 * (1 - P.b + (P.b * text.length) / avgLen);
      let s = 0;
      for (const t of terms) {
        const tf = countOccurrences(text, t.text);
        if (tf > 0) s += ((t.weight * (item ? t.itemScale : 1) * (title.includes(t.text) ? P.titleTermDiscount : 1) * tf * (P.k1 + 1)) / (tf + norm));
      }
      const f = phraseFeatures(core, text, title, P.titleTermDiscount);
      return { pid: p.pid, score: s * (1 + P.coverageWeight * f.coverage * f.coverage + (P.phraseWeight * Math.min(f.longest, P.phraseCap)) / P.phraseCap) };
    });
    rescored.sort((a, b) => b.score - a.score);
    const chosen = new Set(head.map((p) => p.pid));
    return { slot: doc.slot, score: doc.score, passages: [...rescored, ...doc.passages.filter((p) => !chosen.has(p.pid))] };
  }

  private rerank(slot: number, q: AnalyzedQuery, docEvidence: number, depth: number, title: string | null): RankedDoc {
    const P = this.params;
    const ix = this.index;
    const first = ix.firstPassage.data[slot]!;
    const count = ix.passageCount.data[slot]!;
    const scored: RankedPassage[] = [];
    for (let p = first; p < first + count; p++) {
      const v = this.acc[p]!;
      if (v > 0) scored.push({ pid: p, score: v });
    }
    if (scored.length === 0 && count > 0) scored.push({ pid: first, score: 0 });
    scored.sort((a, b) => b.score - a.score);
    const head = scored.slice(0, depth);
    const core = ix.kind.data[slot] === ITEM_KIND ? q.itemCore : q.core;
    for (const p of head) {
      const text = normalizeText(this.store.slice(slot, ix.pStart.data[p.pid]!, ix.pEnd.data[p.pid]!));
      const f = phraseFeatures(core, text, title, P.titleTermDiscount);
      p.score *= 1 + P.coverageWeight * f.coverage * f.coverage + (P.phraseWeight * Math.min(f.longest, P.phraseCap)) / P.phraseCap;
    }
    const passages = [...head, ...scored.slice(depth)].sort((a, b) => b.score - a.score);
    let rest = 0;
    for (let i = 1; i <= P.docOtherPassages && i < passages.length; i++) rest += passages[i]!.score;
    return { slot, score: (passages[0]?.score ?? 0) + P.docShare * rest + docEvidence, passages };
  }
}

/** a term's postings list in one field, with what scoring it needs */
interface TermJob {
  fieldNo: number;
  perSlot: boolean;
  hits: [number, number][];
  df: number;
  idf: number;
  weight: number;
  itemScale: number;
  k1: number;
  b: number;
  avgLen: number;
  /** upper bound of what the term adds to a document's first-cut score */
  ub: number;
}

/** the pruning test runs before a term with at least this many postings (shorter ones are just scanned) */
const PRUNE_CHECK_DF = 1024;
/** pilot (see Ranker.pilot): postings scanned in full, at least this many or this share of the passages */
const PILOT_POSTINGS = 20_000;
const PILOT_SHARE = 0.01;
/** pilot documents: this many times K best by their partial scores */
const PILOT_DOCS = 2;

export interface WeightedTerm {
  text: string;
  /** kind weight × synonym weight × IDF */
  weight: number;
  /** factor in service items: cueWeight for field-intent cue terms, else 1 */
  itemScale: number;
}

/**
 * A service item's passages with those of the fields the query asks about first, the others
 * after them in their order. `wanted` has one group of passage labels per field asked about
 * (field-intent.ts FIELD_LABELS: the field's own label, then stand-ins for an item without
 * it); of each group the first label the item has is taken. A wanted passage the query's
 * words did not reach is added. Scores are raised to the best one's so the order stays
 * sorted; the document's score is not changed.
 */
export function promoteFieldPassages(passages: RankedPassage[], labels: readonly string[], firstPid: number, wanted: readonly (readonly string[])[]): RankedPassage[] {
  const top = passages.reduce((m, p) => Math.max(m, p.score), 0);
  const front: RankedPassage[] = [];
  const taken = new Set<number>();
  for (const group of wanted) {
    for (const label of group) {
      const i = labels.indexOf(label);
      if (i < 0) continue;
      const pid = firstPid + i;
      if (!taken.has(pid)) {
        taken.add(pid);
        front.push({ pid, score: top });
      }
      break;
    }
  }
  if (front.length === 0) return passages;
  return [...front, ...passages.filter((p) => !taken.has(p.pid))];
}

/**
 * The passages to show for a hit, best first: at most `max`, none lying inside one already
 * shown (a window and the passage it extends say the same thing), further ones only when
 * their score is at least `ratio` of the best one's. A window over a shown passage and its
 * neighbour that scores at least WIDER_PASSAGE_RATIO of it takes its place: the same text
 * with the context the answer often runs on into.
 */
export function distinctPassages(passages: RankedPassage[], start: Int32Array | Uint32Array | Float64Array, end: Int32Array | Uint32Array | Float64Array, max: number, ratio: number): RankedPassage[] {
  const out: RankedPassage[] = [];
  for (const p of passages) {
    if (out.length >= max) break;
    if (out.length > 0 && p.score < ratio * out[0]!.score) break;
    const a = start[p.pid]!;
    const b = end[p.pid]!;
    if (out.some((o) => start[o.pid]! <= a && b <= end[o.pid]!)) continue;
    // a window over a shown passage and its neighbour, nearly as good: it takes that place
    const inner = out.findIndex((o) => a <= start[o.pid]! && end[o.pid]! <= b);
    if (inner >= 0 && p.score >= WIDER_PASSAGE_RATIO * out[inner]!.score) {
      out[inner] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}

/** A window replaces the shown passage it contains when it scores at least this share of it (plateau 0.5–0.8 on the odd questions). */
export const WIDER_PASSAGE_RATIO = 0.8;

function countOccurrences(text: string, term: string): number {
  let n = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) n++;
  return n;
}

/** The k items with the highest score, best first. */
export function topK(items: number[], score: (x: number) => number, k: number): number[] {
  const best: { x: number; s: number }[] = [];
  for (const x of items) {
    const s = score(x);
    if (best.length === k && s <= best[k - 1]!.s) continue;
    let i = best.length === k ? k - 1 : best.length;
    if (best.length === k) best.pop();
    best.push({ x, s });
    i = best.length - 1;
    while (i > 0 && best[i - 1]!.s < s) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = { x, s };
  }
  return best.map((b) => b.x);
}
