/**
 * Benchmark 5: the devnet's broadcast intake — transactions accepted
 * per second over JSON-RPC, 20 connections — against its own read path (the
 * same server answering get_dynamic_global_properties), and the time to apply
 * a block with 1,000 transactions pending, against an empty block and against
 * Hive's 3-second block interval. Transactions are signed before the clock starts.
 */
import { PrivateKey, type Operation } from '@hiveio/dhive';
import { devnetModule, headBlock, rpc, signer } from '../lib/chain';
import { runLoad } from '../lib/load';
import { ratio, type Ctx } from '../lib/types';

const SENDERS = ['initminer', 'alice', 'bob', 'carol', 'dave'];
const HIVE_BLOCK_INTERVAL_MS = 3000;

async function timedBlock(url: string) {
  const head = await headBlock(url);
  const t = performance.now();
  await rpc(url, 'debug_node_api.debug_generate_blocks', { count: 1 });
  const ms = performance.now() - t;
  const block: any = await rpc(url, 'condenser_api.get_block', [head + 1]);
  return { ms, transactions: block.transactions.length };
}

export async function devnetBenchmark(ctx: Ctx, devnet: { url: string; chainId: string }) {
  const { params, progress } = ctx;
  const n = params.devnetPending;
  const sign = signer(devnet.url, devnet.chainId);
  const keys = new Map(SENDERS.map((s) => [s, PrivateKey.fromString(devnetModule().devnetKey(s, 'active'))]));

  // Reference: the read path of the same JSON-RPC server.
  const readBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'condenser_api.get_dynamic_global_properties', params: [] });
  await runLoad({ url: devnet.url, connections: ctx.params.connections, durationS: 1, request: { method: 'POST', path: '/', body: readBody } });
  const reads = await runLoad({ url: devnet.url, connections: ctx.params.connections, durationS: params.devnetReadS, request: { method: 'POST', path: '/', body: readBody } });

  // An empty block, for scale.
  const empty = await timedBlock(devnet.url);

  // n distinct transfers, signed up front.
  const bodies: string[] = [];
  for (let i = 0; i < n; i++) {
    const from = SENDERS[i % SENDERS.length];
    const to = SENDERS[(i + 1) % SENDERS.length];
    const op: Operation = ['transfer', { from, to, amount: '0.001 HIVE', memo: `bench ${i}` }];
    const tx = await sign.sign([op], keys.get(from)!);
    bodies.push(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'condenser_api.broadcast_transaction', params: [tx] }));
  }
  let k = 0;
  const broadcasts = await runLoad({
    url: devnet.url,
    connections: ctx.params.connections,
    durationS: 60,
    amount: n,
    next: () => ({ method: 'POST', path: '/', body: bodies[k++ % n] }),
  });

  // Apply blocks until the mempool is empty; the first one had all n pending.
  const blocks: Array<{ ms: number; transactions: number }> = [];
  let included = 0;
  for (let b = 0; b < 100 && included < n; b++) {
    const block = await timedBlock(devnet.url);
    blocks.push(block);
    included += block.transactions;
    if (block.transactions === 0) break;
  }
  const first = blocks[0];
  // JSON-RPC refusals are HTTP 200 too: what counts as accepted is what reached a block.
  const acceptedPerS = Math.min(broadcasts.ok, included) / broadcasts.durationS;
  progress.note(`broadcasts: ${acceptedPerS.toFixed(0)}/s accepted (reads ${reads.rps.toFixed(0)}/s); block with ${n} pending: ${first.ms.toFixed(1)} ms for ${first.transactions} transactions; ${included}/${n} included in ${blocks.length} blocks`);
  ctx.sections.devnet = {
    status: included === n ? 'ok' : 'failed',
    ...(included === n ? {} : { reason: `${n - included} of ${n} broadcast transactions never reached a block` }),
    pending: n,
    broadcasts: { acceptedPerS, rps: broadcasts.rps, p50: broadcasts.latencyMs.p50, p99: broadcasts.latencyMs.p99, ok: broadcasts.ok, non2xx: broadcasts.non2xx, errors: broadcasts.errors },
    reads: { rps: reads.rps, p50: reads.latencyMs.p50, p99: reads.latencyMs.p99 },
    emptyBlockMs: empty.ms,
    firstBlock: { ms: first.ms, transactions: first.transactions, pendingBefore: n },
    blocks,
    included,
    note: 'Blocks hold at most 65,536 bytes (hived maximum_block_size), so a block with 1,000 pending transfers takes what fits and keeps the rest for the next.',
  };
  ctx.ratios.push(ratio({ id: 'devnet.broadcasts_vs_reads', benchmark: 'devnet', label: 'broadcasts accepted/s ÷ reads/s on the same server', measured: acceptedPerS, reference: reads.rps, unit: 'req/s', referenceLabel: 'condenser_api.get_dynamic_global_properties' }));
  ctx.ratios.push(ratio({ id: 'devnet.block_with_pending_vs_interval', benchmark: 'devnet', label: `block application with ${n} pending ÷ Hive's 3 s block interval`, measured: first.ms, reference: HIVE_BLOCK_INTERVAL_MS, unit: 'ms', referenceLabel: '3,000 ms block interval', target: '< 1', met: first.ms < HIVE_BLOCK_INTERVAL_MS }));
  ctx.ratios.push(ratio({ id: 'devnet.block_with_pending_vs_empty', benchmark: 'devnet', label: `block application with ${n} pending ÷ an empty block`, measured: first.ms, reference: empty.ms, unit: 'ms', referenceLabel: 'empty block' }));
}
