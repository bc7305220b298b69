import type { Knex } from 'knex';
import { likePattern } from './terms';
import type { SearchHit, SearchRequest, SearchTables } from './types';

export const TRGM_INDEX = 'posts_search_trgm';

/**
 * PostgreSQL: pg_trgm's GIN index over title and body of published rows
 * makes ILIKE '%term%' an index search. Creating the extension needs a
 * privileged role the first time; without it search still answers, by scan.
 */
export async function ensurePostgresIndex(knex: Knex, t: SearchTables, log: (line: string) => void): Promise<'ready' | 'no-trigram'> {
  try {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await knex.raw(`CREATE INDEX IF NOT EXISTS ${TRGM_INDEX} ON ${t.posts} USING gin ((coalesce(title, '') || ' ' || coalesce(body, '')) gin_trgm_ops) WHERE published_at IS NOT NULL`);
    return 'ready';
  } catch (error) {
    log(`Search: no pg_trgm index (${(error as Error).message}); searching by scan. A superuser can run CREATE EXTENSION pg_trgm once.`);
    return 'no-trigram';
  }
}

/** Every term somewhere in the title or body; titles holding every term first, then the newest. */
export async function searchPostgres(knex: Knex, t: SearchTables, request: SearchRequest): Promise<SearchHit[]> {
  const text = `(coalesce(p.title, '') || ' ' || coalesce(p.body, ''))`;
  const q = knex(`${t.posts} as p`)
    .join(`${t.postBoard.table} as pb`, `pb.${t.postBoard.own}`, 'p.id')
    .join(`${t.boards} as b`, 'b.id', `pb.${t.postBoard.other}`)
    .whereNotNull('p.published_at')
    .where('b.active', true)
    .select('p.id', 'p.document_id as documentId', 'p.title', 'p.body', 'p.published_at as publishedAt', 'b.slug as boardSlug', 'b.name as boardName');
  if (request.boardSlug) q.where('b.slug', request.boardSlug);
  for (const term of request.terms) q.whereRaw(`${text} ILIKE ?`, [likePattern(term)]);
  const inTitle = request.terms.map(() => `p.title ILIKE ?`).join(' AND ');
  return q
    .orderByRaw(`CASE WHEN ${inTitle} THEN 0 ELSE 1 END`, request.terms.map(likePattern))
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(request.limit + 1)
    .offset(request.offset);
}
