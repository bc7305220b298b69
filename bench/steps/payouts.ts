/**
 * Benchmark 4: payout recipients per block against Hive-Engine's limit of 20
 * token actions per sender per block, on a devnet with timed blocks.
 *  - pipeline: the app's own payout pipeline (allocations → payout
 *    lines → packed jobs → worker → sidechain confirmation), run by
 *    bench/runners/payout-pipeline.ts.
 *  - packer: the plugin's packer alone (payouts/pack.ts), signed with dhive as
 *    the issuer and broadcast one planned block after the other on a devnet
 *    that makes a block when asked: what the packing allows, with no timing
 *    and no pipeline in the way.
 * Blocks are counted until the sidechain confirmed every payment.
 */
import { PrivateKey, type Operation } from '@hiveio/dhive';
import { devnetModule, headBlock, rpc, signer } from '../lib/chain';
import { runnerPath } from '../lib/paths';
import { startChild, waitForLine } from '../lib/procs';
import { appEnv } from '../lib/servers';
import { ratio, type Ctx } from '../lib/types';

const ISSUER = 'maple-tokens';
const SYMBOL = 'MAPLE';
const ENGINE_LIMIT = 20;


export interface PayoutPath {
  recipients: number;
  confirmed: number;
  /** First to last block holding a confirmed payment. */
  blocksUsed: number;
  /** Head at start to the block of the last payment. */
  blocksElapsed: number;
  recipientsPerBlock: number;
  /** The most payments confirmed in any one block (the limit must hold in every block). */
  maxPerBlock: number;
  cumulative: Array<{ block: number; recipients: number }>;
  transactions: number;
  wallS: number;
  failures: string[];
}

function summarize(recipients: number, blocksOfConfirmed: number[], startHead: number, transactions: number, wallS: number, failures: string[]): PayoutPath {
  const first = Math.min(...blocksOfConfirmed);
  const last = Math.max(...blocksOfConfirmed);
  const perBlock = new Map<number, number>();
  for (const b of blocksOfConfirmed) perBlock.set(b, (perBlock.get(b) ?? 0) + 1);
  // Counted from the head block when paying started, so a slow start shows.
  const cumulative: PayoutPath['cumulative'] = [];
  let sum = 0;
  for (let b = startHead + 1; b <= last; b++) {
    sum += perBlock.get(b) ?? 0;
    cumulative.push({ block: b - startHead, recipients: sum });
  }
  const blocksUsed = blocksOfConfirmed.length ? last - first + 1 : NaN;
  return {
    recipients,
    confirmed: blocksOfConfirmed.length,
    blocksUsed,
    blocksElapsed: blocksOfConfirmed.length ? last - startHead : NaN,
    recipientsPerBlock: blocksOfConfirmed.length / blocksUsed,
    maxPerBlock: Math.max(0, ...perBlock.values()),
    cumulative,
    transactions,
    wallS,
    failures,
  };
}

