/**
 * DEVNET-ONLY accounts and keys.
 *
 * Every key below is derived from public data (account name + the published
 * devnet password, or hived's well-known testnet `initminer` key). They exist so
 * the app, the demo and the tests can sign on the local devnet. Never use them,
 * or accounts holding them, on Hive mainnet or any shared testnet.
 */
import { PrivateKey } from '@hiveio/dhive';
import genesis from '../genesis.json';

export type KeyRole = 'owner' | 'active' | 'posting' | 'memo';
export const KEY_ROLES: readonly KeyRole[] = ['owner', 'active', 'posting', 'memo'];

export type DevnetAccountKind = 'miner' | 'app' | 'board' | 'issuer' | 'member' | 'community';

/**
 * A posting authority other than the default single key: `keys` are roles to
 * derive keys for (like "posting", "posting-2"), each with its weight.
 */
export interface GenesisPostingAuthority {
  weight_threshold: number;
  keys: Array<[string, number]>;
}

export interface GenesisAccount {
  name: string;
  kind: string;
  balance: string;
  hbd_balance: string;
  vesting_shares: string;
  postingAccountAuths: Array<[string, number]>;
  postingAuthority?: GenesisPostingAuthority;
}

export type GenesisCommunityRole = 'muted' | 'member' | 'mod' | 'admin';

/** A hivemind community registered at genesis (its account must be a genesis account). */
export interface GenesisCommunity {
  name: string;
  title: string;
  about?: string;
  description?: string;
  /** Roles beside the owner (the community account itself). */
  roles?: Record<string, GenesisCommunityRole>;
  subscribers?: string[];
}
export interface GenesisToken {
  issuer: string;
  symbol: string;
  name: string;
  precision: number;
  maxSupply: string;
}
export interface Genesis {
  chainId: string;
  addressPrefix: string;
  blockchainVersion: string;
  hardfork: number;
  initminer: { name: string; wif: string; balance: string; hbd_balance: string; vesting_shares: string };
  keyPassword: string;
  accounts: GenesisAccount[];
  tokens: GenesisToken[];
  communities?: GenesisCommunity[];
}

/** The genesis shipped with the devnet (devnet/genesis.json). */
export const DEVNET_GENESIS: Genesis = genesis as unknown as Genesis;
/** DEVNET ONLY: the password all devnet account keys derive from. */
export const DEVNET_KEY_PASSWORD = DEVNET_GENESIS.keyPassword;
/** DEVNET ONLY: hived's well-known testnet initminer key. */
export const DEVNET_INITMINER_WIF = DEVNET_GENESIS.initminer.wif;
export const DEVNET_CHAIN_ID = DEVNET_GENESIS.chainId;
export const DEVNET_ADDRESS_PREFIX = DEVNET_GENESIS.addressPrefix;

export interface DevnetKeyPair {
  /** DEVNET ONLY private key (WIF). */
  wif: string;
  /** Public key with the devnet address prefix. */
  public: string;
}
export interface DevnetAccount {
  name: string;
  kind: DevnetAccountKind;
  /** Accounts whose posting authority this account granted (posting account_auths). */
  postingGrants: string[];
  keys: Record<KeyRole, DevnetKeyPair>;
  /** A multi-key posting authority: its threshold and every key with its weight (DEVNET ONLY keys). */
  postingAuthority?: { weight_threshold: number; keys: Array<{ role: string; weight: number } & DevnetKeyPair> };
}

const keyCache = new Map<string, PrivateKey>();

/** DEVNET ONLY: private key of a devnet account for a role, derived like dhive PrivateKey.fromLogin. */
export function devnetPrivateKey(name: string, role: KeyRole | string, password: string = DEVNET_KEY_PASSWORD): PrivateKey {
  const cacheKey = `${name}/${role}/${password}`;
  let k = keyCache.get(cacheKey);
  if (!k) {
    k = name === DEVNET_GENESIS.initminer.name ? PrivateKey.fromString(DEVNET_INITMINER_WIF) : PrivateKey.fromLogin(name, password, role as KeyRole);
    keyCache.set(cacheKey, k);
  }
  return k;
}

/** DEVNET ONLY: the WIF of a devnet account's key. */
export function devnetKey(name: string, role: KeyRole | string = 'posting'): string {
  return devnetPrivateKey(name, role).toString();
}

/** Public key of a devnet account's role key, with the devnet prefix. */
export function devnetPublicKey(name: string, role: KeyRole | string, prefix: string = DEVNET_ADDRESS_PREFIX, password?: string): string {
  return devnetPrivateKey(name, role, password).createPublic(prefix).toString();
}

function keyPair(name: string, role: string, prefix: string, password?: string): DevnetKeyPair {
  const k = devnetPrivateKey(name, role, password);
  return { wif: k.toString(), public: k.createPublic(prefix).toString() };
}

function describe(
  name: string,
  kind: DevnetAccountKind,
  grants: string[],
  prefix: string,
  password?: string,
  posting?: GenesisPostingAuthority,
): DevnetAccount {
  const keys = {} as Record<KeyRole, DevnetKeyPair>;
  for (const role of KEY_ROLES) keys[role] = keyPair(name, role, prefix, password);
  const account: DevnetAccount = { name, kind, postingGrants: grants, keys };
  if (posting) {
    account.postingAuthority = {
      weight_threshold: posting.weight_threshold,
      keys: posting.keys.map(([role, weight]) => ({ role, weight, ...keyPair(name, role, prefix, password) })),
    };
  }
  return account;
}

/** DEVNET ONLY: every genesis account with its keys (initminer first). */
export function devnetAccounts(g: Genesis = DEVNET_GENESIS): DevnetAccount[] {
  return [
    describe(g.initminer.name, 'miner', [], g.addressPrefix),
    ...g.accounts.map((a) =>
      describe(
        a.name,
        a.kind as DevnetAccountKind,
        a.postingAccountAuths.map(([n]) => n),
        g.addressPrefix,
        g.keyPassword,
        a.postingAuthority,
      ),
    ),
  ];
}

/** Names of the devnet's demo accounts by role, for the app's seed data and tests. */
export const DEVNET_NAMES = {
  app: 'quanzi',
  boards: ['maple-school', 'riverside-photo', 'oakhill-hood'],
  nonGrantingBoard: 'lonely-board',
  issuers: { MAPLE: 'maple-tokens', SNAP: 'photo-tokens', OAK: 'oakhill-tokens' },
  grantingMembers: ['alice', 'carol'],
  nonGrantingMembers: ['bob', 'dave'],
  /** Posting authority 2-of-3 (keys "posting", "posting-2", "posting-3"): one key alone proves nothing. */
  multisigMember: 'trio-desk',
  communities: { topic: 'hive-155234', journal: 'hive-255234', council: 'hive-355234', tests: 'hive-123456' },
} as const;
