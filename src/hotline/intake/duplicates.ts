/**
 * Likely duplicates for 并单: the same matter (text similarity), the same place (or a place
 * neither text contradicts, then a stricter bar), within a recent window.
 */
import { locationSchema, type Location } from './location.js';
import { comparePlaces } from './place.js';
import type { OrderText } from './intake.repository.js';
import { cosine, Idf, orderTerms, tfidf, topWords, type TermCounts } from './similarity.js';

export interface DuplicateCandidate {
  id: string;
  title: string;
  status: string;
  createdAt: string;
  score: number;
  reasons: string[];
}

export const DUPLICATE_TUNING = {
  /** cosine needed when both orders name the same place */
  samePlace: 0.3,
  /** cosine needed when a place is missing on one side (nothing to confirm or contradict) */
  unknownPlace: 0.5,
  windowDays: 30,
  limit: 5,
};

export function parseLocation(json: string): Location {
  try {
    const r = locationSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : {};
  } catch {
    return {};
  }
}

const DAY = 86_400_000;

/**
 * Term counts of stored orders by id: an order's title and content do not change, and
 * segmenting thousands of candidates on every request would dominate its time.
 */
export class TermCache {
  private readonly map = new Map<string, TermCounts>();

  constructor(private readonly capacity = 50_000) {}

  get(order: { id: string; title: string; content: string }): TermCounts {
    let t = this.map.get(order.id);
    if (t) {
      // refresh its place so the oldest unused entries go first
      this.map.delete(order.id);
    } else {
      t = orderTerms(order.title, order.content);
      if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value!);
    }
    this.map.set(order.id, t);
    return t;
  }
}

export function findDuplicates(
  query: { title?: string; text: string; location: Location; at: Date; excludeId?: string },
  candidates: OrderText[],
  cache: TermCache = new TermCache(),
  tuning = DUPLICATE_TUNING,
): DuplicateCandidate[] {
  const pool = candidates.filter((c) => c.id !== query.excludeId && c.status !== 'merged' && Math.abs(Date.parse(c.createdAt) - query.at.getTime()) <= tuning.windowDays * DAY);
  if (pool.length === 0) return [];
  const idf = new Idf();
  const qTerms = orderTerms(query.title, query.text);
  const terms = new Map<string, TermCounts>();
  for (const c of pool) {
    const t = cache.get(c);
    terms.set(c.id, t);
    idf.add(t);
  }
  idf.add(qTerms);
  const q = tfidf(qTerms, idf);
  const out: DuplicateCandidate[] = [];
  for (const c of pool) {
    const place = comparePlaces(query.location, parseLocation(c.location));
    if (place.relation === 'different') continue;
    const v = tfidf(terms.get(c.id)!, idf);
    const score = cosine(q, v);
    if (score < (place.relation === 'same' ? tuning.samePlace : tuning.unknownPlace)) continue;
    const shared = topWords(new Map([...q].filter(([t]) => v.has(t)).map(([t, w]) => [t, w * v.get(t)!])), 4);
    const days = Math.round(Math.abs(Date.parse(c.createdAt) - query.at.getTime()) / DAY);
    out.push({
      id: c.id,
      title: c.title,
      status: c.status,
      createdAt: c.createdAt,
      score: Math.round(score * 1000) / 1000,
      reasons: [
        `内容相似度 ${score.toFixed(2)}${shared.length ? `（${shared.join('、')}）` : ''}`,
        place.relation === 'same' ? `同一地点：${place.on}` : '地点未能比对',
        days === 0 ? '同一天' : `相隔 ${days} 天`,
      ],
    });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, tuning.limit);
}
