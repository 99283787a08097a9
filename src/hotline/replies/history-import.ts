/**
 * Historic orders from a JSONL export (one `{id?, title, time, text, category?, reply?,
 * replyTime?}` per line, as ../shared/data/hotline/messages-with-replies.jsonl) loaded as
 * closed orders, so reply drafting, hot spots and retraining have a history. Every line is
 * checked first (errors name the line); one transaction writes; lines already imported (same
 * id) are skipped, so importing a file twice adds nothing.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/database.types.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';
import { classifyType } from '../classifier/order-type.js';
import { extractLocation } from '../intake/location.js';

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  title: z.string().trim().min(1, '标题（title）不能为空').max(300, '标题（title）不能超过 300 字'),
  time: z.string().min(1, '时间（time）不能为空'),
  text: z.string().trim().min(1, '内容（text）不能为空'),
  category: z.string().trim().max(300).optional(),
  reply: z.string().optional(),
  replyTime: z.string().optional(),
});

export interface HistoryLine {
  id: string;
  title: string;
  text: string;
  category: string | null;
  createdAt: string;
  reply: string | null;
  repliedAt: string | null;
}

/**
 * '2019-2-28 11:25:05' (Beijing time, as the exports write it) or an ISO string → UTC ISO.
 * Undefined when unreadable.
 */
export function parseBeijingTime(s: string): string | undefined {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u.exec(s.trim());
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', se = '0'] = m;
    const t = Date.UTC(+y!, +mo! - 1, +d!, +h - 8, +mi, +se);
    const check = new Date(Date.UTC(+y!, +mo! - 1, +d!));
    if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d!) return undefined;
    return new Date(t).toISOString();
  }
  const iso = Date.parse(s);
  return /\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(iso) ? new Date(iso).toISOString() : undefined;
}

/** Historic order ids: 'LS' + the source id (or a digest of the line when it has none). */
function historyId(line: { id?: string; title: string; time: string; text: string }): string {
  if (line.id && /^[\w-]{1,28}$/.test(line.id)) return `LS${line.id}`;
  return `LS${createHash('sha256').update(`${line.title}\n${line.time}\n${line.text}`).digest('hex').slice(0, 24)}`;
}

export function parseHistoryJsonl(text: string): { lines: HistoryLine[]; errors: { line: number; message: string }[] } {
  const lines: HistoryLine[] = [];
  const errors: { line: number; message: string }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ line, message: '不是有效的 JSON' });
      return;
    }
    const r = lineSchema.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      errors.push({ line, message: `${issue.path.join('.') || '行'}：${issue.message}` });
      return;
    }
    const createdAt = parseBeijingTime(r.data.time);
    if (!createdAt) {
      errors.push({ line, message: `时间（time）无法识别：${r.data.time}` });
      return;
    }
    const repliedAt = r.data.replyTime ? parseBeijingTime(r.data.replyTime) : undefined;
    if (r.data.replyTime && !repliedAt) {
      errors.push({ line, message: `答复时间（replyTime）无法识别：${r.data.replyTime}` });
      return;
    }
    const id = historyId(r.data);
    if (seen.has(id)) {
      errors.push({ line, message: `编号（id）重复：${r.data.id ?? id}` });
      return;
    }
    seen.add(id);
    const reply = r.data.reply?.trim() || null;
    lines.push({ id, title: r.data.title, text: r.data.text, category: r.data.category || null, createdAt, reply, repliedAt: reply ? (repliedAt ?? createdAt) : null });
  });
  return { lines, errors };
}

export async function importHistory(db: Kysely<DB>, lines: HistoryLine[], actorName: string): Promise<{ imported: number; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    const existing = new Set<string>();
    for (let i = 0; i < lines.length; i += 500) {
      const ids = lines.slice(i, i + 500).map((l) => l.id);
      for (const r of await trx.selectFrom('hotline_orders').select('id').where('id', 'in', ids).execute()) existing.add(r.id);
    }
    const fresh = lines.filter((l) => !existing.has(l.id));
    const now = new Date().toISOString();
    const rows = fresh.map((l) => {
      const location = extractLocation(`${l.title}。${l.text}`);
      const closedAt = l.repliedAt ?? l.createdAt;
      return {
        id: l.id,
        channel: 'web',
        status: 'closed',
        order_type: classifyType(l.title, l.text),
        category: l.category,
        urgency: 'normal',
        title: l.title,
        content: l.text,
        caller_name: null,
        caller_phone: null,
        location: JSON.stringify(location),
        division_code: location.divisionCode ?? null,
        department_id: null,
        co_department_ids: '[]',
        merged_into: null,
        chat_session_id: null,
        attachments: '[]',
        suggestions: '{}',
        reply: l.reply,
        replied_at: l.repliedAt,
        satisfaction: null,
        sign_due_at: null,
        due_at: null,
        extended_days: 0,
        supervise_count: 0,
        reopen_count: 0,
        overdue_at: null,
        idempotency_key: null,
        version: 1,
        created_by: actorName,
        created_at: l.createdAt,
        updated_at: now,
        closed_at: closedAt,
      };
    });
    // PostgreSQL allows 65535 parameters a statement: 34 columns × 200 rows stays well below
    for (let i = 0; i < rows.length; i += 200) {
      const batch = rows.slice(i, i + 200);
      await trx.insertInto('hotline_orders').values(batch).execute();
      await trx
        .insertInto('hotline_order_events')
        .values(batch.map((r) => ({ order_id: r.id, action: 'note', from_status: 'closed', to_status: 'closed', actor_user_id: null, actor_name: actorName, reason: '历史工单导入', payload: '{}', at: now })))
        .execute();
    }
    return { imported: rows.length, skipped: lines.length - rows.length };
  });
}

export function assertNoLineErrors(errors: { line: number; message: string }[]): void {
  if (errors.length === 0) return;
  const shown = errors.slice(0, 20).map((e) => `第 ${e.line} 行：${e.message}`);
  throw new AppError(ErrorCode.ImportFailed, `历史工单文件有 ${errors.length} 行有误，未导入：${shown.join('；')}`, errors);
}
