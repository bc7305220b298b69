import Database from 'better-sqlite3';
import { Client } from 'pg';
import { growBoardPostgres, growBoardSqlite, documentId as newDocumentId, type GrowOptions } from '../../bench/lib/scale-data';
import { adminCreateBoard, call, memberPost, registerFirstAdmin, registerMember } from './rest-client';
import { startAppProcess, type AppProc } from './processes';

/**
 * A database as an earlier version of Quanzi left it, and the oracle the
 * feed must agree with after the upgrade: Strapi's own tables, sorted the
 * way the README documents (newest first, ties by documentId descending;
 * featured by rank, unranked last, then newest; visible comments only).
 * Used on SQLite and on PostgreSQL.
 */

/** The feed table's migration, as Strapi records it once it ran (the compiled file's name). */
export const FEED_MIGRATION = '2026.12.02T00.00.00.feed-entries.js';
export const FEED_TABLE = 'feed_entries';

/** Raw access to the app's database, with `?` placeholders on both dialects (the scenario writes only while the app is stopped). */
export interface RawDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** The environment that points an app process at this database. */
  readonly appEnv: Record<string, string>;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A boolean as a statement binds it (SQLite has none). */
  bool(value: boolean): unknown;
  /** A datetime as Strapi stores it (SQLite: epoch ms; PostgreSQL: timestamptz). */
  time(ms: number): unknown;
  grow(options: GrowOptions): Promise<string[]>;
}

export function sqliteDatabase(file: string): RawDatabase {
  return {
    dialect: 'sqlite',
    appEnv: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
    async query(sql, params = []) {
      const db = new Database(file);
      try {
        const statement = db.prepare(sql);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as any[];
      } finally {
        db.close();
      }
    },
    bool: (value) => (value ? 1 : 0),
    time: (ms) => ms,
    grow: async (options) => growBoardSqlite(file, options),
  };
}

export function postgresDatabase(url: string): RawDatabase {
  return {
    dialect: 'postgres',
    appEnv: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url },
    async query(sql, params = []) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        let n = 0;
        const { rows } = await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        );
        return rows;
      } finally {
        await client.end();
      }
    },
    bool: (value) => value,
    time: (ms) => new Date(ms),
    grow: (options) => growBoardPostgres(url, options),
  };
}

const epochMs = (value: unknown) => (value instanceof Date ? value.getTime() : typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value)));
const truthy = (value: unknown) => value === true || value === 1 || value === '1';

export interface OraclePost {
  documentId: string;
  boardId: number;
  boardActive: boolean;
  publishedMs: number;
  featured: boolean;
  rank: number | null;
  untilMs: number | null;
  comments: number;
  likes: number;
}

/** Every published post on a board, read straight from Strapi's tables and the plugin's likes. */
export async function oraclePosts(db: RawDatabase): Promise<OraclePost[]> {
  const rows = await db.query(
    `SELECT p.document_id, p.published_at, p.featured, p.featured_rank, p.featured_until, pb.board_id, b.active
     FROM posts p JOIN posts_board_lnk pb ON pb.post_id = p.id JOIN boards b ON b.id = pb.board_id
     WHERE p.published_at IS NOT NULL`,
  );
  const comments = await db.query(
    `SELECT p.document_id, count(DISTINCT c.id) AS n FROM comments c
     JOIN comments_post_lnk cp ON cp.comment_id = c.id JOIN posts p ON p.id = cp.post_id
     WHERE c.hidden IS NULL OR c.hidden = ? GROUP BY p.document_id`,
    [db.bool(false)],
  );
  const likes = await db.query(`SELECT post_document_id, count(*) AS n FROM hive_smt_likes WHERE active = ? GROUP BY post_document_id`, [db.bool(true)]);
  const commentsOf = new Map(comments.map((r) => [r.document_id, Number(r.n)]));
  const likesOf = new Map(likes.map((r) => [r.post_document_id, Number(r.n)]));
  return rows.map((r) => ({
    documentId: r.document_id,
    boardId: Number(r.board_id),
    boardActive: truthy(r.active),
    publishedMs: epochMs(r.published_at),
    featured: truthy(r.featured),
    rank: r.featured_rank == null ? null : Number(r.featured_rank),
    untilMs: r.featured_until == null ? null : epochMs(r.featured_until),
    comments: commentsOf.get(r.document_id) ?? 0,
    likes: likesOf.get(r.document_id) ?? 0,
  }));
}

