/**
 * The devnet as its own process for the bench: in memory, on an ephemeral
 * loopback port, with the block interval and genesis file the bench chooses.
 * Prints "READY <url> <chainId>". Environment: BENCH_DEVNET_BLOCK_MS (0 = blocks
 * on demand), BENCH_DEVNET_GENESIS (a genesis JSON file), HIVE_ENGINE_ID.
 */

async function main() {
  const { startDevnet } = require('@quanzi/hive-devnet');
  const devnet = await startDevnet({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    blockIntervalMs: Number(process.env.BENCH_DEVNET_BLOCK_MS ?? 0),
    genesisFile: process.env.BENCH_DEVNET_GENESIS || undefined,
    // The bench measures the chain pipeline's capacity, not a public API node's per-client rate limit
    // (as the app's own write rate limits are raised for the run); the app's Hive-Engine calls still back off on 429.
    engineRateLimit: { perSecond: 0 },
    log: process.env.BENCH_DEVNET_LOG ? (line: string) => process.stderr.write(`${line}\n`) : undefined,
  });
  process.stdout.write(`READY ${devnet.url} ${devnet.chainId}\n`);
  const stop = () => devnet.stop().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`devnet-runner: failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
