/**
 * The citizen's conversation: asking (streamed), following a handed-off session live, the
 * callback request, ratings, and the session kept in sessionStorage so a reload continues it.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError } from '../api.js';
import * as api from '../api-chat.js';
import type { CallbackRequestInput } from '../../../src/assistant/chat.schema.js';
import { conversationReducer, initialConversation, lastSeq, type ConversationState } from './conversation-state.js';

const STORAGE_KEY = 'xz.chat';

interface Stored {
  sessionId: string;
  offer?: api.HandoffInfo;
  rated?: Record<number, boolean>;
}

function readStored(): Stored | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    const value = raw ? (JSON.parse(raw) as Stored) : undefined;
    return typeof value?.sessionId === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeStored(value: Stored | undefined): void {
  try {
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled (private mode, a sandboxed frame): the conversation lasts as long as the page
  }
}

const message = (err: unknown, fallback: string) => (err instanceof ApiError ? err.message : fallback);

export interface Conversation {
  state: ConversationState;
  send(text: string): Promise<void>;
  handoff(): Promise<void>;
  leaveCallback(input: CallbackRequestInput): Promise<void>;
  rate(id: number, useful: boolean, reason?: string): Promise<void>;
  reset(): void;
  /** a problem outside any one question (a handoff refused, a reload or refresh that failed) */
  error: string | null;
  clearError(): void;
}

export function useConversation(channel: 'web' | 'widget'): Conversation {
  const [state, dispatch] = useReducer(conversationReducer, undefined, () => initialConversation(readStored() !== undefined));
  const ref = useRef(state);
  ref.current = state;
  const inflight = useRef<AbortController | null>(null);
  const counter = useRef(0);
  const [error, setError] = useState<string | null>(null);

  // a reload continues the conversation the tab had
  useEffect(() => {
    const stored = readStored();
    if (!stored) return;
    const ctrl = new AbortController();
    api.getMessages(stored.sessionId, 0, ctrl.signal).then(
      (page) => dispatch({ type: 'restored', sessionId: page.sessionId, mode: page.mode, messages: page.messages, offer: stored.offer, rated: stored.rated ?? {} }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        // gone on the server: start afresh; unreachable: keep the session for the next question
        const gone = err instanceof ApiError && err.status === 404;
        if (!gone) setError(message(err, '无法恢复之前的对话'));
        dispatch({ type: 'restore-failed', sessionId: gone ? undefined : stored.sessionId });
      },
    );
    return () => ctrl.abort();
  }, []);

  useEffect(() => {
    if (state.restoring) return;
    writeStored(state.sessionId ? { sessionId: state.sessionId, offer: state.offer, rated: state.rated } : undefined);
  }, [state.sessionId, state.offer, state.rated, state.restoring]);

  /** Reads what the server stored since the last message shown (the question, the answer, notices). */
  const sync = useCallback(async (sessionId: string) => {
    try {
      const page = await api.getMessages(sessionId, ref.current.sessionId === sessionId ? lastSeq(ref.current) : 0);
      dispatch({ type: 'messages', sessionId, messages: page.messages, mode: page.mode });
    } catch (err) {
      setError(message(err, '消息刷新失败，请稍后再试'));
    }
  }, []);

  // a person is (or will be) on the other end: their replies arrive over the event stream
  const live = state.sessionId !== undefined && (state.mode === 'queued' || state.mode === 'agent');
  useEffect(() => {
    const sessionId = ref.current.sessionId;
    if (!live || !sessionId) return;
    return api.followSession(sessionId, lastSeq(ref.current), {
      onMessage: (m) => dispatch({ type: 'messages', sessionId, messages: [m] }),
      onMode: (mode) => dispatch({ type: 'mode', sessionId, mode }),
    });
  }, [live, state.sessionId]);

  const send = useCallback(
    async (text: string) => {
      const question = text.trim();
      if (!question || ref.current.busy) return;
      setError(null);
      const key = String(++counter.current);
      const ctrl = new AbortController();
      inflight.current = ctrl;
      dispatch({ type: 'ask', key, text: question });
      try {
        let reply: api.ChatResponse;
        try {
          reply = await api.ask(question, { sessionId: ref.current.sessionId, channel, signal: ctrl.signal, onDelta: (t) => dispatch({ type: 'delta', text: t }) });
        } catch (err) {
          if (!(err instanceof ApiError && err.status === 404 && ref.current.sessionId)) throw err;
          // the session is gone on the server (expired, cleaned up): the question starts a new one
          dispatch({ type: 'session-lost' });
          reply = await api.ask(question, { channel, signal: ctrl.signal, onDelta: (t) => dispatch({ type: 'delta', text: t }) });
        }
        dispatch({ type: 'answered', reply });
        await sync(reply.sessionId);
      } catch (err) {
        if (ctrl.signal.aborted) return;
        dispatch({ type: 'failed', message: message(err, '发送失败，请稍后再试') });
      } finally {
        if (inflight.current === ctrl) inflight.current = null;
      }
    },
    [channel, sync],
  );

  const handoff = useCallback(async () => {
    const { sessionId } = ref.current;
    // no conversation yet: asking for a person is the first message
    if (!sessionId) return send('转人工');
    setError(null);
    try {
      const res = await api.requestHandoff(sessionId);
      dispatch({ type: 'mode', sessionId, mode: res.mode });
      if (!res.available) dispatch({ type: 'offer', offer: { available: false, officeHours: res.officeHours, message: res.message } });
      await sync(sessionId);
    } catch (err) {
      setError(message(err, '转人工失败，请稍后再试'));
    }
  }, [send, sync]);

  const leaveCallback = useCallback(
    async (input: CallbackRequestInput) => {
      const { sessionId } = ref.current;
      if (!sessionId) return;
      await api.leaveCallback(sessionId, input);
      dispatch({ type: 'offer', offer: undefined });
      await sync(sessionId);
    },
    [sync],
  );

  const rate = useCallback(async (id: number, useful: boolean, reason?: string) => {
    const { sessionId } = ref.current;
    if (!sessionId) return;
    await api.rateAnswer(sessionId, id, useful, reason);
    dispatch({ type: 'rated', id, useful });
  }, []);

  const reset = useCallback(() => {
    inflight.current?.abort();
    inflight.current = null;
    writeStored(undefined);
    setError(null);
    dispatch({ type: 'reset' });
  }, []);

  return { state, send, handoff, leaveCallback, rate, reset, error, clearError: () => setError(null) };
}
