/**
 * A board grown to scale without going through the app: posts written
 * straight into Strapi 5's tables the way the Document Service lays them out
 * (a draft row and a published row per document, each linked to its board and
 * author), many thousands a second. Used to build the scale section's big
 * database; the app then lists them the way it lists a database written by an
 * earlier version — the feed table's migration fills it at boot.
 */
import { randomBytes } from 'crypto';
import fs from 'fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';

export interface GrowOptions {
  boardId: number;
  authorIds: number[];
  posts: number;
  /** publishedAt of the newest post (epoch ms); each older one a minute earlier. */
  newestMs: number;
  /** Every n-th post gets a comment (0: none). */
  commentEvery?: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A documentId like Strapi's: 24 lowercase letters and digits. */
export const documentId = () => [...randomBytes(24)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

const BODY = 'Notes from the neighbourhood: the garden rota, the tool library and the river path clean-up. Bring gloves; tea at the gate from ten.';

interface PostData {
  documentId: string;
  title: string;
  slug: string;
  body: string;
  excerpt: string | null;
  tags: string;
  at: number;
  author: number;
}

function postAt(i: number, options: GrowOptions): PostData {
  return {
    documentId: documentId(),
    title: `Scale post ${i + 1}`,
    slug: `scale-post-${i + 1}`,
    body: `## Update ${i + 1}\n\n${BODY}`,
    excerpt: i % 2 === 0 ? `Summary of scale post ${i + 1}.` : null,
    tags: JSON.stringify(['garden', i % 3 === 0 ? 'events' : 'tools']),
    at: options.newestMs - i * 60_000,
    author: options.authorIds[i % options.authorIds.length],
  };
}

/** Grows a board in a SQLite database file; returns the new documentIds, newest first. */
export function growBoardSqlite(file: string, options: GrowOptions): string[] {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insertPost = db.prepare(
    `INSERT INTO posts (document_id, title, slug, body, excerpt, tags, featured, created_at, updated_at, published_at)
     VALUES (@documentId, @title, @slug, @body, @excerpt, @tags, 0, @at, @at, @published)`,
  );
  const linkBoard = db.prepare('INSERT INTO posts_board_lnk (post_id, board_id, post_ord) VALUES (?, ?, ?)');
  const linkAuthor = db.prepare('INSERT INTO posts_author_lnk (post_id, user_id) VALUES (?, ?)');
  const insertComment = db.prepare(`INSERT INTO comments (document_id, body, hidden, source, created_at, updated_at, published_at) VALUES (?, ?, 0, 'quanzi', ?, ?, ?)`);
  const linkComment = db.prepare('INSERT INTO comments_post_lnk (comment_id, post_id) VALUES (?, ?)');
  const ids: string[] = [];
  const grow = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const post = postAt(i, options);
      ids.push(post.documentId);
      const draft = Number(insertPost.run({ ...post, published: null }).lastInsertRowid);
      const published = Number(insertPost.run({ ...post, published: post.at }).lastInsertRowid);
      for (const row of [draft, published]) {
        linkBoard.run(row, options.boardId, i + 1);
        linkAuthor.run(row, post.author);
      }
      if (options.commentEvery && i % options.commentEvery === 0) {
        const comment = Number(insertComment.run(documentId(), `Comment on ${post.title}`, post.at, post.at, post.at).lastInsertRowid);
        linkComment.run(comment, draft);
        linkComment.run(comment, published);
      }
    }
  });
  for (let i = 0; i < options.posts; i += 5000) grow(i, Math.min(options.posts, i + 5000));
  db.close();
  return ids;
}

