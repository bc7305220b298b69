/**
 * The plugin's way to Hive: the configured nodes, or — when none are
 * configured and this is not production — a devnet started inside this
 * process, the way SQLite is the database's embedded default.
 */
import type { Core } from '@strapi/strapi';
import type { DevnetHandle } from '@quanzi/hive-devnet';
import type { HiveSmtConfig } from '../config';
import { HiveChain, type ChainEndpoint } from '../chain/hive-chain';
import { KeyRing } from '../chain/keys';
import { loadDevnet } from './devnet-package';
import { ENGINE_MAINNET_API, MAINNET_ADDRESS_PREFIX, MAINNET_CHAIN_ID } from '../chain/protocol';

export interface ChainConnection {
  endpoint: ChainEndpoint;
  chain: HiveChain;
  keys: KeyRing;
  /** The embedded devnet, when it is the chain. */
  devnet: DevnetHandle | null;
  /** Why mirroring and payouts are paused (no posting key for the app account), or null. */
  paused: string | null;
}

export async function connectChain(strapi: Core.Strapi, config: HiveSmtConfig): Promise<ChainConnection> {
  let devnet: DevnetHandle | null = null;
  if (config.nodes.length === 0) {
    if (process.env.NODE_ENV === 'production') throw new Error('hive-smt: HIVE_NODES is not set; the devnet is not started in production.');
    devnet = await loadDevnet()({
      port: config.devnet.port,
      dataDir: config.devnet.dataDir,
      blockIntervalMs: config.devnet.blockIntervalMs,
      engineId: config.engine.id,
      log: (line: string) => strapi.log.debug(`[devnet] ${line}`),
    });
    strapi.log.info(
      `[hive-smt] local Hive devnet at ${devnet.url} (chain id ${devnet.chainId.slice(0, 12)}…); run "npm run chain" alone to see its demo accounts`,
    );
  }
  const endpoint: ChainEndpoint = {
    nodes: devnet ? [devnet.url] : config.nodes,
    chainId: devnet ? devnet.chainId : (config.chainId ?? MAINNET_CHAIN_ID),
    addressPrefix: devnet ? devnet.addressPrefix : (config.addressPrefix ?? MAINNET_ADDRESS_PREFIX),
    engineApi: devnet ? devnet.engineApi : config.engine.api || ENGINE_MAINNET_API,
    engineId: devnet ? devnet.engineId : config.engine.id,
    devnet: !!devnet,
    timeoutMs: config.worker.broadcastTimeoutMs,
  };
  const genesisKeys = devnet ? new Map(devnet.accounts.map((a) => [a.name, a.keys])) : null;
  const keys = new KeyRing(config.appAccount, {
    env: process.env,
    // DEVNET ONLY: the devnet's well-known genesis keys, never used against configured nodes.
    devnetKey: genesisKeys ? (account, role) => genesisKeys.get(account)?.[role]?.wif : undefined,
  });
  // A malformed key stops startup with a message naming the variable, never the key.
  keys.validateAll();
  const paused =
    keys.describe(config.appAccount, 'posting') === 'missing'
      ? `Mirroring paused: no posting key for the app account @${config.appAccount}. Set HIVE_APP_POSTING_KEY (or HIVE_KEYS_FILE) and restart.`
      : null;
  if (paused) strapi.log.warn(`[hive-smt] ${paused}`);
  return { endpoint, chain: new HiveChain(endpoint), keys, devnet, paused };
}
