import type { Knex } from 'knex';
import { charLength, fts5Match, likePattern, TRIGRAM } from './terms';
import type { SearchTables, SearchHit, SearchRequest } from './types';

export const FTS_TABLE = 'post_search';
const TRIGGERS = ['post_search_ai', 'post_search_ad', 'post_search_au'];

/**
 * SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34) holding
 * the title and body of every published post row, kept by triggers on the
 * posts table, so every write path — Document Service, raw SQL, a migration —
 * keeps it true. Trigrams index any script, so 花园 is found inside 学校花园日.
 * Strapi may rebuild the posts table when its schema changes (SQLite alters
 * by copying), which drops triggers: each start checks them and, when one is
 * missing, rebuilds the index from the table.
 */
export async function ensureSqliteIndex(knex: Knex, t: SearchTables): Promise<'ready' | 'rebuilt'> {
  await knex.raw(`CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS_TABLE} USING fts5(title, body, tokenize = 'trigram')`);
  const existing: Array<{ name: string }> = await knex('sqlite_master').where({ type: 'trigger' }).whereIn('name', TRIGGERS).select('name');
  if (existing.length === TRIGGERS.length) return 'ready';
  const { posts } = t;
  await knex.transaction(async (trx) => {
    for (const name of TRIGGERS) await trx.raw(`DROP TRIGGER IF EXISTS ${name}`);
    await trx.raw(
      `CREATE TRIGGER post_search_ai AFTER INSERT ON ${posts} WHEN new.published_at IS NOT NULL BEGIN
         INSERT INTO ${FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
       END`,
    );
    await trx.raw(`CREATE TRIGGER post_search_ad AFTER DELETE ON ${posts} BEGIN DELETE FROM ${FTS_TABLE} WHERE rowid = old.id; END`);
    await trx.raw(
      `CREATE TRIGGER post_search_au AFTER UPDATE OF title, body, published_at ON ${posts} BEGIN
         DELETE FROM ${FTS_TABLE} WHERE rowid = old.id;
         INSERT INTO ${FTS_TABLE}(rowid, title, body) SELECT new.id, new.title, new.body WHERE new.published_at IS NOT NULL;
       END`,
    );
    await trx.raw(`DELETE FROM ${FTS_TABLE}`);
    await trx.raw(`INSERT INTO ${FTS_TABLE}(rowid, title, body) SELECT id, title, body FROM ${posts} WHERE published_at IS NOT NULL`);
  });
  return 'rebuilt';
}

/**
 * Published posts of active boards matching every term, best first. With a
 * term of three characters or more the trigram index drives the query (a
 * CROSS JOIN keeps SQLite's planner from scanning posts first): matches are
 * ranked by bm25, the title weighing five times the body, and shorter terms
 * filter them by LIKE. With short terms only (a two-character Chinese word),
 * the published posts are scanned with LIKE: titles that match first, then
 * the newest.
 */
export async function searchSqlite(knex: Knex, t: SearchTables, request: SearchRequest): Promise<SearchHit[]> {
  const long = request.terms.filter((term) => charLength(term) >= TRIGRAM);
  const short = request.terms.filter((term) => charLength(term) < TRIGRAM);
  const q = long.length
    ? knex.from(knex.raw(`${FTS_TABLE} AS s CROSS JOIN ${t.posts} AS p ON p.id = s.rowid`)).whereRaw(`${FTS_TABLE} MATCH ?`, [fts5Match(long)])
    : knex.from(`${t.posts} as p`).whereNotNull('p.published_at');
  q.join(`${t.postBoard.table} as pb`, `pb.${t.postBoard.own}`, 'p.id')
    .join(`${t.boards} as b`, 'b.id', `pb.${t.postBoard.other}`)
    .where('b.active', true)
    .select('p.id', 'p.document_id as documentId', 'p.title', 'p.body', 'p.published_at as publishedAt', 'b.slug as boardSlug', 'b.name as boardName');
  if (request.boardSlug) q.where('b.slug', request.boardSlug);
  for (const term of short) q.where((w) => w.whereRaw(`p.title LIKE ? ESCAPE '\\'`, [likePattern(term)]).orWhereRaw(`p.body LIKE ? ESCAPE '\\'`, [likePattern(term)]));
  if (long.length) q.select(knex.raw(`bm25(${FTS_TABLE}, 5.0, 1.0) as score`)).orderBy('score', 'asc');
  else {
    const inTitle = short.map(() => `p.title LIKE ? ESCAPE '\\'`).join(' AND ');
    q.orderByRaw(`CASE WHEN ${inTitle} THEN 0 ELSE 1 END`, short.map(likePattern)).orderBy('p.published_at', 'desc');
  }
  return q.orderBy('p.id', 'desc').limit(request.limit + 1).offset(request.offset);
}
