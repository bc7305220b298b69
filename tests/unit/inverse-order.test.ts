import knexFactory from 'knex';
import Database from 'better-sqlite3';
import { inverseOrderIndex, inverseOrders, matchersFor, quoteFor, rewriteMaxQuery, type InverseOrder } from '../../src/relations/inverse-order';

const target: InverseOrder = { table: 'posts_board_lnk', column: 'board_id', order: 'post_ord' };

/** The query as Strapi's entity manager builds it (createRelations / updateRelations), in a dialect's knex. */
function strapiMaxQuery(client: 'better-sqlite3' | 'pg', ids: number[], schema?: string) {
  const base = knexFactory({ client, useNullAsDefault: true });
  // Strapi's db.getConnection() names the schema when one is configured (PostgreSQL: `public` in config/database.ts).
  const knex = schema ? base.withSchema(schema) : base;
  return knex.select(target.column).max(target.order, { as: 'max' }).whereIn(target.column, ids).where({}).groupBy(target.column).from(target.table).toSQL();
}

describe("Strapi's inverse-order max, rewritten to an index seek", () => {
  it('finds the join tables with an inverse order column in the metadata, once each', () => {
    const board = { type: 'relation', joinTable: { name: 'posts_board_lnk', inverseJoinColumn: { name: 'board_id' }, inverseOrderColumnName: 'post_ord' } };
    const models = [
      { attributes: { board, author: { type: 'relation', joinTable: { name: 'posts_author_lnk', inverseJoinColumn: { name: 'user_id' } } }, title: { type: 'string' } } },
      { attributes: { posts: { type: 'relation', joinTable: { ...board.joinTable } } } },
      { attributes: { related: { type: 'relation', joinTable: { name: 'files_related_mph', inverseJoinColumn: { name: 'x' }, inverseOrderColumnName: 'o', on: { field: 'f' } } } } },
    ];
    expect(inverseOrders(models)).toEqual([target]);
    expect(inverseOrderIndex(target).sql).toBe('CREATE INDEX IF NOT EXISTS posts_board_lnk_inv_ord_idx ON posts_board_lnk (board_id, post_ord)');
  });

  it.each([
    ['better-sqlite3', undefined],
    ['pg', undefined],
    ['pg', 'public'],
  ] as const)('recognises the SQL knex builds for %s (schema %s), for one id and several', (client, schema) => {
    const quote = quoteFor(client === 'pg' ? 'postgres' : 'sqlite');
    const matchers = matchersFor([target], quote);
    for (const ids of [[7], [7, 8, 9]]) {
      const { sql, bindings } = strapiMaxQuery(client, ids, schema);
      const rewritten = rewriteMaxQuery(sql, bindings, matchers, quote);
      expect(rewritten).not.toBeNull();
      expect(rewritten!.bindings).toEqual(ids);
      expect(rewritten!.sql.split(' union all ')).toHaveLength(ids.length);
      expect(rewritten!.sql).toContain(`order by ${quote('post_ord')} desc limit 1`);
      expect(rewritten!.sql).toContain(`from ${schema ? `${quote(schema)}.` : ''}${quote('posts_board_lnk')} where`);
    }
  });

  it('leaves every other query as it is', () => {
    const quote = quoteFor('sqlite');
    const matchers = matchersFor([target], quote);
    const knex = knexFactory({ client: 'better-sqlite3', useNullAsDefault: true });
    const others = [
      knex.select('board_id').max('post_ord', { as: 'max' }).whereIn('board_id', [1]).groupBy('board_id').from('comments_parent_lnk').toSQL(),
      knex.select('board_id').min('post_ord', { as: 'max' }).whereIn('board_id', [1]).groupBy('board_id').from('posts_board_lnk').toSQL(),
      knex.select('board_id').max('post_ord', { as: 'max' }).whereIn('board_id', [1]).where('post_id', 3).groupBy('board_id').from('posts_board_lnk').toSQL(),
      knex('posts_board_lnk').where('board_id', 1).select('*').toSQL(),
    ];
    for (const { sql, bindings } of others) expect(rewriteMaxQuery(sql, bindings, matchers, quote)).toBeNull();
  });

  it('gives Strapi the order it would compute (max + 1 per id, 1 for none) on a real SQLite table', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE posts_board_lnk (id integer primary key, post_id integer, board_id integer, post_ord float)');
    const insert = db.prepare('INSERT INTO posts_board_lnk (post_id, board_id, post_ord) VALUES (?, ?, ?)');
    [
      [1, 1, 1],
      [2, 1, 5],
      [3, 1, 2.5],
      [4, 2, null],
      [5, 3, 9],
      [6, 3, null],
    ].forEach((row) => insert.run(...row));
    db.exec(inverseOrderIndex(target).sql);
    const quote = quoteFor('sqlite');
    const ids = [1, 2, 3, 4];
    const original = strapiMaxQuery('better-sqlite3', ids);
    const rewritten = rewriteMaxQuery(original.sql, original.bindings, matchersFor([target], quote), quote)!;
    const orderMap = (rows: any[]) => Object.fromEntries(ids.map((id) => [id, (rows.find((r) => r.board_id === id)?.max || 0) + 1]));
    const before = db.prepare(original.sql).all(...(original.bindings as number[]));
    const after = db.prepare(rewritten.sql).all(...(rewritten.bindings as number[]));
    expect(orderMap(after)).toEqual(orderMap(before));
    expect(orderMap(after)).toEqual({ 1: 6, 2: 1, 3: 10, 4: 1 });
    // One seek per id on the index, no scan of the board's links.
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${rewritten.sql}`).all(...(rewritten.bindings as number[])) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toContain('posts_board_lnk_inv_ord_idx');
  });
});
