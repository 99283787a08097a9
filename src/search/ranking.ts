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
import { findTerm, forEachPosting, forEachPostingAt, SKIP_BLOCK, targetRange } from './postings.js';
import { F_BIGRAM, F_TITLE_BIGRAM, F_TITLE_WORD, F_WORD, KIND_CODES, type SearchIndex } from './search-index.js';
import type { AnalyzedQuery } from './text-analysis.js';
import type { TextStore } from './text-store.js';
import { phraseFeatures, preparePhrase, type PhraseQuery } from './phrase.js';
import { provincesIn } from './places.js';

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
  /**
   * Candidate generation (see docs/search.md, Query evaluation): a term found in more than
   * this share of passages (of versions, for title terms) only scores the documents the rarer
   * terms reached and brings in none of its own — when the query has at least
   * `minGeneratorTerms` terms below the share. Infinity: every term generates (exact).
   */
  generatorDfRatio: number;
  /** …and in more than this many (shorter lists are cheap to scan in full) */
  generatorMinDf: number;
  minGeneratorTerms: number;
  /**
   * Generating body lists, rarest first, stop once they hold this many postings (at least
   * `minGeneratorLists` generate): bounds the first stage of a query whose terms are all common.
   */
  generatorBudget: number;
  minGeneratorLists: number;
  /**
   * Title lists generate (rarest first) until they hold this many postings: a long question's
   * 8–9 rare title lists (up to `generatorMinDf` versions each) brought ~30% of the candidates,
   * most reached by no body list. 4000 at 2M: 0.97 of the CPU, 2/698 benchmark queries with
   * other hits (neither top hit the question's source), evaluations unchanged; 2000: 6/698.
   */
  titleGeneratorBudget: number;
  /**
   * With candidate generation: how many candidates (the best by their score from the
   * generating terms) the scoring-only terms score; 0 = all. Their long lists are then read
   * only in the blocks holding those candidates' passages (skip data, postings.ts).
   */
  survivors: number;
  /** scoring-only terms in at most this share of passages (of versions) score all candidates before the cut to `survivors` */
  survivorDfRatio: number;
  /** lists shorter than this are decoded whole instead of through skip data */
  skipMinDf: number;
  /**
   * A two-character query word is also a query bigram (the same two characters), and their
   * lists hold nearly the same passages (the word's are a subset). When the bigram is in more
   * than this share of passages (of versions, for title lists), the pair is scored from the
   * word's list alone, weighted by both (the bigram's weight × its IDF added): a common pair's
   * two lists were a third of a long question's postings at 2M. Infinity: never.
   */
  pairDfRatio: number;
  /** the exact stop of generation and the exact pruning by upper bounds (off: every candidate is scored by every list; for measurements) */
  pruning: boolean;
  /**
   * 2 × rerankDocs documents (the K best first cuts) get the phrase re-ranking; K is also the
   * rank whose score the exact pruning compares with. 20 and 10 gave the retrieval and service
   * evaluations' figures of 30; at 2M, 20 kept the policy-qa recall of 30, 10 lost 3 of 600.
   */
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
   * When the query names a province or prefecture (places.ts): a re-ranked document whose
   * title or opening names a place in the same province gains this share of its score…
   */
  placeBonus: number;
  /** …and one that names only places in other provinces loses this share */
  placePenalty: number;
  /** how much of a document's opening (characters) is read for the places it names */
  placeHeadChars: number;
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
  generatorDfRatio: 0.0005,
  generatorMinDf: 2048,
  minGeneratorTerms: 6,
  generatorBudget: 20_000,
  minGeneratorLists: 2,
  titleGeneratorBudget: 4000,
  survivors: 1500,
  survivorDfRatio: 0.01,
  skipMinDf: 8192,
  pairDfRatio: 0.0005,
  pruning: true,
  rerankDocs: 20,
  rerankPassages: 3,
  coverageWeight: 1,
  phraseWeight: 1,
  phraseCap: 12,
  synonymWeight: 0.7,
  passageDocs: 3,
  passageDepth: 12,
  titleTermDiscount: 0.3,
  morePassageRatio: 0,
  closeDocRatio: 0.8,
  cueWeight: 0.3,
  placeBonus: 0.1,
  placePenalty: 0.1,
  placeHeadChars: 200,
};

const ITEM_KIND = KIND_CODES.indexOf('item');
/** versions whose named provinces are kept (see Ranker.placesOf) */
const PLACE_CACHE = 100_000;
/** numbers (4 bytes each) in a slot's record in the Ranker's per-slot state */
const REC = 4;