async function engineTx(url: string, txid: string) {
  const res = await fetch(`${url}/rpc/blockchain`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getTransactionInfo', params: { txid } }) });
  return ((await res.json()) as any).result;
}

async function packerPath(ctx: Ctx, devnet: { url: string; chainId: string }, recipients: number) {
  // The packer is the plugin package's `hive-smt/payouts` entry (pure: no Strapi, no chain).
  const pack = await import('hive-smt/payouts');
  const payments = Array.from({ length: recipients }, (_, i) => ({ to: `payee${i + 1}`, quantity: BigInt(1 + ((i * 7919) % 5000)), symbol: SYMBOL, precision: 3 }));
  const plan = pack.packPayoutBatches(payments, { sender: ISSUER, engineId: 'ssc-mainnet-hive', mode: 'issue' });
  // DEVNET ONLY: the genesis issuer's well-known active key.
  const key = PrivateKey.fromString(devnetModule().devnetKey(ISSUER, 'active'));
  const sign = signer(devnet.url, devnet.chainId);
  const started = Date.now();
  const startHead = await headBlock(devnet.url);
  const sent: Array<{ txId: string; block: number }> = [];
  for (const block of plan.blocks) {
    const tx = await sign.sign(block.map((b) => ['custom_json', plan.batches[b].body] as Operation), key);
    await rpc(devnet.url, 'condenser_api.broadcast_transaction', [tx]);
    // One planned block, one chain block (the devnet makes blocks on demand here).
    await rpc(devnet.url, 'debug_node_api.debug_generate_blocks', { count: 1 });
    sent.push({ txId: tx.id, block: await headBlock(devnet.url) });
  }
  // Hive-Engine processes a Hive block once its streamer has fetched two more (its anti-fork buffer): let the
  // last payments' blocks out of it. These blocks carry no payments and are not counted.
  await rpc(devnet.url, 'debug_node_api.debug_generate_blocks', { count: 3 });
  const confirmedBlocks: number[] = [];
  const failures: string[] = [];
  for (const s of sent) {
    let info: any = null;
    for (let attempt = 0; attempt < 50 && !info; attempt++) {
      info = await engineTx(devnet.url, s.txId);
      if (!info) await new Promise((r) => setTimeout(r, 50));
    }
    for (const a of Array.isArray(info) ? info : info ? [info] : []) {
      const logs = JSON.parse(a.logs || '{}');
      if (logs.errors?.length) failures.push(logs.errors.join('; '));
      else confirmedBlocks.push(s.block);
    }
  }
  return {
    ...summarize(recipients, confirmedBlocks, startHead, sent.length, (Date.now() - started) / 1000, failures),
    customJsonOps: plan.batches.length,
    plannedBlocks: plan.blocks.length,
    minimumBlocks: pack.minimumBlocksFor(recipients),
  };
}

type PipelineOutcome = { kind: 'ran'; path: PayoutPath & { lines: number; paid: number; scheduled: unknown } } | { kind: 'failed'; reason: string };

async function pipelinePath(ctx: Ctx, devnet: { url: string; chainId: string }, recipients: number, blockMs: number, databaseFile: string): Promise<PipelineOutcome> {
  const scale = blockMs / 3000;
  const ms = (v: number) => String(Math.max(10, Math.round(v * scale)));
  const child = startChild(
    'payout-pipeline',
    runnerPath('payout-pipeline'),
    appEnv(databaseFile, 0, devnet, {
      BENCH_PAYOUT_RECIPIENTS: String(recipients),
      BENCH_PAYOUT_BLOCK_MS: String(blockMs),
      // DEVNET ONLY: the issuer's well-known active key, from the environment as in production.
      HIVE_ACTIVE_KEY_MAPLE_TOKENS: devnetModule().devnetKey(ISSUER, 'active'),
      // Worker timings scaled with the block interval, as for publishing.
      HIVE_WORKER_POLL_MS: ms(1000),
      HIVE_WORKER_RECHECK_MS: ms(3000),
      HIVE_INCLUSION_WAIT_MS: ms(7000),
      HIVE_WORKER_BACKOFF_MS: ms(5000),
      REWARDS_TICK_MS: ms(30000),
    }),
  );
  try {
    const [, kind, text] = await waitForLine(child, /^(RESULT|FAILED) (.*)$/, 300000);
    if (kind === 'FAILED') return { kind: 'failed', reason: text };
    const r = JSON.parse(text);
    const failures = [...r.failed, ...r.engineErrors];
    return { kind: 'ran', path: { ...summarize(recipients, r.confirmedBlocks, r.startBlock, r.transactions, r.seconds, failures), lines: r.lines, paid: r.paid, scheduled: r.scheduled } };
  } finally {
    await child.stop();
  }
}

type Devnet = { url: string; chainId: string };

/** devnet: timed blocks (blockMs), for the pipeline; onDemand: blocks when asked, for the packer alone. */
export async function payoutsBenchmark(ctx: Ctx, devnet: Devnet, onDemand: Devnet, blockMs: number, pipelineDb: string) {
  const { params, progress } = ctx;
  const n = params.payoutRecipients;
  const minimum = Math.ceil(n / ENGINE_LIMIT);
  const packer = await packerPath(ctx, onDemand, n);
  progress.note(`packer alone: ${packer.confirmed}/${n} confirmed in ${packer.blocksUsed} blocks (${packer.recipientsPerBlock.toFixed(1)} per block)`);
  let outcome: PipelineOutcome;
  try {
    outcome = await pipelinePath(ctx, devnet, n, blockMs, pipelineDb);
  } catch (error) {
    outcome = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
  const pipeline = outcome.kind === 'ran' ? outcome.path : null;
  if (pipeline) progress.note(`payout pipeline: ${pipeline.confirmed}/${n} paid in ${pipeline.blocksUsed} blocks with payouts (${pipeline.recipientsPerBlock.toFixed(1)} per block), ${pipeline.blocksElapsed} blocks from scheduling to the last`);
  else if (outcome.kind !== 'ran') progress.note(`payout pipeline: ${outcome.kind.toUpperCase()} (${outcome.reason.split('\n')[0]})`);

  const primary: PayoutPath = pipeline ?? packer;
  const complete = packer.confirmed === n && (!pipeline || pipeline.confirmed === n);
  const pipelineProblem = outcome.kind === 'failed' ? `payout pipeline failed: ${outcome.reason}` : null;
  ctx.sections.payouts = {
    status: !complete || pipelineProblem ? 'failed' : 'ok',
    ...(!complete
      ? { reason: `not every payment confirmed: pipeline ${pipeline ? pipeline.confirmed : '-'} / packer ${packer.confirmed} of ${n} (${[...(pipeline?.failures ?? []), ...packer.failures].slice(0, 3).join(' / ')})` }
      : pipelineProblem
        ? { reason: pipelineProblem }
        : {}),
    pipelineName: pipeline ? "the app's payout pipeline" : 'packer + devnet',
    blockIntervalMs: blockMs,
    recipients: n,
    engineLimitPerBlock: ENGINE_LIMIT,
    minimumBlocks: minimum,
    pipeline: pipeline ?? { status: outcome.kind, reason: outcome.kind === 'ran' ? '' : outcome.reason },
    packer,
    // The headline figures (chart, README): the pipeline when the build has one.
    confirmed: primary.confirmed,
    blocksUsed: primary.blocksUsed,
    recipientsPerBlock: primary.recipientsPerBlock,
    cumulative: primary.cumulative,
    packerCumulative: packer.cumulative,
  };
  if (pipeline) {
    ctx.ratios.push(ratio({ id: 'payouts.recipients_per_block_vs_limit', benchmark: 'payouts', label: 'payout pipeline: recipients per block (first to last payout block) ÷ 20 actions per sender per block', measured: pipeline.recipientsPerBlock, reference: ENGINE_LIMIT, unit: 'recipients/block', referenceLabel: 'Hive-Engine limit' }));
    ctx.ratios.push(ratio({ id: 'payouts.pipeline_max_per_block_vs_limit', benchmark: 'payouts', label: 'payout pipeline: most payments in one block ÷ 20 (never over the limit)', measured: pipeline.maxPerBlock, reference: ENGINE_LIMIT, unit: 'actions/block', referenceLabel: 'Hive-Engine limit', target: '≤ 1', met: pipeline.maxPerBlock <= ENGINE_LIMIT }));
    ctx.ratios.push(ratio({ id: 'payouts.pipeline_blocks_elapsed_vs_minimum', benchmark: 'payouts', label: 'payout pipeline: blocks from scheduling to the last payment ÷ fewest the limit allows', measured: pipeline.blocksElapsed, reference: minimum, unit: 'blocks', referenceLabel: `⌈${n} / 20⌉` }));
  }
  ctx.ratios.push(ratio({ id: 'payouts.packer_recipients_per_block_vs_limit', benchmark: 'payouts', label: 'packer alone: recipients per block ÷ 20 actions per sender per block', measured: packer.recipientsPerBlock, reference: ENGINE_LIMIT, unit: 'recipients/block', referenceLabel: 'Hive-Engine limit', target: '≤ 1', met: packer.maxPerBlock <= ENGINE_LIMIT }));
  ctx.ratios.push(ratio({ id: 'payouts.packer_blocks_vs_minimum', benchmark: 'payouts', label: 'packer alone: blocks used ÷ fewest the limit allows', measured: packer.blocksUsed, reference: minimum, unit: 'blocks', referenceLabel: `⌈${n} / 20⌉` }));
}
