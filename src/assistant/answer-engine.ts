/**
 * The answer engine (issue #4): one citizen message in its conversation → a grounded answer
 * with exact citations, a clarifying question, a handoff or a polite refusal.
 *
 *  1. guard (message-guard.ts): emergency numbers at once; a person when asked for; the
 *     sensitive-word policy; out-of-scope refusals; greetings;
 *  2. the conversation: a pending clarification is resolved by number or title; a message
 *     about the item under discussion (a 情形 such as "我是外地户口呢？", or a bare follow-up
 *     such as "那要多久？") keeps the topic; anything else is a new question;
 *  3. search: service items and FAQs are answered from their fields (item-answer.ts),
 *     policies and laws with the sentences that answer (policy-answer.ts); nearly tied items
 *     → clarify; nothing relevant → no source (a handoff when it looks like a government
 *     question, a refusal otherwise). Never an answer without a citation;
 *  4. optionally an LLM rephrases the extractive answer from the cited passages only, and
 *     every sentence it returns must pass the support check (llm-answer.ts).
 *
 * Emergencies answer with outcome 'answered' and reason 'emergency:<number>' without
 * citations: the number is a fixed safety rule, not knowledge, and it must not wait for a
 * person (a handoff would queue it).
 */
import { z } from 'zod';
import type { Env } from '../config/env.js';
import type { EntryKind, EntryVersion } from '../knowledge/knowledge.schema.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import { todayInShanghai } from '../knowledge/validity.js';
import { detectFieldIntent, type FieldIntent, type IntentField } from '../search/field-intent.js';
import { stripQuestionWords } from '../search/text-analysis.js';
import type { SearchHit } from '../search/search.schema.js';
import type { SearchService } from '../search/search.service.js';
import { DEFAULT_SYNONYMS } from '../text/default-synonyms.js';
import { isCjk, normalizeText } from '../text/normalize.js';
import { cutWords } from '../text/segmenter.js';
import { SynonymDictionary } from '../text/synonyms.js';
import type { AnswerEngine, AnswerRequest, AnswerResult, Citation, ConversationState } from './answer.types.js';
import { applySituations, matchSituations, pickCandidate, topicResidue } from './follow-up.js';
import { answerItem, itemBody, type ComposedAnswer, type ItemField, type SituationChoices } from './item-answer.js';
import { createLlmClient, type LlmClient } from './llm-client.js';
import { rephraseWithLlm } from './llm-answer.js';
import { hasGovSignal, MessageGuard, type GuardVerdict } from './message-guard.js';
import { answerFromFaq, answerFromItemFaq, composePolicyAnswer, extractFromPolicy, type PolicyExtract } from './policy-answer.js';
import { queryUnits } from './sentence-select.js';
import { SensitiveWordPolicy } from './sensitive-words.js';
import * as replies from './replies.js';

export const RULES_PRODUCER = 'rules:xiaozheng-extractive';
export const RULES_VERSION = '1.0.0';

export interface AnswerEngineDeps {
  knowledge: Pick<KnowledgeService, 'get'>;
  search: Pick<SearchService, 'search'>;
  env: Pick<Env, 'llm' | 'sensitiveWordsFile'>;
  now?: () => Date;
  /** the sensitive-word policy; default: read env.sensitiveWordsFile */
  sensitive?: SensitiveWordPolicy;
  /** the LLM client; default: built from env.llm when set */
  llm?: LlmClient | null;
}

const topicSchema = z.object({ docId: z.string(), kind: z.enum(['item', 'policy', 'law', 'faq']), title: z.string() });
const stateSchema = z.object({
  topic: topicSchema.optional(),
  choices: z.record(z.string(), z.number().int()).optional(),
  fields: z.array(z.string()).optional(),
  pending: z.object({ candidates: z.array(z.object({ docId: z.string(), title: z.string() })), fields: z.array(z.string()), query: z.string() }).optional(),
});
type EngineState = z.infer<typeof stateSchema>;
type Topic = z.infer<typeof topicSchema>;

