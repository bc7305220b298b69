import type { Knex } from 'knex';
import { REFILL_WINDOW_MS, secondsUntilToken } from './token-bucket';
import { TAKEN, type BucketCheck, type BucketStore, type TakeOutcome } from './store';

/**
 * The token buckets of every instance on one PostgreSQL database, in one
 * small table: a request's check-and-take is a single upsert, so two
 * instances spending the same member's bucket at the same moment queue on
 * its row and see each other's tokens (PostgreSQL re-evaluates ON CONFLICT
 * DO UPDATE's WHERE on the row's latest version, under its row lock).
 *
 * The table is UNLOGGED: its writes skip the write-ahead log, so a commit
 * that touched only it does not wait for a WAL flush (a like pays one cheap
 * statement, not an fsync), and after a crash PostgreSQL empties it — every
 * bucket full again, which is what a bucket nobody remembers means anyway.
 *
 * The clock is the database's (clock_timestamp()), so instances whose clocks
 * disagree still share one refill; a test may pass its own. Statements are
 * prepared once per connection (named), so a check costs one round trip and
 * no parsing or planning.
 *
 * Not rate-limiter-flexible's RateLimiterPostgres: it counts points in fixed
 * windows (a burst at a window's end and another at the next one's start both
 * pass) and its Retry-After is the window's end; these buckets refill
 * continuously and say when the next whole token arrives, as the memory store does.
 */
export const RATE_LIMIT_TABLE = 'rate_limit_buckets';

/** How often an instance drops buckets that have refilled (a missing bucket is a full one; any bucket is full a minute after its last take), so the table holds only the last two minutes' spenders. */
export const SWEEP_EVERY_MS = 60_000;

/** Creates the bucket table when it is missing (the migration in database/migrations and tests call it). */
export async function createRateLimitTable(knex: Knex | Knex.Transaction): Promise<void> {
  await knex.raw(
    `CREATE UNLOGGED TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (
      key text PRIMARY KEY,
      capacity integer NOT NULL,
      tokens double precision NOT NULL,
      at_ms double precision NOT NULL
    )`,
  );
}

// The bucket's tokens at `now`, as token-bucket.ts's tokensAt computes them (same operations, same order).
const level = (row: string, capacity: string, now: string) =>
  `LEAST(${capacity}, ${row}.tokens + (GREATEST(0, ${now} - ${row}.at_ms) * ${capacity}) / ${REFILL_WINDOW_MS})`;

/** A named statement: PostgreSQL parses and plans it once per connection. */
export interface Statement {
  name: string;
  text: string;
}

/** Runs a statement with its values on some connection of a pool. */
export type RunStatement = (statement: Statement, values: unknown[]) => Promise<{ rows: unknown[]; rowCount: number | null }>;

/** Statements on the app's own pool (knex's: its settings, SSL and search path), a connection borrowed per statement. */
export function onKnexPool(knex: Knex): RunStatement {
  return async (statement, values) => {
    const connection = await knex.client.acquireConnection();
    try {
      return await connection.query({ name: statement.name, text: statement.text, values });
    } finally {
      await knex.client.releaseConnection(connection);
    }
  };
}

/**
 * Spends a token from every listed bucket that has one, in one statement:
 * a new bucket starts full (capacity - 1 after this take); an existing one is
 * refilled to now and spent only when it has a whole token (the WHERE), else
 * left as it is. Answers, per bucket, whether it was spent and (for one that
 * was not) its tokens when the statement began, for Retry-After.
 */
