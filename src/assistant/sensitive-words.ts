/**
 * The configurable sensitive-word policy: a text file of `word action` lines (action refuse,
 * mask or handoff; `#` comments), default data/sensitive-words.txt, XZ_SENSITIVE_WORDS_FILE
 * to replace it. Words are matched on the normalised message; ASCII words only as whole
 * words, so "sb" does not fire inside "usb".
 */
import fs from 'node:fs';
import { normalizeText } from '../text/normalize.js';

export type SensitiveAction = 'refuse' | 'mask' | 'handoff';

export interface SensitiveWord {
  word: string;
  action: SensitiveAction;
}

export interface SensitiveHit extends SensitiveWord {
  /** [start, end) in the message (normalisation keeps offsets) */
  start: number;
  end: number;
}

const ACTIONS: readonly SensitiveAction[] = ['refuse', 'mask', 'handoff'];

/** Parses the policy file's text; a bad line throws naming its line number. */
export function parseSensitiveWords(text: string, source = 'sensitive-words'): SensitiveWord[] {
  const words: SensitiveWord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    const action = parts[1] as SensitiveAction | undefined;
    if (parts.length !== 2 || !action || !ACTIONS.includes(action)) {
      throw new Error(`${source}:${i + 1}: expected "<word> <refuse|mask|handoff>", got "${line}"`);
    }
    words.push({ word: normalizeText(parts[0]!), action });
  });
  return words;
}

const isAsciiWord = (s: string) => /^[a-z0-9]+$/.test(s);
const isAlnumAt = (s: string, i: number) => i >= 0 && i < s.length && /[a-z0-9]/.test(s[i]!);

export class SensitiveWordPolicy {
  /** longest first, so 他妈的 is found before 妈的 */
  private readonly words: SensitiveWord[];

  constructor(words: SensitiveWord[]) {
    this.words = [...words].sort((a, b) => b.word.length - a.word.length);
  }

  static fromFile(file: string): SensitiveWordPolicy {
    return new SensitiveWordPolicy(parseSensitiveWords(fs.readFileSync(file, 'utf8'), file));
  }

  /** Occurrences in the message, not overlapping (longer words claim their span first). */
  find(message: string): SensitiveHit[] {
    const norm = normalizeText(message);
    const claimed = new Uint8Array(norm.length);
    const hits: SensitiveHit[] = [];
    for (const w of this.words) {
      for (let at = norm.indexOf(w.word); at >= 0; at = norm.indexOf(w.word, at + 1)) {
        const end = at + w.word.length;
        if (isAsciiWord(w.word) && (isAlnumAt(norm, at - 1) || isAlnumAt(norm, end))) continue;
        if (claimed.subarray(at, end).some((c) => c === 1)) continue;
        claimed.fill(1, at, end);
        hits.push({ ...w, start: at, end });
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  /** The message with each hit replaced by as many ＊ as it has characters. */
  mask(message: string, hits: SensitiveHit[]): string {
    let out = '';
    let at = 0;
    for (const h of [...hits].sort((a, b) => a.start - b.start)) {
      out += message.slice(at, h.start) + '＊'.repeat(h.end - h.start);
      at = h.end;
    }
    return out + message.slice(at);
  }
}
