/**
 * The rewards engineer's payout pipeline under a bench: boots the compiled app
 * (its chain worker on, against the devnet named by HIVE_NODES), leaves N linked
 * members one unpaid reward allocation each — as a settled period leaves them —
 * asks the rewards service to schedule payouts, and waits until every payout
 * line is paid. Prints "RESULT <json>": per line its Hive block (from the
 * sidechain's getTransactionInfo), and the head blocks at start and end.
 * Environment: BENCH_PAYOUT_RECIPIENTS, BENCH_PAYOUT_BLOCK_MS, plus the app's.
 */
import { APP_DIR, DIST_DIR } from '../lib/paths';

const SYMBOL = 'MAPLE';
const ISSUER = 'maple-tokens';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rpc(url: string, method: string, params: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body: any = await res.json();
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.result;
}

async function main() {
  const recipients = Number(process.env.BENCH_PAYOUT_RECIPIENTS ?? 1000);
  const blockMs = Number(process.env.BENCH_PAYOUT_BLOCK_MS ?? 250);
  const node = process.env.HIVE_NODES!;
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR }).load();
  const done = async (line: string) => {
    process.stdout.write(`${line}\n`);
    await strapi.destroy();
    process.exit(0);
  };
  const rewards: any = strapi.plugin('hive-smt').service('rewards');

  const board = await strapi.documents('api::board.board').create({
    data: {
      name: 'Bench payout board',
      slug: 'bench-payouts',
      kind: 'school',
      hiveAccount: 'maple-school',
      tokenSymbol: SYMBOL,
      moderationMode: 'direct',
      active: true,
      economics: { enabled: true, symbol: SYMBOL, precision: 3, issuer: ISSUER, mode: 'issue', rewardPerInterval: '1', rewardIntervalSeconds: 3600 },
    } as any,
  });
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const names = Array.from({ length: recipients }, (_, i) => `bench-pay-${String(i + 1).padStart(4, '0')}`);
  await strapi.db.query('plugin::users-permissions.user').createMany({
    data: names.map((username) => ({ username, email: `${username}@bench.quanzi.local`, provider: 'local', confirmed: true, blocked: false, role: role.id })),
  });
  const users: any[] = await strapi.db.query('plugin::users-permissions.user').findMany({ where: { username: { $in: names } }, select: ['id', 'username'] });
  const stamp = Date.now();
  await strapi.db.query('plugin::hive-smt.account-link' as any).createMany({ data: users.map((u) => ({ userId: u.id, account: u.username, verifiedAt: stamp })) });
  await strapi.db.query('plugin::hive-smt.reward-allocation' as any).createMany({
    data: users.map((u, i) => ({
      boardDocumentId: board.documentId,
      postDocumentId: null,
      memberId: u.id,
      role: 'author',
      amount: String(1 + ((i * 7919) % 5000)),
      symbol: SYMBOL,
      precision: 3,
      day: new Date(stamp).toISOString().slice(0, 10),
      settledAt: stamp,
      payoutId: null,
    })),
  });

  const headOf = async () => (await rpc(node, 'condenser_api.get_dynamic_global_properties', [])).head_block_number as number;
  const startBlock = await headOf();
  const started = Date.now();
  const scheduled = await rewards.schedulePayouts();
  const deadline = Date.now() + Math.max(120000, blockMs * (recipients / 20) * 6);
  let lines: any[] = [];
  for (;;) {
    lines = await strapi.db.query('plugin::hive-smt.payout' as any).findMany({ where: { boardDocumentId: board.documentId }, select: ['id', 'state', 'engineTxId', 'txId', 'blockNum', 'error'] });
    const settled = lines.filter((l) => l.state === 'paid' || l.state === 'failed').length;
    if ((lines.length === recipients && settled === recipients) || Date.now() > deadline) break;
    await sleep(Math.max(20, blockMs / 4));
  }
  const seconds = (Date.now() - started) / 1000;
  const endBlock = await headOf();
  const engine = node.replace(/\/$/, '') + '/rpc/blockchain';
  const blocks: number[] = [];
  const errors: string[] = [];
  for (const line of lines.filter((l) => l.state === 'paid')) {
    const res = await fetch(engine, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getTransactionInfo', params: { txid: line.engineTxId } }) });
    const info: any = ((await res.json()) as any).result;
    const logs = info ? JSON.parse(info.logs || '{}') : { errors: ['no sidechain transaction'] };
    if (logs.errors?.length) errors.push(logs.errors.join('; '));
    else blocks.push(info.refHiveBlockNumber);
  }
  const result = {
    recipients,
    scheduled,
    lines: lines.length,
    paid: lines.filter((l) => l.state === 'paid').length,
    failed: lines.filter((l) => l.state === 'failed').map((l) => l.error).slice(0, 3),
    transactions: new Set(lines.map((l) => l.txId).filter(Boolean)).size,
    engineErrors: errors.slice(0, 3),
    confirmedBlocks: blocks,
    startBlock,
    endBlock,
    seconds,
  };
  await done(`RESULT ${JSON.stringify(result)}`);
}

main().catch((error) => {
  process.stderr.write(`payout-pipeline failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
