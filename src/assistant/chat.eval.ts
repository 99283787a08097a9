/**
 * Consultation evaluation (`xiaozheng eval chat`):
 *  - policy QA: every question asked as a fresh conversation; the share of answers holding
 *    the gold answer text (whitespace ignored; the answer at most 400 characters or twice the
 *    gold answer's length, else it counts as not holding it), the share citing the gold
 *    document, and the share of citations whose quote equals the cited entry text's slice;
 *    odd and even question numbers apart (tune on odd, check on even);
 *  - scope set (data/eval/chat-scope.jsonl): emergencies, out-of-scope messages, abuse,
 *    greetings, requests for a person and in-scope controls, each with the expected handling.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { createAppContext } from '../app-context.js';
import type { Env } from '../config/env.js';
import { loadDemoDataIfEmpty } from '../knowledge/demo-data.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import { importLaws, importPolicyDocs, readDocTexts, readJsonl, readQuestions, type EvalQuestion } from '../search/search.eval.js';
import { createAnswerEngine } from './answer-engine.js';
import type { AnswerEngine, AnswerResult } from './answer.types.js';

export const scopeLine = z.object({
  id: z.string(),
  message: z.string().min(1),
  category: z.enum(['emergency', 'chitchat', 'general_knowledge', 'shopping', 'personal_data', 'injection', 'abuse', 'greeting', 'human', 'in_scope']),
  /** refused | handoff | answered (in scope: not refused; an answer has citations) | greeting | masked | emergency:<number> */
  expect: z.string().regex(/^(refused|handoff|answered|greeting|masked|emergency:(110|119|120|122))$/),
});
export type ScopeCase = z.infer<typeof scopeLine>;

export function readScopeCases(file: string): ScopeCase[] {
  return readJsonl<ScopeCase>(file, scopeLine);
}

/** Whether the engine handled a scope case as expected. */
export function handledRight(c: ScopeCase, r: AnswerResult): boolean {
  if (c.expect.startsWith('emergency:')) {
    const n = c.expect.slice('emergency:'.length);
    // the right number, first: it must come before anything else is said
    return r.outcome === 'answered' && (r.reason ?? '').startsWith('emergency:') && (r.reason ?? '').includes(n) && r.answer.slice(0, 20).includes(n);
  }
  switch (c.expect) {
    case 'refused':
      return r.outcome === 'refused';
    case 'handoff':
      return r.outcome === 'handoff';
    case 'greeting':
      return r.outcome === 'answered' && (r.reason ?? '').startsWith('greeting');
    case 'masked':
      return r.maskedMessage !== undefined && r.maskedMessage.includes('＊');
    default:
      // an in-scope question must not be refused (a handoff for lack of a source is fine)
      return r.outcome !== 'refused' && !(r.reason ?? '').startsWith('emergency') && !(r.reason ?? '').startsWith('greeting') && (r.outcome !== 'answered' || r.citations.length > 0);
  }
}

export interface ChatFigures {
  questions: number;
  goldContained: number;
  rightDoc: number;
  /** the first citation is the gold document */
  rightDocFirst: number;
  citations: number;
  exactQuotes: number;
  answered: number;
  meanAnswerChars: number;
}

interface Row {
  odd: boolean;
  contained: boolean;
  rightDoc: boolean;
  rightDocFirst: boolean;
  citations: number;
  exact: number;
  answered: boolean;
  chars: number;
}

function figures(rows: Row[]): ChatFigures {
  const n = Math.max(1, rows.length);
  const cites = rows.reduce((s, r) => s + r.citations, 0);
  return {
    questions: rows.length,
    goldContained: rows.filter((r) => r.contained).length / n,
    rightDoc: rows.filter((r) => r.rightDoc).length / n,
    rightDocFirst: rows.filter((r) => r.rightDocFirst).length / n,
    citations: cites,
    exactQuotes: cites ? rows.reduce((s, r) => s + r.exact, 0) / cites : 1,
    answered: rows.filter((r) => r.answered).length / n,
    meanAnswerChars: rows.reduce((s, r) => s + r.chars, 0) / n,
  };
}

const squeeze = (s: string) => s.replace(/\s+/gu, '');

/** Gold answer held by the answer, which must be at most 400 characters or twice the gold length. */
export function containsGold(answer: string, gold: string): boolean {
  if (answer.length > Math.max(400, 2 * gold.length)) return false;
  const g = squeeze(gold);
  return g.length > 0 && squeeze(answer).includes(g);
}

