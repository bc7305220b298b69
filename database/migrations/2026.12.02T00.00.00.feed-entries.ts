import type { Knex } from 'knex';
import { backfillFeedEntries, contentTablesExist, createFeedTable, resolveFeedTables } from '../../src/api/feed/lib/feed-table';

/**
 * The feed table and its indexes (src/api/feed/lib/feed-table.ts), and its
 * rows for every post a database already holds. Strapi runs migrations before
 * its schema sync: on a fresh database the content tables do not exist yet
 * and there is nothing to fill; on one written by an earlier version the
 * published posts are listed from Strapi's tables. Runs in one transaction
 * (Strapi wraps each migration), so an interrupted upgrade leaves nothing half
 * done, and every step is idempotent.
 */
export async function up(knex: Knex.Transaction, db: { metadata: any; logger?: { info(message: string): void } }): Promise<void> {
  await createFeedTable(knex);
  const tables = resolveFeedTables(db.metadata);
  if (!(await contentTablesExist(knex, tables))) return;
  const written = await backfillFeedEntries(knex, tables);
  if (written > 0) db.logger?.info(`[feed] listed ${written} published posts in the feed table`);
}

/** Nothing to undo that the app would miss: the feed table is derived from Strapi's tables. */
export async function down(): Promise<void> {}
