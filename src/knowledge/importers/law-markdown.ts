/**
 * Laws in the Markdown layout of the LawRefBook collection:
 *   # 标题
 *   <promulgation note line(s)>
 *   <!-- INFO END -->
 *   ## 第一章 总则
 *   第一条 ……
 * The version date comes from the file name: 不动产登记暂行条例(2019-03-24).md; an undated
 * file takes the latest date of its promulgation notes. The entry text is the Markdown turned
 * into plain text (title, notes, then the body without '#' markers and HTML comments) so that
 * passages are clean articles.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportIssue, ImportLocation, ReadResult } from './import.types.js';

export interface LawBody {
  kind: 'law';
  id: string;
  status: 'published';
  title: string;
  text: string;
  docNumber?: string;
  publishDate?: string;
  effectiveDate?: string;
  validFrom?: string;
  validTo?: string;
  validity: '现行有效' | '已修改';
  tags: string[];
}

export interface LawParseResult {
  body: LawBody;
  warnings: string[];
}

const DATE_IN_NAME = /[（(](\d{4}-\d{2}-\d{2})[)）]\s*$/u;
const CN_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/gu;
const EFFECTIVE = /(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:起)?施行/u;
const DOC_NUMBER = /(中华人民共和国[^\s，,。]*令第[\d一二三四五六七八九十百千]+号|[\u4e00-\u9fa5]+〔\d{4}〕\d+号)/u;
const INFO_END = '<!-- INFO END -->';

function isoDate(y: string, m: string, d: string): string | undefined {
  const s = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(s) ? s : undefined;
}

/**
 * The entry id of a law file: `law:` + the file name without its version date, so the
 * versions of one law (…(2020-11-27).md, …(2024-11-28).md) become versions of one entry even
 * when the collection files them under different folders.
 */
