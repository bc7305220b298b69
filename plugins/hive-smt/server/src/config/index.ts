import { z } from 'zod';
import { ENGINE_MAINNET_ID } from '../chain/protocol';

/**
 * The plugin's configuration. Every value has a default from the environment
 * (the runtime contract in the README); config/plugins.ts may override any of
 * them. Private keys are never part of it: see chain/keys.ts.
 */
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const int = (value: string | undefined, fallback: number) => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
};

export const configSchema = z
  .object({
    nodes: z.array(z.string().url('Each HIVE_NODES entry must be an http(s) URL.')),
    chainId: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'HIVE_CHAIN_ID must be 64 hex characters.')
      .optional(),
    addressPrefix: z.string().min(1).max(8).optional(),
    appAccount: z.string().min(3).max(16),
    appName: z.string().min(1),
    publicUrl: z.string(),
    /** The canonical address of a post on the community's own site: {publicUrl}, {board}, {slug}, {documentId}. */
    canonicalUrlTemplate: z.string().min(1),
    /** A Hive frontend for "view on Hive" links. */
    frontendUrl: z.string().url(),
    /** Lifetime of a signed transaction: re-sent as the same bytes until then. */
    txExpireSeconds: z.number().int().min(30).max(3600),
    engine: z.object({ api: z.string(), id: z.string().min(1).max(32) }),
    devnet: z.object({
      port: z.number().int().min(0).max(65535),
      dataDir: z.string().nullable(),
      blockIntervalMs: z.number().int().min(0),
    }),
    worker: z.object({
      enabled: z.boolean(),
      pollIntervalMs: z.number().int().min(10),
      leaseMs: z.number().int().min(1000),
      maxAttempts: z.number().int().min(1),
      backoffBaseMs: z.number().int().min(1),
      backoffMaxMs: z.number().int().min(1),
      broadcastTimeoutMs: z.number().int().min(100),
      concurrency: z.number().int().min(1).max(64),
      recheckMs: z.number().int().min(10),
      inclusionWaitMs: z.number().int().min(0),
    }),
    reconcileIntervalMs: z.number().int().min(100),
    importRepliesIntervalMs: z.number().int().min(100),
    /** The app's content types the plugin works on (host/types.ts). */
    contentTypes: z.object({ post: z.string().min(1), board: z.string().min(1), comment: z.string().min(1) }),
    /** Token rewards: how often pools accrue, posts settle and payouts are scheduled; account-link challenges; explorer links. */
    rewards: z.object({
      tickMs: z.number().int().min(50),
      challengeTtlSeconds: z
        .number()
        .int()
        .min(30)
        .max(24 * 3600),
      /** Link to a Hive transaction; {txId} is replaced. */
      txUrlTemplate: z.string(),
      /** Link to a Hive-Engine transaction; {txId} is replaced. */
      engineTxUrlTemplate: z.string(),
    }),
  })
  .strict();

export type HiveSmtConfig = z.infer<typeof configSchema>;

/** Defaults from the environment, read when Strapi loads the plugin. */
export function defaultConfig(env: NodeJS.ProcessEnv = process.env): HiveSmtConfig {
  const test = env.NODE_ENV === 'test';
  return {
    nodes: list(env.HIVE_NODES),
    chainId: env.HIVE_CHAIN_ID || undefined,
    addressPrefix: env.HIVE_ADDRESS_PREFIX || undefined,
    appAccount: env.HIVE_APP_ACCOUNT || 'quanzi',
    appName: env.HIVE_APP_NAME || 'quanzi/0.1.0',
    publicUrl: env.PUBLIC_URL || `http://localhost:${env.PORT || 1337}`,
    canonicalUrlTemplate: env.HIVE_CANONICAL_URL_TEMPLATE || '{publicUrl}/boards/{board}/posts/{slug}',
    frontendUrl: env.HIVE_FRONTEND_URL || 'https://hive.blog',
    txExpireSeconds: int(env.HIVE_TX_EXPIRE_SECONDS, test ? 60 : 300),
    engine: { api: env.HIVE_ENGINE_API || '', id: env.HIVE_ENGINE_ID || ENGINE_MAINNET_ID },
    devnet: {
      port: int(env.HIVE_DEVNET_PORT, 8091),
      dataDir: test ? null : env.HIVE_DEVNET_DATA || '.tmp/devnet',
      blockIntervalMs: int(env.HIVE_DEVNET_BLOCK_MS, 3000),
    },
    worker: {
      enabled: (env.HIVE_WORKER_ENABLED ?? 'true') !== 'false',
      pollIntervalMs: int(env.HIVE_WORKER_POLL_MS, test ? 100 : 1000),
      leaseMs: int(env.HIVE_WORKER_LEASE_MS, 60000),
      maxAttempts: int(env.HIVE_WORKER_MAX_ATTEMPTS, 12),
      backoffBaseMs: int(env.HIVE_WORKER_BACKOFF_MS, test ? 200 : 5000),
      backoffMaxMs: int(env.HIVE_WORKER_BACKOFF_MAX_MS, test ? 2000 : 15 * 60 * 1000),
      broadcastTimeoutMs: int(env.HIVE_BROADCAST_TIMEOUT_MS, test ? 3000 : 15000),
      concurrency: int(env.HIVE_WORKER_CONCURRENCY, 8),
      recheckMs: int(env.HIVE_WORKER_RECHECK_MS, test ? 200 : 3000),
      inclusionWaitMs: int(env.HIVE_INCLUSION_WAIT_MS, test ? 2000 : 7000),
    },
    reconcileIntervalMs: int(env.HIVE_RECONCILE_MS, test ? 1000 : 60000),
    importRepliesIntervalMs: int(env.HIVE_IMPORT_REPLIES_MS, test ? 1000 : 60000),
    contentTypes: { post: 'api::post.post', board: 'api::board.board', comment: 'api::comment.comment' },
    rewards: {
      tickMs: int(env.REWARDS_TICK_MS, test ? 250 : 30000),
      challengeTtlSeconds: int(env.HIVE_LINK_CHALLENGE_TTL_SECONDS, 600),
      txUrlTemplate: env.HIVE_TX_URL_TEMPLATE ?? 'https://hivehub.dev/tx/{txId}',
      engineTxUrlTemplate: env.HIVE_ENGINE_TX_URL_TEMPLATE ?? 'https://he.dtools.dev/tx/{txId}',
    },
  };
}

export default {
  default: () => defaultConfig(),
  validator(config: unknown) {
    const result = configSchema.safeParse(config);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`hive-smt configuration: ${issue.path.join('.')}: ${issue.message}`);
    }
    if (process.env.NODE_ENV === 'production' && result.data.nodes.length === 0) {
      throw new Error(
        'hive-smt: HIVE_NODES is not set. In production Quanzi does not start the local devnet; set HIVE_NODES to your Hive API nodes (comma-separated), e.g. HIVE_NODES=https://node-one.example,https://node-two.example',
      );
    }
  },
};