export interface RankFilters {
  kinds?: Set<number>;
  /** region matches when equal to, containing or contained in the version's region; national (no region) versions always match */
  region?: string;
  department?: string;
  objectBit?: number;
  day: number;
  /**
   * `day` is today's (no date asked for): the versions in force that day are kept as a bit set
   * over the slots, built once per day and index state, so that most queries test one bit
   * instead of three columns (`deleted`, `from`, `to`: a cache miss each) per reached version
   */
  today?: boolean;
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
  /** the starting length of the lists that grow on demand (small in tests, to exercise growth) */
  static listStart = 1 << 14;
  private acc = new Float32Array(0);
  /** lists of the passages and title slots a query touched, grown on demand (see `grown`) */
  private touched = new Int32Array(Ranker.listStart);
  private tTouched = new Int32Array(Ranker.listStart);
  /** the reached slots of the current query, in reach order */
  private slots = new Int32Array(Ranker.listStart);
  /**
   * A document's scores in one 16-byte record (REC numbers per slot), so that one cache line
   * holds them: candidates are visited in reach order, i.e. at random, and separate arrays cost
   * a cache miss each. [+0] best passage score (docMax), [+1] sum of its passage scores
   * (docSum; > 0 exactly when a passage of the slot was reached: every posting adds to it),
   * [+2] presence evidence, damped (dacc), [+3] title score (tacc). All zero between queries:
   * a query clears the records it reached.
   */
  private st = new Float32Array(0);
  /** the presence damping per slot, 1 / (1 + docLengthNorm·log2(1 + chars/average)) for the average in `dampAvg` */
  private damp = new Float32Array(0);
  private dampAvg = NaN;
  /** a query is running, or one failed before clearing its scores */
  private dirty = false;
  private dampSlots = 0;
  /** bit sets of the candidate passages and versions while scoring-only terms are scanned */
  private passageMask = new Int32Array(0);
  private slotMask = new Int32Array(0);
  private cand = new Int32Array(Ranker.listStart);
  /** the skip-data targets (see targets), reused */
  private tSlots = new Int32Array(Ranker.listStart);
  private tPassages = new Int32Array(Ranker.listStart);
  private topScore = new Float64Array(0);
  private topSlot = new Int32Array(0);
  /** versions not deleted and in force on `liveDay`, for the index state `liveChanges` (see RankFilters.today) */
  private liveBits = new Int32Array(0);
  private liveDay = NaN;
  private liveChanges = -1;
  private selScore = new Float64Array(0);
  private selWork = new Float64Array(0);
  /**
   * Each passage's length in characters (capped at 65,535), derived from the passage columns:
   * one array read per posting in the scoring loop instead of two. Passages are only ever
   * appended, so it is extended, never rebuilt (see passageLengths).
   */
  private plen = new Uint16Array(0);
  private plenCount = 0;
  /** the provinces named by versions' openings (see placesOf), for `placeHead` characters */
  private placeCache = new Map<number, ReadonlySet<string>>();
  private placeSets = new Map<string, ReadonlySet<string>>();
  private placeHead = NaN;
  /**
   * the current query's phrase data (for its core and its item core), prepared once per query
   * and dropped at its end. Two fields, not a Map: a cleared Map's old table still pointed at
   * the dropped data, which then reached V8's old generation (docs/search.md, Memory).
   */
  private phraseA: PhraseQuery | null = null;
  private phraseB: PhraseQuery | null = null;

  constructor(
    private readonly index: SearchIndex,
    private readonly store: TextStore,
    public params: RankParams = DEFAULT_RANK,
  ) {}

  /**
   * Per passage and per slot state for the index's size, with 5% room to grow (a sync that
   * adds entries past it reallocates). The lists of what a query touched are not sized here:
   * they grow to what queries need (`grown`), far below the index's size.
   */
  private ensureCapacity(): void {
    const np = this.index.passageTotal;
    const ns = this.index.slotCount;
    if (this.acc.length < np) {
      this.acc = new Float32Array(Math.ceil(np * 1.05) + 16);
      this.passageMask = new Int32Array((this.acc.length >>> 5) + 1);
    }
    if (this.st.length < REC * ns) {
      const n = Math.ceil(ns * 1.05) + 16;
      const st = new Float32Array(REC * n);
      st.set(this.st);
      this.st = st;
      this.damp = new Float32Array(n);
      this.slotMask = new Int32Array((n >>> 5) + 1);
      this.dampAvg = NaN;
    }
  }

  /** The passage lengths, extended to the passages added since the last query. */
  private passageLengths(): Uint16Array {
    const np = this.index.passageTotal;
    if (this.plenCount < np) {
      if (this.plen.length < np) {
        const grownLen = new Uint16Array(Math.ceil(np * 1.05) + 16);
        grownLen.set(this.plen.subarray(0, this.plenCount));
        this.plen = grownLen;
      }
      const start = this.index.pStart.data;
      const end = this.index.pEnd.data;
      for (let p = this.plenCount; p < np; p++) this.plen[p] = Math.min(0xffff, end[p]! - start[p]!);
      this.plenCount = np;
    }
    return this.plen;
  }

