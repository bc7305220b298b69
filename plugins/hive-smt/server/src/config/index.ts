/**
 * The plugin's configuration: every setting of config/settings.ts (a default
 * from the environment, which config/plugins.ts may override), plus which of
 * the app's content types it works on. Validated at startup: a bad value stops
 * Strapi with the setting and the fix.
 */
import { z, type ZodTypeAny } from 'zod';
import { SETTINGS, pathOf, settingFromEnv, type SettingValue } from './settings';
import { DEFAULT_HOST_TYPES, HOST_FIELDS, type HostRole, type HostTypesConfig } from '../host/model';

export interface HiveSmtConfig {
  nodes: string[];
  chainId?: string;
  addressPrefix?: string;
  appAccount: string;
  appName: string;
  publicUrl: string;
  /** The canonical address of a post on the community's own site: {publicUrl}, {board}, {slug}, {documentId}. */
  canonicalUrlTemplate: string;
  /** A Hive frontend for "view on Hive" links. */
  frontendUrl: string;
  /** Lifetime of a signed transaction: re-sent as the same bytes until then. */
  txExpireSeconds: number;
  engine: { api: string; id: string };
  devnet: { port: number; dataDir: string | null; blockIntervalMs: number };
  worker: {
    enabled: boolean;
    pollIntervalMs: number;
    leaseMs: number;
    maxAttempts: number;
    backoffBaseMs: number;
    backoffMaxMs: number;
    broadcastTimeoutMs: number;
    concurrency: number;
    recheckMs: number;
    inclusionWaitMs: number;
  };
  reconcileIntervalMs: number;
  importRepliesIntervalMs: number;
  /** The app's content types the plugin works on, and what their fields are called there (host/model.ts). */
  contentTypes: HostTypesConfig;
  /** Token rewards: how often the pass runs, how long posts are cached for them, account-link challenges, explorer links. */
  rewards: { tickMs: number; postCacheMs: number; challengeTtlSeconds: number; txUrlTemplate: string; engineTxUrlTemplate: string };
}

type Shape = { [key: string]: ZodTypeAny | Shape };

function setAt<T>(target: Record<string, unknown>, path: string[], value: T) {
  let node = target;
  for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]] = value;
}

const toSchema = (shape: Shape): ZodTypeAny =>
  z.object(Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, value instanceof z.ZodType ? value : toSchema(value as Shape)]))).strict();

/** Field renames of one of the app's types: only the plugin's own field names are keys, each naming an attribute. */
const fieldNames = (role: HostRole) =>
  z
    .object(Object.fromEntries(HOST_FIELDS[role].map((field: string) => [field, z.string().min(1).optional()])))
    .strict()
    .optional();

/** An app type: its uid alone (the plugin's field names), or its uid and the fields it names differently. */
const hostType = (role: HostRole) => z.union([z.string().min(1), z.object({ uid: z.string().min(1), fields: fieldNames(role) }).strict()]);

/** The schema of the whole configuration, assembled from the settings' own schemas. */
function buildSchema(): z.ZodType<HiveSmtConfig> {
  const shape: Shape = {};
  for (const setting of SETTINGS) setAt(shape, pathOf(setting.key), setting.schema);
  shape.contentTypes = z
    .object({
      post: hostType('post'),
      board: hostType('board'),
      comment: hostType('comment'),
      member: z
        .object({
          fields: z
            .object({ displayName: z.string().min(1).optional() })
            .strict()
            .optional(),
        })
        .strict()
        .optional(),
    })
    .strict();
  return toSchema(shape) as unknown as z.ZodType<HiveSmtConfig>;
}

export const configSchema = buildSchema();

/** Defaults from the environment, read when Strapi loads the plugin. */
export function defaultConfig(env: NodeJS.ProcessEnv = process.env): HiveSmtConfig {
  const config: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const value: SettingValue | undefined = settingFromEnv(setting, env);
    if (value !== undefined) setAt(config, pathOf(setting.key), value);
  }
  config.contentTypes = { ...DEFAULT_HOST_TYPES };
  return config as unknown as HiveSmtConfig;
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
