import type { Knex } from 'knex';
import { addFeedKindColumn, createFeedTable, FEED_TABLE, resolveFeedTables } from '../../src/api/feed/lib/feed-table';
import { DEFAULT_POST_KIND } from '../../src/posts/kinds';

/**
 * Post kinds (src/posts/kinds.ts) in the feed table: a `kind` column and the
 * index a board's list of one kind reads. Rows already there are news — the
 * only kind posts had before kinds existed — and when the posts table already
 * has its kind column (a database whose schema sync ran before this file
 * existed), each row takes its post's kind. Strapi wraps the migration in a
 * transaction; every step is idempotent, so a second run changes nothing.
 */
export async function up(knex: Knex.Transaction, db: { metadata: any; logger?: { info(message: string): void } }): Promise<void> {
  // Creates the table with its kind column and every index (a fresh database), or adds what an older one lacks.
  const added = (await knex.schema.hasTable(FEED_TABLE)) && (await addFeedKindColumn(knex));
  await createFeedTable(knex);
  const tables = resolveFeedTables(db.metadata);
  if (!(await knex.schema.hasTable(tables.posts)) || !(await knex.schema.hasColumn(tables.posts, 'kind'))) return;
  // Published rows only, as the feed lists them; a post without a kind is news.
  const kinds = knex(tables.posts).select(knex.raw(`COALESCE(kind, ?)`, [DEFAULT_POST_KIND])).whereRaw(`${tables.posts}.document_id = ${FEED_TABLE}.document_id`).whereNotNull('published_at').limit(1);
  const updated = await knex(FEED_TABLE).update({ kind: kinds as any });
  if (added || updated > 0) db.logger?.info(`[feed] kinds of ${updated} listed posts in the feed table`);
}

/** Nothing to undo that the app would miss: the feed table is derived from Strapi's tables. */
export async function down(): Promise<void> {}
