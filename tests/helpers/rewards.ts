import request from 'supertest';
import { cryptoUtils } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';
import { createBoard } from './fixtures';
import { bearer, type TestMember } from './members';
import { devnetClient, devnetKey, devnetOf, hiveService, waitFor } from './chain';

/** Token rewards test helpers: boards with economics, account linking, balances on the devnet's Hive-Engine. */

export const rewards = (strapi: Core.Strapi) => strapi.plugin('hive-smt').service('rewards') as any;

/**
 * A board whose economics are switched on (fast emission: every second). Test
 * members are minutes old: unless a test says otherwise, the board trusts
 * every account from its first day (minAccountAgeDays 0), so reward maths are
 * tested on their own; the trust rule has tests of its own.
 */
export async function createRewardBoard(strapi: Core.Strapi, economics: Record<string, unknown> = {}, board: Record<string, unknown> = {}) {
  return createBoard(strapi, {
    hiveAccount: 'maple-school',
    ...board,
    economics: {
      enabled: true,
      symbol: 'MAPLE',
      precision: 3,
      issuer: 'maple-tokens',
      mode: 'issue',
      rewardPerInterval: '10',
      rewardIntervalSeconds: 1,
      curationRewardPercentage: 50,
      minAccountAgeDays: 0,
      ...economics,
    },
  });
}

/** Links a devnet account to a member the way a frontend does: challenge, Keychain-style signature, POST. */
export async function linkAccount(strapi: Core.Strapi, member: TestMember, account: string) {
  const api = request(strapi.server.httpServer);
  const { body } = await api.post('/api/me/hive-account/challenge').set(bearer(member)).expect(200);
  const signature = devnetKey(strapi, account, 'posting').sign(cryptoUtils.sha256(body.data.challenge)).toString();
  return api.post('/api/me/hive-account').set(bearer(member)).send({ account, signature });
}

/** The account's balance of a token on the devnet's Hive-Engine, in base units. */
export async function balanceUnits(strapi: Core.Strapi, account: string, symbol: string, precision: number): Promise<bigint> {
  const text: string = await hiveService(strapi, 'chain').engineBalance(account, symbol);
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(precision, '0').slice(0, precision));
}

/** The same, read over HTTP from a devnet process's Hive-Engine API (tests whose app runs in its own process). */
export async function devnetBalanceUnits(devnetUrl: string, account: string, symbol: string, precision: number): Promise<bigint> {
  const answer = await fetch(`${devnetUrl}/rpc/contracts`, {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'findOne', params: { contract: 'tokens', table: 'balances', query: { account, symbol } } }),
  }).then((r) => r.json());
  const [whole, fraction = ''] = String(answer.result?.balance ?? '0').split('.');
  return BigInt(whole + fraction.padEnd(precision, '0').slice(0, precision));
}

/**
 * A call to the devnet's Hive-Engine API over HTTP, as any client reads the sidechain (raw answers:
 * logs as JSON text, the sender, …). It limits each client to 10 calls a second: a 429 waits and asks again.
 */
export async function engineRpc(strapi: Core.Strapi, endpoint: 'blockchain' | 'contracts', method: string, params: unknown): Promise<any> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(`${devnetOf(strapi).engineApi}/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    });
    if (response.status === 429 && attempt < 50) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const answer = await response.json();
    if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }
}

/** Broadcasts Hive-Engine token actions from a devnet account (its active key), waiting for the block. */
export async function engineActions(strapi: Core.Strapi, sender: string, actions: Array<{ contractAction: string; contractPayload: Record<string, unknown> }>) {
  const devnet = devnetOf(strapi);
  const json = JSON.stringify(actions.map((a) => ({ contractName: 'tokens', ...a })));
  const confirmation = await devnetClient(strapi).broadcast.json({ id: devnet.engineId, json, required_auths: [sender], required_posting_auths: [] }, devnetKey(strapi, sender, 'active'));
  const txid = actions.length > 1 ? `${confirmation.id}-0` : confirmation.id;
  const info = await waitFor(async () => hiveService(strapi, 'chain').engineTransaction(txid), `sidechain transaction ${txid}`);
  return info;
}

/** A new token on the devnet (no creation fee there). */
export async function createToken(strapi: Core.Strapi, issuer: string, symbol: string, precision: number, maxSupply: string) {
  const info = await engineActions(strapi, issuer, [{ contractAction: 'create', contractPayload: { name: `${symbol} test token`, symbol, precision, maxSupply } }]);
  if (info!.errors.length) throw new Error(`token ${symbol}: ${info!.errors.join('; ')}`);
}

export const allocationsOf = (strapi: Core.Strapi, where: Record<string, unknown>) =>
  strapi.db.query('plugin::hive-smt.reward-allocation' as any).findMany({ where, orderBy: { id: 'asc' } }) as Promise<any[]>;

export const payoutsOf = (strapi: Core.Strapi, where: Record<string, unknown>) =>
  strapi.db.query('plugin::hive-smt.payout' as any).findMany({ where, orderBy: { id: 'asc' } }) as Promise<any[]>;

/** Sum of base units per member id. */
export function sumByMember(allocations: any[]): Map<number, bigint> {
  const sums = new Map<number, bigint>();
  for (const a of allocations) sums.set(a.memberId, (sums.get(a.memberId) ?? 0n) + BigInt(a.amount));
  return sums;
}

/**
 * At least two intervals of emission in the board's pool, so a settlement has
 * something to split. A test that closes a post's window itself waits for
 * this first: a tick settles a closed window with whatever the pool holds.
 */
export async function emitted(strapi: Core.Strapi, boardDocumentId: string, timeoutMs = 30000) {
  await waitFor(async () => {
    await rewards(strapi).tick();
    const pool = await strapi.db.query('plugin::hive-smt.board-pool' as any).findOne({ where: { boardDocumentId } });
    return pool && Number(pool.intervalsAccrued) >= 2;
  }, `emission into the pool of board ${boardDocumentId}`, timeoutMs, 250);
}

/**
 * Closes the reward windows of the board's unsettled posts now (as if their
 * cashout time had come: tests engage under a long window so a slow machine
 * never races it), then waits until the rewards pass settled them.
 */
export async function settled(strapi: Core.Strapi, boardDocumentId: string, timeoutMs = 30000) {
  await emitted(strapi, boardDocumentId, timeoutMs);
  await strapi.db.query('plugin::hive-smt.reward-post' as any).updateMany({ where: { boardDocumentId, settledAt: { $null: true } }, data: { cashoutAt: Date.now() } });
  return waitFor(
    async () => {
      await rewards(strapi).tick();
      const open = await strapi.db.query('plugin::hive-smt.reward-post' as any).count({ where: { boardDocumentId, settledAt: { $null: true } } });
      const all = await strapi.db.query('plugin::hive-smt.reward-post' as any).count({ where: { boardDocumentId } });
      return all > 0 && open === 0;
    },
    `the posts of board ${boardDocumentId} to settle`,
    timeoutMs,
    250,
  );
}
