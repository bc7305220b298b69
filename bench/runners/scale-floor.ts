/**
 * The indexed floor of the scale section: node:http and one prepared
 * statement answering a board's feed page from the same rows the app reads —
 * the feed table's index range joined to Strapi's tables — on a copy of the
 * same database (better-sqlite3, or PostgreSQL with BENCH_FLOOR_PG). No
 * framework, no validation, no caches, no hooks: the cost of the data itself.
 * Environment: BENCH_FLOOR_DB (SQLite file) or BENCH_FLOOR_PG (URL), HOST,
 * PORT. Prints "READY <port>".
 */
import http from 'http';
import Database from 'better-sqlite3';
import { Pool } from 'pg';

const PAGE_SQL = (p: (n: number) => string) => `
SELECT fe.document_id, fe.comment_count, fe.published_ms,
       CASE WHEN fe.featured_live = 1 AND (fe.featured_until_ms IS NULL OR fe.featured_until_ms > ${p(1)}) THEN 1 ELSE 0 END AS featured_now,
       p.title, p.slug, p.excerpt, p.tags,
       CASE WHEN p.excerpt IS NULL OR p.excerpt = '' THEN substr(p.body, 1, 600) END AS body_head,
       u.username AS author_username, u.display_name AS author_display_name, f.url AS cover_url
FROM (SELECT * FROM feed_entries fe WHERE fe.board_id = ${p(2)} ORDER BY fe.published_ms DESC, fe.document_id DESC LIMIT ${p(3)}) fe
JOIN posts p ON p.id = fe.post_id
LEFT JOIN posts_author_lnk pa ON pa.post_id = p.id
LEFT JOIN up_users u ON u.id = pa.user_id
LEFT JOIN files_related_mph fm ON fm.related_id = p.id AND fm.related_type = 'api::post.post' AND fm.field = 'cover'
LEFT JOIN files f ON f.id = fm.file_id
ORDER BY fe.published_ms DESC, fe.document_id DESC`;

const BOARD_SQL = (p: (n: number) => string) => `SELECT id, slug, name FROM boards WHERE slug = ${p(1)} LIMIT 1`;

interface Store {
  board(slug: string): Promise<{ id: number; slug: string; name: string } | undefined>;
  page(boardId: number, limit: number): Promise<any[]>;
}

function sqliteStore(file: string): Store {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('query_only = ON');
  const board = db.prepare(BOARD_SQL(() => '?'));
  const page = db.prepare(PAGE_SQL(() => '?'));
  return {
    async board(slug) {
      return board.get(slug) as any;
    },
    async page(boardId, limit) {
      return page.all(Date.now(), boardId, limit);
    },
  };
}

function postgresStore(url: string): Store {
  const pool = new Pool({ connectionString: url, max: 10 });
  const dollar = (n: number) => `$${n}`;
  return {
    async board(slug) {
      return (await pool.query({ name: 'board', text: BOARD_SQL(dollar), values: [slug] })).rows[0];
    },
    async page(boardId, limit) {
      return (await pool.query({ name: 'page', text: PAGE_SQL(dollar), values: [Date.now(), boardId, limit] })).rows;
    },
  };
}

const json = (v: unknown) => {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
};

function main() {
  const store = process.env.BENCH_FLOOR_PG ? postgresStore(process.env.BENCH_FLOOR_PG) : sqliteStore(process.env.BENCH_FLOOR_DB!);
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://floor');
      if (req.method !== 'GET' || (url.pathname !== '/api/feed' && url.pathname !== '/api/boards')) {
        res.writeHead(404).end();
        return;
      }
      if (url.pathname === '/api/boards') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
        return;
      }
      const limit = Math.min(50, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
      const board = await store.board(url.searchParams.get('board') ?? '');
      if (!board) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"data":null,"error":{"status":404,"name":"NotFoundError","message":"Not Found"}}');
        return;
      }
      const rows = await store.page(board.id, limit + 1);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const body = JSON.stringify({
        data: page.map((r) => ({
          documentId: r.document_id,
          title: r.title,
          excerpt: r.excerpt || String(r.body_head ?? '').slice(0, 160),
          slug: r.slug,
          coverThumbnailUrl: r.cover_url ?? null,
          author: { displayName: r.author_display_name || r.author_username },
          board: { slug: board.slug, name: board.name },
          publishedAt: new Date(Number(r.published_ms)).toISOString(),
          tags: json(r.tags) ?? [],
          featured: Number(r.featured_now) === 1,
          likeCount: 0,
          commentCount: Number(r.comment_count),
          chain: null,
        })),
        meta: { nextCursor: rows.length > limit ? Buffer.from(JSON.stringify([Number(last.published_ms), last.document_id])).toString('base64url') : null, limit },
      });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 30_000;
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    process.stdout.write(`READY ${(server.address() as any).port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main();