  /**
   * The presence evidence's length damping per slot. It depends on the average version
   * length, which changes only when the index does: computed once per index state instead of
   * once per reached document and query.
   */
  private dampings(avgDocChars: number): void {
    const ix = this.index;
    const ns = ix.slotCount;
    if (avgDocChars !== this.dampAvg || ns !== this.dampSlots) {
      const damp = this.damp;
      const first = ix.firstPassage.data;
      const count = ix.passageCount.data;
      const pStart = ix.pStart.data;
      const pEnd = ix.pEnd.data;
      const norm = this.params.docLengthNorm;
      for (let s = 0; s < ns; s++) {
        const f = first[s]!;
        const last = f + count[s]! - 1;
        const chars = last >= f ? pEnd[last]! - pStart[f]! : 0;
        damp[s] = 1 / (1 + norm * Math.log2(1 + chars / avgDocChars));
      }
      this.dampAvg = avgDocChars;
      this.dampSlots = ns;
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

  /** The bit set of the versions not deleted and in force on `day` (rebuilt when the day or the index changes). */
  private inForce(day: number): Int32Array {
    const ix = this.index;
    if (day !== this.liveDay || ix.changes !== this.liveChanges) {
      const ns = ix.slotCount;
      if (this.liveBits.length < (ns >>> 5) + 1) this.liveBits = new Int32Array((Math.ceil(ns * 1.05) >>> 5) + 2);
      const bits = this.liveBits;
      bits.fill(0);
      const del = ix.deleted.data;
      const from = ix.from.data;
      const to = ix.to.data;
      for (let s = 0; s < ns; s++) if (del[s] === 0 && from[s]! <= day && day <= to[s]!) bits[s >>> 5]! |= 1 << (s & 31);
      this.liveDay = day;
      this.liveChanges = ix.changes;
    }
    return this.liveBits;
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
   * Scans one term's postings: passage scores into `acc`, and — so that no pass over the
   * reached passages is needed afterwards — each reached document's best passage score
   * (docMax in `st`; scores only grow, so the running maximum is the final one), the sum of its
   * passage scores (docSum) and its presence evidence (dacc, once per term). Documents
   * are listed in `slots` in the order the scan first reaches them. Title terms go to tacc.
   * With a `mask` (bit set over passage ids, or slots for title terms), only the postings
   * inside it count: the term scores those documents and reaches no others.
   * Returns the new counts of touched passages (or title slots) and of reached slots.
   */
  private scan(job: TermJob, count: number, nSlots: number, mask: Int32Array | null, targets: Int32Array | null = null, nTargets = 0, most = Infinity): [number, number] {
    const ix = this.index;
    // what the scan can add to the touched and reached lists: a posting each, at most `most`
    // (the candidates' passages or slots when a mask or targets restrict it)
    const adds = Math.min(job.df, most);
    const { fieldNo, perSlot, k1, b, idf, weight, itemScale } = job;
    const w = weight * idf * (k1 + 1);
    const lenScale = b / job.avgLen;
    // cue terms weigh less in service items (policies and laws keep the full weight)
    const kind = itemScale !== 1 ? ix.kind.data : null;
    if (perSlot) {
      const tlen = ix.titleLen.data;
      const st = this.st;
      const tTouched = (this.tTouched = grown(this.tTouched, count, count + adds));
      const fn = (id: number, tf: number) => {
        const scale = kind !== null && kind[id] === ITEM_KIND ? itemScale : 1;
        const v = (scale * w * tf) / (tf + k1 * (1 - b + lenScale * tlen[id]!));
        const at = REC * id + 3;
        if (st[at] === 0) tTouched[count++] = id;
        st[at] += v;
      };
      this.postings(job, fn, mask, targets, nTargets);
      return [count, nSlots];
    }
    const plen = this.passageLengths();
    const pSlot = ix.pSlot.data;
    const acc = this.acc;
    const touched = (this.touched = grown(this.touched, count, count + adds));
    const st = this.st;
    const damp = this.damp;
    const slots = (this.slots = grown(this.slots, nSlots, nSlots + adds));
    const presence = weight * idf;
    // a slot's passages are consecutive ids, so its postings in this list come one after another
    let last = -1;
    const fn = (id: number, tf: number) => {
      const slot = pSlot[id]!;
      const scale = kind !== null && kind[slot] === ITEM_KIND ? itemScale : 1;
      const v = (scale * w * tf) / (tf + k1 * (1 - b + lenScale * plen[id]!));
      if (acc[id] === 0) touched[count++] = id;
      acc[id] += v;
      const at = REC * slot;
      if (slot !== last) {
        // the slot's first posting in this list: first reached (listed), and its presence counted once
        last = slot;
        if (st[at + 1] === 0) slots[nSlots++] = slot;
        st[at + 2] += scale * presence * damp[slot]!;
      }
      st[at + 1] += v;
      const a = acc[id]!;
      if (a > st[at]!) st[at] = a;
    };
    this.postings(job, fn, mask, targets, nTargets);
    return [count, nSlots];
  }

  /** A term's postings: all, those in `mask`, or those with an id in `targets` (read through skip data). */
  private postings(job: TermJob, fn: (id: number, tf: number) => void, mask: Int32Array | null, targets: Int32Array | null, nTargets: number): void {
    const segs = this.index.segments;
    for (const [s, t] of job.hits) {
      const f = segs[s]![job.fieldNo]!;
      const df = f.df[t]!;
      // skip data pays when the targets inside the run's range (a segment's ids) are few
      // against its postings (a target costs at most a block) and the run is long,
      // `skipMinDf` (shorter ones decode in a fraction of a millisecond, and their skip tables
      // would crowd the long runs' out of the cache)
      if (targets !== null && df >= this.params.skipMinDf && nTargets * SKIP_BLOCK < 2 * df * segs.length) {
        const [from, to] = targetRange(f, t, targets, nTargets);
        if ((to - from) * SKIP_BLOCK < 2 * df) {
          forEachPostingAt(f, t, targets, from, to, fn);
          continue;
        }
      }
      forEachPosting(f, t, fn, mask);
    }
  }

  /**
   * Sets (or clears) the bits of the candidate documents in the slot mask and of their passages
   * in the passage mask; returns the number of passages (when setting).
   */
  private markCandidates(cand: Int32Array, nc: number, on: boolean): number {
    const ix = this.index;
    const first = ix.firstPassage.data;
    const ns = ix.slotCount;
    const total = ix.passageTotal;
    const pm = this.passageMask;
    const sm = this.slotMask;
    // clearing many candidates one by one (two random reads each) costs more than clearing
    // the whole masks (a few hundred kilobytes written in order)
    if (!on && nc * 64 > sm.length) {
      pm.fill(0);
      sm.fill(0);
      return 0;
    }
    let passages = 0;
    for (let i = 0; i < nc; i++) {
      const s = cand[i]!;
      if (on) sm[s >>> 5]! |= 1 << (s & 31);
      else sm[s >>> 5] = 0;
      // a slot's passages end where the next slot's begin (added in order): one array read, not two
      const start = first[s]!;
      const end = s + 1 < ns ? first[s + 1]! : total;
      passages += end - start;
      for (let p = start; p < end; p++) {
        if (on) pm[p >>> 5]! |= 1 << (p & 31);
        else pm[p >>> 5] = 0;
      }
    }
    return passages;
  }

  /**
   * Keeps in `cand[0, keep)` the `keep` candidates with the best score (order not kept);
   * returns the new count. A quickselect over a copy of the scores: O(n).
   */
  private keepBest(cand: Int32Array, n: number, keep: number, score: (s: number) => number): number {
    const threshold = this.kthBest(cand, n, keep, score);
    const scores = this.selScore;
    // strictly better ones, then ties up to `keep` in listing order (as in the top K)
    let ties = keep;
    for (let i = 0; i < n; i++) if (scores[i]! > threshold) ties--;
    let out = 0;
    for (let i = 0; i < n; i++) {
      const x = scores[i]!;
      if (x > threshold || (x === threshold && ties-- > 0)) cand[out++] = cand[i]!;
    }
    return out;
  }

  /** The k-th best score of `cand[0, n)` (k ≤ n); leaves the scores in `selScore`. Quickselect: O(n). */
  private kthBest(cand: Int32Array, n: number, k: number, score: (s: number) => number): number {
    if (this.selScore.length < n) {
      this.selScore = new Float64Array(Math.ceil(n * 1.25));
      this.selWork = new Float64Array(this.selScore.length);
    }
    const scores = this.selScore;
    const v = this.selWork;
    for (let i = 0; i < n; i++) v[i] = scores[i] = score(cand[i]!);
    let lo = 0;
    let hi = n - 1;
    const at = k - 1;
    while (lo < hi) {
      const pivot = v[(lo + hi) >>> 1]!;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (v[i]! > pivot) i++;
        while (v[j]! < pivot) j--;
        if (i <= j) {
          const tmp = v[i]!;
          v[i] = v[j]!;
          v[j] = tmp;
          i++;
          j--;
        }
      }
      if (at <= j) hi = j;
      else if (at >= i) lo = i;
      else break;
    }
    return v[at]!;
  }

  /** Sorted skip-data targets of the candidates: their slots (title lists) and passages; null when not wanted. */
  private targets(cand: Int32Array, n: number, want: boolean): { slots: Int32Array; passages: Int32Array } | null {
    if (!want) return null;
    this.tSlots = grown(this.tSlots, 0, n);
    const slots = this.tSlots.subarray(0, n);
    slots.set(cand.subarray(0, n));
    slots.sort();
    return { slots, passages: this.candidatePassages(slots) };
  }

  /**
   * The passage ids of the given slots (sorted), sorted: a slot's passages are consecutive
   * ids and the slots' ranges follow one another in slot order (passages are only appended).
   */
  private candidatePassages(slots: Int32Array): Int32Array {
    const first = this.index.firstPassage.data;
    const count = this.index.passageCount.data;
    let n = 0;
    for (let i = 0; i < slots.length; i++) n += count[slots[i]!]!;
    this.tPassages = grown(this.tPassages, 0, n);
    const out = this.tPassages.subarray(0, n);
    let k = 0;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      for (let p = first[s]!, end = p + count[s]!; p < end; p++) out[k++] = p;
    }
    return out;
  }

  rank(q: AnalyzedQuery, filters: RankFilters, limit: number): { docs: RankedDoc[]; total: number } {
    this.ensureCapacity();
    // a query clears what it wrote at its end; one that failed midway left scores behind
    if (this.dirty) {
      this.acc.fill(0);
      this.st.fill(0);
    }
    this.dirty = true;
    this.phraseA = this.phraseB = null;
    const P = this.params;
    const ix = this.index;
    const n = Math.max(1, ix.livePassages);
    const avgLen = Math.max(1, ix.livePassageChars / n);
    const ns = Math.max(1, ix.liveSlots);
    const avgTitle = Math.max(1, ix.liveTitleChars / ns);
    const acc = this.acc;
    const st = this.st;
    // a very common term is skipped only when the query has other terms to rank by
    const dfLimit = q.terms.length > 2 ? P.maxDfRatio * n : Infinity;
    let nt = 0;
    let ntt = 0;
    let nSlots = 0;
    const weighted: WeightedTerm[] = [];
    const jobs: TermJob[] = [];
    for (const t of q.terms) {
      const word = t.kind === 'word';
      const weight = (word ? P.wordWeight : P.bigramWeight) * t.weight;
      const itemScale = t.cue ? P.cueWeight : 1;
      const body = this.resolve(word ? F_WORD : F_BIGRAM, t.key, n, dfLimit);
      if (body) {
        weighted.push({ text: t.text, weight: weight * body.idf, itemScale });
        jobs.push({ text: t.text, fieldNo: word ? F_WORD : F_BIGRAM, perSlot: false, hits: body.hits, idf: body.idf, weight, itemScale, k1: P.k1, b: P.b, avgLen, df: body.df, n, ub: 0, generator: body.df <= Math.max(P.generatorDfRatio * n, P.generatorMinDf) });
      }
      const title = this.resolve(word ? F_TITLE_WORD : F_TITLE_BIGRAM, t.key, ns, Infinity);
      if (title) jobs.push({ text: t.text, fieldNo: word ? F_TITLE_WORD : F_TITLE_BIGRAM, perSlot: true, hits: title.hits, idf: title.idf, weight, itemScale, k1: P.titleK1, b: P.titleB, avgLen: avgTitle, df: title.df, n: ns, ub: 0, generator: title.df <= Math.max(P.generatorDfRatio * ns, P.generatorMinDf) });
    }
    mergePairs(jobs, P.pairDfRatio);
    const passes = this.filterFn(filters);
    // in force today: one bit; with no other filter, that is the verdict
    const live = filters.today ? this.inForce(filters.day) : null;
    const only = live !== null && !filters.kinds && !filters.region && !filters.department && !filters.objectBit;
    const ok = (s: number) => {
      if (live !== null) {
        if ((live[s >>> 5]! & (1 << (s & 31))) === 0) return false;
        if (only) return true;
      }
      return passes(s);
    };
    // before any scan: the body scan adds damped presence
    this.dampings(ix.livePassageChars / Math.max(1, ix.liveSlots));
    const presence = (s: number) => P.docPresenceWeight * st[REC * s + 2]!;
    const { docShare, docOtherPassages, titleWeight, docPresenceWeight } = P;
    // first cut: the share of other passages is bounded by the best one's (their sum is not
    // known yet); a slot no passage of which was reached has only its title score
    const firstCut = (s: number) => {
      const at = REC * s;
      const m = st[at]!;
      return m + docShare * Math.min(st[at + 1]! - m, docOtherPassages * m) + titleWeight * st[at + 3]! + docPresenceWeight * st[at + 2]!;
    };

    // what one list can add to a document's first cut at most (tf/(tf + k1·norm) < 1, damping ≥ 1,
    // cue scale ≤ 1): bounds the score of documents a list has not been scanned for yet
    const K = Math.max(limit, P.rerankDocs * 2);
    let rest = 0;
    for (const j of jobs) {
      j.ub = j.weight * j.idf * (j.perSlot ? titleWeight * (j.k1 + 1) : (1 + docShare * docOtherPassages) * (j.k1 + 1) + docPresenceWeight);
      rest += j.ub;
    }
    let cand = this.cand;
    // the documents to rank: those reached that pass the filter (passage hits first, then title-only ones)
    const collect = (): number => {
      const slots = this.slots;
      const tTouched = this.tTouched;
      if (cand.length < nSlots + ntt) cand = this.cand = grown(cand, 0, nSlots + ntt);
      let c = 0;
      for (let i = 0; i < nSlots; i++) if (ok(slots[i]!)) cand[c++] = slots[i]!;
      for (let i = 0; i < ntt; i++) if (st[REC * tTouched[i]! + 1] === 0 && ok(tTouched[i]!)) cand[c++] = tTouched[i]!;
      return c;
    };

    // Candidate generation (docs/search.md, Query evaluation at scale). Long queries: the lists
    // below a share of the passages, and at least the minGeneratorTerms rarest body lists,
    // reach documents; the others only score those (an approximation). Any query: once the
    // lists not yet scanned could not lift an unreached document to the K-th best first cut,
    // generation stops (exact).
    const body = jobs.filter((j) => !j.perSlot).sort((x, y) => x.df - y.df);
    for (let i = 0; i < Math.min(P.minGeneratorTerms, body.length); i++) body[i]!.generator = true;
    if (!(body.length > P.minGeneratorTerms && jobs.some((j) => !j.generator))) for (const j of jobs) j.generator = true;
    limitGenerators(body, P.generatorBudget, P.minGeneratorLists);
    limitGenerators(jobs.filter((j) => j.perSlot).sort((x, y) => x.df - y.df), P.titleGeneratorBudget, 0);
    let checkedAt = 0;
    let lastTheta = 0;
    let lastRest = Infinity;
    for (const job of [...jobs].sort((x, y) => y.ub - x.ub)) {
      if (!job.generator) continue;
      // checking costs a pass over the reached documents: only before a list that costs more,
      // and only when the K-th best could have risen above what is left (it rises by about
      // what the lists scanned since the last check could add)
      const reached = nSlots + ntt;
      if (P.pruning && reached > 0 && job.df > reached / 2 && reached > checkedAt * 1.5 && 2 * rest < lastTheta + lastRest) {
        checkedAt = reached;
        const c = collect();
        if (c >= K) {
          lastTheta = this.kthBest(cand, c, K, firstCut);
          lastRest = rest;
          if (rest < lastTheta) {
            for (const j of jobs) if (j.generator && !j.scanned) j.generator = false;
            break;
          }
        }
      }
      if (job.perSlot) [ntt] = this.scan(job, ntt, nSlots, null);
      else [nt, nSlots] = this.scan(job, nt, nSlots, null);
      job.scanned = true;
      rest -= job.ub;
    }
    // the candidates' passages marked in the passage mask (see markCandidates)
    let marked = 0;
    const scanOnly = (job: TermJob, t: { slots: Int32Array; passages: Int32Array } | null) => {
      if (job.perSlot) [ntt] = this.scan(job, ntt, nSlots, this.slotMask, t?.slots ?? null, t?.slots.length ?? 0, nc);
      else [nt, nSlots] = this.scan(job, nt, nSlots, this.passageMask, t?.passages ?? null, t?.passages.length ?? 0, marked);
    };
    // the candidates that the lists not yet scanned could still lift to `theta` (exact): counted,
    // or kept in cand[0, count)
    const reachable = (theta: number, n: number, keep: boolean): number => {
      const share = 1 + docShare * docOtherPassages;
      let out = 0;
      for (let i = 0; i < n; i++) {
        // an upper bound of the first cut that grows by at most a list's `ub` when the list is
        // scanned (computed here, not in a helper: a helper's returned number was allocated)
        const at = REC * cand[i]!;
        if (st[at]! * share + titleWeight * st[at + 3]! + docPresenceWeight * st[at + 2]! + rest < theta) continue;
        if (keep) cand[out] = cand[i]!;
        out++;
      }
      return out;
    };
    let nc = collect();
    const total = nc;
    const scoringOnly = jobs.filter((j) => !j.scanned).sort((x, y) => x.df / x.n - y.df / y.n);
    if (scoringOnly.length > 0) {
      // exact: drop the candidates that the unscanned lists could not lift to the K-th best —
      // when every candidate goes on to the common lists. Not tried before a cut to survivors
      // (it removed ~2% of the candidates there, for two passes over all of them: 0.98 without
      // it at 2M, same hits), nor when the last check during generation says the lists left
      // weigh more than the K-th best can be (nothing would go).
      const cutAhead = P.survivors > 0 && nc > P.survivors && scoringOnly.some((j) => j.df > P.survivorDfRatio * j.n);
      if (P.pruning && !cutAhead && nc > K && 2 * rest < lastTheta + lastRest) nc = reachable(this.kthBest(cand, nc, K, firstCut), nc, true);
      // the rarer scoring-only lists score every candidate; then, when there are many, only the
      // best `survivors` go on to be scored by the common lists (most of the postings)
      const cut = P.survivors > 0 && nc > P.survivors;
      let next = 0;
      let targets = this.targets(cand, nc, !cut);
      marked = this.markCandidates(cand, nc, true);
      for (; next < scoringOnly.length; next++) {
        const job = scoringOnly[next]!;
        if (cut && job.df > P.survivorDfRatio * job.n) break;
        scanOnly(job, targets);
        rest -= job.ub;
      }
      if (next < scoringOnly.length) {
        this.markCandidates(cand, nc, false);
        nc = this.keepBest(cand, nc, P.survivors, firstCut);
        marked = this.markCandidates(cand, nc, true);
        targets = this.targets(cand, nc, true);
        let prunedAt = Infinity;
        for (; next < scoringOnly.length; next++) {
          // exact again: as the lists left get fewer, fewer survivors can still reach the K-th
          // best (checked before a long list, once the bound of the lists left fell by a tenth)
          if (P.pruning && nc > K && scoringOnly[next]!.df >= P.skipMinDf && rest < 0.9 * prunedAt) {
            prunedAt = rest;
            const theta = this.kthBest(cand, nc, K, firstCut);
            if (reachable(theta, nc, false) < nc * 0.8) {
              this.markCandidates(cand, nc, false);
              nc = reachable(theta, nc, true);
              marked = this.markCandidates(cand, nc, true);
              targets = this.targets(cand, nc, true);
            }
          }
          scanOnly(scoringOnly[next]!, targets);
          rest -= scoringOnly[next]!.ub;
        }
      }
      this.markCandidates(cand, nc, false);
    }

    if (this.topScore.length < K) {
      this.topScore = new Float64Array(K);
      this.topSlot = new Int32Array(K);
    }
    const topScore = this.topScore;
    const topSlot = this.topSlot;
    let kept = 0;
    // the K best, best first; a tie keeps the document listed first
    for (let i = 0; i < nc; i++) {
      const s = cand[i]!;
      const v = firstCut(s);
      if (kept === K && v <= topScore[K - 1]!) continue;
      let j = kept < K ? kept++ : K - 1;
      while (j > 0 && topScore[j - 1]! < v) {
        topScore[j] = topScore[j - 1]!;
        topSlot[j] = topSlot[j - 1]!;
        j--;
      }
      topScore[j] = v;
      topSlot[j] = s;
    }
    const top = Array.from(topSlot.subarray(0, kept));
    const evidence = (s: number) => P.titleWeight * st[REC * s + 3]! + presence(s);
    const ranked = top.map((s) => this.rerank(s, q, evidence(s), P.rerankPassages, null));
    this.placeFactor(ranked, q);
    ranked.sort((a, b) => b.score - a.score);
    // the best documents: a deeper passage choice, where query words the title already
    // holds count less (they say which document, not which passage)
    for (let i = 0; i < Math.min(P.passageDocs, ranked.length); i++) {
      const s = ranked[i]!.slot;
      ranked[i] = this.choosePassages(ranked[i]!, q, weighted, normalizeText(this.store.meta(s).title), avgLen);
    }

    for (let i = 0; i < nt; i++) acc[this.touched[i]!] = 0;
    for (let i = 0; i < ntt; i++) st[REC * this.tTouched[i]! + 3] = 0;
    for (let i = 0; i < nSlots; i++) {
      const at = REC * this.slots[i]!;
      st[at] = 0;
      st[at + 1] = 0;
      st[at + 2] = 0;
    }
    this.dirty = false;
    this.phraseA = this.phraseB = null;
    return { docs: ranked.slice(0, limit), total };
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
      const f = phraseFeatures(this.phrase(core), text, title, P.titleTermDiscount);
      return { pid: p.pid, score: s * (1 + P.coverageWeight * f.coverage * f.coverage + (P.phraseWeight * Math.min(f.longest, P.phraseCap)) / P.phraseCap) };
    });
    rescored.sort((a, b) => b.score - a.score);
    const chosen = new Set(head.map((p) => p.pid));
    return { slot: doc.slot, score: doc.score, passages: [...rescored, ...doc.passages.filter((p) => !chosen.has(p.pid))] };
  }

  /**
   * Near-duplicate notices of different cities and provinces share most of their words; the
   * place a question names picks among them. Only the re-ranked documents are read (title and
   * opening), and only when the query names a place.
   */
  private placeFactor(docs: RankedDoc[], q: AnalyzedQuery): void {
    const P = this.params;
    if (P.placeBonus === 0 && P.placePenalty === 0) return;
    const asked = provincesIn(q.normalized);
    if (asked.size === 0) return;
    for (const d of docs) {
      const named = this.placesOf(d.slot);
      if ([...named].some((p) => asked.has(p))) d.score *= 1 + P.placeBonus;
      else if (named.size > 0) d.score *= 1 - P.placePenalty;
    }
  }

  /**
   * The provinces a version's title and opening name. A version's text never changes (a change
   * is a new version), so the answer is kept — for up to PLACE_CACHE versions, then the cache
   * starts over: re-ranking asks for ~40 documents per query that names a place, and reading and
   * scanning their openings was ~5% of a query's CPU at 2M entries.
   */
  private placesOf(slot: number): ReadonlySet<string> {
    const head = this.params.placeHeadChars;
    if (head !== this.placeHead || this.placeCache.size >= PLACE_CACHE) {
      this.placeCache.clear();
      this.placeHead = head;
    }
    let named = this.placeCache.get(slot);
    if (named === undefined) {
      const found = provincesIn(normalizeText(`${this.store.meta(slot).title} ${this.store.slice(slot, 0, head)}`));
      // one set per combination of provinces (most versions name none or one)
      const key = [...found].sort().join(',');
      named = this.placeSets.get(key) ?? found;
      this.placeSets.set(key, named);
      this.placeCache.set(slot, named);
    }
    return named;
  }

  private phrase(core: string): PhraseQuery {
    if (this.phraseA?.text === core) return this.phraseA;
    if (this.phraseB?.text === core) return this.phraseB;
    const p = preparePhrase(core);
    if (this.phraseA === null) this.phraseA = p;
    else this.phraseB = p;
    return p;
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
    const core = ix.kind.data[slot] === ITEM_KIND ? q.itemCore : q.core;
    // the best `depth` passages are scored again, in place; then all are sorted once more
    for (let i = 0; i < depth && i < scored.length; i++) {
      const p = scored[i]!;
      const text = normalizeText(this.store.slice(slot, ix.pStart.data[p.pid]!, ix.pEnd.data[p.pid]!));
      const f = phraseFeatures(this.phrase(core), text, title, P.titleTermDiscount);
      p.score *= 1 + P.coverageWeight * f.coverage * f.coverage + (P.phraseWeight * Math.min(f.longest, P.phraseCap)) / P.phraseCap;
    }
    const passages = scored.sort((a, b) => b.score - a.score);
    let rest = 0;
    for (let i = 1; i <= P.docOtherPassages && i < passages.length; i++) rest += passages[i]!.score;
    return { slot, score: (passages[0]?.score ?? 0) + P.docShare * rest + docEvidence, passages };
  }
}

