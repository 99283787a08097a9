/**
 * The deadline timers of work orders, run by the job queue: when the time to sign (签收) or
 * to reply (答复) runs out, the order is marked overdue, an 'overdue' event is written and the
 * order shows in the supervision list (GET /hotline/orders?overdue=true). A timer whose
 * deadline has since moved (改派, 延期, 重办) or whose step was done does nothing, and the
 * same deadline is never marked twice, even if a job were run again.
 */
import { z } from 'zod';
import { systemActor } from '../../auth/actor.js';
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { REPLY_DUE_JOB, SIGN_DUE_JOB } from './order-actions.js';
import type { OrderStatus } from './order-state.js';
import { OrderRepository } from './order.repository.js';

const timerPayload = z.object({ orderId: z.string(), dueAt: z.string() });
const DEADLINES_ACTOR = systemActor('deadlines');

/** Which step the timer watches, and in which states that step is still undone. */
const WATCH: Record<string, { kind: 'sign' | 'reply'; column: 'sign_due_at' | 'due_at'; undone: readonly OrderStatus[] }> = {
  [SIGN_DUE_JOB]: { kind: 'sign', column: 'sign_due_at', undone: ['dispatched'] },
  [REPLY_DUE_JOB]: { kind: 'reply', column: 'due_at', undone: ['dispatched', 'signed', 'handling'] },
};

export function registerDeadlineTimers(jobs: JobQueue, audit: AuditRecorder): void {
  for (const [jobKind, watch] of Object.entries(WATCH)) {
    jobs.register(jobKind, async (raw, { trx, now }) => {
      const { orderId, dueAt } = timerPayload.parse(raw);
      const repo = new OrderRepository(trx);
      const row = await repo.byId(orderId);
      if (!row || row[watch.column] !== dueAt || !watch.undone.includes(row.status as OrderStatus)) return;
      const marked = (await repo.events(orderId)).some((e) => {
        if (e.action !== 'overdue') return false;
        const p = JSON.parse(e.payload) as { kind?: string; dueAt?: string };
        return p.kind === watch.kind && p.dueAt === dueAt;
      });
      if (marked) return;
      const at = now.toISOString();
      // no version bump: nothing a person decided changed, and a handler's form stays valid
      await trx.updateTable('hotline_orders').set({ overdue_at: row.overdue_at ?? at }).where('id', '=', orderId).execute();
      await repo.insertEvent({ order_id: orderId, action: 'overdue', from_status: row.status, to_status: row.status, actor_user_id: null, actor_name: DEADLINES_ACTOR.name, reason: watch.kind === 'sign' ? '超过签收时限未签收' : '超过办理时限未答复', payload: JSON.stringify({ kind: watch.kind, dueAt }), at });
      await audit.record({ actor: DEADLINES_ACTOR, action: 'hotline.order.overdue', entityType: 'hotline_order', entityId: orderId, before: { overdueAt: row.overdue_at }, after: { kind: watch.kind, dueAt, overdueAt: row.overdue_at ?? at } }, trx);
    });
  }
}
