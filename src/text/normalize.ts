/**
 * Normalisation for matching: full-width → half-width, upper → lower case, traditional →
 * simplified. Every UTF-16 code unit maps to exactly one code unit, so the normalised text
 * has the same length as the original and offsets found in it are offsets into the original
 * (passages and highlights quote the original text).
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** 0 = not computed yet; otherwise the mapped code unit. */
const table = new Uint16Array(65536);

function mapUnit(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII
  else if (c === 0x3000) return 0x20; // ideographic space
  if (c >= 0x41 && c <= 0x5a) return c + 32;
  if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) {
    // one character at a time: a phrase conversion could change the length
    const s = toSimplified(String.fromCharCode(c));
    if (s.length === 1) return s.charCodeAt(0);
  }
  return c;
}

export function normalizeUnit(c: number): number {
  let m = table[c]!;
  if (m === 0) {
    m = mapUnit(c);
    table[c] = m === 0 ? c : m;
  }
  return m;
}

/** the normalised units of the text being built, reused (decoded to a string in one step) */
let units = new Uint16Array(4096);

/** Normalised copy of `text`, same length, offset for offset. */
export function normalizeText(text: string): string {
  // most texts are already normal: find the first unit that changes before copying anything
  let first = 0;
  for (; first < text.length; first++) {
    const c = text.charCodeAt(first);
    if (c !== 0 && normalizeUnit(c) !== c) break;
  }
  if (first === text.length) return text;
  if (units.length < text.length) units = new Uint16Array(2 * text.length);
  for (let i = 0; i < first; i++) units[i] = text.charCodeAt(i);
  for (let i = first; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units[i] = c === 0 ? 0 : normalizeUnit(c);
  }
  // UTF-16LE decoding keeps every unit as it is (lone surrogates included): same length
  return Buffer.from(units.buffer, 0, 2 * text.length).toString('utf16le');
}

export function isCjk(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

export function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
