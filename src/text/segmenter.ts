/**
 * Chinese word segmentation: jieba (default dictionary) plus the government-domain words.
 * Input is expected to be normalised (see normalize.ts); tokens are returned with their
 * offsets so callers can map them back into the original text.
 */
import { createHash } from 'node:crypto';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_WORDS, domainDictionary } from './gov-dictionary.js';
import { normalizeText } from './normalize.js';

export interface Token {
  text: string;
  start: number;
  end: number;
}

let jieba: Jieba | undefined;

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    // jieba keeps the dictionary's own normalised forms; load ours normalised the same way
    jieba.loadDict(domainDictionary(DOMAIN_WORDS.map(normalizeText)));
  }
  return jieba;
}

/** Identifies the segmentation behaviour; a saved index built with another one is stale. */
export const SEGMENTER_SIGNATURE = createHash('sha1').update(DOMAIN_WORDS.join('\n')).digest('hex').slice(0, 12);

/** Word strings of `text` in order; their concatenation is `text`. */
export function cutWords(text: string): string[] {
  return instance().cut(text, true);
}

/** Words with their [start, end) offsets in `text`. */
export function segment(text: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const w of cutWords(text)) {
    out.push({ text: w, start: at, end: at + w.length });
    at += w.length;
  }
  return out;
}
