/**
 * Titles, passage labels and texts of indexed versions, kept out of the JS heap: a file of
 * records (meta as UTF-8 JSON, text as UTF-16LE so a passage [start, end) is read with one
 * positioned read). Versions added since the last save are held in memory until save().
 */
import fs from 'node:fs';
import { Growable } from './growable.js';

export interface StoredDoc {
  title: string;
  labels: string[];
  text: string;
}

export class TextStore {
  private readonly mem = new Map<number, StoredDoc>();
  private memChars = 0;
  private fd: number | null = null;
  /** per slot: byte offset of the meta JSON (-1 when in memory), its length, byte offset of the text, its length in chars */
  metaOff = new Growable(Float64Array);
  metaLen = new Growable(Int32Array);
  textOff = new Growable(Float64Array);
  textLen = new Growable(Int32Array);

  constructor(private file: string | null) {
    if (file && fs.existsSync(file)) this.fd = fs.openSync(file, 'r');
  }

  put(slot: number, doc: StoredDoc): void {
    this.memChars += doc.text.length - (this.mem.get(slot)?.text.length ?? 0);
    this.mem.set(slot, doc);
    for (const g of [this.metaOff, this.metaLen, this.textOff, this.textLen]) if (g.length <= slot) g.fill(-1, slot + 1 - g.length);
    this.metaOff.data[slot] = -1;
  }

  /** Drops an in-memory record (deleted slot). File records stay until the next rebuild. */
  drop(slot: number): void {
    this.memChars -= this.mem.get(slot)?.text.length ?? 0;
    this.mem.delete(slot);
  }

  private read(pos: number, len: number): Buffer {
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(this.fd!, buf, got, len - got, pos + got);
      if (n === 0) throw new Error('search text store is truncated');
      got += n;
    }
    return buf;
  }

  meta(slot: number): { title: string; labels: string[] } {
    const m = this.mem.get(slot);
    if (m) return m;
    return JSON.parse(this.read(this.metaOff.data[slot]!, this.metaLen.data[slot]!).toString('utf8')) as { title: string; labels: string[] };
  }

  /** text.slice(start, end) of the slot's version. */
  slice(slot: number, start: number, end: number): string {
    const m = this.mem.get(slot);
    if (m) return m.text.slice(start, end);
    const len = Math.max(0, Math.min(end, this.textLen.data[slot]!) - start);
    if (len === 0) return '';
    return this.read(this.textOff.data[slot]! + start * 2, len * 2).toString('utf16le');
  }

  pendingChars(): number {
    return this.memChars;
  }

  get path(): string | null {
    return this.file;
  }

  /**
   * Writes the in-memory records to `target`: appended in place when it is this store's
   * own file, else after a copy of the current file (a file loaded from a snapshot may be
   * shared with other processes, which keep reading their copy).
   */
  save(target: string): void {
    if (target !== this.file) {
      if (this.file && fs.existsSync(this.file)) fs.copyFileSync(this.file, target);
      else fs.writeFileSync(target, '');
    }
    if (this.mem.size === 0 && target === this.file) return;
    const fd = fs.openSync(target, 'r+');
    let pos = fs.fstatSync(fd).size;
    for (const [slot, d] of [...this.mem].sort((a, b) => a[0] - b[0])) {
      const meta = Buffer.from(JSON.stringify({ title: d.title, labels: d.labels }), 'utf8');
      const text = Buffer.from(d.text, 'utf16le');
      fs.writeSync(fd, meta, 0, meta.length, pos);
      fs.writeSync(fd, text, 0, text.length, pos + meta.length);
      this.metaOff.data[slot] = pos;
      this.metaLen.data[slot] = meta.length;
      this.textOff.data[slot] = pos + meta.length;
      this.textLen.data[slot] = d.text.length;
      pos += meta.length + text.length;
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = fs.openSync(target, 'r');
    this.file = target;
    this.mem.clear();
    this.memChars = 0;
  }

  fileSize(): number {
    return this.fd === null ? 0 : fs.fstatSync(this.fd).size;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
