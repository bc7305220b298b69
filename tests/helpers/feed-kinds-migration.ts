import knexFactory, { type Knex } from 'knex';
import { up } from '../../database/migrations/2026.12.02T03.00.00.feed-kinds';

/**
 * The kinds migration on a database as earlier versions left it, with knex
 * straight (the migration's own input): Strapi's metadata for the tables the
 * feed reads, a feed table without its kind column, and posts with or
 * without theirs (the schema sync that adds it runs after migrations).
 */
const metadata = {
  get(uid: string) {
    const tables: Record<string, { tableName: string; attributes: Record<string, any> }> = {
      'api::post.post': {
        tableName: 'posts',
        attributes: {
          board: { joinTable: { name: 'posts_board_lnk', joinColumn: { name: 'post_id' }, inverseJoinColumn: { name: 'board_id' } } },
          author: { joinTable: { name: 'posts_author_lnk', joinColumn: { name: 'post_id' }, inverseJoinColumn: { name: 'user_id' } } },
        },
      },
      'api::comment.comment': {
        tableName: 'comments',
        attributes: { post: { joinTable: { name: 'comments_post_lnk', joinColumn: { name: 'comment_id' }, inverseJoinColumn: { name: 'post_id' } } } },
      },
      'api::board.board': { tableName: 'boards', attributes: {} },
      'plugin::users-permissions.user': { tableName: 'up_users', attributes: {} },
      'plugin::upload.file': { tableName: 'files', attributes: {} },
    };
    return tables[uid];
  },
};

export const runKindsMigration = (knex: Knex) => knex.transaction((trx) => up(trx, { metadata }));

/** The feed table as the first feed migration made it, before kinds. */
export async function createOldFeedTable(knex: Knex): Promise<void> {
  await knex.schema.createTable('feed_entries', (t) => {
    t.string('document_id', 255).notNullable().primary();
    t.integer('post_id').notNullable();
    t.integer('board_id').notNullable();
    t.integer('author_id').nullable();
    t.bigInteger('published_ms').notNullable();
    t.integer('featured_live').notNullable().defaultTo(0);
    t.bigInteger('featured_until_ms').nullable();
    t.integer('rank_missing').notNullable().defaultTo(1);
    t.integer('featured_rank').notNullable().defaultTo(0);
    t.integer('comment_count').notNullable().defaultTo(0);
  });
}

/** Posts (a draft and a published row per document), optionally with the kind column a schema sync added. */
export async function createPosts(knex: Knex, rows: Array<{ id: number; documentId: string; published: boolean; kind?: string | null }>, withKind: boolean): Promise<void> {
  await knex.schema.createTable('posts', (t) => {
    t.increments('id');
    t.string('document_id');
    t.bigInteger('published_at').nullable();
    if (withKind) t.string('kind').nullable();
  });
  for (const row of rows) {
    await knex('posts').insert({ id: row.id, document_id: row.documentId, published_at: row.published ? Date.now() : null, ...(withKind ? { kind: row.kind ?? null } : {}) });
  }
}

export const feedRow = (documentId: string, postId: number) => ({ document_id: documentId, post_id: postId, board_id: 1, author_id: null, published_ms: Date.now() });

export async function indexNames(knex: Knex, client: 'sqlite' | 'postgres'): Promise<string[]> {
  const rows =
    client === 'sqlite'
      ? await knex.raw(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'feed_entries'`)
      : (await knex.raw(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'feed_entries'`)).rows;
  return (rows as Array<{ name: string }>).map((r) => r.name);
}

export function describeKindsMigration(open: () => Promise<{ knex: Knex; client: 'sqlite' | 'postgres'; drop: () => Promise<void> }>) {
  let db: { knex: Knex; client: 'sqlite' | 'postgres'; drop: () => Promise<void> };
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => {
    await db.knex.destroy();
    await db.drop();
  });
  const kinds = async () => Object.fromEntries((await db.knex('feed_entries').select('document_id', 'kind').orderBy('document_id')).map((r) => [r.document_id, r.kind]));

  it('lists every post of a table written before kinds as news, twice without change', async () => {
    await createOldFeedTable(db.knex);
    await createPosts(db.knex, [{ id: 1, documentId: 'a', published: true }, { id: 2, documentId: 'b', published: true }], false);
    await db.knex('feed_entries').insert([feedRow('a', 1), feedRow('b', 2)]);
    await runKindsMigration(db.knex);
    expect(await kinds()).toEqual({ a: 'news', b: 'news' });
    expect(await indexNames(db.knex, db.client)).toContain('feed_entries_board_kind_published_idx');
    await runKindsMigration(db.knex);
    expect(await kinds()).toEqual({ a: 'news', b: 'news' });
    expect(await db.knex('feed_entries').count({ n: '*' })).toEqual([{ n: db.client === 'postgres' ? '2' : 2 }]);
  });

  it("takes each post's published kind when the posts table already has one", async () => {
    await createOldFeedTable(db.knex);
    await createPosts(
      db.knex,
      [
        { id: 1, documentId: 'a', published: false, kind: 'sale' },
        { id: 2, documentId: 'a', published: true, kind: 'event' },
        { id: 3, documentId: 'b', published: true, kind: null },
      ],
      true,
    );
    await db.knex('feed_entries').insert([feedRow('a', 2), feedRow('b', 3)]);
    await runKindsMigration(db.knex);
    expect(await kinds()).toEqual({ a: 'event', b: 'news' });
    await runKindsMigration(db.knex);
    expect(await kinds()).toEqual({ a: 'event', b: 'news' });
  });

  it('creates the table with its kind column on a fresh database', async () => {
    await runKindsMigration(db.knex);
    expect(await db.knex.schema.hasColumn('feed_entries', 'kind')).toBe(true);
    await db.knex('feed_entries').insert(feedRow('c', 9));
    expect(await kinds()).toEqual({ c: 'news' });
  });
}

export { knexFactory };
