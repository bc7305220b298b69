/**
 * `npm run chain`: the devnet alone, answering as public nodes do. Environment:
 * HIVE_DEVNET_PORT (8091), HIVE_DEVNET_DATA (.tmp/devnet), HIVE_ENGINE_ID
 * (ssc-mainnet-hive), HIVE_DEVNET_BLOCK_MS (3000), HIVE_DEVNET_CONTENT_API
 * (hivemind | fatnode), HIVE_DEVNET_HIVEMIND_LAG (1), HIVE_DEVNET_STREAMER_LAG (2),
 * HIVE_DEVNET_RC (on | off), HIVE_DEVNET_ENGINE_RPS (10; 0 = no limit),
 * HIVE_DEVNET_GENESIS (a genesis file in genesis.json's shape; default: genesis.json).
 */
import { startDevnet } from './index';

async function main(): Promise<void> {
  const blockMs = process.env.HIVE_DEVNET_BLOCK_MS ? Number(process.env.HIVE_DEVNET_BLOCK_MS) : 3000;
  const devnet = await startDevnet({
    blockIntervalMs: Number.isFinite(blockMs) ? blockMs : 3000,
    log: (line) => console.log(`[devnet] ${line}`),
  });
  const out = (s = '') => process.stdout.write(`${s}\n`);
  out();
  out(`Quanzi devnet (local Hive node)`);
  out(`  JSON-RPC        ${devnet.url}`);
  out(`  chain id        ${devnet.chainId}`);
  out(`  address prefix  ${devnet.addressPrefix}`);
  out(`  Hive-Engine API ${devnet.engineApi}   (custom_json id "${devnet.engineId}")`);
  out(`  head block      ${devnet.headBlockNum()}`);
  const limit = devnet.engineRateLimit.get();
  out(
    `  answers like    ${devnet.contentApi === 'hivemind' ? `hivemind content ${devnet.hivemind.lagBlocks()} block(s) behind` : 'a fat node (content from the mempool on)'}, ` +
      `Hive-Engine ${devnet.chain.streamerLagBlocks()} block(s) behind, RC ${devnet.chain.resourceCredits ? 'on' : 'off'}, ` +
      `${limit.perSecond ? `${limit.perSecond} Hive-Engine requests/s per client` : 'no Hive-Engine rate limit'}`,
  );
  out();
  out(`Demo accounts — DEVNET-ONLY KEYS, public knowledge, never use them on a real chain:`);
  for (const a of devnet.accounts) {
    const grants = a.postingGrants.length ? `  (posting granted to ${a.postingGrants.join(', ')})` : '';
    out(`  ${a.name.padEnd(16)} ${a.kind.padEnd(9)} posting ${a.keys.posting.wif}  active ${a.keys.active.wif}${grants}`);
    if (a.postingAuthority) {
      const keys = a.postingAuthority.keys.map((k) => `${k.role} ${k.wif} (weight ${k.weight})`).join(', ');
      out(`  ${''.padEnd(26)} posting authority needs weight ${a.postingAuthority.weight_threshold}: ${keys}`);
    }
  }
  out();
  out(`dhive: new Client('${devnet.url}', { chainId: '${devnet.chainId}', addressPrefix: '${devnet.addressPrefix}' })`);
  out(`Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`\n${signal}: stopping the devnet…`);
    devnet.stop().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error(`[devnet] failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
