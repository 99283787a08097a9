/**
 * Whether two orders are about the same place, from their locations: "same" when a township,
 * community or road names agree (or the division codes at township level), "different" when
 * the counties or one of those names disagree, "unknown" when one of them says too little.
 */
import type { Location } from './location.js';

export type PlaceRelation = { relation: 'same'; on: string } | { relation: 'different' } | { relation: 'unknown' };

const FINE = ['community', 'road', 'street'] as const;
/** 丽发新城小区 and 丽发新城社区 are one estate named twice: compare names without the kind. */
const KIND_SUFFIX = /(?:小区|社区|花园|家园|新村|公寓|山庄|街道|镇|乡)$/u;
const bare = (s: string) => s.replace(KIND_SUFFIX, '') || s;

function county(l: Location): string | undefined {
  if (l.divisionCode && l.divisionCode.length >= 6) return l.divisionCode.slice(0, 6);
  return l.area;
}

export function comparePlaces(a: Location, b: Location): PlaceRelation {
  const ca = county(a);
  const cb = county(b);
  // a code on one side and a name on the other cannot be compared: neither tells a difference
  if (ca && cb && /^\d/.test(ca) === /^\d/.test(cb) && ca !== cb) return { relation: 'different' };
  let same: string | undefined;
  for (const f of FINE) {
    const x = a[f];
    const y = b[f];
    if (!x || !y) continue;
    if (bare(x) === bare(y)) same ??= x;
    else if (f !== 'street') return { relation: 'different' };
  }
  if (!same && a.divisionCode && a.divisionCode.length >= 9 && a.divisionCode === b.divisionCode) same = a.street ?? a.divisionCode;
  if (same) return { relation: 'same', on: [a.area, same].filter(Boolean).join(' ') };
  return { relation: 'unknown' };
}

/** A short name of the place for labels: county and the finest named place. */
export function placeLabel(l: Location): string {
  return [l.area ?? l.city, l.community ?? l.road ?? l.street].filter(Boolean).join(' ');
}
