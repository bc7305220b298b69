import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { Client } from 'pg';

/**
 * Cache invalidations between instances sharing one PostgreSQL database,
 * through PostgreSQL's own LISTEN/NOTIFY (no other server). Each instance
 * listens on one dedicated connection; a write announces the tags it changed
 * with pg_notify inside its transaction, which PostgreSQL delivers to every
 * listener when the transaction commits (and never when it rolls back), so
 * another instance forgets a page no later than the write becomes visible to
 * it — within the time a notification takes, a few milliseconds.
 *
 * A listener that loses its connection forgets everything when it is back
 * (it may have missed notifications), then listens again. On SQLite there is
 * one instance by construction: nothing to tell.
 */
export const INVALIDATION_CHANNEL = 'quanzi_cache_invalidation';

/** PostgreSQL refuses NOTIFY payloads from 8000 bytes on (async.c, NOTIFY_PAYLOAD_MAX_LENGTH); stay well below. */
const MAX_PAYLOAD_BYTES = 7000;

export interface InvalidationMessage {
  /** The instance that sent it (its own notifications come back to it too). */
  o: string;
  /** Tags to forget; null: everything. */
  t: string[] | null;
}

/** The notifications that carry these tags from `origin`, each within PostgreSQL's payload limit. */
export function encodeMessages(origin: string, tags: string[] | undefined): string[] {
  if (tags === undefined) return [JSON.stringify({ o: origin, t: null } satisfies InvalidationMessage)];
  const out: string[] = [];
  let batch: string[] = [];
  const encode = (t: string[]) => JSON.stringify({ o: origin, t } satisfies InvalidationMessage);
  for (const tag of tags) {
    if (Buffer.byteLength(encode([...batch, tag])) > MAX_PAYLOAD_BYTES && batch.length) {
      out.push(encode(batch));
      batch = [];
    }
    batch.push(tag);
  }
  if (batch.length) out.push(encode(batch));
  // A tag too long for any payload is sent as "everything": never dropped.
  return out.map((payload) => (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES ? JSON.stringify({ o: origin, t: null }) : payload));
}

/** A notification's tags (undefined: everything), or null when it is this instance's own or not ours. */
export function decodeMessage(payload: string, self: string): string[] | undefined | null {
  try {
    const message = JSON.parse(payload) as InvalidationMessage;
    if (message.o === self) return null;
    if (message.t === null) return undefined;
    return Array.isArray(message.t) ? message.t.filter((t) => typeof t === 'string') : undefined;
  } catch {
    return undefined;
  }
}

export interface InvalidationBus {
  readonly instanceId: string;
  /** Tells the other instances; inside `trx` when given (delivered at its commit). */
  announce(tags: string[] | undefined, trx?: Knex.Transaction): Promise<void>;
  stop(): Promise<void>;
}

const quiet: InvalidationBus = { instanceId: 'single', announce: async () => {}, stop: async () => {} };

export async function startInvalidationBus(strapi: Core.Strapi, onMessage: (tags: string[] | undefined) => void): Promise<InvalidationBus> {
  if (strapi.db.dialect.client !== 'postgres') return quiet;
  const instanceId = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const settings: any = strapi.config.get('database.connection.connection');
  let client: Client | null = null;
  let stopped = false;
  let retryMs = 200;
  let timer: NodeJS.Timeout | null = null;

  /** One listening connection; when it fails, another is tried until one works. */
  const connectOnce = async (): Promise<void> => {
    const next = new Client(typeof settings === 'string' ? { connectionString: settings } : { ...settings });
    const lost = (error?: Error) => {
      if (stopped || client !== next) return;
      client = null;
      strapi.log.warn(`[cluster] cache invalidation listener lost its connection${error ? `: ${error.message}` : ''}`);
      next.end().catch(() => {});
      scheduleReconnect();
    };
    next.on('notification', (message) => {
      if (message.channel !== INVALIDATION_CHANNEL || !message.payload) return;
      const tags = decodeMessage(message.payload, instanceId);
      if (tags !== null) onMessage(tags);
    });
    next.on('error', lost);
    next.on('end', () => lost());
    try {
      await next.connect();
      await next.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      next.removeAllListeners();
      next.on('error', () => {});
      await next.end().catch(() => {});
      throw error;
    }
    client = next;
  };

  const scheduleReconnect = () => {
    if (stopped || timer) return;
    timer = setTimeout(async () => {
      timer = null;
      try {
        await connectOnce();
        retryMs = 200;
        // Whatever was announced while the connection was down is unknown: forget everything.
        onMessage(undefined);
      } catch (error) {
        strapi.log.warn(`[cluster] cache invalidation listener: ${(error as Error).message}; retrying in ${retryMs} ms`);
        retryMs = Math.min(retryMs * 2, 10_000);
        scheduleReconnect();
      }
    }, retryMs);
    timer.unref();
  };

  await connectOnce();

  return {
    instanceId,
    async announce(tags, trx) {
      const knex = trx ?? strapi.db.connection;
      for (const payload of encodeMessages(instanceId, tags)) await knex.raw('select pg_notify(?, ?)', [INVALIDATION_CHANNEL, payload]);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      current?.removeAllListeners();
      current?.on('error', () => {});
      await current?.end().catch(() => {});
    },
  };
}
