import { documented } from '../../../openapi/registry';
import { searchPageSchema } from '../../../openapi/community-schemas';
import { searchQuerySchema } from '../../../validation/search';

export default {
  routes: [
    {
      method: 'GET',
      path: '/search',
      handler: 'search.find',
      config: {
        auth: false,
        openapi: documented({
          summary: 'Search posts',
          description:
            'Titles and bodies of published posts on active boards; every word must occur (Chinese is found inside words: 花园 finds 学校花园). Best matches first ' +
            '(SQLite: bm25 over a trigram index, titles weighing more; PostgreSQL: titles first, then newest). `titleHtml` and `snippetHtml` mark matches with <mark> and are otherwise escaped. ' +
            'Cursor pagination: pass `meta.nextCursor` as `cursor`, up to 1,000 results.',
          tags: ['Search'],
          access: 'public',
          query: searchQuerySchema,
          responses: { 200: { description: 'One page of results.', schema: searchPageSchema }, 400: { description: 'No query, one too long, a bad board slug, cursor or limit.' } },
        }),
      },
    },
  ],
};
