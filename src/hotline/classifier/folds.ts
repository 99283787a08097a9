/** Seeded randomness and stratified folds, so training and cross-validation repeat exactly. */

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Splits the indices of `classes` (one class per item) into folds that keep each class's
 * share; the same seed gives the same folds.
 */
export function stratifiedFolds(classes: string[], folds: number, seed: number): number[][] {
  const byClass = new Map<string, number[]>();
  classes.forEach((c, i) => {
    const members = byClass.get(c);
    if (members) members.push(i);
    else byClass.set(c, [i]);
  });
  const rand = seededRandom(seed);
  const out: number[][] = Array.from({ length: folds }, () => []);
  let next = 0;
  for (const c of [...byClass.keys()].sort()) {
    for (const i of shuffle(byClass.get(c)!, rand)) out[next++ % folds]!.push(i);
  }
  return out;
}