/** Tuning of the decisions (measured with `eval chat` on the odd questions). */
export const ENGINE_TUNING = {
  /** another item within this margin of the best (re-ranked score, see rerankItemHits) makes the question ambiguous */
  clarifyMargin: 0.12,
  /** item and FAQ hits within this share of the top hit are re-ranked */
  rerankWindow: 0.5,
  /** a FAQ answers when this share of its question's bigrams (question words blanked) is in the message */
  faqMatch: 0.7,
  /** longest policy answer body (selected sentences) */
  policyBody: 280,
  /** a second policy or law scoring at least this share of the first is cited too */
  secondDocRatio: 0.8,
  /** its sentences, when they differ from the first document's */
  secondBody: 100,
  /** a policy or law on top gives way to items and FAQs scoring at least this share of it */
  itemOverPolicy: 0.9,
  /** share of the question's units an entry must hold to count as an answer source */
  minRelevance: 0.35,
  /** share of the question's other units the evidence must hold for an unknown word not to veto the answer */
  groundedRest: 0.5,
  /** candidates offered when clarifying */
  maxCandidates: 4,
};

const ITEM_FIELDS: readonly ItemField[] = ['materials', 'conditions', 'timeLimit', 'fees', 'places', 'online', 'contact', 'process', 'legalBasis', 'result', 'overview'];

function parseState(raw: ConversationState): EngineState {
  const r = stateSchema.safeParse(raw ?? {});
  return r.success ? r.data : {};
}

function asFields(xs: string[] | undefined): ItemField[] {
  return (xs ?? []).filter((x): x is ItemField => (ITEM_FIELDS as readonly string[]).includes(x));
}

/**
 * Words of any service question: they say nothing about which matter is asked about, so
 * they do not count as evidence that an entry is about it ("办理游艇驾驶执照需要什么材料" must
 * not find a source in an entry that merely mentions 办理 and 材料).
 */
const GENERIC = /办理|申请|申领|需要|材料|手续|资料|证件|怎么|怎样|如何|什么|哪些|哪里|可以|能不能|能否|了解|一下|请问|咨询|问问|关于|相关|有关|情况|问题|事项|业务|流程|要求|我想|我要|我们|你们|一般|具体/gu;

const SYNONYMS = new SynonymDictionary(DEFAULT_SYNONYMS.map(([alias, canonical]) => ({ alias, canonical })));

/**
 * Share of the question's units (bigrams and numbers; question words, field cues and
 * generic service words blanked) that the text holds. A colloquial alias counts as held when
 * the text holds its official term (社保卡 → 社会保障卡, built-in synonyms).
 */
export function relevance(query: string, intent: FieldIntent | null, text: string): number {
  let q = normalizeText(query);
  if (intent) {
    const chars = q.split('');
    for (const c of intent.cues) for (let i = c.start; i < c.end; i++) chars[i] = ' ';
    q = chars.join('');
  }
  q = q.replace(GENERIC, (m) => ' '.repeat(m.length));
  const norm = normalizeText(text);
  // bare numbers ("16" of "iPhone 16") occur everywhere; years and longer numbers still count
  const units = queryUnits(q).filter((u) => !/^\d{1,3}$/.test(u));
  if (!units.length) return 0;
  const held = new Set(units.filter((u) => norm.includes(u)));
  for (const e of SYNONYMS.expand(q)) if (norm.includes(e.canonical)) for (const u of queryUnits(e.alias)) held.add(u);
  return units.filter((u) => held.has(u)).length / units.length;
}

/** Words (jieba, two or more Chinese characters) of the question beyond field cues and generic service words. */
export function contentWords(message: string, intent: FieldIntent | null): string[] {
  let q = normalizeText(message);
  if (intent) {
    const chars = q.split('');
    for (const c of intent.cues) for (let i = c.start; i < c.end; i++) chars[i] = ' ';
    q = chars.join('');
  }
  q = stripQuestionWords(q).replace(GENERIC, (m) => ' '.repeat(m.length));
  return [...new Set(cutWords(q).map((w) => w.trim()).filter((w) => w.length >= 2 && [...w].every((ch) => isCjk(ch.charCodeAt(0)))))];
}

/** A policy's title and the passages search found in it: the evidence an answer would rest on. */
function passageText(entry: EntryVersion, hit: SearchHit): string {
  return [entry.title, ...[hit.passage, ...(hit.morePassages ?? [])].map((p) => entry.text.slice(p.start, p.end))].join('\n');
}

