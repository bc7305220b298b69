import type { PluginRuntime } from '../runtime/types';
import { keyEnvName, type KeyRing } from '../chain/keys';
import { SETTINGS, type SettingValue } from '../config/settings';
import type { SettingRow, SecretRow, SettingsView } from './views';
import { redactCredentials } from '../text/redact';

const get = (object: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o === null || o === undefined ? o : (o as Record<string, unknown>)[k]), object);

export function settingsView(runtime: PluginRuntime, env: NodeJS.ProcessEnv, fileConfig: Record<string, unknown> | null, issuers: string[]): SettingsView {
  const { config, connection } = runtime;
  const endpoint = connection?.endpoint;
  const rows = SETTINGS.map((setting): SettingRow => {
    const fromEnv = env[setting.env] !== undefined && env[setting.env] !== '';
    const fromFile = fileConfig ? get(fileConfig, setting.key) !== undefined : false;
    const value = (get(config, setting.key) ?? null) as SettingValue;
    // Node URLs may carry credentials (https://user:pass@…, api_key=…): shown redacted.
    const shown = setting.url
      ? Array.isArray(value)
        ? value.map((v) => redactCredentials(v))
        : typeof value === 'string' && value
          ? redactCredentials(value)
          : value || null
      : value;
    return {
      key: setting.key,
      group: setting.group,
      label: setting.label,
      value: shown,
      source: fromFile ? 'config file' : fromEnv ? 'environment' : 'default',
      envVar: setting.env,
    };
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
