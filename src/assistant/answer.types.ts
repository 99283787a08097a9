/**
 * The contract between the answer engine (understands one message in its conversation and
 * composes a grounded answer) and the conversation service (sessions, storage, streaming,
 * handoff, audit). Issue #4.
 */

export type ChatOutcome = 'answered' | 'clarify' | 'handoff' | 'refused';

/** A citation: `quote === entryText(docId, version).slice(start, end)`, always. */
export interface Citation {
  docId: string;
  version: number;
  title: string;
  start: number;
  end: number;
  quote: string;
  /** passage label, e.g. '申请材料', '第十二条' */
  label?: string;
}

/**
 * What the engine remembers between turns of one conversation (stored by the conversation
 * service as JSON, opaque to it): the item or document being discussed, the 情形 answers
 * given so far, the pending clarification candidates…
 */
export type ConversationState = Record<string, unknown>;

export interface ConversationTurn {
  role: 'citizen' | 'assistant' | 'agent' | 'system';
  text: string;
}

export interface AnswerRequest {
  message: string;
  /** earlier turns, oldest first (already answered) */
  history: ConversationTurn[];
  state: ConversationState;
  /** answer from the versions in force on this date (YYYY-MM-DD); default today, Asia/Shanghai */
  date?: string;
  /** streaming: called with each piece of answer text as it becomes final */
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
}

export interface AnswerResult {
  outcome: ChatOutcome;
  /** the text shown to the citizen (Chinese) */
  answer: string;
  citations: Citation[];
  /** quick replies: candidate items for `clarify`, follow-up questions, or what it can help with */
  suggestions?: string[];
  /** why: 'emergency:119', 'out_of_scope:shopping', 'sensitive', 'low_confidence', 'asked_for_human', 'no_source' … */
  reason?: string;
  /** 'rules:<rule set>' or 'llm:<model>'; with its version, recorded in the audit trail */
  producer: string;
  producerVersion: string;
  /** the new conversation state to pass with the next message */
  state: ConversationState;
  /** the message with words the sensitive-word policy masks replaced by ＊ (store this one) */
  maskedMessage?: string;
}

export interface AnswerEngine {
  answer(req: AnswerRequest): Promise<AnswerResult>;
}