/** What a service item is about: its name, summary and FAQ questions (not every field's wording). */
export function itemAboutText(entry: EntryVersion): string {
  return entry.passages
    .filter((p) => p.label === 'name' || p.label === 'summary' || p.label.startsWith('faq:'))
    .map((p) => entry.text.slice(p.start, p.end))
    .join('\n');
}

export class XiaozhengAnswerEngine implements AnswerEngine {
  private readonly guard: MessageGuard;
  private readonly llm: LlmClient | null;

  constructor(private readonly deps: AnswerEngineDeps) {
    this.guard = new MessageGuard(deps.sensitive ?? SensitiveWordPolicy.fromFile(deps.env.sensitiveWordsFile));
    this.llm = deps.llm !== undefined ? deps.llm : deps.env.llm ? createLlmClient(deps.env.llm) : null;
  }

  async answer(req: AnswerRequest): Promise<AnswerResult> {
    const date = req.date ?? todayInShanghai(this.deps.now?.() ?? new Date());
    const state = parseState(req.state);
    const verdict = this.guard.check(req.message);
    const result = verdict.kind === 'pass' ? await this.answerQuestion(verdict.message, state, date, req) : this.guarded(verdict, state);
    if (verdict.kind === 'pass' && verdict.masked.length) result.maskedMessage = verdict.message;
    if (result.producer === RULES_PRODUCER) emit(req, result.answer);
    return result;
  }

  private guarded(v: Exclude<GuardVerdict, { kind: 'pass' }>, state: EngineState): AnswerResult {
    const base = { citations: [], producer: RULES_PRODUCER, producerVersion: RULES_VERSION, state: state as ConversationState };
    switch (v.kind) {
      case 'emergency':
        return { ...base, outcome: 'answered', answer: replies.emergency(v.numbers), reason: `emergency:${v.numbers.join(',')}` };
      case 'human':
        return { ...base, outcome: 'handoff', answer: replies.HANDOFF, reason: 'asked_for_human' };
      case 'complaint':
        return { ...base, outcome: 'handoff', answer: replies.COMPLAINT_HANDOFF, reason: 'complaint' };
      case 'sensitive':
        return v.action === 'handoff'
          ? { ...base, outcome: 'handoff', answer: replies.SENSITIVE_HANDOFF, reason: 'sensitive:handoff' }
          : { ...base, outcome: 'refused', answer: replies.SENSITIVE_REFUSE, reason: 'sensitive:refuse', suggestions: replies.CAPABILITY_SUGGESTIONS };
      case 'out_of_scope':
        return { ...base, outcome: 'refused', answer: replies.outOfScope(v.category), reason: `out_of_scope:${v.category}`, suggestions: replies.CAPABILITY_SUGGESTIONS };
      case 'greeting':
        return { ...base, outcome: 'answered', answer: replies.greeting(v.greeting), reason: `greeting:${v.greeting}`, suggestions: v.greeting === 'bye' ? undefined : replies.CAPABILITY_SUGGESTIONS };
    }
  }

  private async answerQuestion(message: string, state: EngineState, date: string, req: AnswerRequest): Promise<AnswerResult> {
    const intent = detectFieldIntent(message);
    const fields = intent.fields as ItemField[];

    if (state.pending) {
      const i = pickCandidate(message, state.pending.candidates.map((c) => c.title));
      if (i >= 0) {
        const c = state.pending.candidates[i]!;
        const entry = await this.deps.knowledge.get(c.docId, { date });
        const asked = fields.length ? fields : asFields(state.pending.fields);
        return this.itemResult(entry, asked, {}, state.pending.query, req);
      }
    }

    if (state.topic?.kind === 'item') {
      const followed = await this.followUp(message, intent, state, date, req);
      if (followed) return followed;
    }

    const query = state.topic && state.topic.kind !== 'item' && topicResidue(message, intent).length <= 1 ? `${state.topic.title} ${message}` : message;
    const res = this.deps.search.search({ query, limit: 8, filters: { date } });
    const top = res.hits[0];
    if (!top) return this.noSource(message, state);
    const itemLike = res.hits.filter((h) => h.kind === 'item' || h.kind === 'faq');
    if (top.kind === 'item' || top.kind === 'faq' || (itemLike[0] && itemLike[0].score >= ENGINE_TUNING.itemOverPolicy * top.score)) {
      return this.fromItemHits(message, intent, itemLike, state, date, req);
    }
    return this.fromPolicyHit(query, res.hits, state, date, req);
  }

