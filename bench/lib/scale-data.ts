/**
 * A board grown to scale without going through the app: posts written
 * straight into Strapi 5's tables the way the Document Service lays them out
 * (a draft row and a published row per document, each linked to its board and
 * author), many thousands a second. Used to build the scale section's big
 * database; the app then lists them the way it lists a database written by an
 * earlier version — the feed table's migration fills it at boot.
 */
import { randomBytes } from 'crypto';
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