/** The same on PostgreSQL (one statement per table and batch, with unnest). */
export async function growBoardPostgres(url: string, options: GrowOptions): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const ids: string[] = [];
  try {
    for (let from = 0; from < options.posts; from += 5000) {
      const batch = Array.from({ length: Math.min(5000, options.posts - from) }, (_, k) => postAt(from + k, options));
      ids.push(...batch.map((p) => p.documentId));
      await client.query('BEGIN');
      const column = <K extends keyof PostData>(key: K) => batch.map((p) => p[key]);
      const insert = async (published: boolean) => {
        const { rows } = await client.query(
          `INSERT INTO posts (document_id, title, slug, body, excerpt, tags, featured, created_at, updated_at, published_at)
           SELECT d, t, s, b, e, g::jsonb, false, to_timestamp(a / 1000.0), to_timestamp(a / 1000.0), ${published ? 'to_timestamp(a / 1000.0)' : 'NULL'}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[]) WITH ORDINALITY AS u(d, t, s, b, e, g, a, n)
           ORDER BY n RETURNING id`,
          [column('documentId'), column('title'), column('slug'), column('body'), column('excerpt'), column('tags'), column('at')],
        );
        return rows.map((r) => Number(r.id));
      };
      const rows = [...(await insert(false)), ...(await insert(true))];
      const authors = [...column('author'), ...column('author')];
      const order = [...batch.keys(), ...batch.keys()].map((k) => from + k + 1);
      await client.query('INSERT INTO posts_board_lnk (post_id, board_id, post_ord) SELECT p, $2, o FROM unnest($1::int[], $3::float8[]) AS u(p, o)', [rows, options.boardId, order]);
      await client.query('INSERT INTO posts_author_lnk (post_id, user_id) SELECT * FROM unnest($1::int[], $2::int[])', [rows, authors]);
      await client.query('COMMIT');
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return ids;
}

/** The user migration that creates and fills the feed table (database/migrations), as Strapi records it. */
const FEED_MIGRATION = '%feed-entries%';

/**
 * Takes the feed table away again, as in a database written before it
 * existed: the app's next boot runs the migration, which lists every post it
 * finds in Strapi's tables (the upgrade path, at scale).
 */
export function forgetFeedTableSqlite(file: string): void {
  const db = new Database(file);
  try {
    db.exec('DROP TABLE IF EXISTS feed_entries');
    const recorded = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'strapi_migrations'`).get();
    if (recorded) db.prepare('DELETE FROM strapi_migrations WHERE name LIKE ?').run(FEED_MIGRATION);
  } finally {
    db.close();
  }
}

export async function forgetFeedTablePostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS feed_entries');
    await client.query(`DELETE FROM strapi_migrations WHERE name LIKE $1`, [FEED_MIGRATION]);
  } finally {
    await client.end();
  }
}

/** A consistent copy of a SQLite database another process may have open (VACUUM INTO reads one snapshot). */
export function snapshotSqlite(from: string, to: string): string {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(to + suffix, { force: true });
  const db = new Database(from, { fileMustExist: true, timeout: 10000 });
  try {
    db.prepare('VACUUM INTO ?').run(to);
  } finally {
    db.close();
  }
  return to;
}

/** Row ids of a board by slug, and of members by username, in a SQLite database. */
export function boardIdSqlite(file: string, slug: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT id FROM boards WHERE slug = ? ORDER BY id LIMIT 1').get(slug) as { id: number } | undefined;
    if (!row) throw new Error(`no board ${slug} in ${file}`);
    return row.id;
  } finally {
    db.close();
  }
}

export async function boardIdPostgres(url: string, slug: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT id FROM boards WHERE slug = $1 ORDER BY id LIMIT 1', [slug]);
    if (!rows[0]) throw new Error(`no board ${slug} in the PostgreSQL database`);
    return Number(rows[0].id);
  } finally {
    await client.end();
  }
}

/** How many posts the feed table lists (after the app's boot ran the migration). */
export function feedEntriesSqlite(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM feed_entries').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export async function feedEntriesPostgres(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT COUNT(*) AS n FROM feed_entries')).rows[0].n);
  } finally {
    await client.end();
  }
}

/** Planner statistics after a bulk load (autovacuum would gather them a little later in a real deployment). */
export async function analyzePostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
