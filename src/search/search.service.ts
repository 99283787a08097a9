/**
 * Search over the knowledge base with a local in-memory index per server process.
 * The database stays the source of truth: the index follows it through kb_changes (polled
 * every syncIntervalMs) and snapshots itself to <dataDir>/search/ so a restart loads
 * instead of re-segmenting everything. See docs/search.md.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { KnowledgeRepository } from '../knowledge/knowledge.repository.js';
import { todayInShanghai } from '../knowledge/validity.js';
import { AppError, ErrorCode } from '../shared/app-error.js';
import { DEFAULT_SYNONYMS } from '../text/default-synonyms.js';
import { SEGMENTER_SIGNATURE } from '../text/segmenter.js';
import { SynonymDictionary } from '../text/synonyms.js';
import { highlight } from './highlight.js';
import { applyEntries, buildIndex } from './index-builder.js';
import { loadSnapshot, readSnapshotMeta, saveSnapshot, SNAPSHOT_FORMAT } from './index-snapshot.js';
import { FIELD_LABELS } from './field-intent.js';
import { DEFAULT_RANK, distinctPassages, promoteFieldPassages, Ranker, type RankFilters, type RankParams } from './ranking.js';
import type { SearchParams, SearchResponse, SearchStatus, SynonymInput } from './search.schema.js';
import { dayNumber, KIND_CODES, OBJECT_BITS, SearchIndex } from './search-index.js';
import { analyzeQuery } from './text-analysis.js';
import { TextStore } from './text-store.js';
import { SynonymRepository } from './synonym.repository.js';

export interface SearchServiceDeps {
  db: Kysely<DB>;
  knowledge: KnowledgeRepository;
  dataDir: string;
  syncIntervalMs: number;
  /** worker threads for segmentation during a full build (0 = main thread) */
  indexWorkers?: number;
  /** ranking parameters (evaluation and benchmarks); defaults are the tuned ones */
  rank?: Partial<RankParams>;
  /** write snapshots to dataDir/search (default true) */
  snapshots?: boolean;
}

const PAGE = 1000;
const SIGNATURE = `${SNAPSHOT_FORMAT}:${SEGMENTER_SIGNATURE}`;
/** save a snapshot after this many applied changes, or this many chars of new texts */
const SAVE_AFTER_CHANGES = 5000;
const SAVE_AFTER_CHARS = 32_000_000;
const ITEM_KIND = KIND_CODES.indexOf('item');

export class SearchService {
  private index = new SearchIndex();
  private store = new TextStore(null);
  private ranker: Ranker;
  private synonyms = new SynonymDictionary(DEFAULT_SYNONYMS.map(([alias, canonical]) => ({ alias, canonical })));
  private synonymVersion = '';
  private readonly synonymRepo: SynonymRepository;
  private readonly rankParams: RankParams;
  private seq = 0;
  private ready = false;
  private loadedFrom: SearchStatus['loadedFrom'] = 'empty';
  private lastSyncAt: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<number> | null = null;
  private unsavedChanges = 0;
  private readonly dir: string;
  private readonly storeFile: string;

  constructor(private readonly deps: SearchServiceDeps) {
    this.rankParams = { ...DEFAULT_RANK, ...deps.rank };
    this.ranker = new Ranker(this.index, this.store, this.rankParams);
    this.synonymRepo = new SynonymRepository(deps.db);
    this.dir = path.join(deps.dataDir, 'search');
    this.storeFile = path.join(this.dir, `store-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.bin`);
  }

  private get snapshotFile(): string {
    return path.join(this.dir, 'index.bin');
  }

  /** Loads the snapshot when it is current (then catches up), else rebuilds; starts polling. */
  async init(): Promise<void> {
    if (this.ready) return;
    fs.mkdirSync(this.dir, { recursive: true });
    if (!(await this.tryLoadSnapshot())) await this.rebuild();
    await this.reloadSynonyms();
    await this.sync();
    this.ready = true;
    if (this.deps.syncIntervalMs > 0) {
      this.timer = setInterval(() => {
        this.sync().catch((err: unknown) => console.error('search index sync failed:', err));
      }, this.deps.syncIntervalMs);
      this.timer.unref();
    }
  }

  private async fingerprint(seq: number): Promise<string> {
    if (seq === 0) return '0';
    const [row] = await this.deps.knowledge.changedSince(seq - 1, 1);
    return row && row.seq === seq ? `${seq}:${row.entry_id}` : 'missing';
  }

