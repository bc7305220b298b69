import { PrivateKey, cryptoUtils } from '@hiveio/dhive';
import type { Core } from '@strapi/strapi';
import { hiveSmtService } from '../utils/hive-smt-hooks';

const PAYOUT = 'plugin::hive-smt.payout';

/**
 * The demo's token economy: each demo board pays its devnet token (the
 * devnet's genesis creates MAPLE, SNAP with 3 decimals and OAK with 2 —
 * packages/hive-devnet/genesis.json — for their issuers). Emission is
 * quick (every 10 s) so a newcomer sees a pool fill, and every account is
 * trusted from its first day: there is no one to game a demo.
 */
export function demoEconomics(symbol: string, issuer: string, precision: number) {
  return {
    enabled: true,
    symbol,
    issuer,
    precision,
    mode: 'issue',
    rewardPerInterval: '1',
    rewardIntervalSeconds: 10,
    curationRewardPercentage: 50,
    minAccountAgeDays: 0,
  };
}

/** The demo's likes: who likes whose post (by title), so every board has engagement to split. */
export const DEMO_LIKES: Array<{ member: string; post: string }> = [
  { member: 'bob', post: 'School garden: planting day on Saturday' },
  { member: 'dave', post: 'School garden: planting day on Saturday' },
  { member: 'alice', post: 'Year 4 reading list' },
  { member: 'carol', post: 'Golden hour walk: results' },
  { member: 'dave', post: 'Golden hour walk: results' },
  { member: 'bob', post: 'Swap: 50mm lens for a tripod' },
  { member: 'alice', post: 'Street party on the 14th' },
  { member: 'carol', post: 'Street party on the 14th' },
  { member: 'bob', post: 'Tool library opening hours' },
];

const plugin = hiveSmtService;

/**
 * DEVNET ONLY: links each demo member to the devnet account of the same name
 * the way a member would (a challenge signed with the account's posting key,
 * verified against the chain), so their rewards are paid on chain. Keys come
 * from the embedded devnet's genesis, which exists only outside production.
 */
export async function linkDemoAccounts(strapi: Core.Strapi, members: Record<string, { id: number }>, log: (line: string) => void): Promise<number> {
  const devnet = plugin(strapi, 'chain')?.devnet();
  const accounts = plugin(strapi, 'accounts');
  if (!devnet || !accounts) return 0;
  let linked = 0;
  for (const [name, member] of Object.entries(members)) {
    const entry = devnet.accounts.find((a: any) => a.name === name);
    if (!entry) continue;
    try {
      const { challenge } = await accounts.createChallenge(member.id);
      const signature = PrivateKey.fromString(entry.keys.posting.wif).sign(cryptoUtils.sha256(challenge)).toString();
      await accounts.link(member.id, { account: name, signature, challenge });
      linked += 1;
    } catch (error) {
      log(`[seed] could not link @${name}: ${(error as Error).message}`);
    }
  }
  return linked;
}

export async function likeDemoPosts(strapi: Core.Strapi, members: Record<string, { id: number; username: string }>, posts: Record<string, { documentId: string }>): Promise<number> {
  const engagement = plugin(strapi, 'engagement');
  if (!engagement) return 0;
  let liked = 0;
  for (const { member, post } of DEMO_LIKES) {
    if (!members[member] || !posts[post]) continue;
    await engagement.like(posts[post].documentId, { id: members[member].id, username: members[member].username });
    liked += 1;
  }
  return liked;
}

let firstPeriod: NodeJS.Timeout | null = null;

/**
 * The demo's first paid period, soon after start: once every demo board's pool
 * holds two intervals of emission, their posts' reward windows close, the
 * rewards pass settles them and the payouts go out on the devnet. Runs while
 * no demo board has been paid yet (so a restart midway finishes the job), and
 * gives up after a few minutes (a chain that does not answer).
 */
export function startDemoFirstPeriod(strapi: Core.Strapi, boardDocumentIds: string[], log: (line: string) => void = (l) => strapi.log.info(l), everyMs = 2000, giveUpMs = 5 * 60 * 1000): void {
  const rewards = plugin(strapi, 'rewards');
  if (!rewards?.closeRewardWindows || boardDocumentIds.length === 0) return;
  const until = Date.now() + giveUpMs;
  let closed = false;
  const step = async () => {
    firstPeriod = null;
    const paid = await strapi.db.query(PAYOUT as any).count({ where: { boardDocumentId: { $in: boardDocumentIds } } });
    if (paid > 0) return;
    if (Date.now() > until) return log('[seed] the demo\'s first reward period did not settle in time: the rewards pass will settle it when its windows close');
    await rewards.tick();
    if (!closed) {
      const pools = await Promise.all(boardDocumentIds.map((id) => rewards.poolOf(id)));
      if (pools.every((pool) => pool && pool.intervalsAccrued >= 2)) {
        for (const id of boardDocumentIds) await rewards.closeRewardWindows(id);
        closed = true;
        await rewards.tick();
        await rewards.runPayoutNow();
        log("[seed] the demo's first reward period is settled: its payouts go out to the devnet");
      }
    }
    firstPeriod = setTimeout(() => step().catch((e) => log(`[seed] first reward period: ${(e as Error).message}`)), everyMs);
    firstPeriod.unref();
  };
  firstPeriod = setTimeout(() => step().catch((e) => log(`[seed] first reward period: ${(e as Error).message}`)), everyMs);
  firstPeriod.unref();
}

export function stopDemoFirstPeriod(): void {
  if (firstPeriod) clearTimeout(firstPeriod);
  firstPeriod = null;
}