  /** A message about the item under discussion, or null when it starts a new topic. */
  private async followUp(message: string, intent: FieldIntent, state: EngineState, date: string, req: AnswerRequest): Promise<AnswerResult | null> {
    const topic = state.topic!;
    const entry = await this.deps.knowledge.get(topic.docId, { date }).catch(() => null);
    if (!entry || entry.kind !== 'item') return null;
    const item = itemBody(entry);
    const situations = matchSituations(item, message);
    const residue = topicResidue(message, intent);
    const fields = intent.fields as ItemField[];
    const bare = residue.length <= 1;
    let sameTopic = bare && (fields.length > 0 || situations.length > 0);
    if (!sameTopic && (fields.length > 0 || situations.length > 0)) {
      // words remain: they may name another item ("那社保卡呢？") or just describe the situation
      const res = this.deps.search.search({ query: message, limit: 3, kinds: ['item', 'faq'], filters: { date } });
      const other = res.hits[0];
      const names = other && other.docId !== topic.docId && relevance(message, intent, other.title) >= 0.5;
      sameTopic = !names && (situations.length > 0 || !other || other.docId === topic.docId || relevance(message, intent, entry.text) >= relevance(message, intent, other.title));
    }
    if (!sameTopic) return null;
    const choices = applySituations(state.choices ?? {}, situations);
    const asked: ItemField[] = fields.length ? fields : situations.length ? ['materials'] : asFields(state.fields);
    return this.itemResult(entry, asked, choices, message, req);
  }

  private async fromItemHits(message: string, intent: FieldIntent, hits: SearchHit[], state: EngineState, date: string, req: AnswerRequest): Promise<AnswerResult> {
    const fields = intent.fields as ItemField[];
    const ranked = rerankItemHits(message, hits);
    // a FAQ answers when it asks what the citizen asks: its question's words are in the message and it
    // is about the field asked ("营业执照在哪里办" is not answered by "办营业执照要多久？要钱吗？")
    for (const r of ranked.slice(0, 3)) {
      if (r.hit.kind !== 'faq') break;
      const entry = await this.deps.knowledge.get(r.hit.docId, { version: r.hit.version });
      if (!faqFits(message, fields, entry)) continue;
      const faq = answerFromFaq(entry);
      if (!faq || relevance(message, intent, entry.text) < ENGINE_TUNING.minRelevance) continue;
      const related = typeof entry.body.relatedId === 'string' ? await this.deps.knowledge.get(entry.body.relatedId, { date }).catch(() => null) : null;
      const topic: Topic = related?.kind === 'item' ? { docId: related.id, kind: 'item', title: related.title } : { docId: entry.id, kind: 'faq', title: entry.title };
      return this.finish(faq, { topic, fields }, message, req);
    }
    const items = ranked.filter((r) => r.hit.kind === 'item');
    const first = items[0];
    if (!first) return this.noSource(message, state);
    const named = items.find((r) => normalizeText(message).includes(normalizeText(r.hit.title).replace(/（.*$/u, '')));
    const chosen = named ?? first;
    const target = await this.deps.knowledge.get(chosen.hit.docId, { version: chosen.hit.version });
    const about = itemAboutText(target);
    if (!this.grounded(message, intent, about, about, date)) return this.noSource(message, state);
    // nearly tied items, none named in the question → ask which one
    const close = items.filter((r) => r.score >= first.score - ENGINE_TUNING.clarifyMargin);
    if (!named && close.length >= 2) return this.clarify(close.slice(0, ENGINE_TUNING.maxCandidates).map((r) => r.hit), fields, message, state);
    const item = itemBody(target);
    const situations = matchSituations(item, message);
    // asked without a field: the item's own FAQ when its question is the citizen's
    const faqLabel = chosen.hit.passage.label;
    if (!fields.length && !situations.length && faqLabel.startsWith('faq:')) {
      const pair = item.faq[Number(faqLabel.slice(4))];
      if (pair && coveredBy(pair.question, message) >= ENGINE_TUNING.faqMatch) {
        const faq = answerFromItemFaq(target, faqLabel);
        if (faq) return this.finish(faq, { topic: { docId: target.id, kind: 'item', title: target.title }, fields: [] }, message, req);
      }
    }
    const asked: ItemField[] = fields.length ? fields : situations.length ? ['materials'] : ['overview'];
    return this.itemResult(target, asked, applySituations({}, situations), message, req);
  }

