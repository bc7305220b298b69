import fs from 'fs';
import { PrivateKey } from '@hiveio/dhive';

export type KeyRole = 'posting' | 'active';

/** Where a key may come from. Private keys are read from here only — never from the database. */
export interface KeySources {
  env: NodeJS.ProcessEnv;
  /** DEVNET ONLY: genesis keys, used when the embedded devnet is the chain and the environment has none. */
  devnetKey?: (account: string, role: KeyRole) => string | undefined;
}

/** A key problem, told without the key itself. */
export class KeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyConfigError';
  }
}

/** The environment variable that holds an account's key, e.g. HIVE_ACTIVE_KEY_MAPLE_TOKENS. */
export function keyEnvName(account: string, role: KeyRole): string {
  return `HIVE_${role.toUpperCase()}_KEY_${account.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

function parseWif(wif: string, where: string): PrivateKey {
  try {
    return PrivateKey.fromString(wif.trim());
  } catch {
    // The message names where the key came from, never the key.
    throw new KeyConfigError(`${where} is not a valid Hive private key (WIF, starting with 5). Check the value; it is not shown here.`);
  }
}

interface KeyFile {
  [account: string]: Partial<Record<KeyRole, string>>;
}

/**
 * The server's signing keys. Looked up, in order: HIVE_<ROLE>_KEY_<ACCOUNT>,
 * HIVE_APP_POSTING_KEY for the app account's posting key, the JSON file named
 * by HIVE_KEYS_FILE ({"account": {"posting": "5…", "active": "5…"}}), then —
 * only when the chain is the embedded devnet — the devnet's well-known keys.
 */
export class KeyRing {
  private readonly cache = new Map<string, PrivateKey>();
  private readonly file: KeyFile;

  constructor(
    private readonly appAccount: string,
    private readonly sources: KeySources,
  ) {
    this.file = KeyRing.readKeyFile(sources.env.HIVE_KEYS_FILE);
  }

  private static readKeyFile(path: string | undefined): KeyFile {
    if (!path) return {};
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (error) {
      throw new KeyConfigError(`HIVE_KEYS_FILE names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code}).`);
    }
    try {
      const parsed = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed as KeyFile;
    } catch {
      throw new KeyConfigError(`HIVE_KEYS_FILE (${path}) must be JSON like {"account": {"posting": "5…", "active": "5…"}}.`);
    }
  }

  /** Checks every configured key parses, so a typo stops startup with a clear message instead of failing later. */
  validateAll(): void {
    for (const [name, value] of Object.entries(this.sources.env)) {
      if (value && (/^HIVE_(POSTING|ACTIVE)_KEY_/.test(name) || name === 'HIVE_APP_POSTING_KEY')) parseWif(value, name);
    }
    for (const [account, roles] of Object.entries(this.file)) {
      for (const [role, wif] of Object.entries(roles ?? {})) {
        if (typeof wif === 'string') parseWif(wif, `HIVE_KEYS_FILE entry ${account}.${role}`);
      }
    }
  }

  /** Where this account's key would come from, without revealing it: for the admin's "set / missing" display. */
  describe(account: string, role: KeyRole): 'environment' | 'key file' | 'devnet' | 'missing' {
    const envName = keyEnvName(account, role);
    if (this.sources.env[envName]) return 'environment';
    if (account === this.appAccount && role === 'posting' && this.sources.env.HIVE_APP_POSTING_KEY) return 'environment';
    if (this.file[account]?.[role]) return 'key file';
    if (this.sources.devnetKey?.(account, role)) return 'devnet';
    return 'missing';
  }

  /** The account's private key for a role, or a KeyConfigError saying which variable to set. */
  get(account: string, role: KeyRole): PrivateKey {
    const cacheKey = `${account}/${role}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const envName = keyEnvName(account, role);
    let key: PrivateKey | undefined;
    if (this.sources.env[envName]) key = parseWif(this.sources.env[envName]!, envName);
    else if (account === this.appAccount && role === 'posting' && this.sources.env.HIVE_APP_POSTING_KEY) {
      key = parseWif(this.sources.env.HIVE_APP_POSTING_KEY, 'HIVE_APP_POSTING_KEY');
    } else if (this.file[account]?.[role]) key = parseWif(this.file[account][role]!, `HIVE_KEYS_FILE entry ${account}.${role}`);
    else {
      const devnet = this.sources.devnetKey?.(account, role);
      if (devnet) key = parseWif(devnet, `devnet key of ${account}`);
    }
    if (!key) {
      const hint = account === this.appAccount && role === 'posting' ? 'HIVE_APP_POSTING_KEY' : envName;
      throw new KeyConfigError(`No ${role} key for @${account}: set ${hint} (or add it to the file named by HIVE_KEYS_FILE).`);
    }
    this.cache.set(cacheKey, key);
    return key;
  }
}