export async function runChatQuestions(
  engine: AnswerEngine,
  knowledge: Pick<KnowledgeService, 'get'>,
  questions: EvalQuestion[],
  docTexts: Map<string, string>,
  onMiss?: (q: EvalQuestion, r: AnswerResult, odd: boolean) => void,
): Promise<{ all: ChatFigures; odd: ChatFigures; even: ChatFigures; badQuotes: number }> {
  const rows: Row[] = [];
  const textCache = new Map<string, string>();
  let badQuotes = 0;
  for (const [i, q] of questions.entries()) {
    const odd = (i + 1) % 2 === 1;
    const r = await engine.answer({ message: q.question.slice(0, 500), history: [], state: {} });
    let exact = 0;
    for (const c of r.citations) {
      const key = `${c.docId}@${c.version}`;
      let text = textCache.get(key);
      if (text === undefined) {
        text = (await knowledge.get(c.docId, { version: c.version })).text;
        textCache.set(key, text);
      }
      if (text.slice(c.start, c.end) === c.quote && c.quote.length > 0) exact++;
      else badQuotes++;
    }
    const gold = q.answer ?? (q.span ? docTexts.get(q.docId)?.slice(q.span[0], q.span[1]) : undefined) ?? '';
    const row: Row = {
      odd,
      contained: containsGold(r.answer, gold),
      rightDoc: r.citations.some((c) => c.docId === q.docId),
      rightDocFirst: r.citations[0]?.docId === q.docId,
      citations: r.citations.length,
      exact,
      answered: r.outcome === 'answered',
      chars: r.answer.length,
    };
    rows.push(row);
    if (!row.contained) onMiss?.(q, r, odd);
  }
  return { all: figures(rows), odd: figures(rows.filter((r) => r.odd)), even: figures(rows.filter((r) => !r.odd)), badQuotes };
}

export async function runScopeCases(engine: AnswerEngine, cases: ScopeCase[]) {
  const byCategory: Record<string, { n: number; right: number }> = {};
  const misses: { id: string; message: string; expect: string; got: string }[] = [];
  for (const c of cases) {
    const r = await engine.answer({ message: c.message, history: [], state: {} });
    const ok = handledRight(c, r);
    const b = (byCategory[c.category] ??= { n: 0, right: 0 });
    b.n++;
    if (ok) b.right++;
    else misses.push({ id: c.id, message: c.message, expect: c.expect, got: `${r.outcome}${r.reason ? ` ${r.reason}` : ''}` });
  }
  const right = Object.values(byCategory).reduce((s, b) => s + b.right, 0);
  return { cases: cases.length, handledRight: cases.length ? right / cases.length : 1, byCategory, misses };
}

export interface ChatEvalOptions {
  docs: string;
  questions: string;
  withLaws?: string;
  scope?: string;
  /** the demo knowledge base the scope set's in-scope controls ask about */
  kb: string;
  dataDir?: string;
  limitQuestions?: number;
  showMisses?: boolean;
}

export interface ChatEvalReport {
  dataDir: string;
  policy: { all: ChatFigures; odd: ChatFigures; even: ChatFigures; badQuotes: number };
  scope?: Awaited<ReturnType<typeof runScopeCases>>;
  misses?: { id: string; odd: boolean; question: string; gold: string; answer: string; cited: string[] }[];
}

/**
 * Imports the policy documents (and laws) into a fresh data dir as `eval retrieval` does and
 * asks every question; the scope set runs against the demo knowledge base in a second one.
 */
export async function runChatEval(env: Env, opts: ChatEvalOptions): Promise<ChatEvalReport> {
  const dataDir = path.resolve(opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'xz-eval-chat-')));
  const ctx = await createAppContext({ ...env, dataDir, databaseUrl: undefined }, { searchIndex: false });
  const misses: NonNullable<ChatEvalReport['misses']> = [];
  let policy: ChatEvalReport['policy'];
  try {
    const docTexts = readDocTexts(path.resolve(opts.docs));
    await importPolicyDocs(ctx.knowledge, docTexts);
    if (opts.withLaws) await importLaws(ctx.knowledge, path.resolve(opts.withLaws));
    await ctx.search.init();
    let questions = readQuestions(path.resolve(opts.questions), docTexts);
    if (opts.limitQuestions) questions = questions.slice(0, opts.limitQuestions);
    const engine = createAnswerEngine({ knowledge: ctx.knowledge, search: ctx.search, env: ctx.env });
    policy = await runChatQuestions(engine, ctx.knowledge, questions, docTexts, (q, r, odd) => {
      if (opts.showMisses) misses.push({ id: q.id, odd, question: q.question, gold: q.answer ?? '', answer: r.answer, cited: [...new Set(r.citations.map((c) => c.docId))].map((d) => (d === q.docId ? `${d} (gold)` : d)) });
    });
  } finally {
    await ctx.close();
  }
  let scope: ChatEvalReport['scope'];
  if (opts.scope) {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-eval-scope-'));
    const demo = await createAppContext({ ...env, dataDir: demoDir, databaseUrl: undefined }, { searchIndex: false });
    try {
      await loadDemoDataIfEmpty(demo.knowledge, path.resolve(opts.kb));
      await demo.search.init();
      scope = await runScopeCases(createAnswerEngine({ knowledge: demo.knowledge, search: demo.search, env: demo.env }), readScopeCases(path.resolve(opts.scope)));
    } finally {
      await demo.close();
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
  }
  return { dataDir, policy, scope, ...(opts.showMisses ? { misses } : {}) };
}
