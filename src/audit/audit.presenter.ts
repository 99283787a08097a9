/** Stored audit rows → the API's records, masked for readers who may not see personal data. */
import { maskIp, maskPersonalData, maskText } from '../text/pii.js';
import type { AuditRow } from './audit-chain.js';
import type { AuditRecord } from './audit.schema.js';

function parseJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

/**
 * `pii: false` masks ID numbers, phones, addresses and marked names in before/after/ai/reason
 * and the client address. Only the presented copy changes: `hash` is the stored one, so a
 * reader can still check the record against an exported chain with personal data.
 */
export function presentAuditRecord(row: AuditRow, opts: { pii: boolean }): AuditRecord {
  const before = parseJson(row.before);
  const after = parseJson(row.after);
  const ai = parseJson(row.ai) as AuditRecord['ai'];
  return {
    seq: row.seq,
    at: row.at,
    actor: { kind: row.actor_kind, userId: row.actor_user_id, name: row.actor_name, role: row.actor_role, departmentId: row.actor_department_id },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: opts.pii ? before : maskPersonalData(before),
    after: opts.pii ? after : maskPersonalData(after),
    reason: row.reason === null || opts.pii ? row.reason : maskText(row.reason),
    ai: ai === null || opts.pii ? ai : maskPersonalData(ai),
    ip: row.ip === null || opts.pii ? row.ip : maskIp(row.ip),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