  private async itemResult(entry: EntryVersion, fields: ItemField[], choices: SituationChoices, question: string, req: AnswerRequest): Promise<AnswerResult> {
    const composed = answerItem(entry, fields, choices);
    return this.finish(composed, { topic: { docId: entry.id, kind: 'item', title: entry.title }, choices, fields }, question, req);
  }

  private async fromPolicyHit(query: string, hits: SearchHit[], state: EngineState, date: string, req: AnswerRequest): Promise<AnswerResult> {
    const top = hits[0]!;
    const entry = await this.deps.knowledge.get(top.docId, { version: top.version });
    if (!this.grounded(query, null, entry.text, passageText(entry, top), date)) return this.noSource(query, state);
    const first = extractFromPolicy(query, entry, [top.passage, ...(top.morePassages ?? [])], ENGINE_TUNING.policyBody);
    if (!first) return this.noSource(query, state);
    let second: PolicyExtract | null = null;
    const next = hits[1];
    if (next && (next.kind === 'policy' || next.kind === 'law') && next.score >= ENGINE_TUNING.secondDocRatio * top.score) {
      const other = await this.deps.knowledge.get(next.docId, { version: next.version });
      if (relevance(query, null, other.text) >= ENGINE_TUNING.minRelevance) {
        second = extractFromPolicy(query, other, [next.passage, ...(next.morePassages ?? [])], ENGINE_TUNING.secondBody);
      }
    }
    const composed = composePolicyAnswer(first, second);
    return this.finish(composed, { topic: { docId: entry.id, kind: entry.kind as EntryKind, title: entry.title } }, query, req);
  }

  /**
   * Whether the source answers the question: it holds enough of the question's units
   * (`source`), and the words the knowledge base never saw leave the answer standing.
   * "游艇驾驶执照" shares 驾驶执照 with an entry on 机动车驾驶证, but no entry mentions 游艇 and
   * 游艇 qualifies the very thing asked about, so nothing can answer it. An unknown word that
   * only tells the circumstances ("坐高铁去换身份证要多久": 高铁, then 去) does not veto an
   * answer when the rest of the question is well grounded in the source.
   */
  private grounded(message: string, intent: FieldIntent | null, source: string, evidence: string, date: string): boolean {
    const norm = normalizeText(evidence);
    const unknown = contentWords(message, intent)
      .filter((w) => !norm.includes(w))
      .slice(0, 4)
      .filter((w) => this.deps.search.search({ query: w, limit: 1, filters: { date } }).total === 0);
    if (!unknown.length) return relevance(message, intent, source) >= ENGINE_TUNING.minRelevance;
    const q = normalizeText(message);
    const words = cutWords(q).map((w) => w.trim()).filter(Boolean);
    if (unknown.some((w) => qualifiesEvidence(words, w, norm))) return false;
    let rest = q;
    for (const w of unknown) rest = rest.split(w).join(' '.repeat(w.length));
    return relevance(rest, intent, source) >= ENGINE_TUNING.groundedRest;
  }

  private clarify(candidates: SearchHit[], fields: ItemField[], message: string, state: EngineState): AnswerResult {
    const list = candidates.map((c) => ({ docId: c.docId, title: c.title }));
    return {
      outcome: 'clarify',
      answer: replies.clarify(list.map((c) => c.title)),
      citations: [],
      suggestions: list.map((c) => c.title),
      reason: 'low_confidence',
      producer: RULES_PRODUCER,
      producerVersion: RULES_VERSION,
      state: { ...stripPending(state), pending: { candidates: list, fields, query: message } } as ConversationState,
    };
  }

  private noSource(message: string, state: EngineState): AnswerResult {
    const gov = hasGovSignal(message);
    return {
      outcome: gov ? 'handoff' : 'refused',
      answer: gov ? replies.NO_SOURCE_HANDOFF : replies.outOfScope('unknown'),
      citations: [],
      reason: gov ? 'no_source' : 'out_of_scope:unknown',
      suggestions: gov ? undefined : replies.CAPABILITY_SUGGESTIONS,
      producer: RULES_PRODUCER,
      producerVersion: RULES_VERSION,
      state: stripPending(state) as ConversationState,
    };
  }

