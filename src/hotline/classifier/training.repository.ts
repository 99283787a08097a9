/** What retraining reads from the database: closed, categorised orders and the active taxonomy. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/database.types.js';
import type { TrainingExample } from './categories.js';

export class TrainingRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The `limit` most recently closed orders that carry a category, oldest first: a center's
   * practice drifts, and recent orders show how it classifies now.
   */
  async closedOrders(limit: number): Promise<TrainingExample[]> {
    const rows = await this.db
      .selectFrom('hotline_orders')
      .select(['id', 'title', 'content', 'category'])
      .where('status', '=', 'closed')
      .where('category', 'is not', null)
      .orderBy('closed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((r) => ({ title: r.title, text: r.content, category: r.category! }));
  }

  async taxonomyPaths(): Promise<string[]> {
    const rows = await this.db.selectFrom('hotline_categories').select('path').where('active', '=', 1).orderBy('path').execute();
    return rows.map((r) => r.path);
  }
}