  private async tryLoadSnapshot(): Promise<boolean> {
    if (this.deps.snapshots === false) return false;
    const meta = readSnapshotMeta(this.snapshotFile);
    if (!meta || meta.signature !== SIGNATURE || !fs.existsSync(path.join(this.dir, meta.storeFile))) return false;
    if (meta.changeSeq > (await this.deps.knowledge.maxChangeSeq())) return false;
    if (meta.fingerprint !== (await this.fingerprint(meta.changeSeq))) return false;
    const loaded = loadSnapshot(this.snapshotFile, this.dir);
    this.useIndex(loaded.index, loaded.store);
    this.seq = meta.changeSeq;
    this.loadedFrom = 'snapshot';
    return true;
  }

  private useIndex(index: SearchIndex, store: TextStore): void {
    this.store.close();
    this.index = index;
    this.store = store;
    this.ranker = new Ranker(index, store, this.rankParams);
  }

  /** Indexes every entry from scratch (pages of ids, so memory stays bounded), then saves. */
  async rebuild(): Promise<void> {
    const index = new SearchIndex();
    if (this.deps.snapshots !== false) index.spillTo(path.join(this.dir, `spill-${process.pid}-${randomBytes(4).toString('hex')}.bin`));
    const store = new TextStore(null);
    const seq = await this.deps.knowledge.maxChangeSeq();
    await buildIndex(index, store, this.deps.knowledge, PAGE, () => {
      if (index.pendingPostings() > 4_000_000) index.flush(Infinity);
      if (this.deps.snapshots !== false && store.pendingChars() > SAVE_AFTER_CHARS) store.save(this.storeFile);
    }, this.deps.indexWorkers ?? 0);
    index.flush(Infinity);
    index.compact();
    this.useIndex(index, store);
    this.seq = seq;
    this.loadedFrom = 'rebuild';
    this.unsavedChanges = 1;
    await this.saveSnapshot();
  }

