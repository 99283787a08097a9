/**
 * Service-item evaluation: colloquial citizen queries (data/eval/service-queries.jsonl)
 * against a knowledge base of service items. Reports whether the right item comes first or
 * in the top 3, and, for queries that ask for one field (materials, time limit, fee, place…),
 * whether the item's best passage — or one of its first two — is that field.
 */
import { z } from 'zod';
import { readJsonl } from './search.eval.js';
import type { SearchService } from './search.service.js';

const serviceQuery = z.object({
  id: z.string(),
  question: z.string().min(1),
  docId: z.string(),
  docIds: z.array(z.string()).optional(),
  labels: z.array(z.string()).optional(),
});
export type ServiceQuery = z.infer<typeof serviceQuery>;

export function readServiceQueries(file: string): ServiceQuery[] {
  return readJsonl(file, serviceQuery);
}

export interface ServiceEvalReport {
  queries: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** among queries with labels whose item was found: the best passage is a wanted field */
  label1: number;
  /** … or one of the item's first two passages is */
  label2: number;
  labelled: number;
  misses: { id: string; question: string; rank: number; top: string; label?: string }[];
}

export function runServiceQueries(search: SearchService, queries: ServiceQuery[]): ServiceEvalReport {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let labelled = 0;
  let label1 = 0;
  let label2 = 0;
  const misses: ServiceEvalReport['misses'] = [];
  for (const q of queries) {
    const wanted = new Set(q.docIds ?? [q.docId]);
    const res = search.search({ query: q.question, limit: 10, kinds: ['item'] });
    const rank = res.hits.findIndex((h) => wanted.has(h.docId)) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    if (rank >= 1) rr += 1 / rank;
    const hit = rank >= 1 ? res.hits[rank - 1]! : undefined;
    let labelOk = true;
    if (q.labels && hit) {
      labelled++;
      const labels = [hit.passage.label, ...(hit.morePassages ?? []).map((p) => p.label)];
      if (q.labels.includes(labels[0]!)) label1++;
      else labelOk = false;
      if (labels.slice(0, 2).some((l) => q.labels!.includes(l))) label2++;
    }
    if (rank !== 1 || !labelOk) {
      misses.push({ id: q.id, question: q.question, rank, top: res.hits[0] ? `${res.hits[0].docId} ${res.hits[0].title}` : '-', label: hit?.passage.label });
    }
  }
  const n = queries.length || 1;
  return {
    queries: queries.length,
    hit1: hit1 / n,
    hit3: hit3 / n,
    mrr: rr / n,
    labelled,
    label1: labelled ? label1 / labelled : 0,
    label2: labelled ? label2 / labelled : 0,
    misses,
  };
}
