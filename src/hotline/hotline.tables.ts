/**
 * Kysely table types of the 12345 hotline (issue #6); src/db/database.types.ts joins them into
 * DB. Migration: src/db/migrations/20261128T1800-hotline.ts. JSON columns are text.
 */
import type { Generated } from 'kysely';

/** One node of the configurable multi-level taxonomy (imported from a CSV like taxonomy.csv). */
export interface HotlineCategoriesTable {
  id: Generated<number>;
  /** the full path joined with '/', e.g. '城乡建设/安全生产/事故处理'; unique */
  path: string;
  /** the last segment */
  name: string;
  /** 1, 2, 3 … */
  level: number;
  /** path of the parent node; null for a first-level class */
  parent_path: string | null;
  active: number;
  created_at: string;
}

/**
 * 派单目录: category (path prefix) + region (division-code prefix) → responsible department.
 * The most specific matching rule wins (longest category prefix, then longest region prefix,
 * then priority).
 */
export interface HotlineDispatchRulesTable {
  id: Generated<number>;
  /** taxonomy path prefix; '' matches every category */
  category_prefix: string;
  /** administrative division code prefix (GB/T 2260, 2–12 digits); '' matches everywhere */
  region_prefix: string;
  /** departments.id of the 主办 (lead) department */
  department_id: number;
  /** JSON array of departments.id of 协办 departments */
  co_department_ids: string;
  priority: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** Time limits per type and category (most specific wins); days are working days. */
export interface HotlineDeadlineRulesTable {
  id: Generated<number>;
  /** 咨询/求助/投诉/举报/建议/表扬, or '' for any */
  order_type: string;
  /** taxonomy path prefix, or '' for any */
  category_prefix: string;
  /** working days from dispatch to 答复 */
  handle_days: number;
  /** working hours allowed to sign (签收) after dispatch */
  sign_hours: number;
  /** working days within which a mis-dispatched order may be returned (退单) */
  return_days: number;
  /** longest extension (延期) the center may approve, in working days */
  max_extension_days: number;
  created_at: string;
  updated_at: string;
}

/** A work order (工单). */
export interface HotlineOrdersTable {
  /** the order number citizens are told, e.g. 'GD20261128000123' */
  id: string;
  /** phone | web | chat | app */
  channel: string;
  /** received 受理 | dispatched 派单 | signed 签收 | handling 办理 | replied 答复 | visited 回访 | closed 办结 | returned 退单 | merged 并单 (DOMAIN.md §3; the state machine in src/hotline/orders decides) */
  status: string;
  /** 咨询/求助/投诉/举报/建议/表扬 */
  order_type: string;
  /** taxonomy path, null until classified */
  category: string | null;
  /** normal | urgent | emergency */
  urgency: string;
  title: string;
  content: string;
  caller_name: string | null;
  caller_phone: string | null;
  /** JSON: { divisionCode, province, city, area, street, community, road, address } as extracted or entered */
  location: string;
  /** the most specific division code found (for region rules and hot spots), or null */
  division_code: string | null;
  /** departments.id of the 主办 department once dispatched */
  department_id: number | null;
  /** JSON array of departments.id of 协办 departments */
  co_department_ids: string;
  /** id of the order this one was merged into (并单) */
  merged_into: string | null;
  /** chat_sessions id when the order came from a chat handoff; the transcript is read from there */
  chat_session_id: string | null;
  /** JSON array of { name, mime, size, sha256 } (content in hotline_attachments) */
  attachments: string;
  /** the AI suggestions shown at intake (JSON), kept to compare with what the agent chose */
  suggestions: string;
  /** the reply to the citizen (答复) */
  reply: string | null;
  replied_at: string | null;
  /** 1–5 from the call-back (回访), null before */
  satisfaction: number | null;
  /** deadline to sign after dispatch */
  sign_due_at: string | null;
  /** deadline to reply (includes approved extensions) */
  due_at: string | null;
  /** working days added by approved extensions */
  extended_days: number;
  /** number of times 督办 was issued */
  supervise_count: number;
  /** number of times reopened (重办) */
  reopen_count: number;
  /** set when the order went past due_at without a reply (by the deadline worker) */
  overdue_at: string | null;
  /** client-supplied key that makes intake idempotent (a retried submit returns the same order) */
  idempotency_key: string | null;
  /** optimistic lock: incremented by every transition */
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** Every transition of an order: who, when, why, from which state to which. Append-only. */
export interface HotlineOrderEventsTable {
  id: Generated<number>;
  order_id: string;
  /** accept | dispatch | sign | start | reply | visit | close | return | redispatch | extend_request | extend_approve | extend_reject | supervise | reopen | merge | answer_directly | overdue | note */
  action: string;
  from_status: string;
  to_status: string;
  actor_user_id: number | null;
  actor_name: string;
  reason: string | null;
  /** JSON with the action's data (department, extension days, satisfaction …) */
  payload: string;
  at: string;
}

export interface HotlineAttachmentsTable {
  id: Generated<number>;
  order_id: string;
  seq: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: string;
}

/**
 * Durable job queue shared by every module (deadline timers first). A job is claimed by one
 * process at a time (row lock / SKIP LOCKED on PostgreSQL, the write lock on SQLite), and
 * `dedupe_key` is unique so the same timer is never scheduled twice.
 */
export interface JobsTable {
  id: Generated<number>;
  /** e.g. 'hotline.sign_due', 'hotline.due' */
  kind: string;
  /** JSON */
  payload: string;
  /** unique when not null */
  dedupe_key: string | null;
  run_at: string;
  /** pending | running | done | failed | cancelled */
  status: string;
  attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface HotlineTables {
  hotline_categories: HotlineCategoriesTable;
  hotline_dispatch_rules: HotlineDispatchRulesTable;
  hotline_deadline_rules: HotlineDeadlineRulesTable;
  hotline_orders: HotlineOrdersTable;
  hotline_order_events: HotlineOrderEventsTable;
  hotline_attachments: HotlineAttachmentsTable;
  jobs: JobsTable;
}