  /** Applies entries changed since the last sync; returns how many changes were applied. */
  sync(): Promise<number> {
    this.syncing ??= this.doSync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async doSync(): Promise<number> {
    let applied = 0;
    for (;;) {
      const changes = await this.deps.knowledge.changedSince(this.seq, 5000);
      if (changes.length === 0) break;
      const ids = [...new Set(changes.map((c) => c.entry_id))];
      applyEntries(this.index, this.store, ids, await this.deps.knowledge.versionsForIndex(ids));
      this.index.flush();
      this.seq = changes[changes.length - 1]!.seq;
      applied += changes.length;
    }
    this.unsavedChanges += applied;
    await this.reloadSynonyms();
    this.lastSyncAt = new Date().toISOString();
    if (this.unsavedChanges >= SAVE_AFTER_CHANGES || this.store.pendingChars() > SAVE_AFTER_CHARS) await this.saveSnapshot();
    return applied;
  }

  private async saveSnapshot(): Promise<void> {
    if (this.deps.snapshots === false || this.unsavedChanges === 0) return;
    const fingerprint = await this.fingerprint(this.seq);
    this.store.save(this.storeFile);
    saveSnapshot(this.snapshotFile, this.index, this.store, {
      format: SNAPSHOT_FORMAT,
      signature: SIGNATURE,
      changeSeq: this.seq,
      fingerprint,
      storeFile: path.basename(this.storeFile),
      savedAt: new Date().toISOString(),
    });
    this.unsavedChanges = 0;
    // store files of earlier snapshots; other processes may still read theirs for a while
    for (const f of fs.readdirSync(this.dir)) {
      const full = path.join(this.dir, f);
      if (/^store-.*\.bin$/.test(f) && full !== this.storeFile && Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { force: true });
    }
  }

  private async reloadSynonyms(): Promise<void> {
    const version = await this.synonymRepo.version();
    if (version === this.synonymVersion) return;
    const custom = await this.synonymRepo.list();
    this.synonyms = new SynonymDictionary([...DEFAULT_SYNONYMS.map(([alias, canonical]) => ({ alias, canonical })), ...custom]);
    this.synonymVersion = version;
  }

  status(): SearchStatus {
    return {
      ready: this.ready,
      entries: this.index.entryCount,
      versions: this.index.liveSlots,
      passages: this.index.livePassages,
      changeSeq: this.seq,
      segments: this.index.segments.length,
      indexBytes: this.index.memoryBytes(),
      loadedFrom: this.loadedFrom,
      lastSyncAt: this.lastSyncAt,
    };
  }

  search(params: SearchParams): SearchResponse {
    const t0 = performance.now();
    const q = analyzeQuery(params.query, this.synonyms, this.rankParams.synonymWeight);
    const f = params.filters ?? {};
    const filters: RankFilters = {
      day: dayNumber(f.date ?? todayInShanghai()),
      today: f.date === undefined,
      kinds: params.kinds ? new Set(params.kinds.map((k) => KIND_CODES.indexOf(k))) : undefined,
      region: f.region,
      department: f.department,
      objectBit: f.serviceObject ? OBJECT_BITS[f.serviceObject] : undefined,
    };
    const { docs, total } = this.ranker.rank(q, filters, params.limit ?? 10);
    const ix = this.index;
    const hits = docs.map((d, i) => {
      const meta = this.store.meta(d.slot);
      const first = ix.firstPassage.data[d.slot]!;
      // the entry id is decoded from its column: once per hit, not once per passage shown
      const docId = ix.entryId(d.slot);
      const idPrefix = `${docId}@${ix.version.data[d.slot]}#`;
      // when the next document is nearly as good, show one further passage here, so its best
      // passage comes before this one's weaker ones in reading order
      const close = docs[i + 1] !== undefined && docs[i + 1]!.score >= this.rankParams.closeDocRatio * d.score;
      // a service item asked about one of its fields (要带什么, 多久, 在哪办…) answers with that field's passage
      const passages = q.intent && ix.kind.data[d.slot] === ITEM_KIND ? promoteFieldPassages(d.passages, meta.labels, first, q.intent.fields.map((f) => FIELD_LABELS[f])) : d.passages;
      const shown = distinctPassages(passages, ix.pStart.data, ix.pEnd.data, close ? 2 : 4, this.rankParams.morePassageRatio);
      const best = shown[0];
      const start = best ? ix.pStart.data[best.pid]! : 0;
      const end = best ? ix.pEnd.data[best.pid]! : 0;
      const text = best ? this.store.slice(d.slot, start, end) : '';
      // objects are built whole, not spread ({ ...p, text }): the spread copies reached V8's old
      // generation, where a search's garbage waits for a full collection (docs/search.md, Memory)
      return {
        docId,
        kind: KIND_CODES[ix.kind.data[d.slot]!]!,
        title: meta.title,
        version: ix.version.data[d.slot]!,
        score: round(d.score),
        passage: {
          id: `${idPrefix}${best ? best.pid - first : 'title'}`,
          label: best ? (meta.labels[best.pid - first] ?? '') : '标题',
          start,
          end,
          text,
          highlight: highlight(text, q.display, q.core),
        },
        morePassages: shown.slice(1).map((p) => ({ id: `${idPrefix}${p.pid - first}`, label: meta.labels[p.pid - first] ?? '', start: ix.pStart.data[p.pid]!, end: ix.pEnd.data[p.pid]!, score: round(p.score) })),
      };
    });
    return { hits, total, tookMs: round(performance.now() - t0), terms: q.display };
  }

  listSynonyms() {
    return this.synonymRepo.list().then((rows) => {
      const items = [
        ...rows.map((r) => ({ id: r.id, alias: r.alias, canonical: r.canonical, source: 'custom' as const, createdAt: r.created_at })),
        ...DEFAULT_SYNONYMS.map(([alias, canonical]) => ({ id: null, alias, canonical, source: 'builtin' as const, createdAt: null })),
      ];
      return { items, total: items.length };
    });
  }

  async addSynonym(input: SynonymInput) {
    if (input.alias === input.canonical) throw new AppError(ErrorCode.ValidationFailed, '口语说法与规范用语不能相同', { field: 'alias' });
    if (await this.synonymRepo.find(input.alias, input.canonical)) {
      throw new AppError(ErrorCode.Conflict, `同义词已存在：${input.alias} → ${input.canonical}`, input);
    }
    const row = await this.synonymRepo.insert(input.alias, input.canonical, new Date().toISOString());
    await this.reloadSynonyms();
    return { id: row.id, alias: row.alias, canonical: row.canonical, source: 'custom' as const, createdAt: row.created_at };
  }

  async deleteSynonym(id: number): Promise<void> {
    if (!(await this.synonymRepo.delete(id))) throw new AppError(ErrorCode.NotFound, `未找到同义词：${id}`, { id });
    await this.reloadSynonyms();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.store.close();
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