  /** The extractive answer, or the LLM's phrasing of it when one is configured and passes the check. */
  private async finish(composed: ComposedAnswer, next: EngineState, question: string, req: AnswerRequest): Promise<AnswerResult> {
    const base = {
      outcome: 'answered' as const,
      citations: composed.citations,
      suggestions: composed.suggestions,
      state: next as ConversationState,
    };
    if (this.llm && composed.citations.length) {
      const llm = await rephraseWithLlm(this.llm, { question, extractive: composed.text, citations: composed.citations, history: req.history, onDelta: req.onDelta, signal: req.signal });
      if (llm) return { ...base, answer: llm.text, producer: `llm:${this.llm.model}`, producerVersion: llm.version };
    }
    return { ...base, answer: composed.text, producer: RULES_PRODUCER, producerVersion: RULES_VERSION };
  }
}

function flatBigrams(text: string): Set<string> {
  const s = normalizeText(text).replace(/[\s\p{P}\p{S}]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Bigram Dice similarity of two short texts (a message and a title or FAQ question). */
export function dice(a: string, b: string): number {
  const x = flatBigrams(a);
  const y = flatBigrams(b);
  if (!x.size || !y.size) return 0;
  let n = 0;
  for (const g of x) if (y.has(g)) n++;
  return (2 * n) / (x.size + y.size);
}

/**
 * Item and FAQ hits near the top, re-ranked by search score (relative to the top) plus the
 * similarity of the message to the hit's title — for a FAQ its question. Search ranks
 * passages; a FAQ whose question is the citizen's question is the better answer even when
 * another FAQ's alternatives share more words.
 */
export function rerankItemHits(message: string, hits: SearchHit[]): { hit: SearchHit; score: number }[] {
  const top = hits[0]?.score ?? 0;
  return hits
    .filter((h) => h.score >= ENGINE_TUNING.rerankWindow * top)
    .map((hit) => ({ hit, score: hit.score / (top || 1) + dice(message, hit.title) }))
    .sort((a, b) => b.score - a.score);
}

/** Share of the bigrams of `question` (question words blanked) that `message` holds. */
export function coveredBy(question: string, message: string): number {
  const q = stripQuestionWords(normalizeText(question));
  const m = normalizeText(message);
  const grams: string[] = [];
  for (let i = 0; i + 1 < q.length; i++) if (isCjk(q.charCodeAt(i)) && isCjk(q.charCodeAt(i + 1))) grams.push(q.slice(i, i + 2));
  return grams.length ? grams.filter((g) => m.includes(g)).length / grams.length : 0;
}

function faqFits(message: string, fields: ItemField[], faq: EntryVersion): boolean {
  const alternatives = Array.isArray(faq.body.alternatives) ? faq.body.alternatives.filter((a): a is string => typeof a === 'string') : [];
  const questions = [faq.title, ...alternatives];
  return questions.some((q) => coveredBy(q, message) >= ENGINE_TUNING.faqMatch && (!fields.length || fields.every((f) => detectFieldIntent(q).fields.includes(f as IntentField))));
}

/**
 * Whether an unknown word of the question qualifies what the evidence is about: the word
 * right after it (after 的, if any) is a word of two or more characters that the evidence
 * holds — "游艇驾驶执照", "游艇的驾驶执照" — rather than a verb or particle ("坐高铁去换身份证").
 */
function qualifiesEvidence(words: string[], word: string, evidence: string): boolean {
  for (let i = words.indexOf(word); i >= 0; i = words.indexOf(word, i + 1)) {
    const next = words[i + 1] === '的' ? words[i + 2] : words[i + 1];
    if (next && next.length >= 2 && [...next].every((ch) => isCjk(ch.charCodeAt(0))) && evidence.includes(next.slice(0, 2))) return true;
  }
  return false;
}

function stripPending(state: EngineState): EngineState {
  const { pending: _pending, ...rest } = state;
  return rest;
}

/** Extractive answers are final at once: streamed line by line. */
function emit(req: AnswerRequest, text: string): void {
  if (!req.onDelta) return;
  const lines = text.split('\n');
  lines.forEach((l, i) => req.onDelta!(i < lines.length - 1 ? `${l}\n` : l));
}

export function createAnswerEngine(deps: AnswerEngineDeps): AnswerEngine {
  return new XiaozhengAnswerEngine(deps);
}

export type { Citation };