export function lawIdFor(file: string): string {
  const name = path
    .basename(file)
    .replace(/\.md$/i, '')
    .replace(DATE_IN_NAME, '')
    .trim()
    .replace(/[\s/?#]+/gu, '_');
  const id = `law:${name}`;
  // ids are capped at 128 characters; keep them unique with a hash of the full name
  return id.length <= 128 ? id : `${id.slice(0, 115)}~${createHash('sha1').update(name).digest('hex').slice(0, 12)}`;
}

export function parseLawMarkdown(source: string, fileName: string, id: string): LawParseResult {
  const warnings: string[] = [];
  const src = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const infoEnd = src.indexOf(INFO_END);
  const headerPart = infoEnd >= 0 ? src.slice(0, infoEnd) : '';
  const headerLines = headerPart.split('\n');
  const titleLine = (infoEnd >= 0 ? headerLines : src.split('\n')).find((l) => /^#\s+\S/.test(l));
  const base = path.basename(fileName).replace(/\.md$/i, '');
  const nameTitle = base.replace(DATE_IN_NAME, '').trim();
  const title = titleLine ? titleLine.replace(/^#\s+/, '').trim() : nameTitle;
  if (!titleLine) warnings.push('缺少标题行（# 标题），已使用文件名');
  if (infoEnd < 0) warnings.push(`缺少 ${INFO_END}，全文按正文处理`);

  const notes = headerLines
    .map((l) => l.trim())
    .filter((l) => l && l !== titleLine?.trim() && !l.startsWith('#') && l !== '---' && !/^[A-Za-z]\w*:/.test(l));
  let bodyPart = infoEnd >= 0 ? src.slice(infoEnd + INFO_END.length) : src;
  if (infoEnd < 0 && titleLine) bodyPart = bodyPart.replace(titleLine, '');
  const bodyLines = bodyPart
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .map((l) => l.replace(/^#{1,6}\s+/, '').replace(/\s+$/u, ''))
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  const body = bodyLines.join('\n').trim();
  if (!body) warnings.push('正文为空');

  const noteDates = notes.flatMap((n) => [...n.matchAll(CN_DATE)].map((m) => isoDate(m[1]!, m[2]!, m[3]!))).filter((d): d is string => !!d);
  const dateFromName = DATE_IN_NAME.exec(base)?.[1];
  const version = dateFromName && isoDate(...(dateFromName.split('-') as [string, string, string])) ? dateFromName : noteDates.sort().at(-1);
  const eff = notes.map((n) => EFFECTIVE.exec(n)).find(Boolean);
  const effective = eff ? isoDate(eff[1]!, eff[2]!, eff[3]!) : undefined;
  // a 施行 date older than the version is the original law's, not this revision's
  const validFrom = effective && (!version || effective >= version) ? effective : version;
  const docNumber = notes.map((n) => DOC_NUMBER.exec(n)?.[1]).find(Boolean);
  const text = [title, ...notes, '', body].join('\n');
  return {
    body: {
      kind: 'law',
      id,
      status: 'published',
      title,
      text,
      ...(docNumber ? { docNumber } : {}),
      ...(version ? { publishDate: version } : {}),
      ...(validFrom ? { effectiveDate: validFrom, validFrom } : {}),
      validity: '现行有效',
      tags: [],
    },
    warnings,
  };
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

interface Versioned {
  id: string;
  kind: string;
  validFrom?: string;
}

/**
 * Orders the versions of each law by date (an undated file counts as the oldest) and marks
 * every version but the newest as 已修改 with validTo the day before its successor starts.
 * Bodies of other kinds pass through unchanged.
 */
export function chainLawVersions<T extends Versioned>(bodies: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const b of bodies) {
    const g = groups.get(b.id);
    if (g) g.push(b);
    else groups.set(b.id, [b]);
  }
  const out: T[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
    for (let i = 0; i < g.length; i++) {
      const cur = g[i]!;
      const next = g[i + 1];
      if (cur.kind === 'law' && next?.validFrom && next.validFrom !== cur.validFrom) {
        out.push({ ...cur, validity: '已修改', validTo: dayBefore(next.validFrom) });
      } else out.push(cur);
    }
  }
  return out;
}

/** Markdown files below `root` in a stable order, without the collection's _index.md pages. */
export function listLawFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.md$/i.test(e.name) && e.name !== '_index.md') out.push(p);
    }
  };
  walk(root);
  return out;
}

/**
 * Reads Markdown law files and chains the versions of each law. Two files of one law in
 * force from the same date (the collection files some laws under two categories, or twice
 * with different publication dates) import once: the later-published one, or the first in
 * path order; the other is reported as a warning.
 */
export async function readLawFiles(files: string[], display: (file: string) => string, onFile?: () => void): Promise<ReadResult[]> {
  type Parsed = { location: ImportLocation; body: LawBody; warnings: ImportIssue[] };
  const results: ReadResult[] = [];
  const byVersion = new Map<string, Parsed>();
  for (const [n, file] of files.entries()) {
    // let timers (the progress bar) run during a long read
    if (n % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
    const location: ImportLocation = { file: display(file) };
    let source: string;
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch (err) {
      results.push({ location, issues: [{ location, field: '', message: `无法读取文件：${(err as Error).message}` }] });
      onFile?.();
      continue;
    }
    const r = parseLawMarkdown(source, file, lawIdFor(file));
    const cur: Parsed = { location, body: r.body, warnings: r.warnings.map((message) => ({ location, field: '', message })) };
    const key = `${r.body.id}@${r.body.validFrom ?? ''}`;
    const prev = byVersion.get(key);
    if (!prev) byVersion.set(key, cur);
    else {
      const [keep, drop] = (cur.body.publishDate ?? '') > (prev.body.publishDate ?? '') ? [cur, prev] : [prev, cur];
      byVersion.set(key, keep);
      const message = `与 ${keep.location.file} 是同一法规的同一版本，已跳过`;
      results.push({ location: drop.location, warnings: [...drop.warnings, { location: drop.location, field: '', message }] });
    }
    onFile?.();
  }
  const chained = chainLawVersions([...byVersion.values()].map((p) => ({ ...p.body, location: p.location, warnings: p.warnings })));
  for (const { location, warnings, ...body } of chained) results.push({ location, body: { ...body }, warnings });
  return results;
}
