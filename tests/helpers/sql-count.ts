import { AsyncLocalStorage } from 'async_hooks';
import Database from 'better-sqlite3';
import type { Core } from '@strapi/strapi';

/**
 * Every SQL statement a piece of code runs, whether through knex (the query
 * layer, the plugin) or through a better-sqlite3 statement of its own (the
 * feed's read connection) — and only that code's, not what background
 * workers run meanwhile (each run has its own async context).
 */
export function sqlRecorder(strapi: Core.Strapi) {
  const context = new AsyncLocalStorage<string[]>();
  const onQuery = (q: { sql: string }) => context.getStore()?.push(q.sql);
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('select 1'));
  probe.close();
  const originals: Record<string, (...args: any[]) => unknown> = {};
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const original = statement[method];
    originals[method] = original;
    statement[method] = function recorded(this: { source: string }, ...args: unknown[]) {
      // A connection's opening PRAGMAs are not the code's queries.
      if (!/^\s*PRAGMA/i.test(this.source)) context.getStore()?.push(this.source);
      return original.apply(this, args);
    };
  }
  strapi.db.connection.on('query', onQuery);
  return {
    async run<T>(fn: () => Promise<T>): Promise<{ sql: string[]; result: T }> {
      const sql: string[] = [];
      const result = await context.run(sql, fn);
      return { sql, result };
    },
    stop() {
      strapi.db.connection.off('query', onQuery);
      for (const [method, original] of Object.entries(originals)) statement[method] = original;
    },
  };
}
