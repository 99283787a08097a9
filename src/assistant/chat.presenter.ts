/** Rows → API shapes of the conversation service. */
import type { Citation } from './answer.types.js';
import type { MessageRow, SessionRow } from './chat.repository.js';
import type { ChatMessage, ChatMode, SessionSummary } from './chat.schema.js';

export function presentMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    seq: row.seq,
    role: row.role as ChatMessage['role'],
    text: row.text,
    outcome: (row.outcome as ChatMessage['outcome']) ?? null,
    reason: row.reason,
    citations: JSON.parse(row.citations) as Citation[],
    suggestions: row.suggestions ? (JSON.parse(row.suggestions) as string[]) : null,
    createdAt: row.created_at,
  };
}

export function presentSession(row: SessionRow, preview: string | null): SessionSummary {
  return {
    sessionId: row.id,
    mode: row.mode as ChatMode,
    channel: row.channel,
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    queuedAt: row.queued_at,
    takenAt: row.taken_at,
    closedAt: row.closed_at,
    handoffReason: row.handoff_reason,
    agentUserId: row.agent_user_id,
    agentName: row.agent_name,
    preview,
    lastSeq: row.last_seq,
  };
}
