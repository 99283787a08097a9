/**
 * Which version of an entry is in force on a date. Rule: the highest-numbered non-draft
 * version whose [validFrom, validTo] covers the date; when that version is 'retired',
 * nothing is in force. Dates are YYYY-MM-DD strings (compare as strings); null = open.
 */
export interface VersionValidity {
  version: number;
  status: string;
  validFrom: string | null;
  validTo: string | null;
}

export function covers(v: { validFrom: string | null; validTo: string | null }, date: string): boolean {
  return (v.validFrom === null || v.validFrom <= date) && (v.validTo === null || date <= v.validTo);
}

export function versionInForce<T extends VersionValidity>(versions: T[], date: string): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.status === 'draft' || !covers(v, date)) continue;
    if (!best || v.version > best.version) best = v;
  }
  return best && best.status !== 'retired' ? best : undefined;
}

export interface DateInterval {
  from: string | null;
  to: string | null;
}

const DAY_MS = 86_400_000;
const toDay = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
const fromDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** [a, b] minus [c, d] on whole days; infinite ends stay infinite. */
function subtract(list: [number, number][], c: number, d: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of list) {
    if (d < a || c > b) {
      out.push([a, b]);
      continue;
    }
    if (a < c) out.push([a, c - 1]);
    if (d < b) out.push([d + 1, b]);
  }
  return out;
}

/**
 * The dates on which each published version is the one in force, consistent with
 * versionInForce: a version's own validity minus the validity of every later non-draft
 * version (a later 'retired' version takes its dates away too). A version can be in force
 * on several separate intervals (a temporary amendment in the middle of its validity);
 * versions that are never in force are absent. The search index keeps these intervals so a
 * query for any date sees the right version.
 */
export function effectiveIntervals<T extends VersionValidity>(versions: T[]): Map<number, DateInterval[]> {
  const live = versions.filter((v) => v.status !== 'draft').sort((a, b) => a.version - b.version);
  const span = (v: VersionValidity): [number, number] => [
    v.validFrom === null ? -Infinity : toDay(v.validFrom),
    v.validTo === null ? Infinity : toDay(v.validTo),
  ];
  const out = new Map<number, DateInterval[]>();
  live.forEach((v, i) => {
    if (v.status !== 'published') return;
    let parts: [number, number][] = [span(v)].filter(([a, b]) => a <= b);
    for (const w of live.slice(i + 1)) {
      const [c, d] = span(w);
      if (c <= d) parts = subtract(parts, c, d);
      if (parts.length === 0) break;
    }
    if (parts.length) {
      out.set(
        v.version,
        parts.map(([a, b]) => ({ from: a === -Infinity ? null : fromDay(a), to: b === Infinity ? null : fromDay(b) })),
      );
    }
  });
  return out;
}

/** Today's date in Asia/Shanghai, the calendar the district works by. */
/** one formatter for every call: constructing an Intl.DateTimeFormat costs more than a whole small search */
const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastMinute = NaN;
let lastDay = '';

/** The date (YYYY-MM-DD) in Asia/Shanghai at `now`; formatted once per minute (every search asks). */
export function todayInShanghai(now = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== lastMinute) {
    lastDay = SHANGHAI_DAY.format(now);
    lastMinute = minute;
  }
  return lastDay;
}
