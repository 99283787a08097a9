/**
 * Alias → official-term expansion for queries. Matching is by substring of the normalised
 * query, so an alias is found even when jieba splits it differently (开公司 → 开 / 公司).
 * Expansion happens at query time only: editing synonyms needs no re-indexing.
 */
import { normalizeText } from './normalize.js';

export interface SynonymPair {
  alias: string;
  canonical: string;
}

export interface Expansion {
  alias: string;
  canonical: string;
}

export class SynonymDictionary {
  private readonly byAlias = new Map<string, string[]>();
  private readonly aliases: string[];

  constructor(pairs: Iterable<SynonymPair>) {
    for (const { alias, canonical } of pairs) {
      const a = normalizeText(alias.trim());
      const c = normalizeText(canonical.trim());
      if (!a || !c || a === c) continue;
      const list = this.byAlias.get(a) ?? [];
      if (!list.includes(c)) list.push(c);
      this.byAlias.set(a, list);
    }
    // longest first, so 补缴社保 wins over 社保 where both occur at the same place
    this.aliases = [...this.byAlias.keys()].sort((x, y) => y.length - x.length);
  }

  get size(): number {
    return this.aliases.length;
  }

  /** Official terms the (normalised) query refers to by an alias, without those it already names. */
  expand(normQuery: string): Expansion[] {
    const out: Expansion[] = [];
    const covered = new Uint8Array(normQuery.length);
    for (const alias of this.aliases) {
      let at = normQuery.indexOf(alias);
      while (at >= 0) {
        let free = false;
        for (let i = at; i < at + alias.length; i++) if (!covered[i]) free = true;
        if (free) {
          for (let i = at; i < at + alias.length; i++) covered[i] = 1;
          for (const canonical of this.byAlias.get(alias)!) {
            if (!normQuery.includes(canonical) && !out.some((e) => e.canonical === canonical)) out.push({ alias, canonical });
          }
        }
        at = normQuery.indexOf(alias, at + 1);
      }
    }
    return out;
  }
}
