/** Kysely table types of this domain; src/db/database.types.ts joins them into DB. */
import type { Generated } from 'kysely';

/** One conversation. `id` is a random, unguessable token: knowing it is the citizen's only credential. */
export interface ChatSessionsTable {
  id: string;
  /** 'web' | 'widget' | 'api' */
  channel: string;
  /** 'bot' | 'queued' | 'agent' | 'closed' */
  mode: string;
  /** the engine's ConversationState as JSON */
  state: string;
  /** highest chat_messages.seq handed out in this session (bumped atomically per message) */
  last_seq: number;
  agent_user_id: string | null;
  agent_name: string | null;
  /** why the session was handed to a person: the engine's reason or 'citizen_request' */
  handoff_reason: string | null;
  created_at: string;
  last_activity_at: string;
  queued_at: string | null;
  taken_at: string | null;
  closed_at: string | null;
}

export interface ChatMessagesTable {
  id: Generated<number>;
  session_id: string;
  /** 1, 2, 3 … per session; clients poll with `after=seq` */
  seq: number;
  /** 'citizen' | 'assistant' | 'agent' | 'system' */
  role: string;
  text: string;
  /** assistant messages: answered | clarify | handoff | refused */
  outcome: string | null;
  reason: string | null;
  /** JSON array of citations (assistant messages), '[]' otherwise */
  citations: string;
  /** JSON array of quick replies, or null */
  suggestions: string | null;
  /** 'rules:…' / 'llm:…' for the assistant, 'agent:<login>' for a person, 'system' */
  producer: string | null;
  producer_version: string | null;
  /** the citizen message this assistant message answers */
  reply_to: number | null;
  author_user_id: string | null;
  created_at: string;
}

export interface ChatFeedbackTable {
  id: Generated<number>;
  /** one rating per message: a second one replaces the first */
  message_id: number;
  session_id: string;
  /** 1 有用 / 0 没用 (an integer so both engines read the same value) */
  useful: number;
  reason: string | null;
  created_at: string;
}

export interface CallbackRequestsTable {
  id: string;
  session_id: string;
  name: string;
  phone: string;
  preferred_time: string | null;
  note: string | null;
  /** 'open' | 'done' | 'cancelled'; becomes a hotline work order with issue #6 */
  status: string;
  created_at: string;
  updated_at: string;
  handled_by: string | null;
}

export interface AssistantTables {
  chat_sessions: ChatSessionsTable;
  chat_messages: ChatMessagesTable;
  chat_feedback: ChatFeedbackTable;
  callback_requests: CallbackRequestsTable;
}
