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

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The dates on which each published version is the one in force, as one interval
 * (later versions starting after it cut its end; a later version starting no later than it
 * hides it entirely). Versions that are never in force are absent. The search index stores
 * these intervals so a query for any date sees the right version.
 */
export function effectiveIntervals<T extends VersionValidity>(versions: T[]): Map<number, { from: string | null; to: string | null }> {
  const out = new Map<number, { from: string | null; to: string | null }>();
  const live = versions.filter((v) => v.status !== 'draft').sort((a, b) => a.version - b.version);
  for (let i = 0; i < live.length; i++) {
    const v = live[i]!;
    if (v.status !== 'published') continue;
    let to = v.validTo;
    let hidden = false;
    for (const w of live.slice(i + 1)) {
      const wFrom = w.validFrom;
      if (wFrom === null || (v.validFrom !== null && wFrom <= v.validFrom)) {
        // a later version that starts no later than this one and lasts at least as long hides it
        if (w.validTo === null || (to !== null && w.validTo >= to)) {
          hidden = true;
          break;
        }
        continue;
      }
      const cut = dayBefore(wFrom);
      if (to === null || cut < to) to = cut;
    }
    if (!hidden && (v.validFrom === null || to === null || v.validFrom <= to)) out.set(v.version, { from: v.validFrom, to });
  }
  return out;
}

/** Today's date in Asia/Shanghai, the calendar the district works by. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
