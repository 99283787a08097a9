/** Composition of guided service (issue #5) over the application's database, knowledge and audit. */
import path from 'node:path';
import type { AppContext } from '../app-context.js';
import { packageRoot } from '../config/env.js';
import { GuideService, type GuideClock } from './guide.service.js';
import { loadLifeEvents } from './life-events.js';

/** Where the life events are defined (documented in docs/KNOWLEDGE-FORMAT.md). */
export const LIFE_EVENTS_FILE = path.join(packageRoot(), 'data', 'demo', 'life-events.json');

export function createGuideService(ctx: Pick<AppContext, 'database' | 'knowledge' | 'audit'>, opts: { lifeEventsFile?: string; clock?: GuideClock } = {}): GuideService {
  return new GuideService({
    db: ctx.database.db,
    knowledge: ctx.knowledge,
    audit: ctx.audit,
    lifeEvents: loadLifeEvents(opts.lifeEventsFile ?? LIFE_EVENTS_FILE),
    clock: opts.clock ?? { now: () => new Date() },
  });
}
