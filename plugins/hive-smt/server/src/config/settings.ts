/**
 * Every setting of hive-smt, once: its place in the configuration, the
 * environment variable that sets it, what it means, how it is validated and
 * its default. Defaults (config/index.ts), validation, the admin's Settings
 * page (admin/settings-view.ts) and the README's settings table
 * (config/readme-table.ts, checked by a test) all come from this list.
 * Private keys are never settings: see chain/keys.ts.
 */
import { z, type ZodTypeAny } from 'zod';
import { ENGINE_MAINNET_ID } from '../chain/protocol';

export type SettingGroup = 'chain' | 'app' | 'worker' | 'engine' | 'rewards' | 'devnet';
export type SettingValue = string | number | boolean | string[] | null;

export interface Setting {
  /** Dotted path in the configuration, e.g. worker.pollIntervalMs. */
  key: string;
  env: string;
  group: SettingGroup;
  /** What it is, for the README and the Settings page. */
  label: string;
  schema: ZodTypeAny;
  /** The value when the variable is unset; `test` is NODE_ENV=test (faster timings, no state folder). */
  fallback(context: { test: boolean; env: NodeJS.ProcessEnv }): SettingValue | undefined;
  /** The README's words for the default, when the value alone would not say it. */
  defaultText?: string;
  /** How the variable's text becomes the value ('text': empty means unset; 'text-or-empty': empty is a value). */
  parse: 'text' | 'text-or-empty' | 'int' | 'list' | 'flag' | 'optional-text';
  /** Under NODE_ENV=test the default applies even when the variable is set. */
  fixedInTest?: boolean;
  /** Node URLs may carry credentials: shown redacted. */
  url?: boolean;
}

