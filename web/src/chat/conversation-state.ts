/**
 * The citizen's conversation as the page shows it: the server's messages (ordered by seq, the
 * one truth), plus what is not stored yet — the question just sent and the answer streaming
 * in. A stored copy replaces its local stand-in as soon as it arrives, by whichever way it
 * comes (the answer's follow-up read, the event stream, a reload).
 */
import type { ChatMessage, ChatMode, ChatResponse, Citation, HandoffInfo, MessageRole } from '../api-chat.js';

export interface ShownMessage {
  key: string;
  /** server id: an assistant message is rated with it */
  id?: number;
  role: MessageRole;
  text: string;
  outcome?: ChatMessage['outcome'];
  reason?: string | null;
  citations: Citation[];
  suggestions?: string[] | null;
  createdAt?: string;
  /** the answer is still arriving */
  streaming?: boolean;
  /** a question that did not get through: why */
  failed?: string;
}

export interface ConversationState {
  sessionId?: string;
  mode: ChatMode;
  messages: ChatMessage[];
  /** the previous session's messages when the server started a new one (idle or closed) */
  earlier: ShownMessage[];
  pending: ShownMessage[];
  busy: boolean;
  /** outside office hours: the callback request the citizen may leave */
  offer?: HandoffInfo;
  /** answers already rated in this session: id → useful */
  rated: Record<number, boolean>;
  restoring: boolean;
}

export type ConversationAction =
  | { type: 'restored'; sessionId: string; mode: ChatMode; messages: ChatMessage[]; offer?: HandoffInfo; rated: Record<number, boolean> }
  | { type: 'restore-failed'; sessionId?: string }
  | { type: 'ask'; key: string; text: string }
  | { type: 'delta'; text: string }
  | { type: 'answered'; reply: ChatResponse }
  | { type: 'failed'; message: string }
  | { type: 'session-lost' }
  | { type: 'messages'; sessionId: string; messages: ChatMessage[]; mode?: ChatMode }
  | { type: 'mode'; sessionId: string; mode: ChatMode }
  | { type: 'offer'; offer?: HandoffInfo }
  | { type: 'rated'; id: number; useful: boolean }
  | { type: 'reset' };

export const initialConversation = (restoring: boolean): ConversationState => ({ mode: 'bot', messages: [], earlier: [], pending: [], busy: false, rated: {}, restoring });

export function shown(m: ChatMessage): ShownMessage {
  return { key: `s${m.seq}`, id: m.id, role: m.role, text: m.text, outcome: m.outcome, reason: m.reason, citations: m.citations, suggestions: m.suggestions, createdAt: m.createdAt };
}

function merge(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(current.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Drops the local stand-ins of messages the server now has. */
function settle(pending: ShownMessage[], incoming: ChatMessage[]): ShownMessage[] {
  const ids = new Set(incoming.map((m) => m.id));
  const questions = incoming.filter((m) => m.role === 'citizen').map((m) => m.text.trim());
  return pending.filter((p) => {
    if (p.id !== undefined && ids.has(p.id)) return false;
    if (p.role === 'citizen' && !p.failed) {
      const i = questions.indexOf(p.text.trim());
      if (i >= 0) {
        questions.splice(i, 1);
        return false;
      }
    }
    return true;
  });
}

export function lastSeq(state: ConversationState): number {
  return state.messages.length ? state.messages[state.messages.length - 1]!.seq : 0;
}

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'restored':
      return { ...state, restoring: false, sessionId: action.sessionId, mode: action.mode, messages: action.messages, offer: action.offer, rated: action.rated };
    case 'restore-failed':
      return { ...state, restoring: false, sessionId: action.sessionId };
    case 'ask':
      return {
        ...state,
        busy: true,
        pending: [
          ...state.pending.filter((p) => !p.failed),
          { key: `q${action.key}`, role: 'citizen', text: action.text, citations: [] },
          { key: `a${action.key}`, role: 'assistant', text: '', citations: [], streaming: true },
        ],
      };
    case 'delta':
      return { ...state, pending: state.pending.map((p) => (p.streaming ? { ...p, text: p.text + action.text } : p)) };
    case 'answered': {
      const { reply } = action;
      const replaced = state.sessionId !== undefined && state.sessionId !== reply.sessionId;
      const pending = state.pending.flatMap((p): ShownMessage[] => {
        if (!p.streaming) return [p];
        // relayed to a person: there is no assistant answer, the agent replies later
        if (reply.relayed) return [];
        return [{ ...p, streaming: false, id: reply.messageId, text: reply.answer, outcome: reply.outcome, reason: reply.reason ?? null, citations: reply.citations, suggestions: reply.suggestions ?? null }];
      });
      return {
        ...state,
        busy: false,
        sessionId: reply.sessionId,
        mode: reply.mode,
        messages: replaced ? [] : state.messages,
        earlier: replaced ? [...state.earlier, ...state.messages.map(shown)] : state.earlier,
        rated: replaced ? {} : state.rated,
        offer: reply.handoff && !reply.handoff.available ? reply.handoff : replaced ? undefined : state.offer,
        pending,
      };
    }
    case 'failed':
      return {
        ...state,
        busy: false,
        pending: state.pending.filter((p) => !p.streaming).map((p, i, all) => (i === all.length - 1 && p.role === 'citizen' ? { ...p, failed: action.message } : p)),
      };
    case 'session-lost':
      return {
        ...state,
        sessionId: undefined,
        mode: 'bot',
        messages: [],
        earlier: [...state.earlier, ...state.messages.map(shown)],
        offer: undefined,
        rated: {},
        pending: state.pending.map((p) => (p.streaming ? { ...p, text: '' } : p)),
      };
    case 'messages':
      if (action.sessionId !== state.sessionId) return state;
      return { ...state, messages: merge(state.messages, action.messages), pending: settle(state.pending, action.messages), mode: action.mode ?? state.mode };
    case 'mode':
      return action.sessionId === state.sessionId ? { ...state, mode: action.mode } : state;
    case 'offer':
      return { ...state, offer: action.offer };
    case 'rated':
      return { ...state, rated: { ...state.rated, [action.id]: action.useful } };
    case 'reset':
      return initialConversation(false);
  }
}