const byDocumentDesc = (a: OraclePost, b: OraclePost) => (a.documentId < b.documentId ? 1 : a.documentId > b.documentId ? -1 : 0);
const newest = (a: OraclePost, b: OraclePost) => b.publishedMs - a.publishedMs || byDocumentDesc(a, b);
const featuredOrder = (a: OraclePost, b: OraclePost) => Number(a.rank === null) - Number(b.rank === null) || (a.rank ?? 0) - (b.rank ?? 0) || newest(a, b);
export const featuredNow = (post: OraclePost, now: number) => post.featured && (post.untilMs === null || post.untilMs > now);

/** The documented orders, from the oracle's rows. */
export const expected = {
  board: (posts: OraclePost[], boardId: number) => posts.filter((p) => p.boardId === boardId).sort(newest),
  boardFeaturedFirst(posts: OraclePost[], boardId: number, now: number) {
    const mine = posts.filter((p) => p.boardId === boardId);
    return [...mine.filter((p) => featuredNow(p, now)).sort(featuredOrder), ...mine.filter((p) => !featuredNow(p, now)).sort(newest)];
  },
  featured: (posts: OraclePost[], now: number) => posts.filter((p) => p.boardActive && featuredNow(p, now)).sort(featuredOrder),
};

/** Every page of a list from an app process, following nextCursor (at most `maxPages`). */
export async function allPages(base: string, path: string, limit: number, maxPages = 1000): Promise<any[]> {
  const pages: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await call(base, 'GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    pages.push(res.body);
    cursor = res.body.meta.nextCursor;
  } while (cursor && pages.length < maxPages);
  return pages;
}

export const idsOf = (pages: any[]): string[] => pages.flatMap((page) => page.data.map((item: any) => item.documentId));

/** Every list of a board (plain and featured first) at several page sizes: all a reader can ask of it. */
export async function readBoard(base: string, slug: string): Promise<Record<string, any[]>> {
  const out: Record<string, any[]> = {};
  for (const featuredFirst of [false, true]) {
    for (const limit of [1, 2, 20]) out[`${featuredFirst}/${limit}`] = await allPages(base, `/api/feed?board=${slug}${featuredFirst ? '&featuredFirst=true' : ''}`, limit);
  }
  return out;
}

/**
 * Curation and comments written straight into Strapi's tables, as they would
 * be after months of an earlier version: a few featured posts (ranked,
 * unranked, a window closed, a window ahead, a rank left on an unfeatured
 * post), a run of posts published at one moment (ties), and comments, some
 * of them hidden, on the grown posts. Both rows of a document (draft and
 * published) are written alike, as the Document Service does.
 */
