/** Composition of work orders (issue #6): the calendar, time limits, the job queue with the deadline timers, the order service. */
import type { AuditRecorder } from '../../audit/audit.types.js';
import type { AuthServices } from '../../auth/auth.module.js';
import type { Clock } from '../../auth/clock.js';
import type { Env } from '../../config/env.js';
import type { Database } from '../../db/database.js';
import { JobQueue } from '../../jobs/job-queue.js';
import { registerDeadlineTimers } from './deadline-timers.js';
import { DeadlineService } from './deadline.service.js';
import { OrderService, type DispatchCatalogue } from './order.service.js';
import { WorkCalendar } from './working-days.js';

export interface OrderServices {
  orders: OrderService;
  jobs: JobQueue;
  deadlines: DeadlineService;
}

export function createOrderServices(deps: { database: Database; audit: AuditRecorder; auth: AuthServices; env: Env; dispatchCatalogue: DispatchCatalogue }): OrderServices {
  const { database, audit, auth, env } = deps;
  // one object whose `now` tests may replace: orders, deadlines and the queue all read it
  const clock: Clock = { now: () => new Date() };
  const now = () => clock.now();
  const jobs = new JobQueue({ db: database.db, dialect: database.dialect, now });
  registerDeadlineTimers(jobs, audit);
  const deadlines = new DeadlineService({ db: database.db, audit, calendar: new WorkCalendar(env.holidaysFile), now });
  const orders = new OrderService({ db: database.db, audit, scope: auth.scope, departments: () => auth.departments.all(), dispatchCatalogue: deps.dispatchCatalogue, deadlines, jobs, now, clock });
  return { orders, jobs, deadlines };
}
