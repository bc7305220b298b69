/**
 * Strapi 5 keeps the order of a relation's "many" side in its join table (the
 * inverse order column: a board's posts in `posts_board_lnk.post_ord`). Every
 * time a row is linked — each new post, twice, for its draft and its
 * published row — Strapi asks for the largest order so far:
 *
 *   select board_id, max(post_ord) as max from posts_board_lnk
 *   where board_id in (?) group by board_id
 *
 * Neither SQLite nor PostgreSQL answers a grouped max from an index: both read
 * every link of the board, so a publish on a 100,000-post board spent ~40 ms of
 * the (single) SQLite connection on this alone. The same answer, per id, is
 * one step down an index on (join column, order column):
 *
 *   select board_id, post_ord as max from (select … where board_id = ?
 *     and post_ord is not null order by post_ord desc limit 1)
 *
 * The rewrite answers no row for an id whose links all have no order, where
 * Strapi's query answers a row with max null: Strapi reads both as "no order
 * yet" (the new link gets 1), so what it writes is the same.
 */

/** One join table with an inverse order column, as Strapi's metadata names it. */
export interface InverseOrder {
  table: string;
  /** The column Strapi groups by (the "one" side: board_id). */
  column: string;
  /** The order column (post_ord). */
  order: string;
}

interface JoinTableMeta {
  name?: string;
  inverseJoinColumn?: { name?: string };
  inverseOrderColumnName?: string;
  on?: unknown;
}

/** Join tables with an inverse order column, from Strapi's metadata (once per table: both sides may name it). */
export function inverseOrders(models: Iterable<{ attributes: Record<string, any> }>): InverseOrder[] {
  const out = new Map<string, InverseOrder>();
  for (const model of models) {
    for (const attribute of Object.values(model.attributes ?? {})) {
      const joinTable: JoinTableMeta | undefined = attribute?.type === 'relation' ? attribute.joinTable : undefined;
      // Polymorphic and filtered join tables (`on`) are left as Strapi queries them.
      if (!joinTable?.name || !joinTable.inverseOrderColumnName || !joinTable.inverseJoinColumn?.name || joinTable.on) continue;
      out.set(joinTable.name, { table: joinTable.name, column: joinTable.inverseJoinColumn.name, order: joinTable.inverseOrderColumnName });
    }
  }
  return [...out.values()];
}

/** The index that makes the rewritten query a seek: its name is ours (Strapi's schema sync drops only indexes it made). */
export function inverseOrderIndex(target: InverseOrder): { name: string; sql: string } {
  const name = `${target.table}_inv_ord_idx`;
  return { name, sql: `CREATE INDEX IF NOT EXISTS ${name} ON ${target.table} (${target.column}, ${target.order})` };
}

export type Quote = (identifier: string) => string;

/** knex quotes with double quotes on PostgreSQL (Strapi's dialect `postgres`), with backticks on SQLite and MySQL. */
export const quoteFor = (dialect: string): Quote => (dialect === 'postgres' ? (id) => `"${id}"` : (id) => `\`${id}\``);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The SQL knex builds for Strapi's max query on this table, as a regex: group 1
 * is the schema prefix (`"public".` on PostgreSQL, where Strapi names the
 * schema; empty on SQLite), group 2 the list of `?`.
 */
export function maxQueryPattern(target: InverseOrder, quote: Quote): RegExp {
  const e = (sql: string) => escapeRegExp(sql);
  const c = e(quote(target.column));
  // Any quoted name and a dot, or nothing: the schema.
  const schema = `((?:${e(quote('@')).replace('@', '[^`"]+')}\\.)?)`;
  return new RegExp(`^select ${c}, max\\(${e(quote(target.order))}\\) as ${e(quote('max'))} from ${schema}${e(quote(target.table))} where ${c} in \\((\\?(?:, \\?)*)\\) group by ${c}$`);
}

export interface Matcher {
  target: InverseOrder;
  pattern: RegExp;
}

export const matchersFor = (targets: InverseOrder[], quote: Quote): Matcher[] => targets.map((target) => ({ target, pattern: maxQueryPattern(target, quote) }));

/** The indexed form of Strapi's grouped max, or null when the SQL is anything else. */
export function rewriteMaxQuery(sql: string, bindings: readonly unknown[], matchers: Matcher[], quote: Quote): { sql: string; bindings: unknown[] } | null {
  if (!sql.startsWith('select ') || !sql.includes(' group by ')) return null;
  for (const { target, pattern } of matchers) {
    const match = pattern.exec(sql);
    if (!match) continue;
    const [, schema, list] = match;
    const count = list.split(',').length;
    if (count !== bindings.length) return null;
    const c = quote(target.column);
    const o = quote(target.order);
    const one = (i: number) => `select * from (select ${c}, ${o} as ${quote('max')} from ${schema}${quote(target.table)} where ${c} = ? and ${o} is not null order by ${o} desc limit 1) as ${quote(`m${i}`)}`;
    return { sql: bindings.map((_, i) => one(i)).join(' union all '), bindings: [...bindings] };
  }
  return null;
}
