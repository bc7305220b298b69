/**
 * Readers' turns between a long write's queries, on SQLite.
 *
 * better-sqlite3 answers synchronously, and knex hands each answer back as an
 * already-settled promise. So a write made of many queries — a publish runs
 * about forty: validation lookups, the draft and published rows, relations,
 * the feed table, the chain job — goes from its first query to its commit as
 * one chain of microtasks, and the event loop serves nothing else meanwhile: a
 * feed page that the cache answers in a fraction of a millisecond waits for
 * the whole write. Under a steady stream of writes, that wait is the readers'
 * tail latency.
 *
 * Before a query, once the current turn of the event loop has run queries for
 * longer than a budget, the query waits for `setImmediate`: what arrived
 * meanwhile (readers' sockets, timers) runs first, then the write goes on. The
 * feed reads on its own read-only connection (src/api/feed/lib/reader.ts), so
 * a reader served in that gap never needs the writer's connection; a write
 * still holds its connection (and SQLite's write lock) across the gap, so its
 * transaction stays what it was. PostgreSQL needs none of this: its queries
 * wait on the network, which lets the event loop run.
 */

/** How long one turn of the event loop may run queries before letting others in: a few cached page answers' worth. */
export const TURN_BUDGET_MS = 2;

export interface TurnKeeper {
  /** Resolves at once while the turn is within budget; after setImmediate once it is over. */
  beforeQuery(): Promise<void> | undefined;
}

export function createTurnKeeper(budgetMs = TURN_BUDGET_MS, now: () => number = () => performance.now()): TurnKeeper {
  // When the running turn began its first query, or -1 when no turn is being timed. A turn ends when a
  // setImmediate scheduled at its first query runs: that is after every microtask of the turn.
  let turnStartedAt = -1;
  const endTurn = () => {
    turnStartedAt = -1;
  };
  return {
    beforeQuery() {
      const t = now();
      if (turnStartedAt < 0) {
        turnStartedAt = t;
        setImmediate(endTurn);
        return undefined;
      }
      if (t - turnStartedAt < budgetMs) return undefined;
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}

const WRAPPED = Symbol.for('quanzi.sqlite.fair-turns');

/**
 * Wraps knex's client `query` (the one place every query passes; a
 * transaction's client is built from the same prototype) so each query asks
 * the keeper first.
 */
export function shareTurnsBetweenQueries(clientPrototype: any, keeper: TurnKeeper = createTurnKeeper()): void {
  if (clientPrototype[WRAPPED]) return;
  const query = clientPrototype.query;
  clientPrototype.query = function (this: unknown, ...args: unknown[]) {
    const wait = keeper.beforeQuery();
    if (!wait) return query.apply(this, args);
    return wait.then(() => query.apply(this, args));
  };
  clientPrototype[WRAPPED] = true;
}