/**
 * Scores a two-character word and the bigram of the same characters from the word's list when
 * the bigram is in more than `ratio` of its field's passages (versions): the bigram's job goes,
 * its weight × IDF joins the word's (see RankParams.pairDfRatio). In place; returns `jobs`.
 */
export function mergePairs<J extends Pick<TermJob, 'text' | 'fieldNo' | 'df' | 'n' | 'idf' | 'weight' | 'itemScale'>>(jobs: J[], ratio: number): J[] {
  if (!(ratio < Infinity)) return jobs;
  const words = new Map<string, J>();
  for (const j of jobs) if ((j.fieldNo === F_WORD || j.fieldNo === F_TITLE_WORD) && j.text.length === 2) words.set(`${j.fieldNo}:${j.text}`, j);
  if (words.size === 0) return jobs;
  let out = 0;
  for (const j of jobs) {
    const w = j.fieldNo === F_BIGRAM || j.fieldNo === F_TITLE_BIGRAM ? words.get(`${j.fieldNo === F_BIGRAM ? F_WORD : F_TITLE_WORD}:${j.text}`) : undefined;
    if (w !== undefined && j.df > ratio * j.n && w.itemScale === j.itemScale) {
      w.weight += (j.weight * j.idf) / w.idf;
      continue;
    }
    jobs[out++] = j;
  }
  jobs.length = out;
  return jobs;
}