export async function writeHistory(db: RawDatabase, grown: string[], now: number): Promise<void> {
  const setPost = (documentId: string, columns: Record<string, unknown>) =>
    db.query(`UPDATE posts SET ${Object.keys(columns).map((c) => `${c} = ?`).join(', ')} WHERE document_id = ?`, [...Object.values(columns), documentId]);
  await setPost(grown[10], { featured: db.bool(true), featured_rank: 0 });
  await setPost(grown[20], { featured: db.bool(true) });
  await setPost(grown[30], { featured: db.bool(true), featured_rank: 1, featured_until: db.time(now - 86_400_000) });
  await setPost(grown[40], { featured: db.bool(true), featured_rank: 5, featured_until: db.time(now + 30 * 86_400_000) });
  await setPost(grown[1500], { featured: db.bool(true) });
  await setPost(grown[50], { featured: db.bool(false), featured_rank: 2 });
  // Seven posts published in the same millisecond, across a page boundary of 50.
  const [tie] = await db.query(`SELECT published_at FROM posts WHERE document_id = ? AND published_at IS NOT NULL`, [grown[46]]);
  for (const documentId of grown.slice(46, 53)) await db.query(`UPDATE posts SET published_at = ? WHERE document_id = ? AND published_at IS NOT NULL`, [tie.published_at, documentId]);

  for (let i = 0; i < grown.length; i += 9) {
    const rows = await db.query(`SELECT id FROM posts WHERE document_id = ?`, [grown[i]]);
    const hiddenToo = i % 27 === 0;
    for (const hidden of hiddenToo ? [false, true] : [false]) {
      const at = db.time(now - i * 1000);
      await db.query(`INSERT INTO comments (document_id, body, hidden, source, created_at, updated_at, published_at) VALUES (?, ?, ?, 'quanzi', ?, ?, ?)`, [
        newDocumentId(),
        `Comment on post ${i}`,
        db.bool(hidden),
        at,
        at,
        at,
      ]);
      const [comment] = await db.query(`SELECT max(id) AS id FROM comments`);
      for (const row of rows) await db.query(`INSERT INTO comments_post_lnk (comment_id, post_id) VALUES (?, ?)`, [comment.id, row.id]);
    }
  }
}

