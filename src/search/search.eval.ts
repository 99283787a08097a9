/**
 * Retrieval evaluation: imports policy documents (JSONL {id, text}) and optionally the
 * LawRefBook Markdown laws, builds the index, runs every question and reports document
 * hit@1, hit@5, MRR and span-in-top-3, overall and for odd/even question numbers (tune on
 * odd, check on even).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { listLawFiles, readLawFiles } from '../knowledge/importers/law-markdown.js';
import type { EntryBody } from '../knowledge/knowledge.schema.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { SearchResponse } from './search.schema.js';
import type { SearchService } from './search.service.js';

const docLine = z.object({ id: z.string().min(1), text: z.string().min(1) });
const idField = z.union([z.string().min(1), z.number()]).transform(String);
const questionLine = z.object({
  id: idField,
  docId: idField,
  question: z.string().min(1),
  answer: z.string().optional(),
  /** [start, end) of the answer in the document's text; found from `answer` when absent */
  span: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).refine(([a, b]) => a <= b, 'span 的起点大于终点').optional(),
});
export type EvalQuestion = z.infer<typeof questionLine>;

export function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file}:${i + 1}: 不是有效的 JSON（${(e as Error).message}）`);
      }
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return [r.data];
    });
}

export function readDocTexts(file: string): Map<string, string> {
  return new Map(readJsonl<z.infer<typeof docLine>>(file, docLine).map((d) => [d.id, d.text]));
}

/** Imports policy documents ({id, text} → kind policy, title from the first sentence). */
export async function importPolicyDocs(knowledge: KnowledgeService, docs: Map<string, string>): Promise<number> {
  const bodies: EntryBody[] = [...docs].map(([id, text]) => ({ kind: 'policy', id, status: 'published', text, tags: [] }));
  for (let i = 0; i < bodies.length; i += 500) await knowledge.upsert(bodies.slice(i, i + 500), { note: 'eval import' });
  return bodies.length;
}

export async function importLaws(knowledge: KnowledgeService, root: string): Promise<number> {
  const files = listLawFiles(root);
  const bodies = (await readLawFiles(files, (f) => path.relative(root, f))).flatMap((r) => (r.body ? [r.body as EntryBody] : []));
  // versions of one law stay in one batch, in order (readLawFiles returns them grouped)
  let batch: EntryBody[] = [];
  for (let i = 0; i < bodies.length; i++) {
    batch.push(bodies[i]!);
    if (batch.length >= 500 && bodies[i + 1]?.id !== bodies[i]!.id) {
      await knowledge.upsert(batch, { note: 'eval import' });
      batch = [];
    }
  }
  if (batch.length) await knowledge.upsert(batch, { note: 'eval import' });
  return files.length;
}

export interface EvalFigures {
  questions: number;
  hit1: number;
  hit5: number;
  mrr: number;
  spanTop3: number;
  /** questions with a known answer span (the denominator of spanTop3) */
  withSpan: number;
  /**
   * Diagnostic, not the goal: hit@1 where the first document counts when it holds the
   * answer text verbatim too (the corpus has reprints of the same notice, and for about a
   * fifth of the questions the answer stands in more than one document).
   */
  hit1AnyCopy: number;
  /**
   * Diagnostic, not the goal: hit@1 where the first document counts when it is a reprint of the
   * gold one — at least 90% of either text's 5-character shingles stand in the other.
   */
  hit1Reprint: number;
}

/** Share of each text's 5-character shingles that stand in the other; the smaller share. */
export function reprintSimilarity(a: string, b: string): number {
  const shingles = (s: string) => {
    const t = s.replace(/\s+/g, '');
    const out = new Set<string>();
    for (let i = 0; i + 5 <= t.length; i++) out.add(t.slice(i, i + 5));
    return out;
  };
  const A = shingles(a);
  const B = shingles(b);
  if (A.size === 0 || B.size === 0) return a.replace(/\s+/g, '') === b.replace(/\s+/g, '') ? 1 : 0;
  let shared = 0;
  for (const g of A) if (B.has(g)) shared++;
  return Math.min(shared / A.size, shared / B.size);
}

export interface EvalReport {
  all: EvalFigures;
  odd: EvalFigures;
  even: EvalFigures;
  msPerQueryMean: number;
  msPerQueryP95: number;
}

/** Passages in result order: each hit's best passage, then its further passages. */
function rankedPassages(res: SearchResponse): { docId: string; start: number; end: number }[] {
  return res.hits.flatMap((h) => [h.passage, ...(h.morePassages ?? [])].map((p) => ({ docId: h.docId, start: p.start, end: p.end })));
}

function figures(rows: { rank: number; span: boolean | undefined; copy: boolean; reprint: boolean }[]): EvalFigures {
  const n = Math.max(1, rows.length);
  const withSpan = rows.filter((r) => r.span !== undefined).length;
  return {
    questions: rows.length,
    hit1: rows.filter((r) => r.rank === 1).length / n,
    hit5: rows.filter((r) => r.rank >= 1 && r.rank <= 5).length / n,
    mrr: rows.reduce((s, r) => s + (r.rank > 0 ? 1 / r.rank : 0), 0) / n,
    spanTop3: rows.filter((r) => r.span).length / Math.max(1, withSpan),
    withSpan,
    hit1AnyCopy: rows.filter((r) => r.rank === 1 || r.copy).length / n,
    hit1Reprint: rows.filter((r) => r.rank === 1 || r.reprint).length / n,
  };
}

export function runQuestions(
  search: SearchService,
  questions: EvalQuestion[],
  /** document texts by id, for the hit1AnyCopy and hit1Reprint diagnostics */
  docTexts: Map<string, string> = new Map(),
): EvalReport & { misses: { id: string; question: string; rank: number }[] } {
  const rows: { rank: number; span: boolean | undefined; copy: boolean; reprint: boolean; odd: boolean }[] = [];
  const times: number[] = [];
  const misses: { id: string; question: string; rank: number }[] = [];
  questions.forEach((q, i) => {
    const t0 = performance.now();
    const res = search.search({ query: q.question.slice(0, 500), limit: 10 });
    times.push(performance.now() - t0);
    const rank = res.hits.findIndex((h) => h.docId === q.docId) + 1;
    const qs = q.span;
    const span = qs
      ? rankedPassages(res)
          .slice(0, 3)
          .some((p) => p.docId === q.docId && p.start <= qs[0] && qs[1] <= p.end)
      : undefined;
    const answer = q.answer ?? (qs ? docTexts.get(q.docId)?.slice(qs[0], qs[1]) : undefined);
    const top = res.hits[0] ? docTexts.get(res.hits[0].docId) : undefined;
    const copy = !!answer && !!top && top.includes(answer);
    const gold = docTexts.get(q.docId);
    const reprint = rank !== 1 && !!top && !!gold && reprintSimilarity(gold, top) >= 0.9;
    rows.push({ rank, span, copy, reprint, odd: (i + 1) % 2 === 1 });
    if (rank !== 1) misses.push({ id: q.id, question: q.question, rank });
  });
  times.sort((a, b) => a - b);
  return {
    all: figures(rows),
    odd: figures(rows.filter((r) => r.odd)),
    even: figures(rows.filter((r) => !r.odd)),
    msPerQueryMean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    msPerQueryP95: times[Math.floor(times.length * 0.95)] ?? 0,
    misses,
  };
}

/**
 * Reads evaluation questions. A question without `span` gets the first place its `answer`
 * stands in the document's text (when `docTexts` holds it); one with neither counts for the
 * document figures only.
 */
export function readQuestions(file: string, docTexts?: Map<string, string>): EvalQuestion[] {
  return readJsonl<EvalQuestion>(file, questionLine).map((q) => {
    if (q.span || !q.answer || !docTexts) return q;
    const answer = q.answer.trim();
    const at = answer ? (docTexts.get(q.docId)?.indexOf(answer) ?? -1) : -1;
    return at < 0 ? q : { ...q, span: [at, at + answer.length] as [number, number] };
  });
}
