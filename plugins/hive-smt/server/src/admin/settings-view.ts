import type { PluginRuntime } from '../runtime/types';
import type { HiveSmtConfig } from '../config';
import { keyEnvName, type KeyRing } from '../chain/keys';
import type { SettingRow, SecretRow, SettingsView } from './views';
import { redactCredentials } from '../text/redact';

/** Which environment variable feeds which configuration value (config/index.ts defaultConfig). */
const ENV_OF: Array<[string, SettingRow['group'], string, (c: HiveSmtConfig) => SettingRow['value']]> = [
  ['nodes', 'chain', 'HIVE_NODES', (c) => c.nodes.map((node) => redactCredentials(node))],
  ['chainId', 'chain', 'HIVE_CHAIN_ID', (c) => c.chainId ?? null],
  ['addressPrefix', 'chain', 'HIVE_ADDRESS_PREFIX', (c) => c.addressPrefix ?? null],
  ['txExpireSeconds', 'chain', 'HIVE_TX_EXPIRE_SECONDS', (c) => c.txExpireSeconds],
  ['appAccount', 'app', 'HIVE_APP_ACCOUNT', (c) => c.appAccount],
  ['appName', 'app', 'HIVE_APP_NAME', (c) => c.appName],
  ['publicUrl', 'app', 'PUBLIC_URL', (c) => c.publicUrl],
  ['canonicalUrlTemplate', 'app', 'HIVE_CANONICAL_URL_TEMPLATE', (c) => c.canonicalUrlTemplate],
  ['frontendUrl', 'app', 'HIVE_FRONTEND_URL', (c) => c.frontendUrl],
  ['engine.api', 'engine', 'HIVE_ENGINE_API', (c) => (c.engine.api ? redactCredentials(c.engine.api) : null)],
  ['engine.id', 'engine', 'HIVE_ENGINE_ID', (c) => c.engine.id],
  ['worker.enabled', 'worker', 'HIVE_WORKER_ENABLED', (c) => c.worker.enabled],
  ['worker.pollIntervalMs', 'worker', 'HIVE_WORKER_POLL_MS', (c) => c.worker.pollIntervalMs],
  ['worker.maxAttempts', 'worker', 'HIVE_WORKER_MAX_ATTEMPTS', (c) => c.worker.maxAttempts],
  ['worker.backoffBaseMs', 'worker', 'HIVE_WORKER_BACKOFF_MS', (c) => c.worker.backoffBaseMs],
  ['worker.backoffMaxMs', 'worker', 'HIVE_WORKER_BACKOFF_MAX_MS', (c) => c.worker.backoffMaxMs],
  ['worker.concurrency', 'worker', 'HIVE_WORKER_CONCURRENCY', (c) => c.worker.concurrency],
  ['worker.broadcastTimeoutMs', 'worker', 'HIVE_BROADCAST_TIMEOUT_MS', (c) => c.worker.broadcastTimeoutMs],
  ['reconcileIntervalMs', 'worker', 'HIVE_RECONCILE_MS', (c) => c.reconcileIntervalMs],
  ['importRepliesIntervalMs', 'worker', 'HIVE_IMPORT_REPLIES_MS', (c) => c.importRepliesIntervalMs],
  ['devnet.port', 'devnet', 'HIVE_DEVNET_PORT', (c) => c.devnet.port],
  ['devnet.dataDir', 'devnet', 'HIVE_DEVNET_DATA', (c) => c.devnet.dataDir],
];

const get = (object: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o === null || o === undefined ? o : (o as Record<string, unknown>)[k]), object);

export function settingsView(runtime: PluginRuntime, env: NodeJS.ProcessEnv, fileConfig: Record<string, unknown> | null, issuers: string[]): SettingsView {
  const { config, connection } = runtime;
  const endpoint = connection?.endpoint;
  const rows = ENV_OF.map(([key, group, envVar, read]): SettingRow => {
    const fromEnv = env[envVar] !== undefined && env[envVar] !== '';
    const fromFile = fileConfig ? get(fileConfig, key) !== undefined : false;
    return { key, group, value: read(config), source: fromFile ? 'config file' : fromEnv ? 'environment' : 'default', envVar };
  });
  if (endpoint?.devnet) {
    // The devnet chooses its own chain id, prefix and sidechain address.
    for (const row of rows) {
      if (row.key === 'chainId') row.value = endpoint.chainId;
      if (row.key === 'addressPrefix') row.value = endpoint.addressPrefix;
      if (row.key === 'engine.api') row.value = endpoint.engineApi;
    }
  }

  const secrets: SecretRow[] = [];
  const keys: KeyRing | undefined = connection?.keys;
  const describe = (account: string, role: 'posting' | 'active') => (keys ? keys.describe(account, role) : 'missing');
  const appSource = describe(config.appAccount, 'posting');
  secrets.push({
    key: 'appPostingKey',
    account: config.appAccount,
    role: 'posting',
    envVar: 'HIVE_APP_POSTING_KEY',
    status: appSource === 'missing' ? 'missing' : 'set',
    source: appSource === 'missing' ? null : appSource,
    usedFor: 'app-posting',
  });
  for (const issuer of [...new Set(issuers)].sort()) {
    const source = describe(issuer, 'active');
    secrets.push({
      key: `activeKey:${issuer}`,
      account: issuer,
      role: 'active',
      envVar: keyEnvName(issuer, 'active'),
      status: source === 'missing' ? 'missing' : 'set',
      source: source === 'missing' ? null : source,
      usedFor: 'token-issuer',
    });
  }
  secrets.push({
    key: 'keysFile',
    account: null,
    role: null,
    envVar: 'HIVE_KEYS_FILE',
    status: env.HIVE_KEYS_FILE ? 'set' : 'missing',
    source: env.HIVE_KEYS_FILE ? 'environment' : null,
    usedFor: 'key-file',
  });
  return { network: endpoint?.devnet ? 'devnet' : 'configured', rows, secrets };
}
