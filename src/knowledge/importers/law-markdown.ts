/**
 * Laws in the Markdown layout of the LawRefBook collection:
 *   # 标题
 *   <promulgation note line(s)>
 *   <!-- INFO END -->
 *   ## 第一章 总则
 *   第一条 ……
 * The version date comes from the file name: 不动产登记暂行条例(2019-03-24).md.
 * The entry text is the Markdown turned into plain text (title, note, then the body with the
 * '#' markers removed) so that passages are clean articles.
 */
import path from 'node:path';
import type { EntryBody } from '../knowledge.schema.js';

export interface LawParseResult {
  body: EntryBody;
  warnings: string[];
}

const DATE_IN_NAME = /[（(](\d{4}-\d{2}-\d{2})[)）]\s*$/u;
const CN_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/u;

function pad(n: string): string {
  return n.padStart(2, '0');
}

/**
 * A stable id from the file's path below the import root, without the version date, so the
 * versions of one law (…(2020-11-27).md, …(2024-11-28).md) become versions of one entry.
 */
export function lawIdFor(root: string, file: string): string {
  const rel = path
    .relative(root, file)
    .replace(/\\/g, '/')
    .replace(/\.md$/i, '')
    .replace(DATE_IN_NAME, '')
    .trim();
  return `law:${rel}`.replace(/[\s?#]/gu, '_');
}

export function parseLawMarkdown(source: string, fileName: string, id: string): LawParseResult {
  const warnings: string[] = [];
  const src = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  const titleLine = lines.find((l) => /^#\s+\S/.test(l));
  const base = path.basename(fileName).replace(/\.md$/i, '');
  const nameTitle = base.replace(DATE_IN_NAME, '').trim();
  const title = titleLine ? titleLine.replace(/^#\s+/, '').trim() : nameTitle;
  if (!titleLine) warnings.push('缺少标题行（# 标题），已使用文件名');

  const infoEnd = src.indexOf('<!-- INFO END -->');
  const headerPart = infoEnd >= 0 ? src.slice(0, infoEnd) : '';
  const bodyPart = infoEnd >= 0 ? src.slice(infoEnd + '<!-- INFO END -->'.length) : src.replace(titleLine ?? '', '');
  const notes = headerPart
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && l !== '---' && !/^\w+:/.test(l));
  const bodyLines = bodyPart
    .split('\n')
    .map((l) => l.replace(/^#{1,6}\s+/, '').replace(/\s+$/u, ''))
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  const body = bodyLines.join('\n').trim();
  if (!body) warnings.push('正文为空');

  const dateFromName = DATE_IN_NAME.exec(base)?.[1];
  const noteDate = notes.map((n) => CN_DATE.exec(n)).find(Boolean);
  const promulgated = noteDate ? `${noteDate[1]}-${pad(noteDate[2]!)}-${pad(noteDate[3]!)}` : undefined;
  const version = dateFromName ?? promulgated;
  const docNumber = notes.map((n) => /(中华人民共和国[^\s，,。]*令第[\d一二三四五六七八九十百千]+号|[\u4e00-\u9fa5]+〔\d{4}〕\d+号)/u.exec(n)?.[1]).find(Boolean);
  const text = [title, ...notes, '', body].join('\n');
  const validDate = version && !Number.isNaN(Date.parse(version)) ? version : undefined;
  return {
    body: {
      kind: 'law',
      id,
      status: 'published',
      title,
      text,
      docNumber,
      publishDate: validDate,
      effectiveDate: validDate,
      validFrom: validDate,
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

/**
 * Orders the versions of each law by date (an undated file counts as the oldest) and marks
 * every version but the newest as 已修改 with validTo the day before its successor starts.
 */
export function chainLawVersions(bodies: EntryBody[]): EntryBody[] {
  const groups = new Map<string, EntryBody[]>();
  for (const b of bodies) {
    const g = groups.get(b.id);
    if (g) g.push(b);
    else groups.set(b.id, [b]);
  }
  const out: EntryBody[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
    for (let i = 0; i < g.length; i++) {
      const cur = g[i]!;
      const next = g[i + 1];
      if (next?.validFrom && cur.kind === 'law') {
        out.push({ ...cur, validity: '已修改', validTo: dayBefore(next.validFrom) });
      } else out.push(cur);
    }
  }
  return out;
}
