/**
 * Hot spots: groups of orders about the same matter at the same place within a time range
 * ("A3区 某小区 停车收费 37 件/周"). One pass in time order: an order joins the most similar
 * group whose place it does not contradict when its text is close enough to the group's
 * centre, or starts a new group. Groups below a minimum size are not hot spots.
 */
import type { Location } from '../intake/location.js';
import { comparePlaces, placeLabel } from '../intake/place.js';
import { cosine, Idf, tfidf, topWords, type TermCounts, type Vector } from '../intake/similarity.js';

export interface HotspotOrder {
  id: string;
  createdAt: string;
  category: string | null;
  divisionCode: string | null;
  location: Location;
  terms: TermCounts;
}

export interface Hotspot {
  label: string;
  divisionCode: string | null;
  place: string;
  category: string | null;
  keywords: string[];
  count: number;
  /** orders per period over the range, oldest first (period = its first day, Asia/Shanghai) */
  trend: { period: string; count: number }[];
  orderIds: string[];
}

export const HOTSPOT_TUNING = {
  /** cosine to a group's centre needed to join it */
  join: 0.3,
  minCount: 3,
  limit: 20,
  /** order ids listed per hot spot */
  ids: 100,
};

interface Group {
  sum: Map<string, number>;
  norm: number;
  members: HotspotOrder[];
  vectors: Vector[];
}

const DAY = 86_400_000;
/** an order similar to a group shares some of its heaviest terms with it */
const CANDIDATE_TERMS = 12;
const SHANGHAI = 8 * 3_600_000;

/** Start (UTC ms) of the period holding `t`, periods counted back from `to`. */
function periodIndex(t: number, to: number, periodMs: number): number {
  return Math.floor((to - 1 - t) / periodMs);
}

function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI).toISOString().slice(0, 10);
}

function mostCommon<T>(xs: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [x, c] of counts) if (c > n) [best, n] = [x, c];
  return best;
}

export function findHotspots(orders: HotspotOrder[], range: { from: Date; to: Date; periodDays: number }, tuning = HOTSPOT_TUNING): Hotspot[] {
  const idf = new Idf();
  for (const o of orders) idf.add(o.terms);
  const sorted = [...orders].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const groups: Group[] = [];
  // which groups hold a term: an order is scored only against groups it shares terms with
  const postings = new Map<string, Group[]>();
  for (const o of sorted) {
    const v = tfidf(o.terms, idf);
    // candidates through the order's rarest, heaviest terms; common ones would reach every group
    const candidates = new Set<Group>();
    for (const [t] of [...v].sort((a, b) => b[1] - a[1]).slice(0, CANDIDATE_TERMS)) for (const g of postings.get(t) ?? []) candidates.add(g);
    let best: Group | undefined;
    let bestScore = tuning.join;
    for (const g of candidates) {
      let dot = 0;
      for (const [t, w] of v) dot += w * (g.sum.get(t) ?? 0);
      const score = dot / g.norm;
      if (score < bestScore) continue;
      if (comparePlaces(o.location, g.members[0]!.location).relation === 'different') continue;
      [best, bestScore] = [g, score];
    }
    if (!best) {
      best = { sum: new Map(), norm: 0, members: [], vectors: [] };
      groups.push(best);
    }
    best.members.push(o);
    best.vectors.push(v);
    for (const [t, w] of v) {
      if (!best.sum.has(t)) {
        const list = postings.get(t);
        if (list) list.push(best);
        else postings.set(t, [best]);
      }
      best.sum.set(t, (best.sum.get(t) ?? 0) + w);
    }
    let n = 0;
    for (const w of best.sum.values()) n += w * w;
    best.norm = Math.sqrt(n) || 1;
  }
  const periodMs = range.periodDays * DAY;
  const to = range.to.getTime();
  const periods = Math.max(1, Math.ceil((to - range.from.getTime()) / periodMs));
  const unit = range.periodDays === 7 ? '周' : range.periodDays === 1 ? '日' : `${range.periodDays}日`;
  return groups
    .filter((g) => g.members.length >= tuning.minCount)
    .map((g) => {
      const centre: Vector = new Map([...g.sum].map(([t, w]) => [t, w / g.norm]));
      const counts = new Array<number>(periods).fill(0);
      for (const m of g.members) {
        const k = periodIndex(Date.parse(m.createdAt), to, periodMs);
        if (k >= 0 && k < periods) counts[periods - 1 - k]!++;
      }
      const trend = counts.map((count, i) => ({ period: shanghaiDate(to - (periods - i) * periodMs), count }));
      const place = mostCommon(g.members.map((m) => placeLabel(m.location)).filter(Boolean)) ?? '';
      const keywords = topWords(centre, 3).filter((w) => !place.includes(w));
      const peak = Math.max(...counts);
      const label = [place || '地点不详', keywords.slice(0, 2).join(' '), `${peak} 件/${unit}`].filter(Boolean).join(' ');
      // members far from the centre joined early and drifted: keep the list to the close ones first
      const ranked = g.members.map((m, i) => ({ id: m.id, s: cosine(g.vectors[i]!, centre) })).sort((a, b) => b.s - a.s);
      return {
        label,
        divisionCode: mostCommon(g.members.map((m) => m.divisionCode).filter((c): c is string => !!c)) ?? null,
        place,
        category: mostCommon(g.members.map((m) => m.category).filter((c): c is string => !!c)) ?? null,
        keywords,
        count: g.members.length,
        trend,
        orderIds: ranked.slice(0, tuning.ids).map((r) => r.id),
      };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, tuning.limit);
}
