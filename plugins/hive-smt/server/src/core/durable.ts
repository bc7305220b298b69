/**
 * Writes that must be on disk before the plugin acts on them — a chain job's
 * signed transaction, stored before it is sent, so a power cut after the send
 * can never lead to a second, different transaction.
 *
 * SQLite in WAL mode with synchronous=NORMAL (the app's choice for members'
 * writes: a commit waits for no disk sync) syncs its log only at checkpoints,
 * so a commit can be lost to a power cut (never to a crash of the process).
 * A commit made with synchronous=FULL syncs the log, and with it every commit
 * before it. So these writes run with FULL on the connection, one at a time
 * (two overlapping would let one restore NORMAL under the other), and the
 * connection's own setting is put back after. PostgreSQL commits durably.
 */
import type { Core } from '@strapi/strapi';

/** SQLite's synchronous levels (PRAGMA synchronous answers the number). */
export const SQLITE_SYNCHRONOUS_FULL = 2;

const queues = new WeakMap<object, Promise<unknown>>();

async function synchronousLevel(strapi: Core.Strapi): Promise<number> {
  const rows = (await strapi.db.connection.raw('PRAGMA synchronous')) as Array<{ synchronous: number }>;
  return Number(rows[0]?.synchronous ?? SQLITE_SYNCHRONOUS_FULL);
}

/** Runs `write` (outside any transaction: its own commit is the one synced) so that it is on disk when it returns. */
export async function durably<T>(strapi: Core.Strapi, write: () => Promise<T>): Promise<T> {
  if (strapi.db.dialect.client !== 'sqlite' || strapi.db.inTransaction()) return write();
  const key = strapi.db as unknown as object;
  const run = async () => {
    const level = await synchronousLevel(strapi);
    if (level >= SQLITE_SYNCHRONOUS_FULL) return write();
    await strapi.db.connection.raw(`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS_FULL}`);
    try {
      return await write();
    } finally {
      await strapi.db.connection.raw(`PRAGMA synchronous = ${level}`);
    }
  };
  const previous = queues.get(key) ?? Promise.resolve();
  const mine = previous.then(run, run);
  queues.set(
    key,
    mine.catch(() => undefined),
  );
  return mine;
}