/**
 * The postings budget of candidate generation: of `lists` (rarest first), the generating ones
 * keep generating until together they would hold more than `budget` postings; at least
 * `minLists` of them generate whatever their size. In place.
 */
function limitGenerators(lists: TermJob[], budget: number, minLists: number): void {
  let held = 0;
  let kept = 0;
  for (const j of lists) {
    if (!j.generator) continue;
    if (kept >= minLists && held + j.df > budget) j.generator = false;
    else {
      held += j.df;
      kept++;
    }
  }
}

/**
 * `a` when it holds `need` numbers, else a larger copy of its first `used` (doubling, so a
 * list grows a few times to what the largest query needed and then stays).
 */
function grown(a: Int32Array<ArrayBuffer>, used: number, need: number): Int32Array<ArrayBuffer> {
  if (a.length >= need) return a;
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a.subarray(0, used));
  return b;
}

/** a term's postings list in one field, with what scoring it needs */
interface TermJob {
  /** the query term's text */
  text: string;
  fieldNo: number;
  perSlot: boolean;
  hits: [number, number][];
  df: number;
  /** passages (versions, for title terms) in the index: df / n is the term's share */
  n: number;
  idf: number;
  weight: number;
  itemScale: number;
  k1: number;
  b: number;
  avgLen: number;
  /** reaches documents of its own (else it only scores the candidates: see generatorDfRatio) */
  generator: boolean;
  /** what the list can add to a document's first cut at most */
  ub: number;
  /** scanned in full (as a generator) */
  scanned?: boolean;
}

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
