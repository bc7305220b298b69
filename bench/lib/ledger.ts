/**
 * Writes counted in the database afterwards, read-only beside the running app
 * (WAL: never waits for its writer).
 */
import Database from 'better-sqlite3';

/**
 * What the plugin's tables hold — active like rows (one per member and post),
 * ledger events by type (null where a table is not there: an older build) —
 * and the comment rows.
 */
export function ledgerCounts(file: string): { likeRows: number | null; likeEvents: number | null; commentEvents: number | null; comments: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const has = (table: string) => Boolean(db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table));
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      likeRows: has('hive_smt_likes') ? count(`SELECT COUNT(*) AS n FROM hive_smt_likes WHERE active = 1`) : null,
      likeEvents: has('hive_smt_ledger_events') ? count(`SELECT COUNT(*) AS n FROM hive_smt_ledger_events WHERE type = 'like'`) : null,
      commentEvents: has('hive_smt_ledger_events') ? count(`SELECT COUNT(*) AS n FROM hive_smt_ledger_events WHERE type = 'comment'`) : null,
      comments: count('SELECT COUNT(*) AS n FROM comments'),
    };
  } finally {
    db.close();
  }
}
