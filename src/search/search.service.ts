/**
 * PLACEHOLDER during parallel development — replaced by the real index (helper "search").
 * Linear scan over in-force versions; same public surface as the real service.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/database.types.js';
import type { KnowledgeRepository } from '../knowledge/knowledge.repository.js';
import type { Passage } from '../knowledge/knowledge.schema.js';
import type { SearchParams, SearchResponse } from './search.schema.js';

export interface SearchServiceDeps {
  db: Kysely<DB>;
  knowledge: KnowledgeRepository;
  dataDir: string;
  syncIntervalMs: number;
}

export class SearchService {
  private docs: { id: string; version: number; kind: string; title: string; text: string; passages: Passage[] }[] = [];
  private ready = false;
  private seq = 0;
  constructor(private readonly deps: SearchServiceDeps) {}

  async init(): Promise<void> {
    await this.sync();
    this.ready = true;
  }

  async sync(): Promise<number> {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.deps.knowledge.entryIdsAfter(after, 1000);
      if (page.length === 0) break;
      ids.push(...page);
      after = page[page.length - 1]!;
    }
    const rows = await this.deps.knowledge.versionsForIndex(ids);
    this.docs = rows.map((r) => ({ id: r.entry_id, version: r.version, kind: r.kind, title: r.title, text: r.text, passages: JSON.parse(r.passages) }));
    this.seq = await this.deps.knowledge.maxChangeSeq();
    return this.docs.length;
  }

  status() {
    return { ready: this.ready, entries: this.docs.length, passages: this.docs.reduce((n, d) => n + d.passages.length, 0), changeSeq: this.seq };
  }

  search(params: SearchParams): SearchResponse {
    const t0 = performance.now();
    const hits = [];
    for (const d of this.docs) {
      const p = d.passages.find((x) => d.text.slice(x.start, x.end).includes(params.query));
      if (!p) continue;
      const text = d.text.slice(p.start, p.end);
      hits.push({ docId: d.id, kind: d.kind as 'item', title: d.title, version: d.version, score: 1, passage: { id: `${d.id}@${d.version}#${p.seq}`, label: p.label, start: p.start, end: p.end, text, highlight: text } });
      if (hits.length >= params.limit) break;
    }
    return { hits, total: hits.length, tookMs: performance.now() - t0, terms: [params.query] };
  }

  close(): void {}
}