/** Leaves the database as a version before the feed table left it: no table, no record of its migration. */
export async function forgetFeedTable(db: RawDatabase): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${FEED_TABLE}`);
  await forgetFeedMigration(db);
}

/** Only the record that the migration ran: the next boot runs it again over the table as it is. */
export async function forgetFeedMigration(db: RawDatabase): Promise<void> {
  await db.query(`DELETE FROM strapi_migrations WHERE name = ?`, [FEED_MIGRATION]);
}

/** The feed table's rows, in one order, as plain values. */
export async function feedTableRows(db: RawDatabase): Promise<Array<Record<string, string | null>>> {
  const rows = await db.query(`SELECT * FROM ${FEED_TABLE} ORDER BY document_id`);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v == null ? null : String(v)])));
}


/** The app as its own process on this database, its chain worker off: chain statuses stay as they were written. */
const APP_ENV = {
  HIVE_WORKER_ENABLED: 'false',
  HIVE_DEVNET_PORT: '0',
  HIVE_DEVNET_BLOCK_MS: '100',
  RATE_LIMIT_WRITES_PER_MEMBER: '10000',
  RATE_LIMIT_WRITES_PER_IP: '10000',
  RATE_LIMIT_LIKES_PER_MEMBER: '10000',
  RATE_LIMIT_LIKES_PER_IP: '10000',
};

/** Posts grown straight into the big board: more than one batch of the backfill (1,000 published rows). */
const GROWN_POSTS = 2600;

const ok = async (promise: Promise<{ status: number; body: any }>, what: string) => {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
};

/**
 * The upgrade, end to end: an earlier version's database (written through the
 * app's REST routes, then grown and curated straight in Strapi's tables, with
 * no feed table and no record of its migration), booted by this version,
 * must list every post exactly as the documented orders say, with the same
 * answers the app gave before, and a second run of the backfill changes
 * nothing.
 */
export function describeFeedUpgrade(open: () => Promise<{ db: RawDatabase; drop: () => Promise<void> }>) {
  let db: RawDatabase;
  let drop: () => Promise<void>;
  let app: AppProc | null = null;
  const boot = async () => (app = await startAppProcess({ ...db.appEnv, ...APP_ENV }));
  const stop = async () => {
    await app?.stop();
    app = null;
  };
  const now = Date.now();
  let before: { small: Record<string, any[]>; featured: any[] };
  let grown: string[];
  let big: { id: number; slug: string };
  let deleted: string;

  beforeAll(async () => {
    ({ db, drop } = await open());
    const { url } = await boot();
    const admin = await registerFirstAdmin(url);
    const board = (slug: string) => adminCreateBoard(url, admin, { name: `Board ${slug}`, slug, kind: 'interest', hiveAccount: 'riverside-photo', moderationMode: 'direct', active: true });
    const small = await board('upgrade-small');
    big = await board('upgrade-big');
    const closing = await board('upgrade-closing');
    const members = [await registerMember(url, 'upgrade-ann'), await registerMember(url, 'upgrade-ben'), await registerMember(url, 'upgrade-cy')];
    const posts: string[] = [];
    for (let i = 1; i <= 6; i++) posts.push((await memberPost(url, members[i % 3].jwt, { title: `Small ${i}`, body: `Body of small ${i}`, board: small.slug })).documentId);
    const bigPosts: string[] = [];
    for (let i = 1; i <= 3; i++) bigPosts.push((await memberPost(url, members[i % 3].jwt, { title: `Big ${i}`, body: `Body of big ${i}`, board: big.slug })).documentId);
    const closed = (await memberPost(url, members[0].jwt, { title: 'On a board that closes', body: 'Body', board: closing.slug })).documentId;

    const comment = (post: string, member: number, body: string) => ok(call(url, 'POST', `/api/posts/${post}/comments`, { data: { body } }, members[member].jwt), 'commenting');
    await comment(posts[1], 0, 'One');
    await comment(posts[1], 2, 'Two');
    const hidden = await comment(posts[1], 1, 'Hidden by an editor');
    await ok(call(url, 'PUT', `/hive-smt/curation/comments/${hidden.data.documentId}`, { hidden: true }, admin), 'hiding a comment');
    await comment(posts[3], 0, 'Three');
    await comment(bigPosts[0], 1, 'Four');
    const like = (post: string, member: number) => ok(call(url, 'POST', `/api/posts/${post}/like`, {}, members[member].jwt), 'liking');
    await like(posts[1], 0);
    await like(posts[1], 2);
    await like(posts[4], 1);
    await like(bigPosts[2], 0);
    const feature = (documentId: string, until?: string) => ok(call(url, 'POST', '/hive-smt/curation/featured', { documentId, until }, admin), 'featuring');
    await feature(posts[2]);
    await feature(posts[0], new Date(now + 30 * 86_400_000).toISOString());
    await feature(bigPosts[1]);
    await feature(closed);
    await ok(call(url, 'PUT', `/content-manager/collection-types/api::board.board/${closing.documentId}`, { active: false }, admin), 'closing a board');
    deleted = posts[5];
    await ok(call(url, 'DELETE', `/api/posts/${deleted}`, undefined, members[6 % 3].jwt), 'deleting a post');

    before = { small: await readBoard(url, small.slug), featured: idsAndItems(await allPages(url, '/api/featured', 2)) };
    await stop();

    // Months of an earlier version: a big board, curation and comments that no feed table ever saw.
    const authors = (await db.query(`SELECT id FROM up_users ORDER BY id`)).map((r) => Number(r.id));
    grown = await db.grow({ boardId: big.id, authorIds: authors, posts: GROWN_POSTS, newestMs: now - 3_600_000 });
    await writeHistory(db, grown, now);
    await forgetFeedTable(db);
    await boot();
  }, 420000);

  afterAll(async () => {
    await stop();
    await drop?.();
  }, 60000);

  it('lists every post of the big board once, newest first with ties by documentId, across cursors', async () => {
    const oracle = await oraclePosts(db);
    const want = expected.board(oracle, big.id).map((p) => p.documentId);
    expect(want).toHaveLength(GROWN_POSTS + 3);
    for (const limit of [50, 7]) {
      const pages = await allPages(app!.url, `/api/feed?board=${big.slug}`, limit);
      expect(idsOf(pages)).toEqual(want);
      expect(pages[pages.length - 1].meta.nextCursor).toBeNull();
    }
    const first = (await call(app!.url, 'GET', `/api/feed?board=${big.slug}&limit=50`)).body.data;
    expect(first.find((item: any) => item.documentId === grown[0])).toMatchObject({ title: 'Scale post 1', board: { slug: big.slug }, excerpt: 'Summary of scale post 1.' });
  });

  it('puts the posts featured now first on the big board, by rank then newest, and the rest after', async () => {
    const oracle = await oraclePosts(db);
    const want = expected.boardFeaturedFirst(oracle, big.id, Date.now());
    const pages = await allPages(app!.url, `/api/feed?board=${big.slug}&featuredFirst=true`, 50);
    expect(idsOf(pages)).toEqual(want.map((p) => p.documentId));
    const flags = pages.flatMap((page) => page.data.map((item: any) => item.featured));
    expect(flags).toEqual(want.map((p) => featuredNow(p, Date.now())));
    // Ranked 0 and 5, two unranked, and the one featured over REST before the upgrade; not the window that closed.
    expect(flags.filter(Boolean)).toHaveLength(5);
  });

  it('lists the featured posts of active boards by rank, unranked last, without closed windows or closed boards', async () => {
    const oracle = await oraclePosts(db);
    const want = expected.featured(oracle, Date.now()).map((p) => p.documentId);
    for (const limit of [1, 3, 50]) expect(idsOf(await allPages(app!.url, '/api/featured', limit))).toEqual(want);
    expect(want).toEqual(expect.arrayContaining([grown[10], grown[20], grown[40], grown[1500]]));
    expect(want).not.toContain(grown[30]);
    expect(want).not.toContain(grown[50]);
  });

  it('counts visible comments and likes of every post as Strapi\'s tables do', async () => {
    const oracle = new Map((await oraclePosts(db)).map((p) => [p.documentId, p]));
    const items = (await allPages(app!.url, `/api/feed?board=${big.slug}`, 50)).flatMap((page) => page.data);
    const counts = (item: any) => ({ id: item.documentId, comments: item.commentCount, likes: item.likeCount });
    expect(items.map(counts)).toEqual(items.map((item: any) => ({ id: item.documentId, comments: oracle.get(item.documentId)!.comments, likes: oracle.get(item.documentId)!.likes })));
    expect(items.filter((item: any) => item.commentCount > 0).length).toBeGreaterThan(GROWN_POSTS / 9 - 2);
  });

  it('answers the board and the featured items written before the upgrade exactly as before it', async () => {
    expect(await readBoard(app!.url, 'upgrade-small')).toEqual(before.small);
    expect(idsOf(before.small['false/20'])).not.toContain(deleted);
    expect(before.small['false/20'][0].data.length).toBe(5);
    const now = idsAndItems(await allPages(app!.url, '/api/featured', 2));
    for (const [id, item] of before.featured) expect(now.find(([other]) => other === id)?.[1]).toEqual(item);
  });

  it('lists each published post once in the feed table, and fills it again over itself without changing a row', async () => {
    const oracle = await oraclePosts(db);
    const rows = await feedTableRows(db);
    expect(rows.map((r) => r.document_id)).toEqual(oracle.map((p) => p.documentId).sort());
    const pagesBefore = await allPages(app!.url, `/api/feed?board=${big.slug}`, 50);
    await stop();
    // The next boot runs the migration again (as if its record were lost), over the table it filled.
    await forgetFeedMigration(db);
    await boot();
    expect(await feedTableRows(db)).toEqual(rows);
    expect(await db.query(`SELECT name FROM strapi_migrations WHERE name = ?`, [FEED_MIGRATION])).toHaveLength(1);
    expect(await allPages(app!.url, `/api/feed?board=${big.slug}`, 50)).toEqual(pagesBefore);
    // And a plain second boot: nothing runs, nothing changes.
    await stop();
    await boot();
    expect(await feedTableRows(db)).toEqual(rows);
    expect(await allPages(app!.url, `/api/feed?board=${big.slug}`, 50)).toEqual(pagesBefore);
  }, 240000);
}

const idsAndItems = (pages: any[]): Array<[string, any]> => pages.flatMap((page) => page.data.map((item: any) => [item.documentId, item] as [string, any]));
