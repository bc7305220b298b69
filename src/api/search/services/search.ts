import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { decodeCursor, encodeCursor } from '../../feed/lib/cursor';
import { markdownToPlainText } from '../../feed/lib/excerpt';
import { searchTerms } from '../../../search/terms';
import { highlight, snippet } from '../../../search/snippet';
import { ensureSqliteIndex, searchSqlite } from '../../../search/sqlite-index';
import { ensurePostgresIndex, searchPostgres } from '../../../search/postgres-index';
import type { SearchTables } from '../../../search/types';

const POST = 'api::post.post';
const BOARD = 'api::board.board';
/** Results past this many are not paged to: a reader refines the words instead (and deep offsets cost). */
export const MAX_SEARCH_OFFSET = 1000;

function tables(strapi: Core.Strapi): SearchTables {
  const post: any = strapi.db.metadata.get(POST as any);
  const board: any = strapi.db.metadata.get(BOARD as any);
  const join = post.attributes.board.joinTable;
  return { posts: post.tableName, boards: board.tableName, postBoard: { table: join.name, own: join.joinColumn.name, other: join.inverseJoinColumn.name } };
}

const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

/** Search over titles and bodies of the posts readers can see, ranked, with highlighted snippets. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensureIndex() {
    const knex = strapi.db.connection;
    return isPostgres(strapi) ? ensurePostgresIndex(knex, tables(strapi), (l) => strapi.log.warn(l)) : ensureSqliteIndex(knex, tables(strapi));
  },

  async search({ q, board, cursor, limit }: { q: string; board?: string; cursor?: string; limit: number }) {
    const terms = searchTerms(q);
    if (terms.length === 0) {
      throw new errors.ValidationError('Search for words or characters, not only punctuation.', { errors: [{ path: ['q'], message: 'No words to search for', name: 'ValidationError' }] });
    }
    const list = `search:${board ?? ''}:${terms.join(' ')}`;
    const offset = cursor ? Number(decodeCursor(cursor, list, ['n'])[0]) : 0;
    if (offset < 0 || offset > MAX_SEARCH_OFFSET) throw new errors.ValidationError('This cursor is not valid: start again without "cursor".');
    const request = { terms, boardSlug: board, offset, limit };
    const rows = isPostgres(strapi) ? await searchPostgres(strapi.db.connection, tables(strapi), request) : await searchSqlite(strapi.db.connection, tables(strapi), request);
    const page = rows.slice(0, limit);
    const next = offset + limit;
    return {
      data: page.map((row) => ({
        documentId: row.documentId,
        title: row.title,
        titleHtml: highlight(row.title, terms),
        snippetHtml: snippet(markdownToPlainText(row.body ?? ''), terms),
        board: { slug: row.boardSlug, name: row.boardName },
        publishedAt: new Date(row.publishedAt).toISOString(),
      })),
      meta: { nextCursor: rows.length > limit && next <= MAX_SEARCH_OFFSET ? encodeCursor(list, [next]) : null, limit },
    };
  },
});