export const SETTINGS: Setting[] = [
  {
    key: 'nodes',
    env: 'HIVE_NODES',
    group: 'chain',
    label: 'comma-separated Hive API nodes, tried in order; unset starts the embedded devnet (refused with NODE_ENV=production)',
    schema: z.array(z.string().url('Each HIVE_NODES entry must be an http(s) URL.')),
    parse: 'list',
    url: true,
    fallback: () => [],
    defaultText: 'unset: the devnet',
  },
  {
    key: 'chainId',
    env: 'HIVE_CHAIN_ID',
    group: 'chain',
    label: 'the chain id (only for a testnet)',
    schema: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'HIVE_CHAIN_ID must be 64 hex characters.')
      .optional(),
    parse: 'optional-text',
    fallback: () => undefined,
    defaultText: "mainnet's `beeab0de…`",
  },
  {
    key: 'addressPrefix',
    env: 'HIVE_ADDRESS_PREFIX',
    group: 'chain',
    label: 'the public key prefix (only for a testnet)',
    schema: z.string().min(1).max(8).optional(),
    parse: 'optional-text',
    fallback: () => undefined,
    defaultText: '`STM`',
  },
  {
    key: 'txExpireSeconds',
    env: 'HIVE_TX_EXPIRE_SECONDS',
    group: 'chain',
    label: 'lifetime of a signed transaction, in seconds: re-sent as the same bytes until then',
    schema: z.number().int().min(30).max(3600),
    parse: 'int',
    fallback: ({ test }) => (test ? 60 : 300),
  },
  {
    key: 'appAccount',
    env: 'HIVE_APP_ACCOUNT',
    group: 'app',
    label: 'the app account that signs (its posting key: `HIVE_APP_POSTING_KEY`)',
    schema: z.string().min(3).max(16),
    parse: 'text',
    fallback: () => 'quanzi',
  },
  {
    key: 'appName',
    env: 'HIVE_APP_NAME',
    group: 'app',
    label: "the app name and version in posts' json_metadata",
    schema: z.string().min(1),
    parse: 'text',
    fallback: () => 'quanzi/0.1.0',
  },
  {
    key: 'publicUrl',
    env: 'PUBLIC_URL',
    group: 'app',
    label: "the site's public address, for canonical links",
    schema: z.string(),
    parse: 'text',
    fallback: ({ env }) => `http://localhost:${env.PORT || 1337}`,
    defaultText: '`http://localhost:{PORT}`',
  },
  {
    key: 'canonicalUrlTemplate',
    env: 'HIVE_CANONICAL_URL_TEMPLATE',
    group: 'app',
    label: "a post's canonical link: {publicUrl}, {board}, {slug}, {documentId}",
    schema: z.string().min(1),
    parse: 'text',
    fallback: () => '{publicUrl}/boards/{board}/posts/{slug}',
  },
  {
    key: 'frontendUrl',
    env: 'HIVE_FRONTEND_URL',
    group: 'app',
    label: 'the Hive frontend of "view on Hive" links',
    schema: z.string().url(),
    parse: 'text',
    fallback: () => 'https://hive.blog',
  },
  {
    key: 'engine.api',
    env: 'HIVE_ENGINE_API',
    group: 'engine',
    label: 'the Hive-Engine API base',
    schema: z.string(),
    parse: 'text',
    url: true,
    fallback: () => '',
    defaultText: 'with `HIVE_NODES`: `https://api.hive-engine.com/rpc`',
  },
  {
    key: 'engine.id',
    env: 'HIVE_ENGINE_ID',
    group: 'engine',
    label: "Hive-Engine's custom_json id",
    schema: z.string().min(1).max(32),
    parse: 'text',
    fallback: () => ENGINE_MAINNET_ID,
  },
  {
    key: 'worker.enabled',
    env: 'HIVE_WORKER_ENABLED',
    group: 'worker',
    label: "run this instance's chain worker and periodic passes",
    schema: z.boolean(),
    parse: 'flag',
    fallback: () => true,
  },
  {
    key: 'worker.concurrency',
    env: 'HIVE_WORKER_CONCURRENCY',
    group: 'worker',
    label: 'chain jobs in flight at once',
    schema: z.number().int().min(1).max(64),
    parse: 'int',
    fallback: () => 8,
  },
  {
    key: 'worker.pollIntervalMs',
    env: 'HIVE_WORKER_POLL_MS',
    group: 'worker',
    label: 'how often the worker looks for due jobs (ms)',
    schema: z.number().int().min(10),
    parse: 'int',
    fallback: ({ test }) => (test ? 100 : 1000),
  },
  {
    key: 'worker.leaseMs',
    env: 'HIVE_WORKER_LEASE_MS',
    group: 'worker',
    label: "a claimed job's lease (ms); another instance takes it over after",
    schema: z.number().int().min(1000),
    parse: 'int',
    fallback: () => 60000,
  },
  {
    key: 'worker.maxAttempts',
    env: 'HIVE_WORKER_MAX_ATTEMPTS',
    group: 'worker',
    label: 'attempts before a job waits for an admin',
    schema: z.number().int().min(1),
    parse: 'int',
    fallback: () => 12,
  },
  {
    key: 'worker.backoffBaseMs',
    env: 'HIVE_WORKER_BACKOFF_MS',
    group: 'worker',
    label: 'first retry delay (ms), doubling with full jitter',
    schema: z.number().int().min(1),
    parse: 'int',
    fallback: ({ test }) => (test ? 200 : 5000),
  },
  {
    key: 'worker.backoffMaxMs',
    env: 'HIVE_WORKER_BACKOFF_MAX_MS',
    group: 'worker',
    label: 'longest retry delay (ms)',
    schema: z.number().int().min(1),
    parse: 'int',
    fallback: ({ test }) => (test ? 2000 : 15 * 60 * 1000),
  },
  {
    key: 'worker.broadcastTimeoutMs',
    env: 'HIVE_BROADCAST_TIMEOUT_MS',
    group: 'worker',
    label: 'how long a node may take to answer (ms)',
    schema: z.number().int().min(100),
    parse: 'int',
    fallback: ({ test }) => (test ? 3000 : 15000),
  },
  {
    key: 'worker.recheckMs',
    env: 'HIVE_WORKER_RECHECK_MS',
    group: 'worker',
    label: 'how soon a waiting job looks again (ms)',
    schema: z.number().int().min(10),
    parse: 'int',
    fallback: ({ test }) => (test ? 200 : 3000),
  },
  {
    key: 'worker.inclusionWaitMs',
    env: 'HIVE_INCLUSION_WAIT_MS',
    group: 'worker',
    label: 'how long a sent transaction is waited for in a block (ms), about two blocks',
    schema: z.number().int().min(0),
    parse: 'int',
    fallback: ({ test }) => (test ? 2000 : 7000),
  },
  {
    key: 'reconcileIntervalMs',
    env: 'HIVE_RECONCILE_MS',
    group: 'worker',
    label: 'how often published posts without a job or record are looked for (ms)',
    schema: z.number().int().min(100),
    parse: 'int',
    fallback: ({ test }) => (test ? 1000 : 60000),
  },
  {
    key: 'importRepliesIntervalMs',
    env: 'HIVE_IMPORT_REPLIES_MS',
    group: 'worker',
    label: 'how often replies written and votes cast on Hive are imported (ms)',
    schema: z.number().int().min(100),
    parse: 'int',
    fallback: ({ test }) => (test ? 1000 : 60000),
  },
  {
    key: 'rewards.tickMs',
    env: 'REWARDS_TICK_MS',
    group: 'rewards',
    label: 'how often the rewards pass runs: pools accrue, posts settle, payouts are scheduled (ms)',
    schema: z.number().int().min(50),
    parse: 'int',
    fallback: ({ test }) => (test ? 250 : 30000),
  },
  {
    key: 'rewards.postCacheMs',
    env: 'REWARDS_POST_CACHE_MS',
    group: 'rewards',
    label:
      "how long a post as rewards see it (board, economics) is reused when no write on this instance or the app's cluster bus said otherwise (ms; 0: read every time)",
    schema: z.number().int().min(0),
    parse: 'int',
    fallback: () => 2000,
  },
  {
    key: 'rewards.challengeTtlSeconds',
    env: 'HIVE_LINK_CHALLENGE_TTL_SECONDS',
    group: 'rewards',
    label: 'how long an account-linking challenge lives (s)',
    schema: z
      .number()
      .int()
      .min(30)
      .max(24 * 3600),
    parse: 'int',
    fallback: () => 600,
  },
  {
    key: 'rewards.txUrlTemplate',
    env: 'HIVE_TX_URL_TEMPLATE',
    group: 'rewards',
    label: 'link to a Hive transaction in reward histories ({txId}; empty: no links)',
    schema: z.string(),
    parse: 'text-or-empty',
    fallback: () => 'https://hivehub.dev/tx/{txId}',
  },
  {
    key: 'rewards.engineTxUrlTemplate',
    env: 'HIVE_ENGINE_TX_URL_TEMPLATE',
    group: 'rewards',
    label: 'link to a Hive-Engine transaction ({txId}; empty: no links)',
    schema: z.string(),
    parse: 'text-or-empty',
    fallback: () => 'https://he.dtools.dev/tx/{txId}',
  },
  {
    key: 'devnet.port',
    env: 'HIVE_DEVNET_PORT',
    group: 'devnet',
    label: "the embedded devnet's port (0: any free one)",
    schema: z.number().int().min(0).max(65535),
    parse: 'int',
    fallback: () => 8091,
  },
  {
    key: 'devnet.dataDir',
    env: 'HIVE_DEVNET_DATA',
    group: 'devnet',
    label: "the devnet's state folder",
    schema: z.string().nullable(),
    parse: 'text',
    fixedInTest: true,
    fallback: ({ test }) => (test ? null : '.tmp/devnet'),
    defaultText: '`.tmp/devnet` (in memory under NODE_ENV=test)',
  },
  {
    key: 'devnet.blockIntervalMs',
    env: 'HIVE_DEVNET_BLOCK_MS',
    group: 'devnet',
    label: "the devnet's block interval (ms)",
    schema: z.number().int().min(0),
    parse: 'int',
    fallback: () => 3000,
  },
];

/** The value of a variable as its setting reads it; undefined when unset (or unreadable: the default applies). */
export function readVariable(setting: Setting, raw: string | undefined): SettingValue | undefined {
  if (raw === undefined) return undefined;
  switch (setting.parse) {
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'int': {
      const n = Number.parseInt(raw, 10);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'flag':
      return raw !== 'false';
    case 'text-or-empty':
      return raw;
    case 'optional-text':
    case 'text':
      return raw === '' ? undefined : raw;
  }
}

/** A setting's effective value from the environment: the variable, else its default. */
export function settingFromEnv(setting: Setting, env: NodeJS.ProcessEnv): SettingValue | undefined {
  const test = env.NODE_ENV === 'test';
  const value = test && setting.fixedInTest ? undefined : readVariable(setting, env[setting.env]);
  return value !== undefined ? value : setting.fallback({ test, env });
}

export const pathOf = (key: string) => key.split('.');