const TAKE: Statement = {
  name: 'quanzi_rate_limit_take',
  text: `
WITH clock AS (SELECT COALESCE($1::double precision, extract(epoch FROM clock_timestamp()) * 1000) AS now_ms),
wanted AS (
  SELECT w.key, w.capacity, clock.now_ms FROM unnest($2::text[], $3::integer[]) AS w(key, capacity) CROSS JOIN clock
),
spent AS (
  INSERT INTO ${RATE_LIMIT_TABLE} AS b (key, capacity, tokens, at_ms)
  SELECT key, capacity, capacity - 1, now_ms FROM wanted
  ON CONFLICT (key) DO UPDATE SET
    capacity = EXCLUDED.capacity,
    tokens = ${level('b', 'EXCLUDED.capacity', 'EXCLUDED.at_ms')} - 1,
    at_ms = GREATEST(b.at_ms, EXCLUDED.at_ms)
  WHERE ${level('b', 'EXCLUDED.capacity', 'EXCLUDED.at_ms')} >= 1
  RETURNING b.key
)
SELECT wanted.key, spent.key IS NOT NULL AS taken, ${level('seen', 'wanted.capacity', 'wanted.now_ms')} AS tokens
FROM wanted
LEFT JOIN spent ON spent.key = wanted.key
LEFT JOIN ${RATE_LIMIT_TABLE} AS seen ON seen.key = wanted.key`,
};

/** Gives back the tokens of a refused request's other buckets (it is refused as a whole: nothing spent). */
const REFUND: Statement = {
  name: 'quanzi_rate_limit_refund',
  text: `UPDATE ${RATE_LIMIT_TABLE} SET tokens = LEAST(capacity, tokens + 1) WHERE key = ANY($1::text[])`,
};

const SWEEP: Statement = {
  name: 'quanzi_rate_limit_sweep',
  text: `
WITH clock AS (SELECT COALESCE($1::double precision, extract(epoch FROM clock_timestamp()) * 1000) AS now_ms)
DELETE FROM ${RATE_LIMIT_TABLE} AS b USING clock WHERE ${level('b', 'b.capacity', 'clock.now_ms')} >= b.capacity`,
};

const RESET: Statement = { name: 'quanzi_rate_limit_reset', text: `DELETE FROM ${RATE_LIMIT_TABLE}` };

interface TakeRow {
  key: string;
  taken: boolean;
  tokens: number | null;
}

export interface DatabaseStoreOptions {
  /** A test's clock (ms); unset: the database's. */
  now?: () => number;
  /** Called when a background sweep fails (the store keeps going). */
  onSweepError?: (error: Error) => void;
}

export class DatabaseBucketStore implements BucketStore {
  readonly kind = 'database' as const;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly run: RunStatement,
    private readonly options: DatabaseStoreOptions = {},
  ) {}

  private clock(): number | null {
    return this.options.now ? this.options.now() : null;
  }

  async take(checks: BucketCheck[]): Promise<TakeOutcome> {
    if (checks.length === 0) return TAKEN;
    // One row per key: ON CONFLICT cannot update a row twice in one statement.
    const capacities = new Map<string, number>();
    for (const check of checks) capacities.set(check.key, Math.min(capacities.get(check.key) ?? Infinity, check.capacity));
    const keys = [...capacities.keys()];
    const result = await this.run(TAKE, [this.clock(), keys, keys.map((key) => capacities.get(key))]);
    const rows = new Map<string, TakeRow>((result.rows as TakeRow[]).map((row) => [row.key, row]));
    const refused = keys.filter((key) => !rows.get(key)?.taken);
    if (refused.length === 0) return TAKEN;

    const spent = keys.filter((key) => rows.get(key)?.taken);
    if (spent.length > 0) await this.run(REFUND, [spent]);
    return {
      taken: false,
      waits: checks.map((check) => {
        const row = rows.get(check.key);
        if (row?.taken) return 0;
        // A bucket another instance created within this very statement is not in its snapshot: counted as empty.
        return Math.max(1, secondsUntilToken(Number(row?.tokens ?? 0), check.capacity));
      }),
    };
  }

  /** Drops every bucket that has refilled completely; answers how many. */
  async sweep(): Promise<number> {
    const result = await this.run(SWEEP, [this.clock()]);
    return Number(result.rowCount ?? 0);
  }

  /** Sweeps every SWEEP_EVERY_MS in the background (an unref'd timer: it never holds the process open). */
  startSweeping(everyMs = SWEEP_EVERY_MS): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      this.sweep().catch((error) => this.options.onSweepError?.(error as Error));
    }, everyMs);
    this.sweeper.unref();
  }

  async reset(): Promise<void> {
    await this.run(RESET, []);
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
