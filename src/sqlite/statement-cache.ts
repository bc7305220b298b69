/**
 * better-sqlite3 connections that keep the statements they prepared.
 *
 * knex's better-sqlite3 dialect prepares every query anew (`connection.prepare(sql)`),
 * so SQLite parses and plans the same few hundred statements of Strapi and the
 * app on every request: in a profile of comments and publishes on the bench's
 * big database, preparing was the largest single cost after the commits. A
 * prepared statement can be run again with other bindings, and SQLite prepares
 * it again by itself when the schema changed under it (sqlite3_prepare_v3), so
 * the connection hands back the one it prepared for the same SQL.
 *
 * Bounded: the least recently used statement is dropped past `max` (what a
 * statement holds is freed when it is garbage-collected). knex runs one query
 * at a time per connection and reads each statement's rows in full
 * (`all`/`run`), so a statement is never in use twice at once.
 */
export interface Preparing<S> {
  prepare(sql: string): S;
}

/** How many statements a connection keeps: the app and Strapi run a few hundred distinct ones. */
export const STATEMENTS_KEPT = 2000;

export function keepPreparedStatements<S, C extends Preparing<S>>(connection: C, max = STATEMENTS_KEPT): C {
  const prepare = connection.prepare.bind(connection);
  const kept = new Map<string, S>();
  connection.prepare = (sql: string): S => {
    const statement = kept.get(sql);
    if (statement !== undefined) {
      // Most recently used last: the first key is the one to drop.
      kept.delete(sql);
      kept.set(sql, statement);
      return statement;
    }
    const prepared = prepare(sql);
    kept.set(sql, prepared);
    if (kept.size > max) kept.delete(kept.keys().next().value as string);
    return prepared;
  };
  return connection;
}
