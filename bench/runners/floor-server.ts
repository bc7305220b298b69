/**
 * The floor: a bare Koa + better-sqlite3 server answering the feed's page and
 * a post's detail with the same SQL the app runs (src/api/feed/lib/queries.ts,
 * written out by hand on Strapi 5's tables), on a read-only copy of the same
 * database. No framework, no permissions, no hooks: what the hardware allows.
 * Environment: BENCH_FLOOR_DB, HOST, PORT. Prints "READY <port>".
 */
import Database from 'better-sqlite3';
import Koa from 'koa';

const FEED_SQL = `
SELECT * FROM (
  SELECT p.document_id, p.title, p.slug, p.excerpt, p.tags, p.published_at,
         u.username AS author_username, u.display_name AS author_display_name,
         b.slug AS board_slug, b.name AS board_name, f.url AS cover_url, f.formats AS cover_formats,
         CASE WHEN p.excerpt IS NULL OR p.excerpt = '' THEN substr(p.body, 1, 600) END AS body_head,
         CASE WHEN (p.featured = 1 AND (p.featured_until IS NULL OR p.featured_until > @now)) THEN 1 ELSE 0 END AS featured_now,
         p.published_at AS k_published, p.document_id AS k_document
  FROM posts AS p
  JOIN posts_board_lnk AS pb ON pb.post_id = p.id
  JOIN boards AS b ON b.id = pb.board_id
  LEFT JOIN posts_author_lnk AS pa ON pa.post_id = p.id
  LEFT JOIN up_users AS u ON u.id = pa.user_id
  LEFT JOIN files_related_mph AS fm ON fm.related_id = p.id AND fm.related_type = 'api::post.post' AND fm.field = 'cover'
  LEFT JOIN files AS f ON f.id = fm.file_id
  WHERE p.published_at IS NOT NULL AND b.active = 1 AND b.slug = @board
) AS q
ORDER BY k_published DESC, k_document DESC
LIMIT @limit`;

const COUNTS_SQL = (n: number) => `
SELECT p.document_id, COUNT(DISTINCT c.id) AS n
FROM comments AS c
JOIN comments_post_lnk AS cp ON cp.comment_id = c.id
JOIN posts AS p ON p.id = cp.post_id
WHERE p.document_id IN (${Array(n).fill('?').join(',')}) AND (c.hidden = 0 OR c.hidden IS NULL)
GROUP BY p.document_id`;

const DETAIL_SQL = `
SELECT p.document_id, p.title, p.slug, p.body, p.excerpt, p.tags, p.published_at, p.featured,
       u.username AS author_username, u.display_name AS author_display_name,
       b.slug AS board_slug, b.name AS board_name, f.url AS cover_url
FROM posts AS p
JOIN posts_board_lnk AS pb ON pb.post_id = p.id
JOIN boards AS b ON b.id = pb.board_id
LEFT JOIN posts_author_lnk AS pa ON pa.post_id = p.id
LEFT JOIN up_users AS u ON u.id = pa.user_id
LEFT JOIN files_related_mph AS fm ON fm.related_id = p.id AND fm.related_type = 'api::post.post' AND fm.field = 'cover'
LEFT JOIN files AS f ON f.id = fm.file_id
WHERE p.document_id = ? AND p.published_at IS NOT NULL AND b.active = 1
LIMIT 1`;

const iso = (v: unknown) => (v == null ? null : new Date(Number(v)).toISOString());
const json = (v: unknown) => {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
};

function main() {
  const db = new Database(process.env.BENCH_FLOOR_DB!, { readonly: true, fileMustExist: true });
  const feed = db.prepare(FEED_SQL);
  const detail = db.prepare(DETAIL_SQL);
  const counts = new Map<number, Database.Statement>();
  const countsFor = (n: number) => counts.get(n) ?? counts.set(n, db.prepare(COUNTS_SQL(n))).get(n)!;

  const app = new Koa();
  app.use(async (ctx) => {
    if (ctx.method !== 'GET') return void (ctx.status = 405);
    if (ctx.path === '/api/feed') {
      const board = String(ctx.query.board ?? '');
      const limit = Math.min(50, Math.max(1, Number(ctx.query.limit ?? 20) || 20));
      const rows = feed.all({ board, limit: limit + 1, now: Date.now() }) as any[];
      const page = rows.slice(0, limit);
      const n = new Map<string, number>();
      if (page.length) for (const r of countsFor(page.length).all(...page.map((p) => p.document_id)) as any[]) n.set(r.document_id, r.n);
      ctx.body = {
        data: page.map((r) => ({
          documentId: r.document_id,
          title: r.title,
          excerpt: r.excerpt || String(r.body_head ?? '').slice(0, 200),
          slug: r.slug,
          coverThumbnailUrl: r.cover_url,
          author: { displayName: r.author_display_name || r.author_username },
          board: { slug: r.board_slug, name: r.board_name },
          publishedAt: iso(r.published_at),
          tags: json(r.tags) ?? [],
          featured: Boolean(r.featured_now),
          likeCount: 0,
          commentCount: n.get(r.document_id) ?? 0,
          chain: null,
        })),
        meta: { nextCursor: rows.length > limit ? Buffer.from(JSON.stringify([page[page.length - 1].k_published, page[page.length - 1].k_document])).toString('base64url') : null },
      };
      return;
    }
    const m = ctx.path.match(/^\/api\/posts\/([^/]+)$/);
    if (m) {
      const r = detail.get(m[1]) as any;
      if (!r) {
        ctx.status = 404;
        ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found' } };
        return;
      }
      ctx.body = {
        data: {
          documentId: r.document_id,
          title: r.title,
          slug: r.slug,
          body: r.body,
          excerpt: r.excerpt,
          tags: json(r.tags) ?? [],
          publishedAt: iso(r.published_at),
          featured: Boolean(r.featured),
          author: { displayName: r.author_display_name || r.author_username },
          board: { slug: r.board_slug, name: r.board_name },
          coverUrl: r.cover_url,
        },
        meta: {},
      };
      return;
    }
    if (ctx.path === '/api/boards') {
      ctx.body = { data: db.prepare('SELECT document_id AS documentId, slug, name FROM boards WHERE active = 1').all(), meta: {} };
      return;
    }
    ctx.status = 404;
  });
  const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    process.stdout.write(`READY ${(server.address() as any).port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
